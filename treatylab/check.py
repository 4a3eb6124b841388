"""Feedback on exercise answers, in the notebook: ``check(qid, answer)`` and ``check_all()``.

In student mode (the default) ``check`` never raises and never prints a traceback: whatever it
is given, it shows ✅ or ❌ with one specific message, and after a wrong answer a hint that
gets more concrete with each try. In strict mode (``TREATYLAB_STRICT=1``, set by the test
command for solutions/, or nbgrader's autograding run) a wrong answer raises AssertionError,
so a worked solution that stops passing fails CI.

Results render as HTML in JupyterLab and as plain text elsewhere; nbval compares the text.
Everything shown back from the learner is HTML-escaped.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass

from treatylab.questions import find, load_lesson
from treatylab.questions.base import Question, Wrong, lesson_of

STRICT_ENV = "TREATYLAB_STRICT"
_MISSING = object()

CORRECT, WRONG, UNANSWERED, UNKNOWN = "correct", "not yet", "not answered", "unknown"
_ICONS = {CORRECT: "✅", WRONG: "❌", UNANSWERED: "✏️", UNKNOWN: "❓"}
_COLOURS = {CORRECT: "#1b7837", WRONG: "#b2182b", UNANSWERED: "#5e5e5e", UNKNOWN: "#5e5e5e"}


def strict_mode() -> bool:
    """True when failing checks must raise: TREATYLAB_STRICT=1 or nbgrader autograding."""
    if os.environ.get(STRICT_ENV, "").strip() not in ("", "0", "false", "no"):
        return True
    return os.environ.get("NBGRADER_EXECUTION") in ("autograde", "validate")


@dataclass
class _Progress:
    status: str = UNANSWERED
    attempts: int = 0
    wrong: int = 0


_progress: dict[str, _Progress] = {}


def reset_progress() -> None:
    """Forget every result of this session (check_all starts from zero)."""
    _progress.clear()


def _markup(text: str) -> str:
    """Escape text for HTML, then render `code` spans."""
    escaped = html.escape(text)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


@dataclass(frozen=True)
class Feedback:
    """What ``check`` shows: a status, a message, and perhaps a hint."""

    qid: str
    label: str
    title: str
    status: str
    message: str
    hint: str = ""

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    def __bool__(self) -> bool:
        return self.correct

    def text(self) -> str:
        heading = f"{_ICONS[self.status]} {self.label}"
        if self.title:
            heading += f" ({self.title})"
        lines = [f"{heading}: {self.status}. {self.message}".rstrip()]
        if self.hint:
            lines.append(f"💡 Hint: {self.hint}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        colour = _COLOURS[self.status]
        title = f" ({_markup(self.title)})" if self.title else ""
        hint = (
            f'<div style="margin-top:.3em">💡 <strong>Hint:</strong> {_markup(self.hint)}</div>'
            if self.hint
            else ""
        )
        return (
            f'<div class="treatylab-feedback" style="border-left:4px solid {colour};'
            f'padding:.4em .8em;margin:.2em 0">'
            f"<strong>{_ICONS[self.status]} {_markup(self.label)}{title}: "
            f"{self.status}.</strong> {_markup(self.message)}{hint}</div>"
        )


def _label_for(qid: str) -> str:
    try:
        lesson, number = qid[2:].split("_")
        return f"Exercise {int(lesson)}.{int(number)}"
    except (ValueError, TypeError):
        return "Exercise ?"


def _unknown(qid: object) -> Feedback:
    shown = repr(qid)[:40]
    return Feedback(
        str(qid)[:40],
        "Exercise ?",
        "",
        UNKNOWN,
        f"There is no exercise called {shown}. Exercise ids look like 'ex2_3' "
        "(lesson 2, exercise 3); copy the id from the exercise's check cell.",
    )


def _hint_for(q: Question, wrong_count: int) -> str:
    if not q.hints:
        return ""
    return q.hints[min(wrong_count, len(q.hints)) - 1]


def _grade(q: Question, answer: object) -> Feedback:
    progress = _progress.setdefault(q.qid, _Progress())
    if answer is _MISSING:
        return Feedback(
            q.qid,
            q.label,
            q.title,
            UNANSWERED,
            f"Pass your answer too: `check({q.qid!r}, your_answer)`.",
        )
    if answer is Ellipsis:
        return Feedback(
            q.qid,
            q.label,
            q.title,
            UNANSWERED,
            "Replace the `...` in the answer cell with your answer, run that cell, "
            "then run this one again.",
        )
    progress.attempts += 1
    try:
        message = q.test(answer)
    except Wrong as wrong:
        progress.wrong += 1
        if progress.status != CORRECT:
            progress.status = WRONG
        return Feedback(q.qid, q.label, q.title, WRONG, str(wrong), _hint_for(q, progress.wrong))
    except Exception as error:  # a checker must never show a learner a traceback
        progress.wrong += 1
        if progress.status != CORRECT:
            progress.status = WRONG
        return Feedback(
            q.qid,
            q.label,
            q.title,
            WRONG,
            f"This answer could not be checked ({type(error).__name__}). Check that it has "
            "the form the exercise asks for.",
            _hint_for(q, progress.wrong),
        )
    progress.status = CORRECT
    return Feedback(q.qid, q.label, q.title, CORRECT, message or "Well done.")


def check(qid: object, answer: object = _MISSING) -> Feedback:
    """Check ``answer`` for exercise ``qid`` and show the result.

    Student mode never raises. Strict mode raises AssertionError unless the answer is right.
    """
    if not isinstance(qid, str):
        feedback = _unknown(qid)
    else:
        try:
            q = find(qid.strip())
        except Exception:  # a broken lesson module must not surface as a traceback
            q = None
        feedback = _unknown(qid) if q is None else _grade(q, answer)
    if strict_mode() and not feedback.correct:
        raise AssertionError(feedback.text())
    return feedback


def hint(qid: str) -> Feedback:
    """Show the next hint for an exercise without checking an answer."""
    q = find(qid) if isinstance(qid, str) else None
    if q is None:
        return _unknown(qid)
    progress = _progress.setdefault(q.qid, _Progress())
    shown = _hint_for(q, max(progress.wrong, 1)) or "There is no hint for this exercise."
    return Feedback(q.qid, q.label, q.title, progress.status, "", shown)


@dataclass(frozen=True)
class Summary:
    """The table ``check_all`` shows: one row per exercise."""

    rows: tuple[tuple[str, str, str, int], ...]

    @property
    def correct(self) -> int:
        return sum(1 for row in self.rows if row[2] == CORRECT)

    def headline(self) -> str:
        total = len(self.rows)
        if total == 0:
            return "No exercises found."
        return f"{self.correct} of {total} exercises correct."

    def text(self) -> str:
        lines = [self.headline()]
        for label, title, status, attempts in self.rows:
            tries = f"{attempts} {'try' if attempts == 1 else 'tries'}"
            lines.append(f"{_ICONS[status]} {label}  {title}: {status} ({tries})")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        cell = '<td style="text-align:left">'
        body = "".join(
            f"<tr>{cell}{_ICONS[s]} {_markup(label)}</td>{cell}{_markup(title)}</td>"
            f"{cell}{_markup(s)}</td>{cell}{a}</td></tr>"
            for label, title, s, a in self.rows
        )
        head = "".join(
            f'<th style="text-align:left">{name}</th>'
            for name in ("Exercise", "Topic", "Status", "Tries")
        )
        return (
            f"<p><strong>{_markup(self.headline())}</strong></p>"
            f'<table class="treatylab-summary"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )


def check_all(lesson: int | None = None) -> Summary:
    """Summarise this session's results for one lesson (or every lesson touched so far)."""
    lessons = sorted({lesson_of(qid) for qid in _progress}) if lesson is None else [int(lesson)]
    rows = []
    for number in lessons:
        for q in load_lesson(number):
            progress = _progress.get(q.qid, _Progress())
            rows.append((q.label, q.title, progress.status, progress.attempts))
    summary = Summary(tuple(rows))
    if strict_mode() and summary.correct != len(summary.rows):
        raise AssertionError(summary.text())
    return summary
