"""The parts every exercise question is made of: a check kind, known mistakes, hints.

A question is a short declaration (see ``question``): what is expected, computed from data/ by
a zero-argument function; the *kind* of answer (a number, labels, a table, a series, a
function, free text), which knows every reasonable form that answer can take; and the known
mistakes, each an alternative wrong answer (``Mistake.answer``) or a recognisable pattern
(``Mistake.when``) with the message that names it.

Why declarations and not hand-written control flow: the diagnosis order is then fixed by the
engine, not by the author remembering it (``Question.verdict``): the form of the answer first,
then the right answer, then the known mistakes (exact alternative answers before patterns,
the closest first), then the kind's own structural diagnosis (what is missing, what should not
be there, what is out of order, which value differs). And every message can be reached by a
generic test, because every mistake carries the answer that triggers it.

Two kinds of failure are kept apart: ``Wrong`` is the learner's (the message says what to fix);
``CourseFault`` is the course's (a data file or an answer key failed), which the learner is
never blamed for.
"""

from __future__ import annotations

import copy
import math
import numbers
import reprlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from treatylab.questions.kinds import Kind

MAX_ITEMS = 100_000


class Wrong(Exception):
    """The answer is not right; the message says what to change."""


class CourseFault(Exception):
    """The check itself could not run: a data file or an answer key failed, not the learner."""


class NotApplicable(Exception):
    """A known mistake that the loaded data cannot produce (a period outside the edition)."""


# --- describing what the learner gave, safely --------------------------------------------------

_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = 6


def describe(value: object) -> str:
    """A short description of any value for a message; never raises, whatever ``value`` is."""
    try:
        if value is None:
            return "None"
        if value is Ellipsis:
            return "`...` (the placeholder)"
        if isinstance(value, pd.DataFrame):
            cols = ", ".join(map(str, list(value.columns)[:8]))
            more = ", ..." if value.shape[1] > 8 else ""
            return f"a DataFrame with {len(value)} rows and columns [{cols}{more}]"
        if isinstance(value, pd.Series):
            values = "value" if len(value) == 1 else "values"
            return f"a Series of {len(value)} {values} (name {_short.repr(value.name)})"
        if isinstance(value, pd.Index):
            return f"an Index of {len(value)} labels"
        if isinstance(value, np.ndarray):
            return f"a numpy array of shape {value.shape}"
        if isinstance(value, bool | np.bool_):
            return f"the boolean {bool(value)}"
        if isinstance(value, str):
            return f"the text {_short.repr(value)}"
        if isinstance(value, numbers.Number):
            return f"the number {_short.repr(value)}"
        if isinstance(value, pd.Timestamp):
            return f"the date {value.date().isoformat()}"
        if isinstance(value, dict):
            return f"a dict with {len(value)} keys"
        if isinstance(value, list | tuple | set | frozenset):
            items = "item" if len(value) == 1 else "items"
            return f"a {type(value).__name__} of {len(value)} {items} ({_short.repr(value)})"
        if callable(value):
            return f"the function {getattr(value, '__name__', 'without a name')}"
        return f"an object of type {type(value).__name__}"
    except Exception:  # an object whose repr or len fails must not break the feedback
        try:
            return f"an object of type {type(value).__name__}"
        except Exception:
            return "an object that cannot be shown"


def private_copy(answer: object) -> object:
    """A deep copy of the learner's answer, so that nothing a check does can change theirs.

    Functions, modules and other objects that deepcopy returns as themselves stay shared, which
    is harmless: a check only calls them. An object that refuses to be copied is refused with a
    message instead of being used as it is.
    """
    if answer is None or isinstance(answer, str | numbers.Number | bool):
        return answer
    try:
        return copy.deepcopy(answer)
    except Exception:
        raise Wrong(
            f"This answer cannot be read by the check: {describe(answer)} could not be copied. "
            "Give a plain value (a number, a list, a DataFrame ...)."
        ) from None


# --- number formatting shared by kinds and keys ---------------------------------------------


