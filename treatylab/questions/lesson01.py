"""Lesson 01 "The treaty in context": eight exercises on the timeline and the treaty provisions.

They go from selecting rows (the sanctions events) and subtracting two dates (signing to entry
into force) to reading the provisions table carefully (which article numbers are confirmed,
which treaty carries a mutual-assistance clause), writing a small function over the timeline,
and building the table of legal ratification steps with the days between them. Every expected
answer, every plausible wrong answer and every date a message names is computed here from
data/ (the timeline and treaty_provisions tables), so a corrected row corrects the feedback too.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from treatylab.data import load
from treatylab.questions.base import Mistake, NotApplicable, Wrong, as_float, describe, question
from treatylab.questions.kinds import (
    Counts,
    Function,
    Item,
    Keyed,
    Kind,
    Label,
    Number,
    Table,
    call,
)
from treatylab.questions.text import fold
from treatylab.ratification import is_political_statement, legal_steps

CATEGORY = "sanctions"  # Exercise 1.1
TREATY_2025 = "2025 Russia–Iran"
DAYS_PER_MONTH = 30.44  # an average month, for "about N months" in messages
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


# --- data helpers ----------------------------------------------------------------------------


@functools.cache
def _timeline() -> pd.DataFrame:
    return load("timeline")


@functools.cache
def _provisions() -> pd.DataFrame:
    return load("treaty_provisions")


def timeline() -> pd.DataFrame:
    """The timeline table (a copy: keys and tests never share the cached one)."""
    return _timeline().copy()


def _one(rows: pd.DataFrame, what: str) -> pd.Series:
    if len(rows) != 1:
        raise LookupError(f"expected one timeline row for {what}, found {len(rows)}")
    return rows.iloc[0]


def _event(pattern: str, category: str) -> pd.Series:
    table = _timeline()
    mask = table["event"].str.contains(pattern, regex=False) & (table["category"] == category)
    return _one(table[mask], pattern)


def _dates_in(text: object, year: int | None = None) -> list[pd.Timestamp]:
    """The 'D Month [YYYY]' dates written in a text, in order (``year`` where none is given)."""
    found = []
    for day, month, written in re.findall(rf"(\d{{1,2}}) ({MONTHS})(?: (\d{{4}}))?", str(text)):
        when = written or year
        if when:
            found.append(pd.Timestamp(f"{day} {month} {when}"))
    return found


def _date_after(pattern: str, text: object, year: int) -> pd.Timestamp:
    """The first date written after ``pattern`` in ``text``; NotApplicable when there is none
    (a mistake the loaded timeline cannot produce is no learner's mistake)."""
    match = re.search(pattern, str(text))
    if match is None:
        raise NotApplicable
    dates = _dates_in(str(text)[match.end() :], year)
    if not dates:
        raise NotApplicable
    return dates[0]


def statement_row() -> pd.Series:
    """Jalali's July 2025 claim: in the ratification category, but a statement, not a step."""
    table = _timeline()
    return _one(table[is_political_statement(table)], "the political statement")


@functools.cache
def key_dates() -> dict[str, pd.Timestamp]:
    """The dates the lesson's day counts and messages use, all read from the timeline table."""
    finalised = _event("finalise the treaty text", "treaty")
    dates = {
        "signing": _event("Comprehensive Strategic Partnership is signed", "treaty")["date"],
        "in force": _event("enters into force", "ratification")["date"],
        "finalised": finalised["date"],
        "approved": _event("signs off on the draft treaty", "treaty")["date"],
        "Raisi": _event("kills President Raisi", "domestic politics")["date"],
        "Putin's law": _event("signs the ratification law", "ratification")["date"],
        "Majlis": _event("Majlis", "ratification")["date"],
        "Guardian Council": _event("Guardian Council", "ratification")["date"],
        "Jalali": statement_row()["date"],
    }
    # Rudenko's announcement: the first full date written in the event text (23 July 2024)
    announced = [d for d in _dates_in(finalised["event"]) if d != finalised["date"]]
    if announced:
        dates["announced"] = announced[0]
    return dates


def key_date(name: str) -> pd.Timestamp:
    """One of ``key_dates``; NotApplicable when the loaded timeline does not give it."""
    dates = key_dates()
    if name not in dates:
        raise NotApplicable
    return dates[name]


def first_version() -> pd.Timestamp:
    """The wrong date an earlier version of the timeline gave (named in the row's caveat)."""
    row = _event("finalise the treaty text", "treaty")
    return _date_after(r"earlier version gave", row["caveat"], row["date"].year)


def lavrov_date() -> pd.Timestamp:
    """The day Lavrov called the text agreed, when the row's event text or caveat gives it."""
    row = _event("finalise the treaty text", "treaty")
    text = f"{row['event']} {row['caveat']}"
    return _date_after(r"Lavrov", text, row["date"].year)


def days(start: pd.Timestamp, end: pd.Timestamp) -> int:
    return int((end - start).days)


def day_month(when: pd.Timestamp) -> str:
    """A date as the course writes it in prose: 21 June 2024."""
    return f"{when.day} {when:%B %Y}"


def since(name: str, end: str = "signing") -> int:
    return days(key_date(name), key_date(end))


# --- Exercise 1.1 ----------------------------------------------------------------------------


def category_rows(category: str = CATEGORY) -> pd.DataFrame:
    table = _timeline()
    return table[table["category"] == category].copy()


class RowsTable(Table):
    """A table of timeline rows: any column the exercise asks for may also sit in the index
    (``set_index('date')`` keeps the rows and their dates)."""

    def _as_frame(self, answer: Any) -> pd.DataFrame:
        if isinstance(answer, pd.DataFrame):
            wanted = set(self.key + self.columns)
            names = [n for n in answer.index.names if n in wanted and n not in answer.columns]
            if names:
                answer = answer.reset_index(level=names)
        return super()._as_frame(answer)


def _ex1_1_success(given: object) -> str:
    rows = category_rows()
    latest = int(rows["date"].dt.year.max())
    in_latest = int((rows["date"].dt.year == latest).sum())
    return (
        f"{len(rows)} events, from {rows['date'].min():%Y} to {latest}; {in_latest} of them fall "
        f"in {latest}."
    )


question(
    "ex1_1",
    "events of one category",
    RowsTable(
        category_rows,
        f"the timeline rows of category {CATEGORY!r}",
        key=["event"],
        columns=["date"],
        row="event",
    ),
    mistakes=[
        Mistake.answer(
            timeline,
            lambda: (
                f"That is the whole timeline ({len(_timeline())} rows). Keep only the rows whose "
                f"`category` is {CATEGORY!r}."
            ),
        ),
        Mistake.answer(
            lambda: _timeline()[_timeline()["topic"].str.contains(CATEGORY, regex=False)],
            lambda: (
                f"That matches {CATEGORY!r} inside the `topic` column, which also tags rows of "
                "other categories. Filter on `category`."
            ),
        ),
        Mistake.answer(
            lambda: _timeline()[_timeline()["event"].str.contains("sanction", case=False)],
            "That searches the event text for 'sanction': some sanctions events do not use the "
            "word, and some other events do. Filter on `category`.",
        ),
        Mistake.answer(
            lambda: _timeline()[_timeline()["category"] != CATEGORY],
            f"That keeps every row *except* the {CATEGORY} events: use `==`, not `!=`.",
        ),
        Mistake.answer(
            lambda: category_rows().head(),
            "That is only the first five rows (`.head()` shows five): keep every row of the "
            "category.",
        ),
    ],
    hints=[
        f"`timeline['category'] == {CATEGORY!r}` gives True or False for every row.",
        "Put that condition inside the brackets: "
        f"`timeline[timeline['category'] == {CATEGORY!r}]`.",
        "Filter on the `category` column, not on `topic` or on words in the event text.",
    ],
    success=_ex1_1_success,
)


# --- Exercises 1.2 and 1.3: days between two dates --------------------------------------------


class Days(Number):
    """A number of days: whole, and also accepted as a Timedelta (``b - a`` without ``.days``)."""

    def __init__(self, expected: Callable[[], Any], what: str, *, advice: str = "") -> None:
        super().__init__(expected, what, integer=True, days=True, advice=advice)

    def normalise(self, answer: Any) -> float:
        if isinstance(answer, pd.Timestamp | dt.date | np.datetime64):
            raise Wrong(
                f"Expected a number of days ({self.what}); got a date. Subtract the earlier "
                "date from the later one: `(later - earlier).days`."
            )
        return super().normalise(answer)


def _weeks_or_months(expected: Callable[[], float]) -> Mistake:
    """A positive answer far too small to be the days: the span in weeks or months."""
    return Mistake.when(
        lambda given: 0 < given <= expected() / 7 + 1,
        "That is far too small for a number of days: it looks like weeks or months. Give "
        "the whole days, `(later - earlier).days`.",
        example=lambda: round(expected() / DAYS_PER_MONTH, 1),
    )


def _ex1_2_expected() -> int:
    return since("signing", "in force")


question(
    "ex1_2",
    "signing to entry into force",
    Days(
        _ex1_2_expected,
        "the number of days from signing to entry into force",
        advice="Subtract the signing date from the date of entry into force and take `.days`.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: -_ex1_2_expected(),
            "The dates are the wrong way round: subtract the signing from the later date, "
            "not the other way.",
        ),
        Mistake.answer(
            lambda: _ex1_2_expected() + 1,
            "One day too many: the difference of two dates does not count the first day. Use "
            "the subtraction as it is; do not add 1.",
        ),
        Mistake.answer(
            lambda: days(key_date("signing"), key_date("Jalali")),
            lambda: (
                f"That stops at {day_month(key_date('Jalali'))}, when Ambassador Jalali said the "
                "treaty was in force. That was a political statement; the legal date is the one "
                f"the foreign ministry announced, {day_month(key_date('in force'))}."
            ),
        ),
        Mistake.answer(
            lambda: days(key_date("signing"), key_date("Guardian Council")),
            "That stops at the Guardian Council's approval, Iran's last domestic step. Entry "
            "into force came later.",
        ),
        Mistake.answer(
            lambda: days(key_date("signing"), key_date("Majlis")),
            "That stops at the Majlis vote; the Guardian Council still had to approve, and entry "
            "into force came later.",
        ),
        Mistake.answer(
            lambda: days(key_date("signing"), key_date("Putin's law")),
            "That stops when Russia finished (Putin's law). Iran still had to finish, and entry "
            "into force came later.",
        ),
        _weeks_or_months(_ex1_2_expected),
    ],
    hints=[
        "Subtracting one date from another gives a time span; `.days` turns it into a number.",
        "The signing is the 'treaty' event whose text says 'Partnership is signed'; entry into "
        "force is the ratification event that says 'enters into force'.",
        "Later date minus earlier date: `(in_force - signed).days`.",
    ],
    success=lambda given: (
        f"{_ex1_2_expected()} days, about {_ex1_2_expected() / DAYS_PER_MONTH:.1f} months, "
        "between signing in Moscow and entry into force."
    ),
)


