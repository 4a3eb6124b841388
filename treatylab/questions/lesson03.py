"""Lesson 03 "Checking the claims": the article's statements, and one claim tested against SIPRI.

The lesson takes Izvestia's article apart (the ``article_claims`` table) and tests the sentence
that Iran now ranks third among buyers of Russian arms, behind India and China. Every rank,
share and period comes from ``treatylab.periods``, the one implementation lessons 02 and 03,
their keys and their messages share, so that a new SIPRI edition moves all of them at once:

* the periods of the claim check are the 2022 edition's years before the register starts (the
  1990s), the register's five-year periods that the 2022 edition also covers, and the
  register's latest period (2019–23 in the register generated in January 2025);
* a period the loaded register does not reach (2020–24 and 2021–25 with that register) is never
  computed from fewer years: SIPRI's published fact-sheet figures (``sipri_fact_sheets``) stand
  in for it;
* the two editions are never added together.

Exercise 3.3's ``rank_of`` is called with both editions as ``table`` and on every period
Exercise 3.4 uses, so a mistake in it is named in 3.3, not discovered in 3.4.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from treatylab.data import load
from treatylab.periods import (
    EDITION_2022,
    REGISTER,
    coverage,
    covers,
    exports,
    latest_period,
    ordinal,
    period_label,
    period_totals,
    periods,
    rank_of,
    ranking,
    share_of,
    top,
    world_total,
)
from treatylab.questions import text as wording
from treatylab.questions.base import Mistake, NotApplicable, Wrong, as_float, question
from treatylab.questions.kinds import (
    Counts,
    FreeText,
    Function,
    LabelList,
    Labels,
    Number,
    call,
    period_item,
)

IRAN = "Iran"
TOP = 3
SHARE_PERIOD = (2010, 2014)  # Exercise 3.5: a period every edition covers
SIGNING, INAUGURATION = "E40", "E41"  # Exercise 3.6
RUSSIA_RECIPIENT_SHARE = "share of subject's arms exports"
TABLE_NAMES = {REGISTER: "register", EDITION_2022: "edition_2022"}  # as the notebooks name them

Period = tuple[int, int]


# --- editions and periods ------------------------------------------------------------------------


@functools.cache
def edition_label(table: str) -> str:
    """How a sentence names an edition ('register (Jan 2025)', '2022 edition'), as
    ``sipri_editions`` gives it: read from SIPRI's exports by ``make data``, never typed."""
    editions = load("sipri_editions").set_index("edition")["label"]
    return str(editions["register" if table == REGISTER else "tiv_tables"])


def nineties() -> Period:
    """The 2022 edition's years before the register starts: 1992–99, the 1990s."""
    return coverage(EDITION_2022)[0], coverage(REGISTER)[0] - 1


def claim_periods() -> list[tuple[int, int, str]]:
    """The periods of the claim check, each with the edition it is computed from."""
    rows = [(*nineties(), EDITION_2022)]
    rows += [(s, e, EDITION_2022) for s, e in periods(REGISTER) if covers(s, e, EDITION_2022)]
    rows.append((*latest_period(REGISTER), REGISTER))
    return rows


def edition_periods() -> list[Period]:
    """Exercise 3.4: the consecutive five-year periods of the 2022 edition (1992–96, ...)."""
    return periods(EDITION_2022)


def top_three_periods(table: str = EDITION_2022) -> list[Period]:
    """Periods of Exercise 3.4 in which Iran was among Russia's three largest recipients."""
    return [(s, e) for s, e in edition_periods() if (rank_of(IRAN, s, e, table) or 99) <= TOP]


# --- SIPRI's published figures -------------------------------------------------------------------


@functools.cache
def _published() -> pd.DataFrame:
    """Russia's main recipients as SIPRI's fact sheets give them, with the period's years."""
    sheets = load("sipri_fact_sheets")
    rows = sheets[
        (sheets["subject"] == "Russia") & (sheets["indicator"] == RUSSIA_RECIPIENT_SHARE)
    ].copy()
    years = [period_item(str(p)).key for p in rows["period"]]
    rows["start"] = [s for s, _ in years]
    rows["end"] = [e for _, e in years]
    return rows.sort_values(["end", "value"], ascending=[True, False], kind="stable")


def published_periods() -> list[Period]:
    """The periods for which SIPRI published Russia's main recipients, oldest first."""
    rows = _published()
    return list(dict.fromkeys(zip(rows["start"].astype(int), rows["end"].astype(int), strict=True)))


def published_top(start: int, end: int) -> list[str]:
    """SIPRI's published main recipients of Russian arms in the period, largest first."""
    rows = _published()
    rows = rows[(rows["start"] == start) & (rows["end"] == end)]
    return rows["counterpart"].astype(str).head(TOP).tolist()


def fact_sheet(start: int, end: int) -> str:
    """The fact sheet a published period comes from ('SIPRI Fact Sheet, March 2025 ...')."""
    rows = _published()
    rows = rows[(rows["start"] == start) & (rows["end"] == end)]
    return str(rows["fact_sheet"].iloc[0])


def newest_published() -> Period:
    """The latest period SIPRI published Russia's main recipients for."""
    return published_periods()[-1]


def uncovered_published() -> list[Period]:
    """Published periods the loaded register does not reach: fact-sheet figures stand in."""
    return [p for p in published_periods() if not covers(*p, REGISTER)]


def and_list(names: Iterable[str]) -> str:
    """'India, China and Belarus'."""
    items = list(names)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- the claims ----------------------------------------------------------------------------------


@functools.cache
def _claims() -> pd.DataFrame:
    return load("article_claims")


def _ids(mask: pd.Series) -> list[str]:
    return _claims().loc[mask.fillna(False).astype(bool), "claim_id"].astype(str).tolist()


def _checkable() -> pd.Series:
    return _claims()["checkable"].fillna(False).astype(bool)


def _verdict_is(*verdicts: str) -> pd.Series:
    return _claims()["verdict"].isin(verdicts)


def checkable_but_unverified() -> list[str]:
    """Exercise 3.2: statements checkable in principle with no evidence found either way."""
    return _ids(_checkable() & _verdict_is("unverifiable"))


def _nonempty(ids: list[str]) -> list[str]:
    if not ids:
        raise NotApplicable  # the loaded claims have no such rows
    return ids


# --- Exercise 3.1 --------------------------------------------------------------------------------


def kind_counts(rows: pd.DataFrame | None = None, column: str = "kind") -> pd.Series:
    table = _claims() if rows is None else rows
    return table[column].value_counts()


