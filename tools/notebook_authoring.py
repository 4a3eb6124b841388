"""Helpers for writing course notebooks from Python (used when a lesson is first drafted).

They give every cell the metadata the course relies on: nbgrader fields on answer and check
cells, tags, a plain ``python3`` kernelspec, and stable cell ids. After writing a notebook,
run ``make outputs`` to execute it and ``make exercises`` to set its grading metadata and rebuild
exercises/ (the builder, not these helpers, decides points and locks).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from treatylab import notebook_io

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def md(text: str) -> nbformat.NotebookNode:
    """A Markdown cell."""
    return new_markdown_cell(text.strip("\n"))


def code(source: str, tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    """A plain code cell (one idea per cell)."""
    cell = new_code_cell(source.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def answer(source: str, grade_id: str) -> nbformat.NotebookNode:
    """An answer cell: the worked answer between ``### BEGIN/END SOLUTION`` markers."""
    cell = new_code_cell(source.strip("\n"))
    cell.metadata["nbgrader"] = {
        "grade": False,
        "grade_id": grade_id,
        "locked": False,
        "schema_version": 3,
        "solution": True,
        "task": False,
    }
    return cell


def check_cell(qid: str, expression: str = "answer") -> nbformat.NotebookNode:
    """A locked cell that checks the answer: ``check("ex2_3", answer)``."""
    cell = new_code_cell(f'check("{qid}", {expression})')
    cell.metadata["nbgrader"] = {
        "grade": False,
        "grade_id": f"{qid}_check",
        "locked": True,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    return cell


def notebook(cells: list[nbformat.NotebookNode], stem: str) -> nbformat.NotebookNode:
    """A notebook with stable cell ids (``<stem>-NN``) and the plain python3 kernelspec."""
    nb = new_notebook(cells=cells)
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"{stem.replace('_', '-')}-{index:02d}"
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write(nb: nbformat.NotebookNode, path: str | Path) -> Path:
    """Validate and write a notebook with the course's one writer (as Jupyter saves it)."""
    path = Path(path)
    nbformat.validate(nb)
    notebook_io.write(nb, path)
    return path
