"""Build the course's SIPRI tables from SIPRI's Arms Transfers Database exports.

SIPRI publishes two export formats that the course uses (read and checked by
``treatylab.sipri_exports``):

* the **trade register** (one row per deal and delivery year), a CSV preceded by SIPRI's header
  text, which states when the data were generated;
* the **TIV tables** in long form (supplier, recipient, year, TIV), once from the exporters'
  side and once from the importers' side; they carry no date, so their edition is the year
  they were downloaded.

The two are different *editions* of SIPRI's database: SIPRI revises past years every time it
updates, so the same year can carry different values in each. Every table built here therefore
says which edition it comes from, the long series carries a ``vintage`` column so that the
editions are never mixed silently, and ``sipri_editions`` describes each edition (its label,
generation date and years covered) as read from the files, so the notebooks can state it
without typing it. The TIV tables are never added to the register.

SIPRI's full exports are not committed (SIPRI's terms limit what may be reproduced):
``data/sipri/raw/`` holds the course's extract of them and the register's world totals per
year, computed from the full export (``treatylab.sipri_extract``). Every table here is built
from the extract alone, byte for byte as from the full exports. ``python -m treatylab.sipri``
(``make data``) rebuilds every SIPRI table and ``data/datapackage.json`` from the extract, or
imports a newer full download, atomically: see ``treatylab.sipri_import``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from treatylab.sipri_exports import Export
from treatylab.sipri_extract import committed_names, world_totals

RAW_FOLDER = "data/sipri/raw"

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
_FLAGS = [
    "order_year_estimated",
    "number_delivered_estimated",
    "delivery_year_estimated",
    "local_production",
]

SERIES_RUSSIA_TOTAL = "Russia: total arms exports"
SERIES_RUSSIA_IRAN = "Russia to Iran"
SERIES_IRAN_TOTAL = "Iran: total arms imports"
SERIES_USSR_IRAN = "Soviet Union to Iran"
SERIES_WORLD_TOTAL = "World: total arms transfers"

# SIPRI records Russia from 1992 (before, deliveries are under "Soviet Union"); the TIV series
# for Iran start two years earlier, so that the Soviet Union's last deliveries show.
FIRST_YEAR_RUSSIA = 1992
FIRST_YEAR_IRAN_SERIES = 1990
LAST_YEAR_USSR = 1991

# Decimal places kept in the TIV columns: the register's unit values have two decimals, so sums
# are exact to the third decimal; rounding removes floating-point noise from the CSV files.
TIV_DECIMALS = 3

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# --- editions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Edition:
    """One edition of SIPRI's database as the course uses it: a row of ``sipri_editions``."""

    edition: str  # short id the notebooks select by: "register" or "tiv_tables"
    vintage: str  # the value of the vintage column in sipri_long_series
    label: str  # what a chart legend or a sentence calls it
    kind: str
    generated: date | None
    first_year: int
    last_year: int
    rows: int
    files: tuple[str, ...]  # the committed files in data/sipri/raw/ it is read from


def register_edition(register: Export) -> Edition:
    """The register's edition, from its "Data generated:" date and its delivery years."""
    generated = register.generated
    assert generated is not None, "a register Export always has its generation date"
    return Edition(
        edition="register",
        vintage=f"SIPRI trade register, generated {generated.isoformat()}",
        label=f"register ({MONTHS[generated.month - 1]} {generated.year})",
        kind="trade register",
        generated=generated,
        first_year=register.first_year,
        last_year=register.last_year,
        rows=register.rows,
        files=tuple(f"{RAW_FOLDER}/{name}" for name in committed_names(register)),
    )


def tiv_edition(tiv_exports: Export, tiv_imports: Export) -> Edition:
    """The TIV tables' edition: the year they were downloaded (they carry no date)."""
    year = tiv_exports.vintage_year
    return Edition(
        edition="tiv_tables",
        vintage=f"SIPRI TIV tables, {year} download",
        label=f"{year} edition",
        kind="TIV tables",
        generated=None,
        first_year=min(tiv_exports.first_year, tiv_imports.first_year),
        last_year=max(tiv_exports.last_year, tiv_imports.last_year),
        rows=tiv_exports.rows + tiv_imports.rows,
        files=(
            f"{RAW_FOLDER}/{committed_names(tiv_exports)[0]}",
            f"{RAW_FOLDER}/{committed_names(tiv_imports)[0]}",
        ),
    )


def editions_table(editions: list[Edition]) -> pd.DataFrame:
    """``sipri_editions``: one row per edition, as the notebooks read labels and years."""
    rows = [
        {
            "edition": e.edition,
            "vintage": e.vintage,
            "label": e.label,
            "kind": e.kind,
            "generated": e.generated.isoformat() if e.generated else None,
            "first_year": e.first_year,
            "last_year": e.last_year,
            "rows": e.rows,
            "files": "; ".join(e.files),
        }
        for e in editions
    ]
    return pd.DataFrame(rows)


# --- SIPRI's rows as typed frames ---------------------------------------------------------


def _stripped(column: pd.Series) -> list[str | None]:
    """A column's values without surrounding spaces, empty values as None (plain Python: fast)."""
    return [value.strip() or None for value in column.tolist()]


