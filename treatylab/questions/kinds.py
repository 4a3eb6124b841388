"""The check kinds: what an answer can be, every reasonable form of it, and how to compare.

Each kind turns whatever a learner gives into one canonical form (``normalise``), or says in
one sentence why it cannot (``Wrong``); compares two canonical forms (``same``); and, when an
answer is neither right nor a known mistake, says what differs (``diagnose``) in a fixed
order: what should not be there, what is missing, which value differs, what is out of order.

Kinds never modify what they are given: ``Question.verdict`` hands them a private copy, and
every conversion here builds new objects.

| kind | for answers such as |
|---|---|
| ``Number`` | a count, a total, a ratio, a share, a rank, a year, a number of days |
| ``Label`` | one name from the data (a designation, a treaty) |
| ``Labels`` | several names or ids, as a set or in order (list, tuple, set, Index, Series, array) |
| ``Table`` | a DataFrame with a key and value columns |
| ``Counts`` | a Series of values by label or year (counts, sums, a rolling sum), or a mapping |
| ``Grid`` | a two-way table of counts (a crosstab) |
| ``Function`` | a function, called on a table of cases that vary each argument |
| ``FreeText`` | an argument in the learner's words: recorded, never marked "correct" |
| ``Record`` | a dict of named fields, each with its own kind |
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from treatylab.questions.base import (
    MAX_ITEMS,
    Wrong,
    as_float,
    describe,
    fmt,
    is_real,
    private_copy,
    run_key,
)
from treatylab.questions.text import filler_reason, fold

ListLike = (
    list,
    tuple,
    set,
    frozenset,
    pd.Index,
    pd.Series,
    np.ndarray,
    pd.api.extensions.ExtensionArray,
)


class Kind:
    """The shared part of every kind: the expected answer, computed lazily from data/."""

    manual = False  # True for answers a person must judge (free text)

    def __init__(self, expected: Callable[[], Any], what: str) -> None:
        self._expected = expected
        self.what = what
        self._cache: Any = None

    def expected_answer(self) -> Any:
        """The worked answer in its natural form (a number, a DataFrame ...)."""
        return self._expected()

    def expected(self) -> Any:
        """The worked answer in canonical form, computed once per session."""
        if self._cache is None:
            self._cache = self.normalise_key(self._expected())
        return self._cache

    def forget(self) -> None:
        """Drop every value computed from data/: the expected answer, the known mistakes."""
        self._cache = None
        self.__dict__.pop("_mistaken", None)
        if hasattr(self, "_readers"):
            self._readers = None

    def normalise(self, answer: Any) -> Any:
        raise NotImplementedError

    def normalise_key(self, value: Any) -> Any:
        """A value from an answer key in canonical form (keys use the learner's forms too)."""
        return self.normalise(value)

    def same(self, given: Any, expected: Any) -> bool:
        raise NotImplementedError

    def distance(self, given: Any, other: Any) -> float:
        """How far apart two canonical answers are (to pick the closest known mistake)."""
        return 0.0

    def diagnose(self, given: Any, expected: Any) -> str:
        raise NotImplementedError

    def record(self, given: Any) -> str:
        raise NotImplementedError

    def variants(self, answer: Any) -> list[Any]:
        """Other legitimate forms of ``answer`` (tests feed each one and expect ✅)."""
        return []


# --- numbers ------------------------------------------------------------------------------------


def _single(answer: Any, what: str) -> Any:
    """A one-element container refused with the way out; anything else returned as it is."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        return answer.item()
    if isinstance(answer, pd.Series | pd.DataFrame | pd.Index | np.ndarray | list | tuple):
        size = answer.size if hasattr(answer, "size") else len(answer)
        if size == 1:
            raise Wrong(
                f"Expected a single value ({what}); got {describe(answer)} holding one value. "
                "Take the value out, e.g. with `.item()` (or `[0]` for a list)."
            )
        raise Wrong(f"Expected a single value ({what}); got {describe(answer)}.")
    return answer


class Number(Kind):
    """A number, right to the precision the course shows it with.

    ``decimals`` is both how the number is shown and the tolerance: an answer is right when it
    rounds like the expected value (within half a unit of the last decimal shown), so a learner
    who types the rounded value the success message shows is right too. ``integer`` asks for a
    whole number (a count, a rank, a year); ``days`` also accepts a ``Timedelta``.
    """

    def __init__(
        self,
        expected: Callable[[], Any],
        what: str,
        *,
        decimals: int = 0,
        integer: bool = False,
        days: bool = False,
        minimum: float | None = None,
        maximum: Callable[[], float] | float | None = None,
        advice: str = "",
    ) -> None:
        super().__init__(expected, what)
        self.decimals = 0 if integer else decimals
        self.integer = integer
        self.days = days
        self.minimum = minimum
        self.maximum = maximum
        self.advice = advice

    @property
    def tolerance(self) -> float:
        return 1e-9 if self.integer else 0.5 * 10**-self.decimals + 1e-9

    def show(self, value: float) -> str:
        return fmt(value, self.decimals)

    def normalise(self, answer: Any) -> float:
        if self.days and isinstance(answer, pd.Timedelta | dt.timedelta | np.timedelta64):
            answer = pd.Timedelta(answer).total_seconds() / 86400
        answer = _single(answer, self.what)
        if answer is None or answer is pd.NA or answer is pd.NaT:
            raise Wrong(
                f"Expected a number ({self.what}); got a missing value ({describe(answer)})."
            )
        if isinstance(answer, str):
            looks = answer.strip().replace(",", "")
            hint = " (in quotes): remove the quotes" if _parses(looks) else ""
            raise Wrong(f"Expected a number ({self.what}); got {describe(answer)}{hint}.")
        if not is_real(answer):
            raise Wrong(f"Expected a number ({self.what}); got {describe(answer)}.")
        value = float(answer)
        if math.isnan(value):
            raise Wrong(
                f"Expected a number ({self.what}); got NaN. A NaN often means a filter matched "
                "no rows or a column name is misspelt."
            )
        if math.isinf(value):
            raise Wrong(
                f"Expected a number ({self.what}); got {value}: a division by zero somewhere."
            )
        return value

    def same(self, given: float, expected: float) -> bool:
        return abs(given - expected) <= self.tolerance

    def distance(self, given: float, other: float) -> float:
        return abs(given - other)

    def diagnose(self, given: float, expected: float) -> str:
        if self.integer and given != int(given):
            return f"Expected a whole number ({self.what}); got {given:g}."
        maximum = self.maximum() if callable(self.maximum) else self.maximum
        low = self.minimum is not None and given < self.minimum
        high = maximum is not None and given > maximum
        if low or high:
            return (
                f"Expected {self.what} between {self.minimum:g} and {maximum:g}; got {given:g}."
                if self.minimum is not None and maximum is not None
                else f"{given:g} is out of range for {self.what}."
            )
        shown = f"{given:,.{self.decimals + 2}f}".rstrip("0").rstrip(".")
        return f"Not quite: you gave {shown}. {self.advice}".strip()

    def variants(self, answer: Any) -> list[Any]:
        value = float(answer)
        forms: list[Any] = [value, np.float64(value), round(value, self.decimals)]
        if value == int(value):
            forms += [int(value), np.int64(int(value))]
        if self.days:
            forms.append(pd.Timedelta(days=value))
        return forms


def _parses(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- labels -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A label as the learner wrote it (``shown``) and as it compares (``key``)."""

    shown: Any
    key: Any


def text_item(value: Any) -> Item:
    """A name given as text; numbers and missing values are refused with the reason."""
    if isinstance(value, np.str_):
        value = str(value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        raise Wrong("One of the items is a missing value (None or NaN); give names as text.")
    if not isinstance(value, str):
        raise Wrong(f"Expected names as text; {describe(value)} is not text.")
    return Item(value.strip(), fold(value))


def period_item(value: Any) -> Item:
    """A period given as (start, end), [start, end] or text such as '1992–99' or '2000-2004'."""
    if isinstance(value, str):
        parts = [p for p in fold(value).replace(" ", "").split("-") if p]
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            start, end = int(parts[0]), int(parts[1])
            if end < 100:  # '1992–99': the century of the start year
                end += start - start % 100
                if end < start:
                    end += 100
            return Item((start, end), (start, end))
        raise Wrong(f"{value!r} is not a period: write it as (start, end), e.g. (2000, 2004).")
    if isinstance(value, list | tuple | np.ndarray | pd.Index) and len(value) == 2:
        start, end = (as_float(v) for v in value)
        if start is not None and end is not None and start == int(start) and end == int(end):
            return Item((int(start), int(end)), (int(start), int(end)))
    raise Wrong(f"Expected periods as (start, end) pairs of years; got {describe(value)}.")


def _items(answer: Any, what: str) -> list[Any]:
    """The elements of any list-like answer, as a plain list (never the learner's object)."""
    if isinstance(answer, str):
        raise Wrong(
            f"Expected several items ({what}); got a single text. Put them in a list: `['a', 'b']`."
        )
    if isinstance(answer, pd.DataFrame):
        if answer.shape[1] == 1:
            return list(answer.iloc[:, 0])
        raise Wrong(f"Expected a list ({what}); got {describe(answer)}. Keep one column.")
    if isinstance(answer, Mapping):
        raise Wrong(f"Expected a list ({what}); got {describe(answer)}. Use `list(...)` of it.")
    if isinstance(answer, np.ndarray) and answer.ndim != 1:
        raise Wrong(f"Expected a flat list ({what}); got {describe(answer)}.")
    kinds_of_view = (type({}.keys()), type({}.values()))
    if not isinstance(answer, ListLike + kinds_of_view):
        raise Wrong(f"Expected a list ({what}); got {describe(answer)}.")
    if len(answer) > MAX_ITEMS:
        raise Wrong(f"Expected a short list ({what}); got {len(answer):,} items.")
    return list(answer)


@dataclass(frozen=True)
class LabelList:
    """Canonical labels: what was shown, in order, and the comparable keys."""

    items: tuple[Item, ...]

    @property
    def keys(self) -> tuple[Any, ...]:
        return tuple(item.key for item in self.items)


class Labels(Kind):
    """Several labels (names, ids, periods), as a set or, with ``ordered=True``, in order.

    ``known`` lists every label that exists (ids of a table, say), so a made-up or misspelt
    one is named as such; ``item`` reads one element (text by default, or ``period_item``).
    """

    def __init__(
        self,
        expected: Callable[[], Iterable[Any]],
        what: str,
        *,
        ordered: bool = False,
        known: Callable[[], Iterable[Any]] | None = None,
        item: Callable[[Any], Item] = text_item,
        noun: str = "item",
        order_advice: str = "",
    ) -> None:
        super().__init__(expected, what)
        self.ordered = ordered
        self.known = known
        self.item = item
        self.noun = noun
        self.order_advice = order_advice

    def normalise(self, answer: Any) -> LabelList:
        return LabelList(tuple(self.item(value) for value in _items(answer, self.what)))

    def same(self, given: LabelList, expected: LabelList) -> bool:
        if self.ordered:
            return given.keys == expected.keys
        return len(set(given.keys)) == len(given.keys) and set(given.keys) == set(expected.keys)

    def diagnose(self, given: LabelList, expected: LabelList) -> str:
        wanted = set(expected.keys)
        if self.known is not None:
            known = {self.item(k).key for k in run_key(self.known)}
            unknown = [i.shown for i in given.items if i.key not in known]
            if unknown:
                return f"{unknown[0]!r} is not a {self.noun} that exists in the data: check it."
        extra = [i.shown for i in given.items if i.key not in wanted]
        missing = [k for k in expected.keys if k not in set(given.keys)]
        if extra or missing:
            parts = []
            if extra:
                parts.append(f"{len(extra)} that should not be there (e.g. {extra[0]!r})")
            if missing:
                parts.append(f"{len(missing)} missing")
            return f"Not quite ({self.what}): {' and '.join(parts)}."
        seen: set[Any] = set()
        for item in given.items:
            if item.key in seen:
                return f"{item.shown!r} appears more than once: give each {self.noun} once."
            seen.add(item.key)
        return f"The right {self.noun}s, but not in the right order. {self.order_advice}".strip()

    def variants(self, answer: Any) -> list[Any]:
        values = list(answer)
        forms: list[Any] = [list(values), tuple(values), np.array(values, dtype=object)]
        if all(isinstance(v, str) for v in values):
            forms += [pd.Series(values), pd.Index(values), pd.array(values, dtype="string")]
            forms.append([f" {v} " for v in values])
        if not self.ordered:
            forms += [list(reversed(values))]
            if all(isinstance(v, str | tuple) for v in values):
                forms.append(set(values))
        return forms


class Label(Kind):
    """One label: a name as text (a one-element list or Series of it is accepted too)."""

    def __init__(
        self,
        expected: Callable[[], str],
        what: str,
        *,
        choices: Callable[[], Iterable[str]] | None = None,
        noun: str = "name",
        advice: str = "",
    ) -> None:
        super().__init__(expected, what)
        self.choices = choices
        self.noun = noun
        self.advice = advice

    def normalise(self, answer: Any) -> Item:
        if isinstance(answer, ListLike) and not isinstance(answer, str):
            values = _items(answer, self.what)
            if len(values) != 1:
                raise Wrong(
                    f"Expected one {self.noun} as text ({self.what}); got {describe(answer)}."
                )
            answer = values[0]
        if not isinstance(answer, str | np.str_):
            raise Wrong(f"Expected one {self.noun} as text ({self.what}); got {describe(answer)}.")
        return text_item(answer)

    def same(self, given: Item, expected: Item) -> bool:
        return given.key == expected.key

    def diagnose(self, given: Item, expected: Item) -> str:
        if self.choices is not None:
            options = [str(c) for c in run_key(self.choices)]
            if given.key not in {fold(o) for o in options}:
                return (
                    f"{given.shown!r} is not one of the {self.noun}s in the data: "
                    "check the spelling."
                )
        return f"Not quite: {given.shown!r} is not the answer. {self.advice}".strip()

    def variants(self, answer: Any) -> list[Any]:
        return [answer, f"  {answer} ", [answer], pd.Series([answer]), np.array([answer])]


class Choice(Kind):
    """One option from a fixed vocabulary, where any option is a legitimate answer (a
    learner's own verdict, say): checked for being one of the options, never for being "right".
    """

    def __init__(self, choices: Callable[[], Iterable[str]], what: str) -> None:
        super().__init__(lambda: next(iter(choices())), what)
        self.choices = choices

    def normalise(self, answer: Any) -> Item:
        if not isinstance(answer, str | np.str_):
            raise Wrong(
                f"Expected one of {self._options()} as text ({self.what}); got {describe(answer)}."
            )
        item = text_item(answer)
        if item.key not in {fold(c) for c in run_key(self.choices)}:
            raise Wrong(f"{item.shown!r} is not one of {self._options()}.")
        return item

    def _options(self) -> str:
        return ", ".join(repr(c) for c in run_key(self.choices))

    def same(self, given: Item, expected: Item) -> bool:
        return True

    def diagnose(self, given: Item, expected: Item) -> str:
        return "Not quite."

    def variants(self, answer: Any) -> list[Any]:
        return [answer, answer.upper(), f" {answer} "]


# --- tables -------------------------------------------------------------------------------------


def _column_reader(example: pd.Series) -> Callable[[pd.Series, str], pd.Series]:
    """How to read a learner's column so it compares with the key's column of this type."""
    if pd.api.types.is_datetime64_any_dtype(example):

        def read(values: pd.Series, name: str) -> pd.Series:
            try:
                return pd.to_datetime(values.astype(object), errors="raise").dt.normalize()
            except (ValueError, TypeError):
                raise Wrong(f"The `{name}` column must hold dates.") from None

        return read
    if pd.api.types.is_bool_dtype(example):
        return lambda values, name: values.astype(object).map(bool)
    if pd.api.types.is_numeric_dtype(example):

        def read(values: pd.Series, name: str) -> pd.Series:
            if pd.api.types.is_bool_dtype(values):
                raise Wrong(f"The `{name}` column must hold numbers; it holds True/False.")
            numbers = pd.to_numeric(values.astype(object), errors="coerce").astype(float)
            if (
                numbers.isna().any()
                and not values.isna().all()
                and (values.astype(object).map(lambda v: isinstance(v, str)).any())
            ):
                raise Wrong(f"The `{name}` column must hold numbers; some values are text.")
            return numbers

        return read

    def read_text(values: pd.Series, name: str) -> pd.Series:
        return values.astype(object).map(lambda v: None if _missing(v) else fold(str(v)))

    return read_text


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _values_equal(a: pd.Series, b: pd.Series, tol: float) -> pd.Series:
    """Element-wise equality, numbers within ``tol`` and two missing values equal."""
    both_missing = a.isna() & b.isna()
    if pd.api.types.is_float_dtype(a) and pd.api.types.is_float_dtype(b):
        close = (a - b).abs() <= tol
        return both_missing | close.fillna(False)
    return both_missing | (a == b).fillna(False)


@dataclass(frozen=True)
class Frame:
    """A canonical table: rows keyed by ``key`` (a tuple per row), the checked columns, order."""

    data: pd.DataFrame  # index: key tuples; columns: the checked columns
    order: tuple[Any, ...]
    shown: dict[Any, str]  # key -> how the learner wrote it


class Table(Kind):
    """A DataFrame: rows identified by ``key`` columns, ``columns`` whose values are checked.

    Extra columns are allowed (the exercise may be answered with a wider table); a key column
    may also be the index. ``decimals`` gives each numeric column's precision as the course
    shows it. With ``ordered=True`` the order of the rows is part of the answer; with
    ``sort=(column, descending)`` the rows must be sorted by that column (rows that tie may
    come in any order).
    """

    def __init__(
        self,
        expected: Callable[[], pd.DataFrame],
        what: str,
        *,
        key: Sequence[str],
        columns: Sequence[str],
        decimals: Mapping[str, int] | None = None,
        ordered: bool = False,
        sort: tuple[str, bool] | None = None,
        row: str = "row",
        order_advice: str = "",
    ) -> None:
        super().__init__(expected, what)
        self.key = list(key)
        self.columns = list(columns)
        self.decimals = dict(decimals or {})
        self.ordered = ordered
        self.sort = sort
        self.row = row
        self.order_advice = order_advice
        self._readers: dict[str, Callable[[pd.Series, str], pd.Series]] | None = None

    def _reader(self, name: str) -> Callable[[pd.Series, str], pd.Series]:
        if self._readers is None:
            example = run_key(self._expected)
            example = example.reset_index() if set(self.key) - set(example.columns) else example
            self._readers = {c: _column_reader(example[c]) for c in self.key + self.columns}
        return self._readers[name]

    def normalise(self, answer: Any) -> Frame:
        frame = self._as_frame(answer)
        wanted = self.key + self.columns
        missing = [c for c in wanted if c not in frame.columns]
        if missing:
            have = ", ".join(map(str, frame.columns))
            raise Wrong(
                f"Expected a DataFrame with the columns {wanted} ({self.what}); it has [{have}], "
                f"so {', '.join(f'`{m}`' for m in missing)} "
                f"{'is' if len(missing) == 1 else 'are'} missing."
            )
        if frame.columns.duplicated().any():
            raise Wrong("Two columns of your table have the same name: rename one.")
        if len(frame) > MAX_ITEMS:
            raise Wrong(f"Expected a small table ({self.what}); got {len(frame):,} rows.")
        read = {c: self._reader(c)(frame[c].reset_index(drop=True), c) for c in wanted}
        keys = list(zip(*(read[c] for c in self.key), strict=True))
        shown_keys = list(zip(*(frame[c].astype(object) for c in self.key), strict=True))
        if len(set(keys)) != len(keys):
            twice = next(s for k, s in zip(keys, shown_keys, strict=True) if keys.count(k) > 1)
            raise Wrong(
                f"{_show_key(twice)} appears in more than one row: each {self.row} should have "
                "one row (group by it first)."
            )
        data = pd.DataFrame(
            {c: read[c].to_numpy() for c in self.columns}, index=pd.Index(keys, tupleize_cols=False)
        )
        shown = {k: _show_key(s) for k, s in zip(keys, shown_keys, strict=True)}
        return Frame(data, tuple(keys), shown)

    def _as_frame(self, answer: Any) -> pd.DataFrame:
        if isinstance(answer, pd.Series) and answer.name in self.columns:
            answer = answer.to_frame()
        if not isinstance(answer, pd.DataFrame):
            raise Wrong(
                f"Expected a DataFrame with the columns {self.key + self.columns} ({self.what}); "
                f"got {describe(answer)}."
            )
        names = [n for n in answer.index.names if n is not None]
        in_index = [n for n in names if n in self.key and n not in answer.columns]
        if in_index:
            answer = answer.reset_index(level=in_index)
        return answer

    def same(self, given: Frame, expected: Frame) -> bool:
        if set(given.order) != set(expected.order):
            return False
        if self.ordered and given.order != expected.order:
            return False
        aligned = given.data.loc[list(expected.order)]
        values_right = all(
            self._column_equal(aligned[c], expected.data[c], c).all() for c in self.columns
        )
        return values_right and self._sorted(given)

    def _sorted(self, given: Frame) -> bool:
        """True unless ``sort`` is set and the rows are not in that order (ties are free)."""
        if self.sort is None:
            return True
        column, descending = self.sort
        values = given.data[column].reset_index(drop=True)
        steps = values.diff().dropna()
        return bool((steps <= 1e-9).all() if descending else (steps >= -1e-9).all())

    def _column_equal(self, a: pd.Series, b: pd.Series, name: str) -> pd.Series:
        tol = 0.5 * 10 ** -self.decimals.get(name, 1) + 1e-9
        return _values_equal(a.reset_index(drop=True), b.reset_index(drop=True), tol)

    def diagnose(self, given: Frame, expected: Frame) -> str:
        extra = [k for k in given.order if k not in set(expected.order)]
        missing = [k for k in expected.order if k not in set(given.order)]
        if extra:
            return (
                f"{len(extra)} {self.row}{'s' if len(extra) > 1 else ''} should not be there "
                f"(e.g. {given.shown[extra[0]]}): check your filter."
            )
        if missing:
            return (
                f"{len(missing)} of the {len(expected.order)} {self.row}s are missing: check your "
                "filter, and do not cut the table short."
            )
        aligned = given.data.loc[list(expected.order)]
        for name in self.columns:
            equal = self._column_equal(aligned[name], expected.data[name], name)
            if not equal.all():
                key = expected.order[int(np.flatnonzero(~equal.to_numpy())[0])]
                return (
                    f"The `{name}` value of {given.shown[key]} is not right"
                    f"{' (and maybe others)' if (~equal).sum() > 1 else ''}: check how you "
                    f"computed `{name}`."
                )
        wanted = ""
        if self.sort is not None:
            column, descending = self.sort
            wanted = f" Sort by `{column}`, {'largest' if descending else 'smallest'} first."
        return (
            f"The right {self.row}s and values, but not in the right order.{wanted} "
            f"{self.order_advice}"
        ).strip()

    def variants(self, answer: pd.DataFrame) -> list[Any]:
        frame = answer.reset_index(drop=True)
        forms: list[Any] = [frame.set_index(self.key), frame.assign(extra_column=1)]
        forms.append(frame[list(reversed(frame.columns))])
        if not self.ordered and self.sort is None:
            forms.append(frame.iloc[::-1])
        numeric = [c for c in self.columns if pd.api.types.is_integer_dtype(frame[c])]
        if numeric:
            forms.append(frame.astype({c: float for c in numeric}))
        return forms


def _show_key(values: tuple[Any, ...]) -> str:
    shown = [v.date().isoformat() if isinstance(v, pd.Timestamp) else v for v in values]
    return repr(shown[0]) if len(shown) == 1 else repr(tuple(shown))


# --- series and counts ---------------------------------------------------------------------------


def year_item(value: Any) -> Item:
    """A year label: an int, a whole float, a numeric text, a date or a period."""
    if isinstance(value, pd.Timestamp | dt.date):
        return Item(value.year, value.year)
    if isinstance(value, pd.Period):
        return Item(value.year, value.year)
    number = as_float(value)
    if number is None and isinstance(value, str) and _parses(value.strip()):
        number = float(value)
    if number is None or number != int(number):
        raise Wrong(
            f"The labels should be years (2004, 2005, ...); {describe(value)} is not a year."
        )
    return Item(int(number), int(number))


@dataclass(frozen=True)
class Keyed:
    """A canonical series: values by comparable label, in the learner's order."""

    values: dict[Any, Any]
    shown: dict[Any, Any]
    order: tuple[Any, ...]


class Counts(Kind):
    """Values by label: a Series (``value_counts``, ``groupby(...).sum()``, a rolling sum) or a
    mapping (a dict, a two-column DataFrame). Values are numbers or, with ``values="label"``,
    labels from ``vocabulary``.

    ``zero_means_absent`` treats a label with value 0 like a missing label (a crosstab or
    ``reindex`` may add zero rows); ``item`` reads a label (text or ``year_item``);
    ``integer`` asks for whole numbers (counts), compared exactly: 13.6 is not a count of 14.
    """

    def __init__(
        self,
        expected: Callable[[], Any],
        what: str,
        *,
        item: Callable[[Any], Item] = text_item,
        values: str = "number",
        vocabulary: Callable[[], Iterable[str]] | None = None,
        decimals: int = 0,
        integer: bool = False,
        zero_means_absent: bool = False,
        ordered: bool = False,
        known: Callable[[], Iterable[Any]] | None = None,
        noun: str = "label",
        order_advice: str = "",
    ) -> None:
        super().__init__(expected, what)
        self.item = item
        self.values = values
        self.vocabulary = vocabulary
        self.integer = integer
        self.decimals = decimals
        self.zero_means_absent = zero_means_absent
        self.ordered = ordered
        self.known = known
        self.noun = noun
        self.order_advice = order_advice

    def _as_pairs(self, answer: Any) -> list[tuple[Any, Any]]:
        if isinstance(answer, Mapping):
            return list(answer.items())
        if isinstance(answer, pd.DataFrame):
            if answer.shape[1] == 1:
                answer = answer.iloc[:, 0]
            elif answer.shape[1] == 2:
                first, second = answer.columns
                if pd.api.types.is_numeric_dtype(answer[second]) or self.values == "label":
                    return list(zip(answer[first], answer[second], strict=True))
                return list(zip(answer[second], answer[first], strict=True))
            else:
                raise Wrong(
                    f"Expected values by {self.noun} ({self.what}): a Series or a dict; got "
                    f"{describe(answer)}."
                )
        if not isinstance(answer, pd.Series):
            raise Wrong(
                f"Expected values by {self.noun} ({self.what}): a Series or a dict; got "
                f"{describe(answer)}."
            )
        if isinstance(answer.index, pd.MultiIndex):
            raise Wrong(
                f"Your Series has a two-level index; expected one {self.noun} per value "
                f"({self.what})."
            )
        return list(zip(answer.index, answer.to_numpy(dtype=object), strict=True))

    def normalise(self, answer: Any) -> Keyed:
        pairs = self._as_pairs(answer)
        if len(pairs) > MAX_ITEMS:
            raise Wrong(f"Expected a short Series ({self.what}); got {len(pairs):,} values.")
        values: dict[Any, Any] = {}
        shown: dict[Any, Any] = {}
        order: list[Any] = []
        for label, value in pairs:
            item = self.item(label)
            if item.key in values:
                raise Wrong(
                    f"{item.shown!r} appears more than once: give one value per {self.noun}."
                )
            read = self._value(value, item.shown)
            if read is None:
                continue  # a missing value (NaN) counts as no value, as after .dropna()
            if self.zero_means_absent and read == 0:
                continue
            values[item.key], shown[item.key] = read, item.shown
            order.append(item.key)
        return Keyed(values, shown, tuple(order))

    def _value(self, value: Any, label: Any) -> Any:
        if self.values == "label":
            if _missing(value):
                raise Wrong(f"The value for {label!r} is missing.")
            if not isinstance(value, str | np.str_):
                raise Wrong(f"The value for {label!r} should be text; got {describe(value)}.")
            return fold(str(value))
        if _missing(value):
            return None
        number = as_float(value)
        if number is None:
            raise Wrong(f"The value for {label!r} should be a number; got {describe(value)}.")
        if self.integer and number != int(number):
            raise Wrong(
                f"The value for {label!r} should be a whole number (a count); got {number:g}."
            )
        return number

    def same(self, given: Keyed, expected: Keyed) -> bool:
        if set(given.values) != set(expected.values):
            return False
        if self.ordered and given.order != expected.order:
            return False
        return all(self._equal(given.values[k], expected.values[k]) for k in expected.values)

    def _equal(self, a: Any, b: Any) -> bool:
        if self.values == "label":
            return a == b
        if self.integer:
            return a == b
        return abs(a - b) <= 0.5 * 10**-self.decimals + 1e-9

    def diagnose(self, given: Keyed, expected: Keyed) -> str:
        if self.known is not None:
            known = {self.item(k).key for k in run_key(self.known)}
            unknown = [given.shown[k] for k in given.order if k not in known]
            if unknown:
                return f"{unknown[0]!r} is not a {self.noun} that exists in the data: check it."
        if self.vocabulary is not None:
            allowed = {fold(v) for v in run_key(self.vocabulary)}
            bad = [k for k in given.order if given.values[k] not in allowed]
            if bad:
                options = ", ".join(repr(v) for v in run_key(self.vocabulary))
                return f"The value for {given.shown[bad[0]]!r} is not one of {options}."
        extra = [given.shown[k] for k in given.order if k not in expected.values]
        missing = [k for k in expected.values if k not in given.values]
        if extra:
            return f"{extra[0]!r} should not be there ({self.what})."
        if missing:
            are = "s are" if len(missing) > 1 else " is"
            return f"{len(missing)} {self.noun}{are} missing ({self.what})."
        wrong = [k for k in expected.values if not self._equal(given.values[k], expected.values[k])]
        if wrong:
            more = " (and others)" if len(wrong) > 1 else ""
            return f"The value for {given.shown[wrong[0]]!r} is not right{more}."
        return f"The right values, but not in the right order. {self.order_advice}".strip()

    def variants(self, answer: Any) -> list[Any]:
        series = pd.Series(answer) if isinstance(answer, Mapping) else answer
        forms: list[Any] = [dict(series.items()), series.iloc[::-1] if not self.ordered else series]
        forms.append(series.rename("value").rename_axis("label").reset_index())
        if self.values == "number":
            forms.append(series.astype(float))
            forms.append(series.to_frame("value"))
        return forms


class Grid(Kind):
    """A two-way table of counts: rows by one label, columns by another (a crosstab).

    Accepted as a DataFrame (crosstab, pivot_table, ``unstack``) or as a Series with a
    two-level index (``groupby([a, b]).size()``); zero and missing cells are the same.
    """

    def __init__(self, expected: Callable[[], Any], what: str, *, rows: str, columns: str) -> None:
        super().__init__(expected, what)
        self.rows = rows
        self.columns_name = columns

    def normalise(self, answer: Any) -> Keyed:
        if isinstance(answer, pd.Series) and isinstance(answer.index, pd.MultiIndex):
            if answer.index.nlevels != 2:
                raise Wrong(f"Expected two labels per count ({self.what}).")
            cells = [
                (a, b, v)
                for (a, b), v in zip(answer.index, answer.to_numpy(dtype=object), strict=True)
            ]
        elif isinstance(answer, pd.DataFrame):
            if len(answer) > MAX_ITEMS or answer.shape[1] > 1000:
                raise Wrong(f"Expected a small table ({self.what}); got {describe(answer)}.")
            cells = [
                (r, c, answer.iloc[i, j])
                for i, r in enumerate(answer.index)
                for j, c in enumerate(answer.columns)
            ]
        else:
            raise Wrong(
                f"Expected a table of counts ({self.what}), {self.rows} as rows and "
                f"{self.columns_name} as columns, like `pd.crosstab` gives; got {describe(answer)}."
            )
        values: dict[Any, float] = {}
        shown: dict[Any, Any] = {}
        for row, column, value in cells:
            if (
                isinstance(row, str)
                and isinstance(column, str)
                and fold(row) == fold(column) == "all"
            ):
                continue
            if (isinstance(row, str) and fold(row) == "all") or (
                isinstance(column, str) and fold(column) == "all"
            ):
                continue  # margins=True adds totals; they are not part of the answer
            if _missing(value):
                continue
            number = as_float(value)
            if number is None:
                raise Wrong(f"The cells should hold counts; got {describe(value)}.")
            if number == 0:
                continue
            key = (text_item(str(row)).key, text_item(str(column)).key)
            values[key], shown[key] = number, (row, column)
        return Keyed(values, shown, tuple(values))

    def same(self, given: Keyed, expected: Keyed) -> bool:
        return set(given.values) == set(expected.values) and all(
            abs(given.values[k] - expected.values[k]) < 1e-9 for k in expected.values
        )

    def diagnose(self, given: Keyed, expected: Keyed) -> str:
        rows = {k[0] for k in expected.values}
        given_rows = {k[0] for k in given.values}
        if given_rows and not given_rows & rows and {k[1] for k in given.values} & rows:
            return f"Rows and columns are swapped: put {self.rows} in the rows."
        extra = [given.shown[k] for k in given.values if k[0] not in rows]
        if extra:
            return (
                f"{extra[0][0]!r} should not be a row: keep only the {self.rows} the "
                "exercise names."
            )
        missing_rows = rows - given_rows
        if missing_rows:
            are = "is" if len(missing_rows) == 1 else "are"
            return f"{len(missing_rows)} of the {self.rows} {are} missing."
        wrong = [k for k in expected.values if given.values.get(k) != expected.values[k]]
        wrong += [k for k in given.values if k not in expected.values]
        row, column = (expected.shown | given.shown)[wrong[0]]
        return f"The count for {row!r} and {column!r} is not right."

    def variants(self, answer: pd.DataFrame) -> list[Any]:
        stacked = answer.stack()
        return [stacked, stacked[stacked > 0], answer.astype(float), answer.replace(0, np.nan)]


# --- functions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One call of the learner's function: the arguments and how a message shows each."""

    args: tuple[Any, ...]
    shown: tuple[str, ...]

    def text(self, name: str) -> str:
        return f"{name}({', '.join(self.shown)})"


def call(*args: Any, shown: Sequence[str] | None = None) -> Call:
    """A case; ``shown`` names arguments such as tables ('register') for messages."""
    labels = tuple(shown) if shown is not None else tuple(repr(a) for a in args)
    return Call(tuple(args), labels)


@dataclass(frozen=True)
class Results:
    """What a function returned for each call, in canonical form (or None for None)."""

    by_call: tuple[tuple[Call, Any], ...]


class Function(Kind):
    """A function, called on a table of cases; each result is checked with ``result``.

    ``cases`` must vary every argument (two calls that differ in one argument only, with
    different expected results), so that a function that ignores an argument is caught and
    named. ``reference`` is the worked implementation; ``none_allowed`` says the function may
    return None (for "nothing in the period").
    """

    def __init__(
        self,
        reference: Callable[..., Any],
        what: str,
        *,
        name: str,
        params: Sequence[str],
        cases: Callable[[], Sequence[Call]],
        result: Kind,
        none_allowed: bool = False,
    ) -> None:
        super().__init__(lambda: reference, what)
        self.name = name
        self.params = list(params)
        self.cases = cases
        self.result = result
        self.none_allowed = none_allowed

    def normalise(self, answer: Any) -> Results:
        if isinstance(answer, type) or not callable(answer):
            raise Wrong(f"Expected a function ({self.what}); got {describe(answer)}.")
        self._check_signature(answer)
        return Results(tuple((case, self._run(answer, case)) for case in run_key(self.cases)))

    def normalise_key(self, value: Any) -> Results:
        return Results(tuple((case, self._run_key(value, case)) for case in self.cases()))

    def _check_signature(self, func: Callable[..., Any]) -> None:
        try:
            signature = inspect.signature(func)
        except (TypeError, ValueError):
            return
        try:
            signature.bind(*range(len(self.params)))
        except TypeError:
            wanted = ", ".join(self.params)
            raise Wrong(
                f"`{self.name}` should take the arguments ({wanted}); yours takes {signature}."
            ) from None

    def _run(self, func: Callable[..., Any], case: Call) -> Any:
        label = case.text(self.name)
        try:
            value = func(*(private_copy(arg) for arg in case.args))
        except Wrong:
            raise
        except Exception as error:  # the learner's code may raise anything
            raise Wrong(
                f"{label} raised {type(error).__name__}: {describe(str(error))[9:]}"
            ) from None
        if value is None:
            return None
        try:
            return self.result.normalise(value)
        except Wrong as wrong:
            raise Wrong(f"{label}: {wrong}") from None

    def _run_key(self, func: Callable[..., Any], case: Call) -> Any:
        value = func(*(private_copy(arg) for arg in case.args))
        return None if value is None else self.result.normalise_key(value)

    def _same_result(self, a: Any, b: Any) -> bool:
        if a is None or b is None:
            return a is None and b is None
        return self.result.same(a, b)

    def same(self, given: Results, expected: Results) -> bool:
        return all(
            self._same_result(g, e)
            for (_, g), (_, e) in zip(given.by_call, expected.by_call, strict=True)
        )

    def diagnose(self, given: Results, expected: Results) -> str:
        ignored = self._ignored_argument(given, expected)
        if ignored:
            return ignored
        for (case, got), (_, want) in zip(given.by_call, expected.by_call, strict=True):
            if self._same_result(got, want):
                continue
            label = case.text(self.name)
            if got is None:
                return f"{label} returned None: does your function end with `return`?"
            if want is None:
                return (
                    f"{label} should return None here (nothing in that case); "
                    "yours returned a value."
                )
            return f"{label}: {self.result.diagnose(got, want)}"
        return "Not quite."

    def _ignored_argument(self, given: Results, expected: Results) -> str:
        """The message for a function that returns the same whatever one argument says."""
        # Calls are matched by position: their arguments may be unhashable (a DataFrame).
        calls = [case for case, _ in given.by_call]
        got = [g for _, g in given.by_call]
        want = [e for _, e in expected.by_call]
        for position, param in enumerate(self.params):
            for ia, a in enumerate(calls):
                for ib, b in enumerate(calls):
                    differs_only_here = [
                        i for i in range(len(self.params)) if a.shown[i] != b.shown[i]
                    ] == [position]
                    if (
                        differs_only_here
                        and got[ia] is not None  # "returned None" is the message for that
                        and not self._same_result(want[ia], want[ib])
                        and self._same_result(got[ia], got[ib])
                        and not self._same_result(got[ia], want[ia])
                    ):
                        return (
                            f"{a.text(self.name)} and {b.text(self.name)} give the same result, "
                            f"but `{param}` differs: use the argument `{param}` inside the "
                            "function instead of a fixed value or a global variable."
                        )
        return ""


# --- free text and records ---------------------------------------------------------------------


class FreeText(Kind):
    """An answer in the learner's own words. A check cannot judge an argument, so it is
    *recorded*, never marked correct: the learner then compares it with a checklist and a
    model answer, and a teacher marks it. What can be verified is verified by ``checks``
    (functions that raise ``Wrong``: names that exist, ids that exist, no contradiction of a
    computed result).
    """

    manual = True

    def __init__(
        self,
        model: Callable[[], str],
        what: str,
        *,
        min_words: int = 20,
        checks: Sequence[Callable[[str], None]] = (),
        checklist: Sequence[str] = (),
    ) -> None:
        super().__init__(model, what)
        self.min_words = min_words
        self.checks = list(checks)
        self.checklist = list(checklist)

    def normalise(self, answer: Any) -> str:
        if not isinstance(answer, str):
            raise Wrong(
                f"Expected your answer as text in quotes ({self.what}); got {describe(answer)}."
            )
        text = answer.strip()
        reason = filler_reason(text, self.min_words)
        if reason:
            raise Wrong(f"Not yet an answer ({self.what}): {reason}.")
        for verify in self.checks:
            verify(text)
        return text

    def normalise_key(self, value: Any) -> str:
        return str(value)

    def same(self, given: Any, expected: Any) -> bool:
        return False

    def record(self, given: str) -> str:
        count = len(given.split())
        parts = [f"Recorded ({count} words). A check cannot judge an argument, so compare yours"]
        if self.checklist:
            parts.append(" with this checklist: " + "; ".join(self.checklist) + ".")
        else:
            parts.append(" with the model answer.")
        parts.append(f" A model answer: {run_key(self.expected)}")
        return "".join(parts)

    def variants(self, answer: Any) -> list[Any]:
        return [f"  {answer}\n", answer.replace("\n", " ")]


class Record(Kind):
    """A dict of named fields, each checked by its own kind (e.g. a verdict and a reason)."""

    def __init__(self, fields: Mapping[str, Kind], what: str) -> None:
        super().__init__(
            lambda: {name: kind.expected_answer() for name, kind in fields.items()}, what
        )
        self.fields = dict(fields)
        self.manual = any(kind.manual for kind in self.fields.values())

    def normalise(self, answer: Any) -> dict[str, Any]:
        if isinstance(answer, pd.Series):
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            raise Wrong(
                f"Expected a dict with the keys {list(self.fields)} ({self.what}); got "
                f"{describe(answer)}."
            )
        keys = {fold(str(k)): k for k in answer}
        missing = [name for name in self.fields if fold(name) not in keys]
        if missing:
            raise Wrong(f"Your dict has no {missing[0]!r} key; it needs {list(self.fields)}.")
        out = {}
        for name, kind in self.fields.items():
            try:
                out[name] = kind.normalise(answer[keys[fold(name)]])
            except Wrong as wrong:
                raise Wrong(f"{name!r}: {wrong}") from None
        return out

    def normalise_key(self, value: Any) -> dict[str, Any]:
        return {name: kind.normalise_key(value[name]) for name, kind in self.fields.items()}

    def same(self, given: dict[str, Any], expected: dict[str, Any]) -> bool:
        return all(kind.same(given[n], expected[n]) for n, kind in self.fields.items())

    def diagnose(self, given: dict[str, Any], expected: dict[str, Any]) -> str:
        for name, kind in self.fields.items():
            if not kind.same(given[name], expected[name]):
                return f"{name!r}: {kind.diagnose(given[name], expected[name])}"
        return "Not quite."

    def record(self, given: dict[str, Any]) -> str:
        notes = []
        for name, kind in self.fields.items():
            if kind.manual:
                notes.append(kind.record(given[name]))
            elif isinstance(given[name], Item):
                notes.append(f"{name}: {given[name].shown!r}.")
        return " ".join(notes)

    def variants(self, answer: Mapping[str, Any]) -> list[Any]:
        return [dict(answer), pd.Series(answer), {k.upper(): v for k, v in answer.items()}]
