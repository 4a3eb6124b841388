"""Lesson 01 "The treaty in context": eight exercises on the timeline and the treaty provisions.

They go from selecting rows (the sanctions events) and subtracting two dates (signing to entry
into force) to reading the provisions table carefully (which article numbers are confirmed,
which treaty carries a mutual-assistance clause) and building the table of legal ratification
steps with the gaps between them. Every expected answer, and every plausible wrong answer a
message names, is computed here from data/: the timeline and treaty_provisions tables.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from treatylab.data import load
from treatylab.questions.base import (
    Wrong,
    call_safely,
    describe,
    need_callable,
    need_frame,
    need_int,
    need_series,
    need_text,
    question,
    reject_known,
)
from treatylab.ratification import is_political_statement, legal_steps

CATEGORY = "sanctions"
TREATY_2025 = "2025 Russia–Iran"


@functools.cache
def timeline() -> pd.DataFrame:
    return load("timeline")


@functools.cache
def provisions() -> pd.DataFrame:
    return load("treaty_provisions")


def _one(rows: pd.DataFrame, what: str) -> pd.Series:
    if len(rows) != 1:
        raise LookupError(f"expected one timeline row for {what}, found {len(rows)}")
    return rows.iloc[0]


def _event(pattern: str, category: str | None = None) -> pd.Series:
    table = timeline()
    mask = table["event"].str.contains(pattern, regex=False)
    if category is not None:
        mask &= table["category"] == category
    return _one(table[mask], pattern)


def _date_in_text(text: str, year: int) -> pd.Timestamp:
    """A 'D Month' date written in a text (e.g. '23 July'), in the given year."""
    match = re.search(
        r"(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|"
        r"November|December)",
        text,
    )
    if match is None:
        raise LookupError(f"no date in {text!r}")
    return pd.Timestamp(f"{match.group(1)} {match.group(2)} {year}")


@functools.cache
def key_dates() -> dict[str, pd.Timestamp]:
    """The dates the lesson's day counts use, all read from the timeline table."""
    signing = _event("Comprehensive Strategic Partnership is signed", "treaty")
    finalised = _event("finalise the treaty text", "treaty")
    year = finalised["date"].year
    statement = statement_row()
    return {
        "signing": signing["date"],
        "in force": _event("enters into force", "ratification")["date"],
        "finalised": finalised["date"],
        # Rudenko's announcement, written in the event text ("discloses this on 23 July 2024")
        "announced": _date_in_text(finalised["event"].split("discloses")[1], year),
        # the earlier, wrong date named in the caveat ("an earlier version gave 21 July")
        "first version": _date_in_text(finalised["caveat"], year),
        "approved": _event("signs off on the draft treaty", "treaty")["date"],
        "Raisi": _event("kills President Raisi", "domestic politics")["date"],
        "Putin's law": _event("signs the ratification law", "ratification")["date"],
        "Guardian Council": _event("Guardian Council", "ratification")["date"],
        "Jalali": statement["date"],
    }


def statement_row() -> pd.Series:
    """Jalali's July 2025 claim: in the ratification category, but a statement, not a step."""
    table = timeline()
    return _one(table[is_political_statement(table)], "the political statement")


@functools.cache
def legal_steps_with_gaps() -> pd.DataFrame:
    """The ratification rows without the political statement, oldest first, with gaps."""
    rows = legal_steps(timeline())[["date", "event"]].reset_index(drop=True)
    rows["gap_days"] = rows["date"].diff().dt.days
    return rows


def days(start: str, end: str) -> int:
    dates = key_dates()
    return int((dates[end] - dates[start]).days)


def _need_days(answer: object, what: str) -> int:
    if isinstance(answer, pd.Timedelta):
        raise Wrong(
            f"That is a time span ({answer}), not a number. Take the whole days out of it "
            "with `.days`."
        )
    return need_int(answer, what)


# --- ex1_1 ----------------------------------------------------------------------------------