def _ex3_1_success(given: object) -> str:
    counts = kind_counts()
    shown = ", ".join(f"{k} {int(counts[k])}" for k in sorted(counts.index))
    return f"{len(_claims())} claims: {shown}. Most of the article is {counts.idxmax()}s."


question(
    "ex3_1",
    "claims by kind",
    Counts(
        kind_counts,
        "the number of claims of each kind: fact, attribution, opinion, prediction",
        known=lambda: _claims()["kind"].astype(str).unique(),
        decimals=9,  # counts are exact: 13.6 is not a count of 14
        zero_means_absent=True,
        noun="kind",
    ),
    mistakes=[
        Mistake.answer(
            lambda: kind_counts(column="verdict"),
            "Those are counts by verdict; count the `kind` column instead.",
        ),
        Mistake.answer(
            lambda: kind_counts(column="made_by_type"),
            "Those are counts by who makes the claim (`made_by_type`); count `kind`.",
        ),
        Mistake.answer(
            lambda: kind_counts() / len(_claims()),
            "Those are proportions (`normalize=True`); give the number of claims.",
        ),
        Mistake.answer(
            lambda: 100 * kind_counts() / len(_claims()),
            "Those are percentages; give the number of claims of each kind.",
        ),
        Mistake.answer(
            lambda: kind_counts(_claims()[_checkable()]),
            "Those count only the checkable claims; count every claim in the table.",
        ),
        Mistake.when(
            lambda given: bool({"total", "all"} & set(given.values)),
            "Your counts include a total row (from `margins=True`, say): keep one count per kind.",
            example=lambda: pd.concat([kind_counts(), pd.Series({"total": len(_claims())})]),
        ),
    ],
    hints=[
        "`claims['kind'].value_counts()` counts the rows of each kind.",
        "Count every claim, checkable or not, and keep the counts as whole numbers "
        "(no `normalize=True`).",
    ],
    success=_ex3_1_success,
)


# --- Exercise 3.2 --------------------------------------------------------------------------------


def _ex3_2_success(given: object) -> str:
    ids = checkable_but_unverified()
    many = len(ids) != 1
    return (
        f"{len(ids)} statement{'s' if many else ''} could be checked in principle, but no "
        f"evidence was found for or against {'them' if many else 'it'}: {', '.join(ids)}. "
        "'No evidence found' is not 'false': say what you looked for."
    )


def _given_any(ids: Callable[[], list[str]]) -> Callable[[LabelList], bool]:
    def test(given: LabelList) -> bool:
        wanted = {wording.fold(i) for i in ids()}
        return bool(wanted & set(given.keys))

    return test


question(
    "ex3_2",
    "checkable claims that could not be checked",
    Labels(
        checkable_but_unverified,
        "claim ids such as 'C05'",
        known=lambda: _claims()["claim_id"].astype(str),
        noun="claim id",
    ),
    mistakes=[
        Mistake.answer(
            lambda: _nonempty(_ids(_verdict_is("unverifiable"))),
            "That is every 'unverifiable' claim, opinions included. Opinions cannot be checked "
            "at all; keep only the claims marked `checkable`.",
        ),
        Mistake.answer(
            lambda: _nonempty(_ids(~_checkable() & _verdict_is("unverifiable"))),
            "Those are the claims that are *not* checkable: keep the rows where `checkable` is "
            "True (no `~`).",
        ),
        Mistake.answer(
            lambda: _nonempty(_ids(_checkable() | _verdict_is("unverifiable"))),
            "You combined the two conditions with `|` (either one); both must hold: use `&`.",
        ),
        Mistake.answer(
            lambda: _nonempty(_ids(_checkable() & _verdict_is("unverifiable", "not supported"))),
            "'Not supported' is not 'unverifiable': the evidence contradicts those claims, which "
            "is different from finding no evidence. Keep verdict 'unverifiable' only.",
        ),
        Mistake.when(
            _given_any(lambda: _ids(_verdict_is("pending"))),
            "Some of these are predictions marked 'pending': they can be checked later, once "
            "events happen. Keep verdict 'unverifiable' only.",
            example=lambda: (
                checkable_but_unverified() + _nonempty(_ids(_verdict_is("pending")))[:1]
            ),
        ),
        Mistake.when(
            _given_any(lambda: _ids(_verdict_is("not supported"))),
            "Some of these are 'not supported': the evidence contradicts them, which is "
            "different from finding no evidence. Keep verdict 'unverifiable' only.",
            example=lambda: (
                checkable_but_unverified() + _nonempty(_ids(_verdict_is("not supported")))[:1]
            ),
        ),
        Mistake.when(
            _given_any(lambda: _ids(~_checkable())),
            "Some of these are not checkable at all (`checkable` is False): opinions and "
            "judgements. Keep only checkable claims.",
            example=lambda: checkable_but_unverified() + _nonempty(_ids(~_checkable()))[:1],
        ),
    ],
    hints=[
        "Two conditions: `claims['checkable']` is True and `claims['verdict'] == "
        "'unverifiable'`. Combine them with `&`.",
        "Return the `claim_id` column of the rows that pass, e.g. `.tolist()`.",
    ],
    success=_ex3_2_success,
)


# --- Exercise 3.3 --------------------------------------------------------------------------------

RankCase = tuple[str, int, int, str]


def _has_rows(recipient: str, start: int, end: int, table: str) -> bool:
    rows = exports(table)
    return bool(((rows["recipient"] == recipient) & rows["year"].between(start, end)).any())


def _tie_free(recipient: str, start: int, end: int, table: str) -> bool:
    """True if every correct way of ranking gives the same answer for this case: the
    recipient's total is shared by nobody else, or it has no row at all (None)."""
    if not covers(start, end, table):
        return False
    totals = period_totals(start, end, table)
    if recipient not in totals.index:
        return not _has_rows(recipient, start, end, table)
    return int((totals == totals[recipient]).sum()) == 1


def _split_period() -> Period:
    """A five-year period both editions cover where they rank Iran differently (2000–04
    today), so that a rank_of ignoring ``table`` is caught; else the first shared one."""
    shared = [(s, e) for s, e in periods(REGISTER) if covers(s, e, EDITION_2022)]
    for start, end in shared:
        if rank_of(IRAN, start, end, REGISTER) != rank_of(IRAN, start, end, EDITION_2022):
            return start, end
    return shared[0]


def _absent_case() -> RankCase | None:
    """A short register period with no delivery to Iran at all (rank_of must return None)."""
    first, last = coverage(REGISTER)
    for length in (2, 1):
        for start in range(last - length + 1, first - 1, -1):
            if not _has_rows(IRAN, start, start + length - 1, REGISTER):
                return IRAN, start, start + length - 1, REGISTER
    return None