def register_frame(register: Export) -> pd.DataFrame:
    """The register with snake_case columns, flags as booleans, TIV as floats (millions).

    Names and descriptions stay exactly as SIPRI writes them.
    """
    frame = register.frame.rename(columns=_REGISTER_RENAME).reset_index(drop=True)
    for flag in _FLAGS:
        frame[flag] = [value == "Yes" for value in _stripped(frame[flag])]
    for col in ["deal_id", "order_year", "number_delivered", "delivery_year"]:
        frame[col] = pd.array(pd.to_numeric(pd.Series(_stripped(frame[col]))), dtype="Int64")
    for col in ["sipri_estimate", "tiv_per_unit", "tiv_delivered"]:
        frame[col] = pd.to_numeric(pd.Series(_stripped(frame[col]), dtype=object)).astype(float)
    return frame


def tiv_frame(table: Export) -> pd.DataFrame:
    """A TIV table as supplier, recipient, year (Int64), tiv (float), per-pair totals dropped.

    "Total" and "All" stay as SIPRI gives them in the supplier and recipient columns.
    """
    frame = table.frame.rename(
        columns={"Export_From": "supplier", "Import_To": "recipient", "Year": "year", "TIV": "tiv"}
    ).reset_index(drop=True)
    frame = frame[frame["year"].str.strip() != "Total"].copy()
    frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    frame["tiv"] = pd.to_numeric(frame["tiv"]).astype(float)
    return frame[["supplier", "recipient", "year", "tiv"]].reset_index(drop=True)


# --- the course's tables ------------------------------------------------------------------


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


def russia_exports_by_recipient_tiv(tiv_exports: pd.DataFrame) -> pd.DataFrame:
    """Russia's deliveries per recipient and year from the TIV tables (from 1992)."""
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
    tiv_exports: pd.DataFrame,
    tiv_imports: pd.DataFrame,
    register: pd.DataFrame,
    world: pd.Series,
    register_ed: Edition,
    tiv_ed: Edition,
) -> pd.DataFrame:
    """Annual series from both SIPRI editions, each row labelled with its vintage.

    From the TIV tables, from 1990 to their last year: Russia's total exports and Russia to Iran
    (from 1992, the first year SIPRI records Russia), Iran's total imports, and the Soviet Union
    to Iran (1990–91). From the register, over the years it covers: the same three Russia/Iran
    series plus the world total (``world``: TIV per delivery year over every row of the full
    export, from ``sipri_extract.world_totals``). Years without recorded deliveries are 0.
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

    old, last_old = tiv_ed.vintage, tiv_ed.last_year
    add(pick(tiv_exports, "Russia", "Total"), SERIES_RUSSIA_TOTAL, old, FIRST_YEAR_RUSSIA, last_old)
    add(pick(tiv_exports, "Russia", "Iran"), SERIES_RUSSIA_IRAN, old, FIRST_YEAR_RUSSIA, last_old)
    first_iran = FIRST_YEAR_IRAN_SERIES
    add(pick(tiv_imports, "Total", "Iran"), SERIES_IRAN_TOTAL, old, first_iran, last_old)
    add(
        pick(tiv_exports, "Soviet Union", "Iran"), SERIES_USSR_IRAN, old, first_iran, LAST_YEAR_USSR
    )

    years = register.set_index("delivery_year")["tiv_delivered"]
    new, first, last = register_ed.vintage, register_ed.first_year, register_ed.last_year
    russia = register["supplier"].eq("Russia").to_numpy()
    to_iran = register["recipient"].eq("Iran").to_numpy()
    add(years[russia], SERIES_RUSSIA_TOTAL, new, first, last)
    add(years[russia & to_iran], SERIES_RUSSIA_IRAN, new, first, last)
    add(years[to_iran], SERIES_IRAN_TOTAL, new, first, last)
    add(world, SERIES_WORLD_TOTAL, new, first, last)

    table = pd.concat(parts, ignore_index=True)
    table["year"] = table["year"].astype("Int64")
    return _round(table.sort_values(["vintage", "series", "year"]).reset_index(drop=True))


def build_tables(
    register: Export, tiv_exports: Export, tiv_imports: Export
) -> dict[str, pd.DataFrame]:
    """Every SIPRI table of the course, from SIPRI's exports or the course's extract of them.

    The two give the same tables: the extract keeps every row the tables select, and records
    the world totals of the full export.
    """
    editions = [register_edition(register), tiv_edition(tiv_exports, tiv_imports)]
    rows = register_frame(register)
    world = world_totals(register).set_index("delivery_year")["tiv_delivered"]
    exports, imports = tiv_frame(tiv_exports), tiv_frame(tiv_imports)
    return {
        "sipri_russia_exports_by_recipient": russia_exports_by_recipient(rows),
        "sipri_russia_exports_by_recipient_1992_2021": russia_exports_by_recipient_tiv(exports),
        "sipri_long_series": long_series(exports, imports, rows, world, *editions),
        "sipri_iran_imports_by_supplier": iran_imports_by_supplier(rows),
        "sipri_russia_iran_deliveries": russia_iran_deliveries(rows),
        "sipri_editions": editions_table(editions),
    }


def to_csv_text(frame: pd.DataFrame) -> str:
    """Serialise a table exactly as it is committed in data/ (booleans as true/false)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = out[col].map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    """``python -m treatylab.sipri``: the checked, atomic import (``treatylab.sipri_import``)."""
    from treatylab.sipri_import import main as run_import

    return run_import(argv)


if __name__ == "__main__":
    raise SystemExit(main())
