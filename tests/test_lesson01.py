"""Lesson 01 questions, with the answers a learner would really type.

Per question: the worked answer and other legitimate forms pass and are left unchanged; plausible
wrong answers, typed as a learner would type them, fail with the message that names their
mistake; bad input gets a clear message. (tests/test_questions.py adds the generic properties.)
Dates are read from the tables here as in the notebook, never typed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from checking import fails, passes_unchanged

from treatylab.check import UNANSWERED, check
from treatylab.data import load
from treatylab.questions.base import NotApplicable
from treatylab.questions.lesson01 import first_version, key_dates, lavrov_date

TREATY_2025 = "2025 Russia–Iran"


@pytest.fixture(scope="module")
def tl():
    return load("timeline")


@pytest.fixture(scope="module")
def prov():
    return load("treaty_provisions")


@pytest.fixture(scope="module")
def dates():
    return key_dates()


def date_of(tl, text):
    return tl.loc[tl["event"].str.contains(text, regex=False), "date"].item()


# --- 1.1 ---------------------------------------------------------------------------------------


def test_ex1_1(tl):
    answer = tl[tl["category"] == "sanctions"]
    # right: 5 forms
    passes_unchanged("ex1_1", answer)
    passes_unchanged("ex1_1", answer[["date", "event"]])
    passes_unchanged("ex1_1", tl.query("category == 'sanctions'"))
    passes_unchanged("ex1_1", answer.sort_values("date", ascending=False))
    passes_unchanged("ex1_1", answer.set_index("date"))
    # wrong: 6
    fails("ex1_1", tl[tl["topic"].str.contains("sanctions")], "topic")
    fails("ex1_1", tl[tl["event"].str.contains("sanction", case=False)], "event text")
    fails("ex1_1", tl, "whole timeline")
    fails("ex1_1", tl[tl["category"] != "sanctions"], "`!=`")
    fails("ex1_1", answer.head(), "first five rows")
    fails("ex1_1", tl[tl["category"] == "nuclear"], "should not be there", "filter")
    # bad input: 4
    fails("ex1_1", pd.concat([answer, answer]), "more than one row")
    fails("ex1_1", answer["event"], "expected a dataframe", "got a series")
    fails("ex1_1", answer[["event"]], "`date` is missing")
    fails("ex1_1", None, "expected a dataframe")


# --- 1.2 ---------------------------------------------------------------------------------------


def test_ex1_2(tl, dates):
    signed = date_of(tl, "Partnership is signed")
    in_force = date_of(tl, "enters into force")
    # right: 4 forms (a Timedelta is a number of days too)
    passes_unchanged("ex1_2", (in_force - signed).days)
    passes_unchanged("ex1_2", in_force - signed)
    passes_unchanged("ex1_2", float((in_force - signed).days))
    passes_unchanged("ex1_2", np.int64((in_force - signed) / pd.Timedelta(days=1)))
    # wrong: 7
    fails("ex1_2", (in_force - signed).days + 1, "one day too many")
    fails("ex1_2", (dates["Jalali"] - signed).days, "political statement", "18 July 2025")
    fails("ex1_2", (dates["Guardian Council"] - signed).days, "Guardian Council")
    fails("ex1_2", (dates["Majlis"] - signed).days, "Majlis")
    fails("ex1_2", (dates["Putin's law"] - signed).days, "Putin's law")
    fails("ex1_2", (signed - in_force).days, "wrong way round")
    fails("ex1_2", round((in_force - signed).days / 30.44, 1), "weeks or months")
    # bad input: 4
    fails("ex1_2", in_force, "got a date", "subtract")
    fails("ex1_2", float("nan"), "expected a number")
    fails("ex1_2", "258", "remove the quotes")
    fails("ex1_2", 258.5, "whole number")


# --- 1.3 ---------------------------------------------------------------------------------------


def test_ex1_3(tl, dates):
    signing = date_of(tl, "Partnership is signed")
    finalised = date_of(tl, "finalise the treaty text")
    # right: 3 forms
    passes_unchanged("ex1_3", (signing - finalised).days)
    passes_unchanged("ex1_3", signing - finalised)
    passes_unchanged("ex1_3", int((signing - finalised) / np.timedelta64(1, "D")))
    # wrong: 6 (a seventh, Lavrov's date, once the timeline gives it)
    fails("ex1_3", (signing - dates["announced"]).days, "23 July 2024", "21 June 2024")
    fails("ex1_3", (signing - first_version()).days, "21 July", "caveat")
    fails("ex1_3", (signing - finalised).days + 1, "one day too many")
    fails("ex1_3", (signing - dates["Raisi"]).days, "Raisi")
    fails("ex1_3", (signing - dates["approved"]).days, "approval")
    fails("ex1_3", (finalised - signing).days, "wrong way round")
    try:
        lavrov = lavrov_date()
    except NotApplicable:
        pass
    else:
        fails("ex1_3", (signing - lavrov).days, "Lavrov", "accounts differ")
    # bad input: 3
    fails("ex1_3", [(signing - finalised).days], "single value", "[0]")
    fails("ex1_3", finalised, "got a date")
    fails("ex1_3", "seven months", "expected a number")


# --- 1.4 ---------------------------------------------------------------------------------------


def test_ex1_4(prov):
    rows = prov[prov["treaty"] == TREATY_2025]
    counts = rows["theme"].value_counts()
    # right: 6 forms
    passes_unchanged("ex1_4", counts)
    passes_unchanged("ex1_4", rows.groupby("theme").size())
    passes_unchanged("ex1_4", counts.reset_index())
    passes_unchanged("ex1_4", counts.to_dict())
    passes_unchanged("ex1_4", rows.groupby("theme")["provision_id"].count().astype(float))
    passes_unchanged("ex1_4", pd.crosstab(rows["theme"], "count"))
    # wrong: 8
    fails("ex1_4", prov["theme"].value_counts(), "2001 treaty", "DPRK")
    confirmed = rows[rows["article_status"] == "confirmed"]
    fails("ex1_4", confirmed["theme"].value_counts(), "only the provisions")
    fails("ex1_4", rows["theme"].value_counts(normalize=True), "shares")
    fails("ex1_4", rows["theme"].value_counts(normalize=True) * 100, "percentages")
    fails("ex1_4", rows["article_status"].value_counts(), "article_status")
    fails("ex1_4", counts.head(3), "missing")
    extra = pd.concat([counts, pd.Series({"defence pact": 1})])
    fails("ex1_4", extra, "'defence pact' is not a theme that exists")
    fractional = counts.astype(float)
    fractional.iloc[0] += 0.4  # a fractional count is not rounded away (issue 12)
    fails("ex1_4", fractional, "whole number")
    # bad input: 3
    fails("ex1_4", 26, "expected values by theme")
    fails("ex1_4", list(counts), "expected values by theme")
    fails("ex1_4", pd.concat([counts, counts]), "more than once")


# --- 1.5 ---------------------------------------------------------------------------------------


def test_ex1_5(prov):
    rows = prov[prov["treaty"] == TREATY_2025]
    # right: 3 forms
    passes_unchanged("ex1_5", rows["article"].notna().sum())
    passes_unchanged("ex1_5", len(rows.dropna(subset=["article"])))
    passes_unchanged("ex1_5", rows["article"].count())
    # wrong: 6
    fails("ex1_5", len(rows), "not confirmed")
    fails("ex1_5", (rows["article_status"] == "confirmed").sum(), "preamble")
    fails("ex1_5", prov["article"].notna().sum(), "all three treaties")
    fails("ex1_5", (prov["article_status"] == "confirmed").sum(), "all three treaties")
    fails("ex1_5", rows["article"].isna().sum(), "NOT confirmed")
    distinct = rows["article"].dropna().str.extract(r"^(\d+)")[0].nunique()
    fails("ex1_5", distinct, "different articles", "Article 3")
    # bad input: 3
    fails("ex1_5", rows["article"].dropna(), "single value")
    fails("ex1_5", 9.5, "whole number")
    fails("ex1_5", 100, "between 0 and")


# --- 1.6 ---------------------------------------------------------------------------------------


def test_ex1_6(prov):
    security = prov[prov["theme"] == "security and defence"]
    promise = security["provision"].str.contains("military assistance")
    # right: 5 forms
    passes_unchanged("ex1_6", security.loc[promise, "treaty"].item())
    passes_unchanged("ex1_6", security.loc[promise, "treaty"])
    passes_unchanged("ex1_6", "2024 russia-dprk")
    passes_unchanged("ex1_6", "Russia–North Korea")
    passes_unchanged("ex1_6", "2024 Russia-DPRK ")
    # wrong: 5
    fails("ex1_6", "2025 Russia–Iran", "Art. 3(3)", "aggressor")
    fails("ex1_6", "2025 Russia-Iran", "Art. 3(3)")
    fails("ex1_6", "2001 Russia–Iran", "third treaty")
    fails("ex1_6", "none", "does promise")
    fails("ex1_6", "Russia-Iran", "two russia–iran treaties")
    # bad input: 3
    fails("ex1_6", "NATO", "not one of the treaty names")
    fails("ex1_6", security["treaty"], "expected one treaty name")
    fails("ex1_6", 2024, "as text")


# --- 1.7 ---------------------------------------------------------------------------------------


def test_ex1_7(tl):
    def first_and_last(category):
        dates = tl.loc[tl["category"] == category, "date"]
        return dates.min(), dates.max()

    def with_sort(category):
        rows = tl[tl["category"] == category].sort_values("date")
        return rows["date"].iloc[0], rows["date"].iloc[-1]

    def as_text(category):
        return [str(d.date()) for d in first_and_last(category)]

    def as_array(category):
        return tl.loc[tl["category"] == category, "date"].agg(["min", "max"]).to_numpy()

    # right: 4 implementations
    for right in (first_and_last, with_sort, as_text, as_array):
        passes_unchanged("ex1_7", right)

    # wrong: 5
    def whole(category):
        return tl["date"].min(), tl["date"].max()

    def always_war(category):
        return first_and_last("war")

    def years(category):  # issue 12: years must be named as years, not shown as 1970 dates
        dates = tl.loc[tl["category"] == category, "date"]
        return dates.dt.year.min(), dates.dt.year.max()

    def events(category):
        rows = tl[tl["category"] == category]
        return rows["event"].iloc[0], rows["event"].iloc[-1]

    fails("ex1_7", whole, "same pair", "category")
    fails("ex1_7", always_war, "fixed text 'war'")
    fails("ex1_7", lambda c: first_and_last(c)[::-1], "wrong way round")
    feedback = fails("ex1_7", years, "the year", "not a date")
    assert "1970" not in feedback.message
    fails("ex1_7", events, "should be a date")
    # bad input: 5
    fails("ex1_7", lambda c: None, "returned None")
    fails("ex1_7", lambda c: tl.loc[tl["category"] == c, "date"], "a pair", ".min()")
    fails("ex1_7", lambda c: 1 / 0, "ZeroDivisionError")
    fails("ex1_7", lambda a, b: (a, b), "should take the arguments (category)")
    fails("ex1_7", "first_and_last", "expected a function")


# --- 1.8 ---------------------------------------------------------------------------------------


def ratification_rows(tl, keep_statement=False):
    rows = tl[tl["category"] == "ratification"]
    if not keep_statement:
        statement = rows["caveat"].fillna("").str.startswith("A political statement")
        rows = rows[~statement]
    return rows.sort_values("date")[["date", "event"]]


def test_ex1_8(tl, dates):
    steps = ratification_rows(tl)
    good = steps.assign(gap_days=steps["date"].diff().dt.days)
    # right: 4 forms
    passes_unchanged("ex1_8", good)
    passes_unchanged("ex1_8", good.reset_index(drop=True))
    passes_unchanged("ex1_8", steps.assign(gap_days=steps["date"].diff()))  # Timedelta gaps
    passes_unchanged("ex1_8", good[["gap_days", "event", "date"]].set_index("date"))

    # wrong: 9
    with_statement = ratification_rows(tl, keep_statement=True)
    with_statement = with_statement.assign(gap_days=with_statement["date"].diff().dt.days)
    fails("ex1_8", with_statement, "18 July 2025", "political statement")
    fails("ex1_8", good.assign(gap_days=good["gap_days"] + 1), "one day too long")
    fails("ex1_8", good.iloc[::-1], "not in the right order", "oldest first")
    fails("ex1_8", good.assign(gap_days=steps["date"].diff(-1).dt.days), "negative")
    since_signing = (steps["date"] - dates["signing"]).dt.days
    fails("ex1_8", good.assign(gap_days=since_signing), "days since the signing")
    since_first = (steps["date"] - steps["date"].iloc[0]).dt.days
    fails("ex1_8", good.assign(gap_days=since_first), "days since the first step")
    fails("ex1_8", good.assign(gap_days=good["gap_days"].fillna(0)), "first step", "NaN")
    fails("ex1_8", good.iloc[1:], "missing")
    newest_first = steps.sort_values("date", ascending=False)
    newest_first = newest_first.assign(gap_days=newest_first["date"].diff().dt.days)
    fails("ex1_8", newest_first, "newest first")
    signing = tl[tl["event"].str.contains("Partnership is signed")][["date", "event"]]
    with_signing = pd.concat([signing, steps])
    with_signing["gap_days"] = with_signing["date"].diff().dt.days
    fails("ex1_8", with_signing, "signing is not a ratification step")
    # bad input: 4 (a missing column the exercise asks for is refused, issue 12)
    fails("ex1_8", good[["date", "gap_days"]], "`event` is missing")
    fails("ex1_8", good.drop(columns="gap_days"), "`gap_days` is missing")
    fails("ex1_8", np.array([1, 2]), "expected a dataframe")
    fails("ex1_8", pd.DataFrame({"date": ["soon"], "event": ["x"], "gap_days": [1]}), "dates")


@pytest.mark.parametrize("qid", [f"ex1_{n}" for n in range(1, 9)])
def test_placeholder_and_odd_input_never_escape(qid):
    assert check(qid, ...).status == UNANSWERED
    for odd in (None, float("nan"), "text", [1, 2], {"a": 1}, pd.DataFrame({"x": range(200_000)})):
        fails(qid, odd)


def test_ex1_7_every_form_of_a_wrong_result_is_named(tl):
    """The result reader's own messages (each learner form that is not a pair of dates)."""
    dates = tl.set_index("category")["date"]

    def frame_result(category):
        return tl[tl["category"] == category][["date"]]

    fails("ex1_7", frame_result, "Expected a pair (earliest, latest)")
    fails("ex1_7", lambda c: dates[c].min(), "Expected a pair", "return earliest, latest")
    fails("ex1_7", lambda c: ([dates[c].min()], dates[c].max()), "should be one date", ".min()")
    fails("ex1_7", lambda c: (pd.NaT, pd.NaT), "missing (NaT)", "no rows")
    fails("ex1_7", lambda c: (2.5, 3.5), "should be a date")
    fails("ex1_7", lambda c: ("soon", "later"), "is not")
    everything = tl["date"]
    fails(
        "ex1_7", lambda c: (everything.min(), dates[c].max()), "earliest date", "not the earliest"
    )
