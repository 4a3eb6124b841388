"""Lesson 02 "Arms transfers in the data": totals, peaks, shares, ranks and a function.

Every expected answer is computed here from data/ (the SIPRI trade register generated in
January 2025, the 2022 TIV-table edition, the world totals and the Russia–Iran deal rows).
The same helpers compute the plausible wrong answers (a period off by one year, the world
total as denominator, the two editions added together, a ranking by number of rows), so each
mistake gets a message that names it.
"""

from __future__ import annotations

import functools
import math
import numbers

import pandas as pd

from treatylab.data import load
from treatylab.periods import ordinal, period_label
from treatylab.questions.base import (
    Wrong,
    call_safely,
    close,
    compare_labels,
    need_callable,
    need_frame,
    need_int,
    need_number,
    need_series,
    question,
    reject_known,
)

REGISTER = "register"
OLD = "2022 edition"
BOTH = "both editions"
TABLES = {
    REGISTER: "sipri_russia_exports_by_recipient",
    OLD: "sipri_russia_exports_by_recipient_1992_2021",
}
WORLD_SERIES = "World: total arms transfers"

TOTAL_PERIOD = (2014, 2018)  # Exercise 2.1 and 2.4
RANK_PERIOD = (2012, 2016)  # Exercise 2.5: the period of the S-300PMU2 deliveries
REVERSE_YEARS = (2022, 2023)  # Exercise 2.3
WINDOW = 5  # Exercise 2.6
FUNCTION_CALLS = (  # Exercise 2.7: (start, end, n); periods of several lengths, no ties at n
    (2019, 2023, 3),
    (2014, 2018, 5),
    (2000, 2004, 3),
    (2010, 2014, 4),
    (2016, 2016, 3),
    (2021, 2023, 2),
)


# --- data helpers (cached; callers must not modify what they return) ------------------------


@functools.cache
def exports(edition: str = REGISTER) -> pd.DataFrame:
    """Russia's exports by year and recipient: the register, the 2022 edition, or both stacked."""
    if edition == BOTH:
        return pd.concat([exports(REGISTER), exports(OLD)], ignore_index=True)
    return load(TABLES[edition])


@functools.cache
def world_by_year() -> pd.Series:
    """World total of all exporters per year (register), SIPRI TIV millions."""
    series = load("sipri_long_series")
    world = series[series["series"] == WORLD_SERIES]
    return world.set_index("year")["tiv"].astype(float)


def published_value(subject: str, period: str, indicator: str) -> float:
    """One figure from SIPRI's fact sheets (the sipri_fact_sheets table)."""
    facts = load("sipri_fact_sheets")
    row = facts[
        (facts["subject"] == subject)
        & (facts["period"] == period)
        & (facts["indicator"] == indicator)
    ]
    return float(row["value"].item())


@functools.cache
def by_year(edition: str = REGISTER) -> pd.Series:
    """Russia's total exports per year (sum over recipients)."""
    return exports(edition).groupby("year")["tiv"].sum().astype(float)


@functools.cache
def period_totals(start: int, end: int, edition: str = REGISTER, how: str = "sum") -> pd.Series:
    """Recipient -> TIV summed over start..end (both included), largest first.

    ``how="count"`` counts rows (recipient-years with deliveries) instead: the mistake of
    ranking by how often rather than how much.
    """
    table = exports(edition)
    rows = table[table["year"].between(start, end)]
    grouped = rows.groupby("recipient")["tiv"]
    values = grouped.sum() if how == "sum" else grouped.size()
    return values.astype(float).sort_values(ascending=False, kind="stable")


def period_total(start: int, end: int, edition: str = REGISTER) -> float:
    return float(period_totals(start, end, edition).sum())


@functools.cache
def period_shares(start: int, end: int, edition: str = REGISTER, denominator: str = "russia"):
    """Recipient -> share in per cent of Russia's total for the period (or of the world total)."""
    totals = period_totals(start, end, edition)
    if denominator == "world":
        base = float(world_by_year().loc[start:end].sum())
    else:
        base = float(totals.sum())
    return 100 * totals / base


@functools.cache
def top_table(start: int, end: int, n: int, edition: str = REGISTER) -> pd.DataFrame:
    """The worked answer of ``top_recipients(start, end, n)``: recipient, tiv, share."""
    totals = period_totals(start, end, edition)
    shares = period_shares(start, end, edition)
    table = pd.DataFrame({"recipient": totals.index, "tiv": totals.values})
    table["share"] = shares.values
    return table.head(n).reset_index(drop=True)