def _ids_of(frame: pd.DataFrame) -> set[str]:
    """Identify the learner's rows by event_id when present, else by their event text."""
    table = timeline()
    if "event_id" in frame.columns:
        return {str(x) for x in frame["event_id"].dropna()}
    lookup = dict(zip(table["event"], table["event_id"], strict=True))
    return {lookup.get(str(text), f"?{text}") for text in frame["event"].dropna()}


@question(
    "ex1_1",
    "events of one category",
    hints=[
        "`timeline['category'] == 'sanctions'` gives True or False for every row.",
        "Put that condition inside the brackets: `timeline[timeline['category'] == 'sanctions']`.",
        "Filter on the `category` column, not on `topic` or on words in the event text.",
    ],
)
def ex1_1(answer: object) -> str:
    table = timeline()
    frame = need_frame(answer, ["date", "event"], f"the timeline rows of category {CATEGORY!r}")
    given = _ids_of(frame)
    expected_rows = table[table["category"] == CATEGORY]
    expected = set(expected_rows["event_id"])
    by_topic = set(table.loc[table["topic"].str.contains(CATEGORY), "event_id"])
    by_text = set(table.loc[table["event"].str.contains("sanction", case=False), "event_id"])
    if given == expected and len(frame) == len(expected_rows):
        first, last = expected_rows["date"].min(), expected_rows["date"].max()
        return (
            f"{len(expected)} events, from {first:%Y} to {last:%Y}; "
            f"{(expected_rows['date'].dt.year >= 2025).sum()} of them fall in 2025, the year of "
            "the snapback dispute."
        )
    if given == set(table["event_id"]):
        raise Wrong(
            f"That is the whole timeline ({len(table)} rows). Keep only the rows whose "
            f"`category` is {CATEGORY!r}."
        )
    if given == by_topic:
        raise Wrong(
            f"You have {len(by_topic)} rows: that matches {CATEGORY!r} inside the `topic` "
            "column, which also tags rows of other categories. Filter on `category`."
        )
    if given == by_text:
        raise Wrong(
            f"You have {len(by_text)} rows: that searches the event text for 'sanction'. "
            "Some sanctions events do not use the word, and some other events do. "
            "Filter on `category`."
        )
    missing, extra = expected - given, given - expected
    if not missing and not extra:
        raise Wrong("The right events, but some rows appear more than once; keep each row once.")
    parts = []
    if missing:
        parts.append(f"{len(missing)} of the {len(expected)} events are missing")
    if extra:
        parts.append(f"{len(extra)} rows are not in the category {CATEGORY!r}")
    raise Wrong(f"Not quite: {' and '.join(parts)}. Filter on the `category` column.")


# --- ex1_2 ----------------------------------------------------------------------------------


@question(
    "ex1_2",
    "signing to entry into force",
    hints=[
        "Subtracting one date from another gives a time span; `.days` turns it into a number.",
        "The signing is the 'treaty' event of 17 January 2025; entry into force is the "
        "ratification event that says 'enters into force'.",
        "Later date minus earlier date: `(in_force - signed).days`.",
    ],
)
def ex1_2(answer: object) -> str:
    value = _need_days(answer, "the number of days from signing to entry into force")
    expected = days("signing", "in force")
    reject_known(
        value,
        [
            (
                -expected,
                "The dates are the wrong way round: subtract the signing from the later "
                "date, not the other way.",
            ),
            (
                expected + 1,
                "One day too many: the difference of two dates does not count the "
                "first day. Use the subtraction as it is; do not add 1.",
            ),
            (
                days("signing", "Jalali"),
                "That stops at 18 July 2025, when Ambassador Jalali "
                "said the treaty was in force. That was a political statement; the legal date is "
                "the foreign ministry's, 2 October 2025.",
            ),
            (
                days("signing", "Guardian Council"),
                "That stops at the Guardian Council's approval, "
                "Iran's last domestic step. Entry into force came later.",
            ),
            (
                days("signing", "Putin's law"),
                "That stops when Russia finished (Putin's law). "
                "Iran still had to finish, and then entry into force came later.",
            ),
        ],
        tol=0,
    )
    if value != expected:
        raise Wrong(
            f"Not quite: you gave {value}. Subtract the signing date from the date of entry "
            "into force and take `.days`."
        )
    return (
        f"{expected} days, about {expected / 30.44:.1f} months, between signing in Moscow and "
        "entry into force."
    )


