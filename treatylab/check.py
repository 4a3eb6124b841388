"""Feedback on exercise answers, in the notebook: ``check``, ``hint`` and ``check_all``.

In student mode (the default) ``check`` never raises and never prints a traceback: whatever it
is given, it shows ✅ (right), ❌ (not yet, with the mistake named and a hint), 📝 (a free-text
answer recorded for comparison and for the teacher), or ⚠️ when the check itself could not run
(a damaged data file, a failing answer key): that is the course's fault, so it is not counted as
a wrong try and the learner is told what to do. In strict mode (``TREATYLAB_STRICT=1``, set by
the test command for solutions/, or nbgrader's autograding run) anything but ✅ or 📝 raises
AssertionError, and a failure of the course raises with its real traceback.

Progress (tries, hints shown, latest result) is kept in a small file next to the learner's
notebook, ``.treatylab-progress.json``, so ``check_all`` still knows after a kernel restart.
``TREATYLAB_PROGRESS=0`` turns the file off (the test command does, so that validation runs
leave nothing behind).
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from treatylab.questions import find, load_lesson
from treatylab.questions.base import CourseFault, Question, Wrong, describe, lesson_of

STRICT_ENV = "TREATYLAB_STRICT"
PROGRESS_ENV = "TREATYLAB_PROGRESS"
PROGRESS_FILE = ".treatylab-progress.json"
_MISSING = object()

CORRECT, WRONG, UNANSWERED, UNKNOWN = "correct", "not yet", "not answered", "unknown"
RECORDED, FAULT = "recorded", "could not run"
_ICONS = {CORRECT: "✅", WRONG: "❌", UNANSWERED: "✏️", UNKNOWN: "❓", RECORDED: "📝", FAULT: "⚠️"}
_COLOURS = {
    CORRECT: "#1b7837",
    WRONG: "#b2182b",
    UNANSWERED: "#5e5e5e",
    UNKNOWN: "#5e5e5e",
    RECORDED: "#2166ac",
    FAULT: "#8c510a",
}
DONE = (CORRECT, RECORDED)


def strict_mode() -> bool:
    """True when failing checks must raise: TREATYLAB_STRICT=1 or nbgrader autograding."""
    if os.environ.get(STRICT_ENV, "").strip() not in ("", "0", "false", "no"):
        return True
    return os.environ.get("NBGRADER_EXECUTION") in ("autograde", "validate")


# --- progress, kept next to the notebook ---------------------------------------------------------


@dataclass
class Progress:
    """One exercise's record: its latest result, tries, wrong tries and hints shown."""

    status: str = UNANSWERED
    attempts: int = 0
    wrong: int = 0
    hints_shown: int = 0


_progress: dict[str, Progress] = {}
_loaded_from: Path | None = None


def _progress_path() -> Path | None:
    if os.environ.get(PROGRESS_ENV, "1").strip() in ("0", "false", "no", "off"):
        return None
    return Path.cwd() / PROGRESS_FILE


def _load_progress() -> None:
    """Read the progress file of the current folder once (a kernel starts in the notebook's)."""
    global _loaded_from
    path = _progress_path()
    if path is None or path == _loaded_from:
        return
    _loaded_from = path
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        for qid, record in saved.items():
            _progress.setdefault(qid, Progress(**record))
    except (OSError, ValueError, TypeError):
        return  # no file yet, or one that cannot be read: start from what this session knows


def _save_progress() -> None:
    """Write the progress file atomically; a read-only folder only means no memory."""
    path = _progress_path()
    if path is None:
        return
    try:
        text = json.dumps({q: asdict(p) for q, p in sorted(_progress.items())}, indent=1)
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, prefix=".treatylab-", suffix=".tmp", delete=False
        ) as handle:
            handle.write(text + "\n")
        os.replace(handle.name, path)
    except OSError:
        return


def progress_of(qid: str) -> Progress:
    _load_progress()
    return _progress.setdefault(qid, Progress())


def reset_progress() -> None:
    """Forget every result: this session's, and the progress file of the current folder."""
    global _loaded_from
    _progress.clear()
    _loaded_from = _progress_path()
    if _loaded_from is not None:
        _loaded_from.unlink(missing_ok=True)


# --- what check shows ----------------------------------------------------------------------------


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

    @property
    def done(self) -> bool:
        """True when nothing more is asked of the learner: correct, or recorded free text."""
        return self.status in DONE

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


def _unknown(qid: object) -> Feedback:
    shown = describe(qid)
    return Feedback(
        "?",
        "Exercise ?",
        "",
        UNKNOWN,
        f"There is no exercise called {shown}. Exercise ids look like 'ex2_3' "
        "(lesson 2, exercise 3); copy the id from the exercise's check cell.",
    )


