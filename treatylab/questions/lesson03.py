"""Lesson 03 "Checking the claims": the article's statements, and one claim tested against SIPRI.

The lesson takes Izvestia's article apart (the ``article_claims`` table) and tests its line,
credited to the Tehran Times, that Iran now ranks third among buyers of Russian arms, behind
India and China. Ranks and shares are computed here from SIPRI's data, period by period:

* ``sipri_russia_exports_by_recipient_1992_2021``: SIPRI's TIV tables as downloaded in 2022
  (the "2022 edition"), the only source for the 1990s;
* ``sipri_russia_exports_by_recipient``: the trade register generated in January 2025 (the
  "register"), which covers 2000–2023.

The two editions are never added together: SIPRI revises its whole database every year, and
for 2000–04 the two editions even place Iran differently (5th and 4th). Every expected answer
below is computed from data/ with the helpers of this module.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping

import pandas as pd

from treatylab.data import load
from treatylab.periods import ordinal, period_label
from treatylab.questions.base import (
    Wrong,
    call_safely,
    close,
    compare_labels,
    describe,
    need_callable,
    need_int,
    need_labels,
    need_number,
    need_text,
    question,
    reject_known,
)

REGISTER = "sipri_russia_exports_by_recipient"
EDITION_2022 = "sipri_russia_exports_by_recipient_1992_2021"
VINTAGE = {REGISTER: "register (Jan 2025)", EDITION_2022: "2022 edition"}
IRAN = "Iran"
TOP = 3

# The periods of the claim check: the 1990s and the five-year periods up to 2015–19 exist only
# in (or are taken from) the 2022 edition; 2019–23 needs the register. 2020–24 is not
# computable (no 2024 data): SIPRI's published top three for it come from sipri_fact_sheets.
CLAIM_PERIODS: tuple[tuple[int, int, str], ...] = (
    (1992, 1999, EDITION_2022),
    (2000, 2004, EDITION_2022),
    (2005, 2009, EDITION_2022),
    (2010, 2014, EDITION_2022),
    (2015, 2019, EDITION_2022),
    (2019, 2023, REGISTER),
)
# The non-overlapping five-year periods of the 2022 edition used in Exercise 3.4.
EDITION_PERIODS: tuple[tuple[int, int], ...] = tuple((y, y + 4) for y in range(1992, 2018, 5))
SHARE_PERIOD = (2010, 2014)  # Exercise 3.5, register
PUBLISHED_PERIODS = ("2015–19", "2019–23", "2020–24")
RUSSIA_RECIPIENT_SHARE = "share of subject's arms exports"
SIGNING, INAUGURATION = "E40", "E41"


# --- data helpers ------------------------------------------------------------------------------


@functools.cache
def exports(table: str = REGISTER) -> pd.DataFrame:
    """Russia's deliveries by recipient and year in one SIPRI edition."""
    if table not in VINTAGE:
        raise ValueError(f"unknown SIPRI table {table!r}")
    return load(table)


def coverage(table: str = REGISTER) -> tuple[int, int]:
    years = exports(table)["year"]
    return int(years.min()), int(years.max())


@functools.cache
def ranking(start: int, end: int, table: str = REGISTER) -> pd.DataFrame:
    """Russia's recipients in ``start``–``end`` (both years included), ranked by summed TIV.

    Columns recipient, tiv, share (% of Russia's deliveries in the period), rank (1 = largest).
    Recipients with no recorded TIV in the period are left out.
    """
    first, last = coverage(table)
    if start > end or start < first or end > last:
        raise ValueError(f"{start}–{end} is outside {VINTAGE[table]} ({first}–{last})")
    rows = exports(table)
    rows = rows[(rows["year"] >= start) & (rows["year"] <= end)]
    totals = rows.groupby("recipient")["tiv"].sum()
    totals = totals[totals > 0].sort_values(ascending=False, kind="mergesort")
    frame = totals.rename("tiv").reset_index()
    frame["recipient"] = frame["recipient"].astype(str)
    frame["share"] = 100 * frame["tiv"] / frame["tiv"].sum()
    frame["rank"] = frame["tiv"].rank(ascending=False, method="min").astype(int)
    return frame


