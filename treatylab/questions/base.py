"""Building blocks for exercise questions: the registry, input guards and common tests.

A question is a function that receives the learner's answer and either returns a short
success message or raises ``Wrong`` with a message that names the mistake. Guards such as
``need_number`` turn bad input (the wrong type, ``None``, ``NaN``, a huge frame) into a
``Wrong`` with a clear message, so a question never lets an exception reach the learner.
Expected answers are computed from data/ inside the lesson modules, never typed in.
"""

from __future__ import annotations

import math
import numbers
import reprlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

MAX_ROWS = 100_000


class Wrong(Exception):
    """Raised by a question's test: the answer is not right; the message says why."""


@dataclass(frozen=True)
class Question:
    """One exercise: its id (``ex2_3``), a short title, the test and progressive hints."""

    qid: str
    title: str
    test: Callable[[object], str]
    hints: tuple[str, ...] = field(default_factory=tuple)

    @property
    def lesson(self) -> int:
        return lesson_of(self.qid)

    @property
    def label(self) -> str:
        lesson, number = self.qid[2:].split("_")
        return f"Exercise {int(lesson)}.{int(number)}"


REGISTRY: dict[str, Question] = {}


def lesson_of(qid: str) -> int:
    """The lesson number of a question id: ``ex2_3`` -> 2."""
    return int(qid[2:].split("_")[0])


def question(qid: str, title: str, hints: Iterable[str] = ()) -> Callable:
    """Register the decorated function as the test of question ``qid``."""

    def register(test: Callable[[object], str]) -> Callable[[object], str]:
        if qid in REGISTRY:
            raise ValueError(f"question {qid} is defined twice")
        REGISTRY[qid] = Question(qid, title, test, tuple(hints))
        return test

    return register


# --- describing what the learner gave -------------------------------------------------------

_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = 6


def describe(value: object) -> str:
    """A short, safe description of any value, for messages ("a DataFrame with 3 rows ...")."""
    try:
        if value is None:
            return "None"
        if value is Ellipsis:
            return "`...` (the placeholder)"
        if isinstance(value, pd.DataFrame):
            cols = ", ".join(map(str, list(value.columns)[:8]))
            return f"a DataFrame with {len(value)} rows and columns [{cols}]"
        if isinstance(value, pd.Series):
            return f"a Series of {len(value)} values (name {value.name!r})"
        if isinstance(value, bool):
            return f"the boolean {value}"
        if isinstance(value, str):
            return f"the text {_short.repr(value)}"
        if isinstance(value, numbers.Number):
            return f"the number {_short.repr(value)}"
        if callable(value):
            return f"the function {getattr(value, '__name__', 'without a name')}"
        return f"a {type(value).__name__} ({_short.repr(value)})"
    except Exception:  # an object whose repr fails must not break the feedback
        return f"an object of type {type(value).__name__}"


# --- guards: they return the answer in a usable form or raise Wrong --------------------------


def need_number(answer: object, what: str) -> float:
    """A finite real number (int, float, numpy scalar); not a bool, text, NaN or container."""
    if isinstance(answer, pd.Series | pd.DataFrame) and answer.size == 1:
        raise Wrong(
            f"Expected a single number ({what}); got {describe(answer)}. "
            "Take the value out with `.item()` or `.iloc[0]`."
        )
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise Wrong(f"Expected a number ({what}); got {describe(answer)}.")
    value = float(answer)
    if math.isnan(value) or math.isinf(value):
        raise Wrong(
            f"Expected a number ({what}); got {value}. A NaN often means a filter matched "
            "no rows or a column name is misspelt."
        )
    return value


def need_int(answer: object, what: str) -> int:
    """A whole number (an int, or a float with no fractional part)."""
    value = need_number(answer, what)
    if value != int(value):
        raise Wrong(f"Expected a whole number ({what}); got {value}.")
    return int(value)


def need_text(answer: object, what: str, min_words: int = 1) -> str:
    """A non-empty string with at least ``min_words`` words."""
    if not isinstance(answer, str):
        raise Wrong(f"Expected text in quotes ({what}); got {describe(answer)}.")
    text = answer.strip()
    if len(text.split()) < min_words:
        raise Wrong(f"Expected at least {min_words} words ({what}); got {describe(answer)}.")
    return text


