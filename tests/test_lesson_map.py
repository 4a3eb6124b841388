"""One source of truth for each lesson's title, objectives and timing: treatylab/lessons.py.

The notebooks, the exercise masters, README.md and TEACHING.md all state them too; these tests
fail as soon as one of them drifts from lessons.py, so a change is made once, in lessons.py,
and the rest follow (or the test says where).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from treatylab.lessons import LESSONS, Lesson

ROOT = Path(__file__).resolve().parent.parent
TIME = re.compile(r"\*\*Time:\*\*\s*(\d+) minutes of teaching, (\d+) minutes of exercises")
EXERCISE_MINUTES = re.compile(r"^### Exercise \d+\.\d+ · .*\((?:[^,()]+), (\d+) min\)", re.M)


def markdown(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def objectives_in(text: str) -> list[str]:
    """The bullet list under a '## Objectives' heading."""
    part = text.split("## Objectives", 1)[1]
    bullets = []
    for line in part.strip().splitlines():
        if line.startswith("- "):
            bullets.append(line[2:].strip())
        elif bullets:
            break
    return bullets


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.filename)
def test_the_lesson_notebook_states_what_lessons_py_says(lesson: Lesson):
    cells = markdown(ROOT / "notebooks" / lesson.filename)
    assert cells[0].splitlines()[0] == f"# {lesson.number:02d} · {lesson.title}", cells[0][:80]
    header = "\n\n".join(cells[:3])
    assert objectives_in(header) == list(lesson.objectives), lesson.filename
    times = TIME.search(header)
    assert times, f"{lesson.filename}: no '**Time:** N minutes of teaching, M minutes ...' line"
    assert (int(times[1]), int(times[2])) == (lesson.teaching, lesson.exercises)
    assert "my-work/" in header, f"{lesson.filename}: send learners to their copy in my-work/"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.filename)
def test_the_exercise_minutes_add_up_to_the_lessons_exercise_time(lesson: Lesson):
    text = "\n\n".join(markdown(ROOT / "solutions" / lesson.filename))
    minutes = [int(m) for m in EXERCISE_MINUTES.findall(text)]
    assert minutes, f"{lesson.filename}: no '### Exercise N.M · title (level, K min)' headings"
    assert sum(minutes) == lesson.exercises, (lesson.filename, minutes, lesson.exercises)


def test_readme_table_matches_the_lesson_map():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for lesson in LESSONS:
        row = f"| {lesson.number:02d} {lesson.title} | {lesson.question} | "
        row += f"{lesson.teaching} + {lesson.exercises} min |"
        assert row in readme, f"README.md lesson table: expected the row\n{row}"


def test_teaching_guide_times_match_the_lesson_map():
    guide = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    for lesson in LESSONS:
        section = guide.split(f"## Lesson {lesson.number:02d} · {lesson.title}", 1)[1]
        section = section.split("\n## ", 1)[0]
        total = f"{lesson.teaching + lesson.exercises} minutes"
        assert total in section or (
            f"{lesson.teaching} minutes" in section and f"{lesson.exercises} minutes" in section
        ), f"TEACHING.md, lesson {lesson.number:02d}: state its {total} as lessons.py does"