def rank_in(recipient: str, start: int, end: int, table: str = REGISTER) -> int | None:
    """The recipient's rank in the period, or None if it received nothing recorded."""
    frame = ranking(start, end, table)
    hit = frame.loc[frame["recipient"] == recipient, "rank"]
    return None if hit.empty else int(hit.iloc[0])


def share_in(recipient: str, start: int, end: int, table: str = REGISTER) -> float:
    """The recipient's share of Russia's deliveries in the period, in per cent (0 if none)."""
    frame = ranking(start, end, table)
    hit = frame.loc[frame["recipient"] == recipient, "share"]
    return 0.0 if hit.empty else float(hit.iloc[0])


def top_three(start: int, end: int, table: str = REGISTER) -> list[str]:
    return ranking(start, end, table)["recipient"].head(TOP).tolist()


@functools.cache
def iran_by_period() -> pd.DataFrame:
    """Iran's place among Russia's recipients in each period of the claim check."""
    rows = []
    for start, end, table in CLAIM_PERIODS:
        frame = ranking(start, end, table)
        iran = frame[frame["recipient"] == IRAN].iloc[0]
        rows.append(
            {
                "period": period_label(start, end),
                "vintage": VINTAGE[table],
                "rank": int(iran["rank"]),
                "of": len(frame),
                "share": round(float(iran["share"]), 2),
                "iran_tiv": float(iran["tiv"]),
                "top_three": ", ".join(top_three(start, end, table)),
            }
        )
    return pd.DataFrame(rows)


@functools.cache
def published_top_three(period: str) -> list[str]:
    """SIPRI's published main recipients of Russian arms for a period (sipri_fact_sheets)."""
    sheets = load("sipri_fact_sheets")
    rows = sheets[
        (sheets["subject"] == "Russia")
        & (sheets["indicator"] == RUSSIA_RECIPIENT_SHARE)
        & (sheets["period"] == period)
    ]
    if rows.empty:
        raise ValueError(f"no published recipients of Russian arms for {period}")
    rows = rows.sort_values("value", ascending=False, kind="mergesort")
    return rows["counterpart"].astype(str).head(TOP).tolist()


@functools.cache
def world_total(start: int, end: int) -> float:
    """All arms transfers in the world in the period (register), SIPRI TIV."""
    series = load("sipri_long_series")
    world = series[series["series"] == "World: total arms transfers"]
    world = world[(world["year"] >= start) & (world["year"] <= end)]
    return float(world["tiv"].sum())


@functools.cache
def claims() -> pd.DataFrame:
    return load("article_claims")


@functools.cache
def days_signing_to_inauguration() -> int:
    timeline = load("timeline").set_index("event_id")
    return int((timeline.loc[INAUGURATION, "date"] - timeline.loc[SIGNING, "date"]).days)


# --- answer coercion ---------------------------------------------------------------------------


def need_counts(answer: object, key: str, what: str) -> dict[str, float]:
    """Counts by a label: a Series (value_counts), a dict, or a two-column DataFrame."""
    if isinstance(answer, pd.DataFrame):
        if key in answer.columns and answer.shape[1] == 2:
            other = next(c for c in answer.columns if c != key)
            answer = answer.set_index(key)[other]
        elif answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        else:
            raise Wrong(
                f"Expected counts by {key} ({what}): a Series like the one "
                f"`value_counts()` gives; got {describe(answer)}."
            )
    if isinstance(answer, Mapping):
        answer = pd.Series(dict(answer))
    if not isinstance(answer, pd.Series):
        raise Wrong(f"Expected counts by {key} ({what}); got {describe(answer)}.")
    if len(answer) > 100:
        raise Wrong(f"Expected a few counts by {key} ({what}); got {len(answer):,} values.")
    counts: dict[str, float] = {}
    for label, value in answer.items():
        counts[str(label).strip().casefold()] = need_number(value, f"the count for {label!r}")
    return counts


