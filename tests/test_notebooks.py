"""Notebook hygiene, the tables each lesson says it uses, and proof that the strict validation
can fail."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import nbformat
import pytest

from treatylab.data import table_names
from treatylab.lessons import LESSONS

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("notebooks", "solutions", "exercises")
ALL = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_every_lesson_exists_in_all_three_folders():
    stems = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert stems, "notebooks/ is empty"
    for folder in ("solutions", "exercises"):
        assert {p.name for p in (ROOT / folder).glob("*.ipynb")} == stems
    known = {lesson.filename for lesson in LESSONS}
    assert stems <= known, stems - known


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_kernelspec_is_plain_python3(path):
    spec = _read(path).metadata.get("kernelspec", {})
    assert spec.get("name") == "python3", spec


@pytest.mark.parametrize(
    "path",
    [p for p in ALL if p.parent.name != "exercises"],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_stored_outputs_are_from_a_clean_run(path):
    cells = [c for c in _read(path).cells if c.cell_type == "code"]
    counts = [c.execution_count for c in cells]
    assert all(isinstance(n, int) for n in counts), "run `make outputs`: some cells never ran"
    assert counts == list(range(1, len(counts) + 1)), "outputs must come from one run, in order"
    for cell in cells:
        for output in cell.outputs:
            assert output.output_type != "error", f"stored error in cell: {cell.source[:60]}"


@pytest.mark.parametrize(
    "path",
    [p for p in ALL if p.parent.name == "notebooks"],
    ids=lambda p: p.name,
)
def test_anatomy_and_captions(path):
    nb = _read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for heading in ("Objectives", "Key points", "Sources"):
        assert f"## {heading}" in text, f"{path.name} lacks a '## {heading}' section"
    for index, cell in enumerate(nb.cells):
        has_figure = cell.cell_type == "code" and any(
            "image/png" in o.get("data", {}) for o in cell.get("outputs", [])
        )
        if has_figure:
            caption = nb.cells[index + 1]
            assert caption.cell_type == "markdown" and caption.source.startswith("**Figure"), (
                f"{path.name}: the figure in cell {index} needs a caption cell after it"
            )
            assert "source_note(" in cell.source or "source_note(" in nb.cells[index].source


# --- "Data used": the tables a lesson names are the tables it loads ---------------------------

# Lessons open with "**Data used:** `table` (what it is), ...", exercise sheets with
# "**Data:** `table`, ...". The tables are the names in backticks outside parentheses (the
# parentheses say what a table is, and may name a column or a variable); the list runs to the
# end of the Markdown paragraph.
DATA_LABEL = re.compile(r"\*\*Data(?: used)?:\*\*(.*?)(?:\n[ \t]*\n|\Z)", re.S)
LESSON_FOLDERS = ("notebooks", "solutions")
LESSON_NOTEBOOKS = sorted(p for folder in LESSON_FOLDERS for p in (ROOT / folder).glob("*.ipynb"))
# Functions of treatylab that read a table named by their first argument.
TABLE_READERS = {"load", "sources"}


def data_used(nb: nbformat.NotebookNode) -> list[str]:
    """The text of each "Data used" list in the notebook's Markdown."""
    return [
        match.group(1)
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for match in DATA_LABEL.finditer(cell.source)
    ]


def named_tables(text: str) -> set[str]:
    """The names in backticks outside parentheses."""
    depth, outside = 0, []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            outside.append(char)
    return set(re.findall(r"`([^`\n]+)`", "".join(outside)))


def loaded_tables(nb: nbformat.NotebookNode) -> tuple[set[str], list[str]]:
    """The tables the notebook's code reads with ``load(...)`` or ``sources(...)``.

    The argument is a string, a name bound to one (in the notebook, or imported from a
    treatylab module, such as ``treatylab.periods.REGISTER``), or a loop variable over such
    names. Returns the tables and the calls whose table could not be told (to fail on).
    """
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    tree = ast.parse(code)
    strings: dict[str, set[str]] = {}

    def values(node: ast.AST) -> set[str] | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.Name) and node.id in strings:
            return strings[node.id]
        if isinstance(node, ast.Tuple | ast.List):
            found = [values(element) for element in node.elts]
            return None if any(v is None for v in found) else set().union(*found)
        return None

    for _ in range(2):  # names first, then loops over them
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("treatylab"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    value = getattr(module, alias.name, None)
                    if isinstance(value, str):
                        strings.setdefault(alias.asname or alias.name, set()).add(value)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, found = node.targets[0], values(node.value)
                if isinstance(target, ast.Name) and found is not None:
                    strings.setdefault(target.id, set()).update(found)
            elif isinstance(node, ast.For) and isinstance(node.target, ast.Name):
                found = values(node.iter)
                if found is not None:
                    strings.setdefault(node.target.id, set()).update(found)
    tables: set[str] = set()
    unknown: list[str] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in TABLE_READERS
            and node.args
        ):
            found = values(node.args[0])
            if found is None:
                unknown.append(ast.unparse(node))
            else:
                tables |= found
    return tables, unknown


