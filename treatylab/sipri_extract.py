"""The course's extract of SIPRI's exports: what data/sipri/raw/ holds, how it is made and read.

Why an extract: SIPRI's terms of use (archived in February 2016,
http://web.archive.org/web/20160211055816/http://www.sipri.org/databases/terms; the current text
was not found) count as fair use only non-commercial use that reproduces less than 10 per cent
of a published data set, and ask that SIPRI's contents not be copied onto other websites. So
the repository never holds SIPRI's full exports. Whenever the import (``python -m
treatylab.sipri``, ``make data``) reads a full export, it writes in its place:

* the trade register's rows with Russia or Iran as supplier or recipient, SIPRI's lines
  unchanged and in SIPRI's order, under SIPRI's header text and column row, so that the same
  reader reads them (``trade-register-extract_russia-iran_<years>_generated-<date>.csv``);
* what needs every row of the register, per delivery year: the number of rows of the full
  export and the sum of their TIV, our calculation
  (``trade-register-world-totals_<years>_generated-<date>.csv``);
* the TIV tables' rows of Russia and the Soviet Union as exporters
  (``tiv-by-exporter-extract_russia-soviet-union_<years>_vintage-<year>.csv``) and of Iran as
  importer, with SIPRI's "Total" rows (``tiv-by-importer-extract_iran_<years>_vintage-<year>.csv``).

Each file starts with lines beginning ``# treatylab`` that say what it is and record the full
export it was made from: the name the course gives it, its rows, its years and its sha256, so
anyone with SIPRI's file can check the extract (importing that file again writes the same
bytes). Nothing here depends on the date of the import, so the extract is reproducible.

A user-supplied file is never read as an extract: ``treatylab.sipri_exports`` refuses any file
starting with ``# treatylab``; the import reads the extract only from data/sipri/raw/, after
checking its sha256 against data/datapackage.json (``treatylab.sipri_import``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from treatylab.sipri_exports import (
    REGISTER_COLUMNS,
    TREATYLAB_MARK,
    Export,
    SipriFormatError,
    _check_kinds,
    _check_no_missing_year,
    _csv_rows,
    _first_fields,
    parse_date,
    parse_register,
    parse_tiv_table,
    read_text,
    tiv_vintage_from_name,
)

# What the course keeps of each export (the lessons use nothing else).
KEPT_COUNTRIES = ("Russia", "Iran")  # the register: rows with one of them as supplier or recipient
KEPT_EXPORTERS = ("Russia", "Soviet Union")  # the TIV table by exporter: Export_From
KEPT_IMPORTERS = ("Iran",)  # the TIV table by importer: Import_To

KEPT_TEXT = {
    "register": "the rows with Russia or Iran as supplier or recipient",
    "exports": "the rows with Russia or the Soviet Union as exporter (Export_From), SIPRI's "
    "'Total' rows included",
    "imports": "the rows with Iran as importer (Import_To), SIPRI's 'Total' rows included",
}
README = "data/sipri/raw/README.md"
EXTRACT_TITLE = (
    f"{TREATYLAB_MARK} extract of a SIPRI export, not SIPRI's file: made by "
    f"`python -m treatylab.sipri` from the full export named below (see {README})"
)
TOTALS_TITLE = (
    f"{TREATYLAB_MARK} calculation from a SIPRI export, not SIPRI's data: per delivery year, the "
    "rows of the full trade register named below and the sum of their TIV delivery values "
    f"(TIV, millions); made by `python -m treatylab.sipri` (see {README})"
)
TOTALS_COLUMNS = ["delivery_year", "rows", "tiv_delivered"]
# Decimal places of the world totals: those of the SIPRI tables (treatylab.sipri.TIV_DECIMALS).
TOTALS_DECIMALS = 3

# The committed files in data/sipri/raw/, by kind.
PATTERNS = {
    "register": "trade-register-extract_*.csv",
    "totals": "trade-register-world-totals_*.csv",
    "exports": "tiv-by-exporter-extract_*.csv",
    "imports": "tiv-by-importer-extract_*.csv",
}
# SIPRI's full exports as the course names them: they must not be kept in data/sipri/raw/.
FULL_EXPORT_PATTERNS = ("trade-register_*.csv", "tiv-by-exporter_*.csv", "tiv-by-importer_*.csv")


# --- names --------------------------------------------------------------------------------


def kind_of(export: Export) -> str:
    """ "register", "exports" or "imports"."""
    return "register" if export.side is None else export.side


def register_extract_name(register: Export) -> str:
    years = f"{register.first_year}-{register.last_year}"
    return f"trade-register-extract_russia-iran_{years}_generated-{register.generated}.csv"


def world_totals_name(register: Export) -> str:
    years = f"{register.first_year}-{register.last_year}"
    return f"trade-register-world-totals_{years}_generated-{register.generated}.csv"


def tiv_extract_name(table: Export) -> str:
    years = f"{table.first_year}-{table.last_year}"
    kept = (
        "exporter-extract_russia-soviet-union"
        if table.side == "exports"
        else "importer-extract_iran"
    )
    return f"tiv-by-{kept}_{years}_vintage-{table.vintage_year}.csv"


def committed_names(export: Export) -> tuple[str, ...]:
    """The files in data/sipri/raw/ that stand for ``export`` (full or extract)."""
    if export.side is None:
        return register_extract_name(export), world_totals_name(export)
    return (tiv_extract_name(export),)


def patterns_of(export: Export) -> tuple[str, ...]:
    """The name patterns of the files ``committed_names`` gives, to find the superseded ones."""
    if export.side is None:
        return PATTERNS["register"], PATTERNS["totals"]
    return (PATTERNS[export.side],)


# --- the marker lines ---------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    """The ``# treatylab`` lines at the top of a committed file: its title and its records."""

    title: str
    fields: dict[str, str]
    lines: int  # how many lines they take: the file's own content starts after them

    def get(self, path: Path, key: str) -> str:
        if key not in self.fields:
            raise SipriFormatError(
                path, f"the treatylab lines at its top have no '# {key}:' line", advice=_RESTORE
            )
        return self.fields[key]

    def integer(self, path: Path, key: str) -> int:
        value = self.get(path, key)
        if not value.isdigit():
            raise SipriFormatError(path, f"'# {key}: {value}' is not a number", advice=_RESTORE)
        return int(value)

    def years(self, path: Path) -> tuple[int, int]:
        value = self.get(path, "full export years")
        first, _, last = value.partition("-")
        if not (first.isdigit() and last.isdigit() and int(first) <= int(last)):
            raise SipriFormatError(
                path, f"'# full export years: {value}' is not a range of years", advice=_RESTORE
            )
        return int(first), int(last)