def _ex1_3_expected() -> int:
    return since("finalised")


question(
    "ex1_3",
    "finished text to signing",
    Days(
        _ex1_3_expected,
        "the number of days from the finished text to the signing",
        advice="Subtract the `date` of the row that says the text was finalised from the "
        "signing date.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: -_ex1_3_expected(),
            "The dates are the wrong way round: the signing came after the text was finished.",
        ),
        Mistake.answer(
            lambda: _ex1_3_expected() + 1,
            "One day too many: the difference of two dates does not count the first day; do not "
            "add 1.",
        ),
        Mistake.answer(
            lambda: since("announced"),
            lambda: (
                f"That counts from {day_month(key_date('announced'))}, when Rudenko announced "
                f"that the text was finished. Rudenko dates the finished text to "
                f"{day_month(key_date('finalised'))}, the date in the `date` column."
            ),
        ),
        Mistake.answer(
            lambda: days(first_version(), key_date("signing")),
            lambda: (
                f"That counts from {day_month(first_version())}, a date an early version of the "
                "timeline gave by mistake (see the row's caveat). Use the row's `date` column."
            ),
        ),
        Mistake.answer(
            lambda: days(lavrov_date(), key_date("signing")),
            lambda: (
                f"That counts from {day_month(lavrov_date())}, when Lavrov called the text "
                "agreed. Accounts differ on when the text was finished; this exercise uses the "
                "timeline's `date` for the row, Rudenko's date "
                f"({day_month(key_date('finalised'))})."
            ),
        ),
        Mistake.answer(
            lambda: since("Raisi"),
            lambda: (
                f"That counts from Raisi's death ({day_month(key_date('Raisi'))}); start at the "
                "finished text instead."
            ),
        ),
        Mistake.answer(
            lambda: since("approved"),
            lambda: (
                f"That counts from Putin's approval of the draft "
                f"({day_month(key_date('approved'))}); start at the finished text instead."
            ),
        ),
        _weeks_or_months(_ex1_3_expected),
    ],
    hints=[
        "Find the event whose text says the treaty text was finalised: "
        "`timeline[timeline['event'].str.contains('finalise')]`.",
        "Use the date in the `date` column (the day of the meeting), not a date that is only "
        "mentioned in the text.",
    ],
    success=lambda given: (
        f"{_ex1_3_expected()} days: by Rudenko's date the finished text waited about "
        f"{_ex1_3_expected() / DAYS_PER_MONTH:.0f} months. A new Iranian president, and Putin's "
        "approval of the draft, came in between."
    ),
)