def iran_rank(start: int, end: int, edition: str = REGISTER) -> int:
    ranks = period_totals(start, end, edition).rank(ascending=False, method="min")
    return int(ranks["Iran"])


@functools.cache
def reverse_flow() -> pd.DataFrame:
    """TIV per year and direction in REVERSE_YEARS (0 where nothing was delivered)."""
    deliveries = load("sipri_russia_iran_deliveries")
    rows = deliveries[deliveries["delivery_year"].between(*REVERSE_YEARS)]
    table = rows.groupby(["delivery_year", "direction"])["tiv_delivered"].sum().unstack()
    years = range(REVERSE_YEARS[0], REVERSE_YEARS[1] + 1)
    return table.reindex(index=years, columns=["Iran to Russia", "Russia to Iran"]).fillna(0.0)


@functools.cache
def reverse_items() -> pd.DataFrame:
    """Number of items per year and direction in REVERSE_YEARS."""
    deliveries = load("sipri_russia_iran_deliveries")
    rows = deliveries[deliveries["delivery_year"].between(*REVERSE_YEARS)]
    table = rows.groupby(["delivery_year", "direction"])["number_delivered"].sum().unstack()
    years = range(REVERSE_YEARS[0], REVERSE_YEARS[1] + 1)
    columns = ["Iran to Russia", "Russia to Iran"]
    return table.reindex(index=years, columns=columns).fillna(0).astype(float)


def unit_tiv(designation: str) -> float:
    """SIPRI's TIV per item for one designation in the Russia–Iran rows."""
    deliveries = load("sipri_russia_iran_deliveries")
    rows = deliveries[deliveries["designation"] == designation]
    return float(rows["tiv_per_unit"].iloc[0])


def off_by_one(start: int, end: int) -> list[tuple[int, int]]:
    """Periods a learner gets by missing one year at either end, or shifting by one."""
    return [
        (start, end - 1),
        (start + 1, end),
        (start - 1, end - 1),
        (start + 1, end + 1),
        (start, end + 1),
        (start - 1, end),
    ]


def period_advice(start: int, end: int, used: tuple[int, int]) -> str:
    """A message for a period off by one year, saying which year is missing or extra."""
    target = period_label(start, end)
    parts = [
        f"That is the figure for {period_label(*used)}, not {target}: a period off by one year."
    ]
    if used == (start, end - 1):
        parts.append(
            f"{end} is missing: `.between({start}, {end})` keeps both end years, while "
            f"`range({start}, {end})` and `< {end}` stop at {end - 1}."
        )
    else:
        years = end - start + 1
        parts.append(f"{target} means the {years} years {start} to {end}, both included.")
    return " ".join(parts)


# --- comparing what the learner gave ---------------------------------------------------------


def _numeric(values: pd.Series, what: str) -> pd.Series:
    converted = pd.to_numeric(values, errors="coerce")
    if converted.isna().any():
        raise Wrong(f"The {what} column must hold numbers; some values are text or missing.")
    return converted.astype(float)


def _shares_from(frame: pd.DataFrame, what: str) -> pd.Series:
    """recipient -> share from a learner's frame; refuses duplicates and text."""
    names = frame["recipient"].astype(str).str.strip()
    if names.duplicated().any():
        twice = names[names.duplicated()].iloc[0]
        raise Wrong(
            f"{twice!r} appears more than once ({what}): group by recipient so that each "
            "recipient has one row."
        )
    return pd.Series(_numeric(frame["share"], "share").values, index=names.values)


def _same(given: pd.Series, expected: pd.Series, tol: float) -> bool:
    """Same labels (ignoring case and labels whose expected value is ~0) and close values."""
    given = given.copy()
    given.index = [str(i).casefold() for i in given.index]
    expected = expected.copy()
    expected.index = [str(i).casefold() for i in expected.index]
    missing = set(expected.index) - set(given.index)
    if any(abs(expected[name]) > tol for name in missing):
        return False
    if set(given.index) - set(expected.index):
        return False
    return all(close(float(given[name]), float(expected[name]), tol) for name in given.index)


# --- Exercise 2.1 ---------------------------------------------------------------------------


