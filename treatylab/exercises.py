"""Build the student notebooks in exercises/ from the worked masters in solutions/.

The masters use nbgrader's conventions, so a teacher can also hand solutions/ to
``nbgrader generate_assignment``:

* an answer cell has nbgrader metadata with ``solution: true`` and a ``grade_id``;
* inside it, the worked answer sits between ``### BEGIN SOLUTION`` and ``### END SOLUTION``.

The builder replaces each region by a ``# YOUR CODE HERE`` line and a stub that still runs: the
names the region assigns become ``name = ...`` (so the check cell below reports "not answered
yet" instead of a NameError), otherwise a bare ``...``. Outputs are cleared. Answer cells stay
editable; every other cell (prompts, setup, checks) is locked (``editable: false``,
``deletable: false``). A malformed master is refused with the notebook and cell named.

Grading metadata is normalised, never set by hand: ``normalise`` gives every check cell
(``check("exN_M", ...)``) nbgrader's "autograder tests" metadata (``grade: true``, ``points``,
``locked: true``), makes the answer cell of a free-text question a manually graded answer
(``grade: true, solution: true``, with its points) and leaves that question's check cell
ungraded (a check cannot judge an argument), and locks every other code cell (read-only in
nbgrader, so ``nbgrader autograde`` restores it from the master). Points and the free-text flag
come from the question (``points``, ``manual``), with the defaults 1 and the three free-text
questions until the check engine declares them.

Every notebook is written with ``treatylab.notebook_io`` (exactly as Jupyter saves it), so a
student's save changes nothing and nbgitpuller can merge a teacher's fix.

``python -m treatylab.exercises`` normalises solutions/ in place, then writes exercises/;
``--check`` fails when either is stale.
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat

from treatylab import notebook_io

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB_COMMENT = "# YOUR CODE HERE"
MARKDOWN_STUB = "YOUR ANSWER HERE"
# Free-text questions until the check engine declares `manual` on each question.
FREE_TEXT = frozenset({"ex3_7", "ex4_7", "ex5_7"})
CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](ex\d+_\d+)["']""")
NBGRADER_SCHEMA = 3

# (points, manual) of a question id; None for an unknown id.
Grading = Callable[[str], "tuple[int, bool] | None"]


class MasterError(ValueError):
    """A solutions notebook breaks the nbgrader conventions the builder relies on."""


def _where(notebook: Path, index: int, cell: dict) -> str:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    named = f" (grade_id {grade_id!r})" if grade_id else ""
    return f"{notebook.name}, cell {index}{named}"


def is_solution_cell(cell: dict) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution", False))


def solution_regions(lines: list[str], where: str) -> list[tuple[int, int]]:
    """(begin, end) line indices of each region; refuses unclosed, nested or stray markers."""
    regions: list[tuple[int, int]] = []
    start: int | None = None
    for number, line in enumerate(lines):
        if BEGIN in line:
            if start is not None:
                raise MasterError(f"{where}: nested '{BEGIN}' on line {number + 1}.")
            start = number
        elif END in line:
            if start is None:
                raise MasterError(f"{where}: '{END}' without a BEGIN on line {number + 1}.")
            regions.append((start, number))
            start = None
    if start is not None:
        raise MasterError(f"{where}: '{BEGIN}' on line {start + 1} is never closed.")
    return regions


