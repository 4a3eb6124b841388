"""The living course: a new (or older) SIPRI edition goes through `make data`, and every notebook
still runs and says what the new data say.

For each edition below, in a temporary copy of the course: build the register (synthetic full
exports from tests/sipri_fixtures.py), run ``make data SIPRI_ARGS="--register FILE"`` there,
execute every notebook of notebooks/, solutions/ (strict: a worked answer that stops passing
raises) and exercises/, and read what lessons 02 and 03 print: the years covered, the latest
five-year period and the edition label must be the new ones, and a period the edition does not
cover must be said to be not covered, never computed from fewer years.

| edition | what changes |
|---|---|
| older | the register without its last year (2023): coverage 2000–2022, latest period 2018–22 |
| newer | a year added (2024) and a new "Data generated:" date: coverage 2000–2024, 2020–24 |

It takes a few minutes (two editions × 18 notebooks), so it is not part of ``make test``:
``make test-living`` runs it, and ``.ci/run`` calls that.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from sipri_fixtures import register_with_added_year, register_without_last_year

from treatylab.periods import period_label

pytestmark = pytest.mark.living

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("notebooks", "solutions", "exercises")
NEW_GENERATED = "10 Mar 2025 9:00:00 AM"
NEW_LABEL = "register (Mar 2025)"


def course_copy(target: Path) -> Path:
    """The course's tracked files as they are in the working tree (links kept), and its venv."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source, destination = ROOT / name.decode(), target / name.decode()
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            destination.symlink_to(os.readlink(source))
        elif source.is_file():
            shutil.copy2(source, destination)
    (target / ".venv").symlink_to(Path(sys.prefix))
    return target


def make_data(course: Path, register: Path) -> subprocess.CompletedProcess[str]:
    """`make data` in the copy; -o keeps make from rebuilding the shared venv it links to."""
    return subprocess.run(
        ["make", "-o", ".venv/.installed", "data", f"SIPRI_ARGS=--register {register}"],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook in its folder; solutions/ with TREATYLAB_STRICT=1. Raises on any error."""
    nb = nbformat.read(path, as_version=4)
    env = {**os.environ, "TREATYLAB_PROGRESS": "0"}
    env.pop("TREATYLAB_STRICT", None)
    if path.parent.name == "solutions":
        env["TREATYLAB_STRICT"] = "1"
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute(env=env)
    return nb


def printed(nb: nbformat.NotebookNode) -> str:
    """Everything a notebook shows as text: streams, plain text and Markdown outputs."""
    parts: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                parts.append(output["text"])
            for kind in ("text/markdown", "text/plain"):
                if kind in output.get("data", {}):
                    parts.append(output["data"][kind])
    return "\n".join(parts)


def run_everything(course: Path) -> dict[str, str]:
    """Execute every notebook of the copy (two at a time); name -> what it printed."""
    paths = sorted(p for folder in FOLDERS for p in (course / folder).glob("*.ipynb"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        executed = list(pool.map(execute, paths))
    return {f"{p.parent.name}/{p.name}": printed(nb) for p, nb in zip(paths, executed, strict=True)}


def edition_row(course: Path) -> dict[str, str]:
    with (course / "data" / "sipri_editions.csv").open(encoding="utf-8") as handle:
        return next(row for row in csv.DictReader(handle) if row["edition"] == "register")


@pytest.mark.parametrize(
    ("edition", "last", "label"),
    [("older", 2022, "register (Jan 2025)"), ("newer", 2024, NEW_LABEL)],
)
def test_a_new_edition_flows_through_every_notebook(tmp_path, edition, last, label):
    if edition == "older":
        register = register_without_last_year(tmp_path)
    else:
        register = register_with_added_year(tmp_path, generated=NEW_GENERATED)
    course = course_copy(tmp_path / "course")
    result = make_data(course, register)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]

    row = edition_row(course)
    assert (row["first_year"], row["last_year"], row["label"]) == ("2000", str(last), label)
    latest = period_label(last - 4, last)
    month = label.removeprefix("register (").removesuffix(")")  # "Jan 2025"

    shown = run_everything(course)

    lesson02 = shown["notebooks/02_arms_transfers.ipynb"]
    lesson03 = shown["notebooks/03_checking_the_claims.ipynb"]
    assert f"deliveries 2000–{last}" in lesson02
    assert f"The latest five-year period of the register is **{latest}**" in lesson02
    assert f"Latest five-year period in the register ({month}): {latest}" in lesson03
    for text in (lesson02, lesson03):
        assert label in text
    if edition == "older":
        # 2019–23 has only four years in this edition: said to be not covered, never computed.
        assert "2019–23: not covered by the register (2000–2022)" in lesson02
        assert "2019–23, register (Jan 2025)" not in lesson03
    else:
        assert "register (Jan 2025)" not in lesson02 + lesson03
        assert "2020–24: covered by the register (2000–2024)" in lesson02