def _shifted_cases() -> list[RankCase]:
    """Pairs that differ in `start` only and in `end` only, with different ranks for Iran."""
    found: list[RankCase] = []
    for shift_start, shift_end in ((1, 0), (0, -1)):
        for start, end in periods(REGISTER):
            moved = (start + shift_start, end + shift_end)
            ranks = rank_of(IRAN, start, end), rank_of(IRAN, *moved)
            if (
                ranks[0] != ranks[1]
                and _tie_free(IRAN, start, end, REGISTER)
                and _tie_free(IRAN, *moved, REGISTER)
            ):
                found += [(IRAN, start, end, REGISTER), (IRAN, *moved, REGISTER)]
                break
    return found


@functools.cache
def rank_cases() -> tuple[RankCase, ...]:
    """The calls of Exercise 3.3: every argument varied (recipient, start, end, table), both
    editions, every period of Exercise 3.4, and a period with nothing for Iran (None)."""
    latest = latest_period()
    split = _split_period()
    leaders = top(*latest, TOP)
    wanted: list[RankCase | None] = [
        (IRAN, *latest, REGISTER),
        (leaders[0], *latest, REGISTER),
        (leaders[-1], *latest, REGISTER),
        (IRAN, *split, REGISTER),
        (IRAN, *split, EDITION_2022),
        (IRAN, *nineties(), EDITION_2022),
        *[(IRAN, s, e, EDITION_2022) for s, e in edition_periods()],
        *_shifted_cases(),
        (IRAN, *SHARE_PERIOD, REGISTER),
        _absent_case(),
    ]
    cases = [case for case in dict.fromkeys(wanted) if case is not None and _tie_free(*case)]
    return tuple(cases)


def rank_calls() -> list:
    """The cases as calls: tables are passed as DataFrames and shown by their notebook names."""
    return [
        call(
            recipient,
            start,
            end,
            exports(table),
            shown=[repr(recipient), str(start), str(end), TABLE_NAMES[table]],
        )
        for recipient, start, end, table in rank_cases()
    ]


def reference_rank_of(
    recipient: str, start: int, end: int, table: pd.DataFrame | None = None
) -> int | None:
    """The worked answer, as a learner writes it: sum each recipient's TIV over the years, rank
    from the largest. A test holds it to ``treatylab.periods.rank_of`` on every case."""
    rows = exports(REGISTER) if table is None else table
    rows = rows[(rows["year"] >= start) & (rows["year"] <= end)]
    totals = rows.groupby("recipient")["tiv"].sum()
    totals = totals[totals > 0].sort_values(ascending=False)
    if recipient not in totals.index:
        return None
    return list(totals.index).index(recipient) + 1


def raw_rank(
    recipient: str,
    start: int,
    end: int,
    table: pd.DataFrame,
    *,
    by: str = "sum",
    ascending: bool = False,
    base: int = 1,
    method: str = "min",
) -> int | None:
    """A rank computed with no check at all (a learner's code): the known mistakes use it."""
    rows = table[(table["year"] >= start) & (table["year"] <= end)]
    grouped = rows.groupby("recipient")["tiv"]
    totals = grouped.sum() if by == "sum" else grouped.size().astype(float)
    totals = totals[totals > 0]
    if recipient not in totals.index:
        return None
    ranks = totals.rank(ascending=ascending, method=method)
    return int(ranks[recipient]) - 1 + base


def _rank_with_rank_method(recipient, start, end, table=None):
    """Another right answer: `.rank(method='min')`, `.get` for a missing recipient (a float)."""
    rows = exports(REGISTER) if table is None else table
    in_period = rows[rows["year"].between(start, end)]
    ranks = in_period.groupby("recipient")["tiv"].sum().rank(ascending=False, method="min")
    return ranks.get(recipient)


def _rank_with_a_loop(recipient, start, end, table=None):
    """Another right answer, with a dict and a loop (returns a numpy integer)."""
    rows = exports(REGISTER) if table is None else table
    sums: dict[str, float] = {}
    for row in rows.itertuples():
        if start <= row.year <= end and row.tiv > 0:
            sums[row.recipient] = sums.get(row.recipient, 0.0) + row.tiv
    if recipient not in sums:
        return None
    return np.int64(1 + sum(1 for total in sums.values() if total > sums[recipient]))


def _rank_with_reset_index(recipient, start, end, table=None):
    """Another right answer: sort, `reset_index`, then the row number (NaN when absent)."""
    rows = exports(REGISTER) if table is None else table
    totals = (
        rows.query("@start <= year <= @end")
        .groupby("recipient", as_index=False)["tiv"]
        .sum()
        .sort_values("tiv", ascending=False)
        .reset_index(drop=True)
    )
    hit = totals.index[totals["recipient"] == recipient]
    return float("nan") if len(hit) == 0 else hit[0] + 1


def _mistaken(**options: Any) -> Callable[..., int | None]:
    def rank_of_with_a_mistake(recipient, start, end, table=None):
        return raw_rank(recipient, start, end, table, **options)

    return rank_of_with_a_mistake


def _fixed_table(name: str) -> Callable[..., int | None]:
    def rank_of_one_edition(recipient, start, end, table=None):
        return raw_rank(recipient, start, end, exports(name))

    return rank_of_one_edition


def _end_excluded(recipient, start, end, table=None):
    return raw_rank(recipient, start, end - 1, table)


def _start_excluded(recipient, start, end, table=None):
    return raw_rank(recipient, start + 1, end, table)


def _whole_table(recipient, start, end, table=None):
    return raw_rank(recipient, -9999, 9999, table)


def _returns_nothing(recipient, start, end, table=None):
    raw_rank(recipient, start, end, table)


def _returns_share(recipient, start, end, table=None):
    rows = table[table["year"].between(start, end)]
    totals = rows.groupby("recipient")["tiv"].sum()
    return None if recipient not in totals.index else 100 * totals[recipient] / totals.sum()


def _returns_total(recipient, start, end, table=None):
    rows = table[table["year"].between(start, end)]
    totals = rows.groupby("recipient")["tiv"].sum()
    return None if recipient not in totals.index else float(totals[recipient])


def _count_rank_range(recipient: str, start: int, end: int, table: str) -> range | None:
    """Every place the recipient can take when recipients are ranked by their number of rows
    (ties broken any way), or None if it has no row."""
    rows = exports(table)
    rows = rows[rows["year"].between(start, end) & (rows["tiv"] > 0)]
    counts = rows.groupby("recipient").size()
    if recipient not in counts.index:
        return None
    own = counts[recipient]
    return range(int((counts > own).sum()) + 1, int((counts >= own).sum()) + 1)


