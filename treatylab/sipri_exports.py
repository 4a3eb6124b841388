"""Read SIPRI's export files, and refuse anything that is not a complete, clean export.

Why so strict: the course's figures, prose and answer keys are computed from these files, so a
damaged export does not fail loudly on its own. A download cut off after half the rows still
parses, and the course would then teach that world arms transfers halved. Every check here
exists because a plausible accident gets past a plain ``pandas.read_csv``:

* **encoding**: SIPRI's exports are plain ASCII (it writes "Cote d'Ivoire"), so UTF-8 with or
  without a byte-order mark is accepted. A file in Windows-1252/Latin-1 or UTF-16 has been
  re-saved by another program (a spreadsheet, as a rule), which may also have changed values;
  it is refused with the encoding named and how to re-save it as UTF-8, rather than decoded
  with a guess;
* **which file**: a TIV table given as the trade register (or the reverse, or the exporters'
  table given as the importers') is named as such;
* **header and columns**: the register's header text (with its "Data generated:" line) and
  the exact column names; the TIV tables' column names;
* **types**: every value of every column, the error naming the line of the *file* (header
  lines counted, as an editor shows them) and the column;
* **a complete last row**: every row must have all its fields; the register's last column is a
  Yes/No flag and the TIV tables close every supplier–recipient pair with a "Total" row, so a
  file cut in the middle of a row or of a number is caught; the last row is also checked
  against SIPRI's own arithmetic (TIV delivered = number × TIV per unit; a pair's total = the
  sum of its years);
* **years**: no year missing in the middle of the range covered.

What these checks cannot see (a file cut exactly at the end of a row) is caught by the
comparison with the edition already in data/, in ``treatylab.sipri_import``.

**Only SIPRI's full exports are read here.** The repository keeps a course *extract* of them in
data/sipri/raw/ (``treatylab.sipri_extract``), whose files start with a ``# treatylab`` line:
such a file is refused when it is given as an export, since it is not all suppliers to all
recipients; only the import, reading the committed extract it has checked, parses one (the
``start`` of the functions below skips its marker lines).

The *edition* of each export is read from the file, never typed: the register's "Data
generated:" date and the delivery years it covers; for the TIV tables, which carry no date, the
year of download from the file name (``..._vintage-2022.csv``) or from ``--tiv-vintage``.

Standard library and pandas only.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

SIPRI_URL = "https://www.sipri.org/databases/armstransfers"
DOWNLOAD_AGAIN = f"Download the export again from {SIPRI_URL}."
RESAVE_AS_UTF8 = (
    "The course reads UTF-8 only. Best: download the export again from SIPRI and do not open "
    "and save it in a spreadsheet first. Otherwise re-save it as UTF-8 (Excel: Save As, "
    "'CSV UTF-8 (Comma delimited)'; LibreOffice: Save As, Text CSV, character set "
    "'Unicode (UTF-8)')."
)

REGISTER_FIRST_LINE = "Transfers of major conventional arms"
GENERATED_PREFIX = "Data generated:"
# SIPRI's register has 11 lines of header text before the column names. A later export may
# word or count them differently, so the column row is looked for within the first lines.
REGISTER_HEADER_LINES = 11
MAX_HEADER_LINES = 30

REGISTER_COLUMNS = [
    "SIPRI AT Database ID",
    "Supplier",
    "Recipient",
    "Designation",
    "Description",
    "Armament category",
    "Order date",
    "Order date is estimate",
    "Numbers delivered",
    "Numbers delivered is estimate",
    "Delivery year",
    "Delivery year is estimate",
    "Status",
    "SIPRI estimate",
    "TIV deal unit",
    "TIV delivery values",
    "Local production",
]
# What each register column must hold. "?" marks a value that may be empty. "Local
# production" is the last column and is never empty in SIPRI's files: an empty or partial
# last field is the sign of a file cut off at its end.
REGISTER_KINDS = {
    "SIPRI AT Database ID": "integer",
    "Supplier": "text",
    "Recipient": "text",
    "Designation": "text?",
    "Description": "text?",
    "Armament category": "text?",
    "Order date": "year?",
    "Order date is estimate": "flag?",
    "Numbers delivered": "integer?",
    "Numbers delivered is estimate": "flag?",
    "Delivery year": "year",
    "Delivery year is estimate": "flag?",
    "Status": "text?",
    "SIPRI estimate": "number?",
    "TIV deal unit": "number?",
    "TIV delivery values": "number",
    "Local production": "flag",
}
TIV_EXPORT_COLUMNS = ["Export_From", "Import_To", "Year", "TIV"]
TIV_IMPORT_COLUMNS = ["Import_To", "Export_From", "Year", "TIV"]
TIV_TOTAL = "Total"
# The first characters of every file the course writes into data/sipri/raw/ (its extract of
# SIPRI's exports and the world totals): never the start of one of SIPRI's own files.
TREATYLAB_MARK = "# treatylab"

# Delivery years outside this span are typing errors, not SIPRI data.
YEAR_SPAN = (1900, 2100)
_NUMBER = re.compile(r"\d+(?:\.\d+)?").fullmatch


def _is_year(value: str) -> bool:
    return (
        len(value) == 4
        and value.isascii()
        and value.isdigit()
        and (YEAR_SPAN[0] <= int(value) <= YEAR_SPAN[1])
    )


# What a value of each kind must look like (spaces around it allowed), and how a message says
# it. Plain string tests, not pandas: several times faster on 90,000 rows.
_KINDS = {
    "integer": (lambda v: v.isascii() and v.isdigit(), "a whole number"),
    "year": (_is_year, f"a year from {YEAR_SPAN[0]} to {YEAR_SPAN[1]}"),
    "year or Total": (lambda v: v == "Total" or _is_year(v), "a year or 'Total'"),
    "number": (lambda v: _NUMBER(v) is not None, "a number"),
    "flag": (lambda v: v in ("Yes", "No"), "Yes or No"),
    "text": (bool, "a name"),
}


class SipriFormatError(ValueError):
    """An export is refused. The message names the file, the line (if any) and the reason."""

    def __init__(
        self, path: str | Path, reason: str, line: int | None = None, advice: str = DOWNLOAD_AGAIN
    ) -> None:
        self.path, self.reason, self.line, self.advice = Path(path), reason, line, advice
        where = f"{path}, line {line:,}" if line is not None else f"{path}"
        super().__init__(f"{where}: {reason}. {advice}")


@dataclass(frozen=True)
class Export:
    """One export file read and checked: its rows and what the file says about its edition."""

    path: Path
    frame: pd.DataFrame
    first_year: int
    last_year: int
    rows: int
    generated: date | None = None  # the register's "Data generated:" date
    vintage_year: int | None = None  # the TIV tables' year of download
    side: str | None = None  # the TIV tables: "exports" or "imports"
    # Set when the rows are the course's extract (treatylab.sipri_extract), not the full
    # export: ``rows``, ``first_year`` and ``last_year`` are then those of the full export, as
    # the extract records them, and ``world`` the register's per-year totals of the full
    # export (delivery_year, rows, tiv_delivered).
    extract: bool = False
    source_sha256: str | None = None  # the full export's sha256, as the extract records it
    world: pd.DataFrame | None = None

    @property
    def canonical_name(self) -> str:
        """The full export's name as the course names it: what it is, the years, the edition."""
        years = f"{self.first_year}-{self.last_year}"
        if self.side is None:
            return f"trade-register_{years}_generated-{self.generated}.csv"
        side = "exporter" if self.side == "exports" else "importer"
        return f"tiv-by-{side}_{years}_vintage-{self.vintage_year}.csv"


