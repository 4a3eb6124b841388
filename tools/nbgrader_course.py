"""Set up (or refresh) an nbgrader course folder for treatylab: one assignment per lesson.

Why a tool: the grading folder needs three things that are easy to get wrong by hand, and the
classroom test uses this same code, so what the guide says is what is tested:

* ``source/lessonNN/NN_….ipynb``: copies of solutions/, whose grading metadata the exercise
  builder already set (points on each check, free text graded by hand, everything else locked);
* ``nbgrader_config.py``: course id, ``CourseDirectory.root``, the exchange (``Exchange.root``)
  if there is one, and the ``ignore`` list below;
* the autograding kernel must import ``treatylab`` and find ``data/`` without installing
  anything: the config puts ``classroom/pythonpath`` of this course copy (a folder holding only
  the ``treatylab`` link) on ``PYTHONPATH``, which the kernels nbgrader starts inherit, from the
  command line and from the Formgrader alike.

Submitted files named like the helper package (``treatylab``, any ``*.py``) or ``data`` are never
copied into the autograding folder: otherwise a submission could bring its own ``check()``.

``python -m tools.nbgrader_course GRADING_DIR [--exchange DIR] [--lessons 00 03]``
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
PYTHONPATH = ROOT / "classroom" / "pythonpath"
COURSE_ID = "treatylab"
IGNORE = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "treatylab", "*.py", "data"]


def assignment_of(notebook: Path) -> str:
    """The nbgrader assignment of a lesson notebook: ``03_checking_the_claims`` -> ``lesson03``."""
    return f"lesson{notebook.name[:2]}"


def config_text(grading: Path, exchange: Path | None, course_id: str = COURSE_ID) -> str:
    """The course's nbgrader_config.py."""
    lines = [
        "# Written by `python -m tools.nbgrader_course` (treatylab); re-running it rewrites this.",
        "import os",
        "",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {course_id!r}",
        f"c.CourseDirectory.root = {str(grading.resolve())!r}",
        "# Never copy a submitted helper package, module or data folder into the autograde folder.",
        f"c.CourseDirectory.ignore = {IGNORE!r}",
    ]
    if exchange is not None:
        lines.append(f"c.Exchange.root = {str(exchange.resolve())!r}")
    lines += [
        "# The kernels nbgrader starts (autograde, Formgrader) import treatylab from this copy.",
        f"_course = {str(PYTHONPATH)!r}",
        '_rest = os.environ.get("PYTHONPATH", "")',
        'os.environ["PYTHONPATH"] = _course + (os.pathsep + _rest if _rest else "")',
        "",
    ]
    return "\n".join(lines)


def lesson_notebooks(lessons: list[str] | None) -> list[Path]:
    """The solutions/ notebooks of the chosen lessons (all by default)."""
    found = sorted(SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))
    chosen = [p for p in found if lessons is None or p.name[:2] in lessons]
    if lessons is not None and len(chosen) != len(set(lessons)):
        known = ", ".join(p.name[:2] for p in found)
        raise SystemExit(f"error: unknown lesson in {lessons}; lessons are {known}")
    return chosen


def set_up(
    grading: Path,
    exchange: Path | None = None,
    lessons: list[str] | None = None,
    course_id: str = COURSE_ID,
) -> list[Path]:
    """Write the config and copy the masters; return the copied source notebooks."""
    grading.mkdir(parents=True, exist_ok=True)
    (grading / "nbgrader_config.py").write_text(
        config_text(grading, exchange, course_id), encoding="utf-8"
    )
    copied = []
    for notebook in lesson_notebooks(lessons):
        folder = grading / "source" / assignment_of(notebook)
        folder.mkdir(parents=True, exist_ok=True)
        copied.append(Path(shutil.copy2(notebook, folder / notebook.name)))
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.nbgrader_course", description=__doc__)
    parser.add_argument("grading", type=Path, help="the course folder nbgrader works in")
    parser.add_argument("--exchange", type=Path, help="nbgrader's exchange (Exchange.root)")
    parser.add_argument("--lessons", nargs="+", help="lesson numbers (default: all), e.g. 00 03")
    parser.add_argument("--course-id", default=COURSE_ID)
    args = parser.parse_args(argv)
    copied = set_up(args.grading, args.exchange, args.lessons, args.course_id)
    for path in copied:
        print(f"source: {path}")
    print(f"config: {args.grading / 'nbgrader_config.py'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
