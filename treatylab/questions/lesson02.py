"""Lesson 02 "Arms transfers in the data": totals, peaks, shares, ranks and a function.

Every expected answer is computed here from data/ with the course's period helpers
(``treatylab.periods``), so the periods follow the loaded SIPRI edition: exercises 2.1 and 2.4
use the five-year period before the latest one (2014–18 in the register generated in January
2025), exercise 2.3 the latest period itself, exercise 2.5 the five years ending with the year
the register dates the S-300PMU2 delivery, and exercise 2.7 calls the learner's function on
periods placed relative to the register's coverage. The exercise notebook prints the same
periods from the same helpers, so prompt, key and messages cannot disagree.

The plausible wrong answers are computed by the same helpers (a period off by one year, the
latest period instead of the one before, the world total as denominator, the two editions added
together, a ranking by number of rows, a sort the wrong way round), so each mistake gets a
message that names it. A mistake that the loaded edition cannot produce (a period it does not
cover, a ratio whose denominator is zero there) raises ``NotApplicable`` and is left out.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from treatylab.data import load
from treatylab.periods import (
    EDITION_2022,
    REGISTER,
    coverage,
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
from treatylab.questions.kinds import (
    Call,
    Counts,
    Frame,
    Function,
    Number,
    Table,
    call,
    year_item,
)
from treatylab.questions.text import fold

WINDOW = 5  # SIPRI's periods, and the window of exercise 2.6
IRAN_TO_RUSSIA, RUSSIA_TO_IRAN = "Iran to Russia", "Russia to Iran"
DELIVERIES = "sipri_russia_iran_deliveries"
S300 = "S-300PMU2"  # the system whose delivery year defines exercise 2.5's period


def total_period() -> tuple[int, int]:
    """Exercises 2.1 and 2.4: the five-year period before the latest one (2014–18 today)."""
    return previous_period(*latest_period())


@functools.cache
def s300_period() -> tuple[int, int]:
    """Exercise 2.5: the five years ending with the year the register dates the S-300PMU2
    delivery to Iran (2012–16 today). Read from the data, so a re-dated delivery moves it."""
    rows = _rows(DELIVERIES)
    years = rows.loc[
        (rows["direction"] == RUSSIA_TO_IRAN) & (rows["designation"] == S300), "delivery_year"
    ]
    if years.empty:
        raise ValueError(f"{DELIVERIES} has no {S300} delivery to Iran")
    end = int(years.max())
    return end - WINDOW + 1, end


# --- data helpers ----------------------------------------------------------------------------


@functools.cache
def _rows(table: str) -> pd.DataFrame:
    return load(table)


def both_editions() -> pd.DataFrame:
    """The register and the 2022 edition stacked: the mistake of adding editions together."""
    return pd.concat([_rows(REGISTER), _rows(EDITION_2022)], ignore_index=True)


def in_2022_edition(start: int, end: int) -> pd.DataFrame:
    """The 2022 edition's rows, for a period it covers (else the mistake does not apply)."""
    if not covers(start, end, EDITION_2022):
        raise NotApplicable
    return _rows(EDITION_2022)


def raw_sum(start: int, end: int, table: pd.DataFrame | None = None) -> float:
    """TIV summed over start..end: the register's through ``treatylab.periods`` (the course's
    one implementation), another table's (a mistake's) directly."""
    if table is None:
        return float(period_totals(start, end).sum())
    return float(table.loc[table["year"].between(start, end), "tiv"].sum())


def by_year(table: pd.DataFrame | None = None) -> pd.Series:
    """Russia's total exports per year (sum over recipients)."""
    rows = _rows(REGISTER) if table is None else table
    return rows.groupby("year")["tiv"].sum().astype(float)


def shares(
    start: int, end: int, table: pd.DataFrame | None = None, base: float | None = None
) -> pd.Series:
    """recipient -> per cent of Russia's total in the period (or of ``base``), largest first;
    the register's totals come from ``treatylab.periods``, another table's (a mistake's) are
    summed here the same way."""
    if table is None:
        totals = period_totals(start, end)
    else:
        totals = table[table["year"].between(start, end)].groupby("recipient")["tiv"].sum()
        totals = totals[totals > 0].sort_values(ascending=False, kind="stable")
    return 100 * totals / (totals.sum() if base is None else base)


