"""Lesson 02 questions, with answers as a learner would type them.

For each exercise: the worked answer of solutions/02 and other legitimate computations pass
(status "correct", never "could not run") and are left unchanged; plausible wrong answers fail
with the message that names their mistake; bad input gets a clear message. Periods are taken
from ``treatylab.periods`` as the exercise notebook prints them (``latest``, ``before``), so the
tests follow the loaded SIPRI edition as the keys do.

The generic properties (every known mistake reachable, odd input never a crash, the kinds'
variants) are tested for every question in tests/test_questions.py.
"""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pandas as pd
import pytest
from checking import fails, passes

from treatylab.check import FAULT, UNANSWERED, check
from treatylab.data import load
from treatylab.periods import latest_period, period_label, previous_period, ranking

LATEST = latest_period()
BEFORE = previous_period(*LATEST)


@pytest.fixture(scope="module")
def russia():
    return load("sipri_russia_exports_by_recipient")


@pytest.fixture(scope="module")
def old():
    return load("sipri_russia_exports_by_recipient_1992_2021")


@pytest.fixture(scope="module")
def deliveries():
    return load("sipri_russia_iran_deliveries")


@pytest.fixture(scope="module")
def world():
    series = load("sipri_long_series")
    return series[series["series"] == "World: total arms transfers"].set_index("year")["tiv"]


@pytest.fixture(scope="module")
def s300(deliveries):
    """Exercise 2.5's period, as the exercise notebook's setup cell computes it."""
    to_iran = deliveries[deliveries["direction"] == "Russia to Iran"]
    year = int(to_iran.loc[to_iran["designation"] == "S-300PMU2", "delivery_year"].max())
    return year - 4, year


def unchanged(qid: str, answer: object) -> None:
    """The answer passes and the check leaves it exactly as it was."""
    before = pickle.dumps(answer) if not callable(answer) else None
    kept = copy.deepcopy(answer) if isinstance(answer, pd.DataFrame | pd.Series) else None
    passes(qid, answer)
    if before is not None:
        assert pickle.dumps(answer) == before
    if kept is not None:
        assert kept.equals(answer) and list(kept.index) == list(answer.index)


def period_sum(table, start, end):
    return table.loc[table["year"].between(start, end), "tiv"].sum()


def shares_frame(table, start, end, denominator=None):
    totals = table[table["year"].between(start, end)].groupby("recipient")["tiv"].sum()
    base = totals.sum() if denominator is None else denominator
    share = 100 * totals / base
    return share.sort_values(ascending=False).rename("share").reset_index()


# --- 2.1 ------------------------------------------------------------------------------------


def test_ex2_1_right_answers(russia):
    start, end = BEFORE
    worked = russia.loc[russia["year"].between(*BEFORE), "tiv"].sum()
    unchanged("ex2_1", worked)
    passes("ex2_1", russia[(russia["year"] >= start) & (russia["year"] <= end)]["tiv"].sum())
    passes("ex2_1", russia.query("@start <= year <= @end")["tiv"].sum())
    passes("ex2_1", russia.groupby("year")["tiv"].sum().loc[start:end].sum())
    passes("ex2_1", round(float(worked), 1))  # as the success message shows it
    passes("ex2_1", np.float32(worked))


def test_ex2_1_wrong_answers(russia, old, world):
    start, end = BEFORE
    fails(
        "ex2_1",
        russia.loc[russia["year"].isin(range(start, end)), "tiv"].sum(),
        f"{end} is missing",
        "range(",
    )
    fails("ex2_1", period_sum(russia, start + 1, end + 1), "off by one year")
    fails("ex2_1", period_sum(russia, *LATEST), "latest period", period_label(*BEFORE))
    fails("ex2_1", period_sum(pd.concat([russia, old]), start, end), "two editions")
    fails("ex2_1", period_sum(old, start, end), "2022 edition")
    fails("ex2_1", world.loc[start:end].sum(), "world total")
    fails("ex2_1", russia["tiv"].sum(), "every year in the register")
    fails("ex2_1", period_sum(russia, start, end) / 5, "average per year")
    fails("ex2_1", round(period_sum(russia, start, end)), "whole number")