# --- Exercise 1.4 ----------------------------------------------------------------------------


def rows_2025() -> pd.DataFrame:
    table = _provisions()
    return table[table["treaty"] == TREATY_2025]


class WholeCounts(Counts):
    """Counts of rows: whole numbers, compared exactly (3.4 is not a count of 3).

    Not ``Counts(integer=True)``: that refuses a fraction while reading the answer, before the
    known mistakes are tried, so shares (``normalize=True``) could not be named as shares. Here
    a fraction is compared like any answer and, if no mistake matches, named in the diagnosis.
    """

    def _equal(self, a: Any, b: Any) -> bool:
        return abs(a - b) <= 1e-9

    def diagnose(self, given: Keyed, expected: Keyed) -> str:
        fractional = [k for k in given.order if given.values[k] != int(given.values[k])]
        if fractional:
            label = given.shown[fractional[0]]
            return (
                f"The value for {label!r} is {given.values[fractional[0]]:g}: a count of rows is "
                "a whole number."
            )
        return super().diagnose(given, expected)


def _ex1_4_success(given: object) -> str:
    counts = rows_2025()["theme"].value_counts()
    most = counts[counts == counts.max()].index
    names = " and ".join(repr(str(t)) for t in most)
    return (
        f"{len(rows_2025())} provisions in {len(counts)} themes; {names} "
        f"{'has' if len(most) == 1 else 'have'} the most ({counts.max()}). These count rows in "
        "our table, not pages of the treaty."
    )


