"""The builder: exercises/ is exactly its output, leaks no solution line, refuses bad masters."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from tools.notebook_authoring import answer, check_cell, code, md, notebook, write
from treatylab.exercises import (
    BEGIN,
    END,
    EXERCISES,
    SOLUTIONS,
    MasterError,
    build_notebook,
    solution_regions,
    stale,
    stub_code,
)

MASTERS = sorted(SOLUTIONS.glob("*.ipynb"))


def test_there_are_masters():
    assert MASTERS, "solutions/ holds no notebook"


def test_exercises_are_the_builders_output():
    assert stale() == []


def _solution_lines() -> set[str]:
    lines: set[str] = set()
    for master in MASTERS:
        nb = nbformat.read(master, as_version=4)
        for cell in nb.cells:
            source = cell.source.split("\n")
            for begin, end in solution_regions(source, master.name):
                for line in source[begin + 1 : end]:
                    stripped = line.strip()
                    if stripped and any(ch.isalnum() for ch in stripped):
                        lines.add(stripped)
    return lines


def test_no_solution_line_appears_in_exercises():
    secret = _solution_lines()
    assert secret
    for path in sorted(EXERCISES.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for index, cell in enumerate(nb.cells):
            for line in cell.source.split("\n"):
                assert line.strip() not in secret, f"{path.name} cell {index} leaks: {line!r}"
            for output in cell.get("outputs", []):
                raise AssertionError(f"{path.name} cell {index} has an output: {output}")


def test_cells_are_locked_except_answers():
    for path in sorted(EXERCISES.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        answers = 0
        for cell in nb.cells:
            meta = cell.metadata
            assert meta.get("deletable") is False
            is_answer = meta.get("nbgrader", {}).get("solution", False)
            assert meta.get("editable") is is_answer
            answers += is_answer
            if is_answer:
                assert "# YOUR CODE HERE" in cell.source
                assert BEGIN not in cell.source and END not in cell.source
        assert answers >= 2, f"{path.name} has fewer than two answer cells"
        assert nb.cells[-1].source.startswith("check_all("), f"{path.name} must end with check_all"


def test_stub_keeps_names_and_function_signatures():
    assert stub_code(f"{BEGIN}\nshare = 1 / 3\n{END}", "w") == "# YOUR CODE HERE\nshare = ..."
    src = f'def f(a):\n    """Doc."""\n    {BEGIN}\n    return a\n    {END}'
    assert stub_code(src, "w") == 'def f(a):\n    """Doc."""\n    # YOUR CODE HERE\n    ...'
    assert stub_code("x = 1", "w") == "# YOUR CODE HERE\nx = ..."


def _master(tmp_path: Path, cells: list) -> Path:
    return write(notebook(cells, "t"), tmp_path / "99_bad.ipynb")


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ([answer(f"{BEGIN}\nx = 1", "q1")], "never closed"),
        ([answer(f"{BEGIN}\n{BEGIN}\nx = 1\n{END}\n{END}", "q1")], "nested"),
        ([answer(f"x = 1\n{END}", "q1")], "without a BEGIN"),
        ([code(f"{BEGIN}\nx = 1\n{END}")], "lacks 'solution': true"),
        ([md("intro"), code(f"y = 2\n{BEGIN}\nx = 1\n{END}")], "cell 1"),
    ],
)
def test_malformed_masters_are_refused_with_notebook_and_cell(tmp_path, cells, message):
    path = _master(tmp_path, cells)
    with pytest.raises(MasterError) as error:
        build_notebook(path)
    assert "99_bad.ipynb, cell" in str(error.value)
    assert message in str(error.value)


def test_solution_cell_without_grade_id_is_refused(tmp_path):
    cell = answer(f"{BEGIN}\nx = 1\n{END}", "q1")
    del cell.metadata["nbgrader"]["grade_id"]
    with pytest.raises(MasterError, match="grade_id"):
        build_notebook(_master(tmp_path, [cell]))


def test_stale_detects_a_changed_master(tmp_path):
    sol, ex = tmp_path / "solutions", tmp_path / "exercises"
    sol.mkdir()
    ex.mkdir()
    write(
        notebook([answer(f"{BEGIN}\nx = 1\n{END}", "q"), check_cell("ex9_1", "x")], "t"),
        sol / "09_t.ipynb",
    )
    assert stale(sol, ex) == ["09_t.ipynb: missing from exercises/"]
    from treatylab.exercises import build_all

    for path, text in build_all(sol, ex).items():
        path.write_text(text, encoding="utf-8")
    assert stale(sol, ex) == []
    nb = json.loads((sol / "09_t.ipynb").read_text())
    nb["cells"][1]["source"] = 'check("ex9_1", x + 1)'
    (sol / "09_t.ipynb").write_text(json.dumps(nb))
    assert "differs" in stale(sol, ex)[0]