def test_ex2_1_bad_input(russia):
    start, end = BEFORE
    fails(
        "ex2_1", f"{period_sum(russia, start, end):.1f}", "expected a number", "remove the quotes"
    )
    fails("ex2_1", None, "expected a number")
    fails("ex2_1", russia.groupby("year")["tiv"].sum().loc[start:end], "single value")


# --- 2.2 ------------------------------------------------------------------------------------


def test_ex2_2_right_answers(russia):
    per_year = russia.groupby("year")["tiv"].sum()
    unchanged("ex2_2", per_year.idxmax())
    passes("ex2_2", float(per_year.idxmax()))
    passes("ex2_2", int(per_year.sort_values().index[-1]))
    passes(
        "ex2_2",
        russia.groupby("year", as_index=False)["tiv"].sum().nlargest(1, "tiv")["year"].item(),
    )


def test_ex2_2_wrong_answers(russia, deliveries):
    per_year = russia.groupby("year")["tiv"].sum()
    fails("ex2_2", per_year.max(), "idxmax")
    fails("ex2_2", per_year.idxmin(), "lowest")
    fails("ex2_2", per_year.to_numpy().argmax(), "row position")
    fails("ex2_2", russia.loc[russia["tiv"].idxmax(), "year"], "single recipient-year")
    to_iran = deliveries[deliveries["direction"] == "Russia to Iran"]
    fails("ex2_2", to_iran.groupby("delivery_year")["tiv_delivered"].sum().idxmax(), "to Iran")
    known = {per_year.idxmax(), per_year.idxmin(), russia.loc[russia["tiv"].idxmax(), "year"]}
    other = per_year.drop(list(known)).idxmax()  # a year no known mistake gives
    fails("ex2_2", other, f"In {other} Russia delivered", "another year is higher")
    first = int(per_year.index.min())
    fails("ex2_2", first - 1, "not a year of the register")


def test_ex2_2_bad_input(russia):
    per_year = russia.groupby("year")["tiv"].sum()
    fails("ex2_2", per_year, "expected a single value")
    fails("ex2_2", str(per_year.idxmax()), "remove the quotes")
    fails("ex2_2", per_year.idxmax() + 0.5, "whole number")


# --- 2.3 ------------------------------------------------------------------------------------


def test_ex2_3_right_answers(deliveries):
    recent = deliveries[deliveries["delivery_year"].between(*LATEST)]
    by_direction = recent.groupby("direction")["tiv_delivered"].sum()
    ratio = by_direction["Iran to Russia"] / by_direction["Russia to Iran"]
    unchanged("ex2_3", ratio)
    passes("ex2_3", round(ratio, 1))  # issue 12: rounded as the success message rounds
    passes("ex2_3", float(f"{ratio:.2f}"))
    table = recent.pivot_table(index="direction", values="tiv_delivered", aggfunc="sum")
    passes(
        "ex2_3", table.loc["Iran to Russia", "tiv_delivered"] / table.loc["Russia to Iran"].item()
    )
    to_russia = recent.loc[recent["direction"] == "Iran to Russia", "tiv_delivered"].sum()
    to_iran = recent.loc[recent["direction"] == "Russia to Iran", "tiv_delivered"].sum()
    passes("ex2_3", to_russia / to_iran)


def test_ex2_3_wrong_answers(deliveries):
    recent = deliveries[deliveries["delivery_year"].between(*LATEST)]
    by_direction = recent.groupby("direction")["tiv_delivered"].sum()
    fails(
        "ex2_3",
        by_direction["Russia to Iran"] / by_direction["Iran to Russia"],
        "wrong way round",
    )
    last_year = LATEST[1]
    alone = recent[recent["delivery_year"] == last_year].groupby("direction")["tiv_delivered"].sum()
    if alone.get("Russia to Iran", 0):
        fails("ex2_3", alone["Iran to Russia"] / alone["Russia to Iran"], f"{last_year} alone")
    items = recent.groupby("direction")["number_delivered"].sum()
    fails("ex2_3", items["Iran to Russia"] / items["Russia to Iran"], "number")
    fails("ex2_3", by_direction["Iran to Russia"] - by_direction["Russia to Iran"], "difference")
    fails(
        "ex2_3",
        100 * by_direction["Iran to Russia"] / by_direction["Russia to Iran"],
        "percentage",
    )
    fails("ex2_3", round(by_direction["Iran to Russia"] / by_direction["Russia to Iran"]), "whole")
    fails("ex2_3", np.inf, "division by zero")
    fails("ex2_3", float("nan"), "nan")