@pytest.mark.parametrize("path", LESSON_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_data_used_names_the_tables_the_notebook_loads(path):
    """Every table a lesson or solution names under "Data used" exists in the data package, and
    every table its code loads is named there."""
    nb = _read(path)
    lists = data_used(nb)
    assert lists, f"{path.name} has no '**Data used:**' (or '**Data:**') line"
    named = set().union(*(named_tables(text) for text in lists))
    unknown_names = named - set(table_names())
    assert not unknown_names, f"named under Data used but not tables of data/: {unknown_names}"
    loaded, unresolved = loaded_tables(nb)
    assert not unresolved, f"cannot tell which table these calls read: {unresolved}"
    assert loaded, "the notebook loads no table"
    missing = loaded - named
    assert not missing, f"loaded but not named under Data used: {sorted(missing)}"


def test_data_used_reading_of_a_list():
    text = (
        " `timeline` (events; the `date` column), `sipri_editions`, and (briefly) `predictions`."
        " Use `latest`\n\nnot this paragraph: `article_claims`"
    )
    [listed] = data_used(
        nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_markdown_cell("**Time:** 30 minutes. **Data:**" + text)]
        )
    )
    assert named_tables(listed) == {"timeline", "sipri_editions", "predictions", "latest"}
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from treatylab.periods import REGISTER\nTABLE = 'timeline'\n"
                "for name in (REGISTER, TABLE):\n    load(name)\nsources('predictions')\n"
                "load(f'{TABLE}')"
            )
        ]
    )
    loaded, unresolved = loaded_tables(nb)
    assert loaded == {"sipri_russia_exports_by_recipient", "timeline", "predictions"}
    assert unresolved == ["load(f'{TABLE}')"]


CANARY = ROOT / "tests" / "nbval_canary"


def test_the_validation_session_carries_its_canaries():
    """conftest.py turns these notebooks' expected failures into passes (and a pass into a
    failure), proving in every run that a wrong worked answer in solutions/ and a changed output
    in notebooks/ fail validation, while exercises/ outputs are not compared."""
    expected = {
        "solutions/must_fail_wrong_worked_answer.ipynb": "Not quite: you gave 999",
        "notebooks/must_fail_changed_output.ipynb": "Cell outputs differ",
        "exercises/lax_outputs_not_compared.ipynb": "",
    }
    for name, phrase in expected.items():
        nb = _read(CANARY / name)
        assert nb.metadata.get("treatylab_canary", {}).get("must_fail_with", "") == phrase, name
        assert (CANARY / name).parent.joinpath("treatylab").resolve() == ROOT / "treatylab"
    from tools.testsuite import VALIDATE, steps

    command = next(cmd for label, cmd, _ in steps() if "nbval" in label)
    assert "--nbval" in VALIDATE and "tests" in command


def test_teaching_guide_has_a_section_per_lesson():
    guide = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    for lesson in LESSONS:
        heading = f"## Lesson {lesson.number:02d} · {lesson.title}"
        assert heading in guide, f"TEACHING.md lacks '{heading}'"
    for topic in ("3-session plan", "1-session plan", "nbgitpuller", "nbgrader", "computer lab"):
        assert topic in guide


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.filename)
def test_the_teaching_guide_names_the_tables_its_lesson_loads(lesson):
    """TEACHING.md's "**Data:**" line of each lesson names the tables the lesson notebook
    loads, and only tables that exist (the guide drifted from the notebooks before)."""
    guide = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    section = guide.split(f"## Lesson {lesson.number:02d} · {lesson.title}", 1)[1]
    section = section.split("\n## ", 1)[0]
    lists = [match.group(1) for match in DATA_LABEL.finditer(section)]
    loaded, _ = loaded_tables(_read(ROOT / "notebooks" / lesson.filename))
    if not lists:
        assert not loaded, f"TEACHING.md, lesson {lesson.number:02d}: no '**Data:**' line"
        return
    named = set().union(*(named_tables(text) for text in lists))
    assert named <= set(table_names()), named - set(table_names())
    assert loaded <= named, (
        f"TEACHING.md lesson {lesson.number:02d} misses {sorted(loaded - named)}"
    )
