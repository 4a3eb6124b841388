"""Lesson 02 "Arms transfers in the data": totals, peaks, shares, ranks and a function.

Every expected answer is computed here from data/ with the course's period helpers
(``treatylab.periods``), so the periods follow the loaded SIPRI edition: exercise 2.1 and 2.4
use the five-year period before the latest one (2014–18 in the register generated in January
2025), exercise 2.3 the latest period itself. The plausible wrong answers are computed by the
same helpers (a period off by one year, the world total as denominator, the two editions added
together, a ranking by number of rows), so each mistake gets a message that names it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd

from treatylab.data import load
from treatylab.periods import (
    EDITION_2022,
    REGISTER,
    covers,
    latest_period,
    ordinal,
    period_label,
    period_totals,
    periods,
    previous_period,
    rank_of,
    ranking,
    share_of,
    world_by_year,
)
from treatylab.questions.base import Mistake, NotApplicable, question
from treatylab.questions.kinds import Counts, Function, Number, Table, call, year_item

S300_PERIOD = (2012, 2016)  # Exercise 2.5: the period of the S-300PMU2 deliveries
WINDOW = 5  # Exercise 2.6
IRAN_TO_RUSSIA, RUSSIA_TO_IRAN = "Iran to Russia", "Russia to Iran"


def total_period() -> tuple[int, int]:
    """Exercises 2.1 and 2.4: the five-year period before the latest one (2014–18 today)."""
    return previous_period(*latest_period())


# --- data helpers ----------------------------------------------------------------------------


@functools.cache
def _rows(table: str) -> pd.DataFrame:
    return load(table)


def both_editions() -> pd.DataFrame:
    """The register and the 2022 edition stacked: the mistake of adding editions together."""
    return pd.concat([_rows(REGISTER), _rows(EDITION_2022)], ignore_index=True)


def raw_sum(start: int, end: int, table: pd.DataFrame | None = None) -> float:
    """TIV summed over start..end of a table (the register by default), with no checks."""
    rows = _rows(REGISTER) if table is None else table
    return float(rows.loc[rows["year"].between(start, end), "tiv"].sum())


def by_year(table: pd.DataFrame | None = None) -> pd.Series:
    """Russia's total exports per year (sum over recipients)."""
    rows = _rows(REGISTER) if table is None else table
    return rows.groupby("year")["tiv"].sum().astype(float)


def shares(start: int, end: int, table: pd.DataFrame | None = None, base: float | None = None):
    """recipient -> per cent of Russia's total in the period (or of ``base``), largest first."""
    rows = _rows(REGISTER) if table is None else table
    totals = rows[rows["year"].between(start, end)].groupby("recipient")["tiv"].sum()
    totals = totals[totals > 0].sort_values(ascending=False, kind="stable")
    return 100 * totals / (totals.sum() if base is None else base)


def share_table(series: pd.Series) -> pd.DataFrame:
    return series.rename("share").rename_axis("recipient").reset_index()


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
    parts = [f"That is the figure for {period_label(*used)}, not {target}: off by one year."]
    if used == (start, end - 1):
        parts.append(
            f"{end} is missing: `.between({start}, {end})` keeps both end years, while "
            f"`range({start}, {end})` and `< {end}` stop at {end - 1}."
        )
    else:
        parts.append(f"{target} means the {end - start + 1} years {start} to {end}, both included.")
    return " ".join(parts)


def period_mistakes(
    answer_for: Callable[[int, int], object], period: Callable[[], tuple[int, int]]
) -> list[Mistake]:
    """One mistake per off-by-one period that the register covers."""
    mistakes = []
    for index in range(6):

        def value(index: int = index) -> object:
            used = off_by_one(*period())[index]
            if not covers(*used):
                raise NotApplicable  # a period the data do not cover is no learner's mistake
            return answer_for(*used)

        def message(index: int = index) -> str:
            return period_advice(*period(), off_by_one(*period())[index])

        mistakes.append(Mistake.answer(value, message))
    return mistakes


# --- Exercise 2.1 ---------------------------------------------------------------------------


def _ex2_1_success(given: object) -> str:
    start, end = total_period()
    later_start, later_end = latest_period()
    before, after = raw_sum(start, end), raw_sum(later_start, later_end)
    change = 100 * (after / before - 1)
    later = period_label(later_start, later_end)
    return (
        f"{before:,.1f} TIV in {period_label(start, end)}. In {later} it was {after:,.1f}: "
        f"a change of {change:+.1f} %."
    )


