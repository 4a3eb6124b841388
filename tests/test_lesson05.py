"""Lesson 05 questions, with the answers a learner would really type.

Each test builds its answers the way the exercise notebook invites (filters on ``timeline`` and
``predictions``), so the tests follow the data as the keys do: a right answer in several forms
passes and is left unchanged; plausible wrong answers fail with the message that names the
mistake; odd input gets a clear message.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from checking import fails, passes, passes_unchanged

from treatylab import check, load
from treatylab.check import RECORDED, UNANSWERED, WRONG
from treatylab.questions.lesson05 import (
    after_signing,
    f01_model,
    political_statements,
    ratification_steps,
    september_sanctions,
    share_borne_out,
    verdicts,
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


def test_helpers_follow_the_data(timeline, signing):
    assert after_signing()["date"].gt(signing).all()
    assert set(after_signing()["event_id"]) == set(
        timeline.loc[timeline["date"] > signing, "event_id"]
    )
    last_step = timeline[timeline["event_id"] == ratification_steps()[-1]].iloc[0]
    assert last_step["event"].startswith("The treaty enters into force")
    assert not set(political_statements()) & set(ratification_steps())
    assert "E61" not in september_sanctions() and "E55" not in september_sanctions()
    assert set(verdicts()) == {"borne out", "not borne out", "too early", "untestable"}


# --- 5.1: 3 right forms, 6 wrong answers, 2 bad inputs -------------------------------------------


def test_ex5_1(timeline, signing):
    after = timeline[timeline["date"] > signing]
    passes_unchanged("ex5_1", after)
    passes_unchanged("ex5_1", after[["event_id", "date", "event"]].iloc[::-1])
    passes_unchanged("ex5_1", after.set_index("event_id"))
    fails("ex5_1", timeline[timeline["date"] >= signing], "signing itself", "`>`")
    fails("ex5_1", timeline[timeline["date"].dt.year == signing.year], "every event of")
    fails("ex5_1", timeline, "whole timeline")
    fails("ex5_1", timeline[timeline["date"] < signing], "before")
    fails("ex5_1", after[after["date_precision"] == "day"], "month precision")
    # The issue-12 case: a table without a column the exercise asks for must fail.
    fails("ex5_1", after[["event_id"]], "`date`", "missing")
    fails("ex5_1", after["event_id"].tolist(), "expected a dataframe")
    fails("ex5_1", None, "expected a dataframe")


def test_ex5_1_a_wrong_date_is_named(timeline, signing):
    after = timeline[timeline["date"] > signing].copy()
    after.loc[after.index[0], "date"] = after["date"].iloc[0] + pd.Timedelta(days=1)
    fails("ex5_1", after, "`date` value", "not right")


# --- 5.2: 4 right forms, 6 wrong answers, 3 bad inputs -------------------------------------------


def test_ex5_2(timeline, signing):
    us = date_of(timeline, "E51")
    days = (us - signing).days
    passes_unchanged("ex5_2", days)
    passes_unchanged("ex5_2", float(days))
    passes_unchanged("ex5_2", us - signing)  # a Timedelta is a number of days too
    passes_unchanged("ex5_2", np.int64(days))
    fails("ex5_2", (date_of(timeline, "E50") - signing).days, "13 june", "e51")
    fails("ex5_2", days + 1, "inclusive", "e52")
    fails("ex5_2", (signing - us).days, "sign is reversed")
    fails("ex5_2", (us - signing) / pd.Timedelta(weeks=1), "weeks")
    fails("ex5_2", (us - signing).total_seconds(), "seconds")
    fails("ex5_2", days + 10, "not quite", "e51")
    fails("ex5_2", str(days), "expected a number", "remove the quotes")
    fails("ex5_2", float("nan"), "nan")
    fails("ex5_2", [days], "single value")


# --- 5.3: 3 right forms, 5 wrong answers, 2 bad inputs -------------------------------------------


def test_ex5_3(timeline, signing):
    rows = timeline[(timeline["category"] == "ratification") & (timeline["date"] > signing)]
    political = rows["caveat"].fillna("").str.startswith("A political statement")
    legal = rows[~political].sort_values("date")
    steps = legal["event_id"].tolist()
    passes_unchanged("ex5_3", steps)
    passes_unchanged("ex5_3", legal["event_id"])  # a Series, as the filter gives it
    passes_unchanged("ex5_3", legal["event_id"].to_numpy())
    fails("ex5_3", rows.sort_values("date")["event_id"].tolist(), "e54", "political statement")
    fails("ex5_3", legal.sort_values("date", ascending=False)["event_id"].tolist(), "latest first")
    fails("ex5_3", steps[:-1], "entry into force")
    fails("ex5_3", ["E40", *steps], "signing")
    fails("ex5_3", [*steps[:2], "E99", *steps[2:]], "'E99' is not a timeline id")
    fails("ex5_3", "E43 E44", "single text")
    assert check("ex5_3", ...).status == UNANSWERED


def test_ex5_3_ids_in_any_case(timeline, signing):
    steps = ratification_steps()
    passes("ex5_3", [s.lower() for s in steps])
    swapped = steps[:]
    swapped[0], swapped[1] = swapped[1], swapped[0]
    fails("ex5_3", swapped, "not in the right order")


# --- 5.4: 3 right forms, 6 wrong answers, 2 bad inputs -------------------------------------------


def test_ex5_4(timeline):
    sept = (timeline["date"].dt.year == 2025) & (timeline["date"].dt.month == 9)
    sanctions = timeline["category"] == "sanctions"
    ids = timeline.loc[sept & sanctions, "event_id"]
    passes_unchanged("ex5_4", ids.tolist())
    passes_unchanged("ex5_4", [x.lower() for x in ids[::-1]])
    passes_unchanged("ex5_4", set(ids))
    to_oct1 = timeline["date"].between("2025-09-01", "2025-10-01")
    fails("ex5_4", timeline.loc[to_oct1 & sanctions, "event_id"].tolist(), "month precision")
    fails("ex5_4", ["E55", *ids], "month before")
    fails("ex5_4", timeline.loc[sept, "event_id"].tolist(), "not sanctions", "nuclear")
    month_only = timeline["date"].dt.month == 9
    fails("ex5_4", timeline.loc[month_only & sanctions, "event_id"].tolist(), "other years")
    fails("ex5_4", ids.tolist()[:-1], "missing")
    fails("ex5_4", [*ids, "E07"], "should not be there")
    fails("ex5_4", 4, "expected a list")
    fails("ex5_4", [*ids, *ids], "more than once")


# --- 5.5: 3 right forms, 5 wrong answers, 3 bad inputs -------------------------------------------


def test_ex5_5(predictions):
    verdict = predictions.set_index("prediction_id")["verdict"]
    right = {pid: verdict[pid] for pid in ("F05", "F08", "F11")}
    passes_unchanged("ex5_5", right)
    passes_unchanged("ex5_5", {"f05": "Borne out", "F08": "not-borne-out", "F11": "NOT BORNE OUT"})
    passes_unchanged("ex5_5", verdict[["F05", "F08", "F11"]])  # a Series read off the table
    fails("ex5_5", {**right, "F08": "borne out"}, "not recognise", "e59")
    fails("ex5_5", {**right, "F08": "too early"}, "settled")
    fails("ex5_5", {**right, "F11": "too early"}, "2 october", "e54")
    fails("ex5_5", {**right, "F05": "untestable"}, "e51")
    fails("ex5_5", {pid: "borne out" for pid in right}, "not recognise")
    fails("ex5_5", {"F05": "borne out", "F08": "not borne out"}, "missing: f11")
    fails("ex5_5", {**right, "F05": "yes"}, "not one of the four verdicts")
    fails("ex5_5", {**right, "F99": "borne out"}, "'F99' is not a prediction id")
    fails("ex5_5", ["borne out", "not borne out", "not borne out"], "a series or a dict")


# --- 5.6: 3 right forms, 6 wrong answers, 2 bad inputs -------------------------------------------


def test_ex5_6(predictions):
    settled = predictions[predictions["verdict"].isin(["borne out", "not borne out"])]
    share = (settled["verdict"] == "borne out").mean()
    assert share == pytest.approx(share_borne_out())
    passes_unchanged("ex5_6", share)
    passes_unchanged("ex5_6", round(share, 2))
    passes_unchanged("ex5_6", settled["verdict"].eq("borne out").sum() / len(settled))
    testable = predictions[predictions["verdict"] != "untestable"]
    fails("ex5_6", (testable["verdict"] == "borne out").mean(), "too early", "failures")
    fails("ex5_6", share * 100, "percentage")
    article = settled[
        settled.index.isin(predictions.index[predictions["source_kind"] == "article"])
    ]
    fails("ex5_6", (article["verdict"] == "borne out").mean(), "article's predictions only")
    analyst = settled[~settled.index.isin(article.index)]
    fails("ex5_6", (analyst["verdict"] == "borne out").mean(), "analysts' predictions only")
    fails("ex5_6", (settled["verdict"] == "not borne out").mean(), "not borne out")
    fails("ex5_6", int((settled["verdict"] == "borne out").sum()), "number of predictions")
    fails("ex5_6", 0.99, "not quite")
    fails("ex5_6", "2/3", "expected a number")
    fails("ex5_6", settled, "expected a single value")


# --- 5.7: 4 recorded forms, 7 refused answers ----------------------------------------------------

REASON = (
    "Force was used against Iran (E50, E51) and Russia offered only words and mediation "
    "(E52); the criticism it then had to rebut hurt its standing as a partner."
)


def recorded(answer):
    feedback = check("ex5_7", answer)
    assert feedback.status == RECORDED, feedback.text()
    assert "correct" not in feedback.status
    return feedback


def refused(answer, *phrases):
    feedback = check("ex5_7", answer)
    assert feedback.status == WRONG, feedback.text()
    for phrase in phrases:
        assert phrase.casefold() in feedback.message.casefold(), feedback.message
    return feedback


def test_ex5_7_any_verdict_with_evidence_is_recorded_never_correct():
    agree = recorded({"verdict": "borne out", "reason": REASON})
    assert "you agree" in agree.message.casefold()
    differ = recorded({"Verdict": "too early", "Reason": REASON})
    assert "differs" in differ.message.casefold()
    recorded(
        pd.Series({"verdict": "untestable", "reason": REASON + " 'Problems' is never defined."})
    )
    dated = recorded(
        {
            "verdict": "not borne out",
            "reason": (
                "Russia faced no legal or military problem: the treaty was not in force during the "
                "June war, which began on 13 June 2025, and it has no defence pledge anyway."
            ),
        }
    )
    assert "model answer" in dated.message.casefold()
    assert check("ex5_7", {"verdict": "too early", "reason": f01_model()}).status == RECORDED


def test_ex5_7_what_can_be_verified_is_verified():
    refused({"verdict": "borne out", "reason": "Russia had problems."}, "15")
    refused(
        {
            "verdict": "borne out",
            "reason": "Russia clearly faced real problems after the war, because its partner "
            "was attacked and it did nothing to help at all.",
        },
        "evidence",
    )
    refused(
        {"verdict": "borne out", "reason": "lorem ipsum dolor sit amet " * 5}, "not yet an answer"
    )
    mash = "qwhe rkjt ynsd fkjh aslk djfq wepo iruz xcnv bmqw erty uiop asdf ghjk zxcv E52"
    refused({"verdict": "borne out", "reason": mash}, "sentences")
    refused(
        {"verdict": "borne out", "reason": REASON.replace("E52", "E99")},
        "E99 is not an id of the timeline",
    )
    refused(
        {
            "verdict": "borne out",
            "reason": REASON + " The treaty was already in force during "
            "the war, so Russia broke it.",
        },
        "not in force during the June war",
    )
    refused({"verdict": "sort of", "reason": REASON}, "'verdict'", "not one of")
    refused({"verdict": "borne out"}, "'reason'")
    refused("borne out", "expected a dict")


def test_ex5_7_a_reported_or_negated_claim_is_not_a_contradiction():
    for sentence in (
        " Jalali said the treaty was already in force when Israel struck; the ministry disagrees.",
        " The treaty was not in force during the war.",
        " Had the treaty been in force during the war, nothing would have changed.",
    ):
        recorded({"verdict": "borne out", "reason": REASON + sentence})


def test_ex5_7_is_graded_by_hand():
    from treatylab.questions import find

    assert find("ex5_7").manual
    assert not any(find(f"ex5_{n}").manual for n in range(1, 7))


# --- the keys follow the data ----------------------------------------------------------------


@pytest.fixture
def data_changed(monkeypatch):
    """Replace the tables the keys read, and forget the answers the kinds have cached."""
    from treatylab.questions import lesson05 as keys
    from treatylab.questions import load_lesson

    def forget():
        for q in load_lesson(5):
            q.forget()

    def change(timeline=None, predictions=None):
        if timeline is not None:
            monkeypatch.setattr(keys, "timeline", lambda: timeline)
        if predictions is not None:
            monkeypatch.setattr(keys, "predictions", lambda: predictions)
        forget()

    yield change
    monkeypatch.undo()
    forget()


def test_a_later_event_joins_exercise_5_1_and_its_messages(data_changed, timeline, signing):
    later = timeline.iloc[[-1]].assign(
        event_id="E99", date=pd.Timestamp("2026-02-28"), category="war", event="A later event."
    )
    extended = pd.concat([timeline, later], ignore_index=True)
    data_changed(timeline=extended)
    after = extended[extended["date"] > signing]
    passes("ex5_1", after)
    fails("ex5_1", timeline[timeline["date"] > signing], "missing")
    fails("ex5_1", extended[extended["date"].dt.year == 2025], "later years", "E99")


def test_rescored_predictions_change_exercise_5_6(data_changed, predictions):
    rescored = predictions.copy()
    first_borne_out = rescored.index[rescored["verdict"] == "borne out"][0]
    rescored.loc[first_borne_out, "verdict"] = "untestable"
    data_changed(predictions=rescored)
    settled = rescored[rescored["verdict"].isin(["borne out", "not borne out"])]
    share = (settled["verdict"] == "borne out").mean()
    passes("ex5_6", share)
    fails("ex5_6", share_borne_out(predictions))  # the old answer is no longer right
    assert f"{(settled['verdict'] == 'borne out').sum()} of the {len(settled)}" in (
        check("ex5_6", share).message
    )
