"""Notebook hygiene, and proof that the strict validation can fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


def _tiny_notebook(path: Path, source: str, stored: str) -> None:
    """A one-cell notebook whose stored output is ``stored`` (what nbval compares against)."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=stored)]
    cell.execution_count = 1
    nb.cells = [cell]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path.parent.mkdir(exist_ok=True)
    link = path.parent / "treatylab"  # as in every notebook folder of the course
    if not link.exists():
        link.symlink_to(ROOT / "treatylab")
    nbformat.write(nb, path)


@pytest.mark.slow
def test_the_validation_session_is_strict_where_it_must_be_and_can_fail(tmp_path):
    """One session, three folders, as the test command runs them (conftest.py at the root):
    a wrong worked answer in solutions/ fails (its kernel is strict), a stored output that
    differs fails in notebooks/, and exercises/ outputs are not compared."""
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    wrong_answer = "from treatylab import check\ncheck('ex0_1', 999)\nprint('ran')"
    _tiny_notebook(tmp_path / "solutions" / "broken.ipynb", wrong_answer, "ran\n")
    _tiny_notebook(tmp_path / "notebooks" / "changed.ipynb", "print('new')", "old\n")
    _tiny_notebook(tmp_path / "exercises" / "lax.ipynb", "print('new')", "old\n")
    env = {k: v for k, v in os.environ.items() if k != "TREATYLAB_STRICT"}
    env["TREATYLAB_PROGRESS"] = "0"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:python",
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-current-env",
            "-q",
            "-rA",
            "solutions",
            "notebooks",
            "exercises",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    out = result.stdout
    assert result.returncode != 0, out[-2000:]
    assert "FAILED solutions/broken.ipynb" in out and "AssertionError" in out, out[-3000:]
    assert "Not quite: you gave 999" in out
    assert "FAILED notebooks/changed.ipynb" in out
    assert "PASSED exercises/lax.ipynb" in out, out[-3000:]


def test_teaching_guide_has_a_section_per_lesson():
    guide = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    for lesson in LESSONS:
        heading = f"## Lesson {lesson.number:02d} · {lesson.title}"
        assert heading in guide, f"TEACHING.md lacks '{heading}'"
    for topic in ("3-session plan", "1-session plan", "nbgitpuller", "nbgrader", "computer lab"):
        assert topic in guide