question(
    "ex2_1",
    "Russia's total in the period before the latest",
    Number(
        lambda: raw_sum(*total_period()),
        "Russia's total for the period in SIPRI TIV",
        decimals=1,
        advice="Filter the period's years in the register and add up the `tiv` column.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: raw_sum(*total_period(), both_editions()),
            "You added the two editions together (the register and the 2022 edition): the "
            "same deliveries are counted twice. Use the register table only.",
        ),
        Mistake.answer(
            lambda: raw_sum(*total_period(), _rows(EDITION_2022)),
            "That is the total in the 2022 edition of the database. The exercise asks for the "
            "register, the table `russia`.",
        ),
        Mistake.answer(
            lambda: float(world_by_year().loc[slice(*total_period())].sum()),
            "That is the world total of every exporter, not Russia's exports.",
        ),
        Mistake.answer(
            lambda: raw_sum(*total_period()) / 5, "That is the average per year; give the total."
        ),
        *period_mistakes(raw_sum, total_period),
    ],
    hints=[
        "Keep the rows whose `year` lies in the period, then add up the `tiv` column.",
        "`russia['year'].between(start, end)` is True for both end years and every year between.",
        "`russia.loc[russia['year'].between(start, end), 'tiv'].sum()`",
    ],
    success=_ex2_1_success,
)


# --- Exercise 2.2 ---------------------------------------------------------------------------


question(
    "ex2_2",
    "year of Russia's highest exports",
    Number(
        lambda: int(by_year().idxmax()),
        "a year, such as 2005",
        integer=True,
        minimum=1900,
        maximum=2100,
        advice="Sum by year first, then take `.idxmax()`.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: by_year().max(),
            "That is the TIV of the peak year, not the year: use `.idxmax()` rather than `.max()`.",
        ),
        Mistake.answer(
            lambda: int(by_year().idxmin()),
            "That is the year of the *lowest* exports: use `.idxmax()`, not `.idxmin()`.",
        ),
        Mistake.answer(
            lambda: int(by_year().to_numpy().argmax()),
            "That is a row position, not a year: `.argmax()` counts rows from 0; `.idxmax()` "
            "gives the year.",
        ),
        Mistake.answer(
            lambda: int(_rows(REGISTER).loc[_rows(REGISTER)["tiv"].idxmax(), "year"]),
            "That is the year of the largest single recipient-year, not of Russia's total: "
            "add up each year first (`groupby('year')['tiv'].sum()`).",
        ),
    ],
    hints=[
        "First add up each year: `russia.groupby('year')['tiv'].sum()`.",
        "`.idxmax()` gives the index label (here the year) of the largest value; `.max()` "
        "gives the value itself.",
    ],
    success=lambda given: (
        f"{int(by_year().idxmax())}: {by_year().max():,.0f} TIV, the register's highest year. The "
        f"lowest is {int(by_year().idxmin())} ({by_year().min():,.0f} TIV)."
    ),
)


# --- Exercise 2.3 ---------------------------------------------------------------------------


def _flow(direction: str, start: int, end: int, column: str = "tiv_delivered") -> float:
    rows = _rows("sipri_russia_iran_deliveries")
    rows = rows[(rows["direction"] == direction) & rows["delivery_year"].between(start, end)]
    return float(rows[column].sum())


def flow_ratio(start: int, end: int, column: str = "tiv_delivered") -> float:
    """Iran→Russia divided by Russia→Iran over the period (inf if Russia delivered nothing)."""
    to_iran = _flow(RUSSIA_TO_IRAN, start, end, column)
    to_russia = _flow(IRAN_TO_RUSSIA, start, end, column)
    return to_russia / to_iran if to_iran else float("inf")


def _unit_tiv(designation: str) -> float:
    rows = _rows("sipri_russia_iran_deliveries")
    return float(rows.loc[rows["designation"] == designation, "tiv_per_unit"].iloc[0])


def _ex2_3_success(given: object) -> str:
    start, end = latest_period()
    to_russia, to_iran = _flow(IRAN_TO_RUSSIA, start, end), _flow(RUSSIA_TO_IRAN, start, end)
    return (
        f"{to_russia:g} TIV against {to_iran:g} TIV: in {period_label(start, end)} Iran delivered "
        f"{to_russia / to_iran:.1f} times as much to Russia as it received."
    )


