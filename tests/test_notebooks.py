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


@pytest.mark.slow
def test_strict_nbval_fails_on_a_wrong_worked_answer(tmp_path):
    master = ROOT / "solutions" / "00_start_here.ipynb"
    nb = _read(master)
    for cell in nb.cells:
        if "n_rows = len(deliveries_2016)" in cell.source:
            cell.source = cell.source.replace("len(deliveries_2016)", "len(deliveries_2016) + 1")
            break
    else:
        raise AssertionError("the master's ex0_1 answer was not found")
    broken = tmp_path / "00_start_here.ipynb"
    nbformat.write(nb, broken)
    shutil.copy(ROOT / "tests" / "nbval_sanitize.cfg", tmp_path / "sanitize.cfg")
    (tmp_path / "treatylab").symlink_to(ROOT / "treatylab")  # as in every notebook folder
    env = {**os.environ, "TREATYLAB_STRICT": "1"}
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
            "--nbval-sanitize-with",
            "sanitize.cfg",
            "-q",
            broken.name,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0, result.stdout[-2000:]
    assert "AssertionError" in result.stdout
    assert "Not quite: you gave 7" in result.stdout


def test_teaching_guide_has_a_section_per_lesson():
    guide = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    for lesson in LESSONS:
        heading = f"## Lesson {lesson.number:02d} · {lesson.title}"
        assert heading in guide, f"TEACHING.md lacks '{heading}'"
    for topic in ("3-session plan", "1-session plan", "nbgitpuller", "nbgrader", "computer lab"):
        assert topic in guide