# --- Exercise 3.1 ------------------------------------------------------------------------------


@question(
    "ex3_1",
    "claims by kind",
    hints=[
        "`claims['kind'].value_counts()` counts the rows of each kind.",
        "Count every claim, checkable or not, and keep the counts as whole numbers "
        "(no `normalize=True`).",
    ],
)
def ex3_1(answer: object) -> str:
    table = claims()
    counts = need_counts(answer, "kind", "claims per kind: fact, attribution, opinion, prediction")
    expected = {str(k).casefold(): int(v) for k, v in table["kind"].value_counts().items()}
    by_verdict = {str(k).casefold() for k in table["verdict"].unique()}
    by_maker = {str(k).casefold() for k in table["made_by_type"].unique()}
    labels = set(counts)
    if labels and labels <= by_verdict and not labels & set(expected):
        raise Wrong("Those are counts by verdict; count the `kind` column instead.")
    if labels and labels <= by_maker and not labels & set(expected):
        raise Wrong("Those are counts by who makes the claim (`made_by_type`); count `kind`.")
    if labels != set(expected):
        missing = sorted(set(expected) - labels)
        extra = sorted(labels - set(expected))
        raise Wrong(
            "The labels should be the four kinds "
            f"({', '.join(sorted(expected))}); missing {missing or 'none'}, "
            f"unexpected {extra or 'none'}."
        )
    if abs(sum(counts.values()) - 1) < 1e-6 or abs(sum(counts.values()) - 100) < 1e-6:
        raise Wrong("Those are proportions (`normalize=True`); give the number of claims.")
    checkable = table[table["checkable"].fillna(False).astype(bool)]
    only_checkable = {
        str(k).casefold(): int(v) for k, v in checkable["kind"].value_counts().items()
    }
    for kind in expected:
        only_checkable.setdefault(kind, 0)
    if counts == only_checkable and counts != expected:
        raise Wrong("Those count only the checkable claims; count every claim in the table.")
    if counts != expected:
        wrong = [k for k in sorted(expected) if counts.get(k) != expected[k]]
        raise Wrong(f"Not quite: the count for {', '.join(wrong)} is off. Count `kind` again.")
    biggest = max(expected, key=expected.get)
    return (
        f"{len(table)} claims: "
        + ", ".join(f"{k} {expected[k]}" for k in sorted(expected))
        + f". Most of the article is {biggest}s."
    )


# --- Exercise 3.2 ------------------------------------------------------------------------------


def checkable_but_unverified() -> list[str]:
    table = claims()
    mask = table["checkable"].fillna(False).astype(bool) & (table["verdict"] == "unverifiable")
    return table.loc[mask, "claim_id"].astype(str).tolist()


