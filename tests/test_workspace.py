"""``make my-work`` must never lose a learner's work: the second run keeps every edit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

from treatylab.workspace import copy_exercises


def _notebook(path: Path, text: str) -> None:
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(text)]), path)


def _course(tmp_path: Path) -> tuple[Path, Path]:
    source, target = tmp_path / "exercises", tmp_path / "my-work"
    source.mkdir()
    _notebook(source / "00_start_here.ipynb", "n_rows = ...")
    _notebook(source / "01_treaty_in_context.ipynb", "first = ...")
    return source, target


def test_second_run_keeps_the_learners_edit(tmp_path: Path) -> None:
    source, target = _course(tmp_path)
    first = copy_exercises(source, target)
    assert first.copied == ["00_start_here.ipynb", "01_treaty_in_context.ipynb"]
    mine = target / "00_start_here.ipynb"
    _notebook(mine, "n_rows = len(deliveries_2016)  # my answer")
    edited = mine.read_bytes()

    second = copy_exercises(source, target)

    assert mine.read_bytes() == edited
    assert second.copied == []
    assert second.kept_changed == ["00_start_here.ipynb"]
    assert second.kept == ["01_treaty_in_context.ipynb"]


def test_a_new_lesson_is_added_and_an_updated_one_does_not_replace_yours(tmp_path: Path) -> None:
    source, target = _course(tmp_path)
    copy_exercises(source, target)
    mine = target / "00_start_here.ipynb"
    _notebook(mine, "n_rows = 6")
    _notebook(source / "00_start_here.ipynb", "n_rows = ...  # course fixed a typo")
    _notebook(source / "02_arms_transfers.ipynb", "total = ...")

    report = copy_exercises(source, target)

    assert report.copied == ["02_arms_transfers.ipynb"]
    assert "n_rows = 6" in mine.read_text(encoding="utf-8")
    assert (target / "02_arms_transfers.ipynb").exists()


def test_learners_own_files_are_not_touched(tmp_path: Path) -> None:
    source, target = _course(tmp_path)
    target.mkdir()
    notes = target / "my_notes.ipynb"
    notes.write_text("{}", encoding="utf-8")
    copy_exercises(source, target)
    assert notes.read_text(encoding="utf-8") == "{}"


def test_command_line_says_what_it_copied_and_what_it_left(tmp_path: Path) -> None:
    source, target = _course(tmp_path)
    command = [
        sys.executable,
        "-m",
        "treatylab.workspace",
        "--source",
        str(source),
        "--target",
        str(target),
    ]
    first = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert "2 copied" in first and "+ 00_start_here.ipynb" in first
    _notebook(target / "00_start_here.ipynb", "n_rows = 6")
    second = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert "0 copied" in second and "2 left alone" in second
    assert "= 00_start_here.ipynb  (yours differs" in second
    assert "n_rows = 6" in (target / "00_start_here.ipynb").read_text(encoding="utf-8")