question(
    "ex2_3",
    "Iran→Russia against Russia→Iran, latest period",
    Number(
        lambda: flow_ratio(*latest_period()),
        "a ratio, e.g. 2.5",
        decimals=1,
        advice="Sum `tiv_delivered` by direction over the whole period, then divide Iran→Russia "
        "by Russia→Iran.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: 1 / flow_ratio(*latest_period()),
            "That is the ratio the wrong way round (Russia→Iran divided by Iran→Russia).",
        ),
        Mistake.answer(
            lambda: flow_ratio(latest_period()[1], latest_period()[1]),
            lambda: (
                f"That is {latest_period()[1]} alone; the exercise covers the whole period "
                f"{period_label(*latest_period())}."
            ),
        ),
        Mistake.answer(
            lambda: flow_ratio(latest_period()[1] - 1, latest_period()[1]),
            lambda: (
                f"That covers only the last two years; the exercise asks for the whole "
                f"period {period_label(*latest_period())}."
            ),
        ),
        Mistake.answer(
            lambda: flow_ratio(*latest_period(), column="number_delivered"),
            lambda: (
                "That compares the *number* of items, not their TIV: one item can be a "
                f"{_unit_tiv('Shahed-136'):g}-TIV Shahed-136 or a {_unit_tiv('Yak-130'):g}-TIV "
                "Yak-130. Use `tiv_delivered`."
            ),
        ),
        Mistake.answer(
            lambda: (
                _flow(IRAN_TO_RUSSIA, *latest_period()) - _flow(RUSSIA_TO_IRAN, *latest_period())
            ),
            "That is the difference; the exercise asks for the ratio.",
        ),
        Mistake.answer(
            lambda: 100 * flow_ratio(*latest_period()),
            "That is a percentage; give the plain ratio (how many times).",
        ),
        Mistake.when(
            lambda given: given > 1e6,
            "Your ratio is enormous: did you divide by a year in which Russia delivered almost "
            "nothing? Add up each direction over the whole period first, then divide.",
            example=lambda: 1e9,
        ),
    ],
    hints=[
        "Keep the rows of `deliveries` delivered in the period, then sum `tiv_delivered` "
        "by `direction`.",
        "Divide the period total Iran to Russia by the period total Russia to Iran. Some years "
        "have no delivery at all in one direction, so never divide year by year.",
    ],
    success=_ex2_3_success,
)


# --- Exercise 2.4 ---------------------------------------------------------------------------


def _ex2_4_success(given: object) -> str:
    start, end = total_period()
    table = ranking(start, end)
    shown = ", ".join(
        f"{r} {s:.1f} %" for r, s in zip(table["recipient"][:3], table["share"][:3], strict=True)
    )
    return (
        f"Right: {shown}. Iran had {share_of('Iran', start, end):.2f} % and ranked "
        f"{ordinal(rank_of('Iran', start, end))} of {len(table)} recipients."
    )


question(
    "ex2_4",
    "shares of Russia's recipients, period before the latest",
    Table(
        lambda: share_table(shares(*total_period())),
        "shares of Russia's exports in the period, by recipient",
        key=["recipient"],
        columns=["share"],
        decimals={"share": 1},
        sort=("share", True),
        row="recipient",
    ),
    mistakes=[
        Mistake.answer(
            lambda: share_table(shares(*total_period()) / 100),
            "These are fractions (they add up to 1); multiply by 100 for per cent.",
        ),
        Mistake.answer(
            lambda: share_table(
                shares(
                    *total_period(), base=float(world_by_year().loc[slice(*total_period())].sum())
                )
            ),
            "You divided by the world total of all exporters. A share of Russia's exports "
            "divides by Russia's own total for the period.",
        ),
        Mistake.answer(
            lambda: share_table(shares(*total_period(), both_editions())),
            "You added the two editions together (register and 2022 edition): use the register "
            "table only.",
        ),
        Mistake.answer(
            lambda: share_table(shares(*total_period(), _rows(EDITION_2022))),
            "These shares come from the 2022 edition; use the register table `russia`.",
        ),
        *period_mistakes(lambda s, e: share_table(shares(s, e)), total_period),
    ],
    hints=[
        "Filter the period, then `groupby('recipient')['tiv'].sum()`.",
        "A share is one recipient's TIV divided by Russia's total for the same period "
        "(the sum of your grouped Series), times 100.",
        "Sort with `.sort_values(ascending=False)`, then `.rename('share').reset_index()` "
        "gives the columns recipient and share.",
    ],
    success=_ex2_4_success,
)