@question(
    "ex3_2",
    "checkable claims that could not be checked",
    hints=[
        "Two conditions: `claims['checkable']` is True and `claims['verdict'] == "
        "'unverifiable'`. Combine them with `&`.",
        "Return the `claim_id` column of the rows that pass, e.g. `.tolist()`.",
    ],
)
def ex3_2(answer: object) -> str:
    table = claims()
    given = need_labels(answer, "claim ids such as 'C05'")
    expected = checkable_but_unverified()
    folded = {g.casefold() for g in given}
    all_unverifiable = set(
        table.loc[table["verdict"] == "unverifiable", "claim_id"].astype(str).str.casefold()
    )
    pending = set(table.loc[table["verdict"] == "pending", "claim_id"].astype(str).str.casefold())
    not_supported = set(
        table.loc[table["verdict"] == "not supported", "claim_id"].astype(str).str.casefold()
    )
    if folded == all_unverifiable and folded != {e.casefold() for e in expected}:
        raise Wrong(
            "That is every 'unverifiable' claim, opinions included. Opinions cannot be checked "
            "at all; keep only the claims marked `checkable`."
        )
    if folded & pending:
        raise Wrong(
            "Some of these are predictions marked 'pending': they can be checked later, "
            "once events happen. Keep verdict 'unverifiable' only."
        )
    if folded & not_supported:
        raise Wrong(
            "Some of these are 'not supported': the evidence contradicts them, which is "
            "different from finding no evidence. Keep verdict 'unverifiable' only."
        )
    compare_labels(given, expected, "checkable claims with verdict 'unverifiable'")
    return (
        f"{len(expected)} statements could be checked in principle, but no evidence was found "
        f"for or against them: {', '.join(expected)}. 'No evidence found' is not 'false': "
        "say what you looked for."
    )


# --- Exercise 3.3 ------------------------------------------------------------------------------

RANK_CASES: tuple[tuple[str, int, int], ...] = (
    ("Iran", 2000, 2004),
    ("Iran", 2005, 2009),
    ("Iran", 2010, 2014),
    ("Iran", 2015, 2019),
    ("Iran", 2019, 2023),
    ("India", 2019, 2023),
    ("Egypt", 2019, 2023),
    ("Algeria", 2015, 2019),
)
ABSENT_CASE = ("Iran", 2021, 2022)


def _count_rank(recipient: str, start: int, end: int, table: str) -> int | None:
    rows = exports(table)
    rows = rows[(rows["year"] >= start) & (rows["year"] <= end) & (rows["tiv"] > 0)]
    counts = rows.groupby("recipient").size().rank(ascending=False, method="min")
    return int(counts[recipient]) if recipient in counts.index else None


def _in_count_tie(got: int, recipient: str, start: int, end: int) -> bool:
    """True if ``got`` is a position the recipient could take when ranked by row count.

    Many recipients tie on the number of delivery rows, so a count-based ranking may put the
    recipient anywhere within its tie group, depending on how ties are broken.
    """
    rows = exports(REGISTER)
    rows = rows[(rows["year"] >= start) & (rows["year"] <= end) & (rows["tiv"] > 0)]
    counts = rows.groupby("recipient").size()
    if recipient not in counts.index:
        return False
    own = counts[recipient]
    return int((counts > own).sum()) + 1 <= got <= int((counts >= own).sum())


def _ascending_rank(recipient: str, start: int, end: int) -> int | None:
    frame = ranking(start, end, REGISTER)
    hit = frame.index[frame["recipient"] == recipient]
    return None if hit.empty else len(frame) - int(hit[0])


def _as_rank(value: object, call: str) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Series | pd.DataFrame | pd.Index | list | tuple):
        raise Wrong(f"{call} returned {describe(value)}; return one whole number (the rank).")
    return need_int(value, f"the rank returned by {call}")


def _rank_or_none(recipient: str, start: int, end: int, table: str = REGISTER) -> int | None:
    """Like rank_in, but None when the period is outside the edition's years."""
    try:
        return rank_in(recipient, start, end, table)
    except ValueError:
        return None


