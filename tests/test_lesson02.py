"""Lesson 02 questions: the worked answers pass, plausible mistakes get the intended message."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from checking import fails, passes

from treatylab.check import UNANSWERED, check
from treatylab.data import load


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


def period_sum(table, start, end):
    return table.loc[table["year"].between(start, end), "tiv"].sum()


def shares_frame(table, start, end, denominator=None):
    totals = table[table["year"].between(start, end)].groupby("recipient")["tiv"].sum()
    base = totals.sum() if denominator is None else denominator
    share = 100 * totals / base
    return share.sort_values(ascending=False).rename("share").reset_index()


def make_top(table, *, excluded_end=False, top_only=False, count=False):
    """A learner's top_recipients, right or with one deliberate mistake."""

    def top_recipients(start, end, n):
        upper = end - 1 if excluded_end else end
        chosen = table[(table["year"] >= start) & (table["year"] <= upper)]
        grouped = chosen.groupby("recipient")["tiv"]
        totals = grouped.count() if count else grouped.sum()
        frame = pd.DataFrame({"tiv": totals, "share": 100 * totals / totals.sum()})
        frame = frame.sort_values("tiv", ascending=False).head(n)
        if top_only:
            frame["share"] = 100 * frame["tiv"] / frame["tiv"].sum()
        return frame.reset_index()

    return top_recipients


def test_ex2_1(russia, old, world):
    passes("ex2_1", russia.loc[russia["year"].between(2014, 2018), "tiv"].sum())
    fails(
        "ex2_1", russia.loc[russia["year"].isin(range(2014, 2018)), "tiv"].sum(), "2018 is missing"
    )
    fails("ex2_1", period_sum(russia, 2015, 2019), "off by one year")
    fails("ex2_1", period_sum(russia, 2014, 2018) + period_sum(old, 2014, 2018), "two editions")
    fails("ex2_1", period_sum(old, 2014, 2018), "2022 edition")
    fails("ex2_1", world.loc[2014:2018].sum(), "world total")
    fails("ex2_1", "31106", "expected a number")
    fails("ex2_1", None, "expected a number")


def test_ex2_2(russia):
    per_year = russia.groupby("year")["tiv"].sum()
    passes("ex2_2", per_year.idxmax())
    passes("ex2_2", float(per_year.idxmax()))
    fails("ex2_2", per_year.max(), "idxmax")
    fails("ex2_2", per_year.idxmin(), "lowest")
    fails("ex2_2", per_year.to_numpy().argmax(), "row position")
    fails("ex2_2", 2016, "another year is higher")
    fails("ex2_2", 1999, "not a year of the register")
    fails("ex2_2", per_year, "expected a number")


def test_ex2_3(deliveries):
    recent = deliveries[deliveries["delivery_year"].between(2022, 2023)]
    by_direction = recent.groupby("direction")["tiv_delivered"].sum()
    passes("ex2_3", by_direction["Iran to Russia"] / by_direction["Russia to Iran"])
    fails(
        "ex2_3",
        by_direction["Russia to Iran"] / by_direction["Iran to Russia"],
        "wrong way round",
    )
    last = recent[recent["delivery_year"] == 2023].groupby("direction")["tiv_delivered"].sum()
    fails("ex2_3", last["Iran to Russia"] / last["Russia to Iran"], "2023 alone")
    items = recent.groupby("direction")["number_delivered"].sum()
    fails("ex2_3", items["Iran to Russia"] / items["Russia to Iran"], "number")
    fails("ex2_3", np.inf, "infinite", "2022")
    fails("ex2_3", float("nan"), "nan")
    fails("ex2_3", by_direction, "expected a number")


