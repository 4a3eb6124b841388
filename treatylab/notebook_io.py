"""The one way the course writes a notebook: exactly as Jupyter saves it, minus volatile metadata.

Why: on a JupyterHub, nbgitpuller merges a teacher's new commits into each student's saved copy
with ``git merge -Xours``; every line the student's save rewrote counts as the student's change
and wins over the teacher's. A notebook written any other way than Jupyter's own writer (one
string per cell source instead of a list of lines, another indent or key order) is rewritten
whole by the student's first save, and a later fix from the teacher then never arrives.
So every notebook the course writes (``treatylab.exercises``, ``make outputs``) goes through
``dumps`` here, which is nbformat's writer, the one jupyter_server's contents API uses on save,
after dropping the metadata that differs between machines or runs:

* ``metadata.language_info.version``: the Python patch version of whoever ran the notebook;
* ``cells[].metadata.execution``: the run timestamps of ``record_timing`` (kept off anyway).

Measured by ``make test-classroom`` in Chromium: JupyterLab 4.6 opening an exercise, starting its
kernel and saving writes the file back byte for byte. A tool that copies the kernel's whole
``language_info`` into the file (as nbconvert does) adds only the ``version`` line, in the
notebook-level metadata at the end of the file, far from any cell, so even then it never clashes
with a teacher's fix to a cell (tests/test_notebook_io.py).
"""

from __future__ import annotations

from pathlib import Path

import nbformat


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop the volatile metadata in place (and return the notebook, for chaining)."""
    language_info = nb.metadata.get("language_info")
    if isinstance(language_info, dict):
        language_info.pop("version", None)
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
    return nb


def dumps(nb: nbformat.NotebookNode) -> str:
    """The file text Jupyter would save for this notebook, without volatile metadata.

    ``nbformat.write`` (what jupyter_server calls) writes ``nbformat.writes`` and then a final
    newline; this returns the same text.
    """
    text = nbformat.writes(clean(nb), version=nbformat.NO_CONVERT)
    return text if text.endswith("\n") else text + "\n"


def read(path: str | Path) -> nbformat.NotebookNode:
    """Read a notebook as it is stored (no conversion between nbformat versions)."""
    return nbformat.read(Path(path), as_version=nbformat.NO_CONVERT)


def write(nb: nbformat.NotebookNode, path: str | Path) -> bool:
    """Write ``nb`` to ``path`` through ``dumps``; True when the file's bytes changed."""
    path = Path(path)
    text = dumps(nb)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def is_canonical(path: str | Path) -> bool:
    """True when the file is byte for byte what ``dumps`` writes for it."""
    path = Path(path)
    return path.read_text(encoding="utf-8") == dumps(read(path))
