"""Lesson 01 questions: the worked answers pass, plausible mistakes get the intended message."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from checking import fails, passes

from treatylab.questions.lesson01 import key_dates, provisions, timeline

RATIFICATION = "ratification"


@pytest.fixture(scope="module")
def tl():
    return timeline()


@pytest.fixture(scope="module")
def prov():
    return provisions()


@pytest.fixture(scope="module")
def dates():
    return key_dates()


def test_ex1_1(tl):
    answer = tl[tl["category"] == "sanctions"]
    passes("ex1_1", answer)
    passes("ex1_1", answer[["date", "event"]])
    fails("ex1_1", tl[tl["topic"].str.contains("sanctions")], "topic")
    fails("ex1_1", tl[tl["event"].str.contains("sanction", case=False)], "event text")
    fails("ex1_1", tl, "whole timeline")
    fails("ex1_1", tl[tl["category"] == "nuclear"], "missing")
    fails("ex1_1", pd.concat([answer, answer]), "more than once")
    fails("ex1_1", answer["event"], "expected a DataFrame")
    fails("ex1_1", None, "expected a DataFrame")


def test_ex1_2(dates):
    signed, in_force = dates["signing"], dates["in force"]
    passes("ex1_2", (in_force - signed).days)
    fails("ex1_2", (in_force - signed).days + 1, "one day too many")
    fails("ex1_2", (dates["Jalali"] - signed).days, "political statement")
    fails("ex1_2", (dates["Guardian Council"] - signed).days, "Guardian Council")
    fails("ex1_2", (dates["Putin's law"] - signed).days, "Putin's law")
    fails("ex1_2", (signed - in_force).days, "wrong way round")
    fails("ex1_2", in_force - signed, "time span", ".days")
    fails("ex1_2", float("nan"), "expected a number")
    fails("ex1_2", "258", "expected a number")


def test_ex1_3(dates):
    passes("ex1_3", (dates["signing"] - dates["finalised"]).days)
    fails("ex1_3", (dates["signing"] - dates["announced"]).days, "23 July", "21 June")
    fails("ex1_3", (dates["signing"] - dates["first version"]).days, "21 July")
    fails("ex1_3", (dates["signing"] - dates["finalised"]).days + 1, "one day too many")
    fails("ex1_3", (dates["signing"] - dates["Raisi"]).days, "Raisi")
    fails("ex1_3", (dates["signing"] - dates["approved"]).days, "approval")
    fails("ex1_3", [210], "expected a number")


def test_ex1_4(prov):
    rows = prov[prov["treaty"] == "2025 Russia–Iran"]
    passes("ex1_4", rows["theme"].value_counts())
    passes("ex1_4", rows.groupby("theme").size())
    passes("ex1_4", rows["theme"].value_counts().reset_index())
    fails("ex1_4", prov["theme"].value_counts(), "2001 treaty", "DPRK")
    confirmed = rows[rows["article_status"] == "confirmed"]
    fails("ex1_4", confirmed["theme"].value_counts(), "only the provisions")
    fails("ex1_4", rows["theme"].value_counts(normalize=True), "shares")
    fails("ex1_4", rows["theme"].value_counts().head(3), "themes do not match")
    fails("ex1_4", 26, "expected a Series")


def test_ex1_5(prov):
    rows = prov[prov["treaty"] == "2025 Russia–Iran"]
    passes("ex1_5", rows["article"].notna().sum())
    fails("ex1_5", len(rows), "not confirmed")
    fails("ex1_5", (rows["article_status"] == "confirmed").sum(), "preamble")
    fails("ex1_5", prov["article"].notna().sum(), "all three treaties")
    fails("ex1_5", (rows["article_status"] == "not confirmed").sum(), "NOT confirmed")
    fails("ex1_5", 6, "different articles")
    fails("ex1_5", rows["article"].dropna(), "expected a number")


def test_ex1_6(prov):
    security = prov[prov["provision"].str.contains("military assistance")]
    passes("ex1_6", security["treaty"].iloc[0])
    passes("ex1_6", "2024 russia-dprk")
    passes("ex1_6", "Russia–North Korea")
    fails("ex1_6", "2025 Russia–Iran", "Art. 3(3)", "aggressor")
    fails("ex1_6", "2001 Russia–Iran", "third treaty")
    fails("ex1_6", "none", "does promise")
    fails("ex1_6", "NATO", "not one of the treaties")
    fails("ex1_6", ["2024 Russia–DPRK"], "expected text")


def test_ex1_7(tl):
    def first_and_last(category):
        dates = tl.loc[tl["category"] == category, "date"]
        return dates.min(), dates.max()

    passes("ex1_7", first_and_last)
    passes("ex1_7", lambda c: [str(d.date()) for d in first_and_last(c)])

    def whole(category):
        return tl["date"].min(), tl["date"].max()

    fails("ex1_7", whole, "same pair", "category")
    fails("ex1_7", lambda c: first_and_last(c)[::-1], "wrong way round")
    fails("ex1_7", lambda c: None, "returned None")
    fails("ex1_7", lambda c: tl.loc[tl["category"] == c, "date"], "a pair")
    fails("ex1_7", lambda c: 1 / 0, "ZeroDivisionError")

    def events(category):
        rows = tl[tl["category"] == category]
        return rows["event"].iloc[0], rows["event"].iloc[-1]

    fails("ex1_7", events, "not a date")
    fails("ex1_7", "first_and_last", "expected a function")


def _steps(tl, keep_statement=False):
    rows = tl[tl["category"] == RATIFICATION]
    if not keep_statement:
        political = rows["caveat"].fillna("").str.startswith("A political statement")
        rows = rows[~political]
    return rows.sort_values("date")[["date", "event"]].reset_index(drop=True)


def test_ex1_8(tl, dates):
    steps = _steps(tl)
    good = steps.assign(gap_days=steps["date"].diff().dt.days)
    passes("ex1_8", good)
    passes("ex1_8", good[["date", "gap_days"]])

    with_statement = _steps(tl, keep_statement=True)
    with_statement["gap_days"] = with_statement["date"].diff().dt.days
    fails("ex1_8", with_statement, "18 July", "political statement")

    fails("ex1_8", good.assign(gap_days=good["gap_days"] + 1), "one day too long")
    fails("ex1_8", good.iloc[::-1], "not in date order")
    fails("ex1_8", good.assign(gap_days=steps["date"].diff()), "time spans")
    fails("ex1_8", good.assign(gap_days=steps["date"].diff(-1).dt.days), "negative")
    fails(
        "ex1_8",
        good.assign(gap_days=(steps["date"] - dates["signing"]).dt.days),
        "days since the start",
    )
    fails("ex1_8", good.assign(gap_days=good["gap_days"].fillna(0)), "first step")
    fails("ex1_8", good.iloc[1:], "missing")

    signing = pd.DataFrame({"date": [dates["signing"]], "event": ["signing"]})
    with_signing = pd.concat([signing, steps], ignore_index=True)
    with_signing["gap_days"] = with_signing["date"].diff().dt.days
    fails("ex1_8", with_signing, "signing")
    fails("ex1_8", good.drop(columns="gap_days"), "gap_days")
    fails("ex1_8", np.array([1, 2]), "expected a DataFrame")
    fails("ex1_8", pd.DataFrame({"date": [None], "gap_days": [None]}), "no date")