question(
    "ex1_4",
    "provisions per theme",
    WholeCounts(
        lambda: rows_2025()["theme"].value_counts(),
        "the number of 2025-treaty provisions per theme",
        zero_means_absent=True,
        known=lambda: _provisions()["theme"],
        noun="theme",
    ),
    mistakes=[
        Mistake.answer(
            lambda: _provisions()["theme"].value_counts(),
            f"Those counts include the 2001 treaty and the Russia–DPRK treaty. Keep only the "
            f"rows whose `treaty` is {TREATY_2025!r}.",
        ),
        Mistake.answer(
            lambda: (
                rows_2025()
                .loc[rows_2025()["article_status"] == "confirmed", "theme"]
                .value_counts()
            ),
            "You counted only the provisions whose place in the text is confirmed. Count every "
            "2025 provision, whatever its `article_status`.",
        ),
        Mistake.answer(
            lambda: rows_2025()["theme"].value_counts(normalize=True),
            "Those are shares (they add up to 1), not counts: drop `normalize=True`.",
        ),
        Mistake.answer(
            lambda: 100 * rows_2025()["theme"].value_counts(normalize=True),
            "Those are percentages, not counts: count the rows of each theme.",
        ),
        Mistake.answer(
            lambda: rows_2025()["article_status"].value_counts(),
            "Those are counts by `article_status`; count by `theme`.",
        ),
    ],
    hints=[
        f"First keep the rows of the 2025 treaty: `provisions['treaty'] == {TREATY_2025!r}`.",
        "Then count the rows per theme: `.value_counts()` on the `theme` column, or "
        "`.groupby('theme').size()`.",
    ],
    success=_ex1_4_success,
)


# --- Exercise 1.5 ----------------------------------------------------------------------------


def _numbered() -> pd.Series:
    return rows_2025()["article"].dropna()