def _ranks_by_rows(given: Any) -> bool:
    """True if every rank returned is a place the recipient could take by row count."""
    agree = True
    for (_, value), (recipient, start, end, table) in zip(given.by_call, rank_cases(), strict=True):
        places = _count_rank_range(recipient, start, end, table)
        if (places is None) != (value is None):
            return False
        if places is not None and int(value) not in places:
            return False
        agree = agree and value == rank_of(recipient, start, end, table)
    return not agree


def _shown_case(recipient: str, start: int, end: int, table: str) -> str:
    return f"rank_of({recipient!r}, {start}, {end}, {TABLE_NAMES[table]})"


def _uses_one_edition(given: Any, used: str) -> bool:
    """True if the function is right on ``used``'s calls and, on the other edition's calls
    that ``used`` also covers, returns ``used``'s ranks: it ignores ``table``."""
    start, end = _split_period()
    if rank_of(IRAN, start, end, REGISTER) == rank_of(IRAN, start, end, EDITION_2022):
        return False  # the loaded editions agree everywhere: nothing tells the tables apart
    for (recipient, first, last, table), (_, value) in zip(
        rank_cases(), given.by_call, strict=True
    ):
        if (table == used or covers(first, last, used)) and value != rank_of(
            recipient, first, last, used
        ):
            return False
    return True


def _ignored_table_message(used: str) -> str:
    start, end = _split_period()
    other = EDITION_2022 if used == REGISTER else REGISTER
    right = rank_of(IRAN, start, end, other)
    wrong = rank_of(IRAN, start, end, used)
    return (
        f"Your function uses the {edition_label(used)} whatever `table` it is given: "
        f"{_shown_case(IRAN, start, end, other)} should be {right}, the rank in the "
        f"{edition_label(other)}, not {wrong}. Filter and sum the `table` argument inside the "
        f"function, not the global `{TABLE_NAMES[used]}`."
    )


def _nan_as_none(func: Callable[..., Any]) -> Callable[..., Any]:
    """The learner's function, with a missing number (NaN, NA) read as None (no rank)."""

    @functools.wraps(func)
    def wrapped(*args: Any) -> Any:
        value = func(*args)
        try:
            missing = (
                value is pd.NA
                or value is pd.NaT
                or (as_float(value) is None and isinstance(value, float | np.floating))
            )
        except Exception:
            missing = False
        return None if missing else value

    return wrapped


class RankFunction(Function):
    """A ``Function`` whose result may be None *or* NaN for "no rank" (``Series.get`` gives
    None, a lookup in a reindexed Series gives NaN: both mean the recipient had nothing)."""

    def normalise(self, answer: Any) -> Any:
        if callable(answer) and not isinstance(answer, type):
            answer = _nan_as_none(answer)
        return super().normalise(answer)


def _ex3_3_success(given: object) -> str:
    start, end = latest_period()
    return (
        f"Your function agrees with the course on {len(rank_cases())} calls, with both "
        f"editions as `table`. Iran comes {ordinal(rank_of(IRAN, start, end))} of "
        f"{len(ranking(start, end))} in {period_label(start, end)} in the "
        f"{edition_label(REGISTER)}."
    )


question(
    "ex3_3",
    "a rank_of function",
    RankFunction(
        reference_rank_of,
        "rank_of itself, without brackets",
        name="rank_of",
        params=["recipient", "start", "end", "table"],
        cases=rank_calls,
        result=Number(
            lambda: rank_of(IRAN, *latest_period()),
            "a rank: a whole number, 1 for the largest",
            integer=True,
            minimum=1,
        ),
        none_allowed=True,
    ),
    mistakes=[
        Mistake.when(
            lambda given: _uses_one_edition(given, REGISTER),
            lambda: _ignored_table_message(REGISTER),
            example=lambda: _fixed_table(REGISTER),
        ),
        Mistake.when(
            lambda given: _uses_one_edition(given, EDITION_2022),
            lambda: _ignored_table_message(EDITION_2022),
            example=lambda: _fixed_table(EDITION_2022),
        ),
        Mistake.answer(
            lambda: _mistaken(base=0),
            "Your ranks are one too small: ranks count from 1 (the largest recipient), not "
            "from 0. Add 1 to a position you get from `.index(...)`.",
        ),
        Mistake.answer(
            lambda: _mistaken(ascending=True),
            "Your ranks count from the smallest recipient: sort with `ascending=False`, so that "
            "1 is the largest.",
        ),
        Mistake.answer(
            lambda: _end_excluded,
            "The end year is missing: `year < end` (or `range(start, end)`) stops one year "
            "short. Keep `start <= year <= end`.",
        ),
        Mistake.answer(
            lambda: _start_excluded,
            "The start year is missing: keep `year >= start`, not `year > start`.",
        ),
        Mistake.answer(
            lambda: _whole_table,
            "Your function ranks over every year of the table: keep only the years from `start` "
            "to `end` before adding up.",
        ),
        Mistake.answer(
            lambda: _returns_share,
            "Your function returns the recipient's share in per cent; return its rank "
            "(1 = largest).",
        ),
        Mistake.answer(
            lambda: _returns_total,
            "Your function returns the recipient's total TIV; return its rank among the "
            "recipients (1 = largest).",
        ),
        Mistake.when(
            lambda given: all(value is None for _, value in given.by_call),
            "Your function returned None for every call: does it end with `return` (the rank)?",
            example=lambda: _returns_nothing,
        ),
        Mistake.when(
            _ranks_by_rows,
            "Your function ranks recipients by how many delivery rows they have, not by TIV. "
            "Counting rows measures how often, not how much: add up `tiv` for each recipient.",
            example=lambda: _mistaken(by="size"),
        ),
    ],
    hints=[
        "Keep the rows of `table` with `start <= year <= end`, then "
        "`groupby('recipient')['tiv'].sum()` and `sort_values(ascending=False)`.",
        "The rank is the position in that sorted list, counting from 1: "
        "`list(totals.index).index(recipient) + 1`. Return None if the recipient is absent.",
        "Use the argument `table` inside the function, never the global `register`: the check "
        "passes `edition_2022` too.",
        "Both years are included: 2010–14 means 2010, 2011, 2012, 2013 and 2014.",
    ],
    success=_ex3_3_success,
    examples=[
        lambda: _rank_with_rank_method,
        lambda: _rank_with_a_loop,
        lambda: _rank_with_reset_index,
    ],
)