@question(
    "ex2_1",
    "Russia's total in 2014–18",
    hints=[
        "Keep the rows whose `year` lies in the period, then add up the `tiv` column.",
        "`russia['year'].between(2014, 2018)` is True for 2014, 2015, 2016, 2017 and 2018.",
        "`russia.loc[russia['year'].between(2014, 2018), 'tiv'].sum()`",
    ],
)
def ex2_1(answer: object) -> str:
    start, end = TOTAL_PERIOD
    expected = period_total(start, end)
    value = need_number(answer, f"Russia's total for {period_label(start, end)} in SIPRI TIV")
    mistakes = [
        (
            period_total(start, end, BOTH),
            "You added the two editions together (the register and the 2022 edition): the "
            "same deliveries are counted twice. Use the register table only.",
        ),
        (
            period_total(start, end, OLD),
            "That is the total in the 2022 edition of the database. The exercise asks for the "
            "register (generated in January 2025), the table `russia`.",
        ),
        (
            float(world_by_year().loc[start:end].sum()),
            "That is the world total of every exporter, not Russia's exports.",
        ),
        (expected / (end - start + 1), "That is the average per year; give the total."),
    ]
    mistakes += [
        (period_total(*used), period_advice(start, end, used))
        for used in off_by_one(start, end)
        if not close(period_total(*used), expected, 0.5)
    ]
    reject_known(value, mistakes, tol=0.5)
    if not close(value, expected, 0.5):
        raise Wrong(
            f"Not quite: you gave {value:,.1f}. Filter the years {start}–{end} of the register "
            "and add the `tiv` column."
        )
    later = period_total(2019, 2023)
    change = 100 * (later / expected - 1)
    published = published_value("Russia", "2019–23", "change in arms exports vs previous period")
    return (
        f"{expected:,.1f} TIV in {period_label(start, end)}. In 2019–23 it was {later:,.1f}: "
        f"a change of {change:+.1f} %, against {published:+g} % in SIPRI's March 2024 fact sheet."
    )


# --- Exercise 2.2 ---------------------------------------------------------------------------


@question(
    "ex2_2",
    "year of Russia's highest exports",
    hints=[
        "First add up each year: `russia.groupby('year')['tiv'].sum()`.",
        "`.idxmax()` gives the index label (here the year) of the largest value; `.max()` "
        "gives the value itself.",
    ],
)
def ex2_2(answer: object) -> str:
    annual = by_year()
    peak = int(annual.idxmax())
    value = need_number(answer, "a year, such as 2005")
    if close(value, float(annual.max()), 0.5):
        raise Wrong(
            f"{value:,.1f} is the TIV of the peak year, not the year: use `.idxmax()` rather "
            "than `.max()`."
        )
    year = need_int(answer, "a year, such as 2005")
    if year == int(annual.idxmin()):
        raise Wrong(
            f"{year} is the year of the *lowest* exports: use `.idxmax()`, not `.idxmin()`."
        )
    if year == int(annual.to_numpy().argmax()):
        raise Wrong(
            f"{year} is a row position, not a year: `.argmax()` counts rows from 0; "
            "`.idxmax()` gives the year."
        )
    if year not in annual.index:
        first, last = int(annual.index.min()), int(annual.index.max())
        raise Wrong(f"{year} is not a year of the register, which covers {first}–{last}.")
    if year != peak:
        raise Wrong(
            f"In {year} Russia delivered {annual[year]:,.0f} TIV; another year is higher. "
            "Sum by year first, then take `.idxmax()`."
        )
    return (
        f"{peak}: {annual[peak]:,.0f} TIV, the register's highest year. The lowest is "
        f"{int(annual.idxmin())} ({annual.min():,.0f} TIV)."
    )


# --- Exercise 2.3 ---------------------------------------------------------------------------