# --- Exercise 2.5 ---------------------------------------------------------------------------


def count_ranks() -> list[int]:
    """Iran's place when recipients are ranked by rows (years with deliveries), every tie order."""
    rows = _rows(REGISTER)
    counts = (
        rows[rows["year"].between(*S300_PERIOD) & (rows["tiv"] > 0)].groupby("recipient").size()
    )
    own = counts["Iran"]
    return list(range(int((counts > own).sum()) + 1, int((counts >= own).sum()) + 1))


def _nth_count_rank(i: int) -> int:
    ranks = count_ranks()
    if i >= len(ranks):
        raise NotApplicable
    return ranks[i]


def _ex2_5_success(given: object) -> str:
    start, end = S300_PERIOD
    iran = _rows(REGISTER)[_rows(REGISTER)["recipient"] == "Iran"]
    in_last = float(iran.loc[iran["year"] == end, "tiv"].sum())
    total = float(iran.loc[iran["year"].between(start, end), "tiv"].sum())
    return (
        f"{ordinal(rank_of('Iran', start, end))} of {len(ranking(start, end))}, with "
        f"{share_of('Iran', start, end):.2f} % of Russia's exports. {in_last:g} of Iran's "
        f"{total:g} TIV in {period_label(start, end)} came in {end}, the year of the S-300PMU2."
    )


question(
    "ex2_5",
    f"Iran's rank in {period_label(*S300_PERIOD)}",
    Number(
        lambda: rank_of("Iran", *S300_PERIOD),
        f"Iran's rank among Russia's recipients in {period_label(*S300_PERIOD)}",
        integer=True,
        minimum=1,
        maximum=lambda: len(ranking(*S300_PERIOD)),
        advice="Sum `tiv` by recipient over the five years, then rank with "
        "`ascending=False`: 1 is the largest.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: share_of("Iran", *S300_PERIOD),
            "That is Iran's share in per cent; give its rank (1 = largest).",
        ),
        *[
            Mistake.answer(
                lambda i=i: _nth_count_rank(i),
                "You ranked by the number of rows (how many years had deliveries), not by TIV. "
                "Counting rows measures how often, not how much: sum `tiv`.",
            )
            for i in range(4)
        ],
        Mistake.answer(
            lambda: rank_of("Iran", *S300_PERIOD) - 1,
            "That rank counts from 0: the largest recipient is number 1.",
        ),
        Mistake.answer(
            lambda: len(ranking(*S300_PERIOD)) - rank_of("Iran", *S300_PERIOD) + 1,
            "That counts from the smallest recipient: rank with `ascending=False`.",
        ),
        Mistake.answer(
            lambda: len(ranking(*S300_PERIOD)),
            "That is the number of recipients in the period, not Iran's place.",
        ),
        Mistake.answer(
            lambda: period_totals(*S300_PERIOD)["Iran"],
            "That is Iran's total TIV in the period; give its rank among the recipients.",
        ),
        *period_mistakes(lambda s, e: rank_of("Iran", s, e), lambda: S300_PERIOD),
    ],
    hints=[
        "Sum `tiv` by recipient for the period, then rank: "
        "`.rank(ascending=False, method='min')` gives 1 to the largest.",
        "Read Iran's value with `['Iran']` and turn it into a whole number with `int()`.",
    ],
    success=_ex2_5_success,
)


# --- Exercise 2.6 ---------------------------------------------------------------------------


def rolling(window: int = WINDOW, table: pd.DataFrame | None = None, **options) -> pd.Series:
    return by_year(table).rolling(window, **options).sum().dropna()


def _ex2_6_success(given: object) -> str:
    expected = rolling()
    best = int(expected.idxmax())
    last = int(expected.index.max())
    return (
        f"Right: the largest five-year sum ends in {best} ({period_label(best - 4, best)}, "
        f"{expected.max():,.0f} TIV); the last, {period_label(last - 4, last)}, is "
        f"{expected.iloc[-1]:,.0f}."
    )


