"""Lesson 00 questions: the worked answers pass, plausible mistakes get the intended message."""

from __future__ import annotations

import pytest
from checking import fails, passes

from treatylab.questions.lesson00 import deliveries_2016


@pytest.fixture(scope="module")
def rows():
    return deliveries_2016()


def test_ex0_1(rows):
    passes("ex0_1", len(rows))
    fails("ex0_1", rows.shape[1], "number of columns")
    fails("ex0_1", 111, "whole table")
    fails("ex0_1", "6", "expected a number")


def test_ex0_2(rows):
    passes("ex0_2", "S-300PMU2")
    passes("ex0_2", " s-300pmu2 ")
    fails("ex0_2", "48N6", "largest number")
    fails("ex0_2", "Malyutka", "first row")
    fails("ex0_2", rows, "expected text")


def test_ex0_3(rows):
    passes("ex0_3", rows["tiv_delivered"].sum())
    fails("ex0_3", 220, "S-300PMU2")
    fails("ex0_3", rows["tiv_per_unit"].sum(), "per item")
    fails("ex0_3", rows["tiv_delivered"], "expected a number")