def need_frame(answer: object, columns: Iterable[str], what: str) -> pd.DataFrame:
    """A DataFrame (an index may hold one of the columns) with the named columns."""
    columns = list(columns)
    if isinstance(answer, pd.Series) and answer.index.name in columns:
        answer = answer.reset_index()
    if not isinstance(answer, pd.DataFrame):
        raise Wrong(
            f"Expected a DataFrame with columns {columns} ({what}); got {describe(answer)}."
        )
    if len(answer) > MAX_ROWS:
        raise Wrong(f"Expected a small table ({what}); got {len(answer):,} rows.")
    frame = answer
    if frame.index.name in columns and frame.index.name not in frame.columns:
        frame = frame.reset_index()
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        got = ", ".join(map(str, frame.columns))
        raise Wrong(
            f"Expected a DataFrame with columns {columns} ({what}); it has [{got}], "
            f"so {missing} {'is' if len(missing) == 1 else 'are'} missing."
        )
    return frame


def need_series(answer: object, what: str) -> pd.Series:
    """A Series; a two-column DataFrame is accepted as index plus values."""
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        raise Wrong(f"Expected a Series ({what}); got {describe(answer)}.")
    if len(answer) > MAX_ROWS:
        raise Wrong(f"Expected a short Series ({what}); got {len(answer):,} values.")
    return answer


def need_labels(answer: object, what: str) -> list[str]:
    """A list, tuple, set, Series or Index of strings, returned as a list of stripped strings."""
    if isinstance(answer, str):
        raise Wrong(
            f"Expected a list of names ({what}); got a single text. Put the names in a list: "
            "`['a', 'b']`."
        )
    if isinstance(answer, pd.DataFrame):
        raise Wrong(f"Expected a list of names ({what}); got {describe(answer)}.")
    if isinstance(answer, pd.Series | pd.Index):
        answer = answer.tolist()
    if not isinstance(answer, list | tuple | set | frozenset):
        raise Wrong(f"Expected a list of names ({what}); got {describe(answer)}.")
    if len(answer) > MAX_ROWS:
        raise Wrong(f"Expected a short list ({what}); got {len(answer):,} items.")
    bad = [item for item in answer if not isinstance(item, str)]
    if bad:
        raise Wrong(f"Expected names as text ({what}); {describe(bad[0])} is not text.")
    return [item.strip() for item in answer]


def need_callable(answer: object, what: str) -> Callable:
    if not callable(answer) or isinstance(answer, type):
        raise Wrong(f"Expected a function ({what}); got {describe(answer)}.")
    return answer


def call_safely(func: Callable, *args: object) -> object:
    """Call the learner's function; turn an exception into a Wrong that says what happened."""
    try:
        return func(*args)
    except Exception as error:  # the learner's code may raise anything
        shown = ", ".join(repr(a) for a in args)
        raise Wrong(
            f"Your function raised {type(error).__name__}: {_short.repr(str(error))} "
            f"when called with ({shown})."
        ) from None


# --- comparisons ----------------------------------------------------------------------------


def close(value: float, expected: float, tol: float) -> bool:
    return abs(value - expected) <= tol


def reject_known(value: float, mistakes: Iterable[tuple[float, str]], tol: float) -> None:
    """Raise Wrong with the matching message if ``value`` equals a known wrong answer."""
    for wrong_value, message in mistakes:
        if wrong_value is not None and close(value, wrong_value, tol):
            raise Wrong(message)


def same_labels(given: Iterable[str], expected: Iterable[str]) -> bool:
    def norm(items: Iterable[str]) -> set[str]:
        return {str(item).strip().casefold() for item in items}

    return norm(given) == norm(expected)


def compare_labels(given: list[str], expected: list[str], what: str) -> None:
    """Raise Wrong naming what is missing and what should not be there."""
    folded = {e.casefold(): e for e in expected}
    given_folded = {g.casefold() for g in given}
    missing = [folded[k] for k in folded if k not in given_folded]
    extra = [g for g in given if g.casefold() not in folded]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"{len(missing)} missing")
        if extra:
            parts.append(f"{len(extra)} that should not be there (e.g. {extra[0]!r})")
        raise Wrong(f"Not quite ({what}): {' and '.join(parts)}.")