def share_table(series: pd.Series) -> pd.DataFrame:
    return series.rename("share").rename_axis("recipient").reset_index()


def world_sum(start: int, end: int) -> float:
    return float(world_by_year().loc[start:end].sum())


@functools.cache
def _fact_sheets() -> pd.DataFrame:
    return load("sipri_fact_sheets")


def published(subject: str, start: int, end: int, indicator: str) -> tuple[float, str] | None:
    """A figure SIPRI published for the period (value, 'March 2024'), or None if our fact-sheet
    table has none. The newest release wins when several give the same figure."""
    facts = _fact_sheets()
    rows = facts[
        (facts["subject"] == subject)
        & (facts["period"] == period_label(start, end))
        & (facts["indicator"] == indicator)
    ].sort_values("published")
    if rows.empty:
        return None
    row = rows.iloc[-1]
    month = pd.Timestamp(str(row["published"])).strftime("%B %Y")
    return float(row["value"]), month


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


def period_advice(start: int, end: int, used: tuple[int, int], what: str = "figure") -> str:
    """A message for a period off by one year, saying which year is missing or extra."""
    target = period_label(start, end)
    parts = [f"That is the {what} for {period_label(*used)}, not {target}: off by one year."]
    if used == (start, end - 1):
        parts.append(
            f"{end} is missing: `.between({start}, {end})` keeps both end years, while "
            f"`range({start}, {end})` and `< {end}` stop at {end - 1}."
        )
    else:
        parts.append(f"{target} means the {end - start + 1} years {start} to {end}, both included.")
    return " ".join(parts)


def period_mistakes(
    answer_for: Callable[[int, int], object],
    period: Callable[[], tuple[int, int]],
    what: str = "figure",
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
            return period_advice(*period(), off_by_one(*period())[index], what)

        mistakes.append(Mistake.answer(value, message))
    return mistakes


def latest_instead(what: str) -> Callable[[], str]:
    """The message for an answer computed over the latest period instead of the one before."""
    return lambda: (
        f"That is {what} for {period_label(*latest_period())}, the latest period. The "
        f"exercise asks for the period before it, {period_label(*total_period())} "
        "(`before` in the setup cell)."
    )


# --- Exercise 2.1 ---------------------------------------------------------------------------


def _change_against_published() -> str:
    """'a change of -52.5 %, against -53 % in SIPRI's fact sheet of March 2024' (or without
    the comparison when our fact-sheet table has no published change for the period)."""
    start, end = latest_period()
    before, after = raw_sum(*total_period()), raw_sum(start, end)
    text = f"a change of {100 * (after / before - 1):+.1f} %"
    figure = published("Russia", start, end, "change in arms exports vs previous period")
    if figure is not None:
        text += f", against {figure[0]:+g} % in SIPRI's fact sheet of {figure[1]}"
    return text


def _ex2_1_success(given: object) -> str:
    start, end = total_period()
    later = latest_period()
    return (
        f"{raw_sum(start, end):,.1f} TIV in {period_label(start, end)}. In "
        f"{period_label(*later)} it was {raw_sum(*later):,.1f}: {_change_against_published()}."
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
            lambda: raw_sum(*total_period(), in_2022_edition(*total_period())),
            "That is the total in the 2022 edition of the database. The exercise asks for the "
            "register, the table `russia`.",
        ),
        Mistake.answer(
            lambda: world_sum(*total_period()),
            "That is the world total of every exporter, not Russia's exports.",
        ),
        Mistake.answer(
            lambda: float(round(raw_sum(*total_period()))),
            "Rounded to a whole number: keep one decimal, as the message shows totals (or do "
            "not round at all).",
        ),
        Mistake.answer(
            lambda: raw_sum(*total_period()) / WINDOW,
            "That is the average per year; give the total.",
        ),
        Mistake.answer(lambda: raw_sum(*latest_period()), latest_instead("Russia's total")),
        Mistake.answer(
            lambda: raw_sum(*coverage()),
            "That is the total of every year in the register: keep only the rows of the "
            "period's five years before you add up `tiv`.",
        ),
        *period_mistakes(raw_sum, total_period),
    ],
    hints=[
        "Keep the rows whose `year` lies in the period, then add up the `tiv` column.",
        "`russia['year'].between(start, end)` is True for both end years and every year between.",
        "`russia.loc[russia['year'].between(*before), 'tiv'].sum()`",
    ],
    success=_ex2_1_success,
)