def assigned_names(source: str) -> list[str]:
    """Names assigned at the top level of a region, in order (``answer = ...`` stubs)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name) and target.id not in names:
                names.append(target.id)
    return names


def _stub_lines(body: str, indent: str) -> list[str]:
    # At the top level, keep the names the region assigns so later cells still run; inside a
    # function body (an indented region) its locals mean nothing to the learner: a bare `...`.
    names = [] if indent else assigned_names(body)
    stubs = [f"{indent}{name} = ..." for name in names] or [f"{indent}..."]
    return [f"{indent}{STUB_COMMENT}", *stubs]


def stub_code(source: str, where: str) -> str:
    """The student version of a code answer cell."""
    lines = source.split("\n")
    regions = solution_regions(lines, where)
    if not regions:  # like nbgrader, a solution cell without markers is replaced entirely
        return "\n".join(_stub_lines(source, ""))
    out: list[str] = []
    cursor = 0
    for begin, end in regions:
        out.extend(lines[cursor:begin])
        marker = lines[begin]
        indent = marker[: len(marker) - len(marker.lstrip())]
        body = "\n".join(line[len(indent) :] for line in lines[begin + 1 : end])
        out.extend(_stub_lines(body, indent))
        cursor = end + 1
    out.extend(lines[cursor:])
    return "\n".join(out).strip("\n")


def stub_markdown(source: str, where: str) -> str:
    lines = source.split("\n")
    regions = solution_regions(lines, where)
    if not regions:
        return MARKDOWN_STUB
    out: list[str] = []
    cursor = 0
    for begin, end in regions:
        out.extend(lines[cursor:begin])
        out.append(MARKDOWN_STUB)
        cursor = end + 1
    out.extend(lines[cursor:])
    return "\n".join(out)


def _lock(cell: dict, editable: bool) -> None:
    cell["metadata"]["editable"] = editable
    cell["metadata"]["deletable"] = False


def question_grading(qid: str) -> tuple[int, bool] | None:
    """(points, manual) that the check engine declares for a question, None if it is unknown.

    Read with defaults (1 point; manual for the free-text questions) so the builder works both
    before and after the engine declares ``points`` and ``manual`` on its questions.
    """
    from treatylab.questions import find  # the question modules load data: only when needed

    try:
        question = find(qid)
    except Exception:  # a broken lesson module is reported as an unknown question
        question = None
    if question is None:
        return None
    points = int(getattr(question, "points", 1))
    manual = bool(getattr(question, "manual", qid in FREE_TEXT))
    return points, manual


def _nbgrader(cell: dict, *, grade_id: str, solution: bool, locked: bool, points: int) -> None:
    """Replace the cell's nbgrader metadata (``points`` 0 means: not graded)."""
    meta: dict = {
        "grade": points > 0,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": NBGRADER_SCHEMA,
        "solution": solution,
        "task": False,
    }
    if points > 0:
        meta["points"] = points
    cell["metadata"]["nbgrader"] = meta


def _checked_questions(cell: dict) -> list[str]:
    """The question ids a non-answer code cell checks (``check("ex2_3", ...)``)."""
    if cell.get("cell_type") != "code" or is_solution_cell(cell):
        return []
    return CHECK_CALL.findall(cell.get("source", ""))


def normalise(
    nb: nbformat.NotebookNode, name: str, grading: Grading = question_grading
) -> nbformat.NotebookNode:
    """Set the nbgrader metadata of every code cell from the questions (in place)."""
    grades: dict[str, tuple[int, bool]] = {}
    for index, cell in enumerate(nb.cells):
        for qid in _checked_questions(cell):
            found = grading(qid)
            if found is None:
                raise MasterError(f"{_where(Path(name), index, cell)}: checks an unknown {qid!r}.")
            grades[qid] = found
    manual = {qid for qid, (_, is_manual) in grades.items() if is_manual}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if is_solution_cell(cell):
            grade_id = cell.metadata["nbgrader"].get("grade_id", "")
            points = grades[grade_id][0] if grade_id in manual else 0
            _nbgrader(cell, grade_id=grade_id, solution=True, locked=False, points=points)
            continue
        qids = _checked_questions(cell)
        if qids:
            graded = [qid for qid in qids if qid not in manual]
            _nbgrader(
                cell,
                grade_id=cell.metadata.get("nbgrader", {}).get("grade_id") or f"{qids[0]}_check",
                solution=False,
                locked=True,
                points=sum(grades[qid][0] for qid in graded),
            )
        else:  # setup, demonstration and check_all cells: read-only
            grade_id = (
                cell.metadata.get("nbgrader", {}).get("grade_id")
                or cell.get("id")
                or (f"cell-{index}")
            )
            _nbgrader(cell, grade_id=grade_id, solution=False, locked=True, points=0)
    return nb


def normalised_master(master: Path, grading: Grading = question_grading) -> nbformat.NotebookNode:
    """A solutions/ notebook as the builder reads it: normalised, volatile metadata dropped."""
    return notebook_io.clean(normalise(notebook_io.read(master), master.name, grading))