def _articles() -> pd.Series:
    """The article each numbered provision is in: '3(4)' -> '3'."""
    return _numbered().str.extract(r"^(\d+)")[0]


def _clauses_of_one_article() -> str:
    counts = _articles().value_counts()
    article = counts.index[0]
    return f"Article {article} has {counts.iloc[0]} confirmed clauses"


question(
    "ex1_5",
    "confirmed article numbers",
    Number(
        lambda: len(_numbered()),
        "the number of 2025-treaty provisions with a confirmed article number",
        integer=True,
        minimum=0,
        maximum=lambda: len(rows_2025()),
        advice="Count the filled `article` cells of the 2025 treaty's rows.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: len(rows_2025()),
            lambda: (
                f"That is every provision of the 2025 treaty ({len(rows_2025())}), including "
                "those whose article number is not confirmed. Count only the filled `article` "
                "cells."
            ),
        ),
        Mistake.answer(
            lambda: int((rows_2025()["article_status"] == "confirmed").sum()),
            "That counts `article_status == 'confirmed'`, which includes the preamble: its place "
            "is confirmed but it has no article number. Count the filled `article` cells.",
        ),
        Mistake.answer(
            lambda: int(_provisions()["article"].notna().sum()),
            "That counts the article numbers of all three treaties; keep only the 2025 treaty's "
            "rows.",
        ),
        Mistake.answer(
            lambda: int((_provisions()["article_status"] == "confirmed").sum()),
            "That counts confirmed rows of all three treaties, preamble included; keep the 2025 "
            "treaty and count filled `article` cells.",
        ),
        Mistake.answer(
            lambda: int(rows_2025()["article"].isna().sum()),
            "That is the number of provisions whose article number is NOT confirmed (the empty "
            "cells); count the filled ones.",
        ),
        Mistake.answer(
            lambda: int(_articles().nunique()),
            lambda: (
                f"That is the number of different articles ({_clauses_of_one_article()}). The "
                "question asks for provisions, i.e. rows."
            ),
        ),
    ],
    hints=[
        "Keep the 2025 treaty's rows, then look at the `article` column: it is empty (<NA>) "
        "where no source confirms the number.",
        "`.notna().sum()` counts the filled cells of a column.",
    ],
    success=lambda given: (
        f"{len(_numbered())} of {len(rows_2025())}: {', '.join(_numbered())}. Any other article "
        "number you may read elsewhere is unconfirmed."
    ),
)


# --- Exercise 1.6 ----------------------------------------------------------------------------


@functools.cache
def assistance_treaty() -> str:
    """The treaty whose provision promises military assistance to the partner."""
    table = _provisions()
    rows = table[table["provision"].str.contains("military assistance", case=False)]
    treaties = rows["treaty"].unique()
    if len(treaties) != 1:
        raise LookupError(f"expected one treaty with a military-assistance provision: {treaties}")
    return str(treaties[0])


def aggressor_article() -> str:
    """Where the 2025 treaty's no-help-to-an-aggressor clause sits, e.g. '3(3)'."""
    rows = rows_2025()[rows_2025()["provision"].str.contains("aggressor", case=False)]
    return str(_one(rows, "the 2025 aggressor clause")["article"])


def treaty_names() -> list[str]:
    return [str(t) for t in _provisions()["treaty"].unique()]


def _other_russia_iran(year: str) -> str:
    names = [t for t in treaty_names() if t.startswith(year) and "Iran" in t]
    if len(names) != 1:
        raise LookupError(f"expected one {year} Russia–Iran treaty, found {names}")
    return names[0]


NONE_WORDS = {"none", "no", "neither", "nobody", "no treaty", "none of them", "nothing"}


class TreatyName(Label):
    """A treaty's name. Everyday names of the DPRK treaty ('Russia–North Korea') mean the same
    treaty as the table's name, so they are read as it; everything else compares as written."""

    def normalise(self, answer: Any) -> Item:
        item = super().normalise(answer)
        words = item.key
        korea = "dprk" in words or "korea" in words
        if korea and "iran" not in words:
            return Item(item.shown, fold(assistance_treaty()))
        return item