def test_ex2_3_bad_input(deliveries):
    recent = deliveries[deliveries["delivery_year"].between(*LATEST)]
    by_direction = recent.groupby("direction")["tiv_delivered"].sum()
    fails("ex2_3", by_direction, "expected a single value")
    fails("ex2_3", by_direction.iloc[[0]], "take the value out")
    fails("ex2_3", "9.5", "remove the quotes")


# --- 2.4 ------------------------------------------------------------------------------------


def test_ex2_4_right_answers(russia):
    start, end = BEFORE
    worked = shares_frame(russia, start, end)
    unchanged("ex2_4", worked)
    passes("ex2_4", worked.set_index("recipient")["share"])
    totals = russia[russia["year"].between(start, end)].groupby("recipient")["tiv"].sum()
    named_tiv = (100 * totals / totals.sum()).sort_values(ascending=False)
    assert named_tiv.name == "tiv"
    unchanged("ex2_4", named_tiv)  # a Series of shares keeps groupby's name `tiv`
    wide = russia[russia["year"].between(start, end)].groupby("recipient", as_index=False)["tiv"]
    wide = wide.sum()
    wide["share"] = 100 * wide["tiv"] / wide["tiv"].sum()
    passes("ex2_4", wide.sort_values("share", ascending=False))
    passes("ex2_4", worked.round(1))
    passes("ex2_4", worked.astype({"recipient": "category"}))
    passes("ex2_4", worked.astype({"share": "Float64"}))


def test_ex2_4_wrong_answers(russia, old, world):
    start, end = BEFORE
    worked = shares_frame(russia, start, end)
    cut = fails("ex2_4", worked.head(10), f"of the {len(worked)}", "do not cut the table short")
    assert "divi" not in cut.message.casefold()  # issue 12: a cut table is not a wrong division
    fails("ex2_4", shares_frame(russia, start, end, world.loc[start:end].sum()), "world total")
    fails("ex2_4", shares_frame(russia, start, end - 1), "off by one year", f"{end} is missing")
    fails("ex2_4", shares_frame(russia, start - 1, end - 1), "off by one year")
    fails("ex2_4", shares_frame(russia, *LATEST), "latest period")
    fails("ex2_4", shares_frame(pd.concat([russia, old]), start, end), "two editions")
    fractions = worked.assign(share=worked["share"] / 100)
    fails("ex2_4", fractions, "fractions")
    fails("ex2_4", worked.sort_values("recipient"), "not in the right order", "largest first")
    fails("ex2_4", worked.round(0), "whole numbers")
    total_of_top = russia.loc[russia["year"].between(start, end), "tiv"].sum() * 1.1
    fails("ex2_4", shares_frame(russia, start, end, total_of_top), "do not add up to 100")


def test_ex2_4_bad_input(russia):
    start, end = BEFORE
    worked = shares_frame(russia, start, end)
    fails("ex2_4", list(worked["share"]), "expected a dataframe")
    fails("ex2_4", worked.rename(columns={"share": "pct"}), "`share`", "missing")
    fails("ex2_4", pd.concat([worked, worked.head(1)]), "more than one row")


# --- 2.5 ------------------------------------------------------------------------------------


def test_ex2_5_right_answers(russia, s300):
    totals = russia[russia["year"].between(*s300)].groupby("recipient")["tiv"].sum()
    worked = int(totals.rank(ascending=False, method="min")["Iran"])
    unchanged("ex2_5", worked)
    passes("ex2_5", totals.rank(ascending=False)["Iran"])
    passes("ex2_5", totals.sort_values(ascending=False).index.get_loc("Iran") + 1)
    passes("ex2_5", list(totals.sort_values(ascending=False).index).index("Iran") + 1)
    passes("ex2_5", np.int64(worked))