# --- Exercise 2.2 ---------------------------------------------------------------------------


class RegisterYear(Number):
    """A year of the register: a wrong year is told whether the register has it, and how
    much Russia delivered in it (never which year is right)."""

    def diagnose(self, given: float, expected: float) -> str:
        if given != int(given):
            return super().diagnose(given, expected)
        annual = by_year()
        year = int(given)
        if year not in annual.index:
            first, last = coverage()
            if 1900 <= year <= 2100:
                return f"{year} is not a year of the register, which covers {first}–{last}."
            return super().diagnose(given, expected)
        return (
            f"In {year} Russia delivered {annual[year]:,.0f} TIV; another year is higher. "
            "Sum by year first, then take `.idxmax()`."
        )


def _peak_to_iran() -> int:
    rows = _rows(DELIVERIES)
    to_iran = rows[rows["direction"] == RUSSIA_TO_IRAN]
    return int(to_iran.groupby("delivery_year")["tiv_delivered"].sum().idxmax())


question(
    "ex2_2",
    "year of Russia's highest exports",
    RegisterYear(
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
        Mistake.answer(
            _peak_to_iran,
            "That is the peak of Russia's deliveries to Iran (the `deliveries` table); the "
            "exercise asks for all of Russia's exports, the table `russia`.",
        ),
        Mistake.answer(
            lambda: int(by_year(_rows(EDITION_2022)).idxmax()),
            "That is the peak year in the 2022 edition; use the register `russia`.",
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


def _flow(
    direction: str, start: int, end: int, column: str = "tiv_delivered", year: str = "delivery"
) -> float:
    rows = _rows(DELIVERIES)
    rows = rows[(rows["direction"] == direction) & rows[f"{year}_year"].between(start, end)]
    return float(rows[column].sum())


def flow_ratio(
    start: int, end: int, column: str = "tiv_delivered", year: str = "delivery"
) -> float:
    """Iran→Russia divided by Russia→Iran over the period (inf if Russia delivered nothing)."""
    to_iran = _flow(RUSSIA_TO_IRAN, start, end, column, year)
    to_russia = _flow(IRAN_TO_RUSSIA, start, end, column, year)
    return to_russia / to_iran if to_iran else math.inf


def finite(value: float) -> float:
    """A wrong ratio the data can produce, or NotApplicable (a division by zero here, or 0/0)."""
    if not math.isfinite(value):
        raise NotApplicable
    return value


def _unit_values(start: int, end: int) -> str:
    """'a 0.2-TIV Shahed-136 or a 10.5-TIV Yak-130': the cheapest and dearest item of the
    period's deliveries, so the message names items the learner has just summed."""
    rows = _rows(DELIVERIES)
    rows = rows[rows["delivery_year"].between(start, end)].sort_values("tiv_per_unit")
    if rows.empty:
        return "worth very different amounts"
    low, high = rows.iloc[0], rows.iloc[-1]
    return (
        f"a {low['tiv_per_unit']:g}-TIV {low['designation']} or a {high['tiv_per_unit']:g}-TIV "
        f"{high['designation']}"
    )


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
            lambda: finite(1 / flow_ratio(*latest_period())),
            "That is the ratio the wrong way round (Russia→Iran divided by Iran→Russia).",
        ),
        Mistake.answer(
            lambda: finite(flow_ratio(latest_period()[1], latest_period()[1])),
            lambda: (
                f"That is {latest_period()[1]} alone; the exercise covers the whole period "
                f"{period_label(*latest_period())}."
            ),
        ),
        Mistake.answer(
            lambda: finite(flow_ratio(latest_period()[1] - 1, latest_period()[1])),
            lambda: (
                f"That covers only the last two years; the exercise asks for the whole "
                f"period {period_label(*latest_period())}."
            ),
        ),
        Mistake.answer(
            lambda: finite(flow_ratio(*latest_period(), column="number_delivered")),
            lambda: (
                "That compares the *number* of items, not their TIV: one item can be "
                f"{_unit_values(*latest_period())}. Use `tiv_delivered`."
            ),
        ),
        Mistake.answer(
            lambda: finite(flow_ratio(*latest_period(), column="tiv_per_unit")),
            "That adds up `tiv_per_unit`, the value of one item; use `tiv_delivered`, the "
            "value of everything delivered.",
        ),
        Mistake.answer(
            lambda: finite(flow_ratio(*latest_period(), year="order")),
            "That selects the rows by `order_year`, the year of the deal; the exercise is about "
            "deliveries, so filter on `delivery_year`.",
        ),
        Mistake.answer(
            lambda: float(round(finite(flow_ratio(*latest_period())))),
            "Rounded to a whole number: keep one decimal (or do not round at all).",
        ),
        Mistake.answer(
            lambda: (
                _flow(IRAN_TO_RUSSIA, *latest_period()) - _flow(RUSSIA_TO_IRAN, *latest_period())
            ),
            "That is the difference; the exercise asks for the ratio.",
        ),
        Mistake.answer(
            lambda: finite(100 * flow_ratio(*latest_period())),
            "That is a percentage; give the plain ratio (how many times).",
        ),
        *period_mistakes(lambda s, e: finite(flow_ratio(s, e)), latest_period, "ratio"),
        Mistake.when(
            lambda given: given > 1e6,
            "Your ratio is enormous: did you divide by a year in which Russia delivered almost "
            "nothing? Add up each direction over the whole period first, then divide.",
            example=lambda: 1e9,
        ),
    ],
    hints=[
        "Keep the rows of `deliveries` delivered in the period (`latest`), then sum "
        "`tiv_delivered` by `direction`.",
        "Divide the period total Iran to Russia by the period total Russia to Iran. Some years "
        "have no delivery at all in one direction, so never divide year by year.",
    ],
    success=_ex2_3_success,
)