# --- Exercise 3.4 --------------------------------------------------------------------------------


def _periods_from(rank: Callable[[int, int], int | None], best: int = TOP, strict=False):
    def within(value: int | None) -> bool:
        return value is not None and (value < best if strict else value <= best)

    return [(s, e) for s, e in edition_periods() if within(rank(s, e))]


def _with(func: Callable[..., int | None], table: str = EDITION_2022) -> Callable:
    return lambda s, e: func(IRAN, s, e, exports(table))


class PeriodList(Labels):
    """Periods as (start, end) pairs or labels ('1992–96'), in any list-like form, including
    a two-column array or DataFrame; a wrong list is diagnosed period by period with Iran's
    rank, so the learner sees what their ``rank_of`` should have returned."""

    def normalise(self, answer: Any) -> LabelList:
        if isinstance(answer, np.ndarray) and answer.ndim == 2 and answer.shape[1] == 2:
            answer = [tuple(row) for row in answer.tolist()]
        elif isinstance(answer, pd.DataFrame) and answer.shape[1] == 2:
            answer = list(answer.itertuples(index=False, name=None))
        return super().normalise(answer)

    def diagnose(self, given: LabelList, expected: LabelList) -> str:
        allowed = set(edition_periods())
        unknown = [i for i in given.items if i.key not in allowed]
        if unknown:
            return (
                f"{period_label(*unknown[0].key)} is not one of the periods in `periods`; "
                f"use those {len(allowed)}."
            )
        wanted = set(expected.keys)
        for item in given.items:
            if item.key not in wanted:
                start, end = item.key
                return (
                    f"{period_label(start, end)} should not be there: "
                    f"{_shown_case(IRAN, start, end, EDITION_2022)} is "
                    f"{rank_of(IRAN, start, end, EDITION_2022)}, outside the top three."
                )
        for start, end in expected.keys:
            if (start, end) not in set(given.keys):
                return (
                    f"{period_label(start, end)} is missing: "
                    f"{_shown_case(IRAN, start, end, EDITION_2022)} is "
                    f"{rank_of(IRAN, start, end, EDITION_2022)}, and rank {TOP} is in the top "
                    f"three (`rank <= {TOP}`). Check what your `rank_of` returns for it."
                )
        return super().diagnose(given, expected)

    def variants(self, answer: Any) -> list[Any]:
        pairs = [tuple(p) for p in answer]
        forms: list[Any] = [pairs, tuple(pairs), set(pairs), list(reversed(pairs))]
        forms.append([period_label(s, e) for s, e in pairs])
        forms.append([f"{s}-{e}" for s, e in pairs])
        forms.append([[s, e] for s, e in pairs])
        if pairs:
            forms.append(np.array(pairs))
            forms.append(pd.DataFrame(pairs, columns=["start", "end"]))
        return forms


def _ex3_4_success(given: object) -> str:
    right = top_three_periods()
    edition = edition_label(EDITION_2022)
    later = "; ".join(
        f"{period_label(s, e)}: {rank_of(IRAN, s, e, EDITION_2022)}"
        for s, e in edition_periods()
        if (s, e) not in right
    )
    if not right:
        return f"Iran was never in Russia's top three in these periods ({edition}): {later}."
    shown = and_list(period_label(s, e) for s, e in right)
    return f"Iran was in Russia's top three only in {shown} ({edition}). Otherwise: {later}."


_FIX_3_3 = " Your `rank_of` needs fixing first: run Exercise 3.3's check again, then redo the loop."

question(
    "ex3_4",
    "periods with Iran in the top three",
    PeriodList(
        top_three_periods,
        "a list of (start, end) periods",
        item=period_item,
        noun="period",
        known=edition_periods,
    ),
    mistakes=[
        Mistake.answer(
            lambda: _periods_from(_with(raw_rank), strict=True),
            f"You kept `rank < {TOP}`; rank {TOP} is in the top three: use `rank <= {TOP}`.",
        ),
        Mistake.answer(
            lambda: _periods_from(_with(raw_rank), best=5),
            "That is the top five; the claim is about the top three (`rank <= 3`).",
        ),
        Mistake.answer(
            lambda: _periods_from(_with(raw_rank, REGISTER)),
            lambda: (
                f"You passed the register: it starts only in {coverage(REGISTER)[0]}, so it "
                "cannot rank the earlier periods. Pass `table=edition_2022`, as the exercise "
                "asks."
            ),
        ),
        Mistake.answer(
            lambda: _periods_from(_with(_mistaken(base=0))),
            "Those are the periods where a rank counted from 0 is 3 or less (the top four)."
            + _FIX_3_3,
        ),
        Mistake.answer(
            lambda: _periods_from(_with(_mistaken(ascending=True))),
            "Those periods come from ranks counted from the smallest recipient." + _FIX_3_3,
        ),
        Mistake.answer(
            lambda: _periods_from(_with(_end_excluded)),
            "Those periods come from ranks that leave out each period's end year." + _FIX_3_3,
        ),
        Mistake.answer(
            lambda: _periods_from(_with(_start_excluded)),
            "Those periods come from ranks that leave out each period's start year." + _FIX_3_3,
        ),
        Mistake.answer(
            lambda: _periods_from(_with(_mistaken(by="size"))),
            "Those periods come from ranking recipients by how many delivery rows they have, "
            "not by TIV." + _FIX_3_3,
        ),
        Mistake.answer(
            lambda: _periods_from(_with(_mistaken(by="size", method="max"))),
            "Those periods come from ranking recipients by how many delivery rows they have, "
            "not by TIV." + _FIX_3_3,
        ),
    ],
    hints=[
        "Loop over `periods` and compute Iran's rank in each with your `rank_of`, passing "
        "`edition_2022` as the table.",
        "Keep the periods whose rank is 3 or better: `rank <= 3` (rank 3 counts). "
        "Skip a rank of None.",
    ],
    success=_ex3_4_success,
)


# --- Exercise 3.5 --------------------------------------------------------------------------------


def iran_share_of_world(start: int, end: int) -> float:
    """The mistake of dividing by the world's arms transfers instead of Russia's exports."""
    return 100 * float(period_totals(start, end).get(IRAN, 0.0)) / world_total(start, end)


def _share_or_skip(start: int, end: int, table: str = REGISTER) -> float:
    if not covers(start, end, table):
        raise NotApplicable
    return share_of(IRAN, start, end, table)


def _russia_share_of_iran_imports(start: int, end: int) -> float:
    rows = load("sipri_iran_imports_by_supplier")
    rows = rows[rows["year"].between(start, end)]
    totals = rows.groupby("supplier")["tiv"].sum()
    return 100 * float(totals.get("Russia", 0.0)) / float(totals.sum())