@question(
    "ex2_3",
    "Iran→Russia against Russia→Iran, 2022–23",
    hints=[
        "Keep the rows of `deliveries` delivered in 2022 or 2023, then sum `tiv_delivered` "
        "by `direction`.",
        "Divide the two-year total Iran to Russia by the two-year total Russia to Iran. "
        "Russia delivered nothing to Iran in 2022, so never divide year by year.",
    ],
)
def ex2_3(answer: object) -> str:
    flows = reverse_flow()
    to_russia = float(flows["Iran to Russia"].sum())
    to_iran = float(flows["Russia to Iran"].sum())
    expected = to_russia / to_iran
    is_real = isinstance(answer, numbers.Real) and not isinstance(answer, bool)
    if is_real and math.isinf(float(answer)):
        raise Wrong(
            "Your ratio is infinite: you divided by Russia's deliveries to Iran in 2022, "
            "which are 0. Add up both years in each direction first, then divide."
        )
    value = need_number(answer, "a ratio, e.g. 2.5")
    first, last = REVERSE_YEARS
    items = reverse_items()
    reject_known(
        value,
        [
            (
                to_iran / to_russia,
                "That is the ratio the wrong way round (Russia→Iran divided by Iran→Russia).",
            ),
            (
                flows.loc[last, "Iran to Russia"] / flows.loc[last, "Russia to Iran"],
                f"That is {last} alone; the exercise covers {first}–{str(last)[-2:]}.",
            ),
            (
                float(items["Iran to Russia"].sum()) / float(items["Russia to Iran"].sum()),
                "That compares the *number* of items, not their TIV: one item can be a "
                f"{unit_tiv('Shahed-136'):g}-TIV Shahed-136 or a {unit_tiv('Yak-130'):g}-TIV "
                "Yak-130. Use `tiv_delivered`.",
            ),
            (to_russia - to_iran, "That is the difference; the exercise asks for the ratio."),
            (100 * expected, "That is a percentage; give the plain ratio (how many times)."),
        ],
        tol=0.01,
    )
    if not close(value, expected, 0.01):
        raise Wrong(
            f"Not quite: you gave {value:g}. Sum `tiv_delivered` by direction over both years, "
            "then divide Iran→Russia by Russia→Iran."
        )
    return (
        f"{to_russia:g} TIV against {to_iran:g} TIV: Iran delivered {expected:.1f} times as "
        "much to Russia as it received in those two years."
    )


# --- Exercise 2.4 ---------------------------------------------------------------------------


@question(
    "ex2_4",
    "shares of Russia's recipients, 2014–18",
    hints=[
        "Filter 2014–18, then `groupby('recipient')['tiv'].sum()`.",
        "A share is one recipient's TIV divided by Russia's total for the same period "
        "(the sum of your grouped Series), times 100.",
        "Sort with `.sort_values(ascending=False)`, then `.rename('share').reset_index()` "
        "gives the columns recipient and share.",
    ],
)
def ex2_4(answer: object) -> str:
    start, end = TOTAL_PERIOD
    label = period_label(start, end)
    frame = need_frame(answer, ["recipient", "share"], f"shares of Russia's exports in {label}")
    given = _shares_from(frame, label)
    expected = period_shares(start, end)
    if _same(given, expected, 0.05):
        if not given.is_monotonic_decreasing:
            raise Wrong("The shares are right but not sorted: put the largest first.")
        top = expected.head(3)
        shown = ", ".join(f"{name} {share:.1f} %" for name, share in top.items())
        iran = expected["Iran"]
        return (
            f"Right: {shown}. Iran had {iran:.2f} % and ranked {ordinal(iran_rank(start, end))} of "
            f"{len(expected)} recipients."
        )
    candidates = [
        (expected / 100, "These are fractions (they add up to 1); multiply by 100 for per cent."),
        (
            period_shares(start, end, denominator="world"),
            "You divided by the world total of all exporters. A share of Russia's exports "
            "divides by Russia's own total for the period.",
        ),
        (
            period_shares(start, end, BOTH),
            "You added the two editions together (register and 2022 edition): use the register "
            "table only.",
        ),
        (
            period_shares(start, end, OLD),
            "These shares come from the 2022 edition; use the register table `russia`.",
        ),
    ]
    candidates += [
        (period_shares(*used), period_advice(start, end, used)) for used in off_by_one(start, end)
    ]
    for wrong, message in candidates:
        if _same(given, wrong, 0.05):
            raise Wrong(message)
    total = float(given.sum())
    if not close(total, 100, 0.5):
        raise Wrong(
            f"Your shares add up to {total:.1f}, not 100: divide each recipient's TIV by the "
            "sum over all recipients in the same period."
        )
    compare_labels(list(given.index), list(expected.index), f"recipients of {label}")
    raise Wrong(
        f"Not quite: some shares differ from those of the register for {label}. Check the "
        "filter on years and that you summed `tiv`."
    )