# --- Exercise 2.4 ---------------------------------------------------------------------------


class ShareTable(Table):
    """Shares by recipient: a DataFrame (recipient, share), or a Series of shares indexed by
    recipient whatever its name (``100 * tiv / tiv.sum()`` keeps the name ``tiv``). A recipient
    whose share is 0 as given, or rounds to 0 at the precision the course shows, may be listed
    or left out (a learner who rounds to one decimal, or drops zero rows, is right)."""

    def _tolerance(self) -> float:
        return 0.5 * 10 ** -self.decimals.get(self.columns[0], 1) + 1e-9

    def _fit(self, given: Frame, expected: Frame) -> Frame:
        """``expected`` without the rows that round to 0 and that ``given`` leaves out."""
        present = set(given.order)
        values = expected.data[self.columns[0]].to_numpy()
        keep = [
            key in present or abs(value) > self._tolerance()
            for key, value in zip(expected.order, values, strict=True)
        ]
        if all(keep):
            return expected
        kept = [key for key, ok in zip(expected.order, keep, strict=True) if ok]
        return Frame(expected.data[keep], tuple(kept), {k: expected.shown[k] for k in kept})

    def same(self, given: Frame, expected: Frame) -> bool:
        return super().same(given, self._fit(given, expected))

    def diagnose(self, given: Frame, expected: Frame) -> str:
        fitted = self._fit(given, expected)
        # Only the tiny rows missing: diagnose against them; otherwise count every recipient.
        return super().diagnose(
            given, fitted if set(fitted.order) <= set(given.order) else expected
        )

    def _as_frame(self, answer: Any) -> pd.DataFrame:
        if (
            isinstance(answer, pd.Series)
            and answer.name not in self.columns
            and not isinstance(answer.index, pd.MultiIndex)
            and answer.index.name in (None, *self.key)
            and len(answer) > 0
            and all(isinstance(label, str) for label in answer.index)
        ):
            answer = answer.rename(self.columns[0]).rename_axis(self.key[0]).reset_index()
        return super()._as_frame(answer)

    def normalise(self, answer: Any) -> Frame:
        frame = super().normalise(answer)
        values = frame.data[self.columns[0]].to_numpy()
        nonzero = [value != 0 for value in values]
        if all(nonzero):
            return frame
        kept = [key for key, keep in zip(frame.order, nonzero, strict=True) if keep]
        return Frame(frame.data[nonzero], tuple(kept), {k: frame.shown[k] for k in kept})


def _recipients_of(start: int, end: int) -> set[str]:
    return {fold(name) for name in shares(start, end).index}


