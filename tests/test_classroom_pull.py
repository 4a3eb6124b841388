"""nbgitpuller's own pull logic on the course: a teacher's fix reaches students who answered.

Runs in the classroom venv (``make test-classroom``), which has nbgitpuller at the hub image's
version: the tests call its ``GitPuller`` exactly as its ``/git-pull/api`` handler does (clone
the first time; later: fetch, rename clashing untracked files, restore deleted files, commit the
student's changes, ``git merge -Xours``). A student's save goes through jupyter_server's contents
manager (the code behind JupyterLab's save), with the kernel's ``language_info`` that JupyterLab
writes into a notebook when it starts its kernel.

Also what nbgitpuller does with bad input (a repository that does not exist, a branch that does
not exist, a student notebook that no longer parses): a clear error or a merge, and in every case
the student's work is still there (in the file, or in the commit nbgitpuller made of it).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from classroom_support import commit_all, git, hub_remote, publish_to_hub, snapshot

gitpuller = pytest.importorskip("nbgitpuller.pull", reason="runs in the classroom venv")
errors = pytest.importorskip("nbgitpuller.errors", reason="runs in the classroom venv")
from jupyter_server.services.contents.filemanager import FileContentsManager  # noqa: E402

pytestmark = pytest.mark.classroom

NOTEBOOK = "exercises/00_start_here.ipynb"
MASTER = "solutions/00_start_here.ipynb"
ANSWER = "n_rows = len(deliveries_2016)"
KERNEL_LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": "3.11.2",  # the hub's Python, not the teacher's
}


def pull(repo: str, home: Path, branch: str | None = "student") -> list[str]:
    """What one click on a link does to the files: nbgitpuller's GitPuller, into ~/treatylab."""
    puller = gitpuller.GitPuller(repo, str(home / "treatylab"), branch=branch)
    return list(puller.pull())


@pytest.fixture
def hub(tmp_path: Path) -> tuple[Path, str]:
    """(the teacher's repository, the URL of the bare copy the links point at)."""
    teacher = snapshot(tmp_path / "teacher")
    bare = hub_remote(teacher, tmp_path / "course.git")
    return teacher, str(bare)


def student_saves(home: Path, edit) -> Path:
    """Open the exercise, change it with ``edit``, save it, as JupyterLab does through the API."""
    manager = FileContentsManager(root_dir=str(home / "treatylab"))
    model = manager.get(NOTEBOOK, content=True, type="notebook")
    content = json.loads(json.dumps(model["content"]))
    edit(content)
    manager.save({"type": "notebook", "format": "json", "content": content}, NOTEBOOK)
    return home / "treatylab" / NOTEBOOK


def cell(content: dict, grade_id: str) -> dict:
    return next(
        c for c in content["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id
    )


def answer_and_run(content: dict) -> None:
    """A student answers 0.1 and runs the answer and its check (kernel started, outputs)."""
    content["metadata"]["language_info"] = KERNEL_LANGUAGE_INFO
    cell(content, "ex0_1")["source"] = f"# YOUR CODE HERE\n{ANSWER}"
    cell(content, "ex0_1")["execution_count"] = 3
    check = cell(content, "ex0_1_check")
    check["execution_count"] = 4
    check["outputs"] = [
        {
            "data": {"text/plain": "✅ Exercise 0.1: correct."},
            "execution_count": 4,
            "metadata": {},
            "output_type": "execute_result",
        }
    ]


def teacher_edits(teacher: Path, edit, message: str) -> None:
    """Edit a master in solutions/, rebuild exercises/ with the builder, publish to the hub."""
    master = teacher / MASTER
    nb = nbformat.read(master, as_version=4)
    edit(nb)
    nbformat.write(nb, master)
    subprocess.run([sys.executable, "-m", "treatylab.exercises"], cwd=teacher, check=True)
    commit_all(teacher, message)
    publish_to_hub(teacher)


def test_first_click_clones_the_students_branch_without_solutions(hub, tmp_path) -> None:
    _, url = hub
    home = tmp_path / "alice"
    pull(url, home)
    clone = home / "treatylab"
    assert (clone / NOTEBOOK).is_file() and (clone / "exercises" / "treatylab").is_symlink()
    assert not (clone / "solutions").exists(), "solutions/ must stay off students' homes"


def test_an_open_and_save_changes_no_byte(hub, tmp_path) -> None:
    _, url = hub
    home = tmp_path / "alice"
    pull(url, home)
    before = (home / "treatylab" / NOTEBOOK).read_bytes()
    student_saves(home, lambda content: None)
    assert (home / "treatylab" / NOTEBOOK).read_bytes() == before
    assert git(home / "treatylab", "status", "--porcelain") == ""


def _prompt_index(nb) -> int:
    """The Markdown prompt just above the answer cell of exercise 0.2."""
    answer = next(
        i
        for i, c in enumerate(nb.cells)
        if c.metadata.get("nbgrader", {}).get("grade_id") == "ex0_2"
    )
    return answer - 1


def test_a_fix_to_a_prompt_and_to_the_helper_code_reaches_a_student_who_answered(
    hub, tmp_path
) -> None:
    teacher, url = hub
    home = tmp_path / "alice"
    pull(url, home)
    saved = student_saves(home, answer_and_run)

    def clearer_prompts(nb) -> None:
        nb.cells[_prompt_index(nb)].source += "\n\n*Clarified by your teacher.*"
        check = next(c for c in nb.cells if c.source.startswith('check("ex0_1"'))
        check.source = check.source + "  # checked again"

    teacher_edits(teacher, clearer_prompts, "Clearer prompt for 0.2; a comment on 0.1's check")
    (teacher / "treatylab" / "classroom_fix.py").write_text('FIXED = "helper code arrives"\n')
    commit_all(teacher, "A helper-code fix")
    publish_to_hub(teacher)

    output = "".join(pull(url, home))
    nb = nbformat.read(saved, as_version=4)
    nbformat.validate(nb)
    answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "ex0_1")
    assert ANSWER in answer.source, "the student's answer is kept"
    assert "*Clarified by your teacher.*" in nb.cells[_prompt_index(nb)].source, output
    check = next(c for c in nb.cells if c.source.startswith('check("ex0_1"'))
    assert check.source.endswith("# checked again"), "a fix to the check cell arrives too"
    assert check.outputs, "next to the student's outputs of that cell"
    assert nb.metadata.language_info["version"] == "3.11.2", "the student's metadata stays"
    fixed = home / "treatylab" / "treatylab" / "classroom_fix.py"
    assert fixed.read_text() == 'FIXED = "helper code arrives"\n'
    assert "CONFLICT" not in output


