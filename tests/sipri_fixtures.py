"""Synthetic full SIPRI exports for the tests, built from the committed extract alone.

The repository holds only the course's extract of SIPRI's exports (data/sipri/raw/, see its
README), so the tests cannot read SIPRI's full files: they run in a fresh clone with nothing
beside it. They build a *synthetic full export* instead: the extract's rows (SIPRI's lines,
unchanged, in their order) and, between them, filler rows of an invented supplier
("Synthetic supplier" to "Synthetic recipient") that bring each delivery year to the rows and
the world TIV recorded in the committed world totals. Imported, it gives back the committed
extract (apart from the line with the full export's sha256) and every table byte for byte.
The TIV tables are completed the same way, with blocks of an invented exporter and importer.

Used by test_sipri.py, test_sipri_import.py and the living-course test, which imports
``register_without_last_year`` (an older edition) and ``register_with_added_year`` (a newer
release) with ``make data SIPRI_ARGS="--register FILE"``. ``damaged_registers`` makes the
damaged downloads the refusal tests feed to the import.

Every function writes into a folder it is given and returns the paths; nothing here touches
data/.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
RAW = DATA_DIR / "sipri" / "raw"

SUPPLIER = "Synthetic supplier"  # invented: no SIPRI row has it
RECIPIENT = "Synthetic recipient"
NEW_GENERATED = "10 Mar 2025 9:00:00 AM"  # the "Data generated:" date of the added-year release
YEAR_FIELD = 10  # "Delivery year" in a register row
TIV_FIELD = 15  # "TIV delivery values"


# --- the committed extract ----------------------------------------------------------------


def committed(pattern: str, raw: Path = RAW) -> Path:
    """The one committed file of data/sipri/raw/ matching ``pattern``."""
    (found,) = sorted(raw.glob(pattern))
    return found


def register_extract() -> Path:
    return committed("trade-register-extract_*.csv")


def world_totals_file() -> Path:
    return committed("trade-register-world-totals_*.csv")


def tiv_extract(side: str) -> Path:
    return committed(f"tiv-by-{'exporter' if side == 'exports' else 'importer'}-extract_*.csv")


def split_marker(path: Path) -> tuple[list[str], list[str]]:
    """The ``# treatylab`` lines of a committed file, and the lines after them (no last "")."""
    lines = path.read_text(encoding="utf-8").split("\n")
    count = next(i for i, line in enumerate(lines) if not line.startswith("# "))
    return lines[:count], [line for line in lines[count:-1]]


def marker_fields(path: Path) -> dict[str, str]:
    marker, _ = split_marker(path)
    return dict(line[2:].split(": ", 1) for line in marker[1:])


@functools.cache
def world_totals() -> dict[int, tuple[int, str]]:
    """The committed world totals: delivery year -> (rows, TIV as written)."""
    _, lines = split_marker(world_totals_file())
    rows = list(csv.DictReader(lines))
    return {int(r["delivery_year"]): (int(r["rows"]), r["tiv_delivered"]) for r in rows}


def year_of(row: str) -> str:
    return next(csv.reader([row]))[YEAR_FIELD]


def with_year(row: str, year: str) -> str:
    fields = next(csv.reader([row]))
    fields[YEAR_FIELD] = year
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue()


# --- a synthetic full trade register ------------------------------------------------------


def _filler(deal_id: int, year: int, tiv: Decimal) -> str:
    value = format(tiv.normalize(), "f")
    return (
        f"{deal_id},{SUPPLIER},{RECIPIENT},filler,invented row for the tests,Other,{year},No,1,"
        f"No,{year},No,New,{value},{value},{value},No"
    )