# --- ex1_3 ----------------------------------------------------------------------------------


@question(
    "ex1_3",
    "finished text to signing",
    hints=[
        "Find the event whose text says the treaty text was finalised: "
        "`timeline[timeline['event'].str.contains('finalise')]`.",
        "Use the date in the `date` column (the day of the meeting), not the day it was "
        "announced, which is only mentioned in the text.",
    ],
)
def ex1_3(answer: object) -> str:
    value = _need_days(answer, "the number of days from the finished text to the signing")
    expected = days("finalised", "signing")
    reject_known(
        value,
        [
            (
                -expected,
                "The dates are the wrong way round: the signing came after the text was finished.",
            ),
            (
                expected + 1,
                "One day too many: the difference of two dates does not count the "
                "first day; do not add 1.",
            ),
            (
                days("announced", "signing"),
                "That counts from 23 July 2024, when Rudenko "
                "announced the text was ready. The experts finished it on 21 June, the date in "
                "the `date` column.",
            ),
            (
                days("first version", "signing"),
                "That counts from 21 July 2024, a date an early "
                "version of the timeline gave by mistake. The text was finalised on 21 June.",
            ),
            (
                days("Raisi", "signing"),
                "That counts from Raisi's death (19 May 2024); start at the finished text instead.",
            ),
            (
                days("approved", "signing"),
                "That counts from Putin's approval of the draft "
                "(18 September 2024); start at the finished text instead.",
            ),
        ],
        tol=0,
    )
    if value != expected:
        raise Wrong(
            f"Not quite: you gave {value}. Subtract the date the text was finalised from the "
            "signing date."
        )
    return (
        f"{expected} days: the finished text waited about {expected / 30.44:.0f} months. A new "
        "Iranian president, and Putin's approval of the draft, came in between."
    )


# --- ex1_4 ----------------------------------------------------------------------------------


def _counts(rows: pd.DataFrame) -> dict[str, int]:
    return {str(k): int(v) for k, v in rows["theme"].value_counts().items()}


@question(
    "ex1_4",
    "provisions per theme",
    hints=[
        "First keep the rows of the 2025 treaty: `provisions['treaty'] == '2025 Russia–Iran'`.",
        "Then count the rows per theme: `.value_counts()` on the `theme` column, or "
        "`.groupby('theme').size()`.",
    ],
)
def ex1_4(answer: object) -> str:
    table = provisions()
    if isinstance(answer, pd.DataFrame) and "theme" in answer.columns and answer.shape[1] == 2:
        answer = answer.set_index("theme").iloc[:, 0]
    series = need_series(answer, "the number of 2025-treaty provisions per theme")
    if series.index.has_duplicates:
        raise Wrong("Each theme should appear once in the index; group by `theme`.")
    if pd.api.types.is_float_dtype(series) and (series.fillna(0) <= 1).all():
        raise Wrong("Those look like shares, not counts. Count the rows (drop `normalize=True`).")
    try:
        given = {str(k): int(v) for k, v in series.items()}
    except (TypeError, ValueError):
        raise Wrong(f"Expected whole-number counts per theme; got {describe(series)}.") from None
    rows_2025 = table[table["treaty"] == TREATY_2025]
    expected = _counts(rows_2025)
    if given == expected:
        top = max(expected, key=expected.get)
        return (
            f"{len(rows_2025)} provisions in {len(expected)} themes; {top!r} has the most "
            f"({expected[top]}). These count rows in our table, not pages of the treaty."
        )
    if given == _counts(table):
        raise Wrong(
            "Those counts include the 2001 treaty and the Russia–DPRK treaty. Keep only the "
            f"rows whose `treaty` is {TREATY_2025!r}."
        )
    if given == _counts(rows_2025[rows_2025["article_status"] == "confirmed"]):
        raise Wrong(
            "You counted only the provisions whose place in the text is confirmed. Count every "
            "2025 provision, whatever its `article_status`."
        )
    if set(given) != set(expected):
        raise Wrong(
            f"The themes do not match: expected the {len(expected)} themes of the 2025 "
            "treaty's rows, as the index of the Series."
        )
    wrong = sorted(k for k in expected if given[k] != expected[k])
    raise Wrong(f"Not quite: the counts differ for {len(wrong)} themes (e.g. {wrong[0]!r}).")