def _all_recipients_wrong_total(given: Frame) -> bool:
    """Every recipient of the period is there, but the shares do not add up to 100."""
    keys = {key[0] for key in given.order}
    total = float(given.data["share"].sum())
    return keys == _recipients_of(*total_period()) and abs(total - 100) > 0.5


def _ex2_4_success(given: object) -> str:
    start, end = total_period()
    table = ranking(start, end)
    shown = ", ".join(
        f"{r} {s:.1f} %" for r, s in zip(table["recipient"][:3], table["share"][:3], strict=True)
    )
    iran = rank_of("Iran", start, end)
    where = (
        f"Iran had {share_of('Iran', start, end):.2f} % and ranked {ordinal(iran)} of "
        f"{len(table)} recipients."
        if iran is not None
        else f"Iran received nothing recorded from Russia in {period_label(start, end)}."
    )
    return f"Right: {shown}. {where}"


question(
    "ex2_4",
    "shares of Russia's recipients, period before the latest",
    ShareTable(
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
            lambda: share_table(shares(*total_period(), base=world_sum(*total_period()))),
            "You divided by the world total of all exporters. A share of Russia's exports "
            "divides by Russia's own total for the period.",
        ),
        Mistake.answer(
            lambda: share_table(shares(*total_period(), both_editions())),
            "You added the two editions together (register and 2022 edition): use the register "
            "table only.",
        ),
        Mistake.answer(
            lambda: share_table(shares(*total_period(), in_2022_edition(*total_period()))),
            "These shares come from the 2022 edition; use the register table `russia`.",
        ),
        Mistake.answer(
            lambda: share_table(shares(*latest_period())),
            latest_instead("the table of shares"),
        ),
        Mistake.answer(
            lambda: share_table(shares(*total_period()).round(0)),
            "The shares are rounded to whole numbers, which changes the smaller ones a lot: "
            "keep at least one decimal (or do not round at all).",
        ),
        *period_mistakes(lambda s, e: share_table(shares(s, e)), total_period, "table of shares"),
        Mistake.when(
            _all_recipients_wrong_total,
            "Every recipient is there, but your shares do not add up to 100: divide each "
            "recipient's TIV by the sum over all recipients in the same period.",
            example=lambda: share_table(shares(*total_period()) * 0.9),
        ),
    ],
    hints=[
        "Filter the period (`before`), then `groupby('recipient')['tiv'].sum()`.",
        "A share is one recipient's TIV divided by Russia's total for the same period "
        "(the sum of your grouped Series), times 100.",
        "Sort with `.sort_values(ascending=False)`, then `.rename('share').reset_index()` "
        "gives the columns recipient and share.",
    ],
    success=_ex2_4_success,
)


# --- Exercise 2.5 ---------------------------------------------------------------------------


@functools.cache
def count_ranks() -> list[int]:
    """Iran's places when recipients are ranked by rows (years with deliveries): every place
    a tie can give it, except its right rank (many recipients had deliveries every year)."""
    rows = _rows(REGISTER)
    counts = (
        rows[rows["year"].between(*s300_period()) & (rows["tiv"] > 0)].groupby("recipient").size()
    )
    own = counts["Iran"]
    places = range(int((counts > own).sum()) + 1, int((counts >= own).sum()) + 1)
    return [place for place in places if place != iran_rank(*s300_period())]


def iran_rank(start: int, end: int, table: str = REGISTER) -> int:
    """Iran's rank, or NotApplicable when Iran received nothing in that period."""
    rank = rank_of("Iran", start, end, table)
    if rank is None:
        raise NotApplicable
    return rank


def _ex2_5_success(given: object) -> str:
    start, end = s300_period()
    iran = _rows(REGISTER)[_rows(REGISTER)["recipient"] == "Iran"]
    in_last = float(iran.loc[iran["year"] == end, "tiv"].sum())
    total = float(iran.loc[iran["year"].between(start, end), "tiv"].sum())
    return (
        f"{ordinal(iran_rank(start, end))} of {len(ranking(start, end))}, with "
        f"{share_of('Iran', start, end):.2f} % of Russia's exports. {in_last:g} of Iran's "
        f"{total:g} TIV in {period_label(start, end)} came in {end}, the year of the {S300}."
    )


