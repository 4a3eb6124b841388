"""Re-execute notebooks in place and write them the way Jupyter saves them (``make outputs``).

Why not ``jupyter nbconvert --execute --inplace``: nbconvert writes the Python patch version of
the machine that ran it into every notebook (``language_info.version``), so each re-run by
another maintainer rewrites lines that a student's saved copy also holds, and nbgitpuller's merge
then keeps the student's side. Here nbclient executes (as nbconvert does, with ``record_timing``
off) and ``treatylab.notebook_io`` writes, the one writer the exercise builder uses too.

solutions/ runs with ``TREATYLAB_STRICT=1``, so a worked answer that stopped passing fails the
run instead of storing a ❌. ``--resave`` only rewrites the files through the writer (no kernel).

``python -m tools.outputs notebooks solutions`` (then ``python -m treatylab.exercises``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from treatylab import notebook_io
from treatylab.check import STRICT_ENV

ROOT = Path(__file__).resolve().parent.parent
STRICT_FOLDERS = {"solutions"}
CELL_TIMEOUT = 600


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the kernels started inside the block, then restore them."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def execute(path: Path) -> None:
    """Run every cell of one notebook in a fresh kernel started in the notebook's folder."""
    nb = notebook_io.read(path)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    strict = {STRICT_ENV: "1"} if path.parent.name in STRICT_FOLDERS else {}
    with environment(**strict):
        client.execute()
    notebook_io.write(nb, path)


def notebooks(folders: list[str]) -> list[Path]:
    """The lesson notebooks of the given folders, in order."""
    found: list[Path] = []
    for folder in folders:
        base = (ROOT / folder) if not Path(folder).is_absolute() else Path(folder)
        found.extend(sorted(base.glob("[0-9]*.ipynb")) if base.is_dir() else [base])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.outputs", description=__doc__)
    parser.add_argument("folders", nargs="+", help="notebook folders or files (notebooks ...)")
    parser.add_argument("--resave", action="store_true", help="rewrite only, do not execute")
    args = parser.parse_args(argv)
    for path in notebooks(args.folders):
        try:
            if args.resave:
                changed = notebook_io.write(notebook_io.read(path), path)
                print(f"{'rewrote' if changed else 'unchanged'} {path.relative_to(ROOT)}")
            else:
                execute(path)
                print(f"executed {path.relative_to(ROOT)}")
        except CellExecutionError as error:
            print(f"error: {path.relative_to(ROOT)} failed:\n{error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