# --- ex1_5 ----------------------------------------------------------------------------------


@question(
    "ex1_5",
    "confirmed article numbers",
    hints=[
        "Keep the 2025 treaty's rows, then look at the `article` column: it is empty (<NA>) "
        "where no source confirms the number.",
        "`.notna().sum()` counts the filled cells of a column.",
    ],
)
def ex1_5(answer: object) -> str:
    table = provisions()
    value = need_int(answer, "the number of 2025-treaty provisions with a confirmed article number")
    rows = table[table["treaty"] == TREATY_2025]
    expected = int(rows["article"].notna().sum())
    status_confirmed = int((rows["article_status"] == "confirmed").sum())
    articles = rows["article"].dropna().str.extract(r"^(\d+)")[0].nunique()
    reject_known(
        value,
        [
            (
                len(rows),
                f"That is every provision of the 2025 treaty ({len(rows)}), including "
                "those whose article number is not confirmed. Count only the filled `article` "
                "cells.",
            ),
            (
                status_confirmed,
                "That counts `article_status == 'confirmed'`, which includes the "
                "preamble: its place is confirmed but it has no article number. Count the filled "
                "`article` cells.",
            ),
            (
                int(table["article"].notna().sum()),
                "That counts the article numbers of all three "
                "treaties; keep only the 2025 treaty's rows.",
            ),
            (
                int((table["article_status"] == "confirmed").sum()),
                "That counts confirmed rows of "
                "all three treaties, preamble included; keep the 2025 treaty and count filled "
                "`article` cells.",
            ),
            (
                len(rows) - status_confirmed,
                "That is the number of provisions whose article number is NOT confirmed.",
            ),
            (
                articles,
                f"{articles} is the number of different articles (Article 3 has four "
                "confirmed clauses). The question asks for provisions, i.e. rows.",
            ),
        ],
        tol=0,
    )
    if value != expected:
        raise Wrong(f"Not quite: you gave {value}. Count the filled `article` cells of 2025 rows.")
    labels = ", ".join(rows["article"].dropna())
    return (
        f"{expected} of {len(rows)}: {labels}. Every other number you may read elsewhere "
        "is unconfirmed."
    )


# --- ex1_6 ----------------------------------------------------------------------------------


def _norm(text: str) -> str:
    text = re.sub(r"[‐-―−-]", "-", text.casefold())
    return re.sub(r"\s+", " ", text).strip()


@functools.cache
def assistance_treaty() -> str:
    """The treaty whose provision promises military assistance to the partner."""
    table = provisions()
    rows = table[table["provision"].str.contains("military assistance", case=False)]
    treaties = rows["treaty"].unique()
    if len(treaties) != 1:
        raise LookupError(f"expected one treaty with a military-assistance provision: {treaties}")
    return str(treaties[0])