question(
    "ex2_5",
    "Iran's rank in the period of the S-300 delivery",
    Number(
        lambda: iran_rank(*s300_period()),
        "Iran's rank among Russia's recipients in the period",
        integer=True,
        minimum=1,
        maximum=lambda: len(ranking(*s300_period())),
        advice="Sum `tiv` by recipient over the five years, then rank with "
        "`ascending=False`: 1 is the largest.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: share_of("Iran", *s300_period()),
            "That is Iran's share in per cent; give its rank (1 = largest).",
        ),
        Mistake.when(
            lambda given: given == int(given) and int(given) in count_ranks(),
            "You ranked by the number of rows (how many years had deliveries), not by TIV. "
            "Counting rows measures how often, not how much: sum `tiv`.",
            example=lambda: count_ranks()[0],
        ),
        Mistake.answer(
            lambda: iran_rank(*s300_period()) - 1,
            "That rank counts from 0: the largest recipient is number 1.",
        ),
        Mistake.answer(
            lambda: len(ranking(*s300_period())) - iran_rank(*s300_period()) + 1,
            "That counts from the smallest recipient: rank with `ascending=False`.",
        ),
        Mistake.answer(
            lambda: len(ranking(*s300_period())),
            "That is the number of recipients in the period, not Iran's place.",
        ),
        Mistake.answer(
            lambda: period_totals(*s300_period())["Iran"],
            "That is Iran's total TIV in the period; give its rank among the recipients.",
        ),
        Mistake.answer(
            lambda: iran_rank(s300_period()[1], s300_period()[1]),
            lambda: (
                f"That is Iran's rank in {s300_period()[1]} alone; the exercise asks for the "
                f"five years {period_label(*s300_period())}."
            ),
        ),
        Mistake.answer(
            lambda: iran_rank(*s300_period(), EDITION_2022),
            "That is Iran's rank in the 2022 edition; use the register `russia`.",
        ),
        *period_mistakes(lambda s, e: iran_rank(s, e), s300_period, "rank"),
    ],
    hints=[
        "Sum `tiv` by recipient for the period (`s300_period`), then rank: "
        "`.rank(ascending=False, method='min')` gives 1 to the largest.",
        "Read Iran's value with `['Iran']` and turn it into a whole number with `int()`.",
    ],
    success=_ex2_5_success,
)


# --- Exercise 2.6 ---------------------------------------------------------------------------


def rolling(window: int = WINDOW, table: pd.DataFrame | None = None, **options) -> pd.Series:
    return by_year(table).rolling(window, **options).sum().dropna()


def _indexed_by_position(given: Any) -> bool:
    """A Series of sums whose labels are row numbers (0, 1, 2 ...), none of them a year."""
    labels = list(given.values)
    years = set(by_year().index)
    return bool(labels) and all(0 <= label < 1800 for label in labels) and not set(labels) & years


def _ex2_6_success(given: object) -> str:
    expected = rolling()
    best = int(expected.idxmax())
    last = int(expected.index.max())
    return (
        f"Right: the largest five-year sum ends in {best} "
        f"({period_label(best - WINDOW + 1, best)}, {expected.max():,.0f} TIV); the last, "
        f"{period_label(last - WINDOW + 1, last)}, is {expected.iloc[-1]:,.0f}."
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
            lambda: (
                "That window is centred (`center=True`): label each sum by the last of its five "
                f"years, as SIPRI's periods are named ({period_label(*latest_period())} ends in "
                f"{latest_period()[1]})."
            ),
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
            _indexed_by_position,
            "Your Series is indexed 0, 1, 2, ... rather than by year: group by `year` (or "
            "`set_index('year')`) before rolling, and do not `reset_index(drop=True)`.",
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
    of several lengths placed relative to the register's coverage (its first period, the
    latest and the one before, a single year), none with a tie at the cut (where two answers
    would both be right)."""
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


def _world_shares(start: int, end: int, n: int) -> pd.DataFrame:
    frame = top_table(start, end, n)
    return frame.assign(share=100 * frame["tiv"] / world_sum(start, end))


def _by_rows(start: int, end: int, n: int) -> pd.DataFrame:
    rows = _rows(REGISTER)
    counts = rows[rows["year"].between(start, end)].groupby("recipient")["tiv"].size()
    frame = pd.DataFrame({"tiv": counts.astype(float), "share": 100 * counts / counts.sum()})
    return frame.sort_values("tiv", ascending=False).head(n).rename_axis("recipient").reset_index()


def _all_recipients(start: int, end: int, n: int) -> pd.DataFrame:
    return top_table(start, end, 10_000)


def _smallest_first(start: int, end: int, n: int) -> pd.DataFrame:
    """The mistake of sorting ascending (the default) before ``.head(n)``: the n smallest."""
    frame = top_table(start, end, 10_000)
    return frame.sort_values("tiv", kind="stable").head(n).reset_index(drop=True)


def _alphabetical(start: int, end: int, n: int) -> pd.DataFrame:
    """The mistake of forgetting to sort: groupby's order is alphabetical."""
    return top_table(start, end, 10_000).sort_values("recipient").head(n).reset_index(drop=True)


