"""Notebook hygiene, and proof that the strict validation can fail."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from treatylab.lessons import LESSONS

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("notebooks", "solutions", "exercises")
ALL = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_every_lesson_exists_in_all_three_folders():
    stems = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert stems, "notebooks/ is empty"
    for folder in ("solutions", "exercises"):
        assert {p.name for p in (ROOT / folder).glob("*.ipynb")} == stems
    known = {lesson.filename for lesson in LESSONS}
    assert stems <= known, stems - known


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_kernelspec_is_plain_python3(path):
    spec = _read(path).metadata.get("kernelspec", {})
    assert spec.get("name") == "python3", spec


@pytest.mark.parametrize(
    "path",
    [p for p in ALL if p.parent.name != "exercises"],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_stored_outputs_are_from_a_clean_run(path):
    cells = [c for c in _read(path).cells if c.cell_type == "code"]
    counts = [c.execution_count for c in cells]
    assert all(isinstance(n, int) for n in counts), "run `make outputs`: some cells never ran"
    assert counts == list(range(1, len(counts) + 1)), "outputs must come from one run, in order"
    for cell in cells:
        for output in cell.outputs:
            assert output.output_type != "error", f"stored error in cell: {cell.source[:60]}"


@pytest.mark.parametrize(
    "path",
    [p for p in ALL if p.parent.name == "notebooks"],
    ids=lambda p: p.name,
)
def test_anatomy_and_captions(path):
    nb = _read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for heading in ("Objectives", "Key points", "Sources"):
        assert f"## {heading}" in text, f"{path.name} lacks a '## {heading}' section"
    for index, cell in enumerate(nb.cells):
        has_figure = cell.cell_type == "code" and any(
            "image/png" in o.get("data", {}) for o in cell.get("outputs", [])
        )
        if has_figure:
            caption = nb.cells[index + 1]
            assert caption.cell_type == "markdown" and caption.source.startswith("**Figure"), (
                f"{path.name}: the figure in cell {index} needs a caption cell after it"
            )
            assert "source_note(" in cell.source or "source_note(" in nb.cells[index].source


CANARY = ROOT / "tests" / "nbval_canary"


def test_the_validation_session_carries_its_canaries():
    """conftest.py turns these notebooks' expected failures into passes (and a pass into a
    failure), proving in every run that a wrong worked answer in solutions/ and a changed output
    in notebooks/ fail validation, while exercises/ outputs are not compared."""
    expected = {
        "solutions/must_fail_wrong_worked_answer.ipynb": "Not quite: you gave 999",
        "notebooks/must_fail_changed_output.ipynb": "Cell outputs differ",
        "exercises/lax_outputs_not_compared.ipynb": "",
    }
    for name, phrase in expected.items():
        nb = _read(CANARY / name)
        assert nb.metadata.get("treatylab_canary", {}).get("must_fail_with", "") == phrase, name
        assert (CANARY / name).parent.joinpath("treatylab").resolve() == ROOT / "treatylab"
    from tools.testsuite import VALIDATE, steps

    command = next(cmd for label, cmd, _ in steps() if "nbval" in label)
    assert "--nbval" in VALIDATE and "tests" in command


def test_teaching_guide_has_a_section_per_lesson():
    guide = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    for lesson in LESSONS:
        heading = f"## Lesson {lesson.number:02d} · {lesson.title}"
        assert heading in guide, f"TEACHING.md lacks '{heading}'"
    for topic in ("3-session plan", "1-session plan", "nbgitpuller", "nbgrader", "computer lab"):
        assert topic in guide
