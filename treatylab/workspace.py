"""Give a learner a workspace of their own: copy exercises/ into my-work/, never overwriting.

Why: exercises/ is generated (``make exercises`` rewrites it) and updated by ``git pull``, so a
learner who types answers there can lose them. my-work/ is git-ignored and this copy never
replaces a file that is already there, so running it again, for instance after the course adds a
lesson, only adds the new notebooks. It says what it copied and what it left alone, and when the
course's version of a notebook you already have has changed since, it says that too (your copy is
still kept; rename it and run again to get the new one).

``make my-work`` or, without make, ``.venv/bin/python -m treatylab.workspace``.
"""

from __future__ import annotations

import argparse
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"
MY_WORK = ROOT / "my-work"
PACKAGE = ROOT / "treatylab"


@dataclass
class Report:
    """What a run did, file by file (names relative to the target folder)."""

    copied: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already there, same as the course's copy
    kept_changed: list[str] = field(default_factory=list)  # already there, differs: yours is kept
    linked: bool = True  # my-work/treatylab points at the helper package

    def lines(self, source: Path, target: Path) -> list[str]:
        out = [f"{len(self.copied)} copied from {source} to {target}:"]
        out += [f"  + {name}" for name in self.copied] or ["  (none)"]
        left = self.kept + self.kept_changed
        out.append(f"{len(left)} left alone (already in {target}; never overwritten):")
        out += [f"  = {name}" for name in self.kept]
        out += [
            f"  = {name}  (yours differs from {source.name}/: kept as it is)"
            for name in self.kept_changed
        ]
        if not left:
            out.append("  (none)")
        if not self.linked:
            out.append(
                f"Could not link {target}/treatylab to the helper package (on Windows, links "
                "need developer mode). Install it instead: "
                ".venv\\Scripts\\python -m pip install --no-deps -e ."
            )
        if self.kept_changed:
            out.append(
                "To get the course's current version of one of those, rename yours "
                "(e.g. add _old) and run this again."
            )
        return out


def copy_exercises(source: Path = EXERCISES, target: Path = MY_WORK) -> Report:
    """Copy each ``source/*.ipynb`` into ``target`` unless a file of that name is there already.

    The copy opens the destination with exclusive creation (mode ``xb``), so even a file that
    appears between the check and the write (a second run, an editor saving) is not replaced.
    Permissions are not copied: on a hub the course folder may be read-only, the copy must not.
    """
    if not source.is_dir():
        raise FileNotFoundError(f"no exercises folder at {source}")
    target.mkdir(parents=True, exist_ok=True)
    report = Report()
    for notebook in sorted(source.glob("*.ipynb")):
        destination = target / notebook.name
        try:
            with notebook.open("rb") as src, destination.open("xb") as dst:
                shutil.copyfileobj(src, dst)
        except FileExistsError:
            same = destination.read_bytes() == notebook.read_bytes()
            (report.kept if same else report.kept_changed).append(notebook.name)
            continue
        report.copied.append(notebook.name)
    report.linked = link_helpers(target)
    return report


def link_helpers(target: Path, package: Path = PACKAGE) -> bool:
    """Let notebooks in ``target`` run ``import treatylab``, as they do in exercises/.

    Why a link and not an install: a notebook's kernel starts in the notebook's folder, so a
    ``treatylab`` link there is found first, and it always points at the course's current
    helper code (a ``git pull`` updates both together). An existing entry is left alone.
    """
    link = target / "treatylab"
    if link.exists() or link.is_symlink():
        return True
    try:
        link.symlink_to(os.path.relpath(package, target), target_is_directory=True)
    except OSError:  # e.g. Windows without the right to create links
        return False
    return True


def _shown(path: Path) -> Path:
    """A path as short as it can be for the message: relative to the current folder if inside."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=EXERCISES, help="default: exercises/")
    parser.add_argument("--target", type=Path, default=MY_WORK, help="default: my-work/")
    args = parser.parse_args(argv)
    report = copy_exercises(args.source, args.target)
    source, target = _shown(args.source), _shown(args.target)
    print("\n".join(report.lines(source, target)))
    print(f"Open your copies in {target}/ (in JupyterLab's file browser) and work there.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