question(
    "ex1_6",
    "the mutual-assistance clause",
    TreatyName(
        assistance_treaty,
        "the name of a treaty, as in the `treaty` column",
        choices=treaty_names,
        noun="treaty name",
        advice="Read the `summary` of each security row: which one promises help to the partner?",
    ),
    mistakes=[
        Mistake.answer(
            lambda: TREATY_2025,
            lambda: (
                f"The 2025 treaty's Art. {aggressor_article()} only promises not to help an "
                "aggressor; it does not promise to defend the partner. Read the other treaties' "
                "security rows."
            ),
        ),
        Mistake.answer(
            lambda: _other_russia_iran("2001"),
            "The 2001 treaty has the same non-assistance idea as 2025: no help to an attacker, "
            "no promise to defend. Look at the third treaty in the table.",
        ),
        Mistake.when(
            lambda given: given.key in NONE_WORDS,
            "One of the three treaties in the table does promise military help: read the "
            "`summary` column of the security rows.",
            example=lambda: "none",
        ),
        Mistake.when(
            lambda given: "iran" in given.key and not re.search(r"\d{4}", given.key),
            "There are two Russia–Iran treaties in the table (2001 and 2025), and neither "
            "promises to defend the partner. Give the full name from the `treaty` column.",
            example=lambda: "Russia–Iran",
        ),
    ],
    hints=[
        "Look at the `security and defence` rows of `provisions`, all three treaties.",
        "Read the summaries: not helping an attacker is different from helping the partner.",
        "Store the value of the `treaty` column as text, e.g. `'2001 Russia–Iran'`.",
    ],
    success=lambda given: (
        f"The {assistance_treaty()} treaty (Art. "
        f"{_provisions().set_index('treaty')['article'][assistance_treaty()]}): immediate military "
        "help if the partner is attacked. The 2025 Russia–Iran treaty only promises not to help an "
        f"attacker (Art. {aggressor_article()})."
    ),
    examples=[lambda: "Russia–North Korea", lambda: "2024 russia-dprk"],
)


# --- Exercise 1.7 ----------------------------------------------------------------------------


@functools.cache
def _categories() -> tuple[str, ...]:
    return tuple(sorted(str(c) for c in _timeline()["category"].unique()))


def _year_like(value: Any) -> bool:
    if isinstance(value, str):
        return bool(re.fullmatch(r"\s*\d{4}\s*", value))
    number = as_float(value)
    return number is not None and number == int(number) and 1000 <= number <= 2999