def test_ex2_4(russia, old, world):
    passes("ex2_4", shares_frame(russia, 2014, 2018))
    passes("ex2_4", shares_frame(russia, 2014, 2018).set_index("recipient")["share"])
    fails(
        "ex2_4",
        shares_frame(russia, 2014, 2018, denominator=world.loc[2014:2018].sum()),
        "world total",
    )
    fails("ex2_4", shares_frame(russia, 2014, 2017), "off by one year", "2018 is missing")
    fails("ex2_4", shares_frame(russia, 2013, 2017), "off by one year")
    fails("ex2_4", shares_frame(pd.concat([russia, old]), 2014, 2018), "two editions")
    fraction = shares_frame(russia, 2014, 2018)
    fraction["share"] = fraction["share"] / 100
    fails("ex2_4", fraction, "fractions")
    unsorted = shares_frame(russia, 2014, 2018).sort_values("recipient")
    fails("ex2_4", unsorted, "not sorted")
    fails("ex2_4", [34.0, 20.7], "expected a dataframe")


def test_ex2_5(russia):
    totals = russia[russia["year"].between(2012, 2016)].groupby("recipient")["tiv"].sum()
    passes("ex2_5", int(totals.rank(ascending=False, method="min")["Iran"]))
    passes("ex2_5", totals.rank(ascending=False)["Iran"])
    counts = russia[russia["year"].between(2012, 2016)].groupby("recipient")["tiv"].count()
    fails("ex2_5", int(counts.rank(ascending=False, method="min")["Iran"]), "number of rows")
    fails("ex2_5", counts.sort_values(ascending=False).index.get_loc("Iran") + 1, "number of rows")
    earlier = russia[russia["year"].between(2011, 2015)].groupby("recipient")["tiv"].sum()
    fails("ex2_5", int(earlier.rank(ascending=False, method="min")["Iran"]), "off by one year")
    fails("ex2_5", totals.sort_values(ascending=False).index.get_loc("Iran"), "counts from 0")
    fails("ex2_5", totals.rank()["Iran"], "smallest")
    fails("ex2_5", 100 * totals["Iran"] / totals.sum(), "share")
    fails("ex2_5", "tenth", "expected a number")


def test_ex2_6(russia, old):
    yearly = russia.groupby("year")["tiv"].sum()
    passes("ex2_6", yearly.rolling(5).sum().dropna())
    passes("ex2_6", yearly.rolling(5).sum())
    fails("ex2_6", yearly.rolling(5).mean(), "rolling *mean*")
    fails("ex2_6", yearly.rolling(4).sum(), "4 years wide")
    fails("ex2_6", yearly.rolling(5, center=True).sum(), "centred")
    fails("ex2_6", yearly.cumsum(), "running total")
    fails("ex2_6", yearly.rolling(5, min_periods=1).sum(), "fewer than five years")
    both = pd.concat([russia, old]).groupby("year")["tiv"].sum()
    fails("ex2_6", both.rolling(5).sum(), "two editions")
    fails("ex2_6", yearly.rolling(5).sum().dropna().reset_index(drop=True), "indexed 0, 1, 2")
    fails("ex2_6", 31106.25, "expected a series")


def test_ex2_7(russia, old):
    passes("ex2_7", make_top(russia))
    fails("ex2_7", make_top(russia, excluded_end=True), "off by one year", "2023 is missing")
    fails("ex2_7", make_top(russia, top_only=True), "top 3 only")
    fails("ex2_7", make_top(russia, count=True), "number of rows")
    fails("ex2_7", make_top(pd.concat([russia, old])), "two editions")

    def fixed_years(start, end, n):
        return make_top(russia)(2019, 2023, n)

    fails("ex2_7", fixed_years, "not fixed years")

    def no_return(start, end, n):
        make_top(russia)(start, end, n)

    fails("ex2_7", no_return, "returned none", "return")

    def every_row(start, end, n):
        return make_top(russia)(start, end, 1000)

    fails("ex2_7", every_row, "head(n)")

    def broken(start, end, n):
        raise KeyError("tiv")

    fails("ex2_7", broken, "raised KeyError")
    fails("ex2_7", make_top(russia)(2019, 2023, 3), "expected a function")
    fails("ex2_7", None, "expected a function")


@pytest.mark.parametrize("qid", [f"ex2_{n}" for n in range(1, 8)])
def test_placeholder_and_odd_input_never_escape(qid):
    assert check(qid, ...).status == UNANSWERED
    for odd in (None, float("nan"), "text", [1, 2], {"a": 1}, pd.DataFrame({"x": range(200_000)})):
        fails(qid, odd)