@functools.cache
def register_parts() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """SIPRI's header (11 lines and the column row) and the rows of a synthetic full register.

    The extract's rows keep their order; the filler rows are spread evenly between them, year
    after year in turn, so that any cut keeps part of every year, as in SIPRI's own file
    (sorted by recipient). Each year's filler rows carry, to the cent, the world TIV the
    extract lacks; the last one takes the remainder (up to three decimals).
    """
    _, lines = split_marker(register_extract())
    header, extract = lines[:12], lines[12:]
    extract_tiv: dict[int, Decimal] = {}
    extract_rows: dict[int, int] = {}
    for row in extract:
        fields = next(csv.reader([row]))
        year = int(fields[YEAR_FIELD])
        extract_tiv[year] = extract_tiv.get(year, Decimal(0)) + Decimal(fields[TIV_FIELD])
        extract_rows[year] = extract_rows.get(year, 0) + 1
    quota: dict[int, list[Decimal]] = {}
    for year, (rows, tiv) in world_totals().items():
        count = rows - extract_rows.get(year, 0)
        rest = Decimal(tiv) - extract_tiv.get(year, Decimal(0))
        assert count > 0 and rest >= 0, year
        each = (rest / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        quota[year] = [each] * (count - 1) + [rest - each * (count - 1)]
    fillers: list[tuple[int, Decimal]] = []
    while any(quota.values()):
        for year in sorted(quota):
            if quota[year]:
                fillers.append((year, quota[year].pop()))
    total = len(fillers) + len(extract)
    at = {i * total // len(extract) for i in range(len(extract))}
    rows, next_extract, next_filler = [], iter(extract), iter(fillers)
    for position in range(total):
        if position in at:
            rows.append(next(next_extract))
        else:
            year, tiv = next(next_filler)
            rows.append(_filler(900_000 + position, year, tiv))
    return tuple(header), tuple(rows)


def register_text(header: list[str] | tuple[str, ...], rows: list[str] | tuple[str, ...]) -> str:
    return "\n".join([*header, *rows]) + "\n"


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def full_register(folder: Path, name: str = "trade-register.csv") -> Path:
    """The synthetic full register of the committed edition (20,480 rows, 2000–2023)."""
    return write(folder / name, register_text(*register_parts()))


def register_without_last_year(folder: Path, name: str = "trade-register.csv") -> Path:
    """An older edition: the synthetic full register without its last delivery year."""
    header, rows = register_parts()
    last = str(max(world_totals()))
    return write(folder / name, register_text(header, [r for r in rows if year_of(r) != last]))


def register_with_added_year(
    folder: Path, name: str = "trade-register.csv", generated: str = NEW_GENERATED
) -> Path:
    """A newer release: the last year's rows copied to the next year, a new generation date."""
    header, rows = register_parts()
    last = max(world_totals())
    header = [
        f"Data generated: {generated}" if line.startswith("Data generated:") else line
        for line in header
    ]
    added = [with_year(row, str(last + 1)) for row in rows if year_of(row) == str(last)]
    return write(folder / name, register_text(header, [*rows, *added]))


# --- synthetic full TIV tables ------------------------------------------------------------


def _block_sizes(rows: int, years: int) -> list[int]:
    """Sizes of filler pair blocks (years, then the closing 'Total' row) adding up to ``rows``."""
    size = years + 1
    sizes = [size] * (rows // size)
    rest = rows % size
    if rest == 1:  # a block needs a year and its Total: take one year from a full block
        sizes[-1] -= 1
        rest = 2
    return sizes + ([rest] if rest else [])


def tiv_table_text(side: str) -> str:
    """A synthetic full TIV table: filler blocks of invented countries, then the extract's rows.

    It has the rows and years the extract records for SIPRI's table; fillers are 0 TIV.
    """
    path = tiv_extract(side)
    _, lines = split_marker(path)
    fields = marker_fields(path)
    first, last = (int(y) for y in fields["full export years"].split("-"))
    count = int(fields["full export rows"]) - (len(lines) - 1)
    own, other = ("exporter", "recipient") if side == "exports" else ("importer", "supplier")
    fillers = []
    for number, size in enumerate(_block_sizes(count, last - first + 1), start=1):
        pair = f'"Synthetic {own}","Synthetic {other} {number}"'
        fillers += [f'{pair},"{year}",0' for year in range(first, first + size - 1)]
        fillers.append(f'{pair},"Total",0')
    return "\n".join([lines[0], *fillers, *lines[1:]]) + "\n"


def small_tiv_tables(folder: Path) -> tuple[Path, Path]:
    """The extract's TIV rows without its marker: in SIPRI's format, but not complete tables.

    For the readers' tests, which do not need every row (the import's comparison would refuse
    these as cut short).
    """
    paths = []
    for side in ("exports", "imports"):
        _, lines = split_marker(tiv_extract(side))
        name = marker_fields(tiv_extract(side))["full export"]
        paths.append(write(folder / name, "\n".join(lines) + "\n"))
    return paths[0], paths[1]


def full_tiv_tables(folder: Path) -> tuple[Path, Path]:
    """Synthetic full TIV tables by exporter and importer, named as SIPRI's 2022 download."""
    names = {
        side: marker_fields(tiv_extract(side))["full export"] for side in ("exports", "imports")
    }
    return (
        write(folder / names["exports"], tiv_table_text("exports")),
        write(folder / names["imports"], tiv_table_text("imports")),
    )


# --- damaged downloads --------------------------------------------------------------------


def damaged_registers(folder: Path) -> dict[str, tuple[Path, str]]:
    """Damaged or wrong registers: name -> (file, regex the import's refusal must match).

    Made from the synthetic full register (12 header lines, so row i is on line 13 + i).
    """
    header, rows = register_parts()
    total = sum(n for n, _ in world_totals().values())
    cases: dict[str, tuple[str | bytes, str]] = {}

    row = rows[11_999]  # cut in the middle of its third field
    cut = register_text(header, rows[:11_999]) + row[: row.index(",", row.index(",") + 1) + 3]
    cases["cut-mid-row"] = (cut, r"line 12,012: the row has 3 fields .* cut off in the middle")

    fields = rows[15_000].split(",")  # "TIV delivery values" cut to its first character
    cut = register_text(header, rows[:15_000]) + ",".join(fields[:15]) + "," + fields[15][:1]
    cases["cut-mid-number"] = (cut, r"line 15,013: the row has 16 fields .* cut off in the middle")

    cases["cut-after-10000-rows"] = (
        register_text(header, rows[:10_000]),
        rf"line 10,012: the file ends here after 10,000 rows, with [\d,]+ for delivery year "
        rf"\d+ where the edition in data/ \(register \(Jan 2025\)\) has [\d,]+ \(and "
        rf"{total:,} rows in all\): .* looks cut off or filtered",
    )
    cases["header-only"] = (
        register_text(header, []),
        r"register-header-only\.csv: the trade register has no rows: .*only its header",
    )
    text = register_text(header, rows)
    assert "Cote d'Ivoire" in text  # SIPRI's own spelling is ASCII
    cases["cp1252"] = (
        text.replace("Cote d'Ivoire", "Côte d'Ivoire").encode("cp1252"),
        r"line \d[\d,]*: byte 0xF4 is not UTF-8: .*Windows-1252.*Côte d'Ivoire.*re-save it as "
        r"UTF-8",
    )
    cases["utf16"] = (
        text.encode("utf-16"),
        r"line 1: the file is encoded as UTF-16 .*re-save it as UTF-8",
    )
    cases["year-2012-removed"] = (
        register_text(header, [r for r in rows if year_of(r) != "2012"]),
        r"register-year-2012-removed\.csv: no rows at all for delivery year 2012, inside the "
        r"range the file covers \(2000–2023\)",
    )
    one_supplier = [header[0].replace("from All countries", "from Russia"), *header[1:]]
    cases["one-supplier"] = (
        register_text(one_supplier, [r for r in rows if r.split(",")[1] == "Russia"]),
        r"line 1: this register covers transfers from Russia to All countries only",
    )
    # The course's own files given as SIPRI's export: the extract, the world totals, and the
    # extract with its marker lines removed (a register filtered to two countries).
    cases["extract-as-register"] = (
        register_extract().read_text(encoding="utf-8"),
        r"line 1: this is not SIPRI's export but a file made by treatylab .* needs SIPRI's full "
        r"export, all suppliers to all recipients.*without SIPRI_ARGS",
    )
    cases["world-totals-as-register"] = (
        world_totals_file().read_text(encoding="utf-8"),
        r"line 1: this is not SIPRI's export but a file made by treatylab",
    )
    _, extract_lines = split_marker(register_extract())
    cases["extract-without-marker"] = (
        register_text(extract_lines[:12], extract_lines[12:]),
        r"the file ends here after 2,394 rows, with \d+ for delivery year 2000 .* looks cut off "
        r"or filtered",
    )
    files = {
        name: (write(folder / f"register-{name}.csv", content), expected)
        for name, (content, expected) in cases.items()
    }
    exports, _ = full_tiv_tables(folder)
    files["tiv-table-as-register"] = (
        exports,
        r"tiv-by-exporter.*line 1: this is a SIPRI TIV table .* not the trade register. Pass it "
        r"with --tiv-exports",
    )
    return files


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
