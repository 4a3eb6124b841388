"""SIPRI's multi-year periods: their labels, which ones the loaded data cover, and the totals,
shares and ranks of Russia's recipients in them.

Why one module: lessons 02 and 03, their answer keys and their feedback messages all speak of
periods ("2019–23"), ranks ("31st of 43") and shares. Computed in one place, they cannot drift
apart, and when SIPRI's next edition adds a year, the latest period moves for all of them at
once. A period the loaded edition does not cover raises ``PeriodNotCovered`` with a sentence a
learner can read, never a bare ``KeyError``.

Conventions: a period includes both end years; a recipient's total is the sum of its TIV in the
period; recipients with no recorded TIV there are not ranked; ranks use ``method="min"``
(ties share the better rank), 1 for the largest.
"""

from __future__ import annotations

import functools

import pandas as pd

from treatylab.data import load

REGISTER = "sipri_russia_exports_by_recipient"
EDITION_2022 = "sipri_russia_exports_by_recipient_1992_2021"
WORLD_SERIES = "World: total arms transfers"
PERIOD_YEARS = 5


class PeriodNotCovered(ValueError):
    """A period reaches outside the years a SIPRI table covers."""


def period_label(start: int, end: int) -> str:
    """'2019–23' (en dash) for (2019, 2023); '1997–2001' across a century; '2016' for one year."""
    if start == end:
        return str(start)
    if start // 100 == end // 100:
        return f"{start}–{end % 100:02d}"
    return f"{start}–{end}"


def ordinal(number: int) -> str:
    """1 -> '1st', 22 -> '22nd', 31 -> '31st', 11 -> '11th'."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


@functools.cache
def _exports(table: str) -> pd.DataFrame:
    return load(table)


def exports(table: str = REGISTER) -> pd.DataFrame:
    """Russia's deliveries by year and recipient in one edition (a copy: yours to change)."""
    return _exports(table).copy()


@functools.cache
def coverage(table: str = REGISTER) -> tuple[int, int]:
    """The first and last delivery year of a table."""
    years = _exports(table)["year"]
    return int(years.min()), int(years.max())


def covers(start: int, end: int, table: str = REGISTER) -> bool:
    first, last = coverage(table)
    return first <= start <= end <= last


def require_covered(start: int, end: int, table: str = REGISTER) -> None:
    """Raise PeriodNotCovered, in words, unless the table covers every year of the period."""
    if not covers(start, end, table):
        first, last = coverage(table)
        raise PeriodNotCovered(
            f"{period_label(start, end)} is not covered by this edition of SIPRI's data, which "
            f"runs from {first} to {last}."
        )


def latest_period(table: str = REGISTER, years: int = PERIOD_YEARS) -> tuple[int, int]:
    """The last ``years``-year period of a table: (2019, 2023) for a register ending in 2023."""
    last = coverage(table)[1]
    return last - years + 1, last


def previous_period(start: int, end: int) -> tuple[int, int]:
    """The period of the same length just before (SIPRI's fact sheets compare the two)."""
    length = end - start + 1
    return start - length, end - length


def periods(table: str = REGISTER, years: int = PERIOD_YEARS) -> list[tuple[int, int]]:
    """Consecutive full periods from the table's first year (2000–04, 2005–09, ...)."""
    first, last = coverage(table)
    return [(y, y + years - 1) for y in range(first, last - years + 2, years)]


@functools.cache
def _totals(start: int, end: int, table: str) -> pd.Series:
    require_covered(start, end, table)
    rows = _exports(table)
    rows = rows[rows["year"].between(start, end)]
    totals = rows.groupby("recipient")["tiv"].sum().astype(float)
    totals = totals[totals > 0]
    totals.index = totals.index.astype(str)
    return totals.sort_values(ascending=False, kind="stable")


def period_totals(start: int, end: int, table: str = REGISTER) -> pd.Series:
    """Recipient -> TIV summed over start..end (both included), largest first."""
    return _totals(start, end, table).copy()


def ranking(start: int, end: int, table: str = REGISTER) -> pd.DataFrame:
    """Russia's recipients in the period: recipient, tiv, share (% of Russia's total), rank."""
    totals = _totals(start, end, table)
    frame = totals.rename("tiv").rename_axis("recipient").reset_index()
    frame["share"] = 100 * frame["tiv"] / frame["tiv"].sum()
    frame["rank"] = frame["tiv"].rank(ascending=False, method="min").astype(int)
    return frame


def rank_of(recipient: str, start: int, end: int, table: str = REGISTER) -> int | None:
    """The recipient's rank in the period, or None if it received nothing recorded."""
    frame = ranking(start, end, table)
    hit = frame.loc[frame["recipient"] == recipient, "rank"]
    return None if hit.empty else int(hit.iloc[0])


def share_of(recipient: str, start: int, end: int, table: str = REGISTER) -> float:
    """The recipient's share of Russia's deliveries in the period, in per cent (0 if none)."""
    frame = ranking(start, end, table)
    hit = frame.loc[frame["recipient"] == recipient, "share"]
    return 0.0 if hit.empty else float(hit.iloc[0])


def top(start: int, end: int, n: int = 3, table: str = REGISTER) -> list[str]:
    """The ``n`` largest recipients of the period, largest first."""
    return ranking(start, end, table)["recipient"].head(n).tolist()


@functools.cache
def world_by_year() -> pd.Series:
    """All arms transfers in the world per year (register edition), SIPRI TIV."""
    series = load("sipri_long_series")
    world = series[series["series"] == WORLD_SERIES]
    return world.set_index("year")["tiv"].astype(float)


def world_total(start: int, end: int) -> float:
    """All arms transfers in the world in the period (register edition), SIPRI TIV."""
    require_covered(start, end, REGISTER)
    return float(world_by_year().loc[start:end].sum())
