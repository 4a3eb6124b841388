"""Lesson 03 questions, and our SIPRI ranks against SIPRI's published top-three lists."""

from __future__ import annotations

import pandas as pd
import pytest
from checking import fails, passes

from treatylab.questions.lesson03 import (
    EDITION_2022,
    EDITION_PERIODS,
    IRAN,
    REGISTER,
    SHARE_PERIOD,
    claims,
    exports,
    iran_by_period,
    iran_share_of_world,
    periods_in_top_three,
    published_top_three,
    rank_in,
    ranking,
    share_in,
    top_three,
)

# --- the claim check against SIPRI's own publications ------------------------------------------


@pytest.mark.parametrize(
    ("period", "start", "end", "table"),
    [
        ("2015–19", 2015, 2019, EDITION_2022),
        ("2015–19", 2015, 2019, REGISTER),
        ("2019–23", 2019, 2023, REGISTER),
    ],
)
def test_computed_top_three_matches_sipri_fact_sheets(period, start, end, table):
    assert top_three(start, end, table) == published_top_three(period)


def test_published_lists_are_the_ones_the_lesson_quotes():
    assert published_top_three("2015–19") == ["India", "China", "Algeria"]
    assert published_top_three("2019–23") == ["India", "China", "Egypt"]
    assert published_top_three("2020–24") == ["India", "China", "Kazakhstan"]
    assert IRAN not in published_top_three("2020–24")


def test_register_reproduces_sipri_shares_for_2019_23():
    shares = ranking(2019, 2023, REGISTER).set_index("recipient")["share"].round(1)
    assert shares[["India", "China", "Egypt"]].tolist() == [34.0, 20.7, 7.5]


def test_iran_rank_by_period():
    table = iran_by_period().set_index("period")
    assert table["rank"].to_dict() == {
        "1992–99": 3,
        "2000–04": 5,
        "2005–09": 6,
        "2010–14": 27,
        "2015–19": 10,
        "2019–23": 31,
    }
    assert table.loc["2019–23", "of"] == 43
    assert table.loc["2019–23", "share"] == pytest.approx(0.17, abs=0.005)
    assert table.loc["1992–99", "share"] == pytest.approx(7.5, abs=0.05)
    assert (table["vintage"] == "2022 edition").sum() == 5


def test_the_two_editions_disagree_on_2000_04():
    assert rank_in(IRAN, 2000, 2004, EDITION_2022) == 5
    assert rank_in(IRAN, 2000, 2004, REGISTER) == 4


# --- Exercise 3.1 -------------------------------------------------------------------------------


def test_ex3_1():
    table = claims()
    passes("ex3_1", table["kind"].value_counts())
    passes("ex3_1", dict(table["kind"].value_counts()))
    fails("ex3_1", table["verdict"].value_counts(), "by verdict")
    fails("ex3_1", table["made_by_type"].value_counts(), "made_by_type")
    fails("ex3_1", table["kind"].value_counts(normalize=True), "proportions")
    checkable = table[table["checkable"]]
    fails(
        "ex3_1",
        checkable["kind"]
        .value_counts()
        .reindex(["fact", "attribution", "opinion", "prediction"], fill_value=0),
        "only the checkable",
    )
    fails("ex3_1", 41, "expected counts by kind")
    fails("ex3_1", None, "expected counts by kind")


# --- Exercise 3.2 -------------------------------------------------------------------------------


def test_ex3_2():
    table = claims()
    right = table.loc[table["checkable"] & (table["verdict"] == "unverifiable"), "claim_id"]
    passes("ex3_2", right.tolist())
    passes("ex3_2", right)
    every = table.loc[table["verdict"] == "unverifiable", "claim_id"].tolist()
    fails("ex3_2", every, "opinions")
    pending = table.loc[table["verdict"] == "pending", "claim_id"].tolist()
    fails("ex3_2", right.tolist() + pending[:1], "pending")
    not_supported = table.loc[table["verdict"] == "not supported", "claim_id"].tolist()
    fails("ex3_2", not_supported, "not supported")
    fails("ex3_2", right.tolist()[:-1], "1 missing")
    fails("ex3_2", "C19", "single text")
    fails("ex3_2", [19, 24], "not text")


# --- Exercise 3.3 -------------------------------------------------------------------------------


def make_rank_of(table_name=REGISTER, *, by="sum", ascending=False, base=1, end_shift=0):
    """A rank_of function, right or with one planted mistake."""

    def rank_of(recipient, start, end, table=None):
        table = exports(table_name) if table is None else table
        rows = table[(table["year"] >= start) & (table["year"] <= end + end_shift)]
        rows = rows[rows["tiv"] > 0]
        grouped = rows.groupby("recipient")["tiv"]
        totals = grouped.sum() if by == "sum" else grouped.size()
        totals = totals.sort_values(ascending=ascending, kind="mergesort")
        if recipient not in totals.index:
            return None
        return list(totals.index).index(recipient) + base

    return rank_of


