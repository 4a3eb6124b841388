"""The builder: exercises/ is exactly its output, leaks no solution line, refuses bad masters."""

from __future__ import annotations

import copy
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
    normalise,
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


def _grading(qid: str) -> tuple[int, bool] | None:
    """Made-up questions for the temporary masters: ex9_1 (1 point), ex9_2 (free text, 2)."""
    return {"ex9_1": (1, False), "ex9_2": (2, True), "ex9_3": (3, False)}.get(qid)


def test_stale_detects_a_changed_master(tmp_path):
    sol, ex = tmp_path / "solutions", tmp_path / "exercises"
    sol.mkdir()
    ex.mkdir()
    write(
        notebook([answer(f"{BEGIN}\nx = 1\n{END}", "q"), check_cell("ex9_1", "x")], "t"),
        sol / "09_t.ipynb",
    )
    from treatylab.exercises import build_all, normalise_all

    assert stale(sol, ex, _grading) == [
        "solutions/09_t.ipynb: grading metadata or format not normalised",
        "09_t.ipynb: missing from exercises/",
    ]
    for path, text in normalise_all(sol, _grading).items():
        path.write_text(text, encoding="utf-8")

    for path, text in build_all(sol, ex, _grading).items():
        path.write_text(text, encoding="utf-8")
    assert stale(sol, ex, _grading) == []
    nb = json.loads((sol / "09_t.ipynb").read_text())
    nb["cells"][1]["source"] = 'check("ex9_1", x + 1)'
    (sol / "09_t.ipynb").write_text(json.dumps(nb))
    problems = stale(sol, ex, _grading)
    assert "solutions/09_t.ipynb: grading metadata or format not normalised" in problems
    for path, text in normalise_all(sol, _grading).items():
        path.write_text(text, encoding="utf-8")
    assert any("differs" in problem for problem in stale(sol, ex, _grading))


def _nbgrader_of(nb) -> list[dict]:
    return [cell.metadata.get("nbgrader", {}) for cell in nb.cells]


def test_normalise_grades_checks_and_makes_free_text_manual(tmp_path):
    """Checks earn their question's points; a free-text answer is graded by hand, its check not."""
    cells = [
        md("intro"),
        code("import pandas"),
        answer(f"{BEGIN}\nx = 1\n{END}", "ex9_1"),
        check_cell("ex9_1", "x"),
        answer(f"{BEGIN}\ntext = 'because'\n{END}", "ex9_2"),
        check_cell("ex9_2", "text"),
        code('check("ex9_1", x)\ncheck("ex9_3", x)'),
        code("check_all(9)"),
    ]
    master = write(notebook(cells, "t"), tmp_path / "09_t.ipynb")
    meta = _nbgrader_of(normalise(nbformat.read(master, as_version=4), "09_t", _grading))
    assert meta[0] == {}, "markdown cells are left alone"
    assert meta[1]["locked"] and not meta[1]["grade"] and meta[1]["grade_id"] == "t-01"
    assert not meta[2]["grade"] and meta[2]["solution"] and "points" not in meta[2]
    assert meta[3] == {
        "grade": True,
        "grade_id": "ex9_1_check",
        "locked": True,
        "points": 1,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    assert meta[4]["grade"] and meta[4]["solution"] and meta[4]["points"] == 2, "manual answer"
    assert not meta[5]["grade"] and meta[5]["locked"] and "points" not in meta[5]
    assert meta[6]["points"] == 4, "a cell with two checks earns both questions' points"
    assert meta[7]["locked"] and not meta[7]["grade"]


def test_normalise_is_idempotent_and_undoes_hand_edits(tmp_path):
    master = write(
        notebook([answer(f"{BEGIN}\nx = 1\n{END}", "ex9_1"), check_cell("ex9_1", "x")], "t"),
        tmp_path / "09_t.ipynb",
    )
    once = normalise(nbformat.read(master, as_version=4), "09_t", _grading)
    edited = copy.deepcopy(once)
    edited.cells[1].metadata["nbgrader"]["points"] = 7
    edited.cells[1].metadata["nbgrader"]["locked"] = False
    assert normalise(edited, "09_t", _grading) == once
    assert normalise(copy.deepcopy(once), "09_t", _grading) == once


def test_a_check_of_an_unknown_question_is_refused(tmp_path):
    master = write(notebook([check_cell("ex9_9", "x")], "t"), tmp_path / "09_t.ipynb")
    with pytest.raises(MasterError, match="unknown 'ex9_9'"):
        normalise(nbformat.read(master, as_version=4), "09_t.ipynb", _grading)


def test_real_masters_grade_every_check_and_the_three_free_texts_by_hand():
    graded, manual = 0, set()
    for master in MASTERS:
        for cell in nbformat.read(master, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and meta.get("solution"):
                manual.add(meta["grade_id"])
            elif meta.get("grade"):
                graded += 1
                assert meta["locked"] and meta["points"] >= 1
    assert manual == {"ex3_7", "ex4_7", "ex5_7"}
    assert graded == 39 - 3