# --- Exercise 2.5 ---------------------------------------------------------------------------


@question(
    "ex2_5",
    "Iran's rank in 2012–16",
    hints=[
        "Sum `tiv` by recipient for 2012–16, then rank: "
        "`.rank(ascending=False, method='min')` gives 1 to the largest.",
        "Read Iran's value with `['Iran']` and turn it into a whole number with `int()`.",
    ],
)
def ex2_5(answer: object) -> str:
    start, end = RANK_PERIOD
    label = period_label(start, end)
    expected = iran_rank(start, end)
    totals = period_totals(start, end)
    share = float(period_shares(start, end)["Iran"])
    iran_rows = exports(REGISTER)[exports(REGISTER)["recipient"] == "Iran"]
    in_2016 = float(iran_rows.loc[iran_rows["year"] == 2016, "tiv"].sum())
    value = need_number(answer, f"Iran's rank among Russia's recipients in {label}")
    if close(value, share, 0.01) and not close(value, expected, 0.01):
        raise Wrong(f"{share:.2f} is Iran's share in per cent; give its rank (1 = largest).")
    rank = need_int(answer, f"Iran's rank among Russia's recipients in {label}")
    counts = period_totals(start, end, how="count")
    count_ranks = {
        int(counts.rank(ascending=False, method="min")["Iran"]),
        int(counts.rank(ascending=False, method="dense")["Iran"]),
        counts.sort_values(ascending=False).index.get_loc("Iran") + 1,
        counts.sort_values(ascending=False, kind="stable").index.get_loc("Iran") + 1,
    }
    mistakes: list[tuple[float, str]] = [
        (
            float(r),
            "You ranked by the number of rows (how many years had deliveries), not by TIV. "
            "Counting rows or deals measures how often, not how much: sum `tiv`.",
        )
        for r in sorted(count_ranks)
    ]
    mistakes += [
        (
            float(iran_rank(*used)),
            period_advice(start, end, used).replace("figure", "rank"),
        )
        for used in off_by_one(start, end)
    ]
    mistakes += [
        (float(expected - 1), "That rank counts from 0: the largest recipient is number 1."),
        (
            float(len(totals) - expected + 1),
            "That counts from the smallest recipient: rank with `ascending=False`.",
        ),
        (
            float(len(totals)),
            f"{len(totals)} is the number of recipients in {label}, not Iran's place.",
        ),
    ]
    reject_known(rank, [(v, m) for v, m in mistakes if not close(v, expected, 0)], tol=0)
    if rank != expected:
        raise Wrong(
            f"Not quite: in {label} the recipient ranked {rank} is not Iran. Sum `tiv` by "
            "recipient over the five years, then rank."
        )
    return (
        f"{ordinal(expected)} of {len(totals)}, with {share:.2f} % of Russia's exports. "
        f"{in_2016:g} of Iran's {totals['Iran']:g} TIV in {label} came in 2016, the year of the "
        "S-300PMU2."
    )


# --- Exercise 2.6 ---------------------------------------------------------------------------


def _as_year_series(series: pd.Series) -> pd.Series:
    values = pd.to_numeric(series, errors="coerce")
    try:
        years = pd.Index(series.index).astype(int)
    except (TypeError, ValueError):
        raise Wrong(
            "The Series should be indexed by year (2004, 2005, ...); group by `year` so the "
            "years become the index."
        ) from None
    return pd.Series(values.to_numpy(dtype=float), index=years)


