"""Reading words: the folding that makes labels compare equal, and checks on free text.

Why fold: a learner who types "2025 Russia-Iran" with a hyphen means the same as the data's
"2025 Russia–Iran" with an en dash, and "India " the same as "India". Folding is applied to
both sides of every label comparison, never to what the learner sees quoted back.

Why free-text checks are modest: a program cannot judge an argument. It can verify what is
verifiable (enough real words, names and ids that exist in data/, a verdict that does not
contradict a computed result), and it leaves the judgement to a person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_QUOTES = {ord("‘"): "'", ord("’"): "'", ord("“"): '"', ord("”"): '"'}
_SPACES = re.compile(r"\s+")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def fold(text: str) -> str:
    """The comparable form of a label: NFKC, plain dashes and quotes, single spaces, casefold."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip().casefold()


def words(text: str) -> list[str]:
    """The words of a text (letters, with inner apostrophes or hyphens), folded."""
    return [fold(w) for w in WORD.findall(text)]


FILLER = {
    "lorem",
    "ipsum",
    "dolor",
    "blah",
    "asdf",
    "qwerty",
    "test",
    "todo",
    "tbd",
    "xxx",
    "foo",
    "bar",
    "etc",
}


def filler_reason(text: str, min_words: int) -> str:
    """Why ``text`` is not yet a real attempt ("" when it is one)."""
    found = words(text)
    if len(found) < min_words:
        return f"it has {len(found)} words; write at least {min_words}"
    distinct = set(found)
    if len(distinct) < max(5, len(found) // 4):
        return "it repeats a few words over and over"
    if sum(w in FILLER for w in found) > len(found) // 5:
        return "it looks like placeholder text"
    if any(len(w) > 30 for w in found):
        return "it contains strings of letters that are not words"
    return ""


def mentioned(text: str, names: Iterable[str]) -> list[str]:
    """The names (full names, matched as whole words, any case) that occur in ``text``."""
    folded = f" {' '.join(words(text))} "
    found = []
    for name in names:
        name_words = " ".join(words(name))
        if name_words and f" {name_words} " in folded:
            found.append(name)
    return found


def surname_index(full_names: Iterable[str]) -> dict[str, str]:
    """surname (folded) -> full name, for names whose surname belongs to one person only."""
    by_surname: dict[str, list[str]] = {}
    for name in full_names:
        parts = words(name)
        if parts:
            by_surname.setdefault(parts[-1], []).append(name)
    return {surname: names[0] for surname, names in by_surname.items() if len(names) == 1}


def people_named(text: str, full_names: Iterable[str]) -> set[str]:
    """The people of ``full_names`` a text names, by full name or by an unambiguous surname."""
    full = list(full_names)
    found = set(mentioned(text, full))
    tokens = set(words(text))
    for surname, name in surname_index(full).items():
        if surname in tokens and len(surname) > 2:
            found.add(name)
    return found


IDS = re.compile(r"\b([A-Z])(\d{2,3})\b")


def ids_in(text: str, prefixes: str) -> list[str]:
    """Ids such as E41 or C15 mentioned in a text, for the given one-letter prefixes."""
    return [f"{p}{n}" for p, n in IDS.findall(text) if p in prefixes]


NEGATION = re.compile(
    r"\b(not|never|no|nor|isn't|wasn't|aren't|weren't|doesn't|didn't|hardly|far from|"
    r"rather than|instead of|no longer|only in|except|neither)\b"
)
SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")


def sentences(text: str) -> list[str]:
    """The sentences of a text: split at . ! ? ; and blank lines, never at a wrapped line
    (a negation on the next line of a triple-quoted answer belongs to the same sentence)."""
    return [" ".join(s.split()) for s in SENTENCE.split(text) if s.strip()]


def affirms(text: str, subject: str, claim: re.Pattern[str]) -> bool:
    """True if some sentence says ``claim`` of ``subject`` without negating it.

    A negation-aware reading of the kind a careful marker does quickly: "Iran is not among the
    top three" and "Iran was third only in the 1990s" do not affirm that Iran is in the top
    three now; "Iran is Russia's third largest buyer" does.
    """
    for sentence in sentences(text):
        folded = fold(sentence)
        if fold(subject) in folded and claim.search(folded) and not NEGATION.search(folded):
            return True
    return False