@question(
    "ex1_6",
    "the mutual-assistance clause",
    hints=[
        "Look at the `security and defence` rows of `provisions`, all three treaties.",
        "Read the summaries: not helping an attacker is different from helping the partner.",
        "Store the value of the `treaty` column as text, e.g. `'2001 Russia–Iran'`.",
    ],
)
def ex1_6(answer: object) -> str:
    text = need_text(answer, "the name of a treaty, as in the `treaty` column")
    given = _norm(text)
    expected = assistance_treaty()
    art = provisions().set_index("treaty")["article"]
    if given == _norm(expected) or (
        ("dprk" in given or "north korea" in given) and "iran" not in given
    ):
        return (
            f"The {expected} treaty (Art. {art[expected]}): immediate military help if the "
            "partner is attacked. The 2025 Russia–Iran treaty only promises not to help an "
            "attacker (Art. 3(3))."
        )
    if "2025" in given or ("iran" in given and "2001" not in given):
        raise Wrong(
            "The 2025 treaty's Art. 3(3) only promises not to help an aggressor; it does not "
            "promise to defend the partner. Read the other treaties' security rows."
        )
    if "2001" in given:
        raise Wrong(
            "The 2001 treaty has the same non-assistance idea as 2025: no help to an attacker, "
            "no promise to defend. Look at the third treaty in the table."
        )
    if given in ("none", "no", "neither", "nobody", ""):
        raise Wrong("One of the three treaties in the table does promise military help.")
    raise Wrong(
        f"{text!r} is not one of the treaties in the `treaty` column; copy the name from there."
    )


# --- ex1_7 ----------------------------------------------------------------------------------


def _as_date(value: object) -> pd.Timestamp:
    if isinstance(value, pd.Series | pd.DataFrame):
        raise Wrong(
            f"Each item of the pair should be one date; got {describe(value)}. Take the "
            "smallest and largest value with `.min()` and `.max()`."
        )
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise Wrong(f"Expected a pair of dates; {describe(value)} is not a date.") from None
    if pd.isna(stamp):
        raise Wrong("Got a missing date (NaT): did the filter match no rows?")
    return stamp


@question(
    "ex1_7",
    "earliest and latest event",
    hints=[
        "Inside the function, keep the rows whose category is the function's argument: "
        "`timeline[timeline['category'] == category]`.",
        "Then take the smallest and largest value of the `date` column and "
        "`return earliest, latest`.",
    ],
)
def ex1_7(answer: object) -> str:
    func = need_callable(answer, "first_and_last(category) returning (earliest, latest)")
    table = timeline()
    categories = sorted(table["category"].unique())
    whole = (table["date"].min(), table["date"].max())
    results = {}
    for category in categories:
        result = call_safely(func, category)
        if result is None:
            raise Wrong(
                f"first_and_last({category!r}) returned None: end the function with "
                "`return earliest, latest`."
            )
        if not isinstance(result, tuple | list) or len(result) != 2:
            raise Wrong(
                f"first_and_last({category!r}) should return a pair (earliest, latest); "
                f"it returned {describe(result)}."
            )
        results[category] = (_as_date(result[0]), _as_date(result[1]))
    if all(pair == whole for pair in results.values()):
        raise Wrong(
            "Every category gives the same pair, the first and last dates of the whole "
            "timeline: filter the rows by the `category` argument first."
        )
    for category in categories:
        dates = table.loc[table["category"] == category, "date"]
        expected = (dates.min(), dates.max())
        got = results[category]
        if got == expected:
            continue
        if got == expected[::-1]:
            raise Wrong(
                f"For {category!r} the pair is the wrong way round: return the earliest "
                "date first, then the latest."
            )
        raise Wrong(
            f"For {category!r} expected ({expected[0]:%Y-%m-%d}, {expected[1]:%Y-%m-%d}); "
            f"got ({got[0]:%Y-%m-%d}, {got[1]:%Y-%m-%d})."
        )
    war = results.get("war")
    extra = f" War events run from {war[0]:%Y} to {war[1]:%Y}." if war else ""
    return f"Right for all {len(categories)} categories.{extra}"


# --- ex1_8 ----------------------------------------------------------------------------------