question(
    "ex2_6",
    "five-year rolling sum",
    Counts(
        rolling,
        "five-year sums of Russia's exports, indexed by the last year of each window",
        item=year_item,
        decimals=0,
        noun="year",
    ),
    mistakes=[
        Mistake.answer(
            lambda: by_year().rolling(WINDOW).mean().dropna(),
            "That is a rolling *mean*; use `.sum()`.",
        ),
        Mistake.answer(
            lambda: by_year().rolling(WINDOW, center=True).sum().dropna(),
            "That window is centred (`center=True`): label each sum by the last of its five "
            "years, as SIPRI's periods are named (2019–23 ends in 2023).",
        ),
        Mistake.answer(
            lambda: by_year().rolling(WINDOW, min_periods=1).sum(),
            "The first four values add fewer than five years: drop them (the default "
            "`min_periods` gives NaN there).",
        ),
        Mistake.answer(
            lambda: by_year().cumsum(),
            "That is a running total from the first year, not a five-year sum.",
        ),
        Mistake.answer(
            lambda: rolling(table=both_editions()),
            "You added the two editions together (register and 2022 edition): roll over the "
            "register only.",
        ),
        Mistake.answer(
            lambda: rolling(table=_rows(EDITION_2022)),
            "That is the 2022 edition; use the register.",
        ),
        Mistake.answer(
            lambda: rolling(WINDOW - 1),
            "That window is 4 years wide: a five-year sum is `.rolling(5)`.",
        ),
        Mistake.answer(
            lambda: rolling(WINDOW + 1),
            "That window is 6 years wide: a five-year sum is `.rolling(5)`.",
        ),
        Mistake.when(
            lambda given: (
                bool(given.values)
                and set(given.values) <= set(range(len(given.values)))
                and not set(given.values) & set(by_year().index)
            ),
            "Your Series is indexed 0, 1, 2, ... rather than by year: group by `year` (or "
            "`set_index('year')`) before rolling.",
            example=lambda: rolling().reset_index(drop=True),
        ),
    ],
    hints=[
        "Start from Russia's total per year, a Series indexed by year.",
        "`.rolling(5).sum()` adds each year and the four before it; the first four years "
        "have no full window and come out as NaN.",
    ],
    success=_ex2_6_success,
)


# --- Exercise 2.7 ---------------------------------------------------------------------------