def _diagnose_rank_of(
    results: dict[tuple[str, int, int], int | None],
    expected: dict[tuple[str, int, int], int | None],
    first_wrong: tuple[str, int, int],
) -> str:
    """The message for a rank_of that fails: name the systematic mistake if there is one."""
    recipient, start, end = first_wrong
    call = f"rank_of({recipient!r}, {start}, {end})"
    got = results[first_wrong]

    def always(alternative) -> bool:
        return all(results[case] == alternative(*case) for case in results)

    if all(value is None for value in results.values()):
        return f"{call} returned None: does your function `return` the rank?"
    if always(lambda r, s, e: None if expected[(r, s, e)] is None else expected[(r, s, e)] - 1):
        return f"{call} gave {got}, one too few: ranks count from 1, not from 0."
    if all(results[case] is not None and _in_count_tie(results[case], *case) for case in results):
        return (
            f"{call} gave {got}: that ranks recipients by how many delivery rows they have, "
            "not by TIV. Add up `tiv` for each recipient."
        )
    if always(_ascending_rank):
        return f"{call} gave {got}: that counts from the smallest recipient. Use `ascending=False`."
    first, last = coverage(EDITION_2022)
    covered = [case for case in results if first <= case[1] and case[2] <= last]
    if any(results[c] != expected[c] for c in covered) and all(
        results[c] == rank_in(*c, EDITION_2022) for c in covered
    ):
        return (
            f"{call} gave {got}, the rank in the 2022 edition. Use the register table "
            "(`register`), as the exercise asks."
        )
    if always(lambda r, s, e: _rank_or_none(r, s, e - 1)):
        return (
            f"{call} gave {got}, the rank for {start}–{end - 1}: one year short. Include the "
            "end year (`year <= end`)."
        )
    if always(lambda r, s, e: _rank_or_none(r, s + 1, e)):
        return (
            f"{call} gave {got}, the rank for {start + 1}–{end}: the start year is missing. "
            "Include it (`year >= start`)."
        )
    if got is None:
        return f"{call} returned None, but {recipient} did receive arms in {start}–{end}."
    return f"{call} gave {got}; that is not {recipient}'s rank by TIV in {start}–{end}."


@question(
    "ex3_3",
    "a rank_of function",
    hints=[
        "Keep the rows with `start <= year <= end`, then "
        "`groupby('recipient')['tiv'].sum()` and `sort_values(ascending=False)`.",
        "The rank is the position in that sorted list, counting from 1: "
        "`list(totals.index).index(recipient) + 1`. Return None if the recipient is absent.",
        "Both years are included: 2019–23 means 2019, 2020, 2021, 2022 and 2023.",
    ],
)
def ex3_3(answer: object) -> str:
    func = need_callable(answer, "rank_of(recipient, start, end)")
    results: dict[tuple[str, int, int], int | None] = {}
    for recipient, start, end in RANK_CASES:
        call = f"rank_of({recipient!r}, {start}, {end})"
        results[(recipient, start, end)] = _as_rank(call_safely(func, recipient, start, end), call)
    expected = {case: rank_in(*case, REGISTER) for case in RANK_CASES}
    wrong = [case for case in RANK_CASES if results[case] != expected[case]]
    if wrong:
        raise Wrong(_diagnose_rank_of(results, expected, wrong[0]))
    recipient, start, end = ABSENT_CASE
    call = f"rank_of({recipient!r}, {start}, {end})"
    got = call_safely(func, recipient, start, end)
    if got is not None and not (isinstance(got, float) and math.isnan(got)):
        raise Wrong(
            f"{call} should return None: SIPRI records no deliveries to {recipient} in "
            f"{start}–{end}; your function gave {describe(got)}."
        )
    iran = rank_in(IRAN, 2019, 2023)
    return (
        f"Your function reproduces every rank tested; Iran comes {ordinal(iran)} in 2019–23. "
        "Try it on other periods and recipients."
    )


# --- Exercise 3.4 ------------------------------------------------------------------------------


def periods_in_top_three() -> list[tuple[int, int]]:
    return [(s, e) for s, e in EDITION_PERIODS if (rank_in(IRAN, s, e, EDITION_2022) or 99) <= TOP]


_PERIOD_TEXT = re.compile(r"^\s*((?:19|20)\d\d)\s*[-–—/to ]+\s*(\d{2}|\d{4})\s*$")


