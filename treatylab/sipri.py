"""Read SIPRI Arms Transfers Database exports and build the course's SIPRI tables.

SIPRI publishes two export formats that the course uses:

* the **trade register** (one row per deal and delivery year), a CSV preceded by 11 lines of
  SIPRI's header text; the copy used here was generated on 3 January 2025 and covers
  deliveries 2000–2023;
* the **TIV tables** in long form (supplier, recipient, year, TIV), here a 2022 download
  covering 1950–2021, once from the exporter's side and once from the importer's side.

The two are different *editions* of SIPRI's database: SIPRI revises past years every time it
updates, so the same year can carry different values in each. Every table built here therefore
says which edition it comes from, and the long series carries a ``vintage`` column so that the
editions are never mixed silently.

Run ``python -m treatylab.sipri`` (or ``make data``) to rebuild the SIPRI tables of ``data/``;
pass ``--register``, ``--tiv-exports`` and ``--tiv-imports`` to use a newer SIPRI download.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIPRI_DIR = ROOT.parent / "shared" / "reference" / "sipri"
DEFAULT_REGISTER = DEFAULT_SIPRI_DIR / "trade-register_2000-2023_generated-2025-01-03.csv"
DEFAULT_TIV_EXPORTS = DEFAULT_SIPRI_DIR / "tiv-by-exporter_1950-2021_vintage-2022.csv"
DEFAULT_TIV_IMPORTS = DEFAULT_SIPRI_DIR / "tiv-by-importer_1950-2021_vintage-2022.csv"

REGISTER_HEADER_LINES = 11
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
_REGISTER_RENAME = {
    "SIPRI AT Database ID": "deal_id",
    "Supplier": "supplier",
    "Recipient": "recipient",
    "Designation": "designation",
    "Description": "description",
    "Armament category": "category",
    "Order date": "order_year",
    "Order date is estimate": "order_year_estimated",
    "Numbers delivered": "number_delivered",
    "Numbers delivered is estimate": "number_delivered_estimated",
    "Delivery year": "delivery_year",
    "Delivery year is estimate": "delivery_year_estimated",
    "Status": "status",
    "SIPRI estimate": "sipri_estimate",
    "TIV deal unit": "tiv_per_unit",
    "TIV delivery values": "tiv_delivered",
    "Local production": "local_production",
}
TIV_EXPORT_COLUMNS = ["Export_From", "Import_To", "Year", "TIV"]
TIV_IMPORT_COLUMNS = ["Import_To", "Export_From", "Year", "TIV"]

VINTAGE_TIV_2022 = "SIPRI TIV tables, 2022 download"
VINTAGE_REGISTER_2025 = "SIPRI trade register, generated 2025-01-03"

SERIES_RUSSIA_TOTAL = "Russia: total arms exports"
SERIES_RUSSIA_IRAN = "Russia to Iran"
SERIES_IRAN_TOTAL = "Iran: total arms imports"
SERIES_USSR_IRAN = "Soviet Union to Iran"
SERIES_WORLD_TOTAL = "World: total arms transfers"

# Decimal places kept in the TIV columns: the register's unit values have two decimals, so sums
# are exact to the third decimal; rounding removes floating-point noise from the CSV files.
TIV_DECIMALS = 3


class SipriFormatError(ValueError):
    """A file is not in the SIPRI export format the reader expects."""


def _fail(path: Path, expected: str, found: str) -> SipriFormatError:
    return SipriFormatError(
        f"{path}: not a SIPRI {expected}. {found} "
        "Download the file again from https://www.sipri.org/databases/armstransfers "
        "or pass the right file to `make data`."
    )


def read_trade_register(path: str | Path) -> pd.DataFrame:
    """Read a SIPRI trade-register CSV export: 11 lines of SIPRI's header text, then the table.

    Returns one row per deal and delivery year with snake_case columns, the estimate flags as
    booleans, and TIV as floats (SIPRI TIV, millions).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: SIPRI trade register not found.")
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        head = [handle.readline() for _ in range(REGISTER_HEADER_LINES + 1)]
    if not head[0].startswith("Transfers of major conventional arms"):
        raise _fail(
            path,
            "trade register",
            "Expected 11 lines of SIPRI header text starting with "
            "'Transfers of major conventional arms', then the table; "
            f"the first line is {head[0].strip()[:80]!r}.",
        )
    if not any(line.startswith("Data generated:") for line in head):
        raise _fail(path, "trade register", "The header has no 'Data generated:' line.")
    columns = [c.strip() for c in head[REGISTER_HEADER_LINES].strip().split(",")]
    if columns != REGISTER_COLUMNS:
        missing = [c for c in REGISTER_COLUMNS if c not in columns]
        raise _fail(
            path,
            "trade register",
            f"Line 12 should hold the column names {REGISTER_COLUMNS}; missing: {missing}.",
        )
    frame = pd.read_csv(path, skiprows=REGISTER_HEADER_LINES, encoding="utf-8-sig")
    frame = frame.rename(columns=_REGISTER_RENAME)
    for flag in [
        "order_year_estimated",
        "number_delivered_estimated",
        "delivery_year_estimated",
        "local_production",
    ]:
        frame[flag] = frame[flag].astype(str).str.strip().eq("Yes")
    for col in ["deal_id", "order_year", "number_delivered", "delivery_year"]:
        frame[col] = pd.to_numeric(frame[col], errors="raise").astype("Int64")
    for col in ["sipri_estimate", "tiv_per_unit", "tiv_delivered"]:
        frame[col] = pd.to_numeric(frame[col], errors="raise").astype(float)
    return frame