def build_notebook(master: Path, grading: Grading = question_grading) -> nbformat.NotebookNode:
    """The student notebook made from one master."""
    nb = normalised_master(master, grading)
    student = copy.deepcopy(nb)
    for index, cell in enumerate(student.cells):
        where = _where(master, index, cell)
        source = cell.source
        solution = is_solution_cell(cell)
        has_marker = BEGIN in source or END in source
        if has_marker and not solution:
            raise MasterError(
                f"{where}: has solution markers but its nbgrader metadata lacks 'solution': true."
            )
        if solution and not cell.metadata.get("nbgrader", {}).get("grade_id"):
            raise MasterError(f"{where}: a solution cell needs an nbgrader 'grade_id'.")
        cell.metadata.pop("execution", None)  # run timestamps from `make outputs`
        if cell.cell_type == "code":
            if solution:
                cell.source = stub_code(source, where)
            cell.outputs = []
            cell.execution_count = None
        elif solution:
            cell.source = stub_markdown(source, where)
        _lock(cell, editable=solution)
    student.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    return student


def render(nb: nbformat.NotebookNode) -> str:
    """The file text of a notebook: exactly as Jupyter saves it (see treatylab.notebook_io)."""
    return notebook_io.dumps(nb)


def build_all(
    solutions: Path = SOLUTIONS, exercises: Path = EXERCISES, grading: Grading = question_grading
) -> dict[Path, str]:
    """Every exercises/ notebook as text, keyed by its target path."""
    return {
        exercises / master.name: render(build_notebook(master, grading))
        for master in sorted(solutions.glob("*.ipynb"))
    }


def normalise_all(solutions: Path = SOLUTIONS, grading: Grading = question_grading) -> dict:
    """Every solutions/ notebook as its normalised text, keyed by its path."""
    return {
        master: render(normalised_master(master, grading))
        for master in sorted(solutions.glob("*.ipynb"))
    }


def stale(
    solutions: Path = SOLUTIONS, exercises: Path = EXERCISES, grading: Grading = question_grading
) -> list[str]:
    """What differs from a fresh normalise and build (empty when up to date)."""
    problems = [
        f"solutions/{path.name}: grading metadata or format not normalised"
        for path, text in normalise_all(solutions, grading).items()
        if path.read_text(encoding="utf-8") != text
    ]
    built = build_all(solutions, exercises, grading)
    for path, text in built.items():
        if not path.is_file():
            problems.append(f"{path.name}: missing from exercises/")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path.name}: differs from what solutions/{path.name} builds")
    for path in sorted(exercises.glob("*.ipynb")):
        if path not in built:
            problems.append(f"{path.name}: in exercises/ but has no master in solutions/")
    return problems


def _write(path: Path, text: str) -> None:
    """Write a notebook's text when it changed, and say so."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


def _build(masters: list[Path]) -> None:
    """Normalise the masters in place, then write their exercises (all of them when empty)."""
    if masters:
        for master in masters:
            _write(master, render(normalised_master(master)))
            _write(EXERCISES / master.name, render(build_notebook(master)))
        return
    for path, text in normalise_all().items():
        _write(path, text)
    built = build_all()
    for path, text in built.items():
        _write(path, text)
    for path in sorted(EXERCISES.glob("*.ipynb")):
        if path not in built:
            path.unlink()
            print(f"removed {path.relative_to(ROOT)} (no master)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m treatylab.exercises",
        description="Normalise solutions/ (nbgrader metadata) and build exercises/ from it.",
    )
    parser.add_argument(
        "--check", action="store_true", help="fail if solutions/ or exercises/ is stale"
    )
    parser.add_argument(
        "masters", nargs="*", type=Path, help="build only these solutions/ notebooks"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = stale()
            for problem in problems:
                print(f"stale: {problem}", file=sys.stderr)
            if problems:
                print("Out of date: run `make exercises`.", file=sys.stderr)
                return 1
            print("solutions/ and exercises/ are up to date.")
            return 0
        EXERCISES.mkdir(exist_ok=True)
        _build([master.resolve() for master in args.masters])
    except MasterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
