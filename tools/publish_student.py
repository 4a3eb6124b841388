"""Publish the students' branch: the course as on ``main``, without ``solutions/``.

Why: nbgitpuller clones whatever branch a link names into every student's home. Linked to
``main``, each student gets ``solutions/`` (the worked answers) next to the exercises. The guide's
links name the ``student`` branch instead, which this tool builds with git plumbing (no checkout,
no working-tree change):

* its tree is ``main``'s tree minus the folders in ``EXCLUDED``;
* its parent is the previous ``student`` commit, so the branch only ever moves forward and
  nbgitpuller can merge each update into students' copies (a branch rebuilt from scratch would
  have unrelated history and every later pull would fail);
* nothing is committed when the tree has not changed, and the commit takes the author, committer
  and dates of the ``main`` commit it copies, so publishing twice gives the same commit.

``python -m tools.publish_student`` updates the local ``student`` branch;
``--remote origin`` first builds on the remote's ``student`` branch and then pushes to it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXCLUDED = ("solutions",)
BRANCH = "student"


def git(repo: Path, *args: str, stdin: str | None = None, env: dict | None = None) -> str:
    """Run git in ``repo`` and return its stripped output (raises on failure)."""
    result = subprocess.run(
        ["git", *args],
        cwd=repo,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def resolve(repo: Path, ref: str) -> str | None:
    """The commit a ref names, or None when it does not exist."""
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except RuntimeError:
        return None


def student_tree(repo: Path, source: str, excluded: tuple[str, ...] = EXCLUDED) -> str:
    """The id of ``source``'s root tree without the excluded top-level entries."""
    entries = git(repo, "ls-tree", "-z", source).split("\0")
    kept = [entry for entry in entries if entry and entry.split("\t", 1)[1] not in excluded]
    return git(repo, "mktree", "-z", stdin="\0".join(kept) + "\0")


def identity(repo: Path, source: str) -> dict[str, str]:
    """Author and committer (names, e-mails, dates) of the source commit, as git variables."""
    fields = git(repo, "log", "-1", "--format=%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI", source)
    an, ae, ad, cn, ce, cd = fields.split("\0")
    return {
        "GIT_AUTHOR_NAME": an,
        "GIT_AUTHOR_EMAIL": ae,
        "GIT_AUTHOR_DATE": ad,
        "GIT_COMMITTER_NAME": cn,
        "GIT_COMMITTER_EMAIL": ce,
        "GIT_COMMITTER_DATE": cd,
    }


def publish(
    repo: Path, source: str = "main", branch: str = BRANCH, base: str | None = None
) -> tuple[str, bool]:
    """Move ``branch`` to a commit of ``source`` without solutions/; (commit, whether new).

    ``base`` is the commit to build on (default: the branch itself, if it exists).
    """
    source_commit = resolve(repo, source)
    if source_commit is None:
        raise RuntimeError(f"no commit named {source!r} in {repo}")
    previous = base or resolve(repo, f"refs/heads/{branch}")
    tree = student_tree(repo, source_commit)
    if previous and git(repo, "rev-parse", f"{previous}^{{tree}}") == tree:
        git(repo, "update-ref", f"refs/heads/{branch}", previous)
        return previous, False
    message = (
        f"Students' copy of {source} at {source_commit[:12]}: the course without "
        f"{', '.join(name + '/' for name in EXCLUDED)}\n\nBuilt by tools/publish_student.py."
    )
    parents = ["-p", previous] if previous else []
    commit = git(
        repo, "commit-tree", tree, *parents, "-m", message, env=identity(repo, source_commit)
    )
    git(repo, "update-ref", f"refs/heads/{branch}", commit)
    return commit, True


def remote_base(repo: Path, remote: str, branch: str) -> str | None:
    """Fetch the remote's branch (if it has one) and return its commit."""
    try:
        git(
            repo, "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}"
        )
    except RuntimeError as error:
        if "couldn't find remote ref" not in str(error):
            raise
        return None
    return resolve(repo, f"refs/remotes/{remote}/{branch}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.publish_student", description=__doc__)
    parser.add_argument("--source", default="main", help="branch or commit to publish (main)")
    parser.add_argument("--branch", default=BRANCH, help="the students' branch (student)")
    parser.add_argument("--remote", help="build on this remote's branch, then push to it")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the repository (this one)")
    args = parser.parse_args(argv)
    try:
        base = remote_base(args.repo, args.remote, args.branch) if args.remote else None
        commit, new = publish(args.repo, args.source, args.branch, base)
        print(f"{args.branch} {'->' if new else 'unchanged at'} {commit[:12]}")
        if args.remote:
            git(args.repo, "push", "--quiet", args.remote, f"refs/heads/{args.branch}")
            print(f"pushed {args.branch} to {args.remote}")
    except RuntimeError as error:
        print(f"error: {error}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
