"""Lesson 05 questions: the worked answers pass, plausible mistakes get the intended message."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from checking import fails, passes

from treatylab import check, load
from treatylab.check import UNANSWERED
from treatylab.questions.lesson05 import (
    SHORT_LABELS,
    after_signing,
    ratification_steps,
    september_sanctions,
    share_borne_out,
    verdict_counts,
)


@pytest.fixture(scope="module")
def timeline():
    return load("timeline")


@pytest.fixture(scope="module")
def predictions():
    return load("predictions")


@pytest.fixture(scope="module")
def signing(timeline):
    return timeline.loc[timeline["event_id"] == "E40", "date"].item()


def date_of(timeline, event_id):
    return timeline.loc[timeline["event_id"] == event_id, "date"].item()


def test_helpers_agree_with_the_data(timeline, signing):
    assert signing == pd.Timestamp("2025-01-17")
    assert after_signing()["date"].gt(signing).all()
    assert set(SHORT_LABELS) <= set(timeline["event_id"])
    counts = verdict_counts()
    assert counts.to_numpy().sum() == len(load("predictions"))
    assert ratification_steps()[-1] == "E62"


def test_ex5_1(timeline, signing):
    after = timeline[timeline["date"] > signing]
    passes("ex5_1", after)
    passes("ex5_1", after[["event_id"]].iloc[::-1])
    fails("ex5_1", timeline[timeline["date"] >= signing], "signing itself", "`>`")
    fails("ex5_1", timeline[timeline["date"].dt.year == 2025], "every event of 2025")
    fails("ex5_1", timeline, "whole timeline")
    fails("ex5_1", timeline[timeline["date"] < signing], "before")
    fails("ex5_1", after[after["date_precision"] == "day"], "month precision")
    fails("ex5_1", after["event_id"].tolist(), "expected a dataframe")
    fails("ex5_1", None, "expected a dataframe")


def test_ex5_2(timeline, signing):
    us = date_of(timeline, "E51")
    israel = date_of(timeline, "E50")
    passes("ex5_2", (us - signing).days)
    passes("ex5_2", float((us - signing).days))
    fails("ex5_2", (israel - signing).days, "13 june", "e51")
    fails("ex5_2", (us - signing).days + 1, "inclusive", "23 june")
    fails("ex5_2", (signing - us).days, "sign is reversed")
    fails("ex5_2", (us - signing).days / 7, "weeks")
    fails("ex5_2", us - signing, "time span", ".days")
    fails("ex5_2", np.timedelta64((us - signing).days, "D"), "time span")
    fails("ex5_2", "156", "expected a number")
    fails("ex5_2", math.nan, "nan")


def test_ex5_3(timeline, signing):
    rows = timeline[(timeline["category"] == "ratification") & (timeline["date"] > signing)]
    political = rows["caveat"].fillna("").str.contains("political statement")
    steps = rows[~political].sort_values("date")["event_id"].tolist()
    passes("ex5_3", steps)
    passes("ex5_3", pd.Series(steps))
    fails("ex5_3", rows.sort_values("date")["event_id"].tolist(), "jalali", "political")
    fails("ex5_3", steps[::-1], "wrong order")
    fails("ex5_3", steps[:-1], "entry into force")
    fails("ex5_3", ["E40", *steps], "signing")
    fails("ex5_3", "E43 E44", "single text")
    assert check("ex5_3", ...).status == UNANSWERED


def test_ex5_4(timeline):
    sept = (timeline["date"].dt.year == 2025) & (timeline["date"].dt.month == 9)
    ids = timeline.loc[sept & (timeline["category"] == "sanctions"), "event_id"].tolist()
    passes("ex5_4", ids)
    passes("ex5_4", [x.lower() for x in ids[::-1]])
    to_oct1 = timeline["date"].between("2025-09-01", "2025-10-01")
    fails(
        "ex5_4",
        timeline.loc[to_oct1 & (timeline["category"] == "sanctions"), "event_id"].tolist(),
        "month precision",
    )
    fails("ex5_4", ["E55", *ids], "august")
    fails("ex5_4", timeline.loc[sept, "event_id"].tolist(), "nuclear")
    fails("ex5_4", ids[:-1], "missing")
    fails("ex5_4", 4, "expected a list")


def test_ex5_5(predictions):
    verdicts = predictions.set_index("prediction_id")["verdict"]
    right = {pid: verdicts[pid] for pid in ("F05", "F08", "F11")}
    passes("ex5_5", right)
    passes("ex5_5", {"f05": "Borne out", "F08": "not-borne-out", "F11": "NOT BORNE OUT"})
    passes("ex5_5", pd.Series(right))
    fails("ex5_5", {**right, "F08": "borne out"}, "not recognise", "e59")
    fails("ex5_5", {**right, "F08": "too early"}, "settled")
    fails("ex5_5", {**right, "F11": "too early"}, "2 october", "e54")
    fails("ex5_5", {**right, "F05": "untestable"}, "e51")
    fails("ex5_5", {"F05": "borne out", "F08": "not borne out"}, "missing: f11")
    fails("ex5_5", {**right, "F05": "yes"}, "not one of the four verdicts")
    fails("ex5_5", {**right, "F99": "borne out"}, "not a prediction id")
    fails("ex5_5", ["borne out", "not borne out", "not borne out"], "dictionary")


def test_ex5_6(predictions):
    settled = predictions[predictions["verdict"].isin(["borne out", "not borne out"])]
    share = (settled["verdict"] == "borne out").mean()
    assert share == pytest.approx(share_borne_out())
    passes("ex5_6", share)
    passes("ex5_6", round(share, 3))
    testable = predictions[predictions["verdict"] != "untestable"]
    fails("ex5_6", (testable["verdict"] == "borne out").mean(), "too early", "failures")
    fails("ex5_6", (predictions["verdict"] == "borne out").mean(), "all predictions")
    fails("ex5_6", share * 100, "percentage")
    fails("ex5_6", 1.0, "article's predictions only")
    fails("ex5_6", 0.4, "analysts' predictions only")
    fails("ex5_6", 0.9, "not quite")
    fails("ex5_6", "2/3", "expected a number")


def test_ex5_7():
    reason = (
        "Force was used against Iran (E50, E51) and Russia offered only words and mediation "
        "(E52); the criticism it then had to rebut hurt its standing as a partner."
    )
    passes("ex5_7", {"verdict": "borne out", "reason": reason})
    passes("ex5_7", {"Verdict": "too early", "Reason": reason})
    fails("ex5_7", {"verdict": "borne out", "reason": "Russia had problems."}, "15 words")
    fails(
        "ex5_7",
        {"verdict": "borne out", "reason": " ".join(["Russia clearly faced real problems"] * 4)},
        "evidence",
    )
    fails("ex5_7", {"verdict": "sort of", "reason": reason}, "four verdicts")
    fails("ex5_7", {"verdict": "borne out"}, "reason")
    fails("ex5_7", "borne out", "dictionary")


def test_september_helper_leaves_out_month_precision_october(timeline):
    assert "E61" not in september_sanctions()
    assert "E55" not in september_sanctions()
