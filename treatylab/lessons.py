"""The lesson map: titles, files, timings and objectives, in one place.

Lesson 00 prints it as the learning path, the reading site builds its index from it, and
TEACHING.md follows the same timings. Times are in minutes (teaching, exercises).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Lesson:
    number: int
    stem: str
    title: str
    question: str
    teaching: int
    exercises: int
    objectives: tuple[str, ...]

    @property
    def filename(self) -> str:
        return f"{self.number:02d}_{self.stem}.ipynb"

    @property
    def minutes(self) -> int:
        return self.teaching + self.exercises


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        0,
        "start_here",
        "Start here",
        "How does this course work?",
        10,
        10,
        (
            "Run cells in order and restart a notebook cleanly.",
            "Check an answer with `check()` and read its feedback and hints.",
            "Find where every table comes from.",
        ),
    ),
    Lesson(
        1,
        "treaty_in_context",
        "The treaty in context",
        "What was signed in January 2025, what did it replace, and what does it leave out?",
        40,
        35,
        (
            "Describe what the 2025 treaty covers and what it does not.",
            "Compare it with the 2001 treaty and with the 2024 Russia–North Korea treaty.",
            "Filter and sort a timeline with pandas and compute gaps between dates.",
            "Tell a legal date from a political statement about it.",
        ),
    ),
    Lesson(
        2,
        "arms_transfers",
        "Arms transfers in the data",
        "What does SIPRI's data say about Russia's arms exports and its deliveries to Iran?",
        45,
        45,
        (
            "Explain what a SIPRI TIV measures and why it is not money.",
            "Compute totals, shares and ranks by five-year period with groupby.",
            "Reproduce a published SIPRI figure from the raw data.",
            "Keep two editions of a database apart in one chart.",
        ),
    ),
    Lesson(
        3,
        "checking_the_claims",
        "Checking the claims",
        "Which of the article's statements stand up, and how can you tell?",
        35,
        40,
        (
            "Sort a text's statements into fact, attribution, opinion and prediction.",
            "Test a ranking claim period by period against data.",
            "Follow a claim back through the outlets that repeated it.",
            "Rewrite a vague claim as a precise, sourced statement.",
        ),
    ),
    Lesson(
        4,
        "expert_arguments",
        "The expert arguments",
        "Who argues what about the treaty, and on what evidence?",
        30,
        30,
        (
            "Break an argument into claim, reasons, evidence and stance.",
            "Compare views on the treaty across perspectives, with attribution.",
            "Steelman a view you do not hold.",
        ),
    ),
    Lesson(
        5,
        "what_happened_next",
        "What happened next",
        "How did the article's predictions hold up in 2025?",
        30,
        30,
        (
            "Place the events of 2025 on a timeline and measure the gaps between them in days.",
            "Score predictions against what happened, with evidence, and tell a settled verdict "
            "from a judgement call.",
            "Explain how the treaty's lack of a mutual-defence clause showed during the June "
            "2025 war.",
            "Say what a commentary's forecast can and cannot tell you.",
        ),
    ),
)


def lesson_map() -> pd.DataFrame:
    """The learning path as a table: lesson, title, question, minutes."""
    return pd.DataFrame(
        {
            "lesson": [f"{lesson.number:02d}" for lesson in LESSONS],
            "title": [lesson.title for lesson in LESSONS],
            "question": [lesson.question for lesson in LESSONS],
            "teaching_min": [lesson.teaching for lesson in LESSONS],
            "exercises_min": [lesson.exercises for lesson in LESSONS],
        }
    )