def test_ex3_3():
    passes("ex3_3", make_rank_of())
    fails("ex3_3", make_rank_of(by="count"), "how many delivery rows")
    fails("ex3_3", make_rank_of(base=0), "count from 1")
    fails("ex3_3", make_rank_of(ascending=True), "smallest")
    fails("ex3_3", make_rank_of(end_shift=-1), "one year short")

    def misses_start(recipient, start, end):
        return make_rank_of()(recipient, start + 1, end)

    fails("ex3_3", misses_start, "start year is missing")

    def returns_nothing(recipient, start, end):
        make_rank_of()(recipient, start, end)

    fails("ex3_3", returns_nothing, "`return` the rank")
    fails("ex3_3", make_rank_of(EDITION_2022), "2022 edition")

    def never_none(recipient, start, end):
        return make_rank_of()(recipient, start, end) or 0

    fails("ex3_3", never_none, "should return None")

    def crashes(recipient, start, end):
        raise KeyError(recipient)

    fails("ex3_3", crashes, "raised KeyError")
    fails("ex3_3", 31, "expected a function")


# --- Exercise 3.4 -------------------------------------------------------------------------------


def test_ex3_4():
    right = periods_in_top_three()
    passes("ex3_4", right)
    passes("ex3_4", ["1992–96", "1997–2001"])
    passes("ex3_4", ["1992-1996", "1997-2001"])
    fails("ex3_4", [], "rank <= 3")
    by_rows = [p for p in EDITION_PERIODS if p != EDITION_PERIODS[-1]]
    fails("ex3_4", by_rows, "delivery rows")
    fails("ex3_4", right + [(2002, 2006)], "top five")
    fails("ex3_4", right + [(2012, 2016)], "should not be there")
    fails("ex3_4", right[:1], "missing")
    fails("ex3_4", [(1990, 1994)], "not one of the periods")
    fails("ex3_4", "1992–96", "put them in a list")
    fails("ex3_4", [object()], "neither")


# --- Exercise 3.5 -------------------------------------------------------------------------------


def test_ex3_5():
    start, end = SHARE_PERIOD
    expected = share_in(IRAN, start, end, REGISTER)
    passes("ex3_5", expected)
    passes("ex3_5", round(expected, 2))
    fails("ex3_5", expected / 100, "fraction")
    fails("ex3_5", iran_share_of_world(start, end), "world arms transfers")
    fails("ex3_5", share_in(IRAN, start - 1, end - 1, REGISTER), "one period off")
    fails("ex3_5", share_in(IRAN, start, end - 1, REGISTER), "end year")
    fails("ex3_5", 7.5, "not quite")
    fails("ex3_5", float("nan"), "NaN")
    fails("ex3_5", pd.Series([expected]), ".item()")


# --- Exercise 3.6 -------------------------------------------------------------------------------


def test_ex3_6():
    passes("ex3_6", 3)
    fails("ex3_6", -3, "subtracted")
    fails("ex3_6", 4, "both end days")
    fails("ex3_6", pd.Timedelta(days=3), ".days")
    fails("ex3_6", "three", "expected a number")


# --- Exercise 3.7 -------------------------------------------------------------------------------

GOOD = (
    "In SIPRI's Arms Transfers Database (register, January 2025), Iran was the 31st of 43 "
    "recipients of Russian major arms in 2019–23, with 0.17 % of Russia's deliveries by TIV."
)


@pytest.mark.parametrize(
    "text",
    [
        GOOD,
        "SIPRI data show Iran ranked 10th among Russia's arms recipients in 2015-2019, "
        "with about 1.4 % of deliveries.",
        "Iran held 0.17% of Russia's arms exports between 2019 and 2023 (SIPRI).",
        "Iran was Russia's 3rd largest arms customer only in 1992–99 (7.5 %, SIPRI 2022 edition).",
        "For 2020–24 SIPRI names India, China and Kazakhstan as Russia's top three "
        "recipients; Iran is not among them.",
    ],
)
def test_ex3_7_passes(text):
    passes("ex3_7", text)


def test_ex3_7_fails():
    fails("ex3_7", "According to SIPRI, Iran is a minor buyer of Russian arms nowadays.", "period")
    fails(
        "ex3_7",
        "In 2019–23 Iran was the 31st of 43 recipients of Russian arms, with 0.17 % of them.",
        "SIPRI",
    )
    fails(
        "ex3_7",
        "SIPRI data show that in 2019–23 Iran ranked 10th among Russia's arms recipients.",
        "belongs to 2015–19",
    )
    fails(
        "ex3_7",
        "SIPRI confirms Iran is the 3rd largest importer of Russian arms in 2019–23 overall.",
        "belongs to 1992–99",
    )
    fails(
        "ex3_7",
        "SIPRI: Iran imported $25.5 million of Russian arms in 2019–23, the 31st largest.",
        "not money",
    )
    fails(
        "ex3_7",
        "SIPRI: in 2019–23 Iran was a very small recipient of Russian arms, far behind India.",
        "as a number",
    )
    fails(
        "ex3_7", "SIPRI ranks Iran 5th among Russia's recipients in 2001–03 overall.", "no figures"
    )
    fails("ex3_7", "Iran 31st", "at least 8 words")
    fails("ex3_7", None, "expected text")
