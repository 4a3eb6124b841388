"""Notebooks are stored exactly as Jupyter saves them, so a student's save changes nothing.

Why it matters: nbgitpuller merges a teacher's fix into a student's saved copy with
``git merge -Xours``; any line the student's save rewrote is "the student's" and wins. The
classroom test (``make test-classroom``) proves the merge on a real hub; these tests pin the
format itself with jupyter_server's own contents manager, in-process (the code behind the REST
``GET``/``PUT /api/contents``), and with a real kernel's ``language_info``, which JupyterLab
copies into a notebook's metadata when it starts the kernel.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel
from jupyter_server.services.contents.filemanager import FileContentsManager

from treatylab import notebook_io

ROOT = Path(__file__).resolve().parent.parent
ALL = sorted(
    p
    for folder in ("notebooks", "solutions", "exercises")
    for p in (ROOT / folder).glob("[0-9]*.ipynb")
)
EXERCISES = sorted((ROOT / "exercises").glob("[0-9]*.ipynb"))


@pytest.mark.parametrize("path", ALL, ids=[f"{p.parent.name}/{p.stem}" for p in ALL])
def test_every_notebook_is_written_by_the_course_writer(path: Path) -> None:
    assert notebook_io.is_canonical(path), (
        f"{path.relative_to(ROOT)} is not in the course's notebook format: "
        "run `make exercises` or `python -m tools.outputs --resave notebooks`"
    )
    meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]
    assert "version" not in meta.get("language_info", {}), "the Python patch version is volatile"


def test_the_writer_drops_volatile_metadata_only() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1\ny = 2")])
    nb.cells[0]["id"] = "c1"
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    nb.cells[0].metadata["tags"] = ["keep"]
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    text = notebook_io.dumps(nb)
    saved = json.loads(text)
    assert saved["metadata"]["language_info"] == {"name": "python"}
    assert saved["cells"][0]["metadata"] == {"tags": ["keep"]}
    assert saved["cells"][0]["source"] == ["x = 1\n", "y = 2"], "sources are lists of lines"
    assert text.endswith("}\n") and text.startswith('{\n "cells": [\n  {\n')


def _contents_manager(root: Path) -> FileContentsManager:
    return FileContentsManager(root_dir=str(root))


def _open_and_save(manager: FileContentsManager, name: str, edit=None) -> None:
    """What a browser does: GET the model, send it back as JSON with PUT."""
    model = manager.get(name, content=True, type="notebook")
    content = json.loads(json.dumps(model["content"]))  # over the wire, as the REST API does
    if edit:
        edit(content)
    manager.save({"type": "notebook", "format": "json", "content": content}, name)


@pytest.mark.parametrize("path", EXERCISES, ids=[p.stem for p in EXERCISES])
def test_open_and_save_through_the_contents_api_changes_no_byte(tmp_path: Path, path: Path) -> None:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    _open_and_save(_contents_manager(tmp_path), path.name)
    assert copy.read_bytes() == path.read_bytes()


@pytest.fixture(scope="module")
def kernel_language_info() -> dict:
    """The language_info a real python3 kernel reports (JupyterLab copies it into the file)."""
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        reply = client.kernel_info(reply=True, timeout=60)
        return reply["content"]["language_info"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_a_started_kernel_changes_only_the_python_version_line(
    tmp_path: Path, kernel_language_info: dict
) -> None:
    """A writer that copies the kernel's language_info (nbconvert does) adds only ``version``.

    JupyterLab 4.6 itself changes no byte (checked in Chromium by ``make test-classroom``).

    The line sits in the notebook-level metadata at the end of the file, away from every cell,
    so git merges it with any teacher's change to a cell.
    """
    path = EXERCISES[0]
    copy = tmp_path / path.name
    shutil.copy(path, copy)

    def started_kernel(content: dict) -> None:
        content["metadata"]["language_info"] = kernel_language_info

    _open_and_save(_contents_manager(tmp_path), path.name, started_kernel)
    before, after = path.read_text().splitlines(), copy.read_text().splitlines()
    added = [line for line in after if line not in before]
    assert len(after) == len(before) + 1
    assert [line.split(":")[0].strip() for line in added] == ['"pygments_lexer"', '"version"']
    first_change = next(i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b)
    assert first_change > before.index(' "metadata": {'), "a change reached the cells"
