"""Shared helpers of the classroom tests: a teacher's repository, the hub's bare copy, git.

The teacher's repository is a snapshot of this working tree (tracked and new, not ignored files,
links kept as links), so the tests exercise the course as it is now, committed or not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tools.publish_student import publish

ROOT = Path(__file__).resolve().parent.parent
TEACHER = {
    "GIT_AUTHOR_NAME": "Teacher",
    "GIT_AUTHOR_EMAIL": "teacher@school.example",
    "GIT_COMMITTER_NAME": "Teacher",
    "GIT_COMMITTER_EMAIL": "teacher@school.example",
}


def git(repo: Path, *args: str) -> str:
    """Run git as the teacher in ``repo``; raise with git's message on failure."""
    result = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **TEACHER},
    )
    if result.returncode != 0:
        raise RuntimeError(f"git {args} in {repo}: {result.stderr}")
    return result.stdout.strip()


def course_files() -> list[str]:
    """Paths of this working tree that git tracks or would track (not ignored)."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    return sorted(
        name
        for name in set(listed.split("\0"))
        if name
        and name != ".venv"  # a worktree's link to a shared venv: not the course
        and ((ROOT / name).is_symlink() or (ROOT / name).exists())
    )


def snapshot(dest: Path) -> Path:
    """A new repository at ``dest`` holding this course on ``main``, in one commit."""
    for name in course_files():
        source, target = ROOT / name, dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        elif source.is_file():
            shutil.copy2(source, target)
    git(dest, "init", "--quiet", "--initial-branch=main")
    git(dest, "add", "-A")
    git(dest, "commit", "--quiet", "-m", "The course, as the teacher publishes it")
    return dest


def hub_remote(teacher: Path, bare: Path) -> Path:
    """The bare repository the links point at, with main and the students' branch."""
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    git(teacher, "remote", "add", "hub", str(bare))
    publish_to_hub(teacher)
    return bare


def publish_to_hub(teacher: Path) -> None:
    """Rebuild the students' branch from main and push both, as the teacher's routine does."""
    publish(teacher)
    git(teacher, "push", "--quiet", "hub", "main", "student")


def commit_all(teacher: Path, message: str) -> None:
    git(teacher, "add", "-A")
    git(teacher, "commit", "--quiet", "-m", message)