def test_a_student_edit_of_the_same_line_wins_and_nothing_is_lost(hub, tmp_path) -> None:
    """nbgitpuller's documented policy: where both changed the same lines, the student's stay."""
    teacher, url = hub
    home = tmp_path / "alice"
    pull(url, home)

    def student_annotates_prompt(content: dict) -> None:
        prompt = content["cells"][_prompt_index(nbformat.from_dict(content))]
        prompt["source"] += "\n\nMy note: sort first."

    saved = student_saves(home, student_annotates_prompt)

    def teacher_rewrites_prompt(nb) -> None:
        nb.cells[_prompt_index(nb)].source += "\n\n*Teacher's addition.*"

    teacher_edits(teacher, teacher_rewrites_prompt, "Prompt 0.2 extended")
    pull(url, home)
    nb = nbformat.read(saved, as_version=4)
    assert "My note: sort first." in nb.cells[_prompt_index(nb)].source
    assert "*Teacher's addition.*" not in nb.cells[_prompt_index(nb)].source


def test_a_repository_that_does_not_exist_is_a_clear_error(hub, tmp_path) -> None:
    _, url = hub
    home = tmp_path / "alice"
    pull(url, home)
    saved = student_saves(home, answer_and_run)
    before = saved.read_bytes()
    with pytest.raises(subprocess.CalledProcessError) as raised:
        pull(url + "-typo", home)
    error = errors.GitPullerError.from_exception(raised.value)
    assert (error.code, error.message) == ("ls_remote", "Remote content unavailable")
    assert saved.read_bytes() == before


def test_a_branch_that_does_not_exist_is_a_clear_error(hub, tmp_path) -> None:
    _, url = hub
    home = tmp_path / "alice"
    pull(url, home)
    saved = student_saves(home, answer_and_run)
    before = saved.read_bytes()
    with pytest.raises(errors.BranchExistError) as raised:
        pull(url, home, branch="students")
    assert str(raised.value) == "Branch does not exist"
    assert saved.read_bytes() == before


def test_a_notebook_that_no_longer_parses_is_kept_and_recoverable(hub, tmp_path) -> None:
    """A student breaks the JSON (say, in a text editor); the teacher then fixes that notebook.

    nbgitpuller merges text, not notebooks: the pull succeeds, the file stays unreadable, and the
    student's exact bytes are in the commit nbgitpuller made before merging (TEACHING.md has the
    two commands that get them back).
    """
    teacher, url = hub
    home = tmp_path / "alice"
    pull(url, home)
    saved = student_saves(home, answer_and_run)
    broken = saved.read_text(encoding="utf-8")[:-40]  # a truncated save
    saved.write_text(broken, encoding="utf-8")

    def clearer(nb) -> None:
        nb.cells[_prompt_index(nb)].source += "\n\n*Clarified.*"

    teacher_edits(teacher, clearer, "Clearer prompt")
    pull(url, home)
    clone = home / "treatylab"
    with pytest.raises(nbformat.reader.NotJSONError):
        nbformat.read(saved, as_version=4)
    auto = git(
        clone, "log", "--no-merges", "--format=%H", "--author=nbgitpuller", "-1", "--", NOTEBOOK
    )
    assert git(clone, "show", f"{auto}:{NOTEBOOK}") == broken.rstrip("\n")
    # Deleting the broken file and clicking the link again restores the course's version.
    saved.unlink()
    pull(url, home)
    restored = nbformat.read(saved, as_version=4)
    assert "*Clarified.*" in restored.cells[_prompt_index(restored)].source


def test_a_students_own_file_with_a_new_lessons_name_is_renamed_not_lost(hub, tmp_path) -> None:
    teacher, url = hub
    home = tmp_path / "alice"
    pull(url, home)
    mine = home / "treatylab" / "exercises" / "06_new.ipynb"
    mine.write_text("my own notes\n")
    source = teacher / "solutions" / "00_start_here.ipynb"
    nb = copy.deepcopy(nbformat.read(source, as_version=4))
    nbformat.write(nb, teacher / "solutions" / "06_new.ipynb")
    subprocess.run([sys.executable, "-m", "treatylab.exercises"], cwd=teacher, check=True)
    commit_all(teacher, "A new lesson")
    publish_to_hub(teacher)
    pull(url, home)
    renamed = [p for p in mine.parent.glob("06_new__*.ipynb")]
    assert len(renamed) == 1 and renamed[0].read_text() == "my own notes\n"
    assert nbformat.read(mine, as_version=4).cells
