"""Every question, through the same generic tests: the properties the check engine promises.

For each of the course's questions (whatever lesson declares it):
- the worked answer, computed from data/, passes; so do other legitimate forms of it (the
  kind's own variants: list/tuple/set/array/Series/Index, rounded, reordered, retyped ...);
- each known mistake, given exactly, gets its own message (so every message is reachable and
  no mistake hides behind another), and a non-manual question declares at least three;
- nothing the check is given is changed (a snapshot before and after is equal);
- arbitrary input never escapes as an exception and is never blamed on the course.

The per-lesson files (tests/test_lessonNN.py) add the answers a learner would really type.
"""

from __future__ import annotations

import math
import os

import numpy as np
import pandas as pd
import pytest
from checking import snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatylab.check import CORRECT, FAULT, RECORDED, UNANSWERED, WRONG, check
from treatylab.questions import LESSONS, all_questions
from treatylab.questions.base import CourseFault, NotApplicable

# TREATYLAB_TEST_LESSONS=1,3 restricts these tests to some lessons (while one is rewritten).
ONLY = os.environ.get("TREATYLAB_TEST_LESSONS", "")
TESTED = tuple(int(n) for n in ONLY.split(",") if n.strip()) or LESSONS
QUESTIONS = all_questions(TESTED)
IDS = [q.qid for q in QUESTIONS]
PASSING = (CORRECT, RECORDED)


def status_for(q) -> str:
    return RECORDED if q.manual else CORRECT


def legitimate_forms(q) -> list[object]:
    reference = q.reference()
    return [reference, *q.kind.variants(reference), *(make() for make in q.examples)]


def test_there_are_questions_in_every_lesson():
    lessons = {q.lesson for q in QUESTIONS}
    assert lessons == set(TESTED), lessons


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_the_worked_answer_and_other_legitimate_forms_pass_unchanged(q):
    forms = legitimate_forms(q)
    assert len(forms) >= 3, f"{q.qid}: fewer than three legitimate forms are tested"
    for form in forms:
        before = snapshot(form)
        feedback = check(q.qid, form)
        assert feedback.status == status_for(q), f"{q.qid} refused {form!r}: {feedback.text()}"
        assert snapshot(form) == before, f"{q.qid} changed the answer it was given"


@pytest.mark.parametrize("q", [q for q in QUESTIONS if not q.manual], ids=lambda q: q.qid)
def test_at_least_three_known_mistakes(q):
    assert len(q.mistakes) >= 3, f"{q.qid} declares {len(q.mistakes)} known mistakes"


MISTAKES = [(q, i) for q in QUESTIONS for i in range(len(q.mistakes))]


@pytest.mark.parametrize("q, index", MISTAKES, ids=[f"{q.qid}-m{i}" for q, i in MISTAKES])
def test_every_known_mistake_gets_its_own_message(q, index):
    mistake = q.mistakes[index]
    try:
        answer = mistake.trigger()
    except NotApplicable:
        pytest.skip("the loaded data cannot produce this mistake")
    if mistake.value is not None and q.verdict is not None:
        try:
            wrong = q._mistaken_answer(mistake, q.kind.expected())
        except CourseFault as fault:
            raise AssertionError(f"{q.qid}: mistake {index} failed: {fault}") from fault
        if wrong is None:
            pytest.skip("with the loaded data this mistake gives the right answer")
    before = snapshot(answer)
    feedback = check(q.qid, answer)
    assert feedback.status == WRONG, f"{q.qid} mistake {index}: {feedback.text()}"
    # Where the data make two mistakes give the same answer, both messages are shown.
    assert mistake.text() in feedback.message, (
        f"{q.qid} mistake {index} got another message:\n  {feedback.message}\n"
        f"expected:\n  {mistake.text()}"
    )
    assert snapshot(answer) == before


ODD = [
    None,
    ...,
    True,
    float("nan"),
    float("inf"),
    -1,
    10**30,
    "",
    "   ",
    "x" * 10_000,
    [],
    [None],
    {},
    {"a": 1},
    (1, 2),
    set(),
    np.array([]),
    np.zeros((3, 3)),
    pd.Series(dtype=float),
    pd.DataFrame(),
    pd.DataFrame({"a": [1, 2]}),
    pd.Series([1, 2], index=pd.MultiIndex.from_tuples([(1, 2), (3, 4)])),
    pd.Timestamp("2025-01-17"),
    object(),
    print,
    int,
    lambda *args: None,
    lambda *args: 1 / 0,
]


class Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")

    def __deepcopy__(self, memo):
        raise RuntimeError("no copy")


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_odd_input_is_the_learners_to_fix_never_a_crash(q):
    for answer in [*ODD, Unprintable()]:
        feedback = check(q.qid, answer)
        assert feedback.status in (WRONG, UNANSWERED, RECORDED), (q.qid, feedback.text())
        assert feedback.message
        feedback.text()
        feedback._repr_html_()


values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.dates().map(pd.Timestamp),
    lambda children: (
        st.lists(children, max_size=6)
        | st.dictionaries(st.text(max_size=5), children, max_size=4)
        | st.lists(st.floats() | st.integers(), max_size=8).map(pd.Series)
    ),
    max_leaves=12,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(QUESTIONS), values)
def test_property_random_input_gets_a_verdict_never_a_fault(q, answer):
    before = snapshot(answer)
    feedback = check(q.qid, answer)
    assert feedback.status in (WRONG, UNANSWERED, RECORDED, CORRECT), feedback.text()
    assert feedback.status != FAULT
    if feedback.status == CORRECT:  # random input may only pass if it equals the answer
        assert check(q.qid, q.reference()).status == CORRECT
    assert snapshot(answer) == before


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_property_legitimate_forms_pass_unchanged(data):
    q = data.draw(st.sampled_from(QUESTIONS))
    forms = legitimate_forms(q)
    form = data.draw(st.sampled_from(forms))
    before = snapshot(form)
    assert check(q.qid, form).status == status_for(q)
    assert snapshot(form) == before


def test_numbers_rounded_as_the_message_rounds_pass():
    for q in QUESTIONS:
        decimals = getattr(q.kind, "decimals", None)
        reference = q.reference()
        if isinstance(decimals, int) and isinstance(reference, int | float) and not q.manual:
            value = round(float(reference), decimals)
            if math.isfinite(value):
                assert check(q.qid, value).status == CORRECT, q.qid
