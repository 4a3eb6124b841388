"""The exercise questions, one module per lesson (``lesson02.py`` holds ``ex2_1`` ...).

Modules are imported on first use, so checking a lesson-0 answer does not load lesson 3's data.
"""

from __future__ import annotations

import importlib

from treatylab.questions.base import REGISTRY, Question, lesson_of

LESSONS = (0, 1, 2, 3, 4, 5)


def load_lesson(lesson: int) -> list[Question]:
    """Import the module of one lesson and return its questions in order."""
    try:
        importlib.import_module(f"treatylab.questions.lesson{lesson:02d}")
    except ModuleNotFoundError:
        return []
    return sorted(
        (q for q in REGISTRY.values() if q.lesson == lesson),
        key=lambda q: int(q.qid.split("_")[1]),
    )


def find(qid: str) -> Question | None:
    """The question with this id, importing its lesson module if needed."""
    if qid not in REGISTRY:
        try:
            load_lesson(lesson_of(qid))
        except (ValueError, IndexError):
            return None
    return REGISTRY.get(qid)


def all_questions(lessons: tuple[int, ...] = LESSONS) -> list[Question]:
    """Every question of the given lessons (all lessons by default), in order."""
    return [q for lesson in lessons for q in load_lesson(lesson)]