def top_table(start: int, end: int, n: int, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The worked answer of ``top_recipients(start, end, n)``: recipient, tiv, share."""
    rows = _rows(REGISTER) if table is None else table
    totals = rows[rows["year"].between(start, end)].groupby("recipient")["tiv"].sum()
    frame = pd.DataFrame({"tiv": totals, "share": 100 * totals / totals.sum()})
    frame = frame.sort_values("tiv", ascending=False, kind="stable").head(n)
    return frame.rename_axis("recipient").reset_index()


def _tie_free(start: int, end: int, n: int) -> bool:
    totals = period_totals(start, end)
    return len(totals) > n and totals.iloc[n - 1] != totals.iloc[n]


def function_cases() -> list:
    """Calls of the learner's top_recipients: pairs that differ in one argument only, periods
    of several lengths, none with a tie at the cut (where two answers would both be right)."""
    first = periods()[0]
    latest, before = latest_period(), total_period()
    wanted = [
        (*latest, 3),
        (latest[0] + 2, latest[1], 3),
        (*latest, 5),
        (*before, 5),
        (before[0], before[1] - 2, 5),
        (*first, 3),
        (latest[1] - 1, latest[1] - 1, 2),
    ]
    return [call(s, e, n) for s, e, n in wanted if covers(s, e) and _tie_free(s, e, n)]


def _fixed_years(start: int, end: int, n: int) -> pd.DataFrame:
    return top_table(*latest_period(), n)


def _excluded_end(start: int, end: int, n: int) -> pd.DataFrame:
    return top_table(start, end - 1, n) if end > start else top_table(start, end, n).head(0)


def _top_only_shares(start: int, end: int, n: int) -> pd.DataFrame:
    frame = top_table(start, end, n)
    return frame.assign(share=100 * frame["tiv"] / frame["tiv"].sum())


def _fraction_shares(start: int, end: int, n: int) -> pd.DataFrame:
    frame = top_table(start, end, n)
    return frame.assign(share=frame["share"] / 100)


def _by_rows(start: int, end: int, n: int) -> pd.DataFrame:
    rows = _rows(REGISTER)
    counts = rows[rows["year"].between(start, end)].groupby("recipient")["tiv"].size()
    frame = pd.DataFrame({"tiv": counts.astype(float), "share": 100 * counts / counts.sum()})
    return frame.sort_values("tiv", ascending=False).head(n).rename_axis("recipient").reset_index()


def _all_recipients(start: int, end: int, n: int) -> pd.DataFrame:
    return top_table(start, end, 10_000)


def _top_with_nlargest(start: int, end: int, n: int) -> pd.DataFrame:
    """Another right answer: ``nlargest``, recipient left in the index, columns reordered."""
    rows = _rows(REGISTER)
    totals = rows.loc[(rows["year"] >= start) & (rows["year"] <= end)].groupby("recipient")["tiv"]
    summed = totals.sum()
    top_n = summed.nlargest(n)
    return pd.DataFrame({"share": top_n / summed.sum() * 100, "tiv": top_n})


def _top_with_a_loop(start: int, end: int, n: int) -> list:
    """Another right answer, built row by row (returned as a DataFrame)."""
    sums: dict[str, float] = {}
    for row in _rows(REGISTER).itertuples():
        if start <= row.year <= end:
            sums[row.recipient] = sums.get(row.recipient, 0.0) + row.tiv
    total = sum(sums.values())
    ordered = sorted(sums.items(), key=lambda item: -item[1])[:n]
    return pd.DataFrame([{"recipient": r, "tiv": t, "share": 100 * t / total} for r, t in ordered])


def _ex2_7_success(given: object) -> str:
    start, end = latest_period()
    first = top_table(start, end, 3)
    shown = ", ".join(
        f"{r} {s:.1f} %" for r, s in zip(first["recipient"], first["share"], strict=True)
    )
    return (
        f"Your function agrees with the register on {len(function_cases())} calls, from a "
        f"single year to five-year periods. {period_label(start, end)}: {shown}."
    )


question(
    "ex2_7",
    "a function top_recipients(start, end, n)",
    Function(
        top_table,
        "top_recipients itself, without brackets",
        name="top_recipients",
        params=["start", "end", "n"],
        cases=function_cases,
        result=Table(
            lambda: top_table(*latest_period(), 3),
            "the table top_recipients returns",
            key=["recipient"],
            columns=["tiv", "share"],
            decimals={"tiv": 1, "share": 1},
            sort=("tiv", True),
            row="recipient",
        ),
    ),
    mistakes=[
        Mistake.answer(
            lambda: _fixed_years,
            "Your function gives the table of the same years whatever `start` and `end` say: "
            "use the arguments inside the function, not fixed years.",
        ),
        Mistake.answer(
            lambda: _excluded_end,
            "The end year is missing: `.between(start, end)` keeps both end years, while "
            "`< end` and `range(start, end)` stop one year short.",
        ),
        Mistake.answer(
            lambda: _top_only_shares,
            "The shares are of the top n only; divide by Russia's total over all recipients, "
            "before you cut the table to n rows.",
        ),
        Mistake.answer(
            lambda: _fraction_shares,
            "The shares are fractions; multiply by 100 for per cent.",
        ),
        Mistake.answer(
            lambda: _by_rows,
            "You ranked by the number of rows (years with deliveries), not by TIV. Counting "
            "rows measures how often, not how much: sum `tiv`.",
        ),
        Mistake.answer(
            lambda: _all_recipients,
            "Your function returns every recipient: keep the n largest with `.head(n)`.",
        ),
        Mistake.answer(
            lambda: lambda s, e, n: top_table(s, e, n, both_editions()),
            "You added the two editions together; use the register `russia` only.",
        ),
    ],
    hints=[
        "Inside the function use `start`, `end` and `n`, never fixed years: filter "
        "`russia['year'].between(start, end)`, then group by recipient and sum `tiv`.",
        "Compute `share` before you cut the table to n rows, so that the denominator is "
        "Russia's total over all recipients.",
        "Sort by `tiv` (largest first), keep `.head(n)`, and `.reset_index()` so that "
        "`recipient` is a column. Then `return` the table.",
    ],
    success=_ex2_7_success,
    examples=[lambda: _top_with_nlargest, lambda: _top_with_a_loop],
)
