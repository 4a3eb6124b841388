"""Lesson 00 questions, with the answers a learner would really type.

Per question: the worked answer and other legitimate forms pass and are left unchanged; plausible
wrong answers, typed as a learner would type them, fail with the message that names their
mistake; bad input gets a clear message. (tests/test_questions.py adds the generic properties.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from checking import fails, passes_unchanged

from treatylab.check import UNANSWERED, check
from treatylab.data import load


@pytest.fixture(scope="module")
def deliveries():
    return load("sipri_russia_iran_deliveries")


@pytest.fixture(scope="module")
def rows(deliveries):
    """The notebook's own `deliveries_2016` (not re-indexed, as the setup cell makes it)."""
    return deliveries[
        (deliveries["delivery_year"] == 2016) & (deliveries["direction"] == "Russia to Iran")
    ]


def test_ex0_1(rows, deliveries):
    # right: 3 forms
    passes_unchanged("ex0_1", len(rows))
    passes_unchanged("ex0_1", rows.shape[0])
    passes_unchanged("ex0_1", float(len(rows.index)))
    # wrong: 4
    fails("ex0_1", rows.shape[1], "number of columns")
    fails("ex0_1", len(deliveries), "whole table")
    fails("ex0_1", rows["number_delivered"].sum(), "items delivered")
    from_russia = deliveries[deliveries["direction"] == "Russia to Iran"]
    fails("ex0_1", len(from_russia), "every year")
    # bad input: 3
    fails("ex0_1", "6", "expected a number", "remove the quotes")
    fails("ex0_1", 6.5, "whole number")
    fails("ex0_1", rows.shape, "single value")


def test_ex0_2(rows):
    # right: 4 forms
    top = rows.sort_values("tiv_delivered").iloc[-1]["designation"]
    passes_unchanged("ex0_2", top)
    passes_unchanged("ex0_2", rows.loc[rows["tiv_delivered"].idxmax(), "designation"])
    passes_unchanged("ex0_2", " s-300pmu2 ")
    passes_unchanged("ex0_2", rows.nlargest(1, "tiv_delivered")["designation"])
    # wrong: 4
    fails("ex0_2", rows.loc[rows["number_delivered"].idxmax(), "designation"], "largest number")
    fails("ex0_2", rows.iloc[0]["designation"], "first row")
    fails("ex0_2", rows.sort_values("tiv_delivered").iloc[0]["designation"], "smallest")
    fails("ex0_2", "Konkurs", "sort by `tiv_delivered`")
    # bad input: 3
    fails("ex0_2", "S-400", "not one of the designations")
    fails("ex0_2", rows, "expected one designation as text")
    fails("ex0_2", 220.0, "as text")


def test_ex0_3(rows, deliveries):
    total = rows["tiv_delivered"].sum()
    # right: 4 forms
    passes_unchanged("ex0_3", total)
    passes_unchanged("ex0_3", float(total))
    passes_unchanged("ex0_3", round(total, 1))
    passes_unchanged("ex0_3", np.float64(sum(rows["tiv_delivered"])))
    # wrong: 9, the last five a wrong filter over the right column (issue 12)
    fails("ex0_3", 220, "S-300PMU2", "largest delivery alone")
    fails("ex0_3", rows["tiv_per_unit"].sum(), "per item")
    fails("ex0_3", rows["number_delivered"].sum(), "number of items")
    fails("ex0_3", deliveries["tiv_delivered"].sum(), "both directions")
    russia = deliveries[deliveries["direction"] == "Russia to Iran"]
    fails("ex0_3", russia.loc[russia["delivery_year"] >= 2016, "tiv_delivered"].sum(), ">= 2016")
    fails("ex0_3", russia.loc[russia["delivery_year"] == 2015, "tiv_delivered"].sum(), "2015")
    fails("ex0_3", russia["tiv_delivered"].sum(), "every year")
    fails("ex0_3", russia.loc[russia["order_year"] == 2016, "tiv_delivered"].sum(), "no rows")
    fails("ex0_3", russia.loc[russia["delivery_year"] != 2016, "tiv_delivered"].sum(), "`!=`")
    # a total that is no known mistake is told to check its rows, never to add the column again
    feedback = fails("ex0_3", total - 1, "check which rows")
    assert "Add up the `tiv_delivered` column" not in feedback.message
    # bad input: 3
    fails("ex0_3", rows["tiv_delivered"], "single value")
    fails("ex0_3", "four hundred", "expected a number")
    fails("ex0_3", float("nan"), "NaN")


@pytest.mark.parametrize("qid", ["ex0_1", "ex0_2", "ex0_3"])
def test_placeholder_and_odd_input_never_escape(qid):
    assert check(qid, ...).status == UNANSWERED
    for odd in (None, float("inf"), [1, 2], {"a": 1}, pd.DataFrame({"x": range(5)})):
        fails(qid, odd)