def _row_share(start: int, end: int) -> float:
    rows = exports(REGISTER)
    rows = rows[rows["year"].between(start, end)]
    return 100 * float((rows["recipient"] == IRAN).sum()) / len(rows)


def _off_by_one(index: int) -> Mistake:
    start, end = SHARE_PERIOD
    used = [(start, end - 1), (start + 1, end), (start - 1, end - 1), (start + 1, end + 1)][index]
    if used == (start, end - 1):
        message = (
            f"That leaves out the end year: {period_label(start, end)} includes {end} "
            f"(`year <= {end}`)."
        )
    elif used == (start + 1, end):
        message = f"That leaves out the start year: {period_label(start, end)} includes {start}."
    else:
        message = (
            f"That is {period_label(*used)}: one year off. Use {start} to {end}, both included."
        )
    return Mistake.answer(lambda: _share_or_skip(*used), message)


def _ex3_5_success(given: object) -> str:
    start, end = SHARE_PERIOD
    first_start, first_end = nineties()
    return (
        f"{share_of(IRAN, start, end):.2f} % of Russia's deliveries in "
        f"{period_label(start, end)}: {ordinal(rank_of(IRAN, start, end))} of "
        f"{len(ranking(start, end))} recipients. In {period_label(first_start, first_end)} "
        f"({edition_label(EDITION_2022)}) it was "
        f"{share_of(IRAN, first_start, first_end, EDITION_2022):.1f} %."
    )


question(
    "ex3_5",
    f"Iran's share in {period_label(*SHARE_PERIOD)}",
    Number(
        lambda: share_of(IRAN, *SHARE_PERIOD),
        "Iran's share of Russia's deliveries, in per cent",
        decimals=2,
        minimum=0,
        maximum=100,
        advice=(
            f"Divide Iran's {period_label(*SHARE_PERIOD)} TIV by Russia's total "
            f"{period_label(*SHARE_PERIOD)} TIV in the register, times 100."
        ),
    ),
    mistakes=[
        Mistake.answer(
            lambda: share_of(IRAN, *SHARE_PERIOD) / 100,
            "That is a fraction; multiply by 100 to give per cent.",
        ),
        Mistake.answer(
            lambda: iran_share_of_world(*SHARE_PERIOD),
            "That is Iran's share of all world arms transfers; divide by Russia's exports in the "
            "period instead.",
        ),
        Mistake.answer(
            lambda: 100 - share_of(IRAN, *SHARE_PERIOD),
            "That is everyone else's share; Iran's is the small part.",
        ),
        Mistake.answer(
            lambda: float(period_totals(*SHARE_PERIOD).get(IRAN, 0.0)),
            "That is Iran's total TIV in the period; divide it by Russia's total to get a share.",
        ),
        Mistake.answer(
            lambda: _share_or_skip(*SHARE_PERIOD, EDITION_2022),
            "That is the share in the 2022 edition; the exercise asks for the register.",
        ),
        Mistake.answer(
            lambda: _russia_share_of_iran_imports(*SHARE_PERIOD),
            "That is Russia's share of *Iran's* arms imports; the exercise asks for Iran's share "
            "of *Russia's* exports.",
        ),
        Mistake.answer(
            lambda: _row_share(*SHARE_PERIOD),
            "That is Iran's share of the table's rows, not of the TIV: add up `tiv`.",
        ),
        *[_off_by_one(i) for i in range(4)],
    ],
    hints=[
        "Share = Iran's TIV in the period ÷ Russia's total TIV to all recipients in the same "
        "period × 100.",
        f"Both sums use the register rows with `{SHARE_PERIOD[0]} <= year <= "
        f"{SHARE_PERIOD[1]}`; the denominator is Russia's exports, not the world's arms trade.",
    ],
    success=_ex3_5_success,
)


# --- Exercise 3.6 --------------------------------------------------------------------------------


def days_signing_to_inauguration() -> int:
    timeline = load("timeline").set_index("event_id")
    return int((timeline.loc[INAUGURATION, "date"] - timeline.loc[SIGNING, "date"]).days)


def _ex3_6_success(given: object) -> str:
    days = days_signing_to_inauguration()
    verdict = "checks out" if days == 3 else "does not match"
    return f"{days} days: the article's 'three days' {verdict} against the timeline."


question(
    "ex3_6",
    "days from signing to inauguration",
    Number(
        days_signing_to_inauguration,
        "a number of days",
        integer=True,
        days=True,
        advice="Subtract the signing's `date` from the inauguration's, then take `.days`.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: -days_signing_to_inauguration(),
            "Negative: you subtracted the later date from the earlier one.",
        ),
        Mistake.answer(
            lambda: days_signing_to_inauguration() + 1,
            "That counts both end days; the gap between the dates is one less.",
        ),
        Mistake.answer(
            lambda: days_signing_to_inauguration() * 86_400,
            "That is the gap in seconds (`.total_seconds()`); take `.days`.",
        ),
        Mistake.answer(
            lambda: days_signing_to_inauguration() * 24,
            "That is the gap in hours; give it in days (`.days`).",
        ),
    ],
    hints=[
        "Take the `date` of the signing (E40) and of the inauguration (E41) from `timeline`.",
        "Subtract the earlier date from the later one and take `.days`.",
    ],
    success=_ex3_6_success,
)


# --- Exercise 3.7 --------------------------------------------------------------------------------

_YEAR = r"(?:19|20)\d\d"
_PERIOD_IN_TEXT = re.compile(
    rf"\b({_YEAR})\s*(?:-|/|to|and|until|through)\s*({_YEAR}|\d\d)(?!\d)(?!s)"
)
_DECADE = re.compile(r"\b(?:the\s+)?(?:19)?90s\b|\bnineties\b")
_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b(?!\s+century)")
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_ORDINAL_WORD = re.compile(r"\b(" + "|".join(_ORDINAL_WORDS) + r")\b(?!\s+of\b)")
_RANK_NUMBER = re.compile(r"\b(?:rank(?:ed|s|ing)?|place[ds]?|no\.|number|#)\s*(\d{1,3})\b(?!\s*%)")
_OF_COUNT = re.compile(
    r"(?:\d(?:st|nd|rd|th)?|\b(?:" + "|".join(_ORDINAL_WORDS) + r"))\s+(?:out\s+)?of\s+(\d{1,3})\b"
)
_SHARE = re.compile(r"(?<![\w.])(\d{1,3}(?:[.,]\d+)?)\s*(?:%|per\s?cent\b|percent\b)")
_TOP_THREE = re.compile(
    r"\b(?:third|3rd)\b(?!\s+of\b)|\btop[ -]?(?:three|3)\b|"
    r"\b(?:three|3)\s+(?:largest|biggest|main|leading|top|most important)\b"
)
_PAST = re.compile(r"\b(?:once|used to|formerly|in the past|previously|back in|earlier)\b")
_MONEY = re.compile(r"\$|\bdollars?\b|\busd\b|\bus\$", re.IGNORECASE)