def is_real(value: object) -> bool:
    """True for a real number (Python or numpy), False for booleans, text and containers."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def as_float(value: object) -> float | None:
    """``value`` as a finite float, or None if it is not a finite real number."""
    if not is_real(value):
        return None
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else None


def fmt(value: float, decimals: int) -> str:
    """A number as the course shows it: thousands separators, ``decimals`` places."""
    return f"{value:,.{decimals}f}"


# --- mistakes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer and the message that names it.

    ``value`` computes the wrong answer itself (from data/), in any form the question's kind
    accepts; the kind compares the learner's answer with it exactly as with the right answer.
    ``test`` recognises a pattern in the learner's normalised answer instead; ``example`` then
    builds an answer showing the pattern, so that a test can prove the message is reachable.
    """

    message: str | Callable[[], str]
    value: Callable[[], object] | None = None
    test: Callable[[Any], bool] | None = None
    example: Callable[[], object] | None = None

    @classmethod
    def answer(cls, value: Callable[[], object], message: str | Callable[[], str]) -> Mistake:
        """The mistake of giving exactly this (wrong) answer."""
        return cls(message, value=value)

    @classmethod
    def when(
        cls,
        test: Callable[[Any], bool],
        message: str | Callable[[], str],
        example: Callable[[], object],
    ) -> Mistake:
        """The mistake recognised by ``test`` on the normalised answer; ``example`` shows it."""
        return cls(message, test=test, example=example)

    def text(self) -> str:
        """The message (computed from data/ when it names periods or figures)."""
        return run_key(self.message) if callable(self.message) else self.message

    def trigger(self) -> object:
        """An answer that shows this mistake (for tests)."""
        maker = self.value if self.value is not None else self.example
        assert maker is not None, self.message
        return maker()


# --- the question ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What a check concluded: a status and the message for the learner."""

    status: str  # "correct", "wrong", "recorded"
    message: str