def read_tiv_table(path: str | Path) -> pd.DataFrame:
    """Read a SIPRI TIV table in long form, from either the exporter's or the importer's side.

    Returns columns supplier, recipient, year (Int64; SIPRI's per-pair "Total" rows are
    dropped) and tiv (float, SIPRI TIV millions). "Total" and "All" stay as SIPRI gives them
    in the supplier and recipient columns.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: SIPRI TIV table not found.")
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline().strip()
    columns = [c.strip().strip('"') for c in first.split(",")]
    if columns in (TIV_EXPORT_COLUMNS, TIV_IMPORT_COLUMNS):
        frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    else:
        raise _fail(
            path,
            "TIV table (long form)",
            f"Expected the header {TIV_EXPORT_COLUMNS} or {TIV_IMPORT_COLUMNS}; "
            f"found {columns[:6]}.",
        )
    frame = frame.rename(
        columns={"Export_From": "supplier", "Import_To": "recipient", "Year": "year", "TIV": "tiv"}
    )
    frame = frame[frame["year"] != "Total"].copy()
    frame["year"] = pd.to_numeric(frame["year"], errors="raise").astype("Int64")
    frame["tiv"] = pd.to_numeric(frame["tiv"], errors="raise").astype(float)
    return frame[["supplier", "recipient", "year", "tiv"]].reset_index(drop=True)


def _round(frame: pd.DataFrame) -> pd.DataFrame:
    frame["tiv"] = frame["tiv"].round(TIV_DECIMALS)
    return frame


def russia_exports_by_recipient(register: pd.DataFrame) -> pd.DataFrame:
    """Russia's deliveries per recipient and year (register edition): year, recipient, tiv."""
    rows = register[register["supplier"] == "Russia"]
    table = (
        rows.groupby(["delivery_year", "recipient"], as_index=False)["tiv_delivered"]
        .sum()
        .rename(columns={"delivery_year": "year", "tiv_delivered": "tiv"})
    )
    return _round(table.sort_values(["year", "recipient"]).reset_index(drop=True))


def russia_exports_by_recipient_tiv2022(tiv_exports: pd.DataFrame) -> pd.DataFrame:
    """Russia's deliveries per recipient and year, 1992–2021, from the 2022 TIV tables."""
    rows = tiv_exports[
        (tiv_exports["supplier"] == "Russia") & (tiv_exports["recipient"] != "Total")
    ]
    table = rows[["year", "recipient", "tiv"]].copy()
    return _round(table.sort_values(["year", "recipient"]).reset_index(drop=True))


def iran_imports_by_supplier(register: pd.DataFrame) -> pd.DataFrame:
    """Iran's arms imports per supplier and year (register edition): year, supplier, tiv."""
    rows = register[register["recipient"] == "Iran"]
    table = (
        rows.groupby(["delivery_year", "supplier"], as_index=False)["tiv_delivered"]
        .sum()
        .rename(columns={"delivery_year": "year", "tiv_delivered": "tiv"})
    )
    return _round(table.sort_values(["year", "supplier"]).reset_index(drop=True))


def russia_iran_deliveries(register: pd.DataFrame) -> pd.DataFrame:
    """Deal-level delivery rows between Russia and Iran, in both directions."""
    pair = register[
        ((register["supplier"] == "Russia") & (register["recipient"] == "Iran"))
        | ((register["supplier"] == "Iran") & (register["recipient"] == "Russia"))
    ].copy()
    pair["direction"] = pair["supplier"] + " to " + pair["recipient"]
    columns = [
        "direction",
        "deal_id",
        "designation",
        "description",
        "category",
        "order_year",
        "order_year_estimated",
        "delivery_year",
        "delivery_year_estimated",
        "number_delivered",
        "number_delivered_estimated",
        "tiv_per_unit",
        "tiv_delivered",
        "status",
    ]
    pair = pair[columns].sort_values(["direction", "delivery_year", "deal_id"])
    pair["tiv_delivered"] = pair["tiv_delivered"].round(TIV_DECIMALS)
    return pair.reset_index(drop=True)


def _complete_years(values: pd.Series, first: int, last: int) -> pd.Series:
    """Fill the years SIPRI leaves out (no recorded deliveries) with 0 within [first, last]."""
    return values.reindex(range(first, last + 1), fill_value=0.0)