@question(
    "ex2_6",
    "five-year rolling sum",
    hints=[
        "Start from Russia's total per year, a Series indexed by year.",
        "`.rolling(5).sum()` adds each year and the four before it; the first four years "
        "have no full window and come out as NaN.",
    ],
)
def ex2_6(answer: object) -> str:
    series = need_series(answer, "five-year sums of Russia's exports, indexed by year")
    annual = by_year()
    given = _as_year_series(series).dropna()
    expected = annual.rolling(WINDOW).sum().dropna()
    if given.empty:
        raise Wrong("Your Series has no numbers in it (only NaN): check the rolling window.")
    positions = set(range(len(series)))
    if set(given.index) <= positions and not set(given.index) & set(annual.index):
        raise Wrong(
            "Your Series is indexed 0, 1, 2, ... rather than by year: group by `year` (or "
            "`set_index('year')`) before rolling."
        )

    def matches(candidate: pd.Series) -> bool:
        candidate = candidate.dropna()
        return set(given.index) == set(candidate.index) and all(
            close(given[y], candidate[y], 0.5) for y in given.index
        )

    if matches(expected):
        best = int(expected.idxmax())
        return (
            f"Right: the largest five-year sum ends in {best} ({period_label(best - 4, best)}, "
            f"{expected.max():,.0f} TIV); the last, {period_label(2019, 2023)}, is "
            f"{expected.iloc[-1]:,.0f}."
        )
    candidates = [
        (annual.rolling(WINDOW).mean(), "That is a rolling *mean*; use `.sum()`."),
        (
            annual.rolling(WINDOW, center=True).sum(),
            "That window is centred (`center=True`): label each sum by the last of its five "
            "years, as SIPRI's periods are named (2019–23 ends in 2023).",
        ),
        (
            annual.rolling(WINDOW, min_periods=1).sum(),
            "The first four values add fewer than five years: drop them (the default "
            "`min_periods` gives NaN there).",
        ),
        (annual.cumsum(), "That is a running total since 2000, not a five-year sum."),
        (
            by_year(BOTH).rolling(WINDOW).sum(),
            "You added the two editions together (register and 2022 edition): roll over the "
            "register only.",
        ),
        (by_year(OLD).rolling(WINDOW).sum(), "That is the 2022 edition; use the register."),
    ]
    candidates += [
        (
            annual.rolling(size).sum(),
            f"That window is {size} years wide: a five-year sum is `.rolling(5)`.",
        )
        for size in (WINDOW - 1, WINDOW + 1)
    ]
    for candidate, message in candidates:
        if matches(candidate):
            raise Wrong(message)
    missing = sorted(set(expected.index) - set(given.index))
    if missing:
        raise Wrong(
            f"Some years are missing, e.g. {missing[0]}: expected a value for every year "
            f"{int(expected.index.min())}–{int(expected.index.max())}."
        )
    wrong_years = [
        y for y in expected.index if y in given.index and not close(given[y], expected[y], 0.5)
    ]
    year = wrong_years[0] if wrong_years else int(given.index[0])
    raise Wrong(
        f"Not quite: the value for {year} should add up Russia's exports in "
        f"{period_label(year - 4, year) if year - 4 >= 2000 else year}."
    )


# --- Exercise 2.7 ---------------------------------------------------------------------------


def _result_frame(result: object, start: int, end: int, n: int) -> pd.DataFrame:
    call = f"top_recipients({start}, {end}, {n})"
    if result is None:
        raise Wrong(f"{call} returned None: does your function end with `return`?")
    frame = need_frame(result, ["recipient", "tiv", "share"], f"what {call} returns")
    frame = frame.reset_index(drop=True)
    frame = frame.assign(
        recipient=frame["recipient"].astype(str).str.strip(),
        tiv=_numeric(frame["tiv"], "tiv"),
        share=_numeric(frame["share"], "share"),
    )
    return frame


def _same_names(frame: pd.DataFrame, names: list[str]) -> bool:
    given = [name.casefold() for name in frame["recipient"]]
    return given == [str(name).casefold() for name in names]


def _same_column(given: pd.Series, values, tol: float = 0.05) -> bool:
    values = list(values)
    return len(values) == len(given) and all(
        close(float(a), float(b), tol) for a, b in zip(given, values, strict=True)
    )