def _periods_named(folded: str) -> list[Period]:
    """The periods a folded sentence names: '2019-23', 'between 2019 and 2023', 'the 1990s'."""
    found: list[Period] = []
    for match in _PERIOD_IN_TEXT.finditer(folded):
        start, tail = int(match.group(1)), match.group(2)
        end = int(tail) if len(tail) == 4 else start - start % 100 + int(tail)
        if end < start and len(tail) == 2:
            end += 100
        if start <= end:
            found.append((start, end))
    if _DECADE.search(folded):
        found.append(nineties())
    return found


def _years_removed(folded: str) -> str:
    return _DECADE.sub(" ", _PERIOD_IN_TEXT.sub(" ", folded))


def _ranks_in(folded: str) -> set[int]:
    text = _years_removed(folded)
    ranks = {int(m) for m in _ORDINAL.findall(text)}
    ranks |= {_ORDINAL_WORDS[w] for w in _ORDINAL_WORD.findall(text)}
    ranks |= {int(m) for m in _RANK_NUMBER.findall(text)}
    return ranks


def _counts_in(folded: str) -> set[int]:
    return {int(m) for m in _OF_COUNT.findall(_years_removed(folded))}


def _shares_in(folded: str) -> list[tuple[float, int]]:
    """Shares stated in per cent, each with the number of decimals it was written with."""
    found = []
    for raw in _SHARE.findall(_years_removed(folded)):
        number = raw.replace(",", ".")
        decimals = len(number.split(".")[1]) if "." in number else 0
        found.append((float(number), decimals))
    return found


@functools.cache
def _recipients() -> frozenset[str]:
    names = set(exports(REGISTER)["recipient"].astype(str)) | set(
        exports(EDITION_2022)["recipient"].astype(str)
    )
    return frozenset(names | set(_published()["counterpart"].astype(str)))


def _named(folded: str) -> list[str]:
    """Recipients of Russian arms a sentence names (whole words)."""
    return wording.mentioned(folded, sorted(_recipients()))


def _editions_covering(start: int, end: int) -> list[str]:
    return [table for table in (REGISTER, EDITION_2022) if covers(start, end, table)]


def _fits_rank(rank: int, period: Period, names: list[str]) -> bool:
    for table in _editions_covering(*period):
        if rank in {rank_of(name, *period, table) for name in [IRAN, *names]}:
            return True
    published = published_top(*period) if period in published_periods() else []
    return any(name in published and published.index(name) + 1 == rank for name in names)


def _fits_count(count: int, period: Period) -> bool:
    return any(count == len(ranking(*period, table)) for table in _editions_covering(*period))


def _fits_share(value: float, decimals: int, period: Period, names: list[str]) -> bool:
    tolerance = 0.5 * 10**-decimals + 1e-9
    candidates = []
    for table in _editions_covering(*period):
        candidates += [share_of(name, *period, table) for name in [IRAN, *names]]
    sheets = load("sipri_fact_sheets")
    candidates += [float(v) for v in sheets.loc[sheets["period"] == period_label(*period), "value"]]
    return any(abs(value - c) <= tolerance for c in candidates)


def _iran_facts(period: Period) -> str:
    """'Iran ranked 31st of 43 (0.17 %) in the register (Jan 2025)' for a covered period."""
    table = _editions_covering(*period)[0]
    rank = rank_of(IRAN, *period, table)
    if rank is None:
        return f"Iran received nothing recorded in {period_label(*period)}"
    return (
        f"in {period_label(*period)} Iran ranked {ordinal(rank)} of "
        f"{len(ranking(*period, table))} ({share_of(IRAN, *period, table):.2f} %) in the "
        f"{edition_label(table)}"
    )


def _not_in_published_top(period: Period) -> str:
    return (
        f"{period_label(*period)} is beyond the loaded register (it ends in "
        f"{coverage(REGISTER)[1]}), and {fact_sheet(*period)} names "
        f"{and_list(published_top(*period))} as Russia's main recipients: Iran is not among "
        "the top three there."
    )


def _wrong_figure(what: str, period: Period) -> str:
    for start, end, table in claim_periods():
        if (
            (start, end) != period
            and what.startswith("rank ")
            and int(what.split()[1]) == rank_of(IRAN, start, end, table)
        ):
            return (
                f"The {what} belongs to {period_label(start, end)}, not to "
                f"{period_label(*period)}: the figure and the period must match."
            )
    return (
        f"The {what} does not fit {period_label(*period)}: {_iran_facts(period)}. Check the "
        "figure against the lesson's table."
    )


def _scopes(text: str) -> list[tuple[str, list[Period]]]:
    """Each sentence with the periods it speaks of (a sentence that names none continues the
    previous one: 'In 2019–23 Iran ranked 31st. Its share was 0.17 %.')."""
    scoped = []
    current: list[Period] = []
    for sentence in wording.sentences(text):
        folded = wording.fold(sentence)
        current = _periods_named(folded) or current
        scoped.append((folded, list(current)))
    return scoped


_CLAUSE = re.compile(r"[,;:()]|\b(?:but|while|whereas|although|though|yet)\b")
_REPORTED = re.compile(
    r"\b(?:claim\w*|article|izvestia|tehran times|says|said|assert\w*|allegedly|reportedly|"
    r"outdated|stale|wrong|false|untrue|incorrect|mislead\w*|myth)\b"
)


def check_no_claim_repeated(text: str) -> None:
    """Refuse a statement that says, in its own voice, that Iran is among Russia's top three
    buyers now. Read clause by clause and negation-aware ('Iran is not among the top three',
    'third only in the 1990s' pass); a clause that reports the claim ('the article's claim that
    ...') or a sentence about a period when it was true ('third in 1992–99') passes too."""
    held = set(top_three_periods()) | set(claim_top_three())
    for folded, _ in _scopes(text):
        named = _periods_named(folded)
        if named and all(p in held for p in named):
            continue  # a true statement about the past: 'Iran was third in 1992–99'
        if [n for n in _named(folded) if n not in (IRAN, "India", "China")]:
            continue  # the sentence lists the real top three, with Iran elsewhere
        for clause in _CLAUSE.split(folded):
            if (
                wording.affirms(clause, IRAN, _TOP_THREE)
                and not _REPORTED.search(clause)
                and not _PAST.search(clause)
            ):
                raise Wrong(_claim_repeated_message())