_RESTORE = (
    "Restore data/sipri/raw/ with `git checkout -- data/sipri/raw/`, or import SIPRI's full "
    'export again with make data SIPRI_ARGS="--register FILE ..." (see ' + README + ")."
)


def read_marker(text: str) -> Marker | None:
    """The marker of a file the course wrote, or None if ``text`` does not start with one."""
    if not text.startswith(TREATYLAB_MARK):
        return None
    lines = text.split("\n")
    count = 0
    while count < len(lines) and lines[count].startswith("# "):
        count += 1
    fields = {}
    for line in lines[1:count]:
        key, _, value = line[2:].partition(": ")
        fields[key.strip()] = value.strip()
    return Marker(title=lines[0].rstrip("\r"), fields=fields, lines=count)


def source_sha256(path: Path) -> str | None:
    """The sha256 of the full export a committed file was made from (None if not recorded)."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        head = "".join(handle.readline() for _ in range(12))
    marker = read_marker(head)
    return marker.fields.get("full export sha256") if marker else None


def _marker_lines(title: str, fields: dict[str, object]) -> list[str]:
    return [title, *(f"# {key}: {value}" for key, value in fields.items())]


def _source_fields(export: Export, data: bytes) -> dict[str, object]:
    return {
        "full export": export.canonical_name,
        "full export rows": export.rows,
        "full export years": f"{export.first_year}-{export.last_year}",
        "full export sha256": hashlib.sha256(data).hexdigest(),
    }


# --- making the extract from a full export ------------------------------------------------


def extract_files(export: Export) -> dict[str, str]:
    """The committed files for a full export, name -> text: its extract (and world totals)."""
    if export.extract:
        raise ValueError(f"{export.path} is already an extract")
    data = export.path.read_bytes()
    text = read_text(export.path)
    if export.side is None:
        return {
            register_extract_name(export): _register_extract_text(export, data, text),
            world_totals_name(export): _world_totals_text(export, data, text),
        }
    return {tiv_extract_name(export): _tiv_extract_text(export, data, text)}


def _row_lines(frame: pd.DataFrame, lines: list[str], column_row: int) -> list[list[str]]:
    """The file lines of each row of ``frame`` (whose index is the line where a row ends)."""
    out, start = [], column_row + 1  # 0-based index of the line after the column row
    for end in frame.index.tolist():  # 1-based line numbers
        span = [line.rstrip("\r") for line in lines[start:end]]
        while span and not span[0]:
            span.pop(0)
        out.append(span)
        start = end
    return out


def _kept_lines(
    export: Export, text: str, column_row: int, keep: Callable[[pd.DataFrame], pd.Series]
) -> list[str]:
    lines = text.split("\n")
    kept = keep(export.frame).to_numpy()
    spans = _row_lines(export.frame, lines, column_row)
    return [line for span, wanted in zip(spans, kept, strict=True) if wanted for line in span]


def _keep_register(frame: pd.DataFrame) -> pd.Series:
    return frame["Supplier"].str.strip().isin(KEPT_COUNTRIES) | frame["Recipient"].str.strip().isin(
        KEPT_COUNTRIES
    )


def _keep_tiv(side: str) -> Callable[[pd.DataFrame], pd.Series]:
    column, kept = (
        ("Export_From", KEPT_EXPORTERS) if side == "exports" else ("Import_To", KEPT_IMPORTERS)
    )
    return lambda frame: frame[column].str.strip().isin(kept)


def _register_column_row(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(REGISTER_COLUMNS[0]))


def _register_extract_text(register: Export, data: bytes, text: str) -> str:
    lines = text.split("\n")
    column_row = _register_column_row(lines)
    rows = _kept_lines(register, text, column_row, _keep_register)
    fields = {"kept": KEPT_TEXT["register"], "rows kept": int(_keep_register(register.frame).sum())}
    header = [line.rstrip("\r") for line in lines[: column_row + 1]]
    marker = _marker_lines(EXTRACT_TITLE, fields | _source_fields(register, data))
    return "\n".join([*marker, *header, *rows]) + "\n"


def _tiv_extract_text(table: Export, data: bytes, text: str) -> str:
    assert table.side is not None
    lines = text.split("\n")
    keep = _keep_tiv(table.side)
    rows = _kept_lines(table, text, 0, keep)
    fields = {"kept": KEPT_TEXT[table.side], "rows kept": int(keep(table.frame).sum())}
    marker = _marker_lines(EXTRACT_TITLE, fields | _source_fields(table, data))
    return "\n".join([*marker, lines[0].rstrip("\r"), *rows]) + "\n"


def world_totals(register: Export) -> pd.DataFrame:
    """Per delivery year of the full export: rows and the sum of TIV delivered (millions).

    The values are parsed as ``treatylab.sipri.register_frame`` parses them and summed per
    year in file order, as the world total of ``sipri_long_series`` was summed from the full
    export, so the series built from these figures is the one built from the full export. An
    extract has them from its committed world totals.
    """
    if register.world is not None:
        return register.world
    frame = register.frame
    years = pd.to_numeric(pd.Series([v.strip() for v in frame["Delivery year"].tolist()]))
    tiv = pd.to_numeric(
        pd.Series([v.strip() or None for v in frame["TIV delivery values"].tolist()], dtype=object)
    ).astype(float)
    grouped = pd.Series(tiv.to_numpy(), index=years.astype(int).to_numpy()).groupby(level=0)
    sums = grouped.sum()
    return pd.DataFrame(
        {
            "delivery_year": sums.index.astype(int),
            "rows": grouped.size().to_numpy(),
            "tiv_delivered": sums.round(TOTALS_DECIMALS).to_numpy(),
        }
    )


def _world_totals_text(register: Export, data: bytes, text: str) -> str:
    assert register.generated is not None
    line = next(
        (x.strip() for x in text.split("\n", 30)[:30] if x.startswith("Data generated:")), ""
    )
    fields = _source_fields(register, data)
    fields = {
        "full export": fields.pop("full export"),
        "full export generated": f"{register.generated.isoformat()} ({line})",
        **fields,
    }
    table = world_totals(register).to_csv(index=False, lineterminator="\n")
    return "\n".join(_marker_lines(TOTALS_TITLE, fields)) + "\n" + table


# --- reading the committed extract --------------------------------------------------------


def _marker_of(path: Path, text: str, title: str) -> Marker:
    marker = read_marker(text)
    if marker is None or marker.title != title:
        what = "the course's extract" if title == EXTRACT_TITLE else "the world totals"
        first = text.split("\n", 1)[0].strip()
        raise SipriFormatError(
            path,
            f"this file should be {what}, starting with {title[:50]!r}...; its first line is "
            f"{first[:80]!r}",
            line=1,
            advice=_RESTORE,
        )
    return marker


def read_world_totals(path: str | Path) -> tuple[pd.DataFrame, Marker]:
    """The committed world totals, checked: years complete, rows adding up to the full export."""
    path = Path(path)
    text = read_text(path)
    marker = _marker_of(path, text, TOTALS_TITLE)
    lines = text.split("\n")
    if _first_fields(lines[marker.lines]) != TOTALS_COLUMNS:
        raise SipriFormatError(
            path, f"expected the columns {TOTALS_COLUMNS}", line=marker.lines + 1, advice=_RESTORE
        )
    frame = _csv_rows(path, text, lines, marker.lines, TOTALS_COLUMNS, "world totals")
    kinds = {"delivery_year": "year", "rows": "integer", "tiv_delivered": "number"}
    _check_kinds(path, frame, kinds, text)
    table = pd.DataFrame(
        {
            "delivery_year": frame["delivery_year"].astype(int).to_numpy(),
            "rows": frame["rows"].astype(int).to_numpy(),
            "tiv_delivered": frame["tiv_delivered"].astype(float).to_numpy(),
        }
    )
    first, last = marker.years(path)
    _check_no_missing_year(path, table["delivery_year"], "delivery year")
    if (int(table["delivery_year"].min()), int(table["delivery_year"].max())) != (first, last):
        raise SipriFormatError(
            path, f"the years differ from '# full export years: {first}-{last}'", advice=_RESTORE
        )
    rows = marker.integer(path, "full export rows")
    if int(table["rows"].sum()) != rows:
        raise SipriFormatError(
            path,
            f"the rows per year add up to {int(table['rows'].sum()):,}, not to the "
            f"{rows:,} of '# full export rows'",
            advice=_RESTORE,
        )
    return table, marker


def read_register_extract(path: str | Path, totals: str | Path) -> Export:
    """The committed register extract with its world totals, as the full export's Export.

    ``rows``, the years and ``world`` are the full export's; ``frame`` holds the kept rows.
    """
    path = Path(path)
    text = read_text(path)
    marker = _marker_of(path, text, EXTRACT_TITLE)
    register = parse_register(path, text, start=marker.lines, check_years=False)
    world, totals_marker = read_world_totals(totals)
    _check_kept(path, marker, register.frame, _keep_register, "supplier or recipient")
    sha = marker.get(path, "full export sha256")
    if totals_marker.get(Path(totals), "full export sha256") != sha:
        raise SipriFormatError(
            totals,
            f"made from another export than {path.name} (their '# full export sha256' lines "
            "differ)",
            advice=_RESTORE,
        )
    generated = parse_date(totals_marker.get(Path(totals), "full export generated"))
    if generated != register.generated:
        raise SipriFormatError(
            totals,
            f"'# full export generated' ({generated}) differs from the 'Data generated:' line of "
            f"{path.name} ({register.generated})",
            advice=_RESTORE,
        )
    first, last = marker.years(path)
    full_rows = marker.integer(path, "full export rows")
    if (first, last) != (int(world["delivery_year"].min()), int(world["delivery_year"].max())):
        raise SipriFormatError(
            path, f"its years differ from those of {Path(totals).name}", advice=_RESTORE
        )
    per_year = pd.to_numeric(register.frame["Delivery year"]).astype(int).value_counts()
    recorded = world.set_index("delivery_year")["rows"]
    too_many = [y for y, n in per_year.items() if n > recorded.get(y, 0)]
    if too_many:
        raise SipriFormatError(
            path,
            f"it has more rows for delivery year {too_many[0]} than the full export had "
            f"({Path(totals).name})",
            advice=_RESTORE,
        )
    return dataclasses.replace(
        register,
        first_year=first,
        last_year=last,
        rows=full_rows,
        extract=True,
        source_sha256=sha,
        world=world,
    )


def read_tiv_extract(path: str | Path, side: str) -> Export:
    """A committed TIV extract, as the full table's Export (rows and years of the full table)."""
    path = Path(path)
    text = read_text(path)
    marker = _marker_of(path, text, EXTRACT_TITLE)
    vintage = tiv_vintage_from_name(marker.get(path, "full export"))
    table = parse_tiv_table(path, text, side, vintage, start=marker.lines, check_years=False)
    column = "exporter" if side == "exports" else "importer"
    _check_kept(path, marker, table.frame, _keep_tiv(side), column)
    first, last = marker.years(path)
    return dataclasses.replace(
        table,
        first_year=first,
        last_year=last,
        rows=marker.integer(path, "full export rows"),
        extract=True,
        source_sha256=marker.get(path, "full export sha256"),
    )


def _check_kept(
    path: Path,
    marker: Marker,
    frame: pd.DataFrame,
    keep: Callable[[pd.DataFrame], pd.Series],
    what: str,
) -> None:
    """The extract holds the rows it says it keeps, and only those: it was not edited."""
    kept = keep(frame)
    if not kept.all():
        line = int(frame.index[(~kept).to_numpy()][0])
        raise SipriFormatError(
            path, f"a row the extract does not keep (its {what})", line=line, advice=_RESTORE
        )
    count = marker.integer(path, "rows kept")
    if count != len(frame):
        raise SipriFormatError(
            path,
            f"it has {len(frame):,} rows where '# rows kept' says {count:,}",
            advice=_RESTORE,
        )