@question(
    "ex1_8",
    "the ratification table",
    hints=[
        "Start from the `ratification` rows and drop the one that is a statement rather than "
        "a legal step (read the `caveat` column).",
        "Sort by `date` first; then `table['date'].diff().dt.days` gives the days since the "
        "step before.",
        "Keep the columns `date`, `event` and `gap_days`; the first step has no gap (NaN).",
    ],
)
def ex1_8(answer: object) -> str:
    frame = need_frame(answer, ["date", "gap_days"], "the legal steps with their gaps in days")
    expected = legal_steps_with_gaps()
    dates = key_dates()
    try:
        given_dates = pd.to_datetime(frame["date"]).reset_index(drop=True)
    except (TypeError, ValueError):
        raise Wrong("The `date` column should hold dates, as in the timeline table.") from None
    if given_dates.isna().any():
        raise Wrong("Some rows have no date (NaT); keep the `date` column of the timeline rows.")
    given_set, expected_set = set(given_dates), set(expected["date"])
    if dates["Jalali"] in given_set:
        raise Wrong(
            "Your table includes 18 July 2025: Ambassador Jalali's remark that the treaty was "
            "already in force. It is a political statement, not a legal step; drop it."
        )
    if dates["signing"] in given_set:
        raise Wrong("The signing (17 January) is not a ratification step; start after it.")
    if given_set != expected_set:
        missing = sorted(expected_set - given_set)
        extra = sorted(given_set - expected_set)
        parts = []
        if missing:
            parts.append(f"{len(missing)} steps are missing (e.g. {missing[0]:%Y-%m-%d})")
        if extra:
            parts.append(f"{len(extra)} dates are not legal steps (e.g. {extra[0]:%Y-%m-%d})")
        raise Wrong(f"Not quite: {' and '.join(parts)}.")
    if len(given_dates) != len(expected):
        raise Wrong("Some steps appear more than once; keep each step once.")
    if not given_dates.is_monotonic_increasing:
        raise Wrong(
            "The rows are not in date order (oldest first). Sort by `date` before taking the "
            "gaps, or the gaps are between the wrong steps."
        )
    gaps = frame["gap_days"].reset_index(drop=True)
    if pd.api.types.is_timedelta64_dtype(gaps):
        raise Wrong("`gap_days` holds time spans; use `.dt.days` to turn them into days.")
    try:
        gaps = pd.to_numeric(gaps).astype("Float64")
    except (TypeError, ValueError):
        raise Wrong("`gap_days` should hold numbers of days.") from None
    want = expected["gap_days"].astype("Float64")
    since_first = (expected["date"] - expected["date"].iloc[0]).dt.days.astype("Float64")
    since_signing = (expected["date"] - dates["signing"]).dt.days.astype("Float64")

    def same(a: pd.Series, b: pd.Series) -> bool:
        return bool(a.iloc[1:].equals(b.iloc[1:]))

    if same(gaps, want + 1):
        raise Wrong("Every gap is one day too long: the difference of two dates needs no +1.")
    if same(gaps, since_first) or same(gaps, since_signing):
        raise Wrong(
            "Those are days since the start, not gaps: subtract each step's date from the "
            "step just before it (`.diff()`)."
        )
    if same(gaps, -want) or same(gaps.shift(1), -want):
        raise Wrong("The gaps are negative: use `.diff()` on dates sorted oldest first.")
    if not same(gaps, want):
        raise Wrong("The dates are right but some gaps are not; use `.diff().dt.days`.")
    if not pd.isna(gaps.iloc[0]):
        raise Wrong(
            "The first step has no step before it, so its gap should be empty (NaN), "
            f"not {gaps.iloc[0]:g}."
        )
    longest = expected.loc[expected["gap_days"].idxmax()]
    before = expected["date"].iloc[int(expected["gap_days"].idxmax()) - 1]
    return (
        f"{len(expected)} legal steps. The longest wait, {int(longest['gap_days'])} days, runs "
        f"from {before.day} {before:%B} to {longest['date'].day} {longest['date']:%B %Y}: the "
        "date the last notification "
        "was exchanged is not known."
    )