def _check_call(result: object, start: int, end: int, n: int) -> None:
    """Raise Wrong naming the mistake if ``result`` is not ``top_table(start, end, n)``."""
    call = f"top_recipients({start}, {end}, {n})"
    frame = _result_frame(result, start, end, n)
    totals = period_totals(start, end)
    if len(frame) != n:
        if len(frame) == len(totals):
            raise Wrong(
                f"{call} returned all {len(totals)} recipients: keep the {n} largest with "
                f"`.head(n)`."
            )
        raise Wrong(f"{call} should return {n} rows; yours returned {len(frame)}.")
    expected = top_table(start, end, n)
    names = list(expected["recipient"])
    tiv_ok = _same_column(frame["tiv"], expected["tiv"])
    if not (_same_names(frame, names) and tiv_ok):
        for used in off_by_one(start, end):
            if used[0] > used[1]:
                continue
            other = top_table(*used, n)
            if _same_names(frame, list(other["recipient"])) and _same_column(
                frame["tiv"], other["tiv"]
            ):
                raise Wrong(f"{call}: {period_advice(start, end, used)}")
        editions = [(BOTH, "you added the two editions together; use the register `russia` only.")]
        if end <= 2021:
            editions.append((OLD, "these are 2022-edition figures; use the register `russia`."))
        for edition, message in editions:
            other = top_table(start, end, n, edition)
            if _same_names(frame, list(other["recipient"])) and _same_column(
                frame["tiv"], other["tiv"]
            ):
                raise Wrong(f"{call}: {message}")
        counts = period_totals(start, end, how="count")
        folded = {str(k).casefold(): v for k, v in counts.items()}
        if all(
            close(t, folded.get(r.casefold(), -1), 0)
            for r, t in zip(frame["recipient"], frame["tiv"], strict=True)
        ):
            raise Wrong(
                f"{call}: you ranked by the number of rows (years with deliveries), not by "
                "TIV. Counting rows or deals measures how often, not how much: sum `tiv`."
            )
        for other_start, other_end, _ in FUNCTION_CALLS:
            if (other_start, other_end) == (start, end):
                continue
            other = top_table(other_start, other_end, n)
            if _same_names(frame, list(other["recipient"])) and _same_column(
                frame["tiv"], other["tiv"]
            ):
                raise Wrong(
                    f"{call} gives the table of {period_label(other_start, other_end)}: use the "
                    "arguments `start` and `end` inside the function, not fixed years."
                )
        sums = {str(k).casefold(): v for k, v in totals.items()}
        right_values = all(
            close(t, sums.get(r.casefold(), -1), 0.05)
            for r, t in zip(frame["recipient"], frame["tiv"], strict=True)
        )
        same_set = {r.casefold() for r in frame["recipient"]} == {r.casefold() for r in names}
        if same_set and right_values:
            raise Wrong(f"{call}: the right recipients, but not sorted by TIV, largest first.")
        if same_set:
            raise Wrong(
                f"{call}: the recipients are right but the `tiv` values are not their sums over "
                f"{period_label(start, end)}."
            )
        raise Wrong(
            f"{call} should list Russia's {n} largest recipients by TIV in "
            f"{period_label(start, end)}; yours starts with {frame['recipient'].iloc[0]!r}. "
            "Check the year filter and the sort."
        )
    if _same_column(frame["share"], expected["share"]):
        return
    share_mistakes = [
        (expected["share"] / 100, "the shares are fractions; multiply by 100 for per cent."),
        (
            100 * expected["tiv"] / expected["tiv"].sum(),
            f"the shares are of the top {n} only; divide by Russia's total over all recipients.",
        ),
        (
            period_shares(start, end, denominator="world").head(n),
            "the shares divide by the world total of all exporters; divide by Russia's total "
            "for the period.",
        ),
    ]
    for wrong, message in share_mistakes:
        if _same_column(frame["share"], wrong):
            raise Wrong(f"{call}: {message}")
    raise Wrong(
        f"{call}: the recipients and TIV are right, but the shares are not per cent of "
        f"Russia's total in {period_label(start, end)}."
    )


@question(
    "ex2_7",
    "a function top_recipients(start, end, n)",
    hints=[
        "Inside the function use `start`, `end` and `n`, never fixed years: filter "
        "`russia['year'].between(start, end)`, then group by recipient and sum `tiv`.",
        "Compute `share` before you cut the table to n rows, so that the denominator is "
        "Russia's total over all recipients.",
        "Sort by `tiv` (largest first), keep `.head(n)`, and `.reset_index()` so that "
        "`recipient` is a column. Then `return` the table.",
    ],
)
def ex2_7(answer: object) -> str:
    func = need_callable(answer, "top_recipients itself, without brackets")
    for start, end, n in FUNCTION_CALLS:
        result = call_safely(func, start, end, n)
        _check_call(result, start, end, n)
    first = top_table(*FUNCTION_CALLS[0])
    shown = ", ".join(
        f"{r} {s:.1f} %" for r, s in zip(first["recipient"], first["share"], strict=True)
    )
    start, end, _ = FUNCTION_CALLS[0]
    return (
        f"Your function agrees with the register on {len(FUNCTION_CALLS)} calls, from a single "
        f"year to five-year periods. {period_label(start, end)}: {shown}."
    )