def long_series(
    tiv_exports: pd.DataFrame, tiv_imports: pd.DataFrame, register: pd.DataFrame
) -> pd.DataFrame:
    """Annual series from both SIPRI editions, each row labelled with its vintage.

    From the 2022 TIV tables, 1990–2021: Russia's total exports (from 1992, the first year
    SIPRI records Russia), Russia to Iran (from 1992), Iran's total imports, and the Soviet
    Union to Iran (1990–91). From the 2025 register, 2000–2023: the same three Russia/Iran
    series plus the world total. Years without recorded deliveries are 0.
    """
    parts: list[pd.DataFrame] = []

    def add(values: pd.Series, series: str, vintage: str, first: int, last: int) -> None:
        full = _complete_years(values.groupby(level=0).sum(), first, last)
        parts.append(
            pd.DataFrame(
                {"year": full.index, "series": series, "tiv": full.to_numpy(), "vintage": vintage}
            )
        )

    def pick(frame: pd.DataFrame, supplier: str, recipient: str) -> pd.Series:
        rows = frame[(frame["supplier"] == supplier) & (frame["recipient"] == recipient)]
        return rows.set_index("year")["tiv"].astype(float)

    add(pick(tiv_exports, "Russia", "Total"), SERIES_RUSSIA_TOTAL, VINTAGE_TIV_2022, 1992, 2021)
    add(pick(tiv_exports, "Russia", "Iran"), SERIES_RUSSIA_IRAN, VINTAGE_TIV_2022, 1992, 2021)
    add(pick(tiv_imports, "Total", "Iran"), SERIES_IRAN_TOTAL, VINTAGE_TIV_2022, 1990, 2021)
    add(pick(tiv_exports, "Soviet Union", "Iran"), SERIES_USSR_IRAN, VINTAGE_TIV_2022, 1990, 1991)

    years = register.set_index("delivery_year")["tiv_delivered"]
    first, last = int(register["delivery_year"].min()), int(register["delivery_year"].max())
    russia = register["supplier"].eq("Russia").to_numpy()
    to_iran = register["recipient"].eq("Iran").to_numpy()
    add(years[russia], SERIES_RUSSIA_TOTAL, VINTAGE_REGISTER_2025, first, last)
    add(years[russia & to_iran], SERIES_RUSSIA_IRAN, VINTAGE_REGISTER_2025, first, last)
    add(years[to_iran], SERIES_IRAN_TOTAL, VINTAGE_REGISTER_2025, first, last)
    add(years, SERIES_WORLD_TOTAL, VINTAGE_REGISTER_2025, first, last)

    table = pd.concat(parts, ignore_index=True)
    table["year"] = table["year"].astype("Int64")
    return _round(table.sort_values(["vintage", "series", "year"]).reset_index(drop=True))


def build_tables(
    register_path: str | Path = DEFAULT_REGISTER,
    tiv_exports_path: str | Path = DEFAULT_TIV_EXPORTS,
    tiv_imports_path: str | Path = DEFAULT_TIV_IMPORTS,
) -> dict[str, pd.DataFrame]:
    """Build every SIPRI table of the course from SIPRI's own export files."""
    register = read_trade_register(register_path)
    tiv_exports = read_tiv_table(tiv_exports_path)
    tiv_imports = read_tiv_table(tiv_imports_path)
    return {
        "sipri_russia_exports_by_recipient": russia_exports_by_recipient(register),
        "sipri_russia_exports_by_recipient_1992_2021": russia_exports_by_recipient_tiv2022(
            tiv_exports
        ),
        "sipri_long_series": long_series(tiv_exports, tiv_imports, register),
        "sipri_iran_imports_by_supplier": iran_imports_by_supplier(register),
        "sipri_russia_iran_deliveries": russia_iran_deliveries(register),
    }


def to_csv_text(frame: pd.DataFrame) -> str:
    """Serialise a table exactly as it is committed in data/ (booleans as true/false)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = out[col].map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\n")


def write_tables(tables: dict[str, pd.DataFrame], data_dir: Path) -> list[Path]:
    """Write the tables as data/<name>.csv and return the paths written."""
    written = []
    for name, frame in tables.items():
        path = data_dir / f"{name}.csv"
        path.write_text(to_csv_text(frame), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m treatylab.sipri",
        description="Rebuild the SIPRI tables of data/ from SIPRI export files.",
    )
    parser.add_argument("--register", default=DEFAULT_REGISTER, help="trade-register CSV")
    parser.add_argument("--tiv-exports", default=DEFAULT_TIV_EXPORTS, help="TIV table, exporters")
    parser.add_argument("--tiv-imports", default=DEFAULT_TIV_IMPORTS, help="TIV table, importers")
    parser.add_argument("--out", default=ROOT / "data", help="folder to write (default data/)")
    args = parser.parse_args(argv)
    try:
        tables = build_tables(args.register, args.tiv_exports, args.tiv_imports)
    except (SipriFormatError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in write_tables(tables, Path(args.out)):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
