"""The feedback engine: student mode never raises, strict mode does, HTML is safe."""

from __future__ import annotations

import math
import statistics
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatylab import check, check_all, hint
from treatylab.check import CORRECT, UNANSWERED, UNKNOWN, WRONG, reset_progress
from treatylab.questions import all_questions

QIDS = [q.qid for q in all_questions()]


class BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("repr exploded")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq exploded")

    __hash__ = object.__hash__


ODD_ANSWERS = [
    None,
    ...,
    math.nan,
    float("inf"),
    -1,
    0,
    True,
    "",
    "x" * 10_000,
    [],
    {},
    object(),
    BadRepr(),
    pd.DataFrame(),
    pd.Series(dtype=float),
    pd.DataFrame({"a": range(200_000)}),
    np.float64("nan"),
    np.array([1, 2, 3]),
    lambda *args: 1 / 0,
    print,
    int,
]


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    monkeypatch.delenv("TREATYLAB_STRICT", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    reset_progress()


def test_questions_exist():
    assert len(QIDS) >= 3
    for q in all_questions():
        assert q.title and q.hints, f"{q.qid} needs a title and at least one hint"


@pytest.mark.parametrize("qid", QIDS)
@pytest.mark.parametrize("answer", ODD_ANSWERS, ids=lambda a: type(a).__name__)
def test_odd_answers_never_raise(qid, answer):
    feedback = check(qid, answer)
    assert feedback.status in (WRONG, UNANSWERED)
    assert feedback.message
    assert "Traceback" not in feedback.text()
    feedback._repr_html_()


answers = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=50)
    | st.binary(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.text(max_size=5), inner, max_size=5)
        | st.tuples(inner, inner)
    ),
    max_leaves=10,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(qid=st.sampled_from(QIDS), answer=answers)
def test_property_student_mode_never_raises(qid, answer):
    feedback = check(qid, answer)
    assert feedback.status in (CORRECT, WRONG, UNANSWERED)
    assert isinstance(feedback.text(), str)


@settings(max_examples=40, deadline=None)
@given(qid=st.one_of(st.text(max_size=12), st.integers(), st.none()))
def test_property_unknown_ids_never_raise(qid):
    if isinstance(qid, str) and qid.strip() in QIDS:
        return
    feedback = check(qid, 1)
    assert feedback.status == UNKNOWN
    assert "no exercise called" in feedback.message


def test_placeholder_and_missing_answer():
    assert check("ex0_1", ...).status == UNANSWERED
    assert "Replace the `...`" in check("ex0_1", ...).message
    assert "Pass your answer" in check("ex0_1").message


def test_strict_mode_raises_on_wrong_and_unanswered(monkeypatch):
    monkeypatch.setenv("TREATYLAB_STRICT", "1")
    with pytest.raises(AssertionError, match="number of columns"):
        check("ex0_1", 14)
    with pytest.raises(AssertionError):
        check("ex0_1", ...)
    with pytest.raises(AssertionError):
        check("no_such", 1)


def test_strict_mode_passes_a_right_answer(monkeypatch):
    from treatylab.questions.lesson00 import deliveries_2016

    monkeypatch.setenv("TREATYLAB_STRICT", "1")
    assert check("ex0_1", len(deliveries_2016())).correct


def test_nbgrader_autograde_is_strict(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError):
        check("ex0_1", 14)


def test_hints_progress_with_wrong_tries():
    first = check("ex0_1", 999)
    second = check("ex0_1", 998)
    third = check("ex0_1", 997)
    assert first.hint and second.hint and first.hint != second.hint
    assert third.hint == second.hint  # the last hint stays
    assert hint("ex0_1").hint


def test_learner_text_is_escaped_in_html():
    feedback = check("ex0_2", "<script>alert(1)</script>")
    page = feedback._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "<script>" in feedback.text()  # plain text shows it as typed


def test_check_all_counts_progress():
    from treatylab.questions.lesson00 import deliveries_2016

    rows = deliveries_2016()
    check("ex0_1", len(rows))
    check("ex0_3", 1.0)
    summary = check_all(0)
    assert summary.correct == 1
    assert summary.headline() == "1 of 3 exercises correct."
    assert "not answered" in summary.text()
    assert "<table" in summary._repr_html_()


def test_check_latency_under_50_ms():
    from treatylab.questions.lesson00 import deliveries_2016

    answer = len(deliveries_2016())
    check("ex0_1", answer)  # warm: data loaded once per session
    timings = []
    for _ in range(20):
        start = time.perf_counter()
        check("ex0_1", answer)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.05