def _next_hint(q: Question, progress: Progress, repeat_last: bool = False) -> str:
    """The next hint in order (each call moves on); when all have been shown, "" (or the
    last one again, for the hint under a wrong answer)."""
    if progress.hints_shown >= len(q.hints):
        return q.hints[-1] if repeat_last and q.hints else ""
    progress.hints_shown += 1
    return q.hints[progress.hints_shown - 1]


def _fault_message(error: CourseFault) -> str:
    return (
        f"This check could not run: {error}. This is not your mistake, and it does not count "
        "as a try. Tell your teacher, or run `make data` in the course folder to restore the "
        "data, then run this cell again."
    )


def _grade(q: Question, answer: object) -> Feedback:
    progress = progress_of(q.qid)
    if answer is _MISSING:
        return Feedback(
            q.qid,
            q.label,
            q.title,
            UNANSWERED,
            f"Pass your answer too: `check({q.qid!r}, answer)`.",
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
    try:
        verdict = q.verdict(answer)
    except Wrong as wrong:
        progress.attempts += 1
        progress.wrong += 1
        progress.status = WRONG
        hint = _next_hint(q, progress, repeat_last=True)
        _save_progress()
        return Feedback(q.qid, q.label, q.title, WRONG, str(wrong), hint)
    except CourseFault as fault:
        if strict_mode():
            raise (fault.__cause__ or fault) from None
        return Feedback(q.qid, q.label, q.title, FAULT, _fault_message(fault))
    progress.attempts += 1
    progress.status = CORRECT if verdict.status == "correct" else RECORDED
    _save_progress()
    return Feedback(q.qid, q.label, q.title, progress.status, verdict.message)


def check(qid: object, answer: object = _MISSING) -> Feedback:
    """Check ``answer`` for exercise ``qid`` and show the result.

    Student mode never raises. Strict mode raises AssertionError unless the answer is right
    (or, for free text, recorded), and re-raises a failure of the course itself.
    """
    try:
        q = find(qid.strip()) if isinstance(qid, str) else None
    except Exception as error:  # a broken lesson module is the course's fault
        if strict_mode():
            raise
        fault = CourseFault(f"the answer key could not be loaded ({type(error).__name__})")
        return Feedback(str(qid)[:12], "Exercise", "", FAULT, _fault_message(fault))
    feedback = _unknown(qid) if q is None else _grade(q, answer)
    if strict_mode() and not feedback.done:
        raise AssertionError(feedback.text())
    return feedback


def hint(qid: object) -> Feedback:
    """Show the next hint for an exercise (one more each call) without checking an answer."""
    try:
        q = find(qid.strip()) if isinstance(qid, str) else None
    except Exception:
        q = None
    if q is None:
        return _unknown(qid)
    progress = progress_of(q.qid)
    shown = _next_hint(q, progress)
    _save_progress()
    if not shown:
        count = len(q.hints)
        shown = (
            f"No more hints: you have seen all {count}. Compare your work with the lesson "
            "notebook, or with solutions/ once you have tried."
            if count
            else "There is no hint for this exercise."
        )
    number = f"{min(progress.hints_shown, len(q.hints))} of {len(q.hints)}"
    return Feedback(q.qid, q.label, q.title, progress.status, f"Hint {number}.", shown)


# --- progress table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """The table ``check_all`` shows: one row per exercise."""

    rows: tuple[tuple[str, str, str, int], ...]

    @property
    def correct(self) -> int:
        return sum(1 for row in self.rows if row[2] == CORRECT)

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row[2] in DONE)

    def headline(self) -> str:
        total = len(self.rows)
        if total == 0:
            return "No exercises found."
        recorded = self.done - self.correct
        extra = (
            f", {recorded} written answer{'s' if recorded != 1 else ''} recorded"
            if recorded
            else ""
        )
        return f"{self.correct} of {total} exercises correct{extra}."

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
    """Summarise the results of one lesson (or of every lesson touched so far)."""
    _load_progress()
    touched = sorted({lesson_of(qid) for qid in _progress})
    lessons = touched if lesson is None else [int(lesson)]
    rows = []
    for number in lessons:
        for q in load_lesson(number):
            progress = _progress.get(q.qid, Progress())
            rows.append((q.label, q.title, progress.status, progress.attempts))
    summary = Summary(tuple(rows))
    if strict_mode() and summary.done != len(summary.rows):
        raise AssertionError(summary.text())
    return summary