# --- the text of a file -------------------------------------------------------------------


def read_text(path: str | Path) -> str:
    """The text of an export as UTF-8 (a byte-order mark is dropped); other encodings refused."""
    path = Path(path)
    if not path.is_file():
        raise SipriFormatError(path, "file not found", advice="Check the path you passed.")
    data = path.read_bytes()
    if not data.strip():
        raise SipriFormatError(path, "the file is empty (0 rows)")
    if data.startswith(b"PK\x03\x04"):
        raise SipriFormatError(
            path,
            "this is an Excel workbook or another ZIP archive, not a CSV file",
            advice="Download SIPRI's CSV export, or in Excel use Save As, "
            "'CSV UTF-8 (Comma delimited)'.",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        sign = (
            "it starts with a UTF-16 byte-order mark"
            if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            else "it has NUL bytes between its characters"
        )
        raise SipriFormatError(
            path,
            f"the file is encoded as UTF-16 ({sign}), not UTF-8",
            line=1,
            advice=RESAVE_AS_UTF8,
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _not_utf8(path, data, error.start) from None


def _not_utf8(path: Path, data: bytes, offset: int) -> SipriFormatError:
    """Name the line and the byte that is not UTF-8, and what it would be in Windows-1252."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line_end = data.find(b"\n", offset)
    line = data[line_start : line_end if line_end >= 0 else len(data)]
    field = _field_at(line.decode("cp1252", errors="replace"), offset - line_start)
    char = data[offset : offset + 1].decode("cp1252", errors="replace")
    return SipriFormatError(
        path,
        f"byte 0x{data[offset]:02X} is not UTF-8: the file looks like Windows-1252/Latin-1 "
        f"(where that byte is {char!r}, in {field!r}), so it was probably re-saved by another "
        "program: SIPRI's own export is plain ASCII",
        line=data.count(b"\n", 0, offset) + 1,
        advice=RESAVE_AS_UTF8,
    )


def _field_at(text: str, position: int) -> str:
    """The comma-separated value of ``text`` that holds ``position`` (e.g. "Côte d'Ivoire")."""
    start = text.rfind(",", 0, position) + 1
    end = text.find(",", position)
    return text[start : end if end >= 0 else len(text)].strip().strip('"')


def _first_fields(line: str) -> list[str]:
    return [field.strip() for field in next(csv.reader([line]), [])]


def _cut_off_note(text: str) -> str:
    if text.endswith("\n"):
        return ""
    return (
        "; the file does not end with a newline, so it was cut off in the middle of this row "
        "(an interrupted download?)"
    )


# --- the trade register -------------------------------------------------------------------


def read_trade_register(path: str | Path) -> Export:
    """Read and check a SIPRI trade-register export (all suppliers to all recipients).

    Returns the rows as strings with SIPRI's column names, plus the edition the file states:
    its "Data generated:" date and the first and last delivery years.
    """
    path = Path(path)
    text = read_text(path)
    refuse_treatylab_file(path, text, "--register")
    return parse_register(path, text)


def refuse_treatylab_file(path: Path, text: str, option: str) -> None:
    """A file the course wrote (its extract of an export, the world totals) is not an export."""
    if not text.startswith(TREATYLAB_MARK):
        return
    first = text.split("\n", 1)[0].strip()
    raise SipriFormatError(
        path,
        f"this is not SIPRI's export but a file made by treatylab ({first[2:82]!r}...): the "
        "course's extract of an export keeps only the rows the lessons use, and the import "
        "needs SIPRI's full export, all suppliers to all recipients, to compute the world "
        "totals and check the file",
        line=1,
        advice=f"Pass with {option} the file as downloaded from {SIPRI_URL}. To rebuild data/ "
        "from the extract committed in data/sipri/raw/, run `make data` without SIPRI_ARGS.",
    )


def parse_register(path: Path, text: str, start: int = 0, check_years: bool = True) -> Export:
    """The checks and rows of a register whose SIPRI header starts at line index ``start``.

    ``start`` skips the marker lines of the course's extract; line numbers stay those of the
    file. The extract leaves out most rows, so it skips the missing-year check
    (``check_years``): the full export's years are checked from its world totals instead.
    """
    lines = text.split("\n")
    _refuse_tiv_as_register(path, lines[start])
    column_row = _register_column_row(path, lines, start)
    generated = _generated_date(path, lines[start:column_row], start)
    _check_all_countries(path, lines[start], start)
    frame = _csv_rows(path, text, lines, column_row, REGISTER_COLUMNS, "trade register")
    _check_kinds(path, frame, REGISTER_KINDS, text)
    if not text.endswith("\n"):
        _check_last_register_row(path, frame)
    years = pd.to_numeric(frame["Delivery year"]).astype(int)
    if check_years:
        _check_no_missing_year(path, years, "delivery year")
    return Export(
        path=path,
        frame=frame,
        first_year=int(years.min()),
        last_year=int(years.max()),
        rows=len(frame),
        generated=generated,
    )


def _refuse_tiv_as_register(path: Path, first: str) -> None:
    columns = _first_fields(first)
    if columns in (TIV_EXPORT_COLUMNS, TIV_IMPORT_COLUMNS):
        side = "--tiv-exports" if columns == TIV_EXPORT_COLUMNS else "--tiv-imports"
        raise SipriFormatError(
            path,
            f"this is a SIPRI TIV table (columns {', '.join(columns)}), not the trade register",
            line=1,
            advice=f"Pass it with {side}, and pass the trade register with --register.",
        )


def _register_column_row(path: Path, lines: list[str], start: int = 0) -> int:
    """The index of the line with the column names, after SIPRI's header text."""
    first = lines[start].strip()
    if first.startswith(REGISTER_COLUMNS[0]):
        raise SipriFormatError(
            path,
            "the file starts with the column names: SIPRI's header text (11 lines, with the "
            "'Data generated:' date) is missing, so the edition cannot be read",
            line=start + 1,
        )
    if not first.startswith(REGISTER_FIRST_LINE):
        raise SipriFormatError(
            path,
            f"not a SIPRI trade register: expected {REGISTER_HEADER_LINES} lines of SIPRI "
            f"header text starting with {REGISTER_FIRST_LINE!r}, then the table; the first "
            f"line is {first[:80]!r}",
            line=start + 1,
        )
    for index, line in enumerate(lines[start : start + MAX_HEADER_LINES], start=start):
        if line.startswith(REGISTER_COLUMNS[0]):
            columns = _first_fields(line)
            if columns != REGISTER_COLUMNS:
                raise SipriFormatError(path, _column_mismatch(columns, line), line=index + 1)
            return index
    raise SipriFormatError(
        path,
        f"no line with the register's column names ({', '.join(REGISTER_COLUMNS[:3])}, ...) "
        f"within the first {MAX_HEADER_LINES} lines (SIPRI's has them on line "
        f"{REGISTER_HEADER_LINES + 1})",
    )


def _column_mismatch(columns: list[str], raw: str) -> str:
    if ";" in raw and len(columns) < 3:
        return "the columns are separated by semicolons, not commas (re-saved by a spreadsheet?)"
    missing = [c for c in REGISTER_COLUMNS if c not in columns]
    extra = [c for c in columns if c not in REGISTER_COLUMNS]
    if not missing and not extra:
        return f"the columns are in another order than SIPRI's: {columns}"
    return f"the column names differ from SIPRI's: missing {missing}, unexpected {extra}"


def _generated_date(path: Path, header: list[str], start: int = 0) -> date:
    """The date of SIPRI's "Data generated: 3 Jan 2025 9:16:02 PM" line."""
    for number, line in enumerate(header, start=start + 1):
        if line.startswith(GENERATED_PREFIX):
            value = line[len(GENERATED_PREFIX) :].strip()
            parsed = parse_date(value)
            if parsed is None:
                raise SipriFormatError(
                    path, f"cannot read the date in {line.strip()!r}", line=number
                )
            return parsed
    raise SipriFormatError(
        path,
        f"SIPRI's header text has no {GENERATED_PREFIX!r} line, so the edition of the file "
        "cannot be read",
    )


def parse_date(value: str) -> date | None:
    match = re.match(r"(\d{1,2}) ([A-Za-z]{3})[A-Za-z]*\.? (\d{4})", value)
    if match:
        day, month, year = match.groups()
        try:
            return datetime.strptime(f"{day} {month.title()} {year}", "%d %b %Y").date()
        except ValueError:
            return None
    match = re.match(r"(\d{4}-\d{2}-\d{2})", value)
    return date.fromisoformat(match.group(1)) if match else None


def _check_all_countries(path: Path, first: str, start: int = 0) -> None:
    """The course needs every supplier and recipient: world totals are summed from them."""
    match = re.search(r"\bfrom (.+?)\s+to (.+?)\s*\.", first)
    if not match:
        return
    supplier, recipient = (part.strip() for part in match.groups())
    if supplier != "All countries" or recipient != "All countries":
        raise SipriFormatError(
            path,
            f"this register covers transfers from {supplier} to {recipient} only; the course "
            "needs all suppliers to all recipients (world totals are summed from it)",
            line=start + 1,
            advice=f"Export the trade register again from {SIPRI_URL} with all countries as "
            "suppliers and as recipients.",
        )


def _csv_rows(
    path: Path, text: str, lines: list[str], column_row: int, columns: list[str], what: str
) -> pd.DataFrame:
    """The table below the column row as strings, with the file line number of each row."""
    body = "\n".join(lines[column_row + 1 :])
    last_line = len(lines) - (1 if text.endswith("\n") else 0)
    rows: list[list[str]] = []
    numbers: list[int] = []
    reader = csv.reader(io.StringIO(body, newline=""))
    try:
        for row in reader:
            line = column_row + 1 + reader.line_num
            if not row:
                continue
            if len(row) != len(columns):
                note = _cut_off_note(text) if line >= last_line else ""
                raise SipriFormatError(
                    path,
                    f"the row has {len(row)} field{'s' if len(row) != 1 else ''} where the "
                    f"{what} has {len(columns)} columns{note}",
                    line=line,
                )
            rows.append(row)
            numbers.append(line)
    except csv.Error as error:
        raise SipriFormatError(
            path,
            f"not valid CSV ({error}){_cut_off_note(text)}",
            line=column_row + 1 + reader.line_num,
        ) from None
    if not rows:
        raise SipriFormatError(
            path,
            f"the {what} has no rows: the file holds only its header "
            f"({column_row + 1} line{'s' if column_row else ''})",
        )
    frame = pd.DataFrame(rows, columns=columns, dtype=str)
    frame.index = pd.Index(numbers, name="line")
    return frame


def _check_kinds(path: Path, frame: pd.DataFrame, kinds: dict[str, str], text: str = "\n") -> None:
    """Every value of every column has the kind SIPRI gives it; the first exception is named.

    The message quotes the value as it is in the file, and the line as an editor shows it.
    """
    lines = frame.index.tolist()
    for column, kind in kinds.items():
        is_kind, expected = _KINDS[kind.rstrip("?")]
        optional = kind.endswith("?")
        values = frame[column].tolist()
        bad = next(
            (
                i
                for i, value in enumerate(values)
                if not (is_kind(value.strip()) or (optional and not value.strip()))
            ),
            None,
        )
        if bad is not None:
            note = _cut_off_note(text) if bad == len(values) - 1 else ""
            raise SipriFormatError(
                path,
                f"column {column!r} holds {values[bad]!r} where SIPRI gives {expected}{note}",
                line=lines[bad],
            )


def _check_last_register_row(path: Path, frame: pd.DataFrame) -> None:
    """Without a final newline, the last row is checked against SIPRI's own arithmetic.

    The TIV of a delivery is the number delivered times the TIV per unit; SIPRI prints the unit
    value rounded to two decimals, hence the tolerance (every row of the January 2025 export
    is within it).
    """
    last = frame.iloc[-1]
    line = int(frame.index[-1])
    try:
        number = float(last["Numbers delivered"])
        unit = float(last["TIV deal unit"])
        delivered = float(last["TIV delivery values"])
    except ValueError:
        return
    if abs(delivered - number * unit) > 0.005 * number + 0.01:
        raise SipriFormatError(
            path,
            f"the last row looks cut off: its TIV delivered ({delivered:g}) is not the number "
            f"delivered ({number:g}) times the TIV per unit ({unit:g}), and the file does not "
            "end with a newline",
            line=line,
        )


def _check_no_missing_year(path: Path, years: pd.Series, what: str) -> None:
    first, last = int(years.min()), int(years.max())
    missing = sorted(set(range(first, last + 1)) - set(years.tolist()))
    if missing:
        shown = ", ".join(str(y) for y in missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise SipriFormatError(
            path,
            f"no rows at all for {what} {shown}, inside the range the file covers "
            f"({first}–{last}): a year is missing (was the export filtered or edited?)",
        )


# --- the TIV tables -----------------------------------------------------------------------


def tiv_vintage_from_name(path: str | Path) -> int | None:
    """The year of download written in a TIV table's file name (``..._vintage-2022.csv``)."""
    match = re.search(r"vintage-(\d{4})", Path(path).name)
    return int(match.group(1)) if match else None


def read_tiv_table(path: str | Path, side: str, vintage_year: int | None = None) -> Export:
    """Read and check a SIPRI TIV table in long form, from the exporters' or importers' side.

    ``side`` is "exports" or "imports": the two tables have the same four columns in another
    order, and passing one for the other would swap suppliers and recipients silently.
    The year of download comes from ``vintage_year`` or else from the file name.
    """
    path = Path(path)
    vintage_year = vintage_year or tiv_vintage_from_name(path)
    text = read_text(path)
    refuse_treatylab_file(path, text, f"--tiv-{side}")
    return parse_tiv_table(path, text, side, vintage_year)


def parse_tiv_table(
    path: Path,
    text: str,
    side: str,
    vintage_year: int | None,
    start: int = 0,
    check_years: bool = True,
) -> Export:
    """The checks and rows of a TIV table whose column row is at line index ``start``.

    ``start`` and ``check_years`` as for ``parse_register``.
    """
    expected = TIV_EXPORT_COLUMNS if side == "exports" else TIV_IMPORT_COLUMNS
    lines = text.split("\n")
    _check_tiv_columns(path, lines[start], side, expected, start)
    if vintage_year is None:
        raise SipriFormatError(
            path,
            "the TIV tables carry no date, and this file's name has no '_vintage-YYYY' part",
            advice="Pass the year you downloaded them with --tiv-vintage YYYY.",
        )
    frame = _csv_rows(path, text, lines, start, expected, f"TIV table ({side})")
    kinds = {expected[0]: "text", expected[1]: "text", "Year": "year or Total", "TIV": "number"}
    _check_kinds(path, frame, kinds, text)
    years_only = frame[frame["Year"].str.strip() != TIV_TOTAL]
    _check_closing_total(path, text, frame, expected[:2])
    years = pd.to_numeric(years_only["Year"]).astype(int)
    if check_years:
        _check_no_missing_year(path, years, "year")
    return Export(
        path=path,
        frame=frame,
        first_year=int(years.min()),
        last_year=int(years.max()),
        rows=len(frame),
        vintage_year=vintage_year,
        side=side,
    )


def _check_tiv_columns(
    path: Path, first: str, side: str, expected: list[str], start: int = 0
) -> None:
    if first.startswith(REGISTER_FIRST_LINE):
        raise SipriFormatError(
            path,
            f"this is a SIPRI trade register, not a TIV table ({side})",
            line=start + 1,
            advice="Pass it with --register.",
        )
    columns = _first_fields(first)
    other = TIV_IMPORT_COLUMNS if side == "exports" else TIV_EXPORT_COLUMNS
    if columns == other:
        right = "--tiv-imports" if side == "exports" else "--tiv-exports"
        raise SipriFormatError(
            path,
            f"this is the TIV table by {'importer' if side == 'exports' else 'exporter'} "
            f"(columns {', '.join(columns)}), not the one by "
            f"{'exporter' if side == 'exports' else 'importer'}",
            line=start + 1,
            advice=f"Pass it with {right}.",
        )
    if columns != expected:
        raise SipriFormatError(
            path,
            f"not a SIPRI TIV table (long form): expected the columns {expected}, "
            f"found {columns[:6]}",
            line=start + 1,
        )


def _check_closing_total(path: Path, text: str, frame: pd.DataFrame, pair: list[str]) -> None:
    """SIPRI closes each supplier–recipient pair with a "Total" row: the last row must be one.

    Its value is the sum of the pair's years, each rounded to a whole number, so the two may
    differ by up to half a unit per year (every pair of the 2022 tables is within that).
    """
    last_line = int(frame.index[-1])
    last = frame.iloc[-1]
    if last["Year"].strip() != TIV_TOTAL:
        raise SipriFormatError(
            path,
            f"the table ends inside the block of {last[pair[0]]} / {last[pair[1]]}, without the "
            f"'Total' row that closes every pair: the file is incomplete{_cut_off_note(text)}",
            line=last_line,
        )
    same = (frame[pair[0]] == last[pair[0]]) & (frame[pair[1]] == last[pair[1]])
    block = frame[same & (frame["Year"].str.strip() != TIV_TOTAL)]
    total = float(last["TIV"])
    summed = pd.to_numeric(block["TIV"]).sum()
    if abs(summed - total) > 0.5 * len(block) + 0.5:
        raise SipriFormatError(
            path,
            f"the last row looks cut off: the 'Total' of {last[pair[0]]} / {last[pair[1]]} is "
            f"{total:g}, but its years add up to {summed:g}{_cut_off_note(text)}",
            line=last_line,
        )
