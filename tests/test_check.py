"""The feedback engine: statuses, strict mode, hints, progress on disk, faults of the course.

Properties that hold for every question (the worked answer and its legitimate forms pass,
every known mistake reaches its message, odd input never crashes, nothing is changed) are in
tests/test_questions.py; this file tests the engine around them.
"""

from __future__ import annotations

import importlib
import json
import os
import statistics
import time

import pandas as pd
import pytest

from treatylab import check, check_all, hint
from treatylab.check import (
    CORRECT,
    FAULT,
    PROGRESS_FILE,
    RECORDED,
    UNANSWERED,
    UNKNOWN,
    WRONG,
    reset_progress,
)
from treatylab.data import DataFileError
from treatylab.questions import all_questions, find
from treatylab.questions.base import CourseFault, Mistake, NotApplicable, Question
from treatylab.questions.kinds import Labels, Number


@pytest.fixture(autouse=True)
def fresh(monkeypatch, tmp_path):
    """Each test: not strict, progress kept in a folder of its own."""
    monkeypatch.delenv("TREATYLAB_STRICT", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("TREATYLAB_PROGRESS", "1")
    monkeypatch.chdir(tmp_path)
    reset_progress()


def rows_2016() -> int:
    from treatylab.questions.lesson00 import deliveries_2016

    return len(deliveries_2016())


TESTED = tuple(
    int(n) for n in os.environ.get("TREATYLAB_TEST_LESSONS", "").split(",") if n.strip()
) or (0, 1, 2, 3, 4, 5)


def test_every_question_has_a_title_and_hints():
    for q in all_questions(TESTED):
        assert q.title and q.hints, f"{q.qid} needs a title and at least one hint"


def test_unknown_ids_are_named_not_raised():
    for qid in ["no_such", "ex9_9", "", 3, None, "ex2_99", "ex_", "exx1_1"]:
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
    monkeypatch.setenv("TREATYLAB_STRICT", "1")
    assert check("ex0_1", rows_2016()).correct


def test_nbgrader_autograde_is_strict(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError):
        check("ex0_1", 14)


def test_each_wrong_try_shows_the_next_hint_then_the_last_again():
    q = find("ex0_1")
    first = check("ex0_1", 999)
    second = check("ex0_1", 998)
    third = check("ex0_1", 997)
    assert (first.hint, second.hint) == q.hints[:2]
    assert third.hint == q.hints[-1]


def test_hint_gives_the_next_hint_each_call_and_says_when_there_are_no_more():
    q = find("ex0_3")
    shown = [hint("ex0_3").hint for _ in range(len(q.hints))]
    assert shown == list(q.hints)
    last = hint("ex0_3")
    assert "No more hints" in last.hint and str(len(q.hints)) in last.hint


def test_hint_and_check_never_raise_on_an_unprintable_id():
    class Unprintable:
        def __repr__(self) -> str:
            raise RuntimeError

    assert hint(Unprintable()).status == UNKNOWN
    assert check(Unprintable(), 1).status == UNKNOWN


def test_learner_text_is_escaped_in_html():
    feedback = check("ex0_2", "<script>alert(1)</script>")
    page = feedback._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "<script>" in feedback.text()  # plain text shows it as typed


def test_check_all_shows_the_latest_result_not_the_best():
    check("ex0_1", rows_2016())
    assert check_all(0).correct == 1
    check("ex0_1", 999)
    summary = check_all(0)
    assert summary.correct == 0
    assert "not yet (2 tries)" in summary.text()


def test_progress_survives_a_kernel_restart(tmp_path):
    check("ex0_1", rows_2016())
    check("ex0_3", 1.0)
    hint("ex0_2")
    saved = json.loads((tmp_path / PROGRESS_FILE).read_text(encoding="utf-8"))
    assert saved["ex0_1"]["status"] == CORRECT
    assert saved["ex0_2"]["hints_shown"] == 1

    engine = importlib.import_module("treatylab.check")
    engine._progress.clear()  # what a restart does to memory
    engine._loaded_from = None
    summary = check_all(0)
    assert summary.headline() == "1 of 3 exercises correct."
    assert "not yet (1 try)" in summary.text()
    second = hint("ex0_2")
    assert second.hint == find("ex0_2").hints[1]


def test_progress_can_be_turned_off_and_a_read_only_folder_is_harmless(tmp_path, monkeypatch):
    monkeypatch.setenv("TREATYLAB_PROGRESS", "0")
    check("ex0_1", rows_2016())
    assert not (tmp_path / PROGRESS_FILE).exists()
    monkeypatch.setenv("TREATYLAB_PROGRESS", "1")
    tmp_path.chmod(0o500)
    try:
        assert check("ex0_1", rows_2016()).correct
    finally:
        tmp_path.chmod(0o700)


def test_a_damaged_progress_file_is_ignored(tmp_path):
    (tmp_path / PROGRESS_FILE).write_text("{not json", encoding="utf-8")
    engine = importlib.import_module("treatylab.check")
    engine._loaded_from = None
    engine._progress.clear()
    assert check("ex0_1", rows_2016()).correct


def test_a_broken_data_file_is_the_courses_fault_not_a_wrong_try(monkeypatch):
    import treatylab.questions.lesson00 as lesson

    def broken():
        raise DataFileError("data/sipri_russia_iran_deliveries.csv has been changed")

    monkeypatch.setattr(lesson, "_deliveries_2016", broken)
    find("ex0_1").forget()
    feedback = check("ex0_1", 6)
    assert feedback.status == FAULT
    assert "could not run" in feedback.text()
    assert "not your mistake" in feedback.message and "make data" in feedback.message
    assert "has been changed" in feedback.message
    assert check_all(0).rows[0][3] == 0  # not counted as a try


def test_strict_mode_raises_the_real_error_of_a_failing_key(monkeypatch):
    import treatylab.questions.lesson00 as lesson

    def broken():
        raise DataFileError("data/x.csv is missing")

    monkeypatch.setattr(lesson, "_deliveries_2016", broken)
    find("ex0_1").forget()
    monkeypatch.setenv("TREATYLAB_STRICT", "1")
    with pytest.raises(DataFileError, match="is missing"):
        check("ex0_1", 6)


def test_free_text_is_recorded_never_correct_and_strict_mode_accepts_it(monkeypatch):
    free = [q for q in all_questions(TESTED) if q.manual]
    if not free:
        pytest.skip("no free-text question in the lessons tested")
    for q in free:
        feedback = check(q.qid, q.reference())
        assert feedback.status == RECORDED and not feedback.correct and feedback.done
        assert "Recorded" in feedback.message
    monkeypatch.setenv("TREATYLAB_STRICT", "1")
    assert check(free[0].qid, free[0].reference()).status == RECORDED


def test_free_text_refuses_filler():
    free = [q for q in all_questions(TESTED) if q.manual]
    if not free:
        pytest.skip("no free-text question in the lessons tested")
    q = free[0]
    for filler in ["lorem ipsum " * 40, "yes", "word " * 60]:
        assert check(q.qid, filler).status == WRONG


def test_a_mistake_the_data_make_equal_to_the_answer_is_never_reported():
    q = Question(
        "ex99_1",
        "demo",
        Number(lambda: 10, "a number"),
        mistakes=(
            Mistake.answer(lambda: 10, "never shown: equals the answer"),
            Mistake.answer(lambda: 11, "eleven"),
            Mistake.answer(lambda: (_ for _ in ()).throw(NotApplicable()), "not applicable"),
        ),
    )
    assert q.verdict(10).status == "correct"
    with pytest.raises(Exception, match="eleven"):
        q.verdict(11)


def test_mistakes_the_data_make_identical_are_both_named():
    q = Question(
        "ex99_2",
        "demo",
        Labels(lambda: ["a", "b"], "names"),
        mistakes=(
            Mistake.answer(lambda: ["a"], "first message"),
            Mistake.answer(lambda: ["a"], "second message"),
        ),
    )
    with pytest.raises(Exception) as raised:
        q.verdict(["a"])
    assert "first message" in str(raised.value) and "second message" in str(raised.value)


def test_a_failing_known_mistake_is_a_fault_of_the_key():
    q = Question(
        "ex99_3",
        "demo",
        Number(lambda: 10, "a number"),
        mistakes=(Mistake.answer(lambda: 1 / 0, "broken"),),
    )
    with pytest.raises(CourseFault):
        q.verdict(12)


def test_check_latency_under_50_ms():
    answer = rows_2016()
    check("ex0_1", answer)  # warm: data loaded once per session
    timings = []
    for _ in range(20):
        start = time.perf_counter()
        check("ex0_1", answer)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.05


def test_series_checks_leave_the_learners_index_and_dtype_alone():
    counts = pd.Series([3, 2], index=pd.Index(["b", "a"], name="mine"), dtype="int32")
    before = (counts.index.name, counts.dtype, list(counts.index))
    for q in all_questions(TESTED):
        check(q.qid, counts)
    assert (counts.index.name, counts.dtype, list(counts.index)) == before
