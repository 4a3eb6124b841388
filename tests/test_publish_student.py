"""The students' branch: main without solutions/, moving forward only, built without a checkout."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tools.publish_student import main, publish

IDENTITY = {
    "GIT_AUTHOR_NAME": "Teacher",
    "GIT_AUTHOR_EMAIL": "teacher@example.org",
    "GIT_COMMITTER_NAME": "Teacher",
    "GIT_COMMITTER_EMAIL": "teacher@example.org",
}


IDENTITY_ENV = {**os.environ, **IDENTITY}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=IDENTITY_ENV
    )
    return result.stdout.strip()


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A small course repository on main: exercises, solutions, a package link."""
    repo = tmp_path / "course"
    (repo / "exercises").mkdir(parents=True)
    (repo / "solutions").mkdir()
    (repo / "treatylab").mkdir()
    (repo / "exercises" / "01.ipynb").write_text("stub\n")
    (repo / "solutions" / "01.ipynb").write_text("the worked answer\n")
    (repo / "treatylab" / "__init__.py").write_text("")
    (repo / "exercises" / "treatylab").symlink_to("../treatylab")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "course")
    return repo


def files(repo: Path, ref: str) -> set[str]:
    return set(git(repo, "ls-tree", "-r", "--name-only", ref).splitlines())


def test_student_branch_is_main_without_solutions(course: Path) -> None:
    commit, new = publish(course)
    assert new
    assert files(course, "student") == files(course, "main") - {"solutions/01.ipynb"}
    assert git(course, "ls-tree", "student", "exercises/treatylab").startswith("120000"), "link"
    assert git(course, "status", "--porcelain") == "", "the working tree is not touched"
    assert git(course, "branch", "--show-current") == "main"


def test_no_solution_ever_reaches_the_branch_history(course: Path) -> None:
    publish(course)
    (course / "solutions" / "01.ipynb").write_text("a better worked answer\n")
    git(course, "commit", "--quiet", "-am", "better answer")
    publish(course)
    objects = git(course, "rev-list", "--objects", "student")
    assert "solutions" not in objects


def test_publishing_again_without_change_adds_nothing(course: Path) -> None:
    first, _ = publish(course)
    (course / "solutions" / "01.ipynb").write_text("changed only in solutions\n")
    git(course, "commit", "--quiet", "-am", "solutions only")
    again, new = publish(course)
    assert (again, new) == (first, False)


def test_an_update_builds_on_the_previous_student_commit(course: Path) -> None:
    first, _ = publish(course)
    (course / "exercises" / "01.ipynb").write_text("stub, with a clearer prompt\n")
    git(course, "commit", "--quiet", "-am", "clearer prompt")
    second, new = publish(course)
    assert new
    assert git(course, "rev-parse", f"{second}^") == first, "a fast-forward for every clone"
    assert git(course, "show", "student:exercises/01.ipynb") == "stub, with a clearer prompt"


def test_the_same_main_commit_gives_the_same_student_commit(course: Path, tmp_path: Path) -> None:
    """Deterministic: a teacher and CI publishing the same main agree on the commit."""
    mine, _ = publish(course)
    clone = tmp_path / "other"
    subprocess.run(["git", "clone", "--quiet", str(course), str(clone)], check=True)
    theirs, _ = publish(clone)
    assert theirs == mine


def test_command_line_publishes_to_a_remote_and_a_clone_fast_forwards(
    course: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    bare = tmp_path / "hub.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    git(course, "remote", "add", "hub", str(bare))
    assert main(["--repo", str(course), "--remote", "hub"]) == 0
    assert "pushed student to hub" in capsys.readouterr().out
    student = tmp_path / "student"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", "--branch", "student", str(bare), str(student)],
        check=True,
    )
    assert not (student / "solutions").exists()
    (course / "exercises" / "01.ipynb").write_text("stub v2\n")
    git(course, "commit", "--quiet", "-am", "v2")
    assert main(["--repo", str(course), "--remote", "hub"]) == 0
    git(student, "pull", "--quiet", "--ff-only")
    assert (student / "exercises" / "01.ipynb").read_text() == "stub v2\n"


def test_a_missing_source_is_a_clear_error(course: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--repo", str(course), "--source", "no-such-branch"]) == 1
    assert "no commit named 'no-such-branch'" in capsys.readouterr().out