def test_ex2_5_wrong_answers(russia, s300):
    start, end = s300
    totals = russia[russia["year"].between(start, end)].groupby("recipient")["tiv"].sum()
    counts = russia[russia["year"].between(start, end)].groupby("recipient")["tiv"].count()
    fails("ex2_5", int(counts.rank(ascending=False, method="min")["Iran"]), "number of rows")
    fails("ex2_5", counts.sort_values(ascending=False).index.get_loc("Iran") + 1, "number of rows")
    earlier = russia[russia["year"].between(start - 1, end - 1)].groupby("recipient")["tiv"].sum()
    fails("ex2_5", int(earlier.rank(ascending=False, method="min")["Iran"]), "off by one year")
    fails("ex2_5", totals.sort_values(ascending=False).index.get_loc("Iran"), "counts from 0")
    fails("ex2_5", totals.rank()["Iran"], "smallest")
    fails("ex2_5", 100 * totals["Iran"] / totals.sum(), "share")
    fails("ex2_5", totals["Iran"], "total tiv")
    fails("ex2_5", len(totals), "number of recipients")


def test_ex2_5_bad_input():
    fails("ex2_5", "tenth", "expected a number")
    fails("ex2_5", 0, "between 1 and")


# --- 2.6 ------------------------------------------------------------------------------------


def test_ex2_6_right_answers(russia):
    yearly = russia.groupby("year", as_index=True)["tiv"].sum()
    unchanged("ex2_6", yearly.rolling(5).sum().dropna())
    passes("ex2_6", yearly.rolling(5).sum())  # the first four NaN kept
    passes("ex2_6", dict(yearly.rolling(5).sum().dropna()))
    frame = yearly.rolling(5).sum().dropna().rename("tiv_5y").reset_index()
    passes("ex2_6", frame)  # two columns: year and the sums
    passes("ex2_6", yearly.rolling(5).sum().dropna().round(0))


def test_ex2_6_wrong_answers(russia, old):
    yearly = russia.groupby("year")["tiv"].sum()
    fails("ex2_6", yearly.rolling(5).mean(), "rolling *mean*")
    fails("ex2_6", yearly.rolling(4).sum(), "4 years wide")
    fails("ex2_6", yearly.rolling(5, center=True).sum(), "centred", period_label(*LATEST))
    fails("ex2_6", yearly.cumsum(), "running total")
    fails("ex2_6", yearly.rolling(5, min_periods=1).sum(), "fewer than five years")
    both = pd.concat([russia, old]).groupby("year")["tiv"].sum()
    fails("ex2_6", both.rolling(5).sum(), "two editions")
    fails("ex2_6", yearly.rolling(5).sum().dropna().reset_index(drop=True), "indexed 0, 1, 2")
    fails("ex2_6", russia["tiv"].rolling(5).sum().dropna(), "indexed 0, 1, 2")


def test_ex2_6_bad_input(russia):
    fails("ex2_6", 31106.25, "expected values by year")
    fails("ex2_6", russia.set_index("year")["tiv"].rolling(5).sum(), "more than once")


# --- 2.7 ------------------------------------------------------------------------------------


def make_top(table, *, excluded_end=False, top_only=False, count=False, ascending=False):
    """A learner's top_recipients, right or with one deliberate mistake."""

    def top_recipients(start, end, n):
        upper = end - 1 if excluded_end else end
        chosen = table[(table["year"] >= start) & (table["year"] <= upper)]
        grouped = chosen.groupby("recipient")["tiv"]
        totals = grouped.count() if count else grouped.sum()
        frame = pd.DataFrame({"tiv": totals, "share": 100 * totals / totals.sum()})
        frame = frame.sort_values("tiv", ascending=ascending).head(n)
        if top_only:
            frame["share"] = 100 * frame["tiv"] / frame["tiv"].sum()
        return frame.reset_index()

    return top_recipients


def test_ex2_7_right_answers(russia):
    unchanged("ex2_7", make_top(russia))

    def with_index(start, end, n):  # recipient left as the index, nlargest
        totals = russia[russia["year"].between(start, end)].groupby("recipient")["tiv"].sum()
        return pd.DataFrame({"tiv": totals, "share": totals / totals.sum() * 100}).nlargest(
            n, "tiv"
        )

    passes("ex2_7", with_index)

    def with_the_course_helper(start, end, n):
        return ranking(start, end).head(n)

    passes("ex2_7", with_the_course_helper)