class DatePair(Kind):
    """A pair of dates, (earliest, latest): a tuple, list, Series, array or Index of two, each a
    Timestamp, a datetime, a numpy datetime64 or a date written as text.

    A year (2015, '2015') is refused and named as a year: taken as a date it would become a
    day in 1970 (a number is read as nanoseconds) or 1 January, and the learner would be shown
    a date they never wrote.
    """

    def normalise(self, answer: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
        if isinstance(answer, pd.DataFrame | dict):
            raise Wrong(f"Expected a pair (earliest, latest); got {describe(answer)}.")
        if isinstance(answer, pd.Series | pd.Index | np.ndarray | list | tuple):
            values = list(answer)
            if len(values) != 2:
                what = "Series" if isinstance(answer, pd.Series) else "result"
                raise Wrong(
                    f"Expected a pair (earliest, latest); got {describe(answer)}. If that is "
                    f"every date of the category, take `.min()` and `.max()` of the {what}."
                )
            return self._date(values[0], "earliest"), self._date(values[1], "latest")
        raise Wrong(
            f"Expected a pair (earliest, latest), e.g. `return earliest, latest`; got "
            f"{describe(answer)}."
        )

    @staticmethod
    def _date(value: Any, which: str) -> pd.Timestamp:
        if _year_like(value):
            raise Wrong(
                f"the {which} value is the year {int(float(value))}, not a date: return the date "
                "itself (the `date` column's `.min()` or `.max()`), not `.dt.year`."
            )
        if isinstance(value, pd.Series | pd.DataFrame | list | tuple | np.ndarray):
            raise Wrong(
                f"the {which} value should be one date; got {describe(value)}. Take the "
                "smallest and largest value with `.min()` and `.max()`."
            )
        if isinstance(value, bool | np.bool_) or as_float(value) is not None:
            raise Wrong(f"the {which} value should be a date; got {describe(value)}.")
        try:
            stamp = pd.Timestamp(value)
        except (TypeError, ValueError, OverflowError):
            raise Wrong(f"the {which} value should be a date; {describe(value)} is not.") from None
        if pd.isna(stamp):
            raise Wrong(f"the {which} date is missing (NaT): did the filter match no rows?")
        return stamp.tz_localize(None).normalize() if stamp.tzinfo else stamp.normalize()

    def same(self, given: tuple, expected: tuple) -> bool:
        return tuple(given) == tuple(expected)

    def diagnose(self, given: tuple, expected: tuple) -> str:
        if tuple(given) == tuple(expected)[::-1]:
            return "the pair is the wrong way round: return the earliest date first, then the last."
        which = "earliest" if given[0] != expected[0] else "latest"
        shown = given[0] if which == "earliest" else given[1]
        return f"the {which} date, {shown:%Y-%m-%d}, is not the {which} event of that category."


def first_and_last(category: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The worked answer: the dates of the earliest and latest events in one category."""
    dates = _timeline().loc[_timeline()["category"] == category, "date"]
    return dates.min(), dates.max()


def _with_sort(category: str) -> list[str]:
    """Another right answer: sort the rows, take the first and last, return ISO texts."""
    rows = _timeline()[_timeline()["category"] == category].sort_values("date")
    return [rows["date"].iloc[0].strftime("%Y-%m-%d"), rows["date"].iloc[-1].strftime("%Y-%m-%d")]


def _with_groupby(category: str) -> pd.Series:
    """Another right answer: groupby + agg, one row read out as a Series of two dates."""
    return _timeline().groupby("category")["date"].agg(["min", "max"]).loc[category]


def _with_a_loop(category: str) -> tuple[dt.date, dt.date]:
    """Another right answer, row by row, returning datetime.date objects."""
    found = [row.date.date() for row in _timeline().itertuples() if row.category == category]
    return min(found), max(found)


def _whole_timeline(category: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    return _timeline()["date"].min(), _timeline()["date"].max()


def _always_war(category: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    return first_and_last("war")


def _reversed(category: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    earliest, latest = first_and_last(category)
    return latest, earliest


def _ex1_7_success(given: object) -> str:
    earliest, latest = first_and_last("war")
    return (
        f"Right for all {len(_categories())} categories. War events run from {earliest:%Y} to "
        f"{latest:%Y}."
    )


question(
    "ex1_7",
    "earliest and latest event",
    Function(
        first_and_last,
        "first_and_last itself, without brackets",
        name="first_and_last",
        params=["category"],
        cases=lambda: [call(category) for category in _categories()],
        result=DatePair(lambda: first_and_last("war"), "a pair of dates"),
    ),
    mistakes=[
        Mistake.answer(
            lambda: _whole_timeline,
            "Every category gives the same pair, the first and last dates of the whole "
            "timeline: filter the rows by the `category` argument first.",
        ),
        Mistake.answer(
            lambda: _always_war,
            "Your function gives the war dates whatever category it is given: use the argument "
            "`category` in the filter, not the fixed text 'war'.",
        ),
        Mistake.answer(
            lambda: _reversed,
            "The pair is the wrong way round: return the earliest date first, then the latest.",
        ),
    ],
    hints=[
        "Inside the function, keep the rows whose category is the function's argument: "
        "`timeline[timeline['category'] == category]`.",
        "Then take the smallest and largest value of the `date` column and "
        "`return earliest, latest`.",
    ],
    success=_ex1_7_success,
    examples=[lambda: _with_sort, lambda: _with_groupby, lambda: _with_a_loop],
)


# --- Exercise 1.8 ----------------------------------------------------------------------------


def _with_gaps(rows: pd.DataFrame) -> pd.DataFrame:
    table = rows[["date", "event"]].reset_index(drop=True)
    return table.assign(gap_days=table["date"].diff().dt.days)


def legal_steps_with_gaps() -> pd.DataFrame:
    """The worked answer: the legal steps (ratification.py's rule), oldest first, with gaps."""
    return _with_gaps(legal_steps(_timeline()))


def _ratification_rows() -> pd.DataFrame:
    table = _timeline()
    return table[table["category"] == "ratification"].sort_values("date", kind="stable")


class StepTable(RowsTable):
    """The steps table; ``gap_days`` may hold numbers of days or Timedeltas (``.diff()`` without
    ``.dt.days``), and compares exactly: a gap is a whole number of days."""

    def normalise(self, answer: Any) -> Any:
        if isinstance(answer, pd.DataFrame) and "gap_days" in answer.columns:
            gaps = answer["gap_days"]
            if isinstance(gaps, pd.Series) and pd.api.types.is_timedelta64_dtype(gaps):
                answer = answer.assign(gap_days=gaps.dt.total_seconds() / 86400)
        return super().normalise(answer)

    def _column_equal(self, a: pd.Series, b: pd.Series, name: str) -> pd.Series:
        if name == "gap_days":
            return super()._column_equal(a, b, name) & (
                a.reset_index(drop=True).isna() | (a.reset_index(drop=True) % 1 == 0)
            )
        return super()._column_equal(a, b, name)


def _ex1_8_success(given: object) -> str:
    expected = legal_steps_with_gaps()
    position = int(expected["gap_days"].idxmax())
    longest = expected.loc[position]
    before = expected["date"].iloc[position - 1]
    return (
        f"{len(expected)} legal steps. The longest wait, {int(longest['gap_days'])} days, runs "
        f"from {before.day} {before:%B} to {day_month(longest['date'])}."
    )


def _signing_first() -> pd.DataFrame:
    signing = _event("Comprehensive Strategic Partnership is signed", "treaty")
    rows = pd.concat([signing.to_frame().T, legal_steps(_timeline())], ignore_index=True)
    return _with_gaps(rows.astype({"date": "datetime64[us]"}))


question(
    "ex1_8",
    "the ratification table",
    StepTable(
        legal_steps_with_gaps,
        "the legal steps with their gaps in days",
        key=["date"],
        columns=["event", "gap_days"],
        decimals={"gap_days": 0},
        ordered=True,
        row="step",
        order_advice="Sort by `date`, oldest first, before taking the gaps.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: _with_gaps(_ratification_rows()),
            lambda: (
                f"Your table includes {day_month(key_date('Jalali'))}: Ambassador Jalali's remark "
                "that the treaty was already in force. It is a political statement, not a legal "
                "step (read its caveat); drop it."
            ),
        ),
        Mistake.answer(
            _signing_first,
            "The signing is not a ratification step; start with the first ratification row.",
        ),
        Mistake.answer(
            lambda: legal_steps_with_gaps().assign(
                gap_days=lambda t: t["gap_days"] + 1,
            ),
            "Every gap is one day too long: the difference of two dates needs no +1.",
        ),
        Mistake.answer(
            lambda: legal_steps_with_gaps().assign(
                gap_days=lambda t: (t["date"] - t["date"].iloc[0]).dt.days
            ),
            "Those are days since the first step, not gaps: subtract each step's date from the "
            "step just before it (`.diff()`).",
        ),
        Mistake.answer(
            lambda: legal_steps_with_gaps().assign(
                gap_days=lambda t: (t["date"] - key_date("signing")).dt.days
            ),
            "Those are days since the signing, not gaps: subtract each step's date from the "
            "step just before it (`.diff()`).",
        ),
        Mistake.answer(
            lambda: legal_steps_with_gaps().assign(gap_days=lambda t: t["date"].diff(-1).dt.days),
            "The gaps are negative and one row off: `.diff(-1)` subtracts the next step. Use "
            "`.diff()` on dates sorted oldest first.",
        ),
        Mistake.answer(
            lambda: legal_steps_with_gaps().assign(gap_days=lambda t: t["gap_days"].fillna(0)),
            "The first step has no step before it, so its gap should stay empty (NaN), not 0.",
        ),
        Mistake.answer(
            lambda: _with_gaps(legal_steps(_timeline()).iloc[::-1]),
            "The rows are newest first, so every gap is negative: sort by `date` oldest first, "
            "then take `.diff()`.",
        ),
    ],
    hints=[
        "Start from the `ratification` rows and drop the one that is a statement rather than "
        "a legal step (read the `caveat` column).",
        "Sort by `date` first; then `table['date'].diff().dt.days` gives the days since the "
        "step before.",
        "Keep the columns `date`, `event` and `gap_days`; the first step has no gap (NaN).",
    ],
    success=_ex1_8_success,
)
