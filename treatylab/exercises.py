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

``python -m treatylab.exercises`` writes exercises/; ``--check`` fails when it is stale.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB_COMMENT = "# YOUR CODE HERE"
MARKDOWN_STUB = "YOUR ANSWER HERE"


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


def build_notebook(master: Path) -> nbformat.NotebookNode:
    """The student notebook made from one master."""
    nb = nbformat.read(master, as_version=4)
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
    """Stable JSON text for a notebook (what is committed in exercises/)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def build_all(solutions: Path = SOLUTIONS, exercises: Path = EXERCISES) -> dict[Path, str]:
    """Every exercises/ notebook as text, keyed by its target path."""
    return {
        exercises / master.name: render(build_notebook(master))
        for master in sorted(solutions.glob("*.ipynb"))
    }


def stale(solutions: Path = SOLUTIONS, exercises: Path = EXERCISES) -> list[str]:
    """What differs between exercises/ and a fresh build (empty when up to date)."""
    built = build_all(solutions, exercises)
    problems = []
    for path, text in built.items():
        if not path.is_file():
            problems.append(f"{path.name}: missing from exercises/")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path.name}: differs from what solutions/{path.name} builds")
    for path in sorted(exercises.glob("*.ipynb")):
        if path not in built:
            problems.append(f"{path.name}: in exercises/ but has no master in solutions/")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m treatylab.exercises",
        description="Build exercises/ (student notebooks) from solutions/ (worked masters).",
    )
    parser.add_argument("--check", action="store_true", help="fail if exercises/ is stale")
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
                print("exercises/ is out of date: run `make exercises`.", file=sys.stderr)
                return 1
            print("exercises/ is up to date.")
            return 0
        EXERCISES.mkdir(exist_ok=True)
        if args.masters:
            for master in args.masters:
                target = EXERCISES / master.name
                target.write_text(render(build_notebook(master)), encoding="utf-8")
                print(f"wrote {target.relative_to(ROOT)}")
            return 0
        built = build_all()
        for path, text in built.items():
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
        for path in sorted(EXERCISES.glob("*.ipynb")):
            if path not in built:
                path.unlink()
                print(f"removed {path.relative_to(ROOT)} (no master)")
    except MasterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