@dataclass(frozen=True)
class Question:
    """One exercise: an id (``ex2_3``), a title, the expected answer's kind, mistakes, hints."""

    qid: str
    title: str
    kind: Kind
    mistakes: tuple[Mistake, ...] = ()
    hints: tuple[str, ...] = ()
    success: Callable[[Any], str] | None = None
    points: int = 1
    examples: tuple[Callable[[], object], ...] = field(default_factory=tuple)

    @property
    def lesson(self) -> int:
        return lesson_of(self.qid)

    @property
    def label(self) -> str:
        lesson, number = self.qid[2:].split("_")
        return f"Exercise {int(lesson)}.{int(number)}"

    @property
    def manual(self) -> bool:
        """True when a person must judge the answer (free text): nbgrader grades it by hand."""
        return self.kind.manual

    def reference(self) -> object:
        """The worked answer, computed from data/ (CourseFault if the data or key fails)."""
        return run_key(self.kind.expected_answer)

    def verdict(self, answer: object) -> Verdict:
        """Judge ``answer``: correct, recorded (free text), or Wrong with the reason.

        The order is the engine's, the same for every question: form, right answer, known
        mistakes (alternative answers, closest first; then patterns), structural diagnosis.
        Raises ``Wrong`` for the learner's mistakes and ``CourseFault`` for the course's.
        """
        copied = private_copy(answer)
        given = read_answer(lambda: self.kind.normalise(copied))
        if self.kind.manual:
            return Verdict("recorded", run_key(lambda: self.kind.record(given)))
        expected = run_key(self.kind.expected)
        if run_key(lambda: self.kind.same(given, expected)):
            return Verdict("correct", self._success(given))
        self._reject_known(given, expected)
        raise Wrong(run_key(lambda: self.kind.diagnose(given, expected)))

    def _success(self, given: object) -> str:
        if self.success is None:
            return "Well done."
        return run_key(lambda: self.success(given))  # type: ignore[misc]

    def _reject_known(self, given: object, expected: object) -> None:
        """Raise Wrong with the message of the most specific known mistake ``given`` shows."""
        matches: list[tuple[float, int, str]] = []
        for order, mistake in enumerate(self.mistakes):
            if mistake.value is not None:
                wrong = self._mistaken_answer(mistake, expected)
                if wrong is not None and run_key(lambda w=wrong: self.kind.same(given, w)):
                    distance = run_key(lambda w=wrong: self.kind.distance(given, w))
                    matches.append((distance, order, mistake))
        if matches:
            raise Wrong(self._closest(matches))
        for mistake in self.mistakes:
            if mistake.test is not None and run_key(lambda m=mistake: m.test(given)):
                raise Wrong(mistake.text())

    @staticmethod
    def _closest(matches: list[tuple[float, int, Mistake]]) -> str:
        """The message of the closest match; when the data make several mistakes give the
        same answer, every message that fits (no declaration order decides between them)."""
        nearest = min(distance for distance, _, _ in matches)
        texts: list[str] = []
        for distance, _, mistake in sorted(matches, key=lambda m: m[:2]):
            text = mistake.text()
            if distance <= nearest + 1e-12 and text not in texts:
                texts.append(text)
        return texts[0] if len(texts) == 1 else " Or: ".join(texts)

    def _mistaken_answer(self, mistake: Mistake, expected: object) -> object | None:
        """The normalised wrong answer, or None when it cannot be told apart from the right one,
        computed once per session: it depends on data/ only (``forget`` drops it).

        A mistake that the data make identical to the right answer (a period off by one year
        with the same total, say) must never be reported: the learner would be right.
        """
        cache: dict[int, object | None] = self.kind.__dict__.setdefault("_mistaken", {})
        key = id(mistake)
        if key not in cache:
            cache[key] = self._compute_mistaken_answer(mistake, expected)
        return cache[key]

    def _compute_mistaken_answer(self, mistake: Mistake, expected: object) -> object | None:
        assert mistake.value is not None
        try:
            raw = mistake.value()
        except NotApplicable:
            return None
        except Exception as error:
            raise CourseFault(f"a known mistake of {self.qid} failed: {error!r}") from error
        wrong = run_key(lambda: self.kind.normalise_key(raw))
        if run_key(lambda: self.kind.same(wrong, expected)):
            return None
        return wrong

    def forget(self) -> None:
        """Drop what this question computed from data/ (tests that change the data call it)."""
        kinds = [self.kind, *getattr(self.kind, "fields", {}).values()]
        for kind in kinds:
            kind.forget()


def run_key(compute: Callable[[], Any]) -> Any:
    """Run part of an answer key; any failure in it is the course's (data, key), never the
    learner's, even a ``Wrong`` (a key value the kind cannot read is a broken key)."""
    try:
        return compute()
    except CourseFault:
        raise
    except Exception as error:
        raise CourseFault(f"{type(error).__name__}: {error}") from error


def read_answer(compute: Callable[[], Any]) -> Any:
    """Read the learner's answer: ``Wrong`` is theirs to fix; anything else is the check's
    failure to read a form it should know, reported as the course's fault, not theirs."""
    try:
        return compute()
    except (Wrong, CourseFault):
        raise
    except Exception as error:
        raise CourseFault(
            f"the check could not read this answer ({type(error).__name__}: {error})"
        ) from error


REGISTRY: dict[str, Question] = {}


def lesson_of(qid: str) -> int:
    """The lesson number of a question id: ``ex2_3`` -> 2."""
    return int(qid[2:].split("_")[0])


def question(
    qid: str,
    title: str,
    kind: Kind,
    *,
    mistakes: Sequence[Mistake] = (),
    hints: Iterable[str] = (),
    success: Callable[[Any], str] | None = None,
    points: int = 1,
    examples: Sequence[Callable[[], object]] = (),
) -> Question:
    """Declare and register a question. ``examples`` build other legitimate right answers."""
    if qid in REGISTRY:
        raise ValueError(f"question {qid} is defined twice")
    q = Question(qid, title, kind, tuple(mistakes), tuple(hints), success, points, tuple(examples))
    REGISTRY[qid] = q
    return q