def test_ex2_7_wrong_answers(russia, old, world):
    fails("ex2_7", make_top(russia, excluded_end=True), "end year is missing")
    fails("ex2_7", make_top(russia, top_only=True), "top n only")
    fails("ex2_7", make_top(russia, count=True), "number of rows")
    fails("ex2_7", make_top(pd.concat([russia, old])), "two editions")
    smallest = fails("ex2_7", make_top(russia, ascending=True), "smallest", "ascending=False")
    assert "filter" not in smallest.message  # was: "should not be there: check your filter"

    def alphabetical(start, end, n):
        totals = russia[russia["year"].between(start, end)].groupby("recipient")["tiv"].sum()
        frame = pd.DataFrame({"tiv": totals, "share": 100 * totals / totals.sum()})
        return frame.head(n).reset_index()

    fails("ex2_7", alphabetical, "alphabetical")

    def world_share(start, end, n):
        frame = make_top(russia)(start, end, n)
        return frame.assign(share=100 * frame["tiv"] / world.loc[start:end].sum())

    fails("ex2_7", world_share, "world total")

    def fixed_years(start, end, n):
        return make_top(russia)(*LATEST, n)

    fails("ex2_7", fixed_years, "not fixed years")

    def every_row(start, end, n):
        return make_top(russia)(start, end, 1000)

    fails("ex2_7", every_row, "head(n)")

    def one_too_many(start, end, n):
        return make_top(russia)(start, end, n + 1)

    fails("ex2_7", one_too_many, "should not be there")


def test_ex2_7_bad_input(russia):
    def no_return(start, end, n):
        make_top(russia)(start, end, n)

    fails("ex2_7", no_return, "returned none", "`return`")

    def broken(start, end, n):
        raise KeyError("tiv")

    fails("ex2_7", broken, "raised KeyError")

    def two_arguments(start, end):
        return make_top(russia)(start, end, 3)

    fails("ex2_7", two_arguments, "should take the arguments")
    fails("ex2_7", make_top(russia)(*LATEST, 3), "expected a function")
    fails("ex2_7", None, "expected a function")


# --- every question ------------------------------------------------------------------------


@pytest.mark.parametrize("qid", [f"ex2_{n}" for n in range(1, 8)])
def test_placeholder_and_odd_input_never_escape(qid):
    assert check(qid, ...).status == UNANSWERED
    for odd in (None, float("nan"), "text", [1, 2], {"a": 1}, pd.DataFrame({"x": range(200_000)})):
        feedback = fails(qid, odd)
        assert feedback.status != FAULT


# --- the keys' guards for other editions ---------------------------------------------------


def test_guards_for_what_an_edition_cannot_give(monkeypatch, deliveries):
    """What another SIPRI edition may lack is left out of the keys, never a crash."""
    import math

    from treatylab.questions import lesson02 as key
    from treatylab.questions.base import NotApplicable
    from treatylab.questions.kinds import Results, call

    change = "change in arms exports vs previous period"
    assert key.published("Russia", 1990, 1994, change) is None
    with pytest.raises(NotApplicable):
        key.in_2022_edition(*LATEST)  # the older edition ends before the latest period
    with pytest.raises(NotApplicable):
        key.finite(math.inf)  # a ratio over years with no delivery to Iran
    assert key._unit_values(1900, 1901) == "worth very different amounts"
    russia = load("sipri_russia_exports_by_recipient")
    no_iran = sorted(set(russia["year"]) - set(russia.loc[russia["recipient"] == "Iran", "year"]))
    if no_iran:
        with pytest.raises(NotApplicable):
            key.iran_rank(no_iran[0], no_iran[0])
    nothing = Results(((call(*LATEST, 3), None),))
    assert not key._returns_smallest(nothing) and not key._returns_alphabetical(nothing)
    assert not key._returns_smallest(Results(()))

    without_s300 = deliveries[deliveries["designation"] != "S-300PMU2"]
    monkeypatch.setattr(key, "_rows", lambda table: without_s300)
    key.s300_period.cache_clear()
    try:
        with pytest.raises(ValueError, match="no S-300PMU2"):
            key.s300_period()
    finally:
        monkeypatch.undo()
        key.s300_period.cache_clear()
    assert check("ex2_5", ...).status == UNANSWERED