def _claim_repeated_message() -> str:
    start, end = latest_period()
    newest = newest_published()
    past = and_list(period_label(*p) for p in claim_top_three()) or "none of them"
    return (
        "Your statement says Iran is among Russia's three largest arms buyers now: that is the "
        f"very claim the lesson refutes. In {period_label(start, end)} Iran ranked "
        f"{ordinal(rank_of(IRAN, start, end))} of {len(ranking(start, end))} "
        f"in the {edition_label(REGISTER)} (our calculation), and SIPRI's newest fact sheet "
        f"({period_label(*newest)}) names {and_list(published_top(*newest))}. If you mean the "
        f"past, name the period (Iran was in the top three in {past})."
    )


def check_no_money(text: str) -> None:
    if _MONEY.search(text):
        raise Wrong(
            "SIPRI's TIV is a volume index, not money: drop the dollar figure and say 'TIV', "
            "or give a rank or a share instead."
        )


def _figures_in(folded: str) -> tuple[set[int], set[int], list[tuple[float, int]]]:
    """The ranks, counts and shares a sentence states as facts of its periods, clause by
    clause: a clause about the past ('once third') or one that reports the claim ('the
    article's claim that ... third') is left out, and so is the denied 'third' of a negated
    sentence."""
    ranks: set[int] = set()
    counts: set[int] = set()
    shares: list[tuple[float, int]] = []
    for clause in _CLAUSE.split(folded):
        if _PAST.search(clause) or _REPORTED.search(clause):
            continue
        ranks |= _ranks_in(clause)
        counts |= _counts_in(clause)
        shares += _shares_in(clause)
    if wording.NEGATION.search(folded):
        ranks.discard(TOP)  # 'not ... third': the claim's own number, denied
    return ranks, counts, shares


def check_figures_agree(text: str) -> None:
    """Ranks, counts and shares stated for periods the data cover must be the data's; for a
    period only SIPRI's fact sheets reach, a top-three rank must be one SIPRI published.
    A figure no loaded table can confirm or contradict is left to the teacher."""
    for folded, named in _scopes(text):
        ranks, counts, shares = _figures_in(folded)
        if not named or not (ranks or counts or shares):
            continue
        names = [n for n in _named(folded) if n != IRAN]
        covered = [p for p in named if _editions_covering(*p)]
        checkable = len(covered) == len(named)  # no named period beyond the data
        for rank in sorted(ranks):
            if any(_fits_rank(rank, p, names) for p in named):
                continue
            if checkable:
                raise Wrong(_wrong_figure(f"rank {rank}", covered[0]))
            published = [p for p in named if p in published_periods() and p not in covered]
            if rank <= TOP and published and IRAN not in published_top(*published[0]):
                raise Wrong(_not_in_published_top(published[0]))
        if not checkable:
            continue
        for count in sorted(counts):
            if not any(_fits_count(count, p) for p in covered):
                raise Wrong(_wrong_figure(f"count of {count} recipients", covered[0]))
        for value, decimals in shares:
            if not any(_fits_share(value, decimals, p, names) for p in named):
                raise Wrong(_wrong_figure(f"share of {value:g} %", covered[0]))


def check_ingredients(text: str) -> None:
    """A period, a figure (or SIPRI's published names), and the source."""
    folded = wording.fold(text)
    named = [p for _, periods_ in _scopes(text) for p in periods_]
    if not named:
        raise Wrong(
            "Name the period (e.g. the register's latest five-year period): a rank only means "
            "something for a stated span of years."
        )
    has_figure = bool(_ranks_in(folded) or _shares_in(folded))
    names_published = any(
        set(published_top(*p)) <= set(_named(folded)) for p in named if p in published_periods()
    )
    if not (has_figure or names_published):
        raise Wrong(
            f"Give Iran's rank or share for {period_label(*named[0])} as digits (as in the "
            "lesson's table), or SIPRI's published top three for a period."
        )
    if "sipri" not in folded:
        raise Wrong(
            "Say where the figure comes from: name SIPRI (its Arms Transfers Database or a "
            "fact sheet), so a reader can check it."
        )


def claim_top_three() -> list[Period]:
    """The periods of the claim check in which Iran was among the top three (the 1990s)."""
    return [(s, e) for s, e, table in claim_periods() if (rank_of(IRAN, s, e, table) or 99) <= TOP]


def _when_in_top_three() -> str:
    held = claim_top_three()
    if not held:
        return "It was not among the top three in any period of the lesson's table."
    return (
        f"It was among the top three only in {and_list(period_label(*p) for p in held)} "
        f"({edition_label(EDITION_2022)})."
    )


def model_statement() -> str:
    """The model answer of Exercise 3.7, written from the data."""
    start, end = latest_period()
    newest = newest_published()
    return (
        f"In SIPRI's Arms Transfers Database, {edition_label(REGISTER)}, Iran ranked "
        f"{ordinal(rank_of(IRAN, start, end))} of {len(ranking(start, end))} recipients of "
        f"Russian major arms in {period_label(start, end)}, with "
        f"{share_of(IRAN, start, end):.2f} % of Russia's deliveries by TIV (our calculation, "
        f"not a SIPRI figure). {_when_in_top_three()} {fact_sheet(*newest)} names "
        f"{and_list(published_top(*newest))} as Russia's three main recipients; Iran is not "
        "among them."
    )


question(
    "ex3_7",
    "a precise, sourced statement",
    FreeText(
        model_statement,
        "a sentence or two",
        min_words=8,
        checks=[check_no_claim_repeated, check_no_money, check_figures_agree, check_ingredients],
        checklist=[
            "a period, with a rank or share of Iran that belongs to it (as digits)",
            "the source with its edition (the register and its date, or a fact sheet)",
            "the measure: a share of Russia's deliveries by TIV, not money; the rank labelled "
            "as our calculation from SIPRI data",
            "neutral wording that does not repeat the article's 'now', ideally noting the "
            "periods when the claim held",
        ],
    ),
    hints=[
        "Three ingredients: a period (e.g. the register's latest five-year period), Iran's rank "
        "or share in it, and the source (SIPRI's Arms Transfers Database, with its edition).",
        "Write the figures as digits (a rank such as 12th, a share such as 0.5 %), so the check "
        "can compare them with the data.",
        "The figure must belong to the period you name: look it up in the lesson's table.",
    ],
)
