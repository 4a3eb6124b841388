"""Assertions for question tests: the worked answer passes, plausible mistakes fail helpfully."""

from __future__ import annotations

import pickle

from treatylab.check import CORRECT, WRONG, Feedback, check


def snapshot(value: object) -> bytes | str:
    """Something equal before and after a check only if the check left ``value`` alone."""
    try:
        return pickle.dumps(value)
    except Exception:  # a learner's local function cannot be pickled: compare its repr
        return repr(value)


def passes_unchanged(qid: str, answer: object) -> Feedback:
    """Assert that ``answer`` is accepted for ``qid`` and that the check did not change it."""
    before = snapshot(answer)
    feedback = passes(qid, answer)
    assert snapshot(answer) == before, f"{qid} changed the answer it was given"
    return feedback


def passes(qid: str, answer: object) -> Feedback:
    """Assert that ``answer`` is accepted for ``qid``; return the feedback."""
    feedback = check(qid, answer)
    assert feedback.status == CORRECT, feedback.text()
    return feedback


def fails(qid: str, answer: object, *phrases: str) -> Feedback:
    """Assert that ``answer`` is rejected and the message contains every phrase (any case)."""
    feedback = check(qid, answer)
    assert feedback.status == WRONG, f"expected a rejection, got: {feedback.text()}"
    text = feedback.message.casefold()
    for phrase in phrases:
        assert phrase.casefold() in text, f"{phrase!r} not in: {feedback.message}"
    return feedback
