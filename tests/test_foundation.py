"""The foundation: the environment is exactly the lock, the package declares what it imports.

Why: two classrooms a month apart must get the same environment, so requirements.txt pins every
package (generated from requirements.in by ``make lock``), and the environment the tests run in
must be that set, nothing more and nothing less. A package the helper code imports but
pyproject.toml does not declare would break anyone who installs treatylab on its own.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.txt"
INPUT = ROOT / "requirements.in"
# Installed by `python -m venv` itself, not by the lock; and the course itself, which a
# maintainer may have installed with `pip install -e .` (the course does not need it).
NOT_LOCKED = {"pip", "setuptools", "wheel", "treatylab"}


def lock_entries(path: Path = LOCK) -> dict[str, str]:
    """name -> pinned version, for the lines of the lock that apply to this interpreter."""
    pins: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{raw!r} is not pinned with =="
        pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def test_every_line_of_the_lock_is_pinned():
    lines = [
        line.split("#", 1)[0].strip()
        for line in LOCK.read_text(encoding="utf-8").splitlines()
        if line.split("#", 1)[0].strip()
    ]
    assert len(lines) > 100
    for line in lines:
        requirement = Requirement(line)
        specs = list(requirement.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", line
        if requirement.marker is not None:
            Marker(str(requirement.marker))  # parses


def test_the_lock_holds_every_package_asked_for_by_name():
    pins = lock_entries()
    for raw in INPUT.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is in requirements.in but not in the lock: run make lock"
        assert requirement.specifier.contains(pins[name]), (name, pins[name])


@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="not running in a virtual environment")
def test_the_installed_environment_is_exactly_the_lock():
    pins = lock_entries()
    site_packages = [entry for entry in sys.path if entry.startswith(sys.prefix)]
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in importlib.metadata.distributions(path=site_packages)
    }
    installed = {name: version for name, version in installed.items() if name not in NOT_LOCKED}
    missing = sorted(set(pins) - set(installed))
    extra = sorted(set(installed) - set(pins))
    different = sorted(
        f"{name} {installed[name]} (lock: {pins[name]})"
        for name in set(pins) & set(installed)
        if installed[name] != pins[name]
    )
    assert not missing, f"in the lock but not installed: {missing}"
    assert not extra, f"installed but not in the lock: {extra} (rebuild .venv: make clean venv)"
    assert not different, f"versions differ from the lock: {different}"


def third_party_imports(package: Path) -> set[str]:
    """Top-level names of the modules a package imports that are neither its own nor stdlib."""
    names: set[str] = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    own = {package.name, "__future__"}
    return {name for name in names - own if name not in sys.stdlib_module_names}


def test_pyproject_declares_every_package_the_helper_code_imports():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # Maintainer commands (make data) may import an optional extra, declared as such.
    extras = [dep for group in project.get("optional-dependencies", {}).values() for dep in group]
    declared = {
        canonicalize_name(Requirement(dep).name) for dep in [*project["dependencies"], *extras]
    }
    imported = {canonicalize_name(name) for name in third_party_imports(ROOT / "treatylab")}
    assert imported <= declared, f"imported but not declared: {sorted(imported - declared)}"
    assert declared <= imported, f"declared but never imported: {sorted(declared - imported)}"


def test_every_notebook_folder_finds_the_helper_package():
    for folder in ("notebooks", "solutions", "exercises"):
        link = ROOT / folder / "treatylab"
        assert link.is_symlink(), f"{folder}/treatylab should be a link to ../treatylab"
        assert link.resolve() == (ROOT / "treatylab").resolve()


def test_the_licence_names_code_content_and_sipri_terms():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    for words in ("MIT License", "CC BY 4.0", "SIPRI"):
        assert words in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"\(LICENSE\)|\[LICENSE\]", readme), "README.md should link to LICENSE"