def _keys_of(results: Any) -> list[tuple[Call, set[str]]] | None:
    """The recipients each call returned (folded), or None if a call returned nothing."""
    out = []
    for case, frame in results.by_call:
        if frame is None:
            return None
        out.append((case, {key[0] for key in frame.order}))
    return out


def _returns_smallest(results: Any) -> bool:
    """Every call returned n of the period's smallest recipients (sorted the wrong way round)."""
    calls = _keys_of(results)
    if not calls:
        return False
    for case, keys in calls:
        start, end, n = case.args
        totals = period_totals(start, end).sort_values(kind="stable")
        smallest = {fold(name) for name in totals[totals <= totals.iloc[n - 1]].index}
        if len(keys) != n or not keys <= smallest or keys == set(_top_keys(start, end, n)):
            return False
    return True


def _returns_alphabetical(results: Any) -> bool:
    """Every call returned the period's first n recipients in alphabetical order."""
    calls = _keys_of(results)
    if not calls:
        return False
    for case, keys in calls:
        start, end, n = case.args
        names = sorted(period_totals(start, end).index)[:n]
        if keys != {fold(name) for name in names} or keys == set(_top_keys(start, end, n)):
            return False
    return True


def _top_keys(start: int, end: int, n: int) -> list[str]:
    return [fold(name) for name in top_table(start, end, n)["recipient"]]


def _top_with_nlargest(start: int, end: int, n: int) -> pd.DataFrame:
    """Another right answer: ``nlargest``, recipient left in the index, columns reordered."""
    rows = _rows(REGISTER)
    totals = rows.loc[(rows["year"] >= start) & (rows["year"] <= end)].groupby("recipient")["tiv"]
    summed = totals.sum()
    top_n = summed.nlargest(n)
    return pd.DataFrame({"share": top_n / summed.sum() * 100, "tiv": top_n})


def _top_with_a_loop(start: int, end: int, n: int) -> pd.DataFrame:
    """Another right answer, built row by row (returned as a DataFrame)."""
    sums: dict[str, float] = {}
    for row in _rows(REGISTER).itertuples():
        if start <= row.year <= end:
            sums[row.recipient] = sums.get(row.recipient, 0.0) + row.tiv
    total = sum(sums.values())
    ordered = sorted(sums.items(), key=lambda item: -item[1])[:n]
    return pd.DataFrame([{"recipient": r, "tiv": t, "share": 100 * t / total} for r, t in ordered])


def _top_with_the_course_helper(start: int, end: int, n: int) -> pd.DataFrame:
    """Another right answer: the course's own ``treatylab.periods.ranking``, cut to n rows."""
    return ranking(start, end).head(n)


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
            lambda: _world_shares,
            "The shares divide by the world total of all exporters; divide by Russia's own "
            "total for the period.",
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
        Mistake.when(
            _returns_smallest,
            "Your function returns the n *smallest* recipients: `.sort_values('tiv')` sorts "
            "smallest first, so add `ascending=False` before `.head(n)` (or use "
            "`.nlargest(n)`).",
            example=lambda: _smallest_first,
        ),
        Mistake.when(
            _returns_alphabetical,
            "Your function keeps the first n recipients in alphabetical order (the order "
            "`groupby` gives): sort by `tiv`, largest first, before `.head(n)`.",
            example=lambda: _alphabetical,
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
    examples=[
        lambda: _top_with_nlargest,
        lambda: _top_with_a_loop,
        lambda: _top_with_the_course_helper,
    ],
)