def _as_period(item: object) -> tuple[int, int]:
    if isinstance(item, tuple | list) and len(item) == 2:
        start = need_int(item[0], "the first year of a period")
        end = need_int(item[1], "the last year of a period")
        return start, end
    if isinstance(item, str):
        match = _PERIOD_TEXT.match(item)
        if match:
            start = int(match.group(1))
            tail = match.group(2)
            end = int(tail) if len(tail) == 4 else (start // 100) * 100 + int(tail)
            if end < start:
                end += 100
            return start, end
    raise Wrong(
        "Expected a list of periods, each a (start, end) pair like (1992, 1996) or a label "
        f"like '1992–96'; {describe(item)} is neither."
    )


@question(
    "ex3_4",
    "periods with Iran in the top three",
    hints=[
        "Loop over `periods` and compute Iran's rank in each with your `rank_of`, passing "
        "`edition_2022` as the table.",
        "Keep the periods whose rank is 3 or better: `rank <= 3` (rank 3 counts).",
    ],
)
def ex3_4(answer: object) -> str:
    if isinstance(answer, str):
        raise Wrong("Expected a list of periods; put them in a list: `[(1992, 1996), ...]`.")
    if not isinstance(answer, list | tuple | set | pd.Series):
        raise Wrong(f"Expected a list of (start, end) periods; got {describe(answer)}.")
    items = list(answer)
    if len(items) > len(EDITION_PERIODS) + 5:
        raise Wrong(f"Expected at most {len(EDITION_PERIODS)} periods; got {len(items)}.")
    given = {_as_period(item) for item in items}
    expected = set(periods_in_top_three())
    if given == expected:
        labels = [period_label(s, e) for s, e in sorted(expected)]
        later = [
            f"{period_label(s, e)}: {rank_in(IRAN, s, e, EDITION_2022)}"
            for s, e in EDITION_PERIODS
            if (s, e) not in expected
        ]
        return (
            f"Iran was in Russia's top three only in {' and '.join(labels)} (2022 edition). "
            f"Afterwards: {'; '.join(later)}."
        )
    unknown = given - set(EDITION_PERIODS)
    if unknown:
        shown = ", ".join(period_label(s, e) for s, e in sorted(unknown))
        raise Wrong(f"{shown} is not one of the periods in `periods`; use those six.")
    if not given and expected:
        raise Wrong(
            "Your list is empty. Did you keep `rank < 3`? Rank 3 is in the top three: "
            "use `rank <= 3`."
        )
    ranked_by_rows = {
        (s, e)
        for s, e in EDITION_PERIODS
        if _count_rank(IRAN, s, e, EDITION_2022) is not None
        and _count_rank(IRAN, s, e, EDITION_2022) <= TOP
    }
    if given == ranked_by_rows and given != expected:
        raise Wrong(
            "That ranks recipients by how many delivery rows they have, not by TIV: "
            "sum `tiv` per recipient before ranking."
        )
    top_five = {
        (s, e) for s, e in EDITION_PERIODS if (rank_in(IRAN, s, e, EDITION_2022) or 99) <= 5
    }
    if given == top_five and given != expected:
        raise Wrong("That is the top five; the claim is about the top three (`rank <= 3`).")
    missing = sorted(expected - given)
    extra = sorted(given - expected)
    parts = []
    if missing:
        parts.append(f"{len(missing)} period(s) missing")
    if extra:
        s, e = extra[0]
        parts.append(
            f"{period_label(s, e)} should not be there (Iran ranks "
            f"{rank_in(IRAN, s, e, EDITION_2022)} then)"
        )
    raise Wrong(f"Not quite: {' and '.join(parts)}.")


# --- Exercise 3.5 ------------------------------------------------------------------------------


def iran_share_of_world(start: int, end: int) -> float:
    rows = exports(REGISTER)
    rows = rows[(rows["year"] >= start) & (rows["year"] <= end) & (rows["recipient"] == IRAN)]
    return 100 * float(rows["tiv"].sum()) / world_total(start, end)


@question(
    "ex3_5",
    "Iran's share in 2010–14",
    hints=[
        "Share = Iran's TIV in the period ÷ Russia's total TIV to all recipients in the same "
        "period × 100.",
        "Both sums use the register rows with `2010 <= year <= 2014`; the denominator is "
        "Russia's exports, not the world's arms trade.",
    ],
)
def ex3_5(answer: object) -> str:
    start, end = SHARE_PERIOD
    value = need_number(answer, "Iran's share of Russia's deliveries, in per cent")
    expected = share_in(IRAN, start, end, REGISTER)
    tol = 0.01
    if close(value, expected, tol):
        rank = rank_in(IRAN, start, end, REGISTER)
        of = len(ranking(start, end, REGISTER))
        first = iran_by_period().iloc[0]
        return (
            f"{expected:.2f} % of Russia's deliveries in {period_label(start, end)}: "
            f"rank {rank} of {of}. In {first['period']} ({first['vintage']}) it was "
            f"{first['share']:.1f} %."
        )
    reject_known(
        value,
        [
            (
                expected / 100,
                "That is a fraction; multiply by 100 to give per cent.",
            ),
            (
                iran_share_of_world(start, end),
                "That is Iran's share of all world arms transfers; divide by Russia's "
                "exports in the period instead.",
            ),
            (
                share_in(IRAN, start, end - 1, REGISTER),
                "That leaves out the end year: 2010–14 includes 2014 (`year <= 2014`).",
            ),
            (
                share_in(IRAN, start - 1, end - 1, REGISTER),
                "That is 2009–13: one period off. Use 2010 to 2014.",
            ),
            (
                share_in(IRAN, start + 1, end + 1, REGISTER),
                "That is 2011–15: one period off. Use 2010 to 2014.",
            ),
            (
                100 - expected,
                "That is everyone else's share; Iran's is the small part.",
            ),
        ],
        tol=tol / 2,
    )
    raise Wrong(
        f"Not quite: you gave {value:g}. Divide Iran's 2010–14 TIV by Russia's total "
        "2010–14 TIV, times 100."
    )


# --- Exercise 3.6 ------------------------------------------------------------------------------


@question(
    "ex3_6",
    "days from signing to inauguration",
    hints=[
        "Take the `date` of the signing (E40) and of the inauguration (E41) from `timeline`.",
        "Subtract the earlier date from the later one and take `.days`.",
    ],
)
def ex3_6(answer: object) -> str:
    if isinstance(answer, pd.Timedelta):
        raise Wrong("That is a time span (Timedelta); take its `.days` to get a number.")
    value = need_int(answer, "a number of days")
    expected = days_signing_to_inauguration()
    reject_known(
        value,
        [
            (-expected, "Negative: you subtracted the later date from the earlier one."),
            (expected + 1, "That counts both end days; the gap between the dates is one less."),
        ],
        tol=0,
    )
    if value != expected:
        raise Wrong(f"Not quite: you gave {value}. Subtract the two `date` values.")
    return f"{expected} days: the article's 'three days' checks out against the timeline."


# --- Exercise 3.7 ------------------------------------------------------------------------------

_PERIOD_IN_TEXT = re.compile(r"\b((?:19|20)\d\d)\s*(?:–|—|-|to|and|until)\s*((?:19|20)\d\d|\d\d)\b")
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)?)")
_TOP_THREE = re.compile(r"\b(?:top|first|largest)[ -](?:three|3)\b")
CLAIM_NAMES = {"india", "china"}
_MONEY = re.compile(r"\$|\bdollars?\b|\bUSD\b|\bUS\$", re.IGNORECASE)


@functools.cache
def statement_facts() -> dict[tuple[int, int], dict[str, object]]:
    """For each period a learner may cite: the figures that fit it (ranks and shares)."""
    facts: dict[tuple[int, int], dict[str, object]] = {}
    for start, end, table in CLAIM_PERIODS:
        tables = [table]
        if start >= coverage(REGISTER)[0] and end <= coverage(REGISTER)[1]:
            tables.append(REGISTER)
        ranks: set[float] = set()
        shares: set[float] = set()
        for name in dict.fromkeys(tables):
            ranks.add(float(rank_in(IRAN, start, end, name)))
            share = share_in(IRAN, start, end, name)
            shares.update({round(share, 2), round(share, 1)})
        shares.discard(0.0)
        facts[(start, end)] = {"ranks": ranks, "shares": shares, "names": set()}
    facts[(2020, 2024)] = {
        "ranks": set(),
        "shares": set(),
        "names": {n.casefold() for n in published_top_three("2020–24")},
    }
    return facts


def _periods_named(text: str) -> list[tuple[int, int]]:
    found = []
    for match in _PERIOD_IN_TEXT.finditer(text):
        start = int(match.group(1))
        tail = match.group(2)
        end = int(tail) if len(tail) == 4 else (start // 100) * 100 + int(tail)
        if end < start:
            end += 100
        found.append((start, end))
    return found


def _numbers(text: str) -> set[float]:
    stripped = _PERIOD_IN_TEXT.sub(" ", text)
    return {float(n.replace(",", ".")) for n in _NUMBER.findall(stripped)}


def _fits(period: tuple[int, int], numbers: set[float], folded: str) -> bool:
    fact = statement_facts()[period]
    if fact["names"]:
        # The claim already names India and China; the third name is the news.
        new_names = {n for n in fact["names"] if n not in CLAIM_NAMES}
        return any(n in folded for n in new_names) or bool(_TOP_THREE.search(folded))
    return bool(numbers & fact["ranks"]) or bool(numbers & fact["shares"])


@question(
    "ex3_7",
    "a precise, sourced statement",
    hints=[
        "Three ingredients: a period (e.g. 2019–23), Iran's rank or share in it, and the "
        "source (SIPRI's Arms Transfers Database).",
        "Write the figures as digits (31st, 0.17 %), so the check can find them.",
        "The figure must belong to the period you name: look it up in the lesson's table.",
    ],
)
def ex3_7(answer: object) -> str:
    text = need_text(answer, "a sentence or two", min_words=8)
    if len(text) > 2000:
        raise Wrong("Keep it to a sentence or two (under 2,000 characters).")
    folded = text.casefold()
    if _MONEY.search(text):
        raise Wrong(
            "SIPRI's TIV is a volume index, not money: drop the dollar sign and say "
            "'TIV' or give a rank or a share instead."
        )
    named = _periods_named(text)
    if not named:
        raise Wrong(
            "Name the period (e.g. 2019–23): a rank only means something for a stated span "
            "of years."
        )
    facts = statement_facts()
    known = [p for p in named if p in facts]
    if not known:
        shown = ", ".join(period_label(s, e) for s, e in named)
        options = ", ".join(period_label(s, e) for s, e in facts)
        raise Wrong(f"The lesson has no figures for {shown}; use one of {options}.")
    numbers = _numbers(text)
    if not any(_fits(p, numbers, folded) for p in known):
        for period in known:
            others = [q for q in facts if q != period and _fits(q, numbers, folded)]
            if others:
                raise Wrong(
                    f"The figure you give belongs to {period_label(*others[0])}, not to "
                    f"{period_label(*period)}: the figure and the period must match."
                )
        raise Wrong(
            f"Give Iran's rank or share for {period_label(*known[0])} as a number (as in the "
            "lesson's table), or for 2020–24 SIPRI's top three."
        )
    if "sipri" not in folded:
        raise Wrong(
            "Say where the figure comes from: name SIPRI (its Arms Transfers Database or "
            "fact sheet), so a reader can check it."
        )
    return (
        "Your statement names a period, a figure that fits it and its source. The check "
        "cannot judge wording: your teacher will read it against the marking guide."
    )
