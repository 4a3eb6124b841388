"""One pytest session validates every notebook folder, each by its own rule: notebooks/
against their stored outputs, solutions/ with strict checks, exercises/ without comparing
outputs.

Why: the test command used to start three nbval runs (notebooks/ strict, solutions/ strict with
``TREATYLAB_STRICT=1``, exercises/ lax), each with its own pytest start and its own xdist
workers. Validating the three folders, and the unit tests, in one session on the same workers
saves those starts. nbval has one global mode, so this plugin sets it per notebook:

- ``exercises/``: outputs are not compared (nbval-lax: the student copies have none stored);
- ``solutions/``: the kernel starts with ``TREATYLAB_STRICT=1``, so a worked answer that stops
  passing raises in its check cell and fails the run;
- ``notebooks/``: strict comparison of stored outputs, not strict checks (there are none).

Run with ``--nbval`` (``python -m tools.testsuite`` does). With ``--nbval-lax`` nothing changes.

Proof, in the same session, that this validation can fail where it must: tests/nbval_canary/
holds one notebook per folder. A notebook whose metadata has ``treatylab_canary.must_fail_with``
must FAIL its validation with that phrase in the report (a wrong worked answer in solutions/, a
changed output in notebooks/); this plugin reports that expected failure as a pass, and a pass
as a failure. The exercises/ canary has a changed output too, and must pass (lax).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

try:
    from nbval.plugin import IPyNbFile
except ImportError:  # nbval missing: notebooks are simply not collected
    IPyNbFile = None

LAX_FOLDERS = {"exercises"}
STRICT_FOLDERS = {"solutions"}
STRICT_ENV = "TREATYLAB_STRICT"


@contextmanager
def _strict_env(strict: bool):
    """Start a kernel with TREATYLAB_STRICT set (or unset); restore the worker's own value."""
    before = os.environ.get(STRICT_ENV)
    if strict:
        os.environ[STRICT_ENV] = "1"
    else:
        os.environ.pop(STRICT_ENV, None)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(STRICT_ENV, None)
        else:
            os.environ[STRICT_ENV] = before


if IPyNbFile is not None and not getattr(IPyNbFile, "_treatylab_folders", False):
    _nbval_init = IPyNbFile.__init__
    _nbval_setup = IPyNbFile.setup

    def _init(self, *args, **kwargs) -> None:
        _nbval_init(self, *args, **kwargs)
        if Path(str(self.fspath)).parent.name in LAX_FOLDERS:
            self.compare_outputs = False

    def _setup(self) -> None:
        with _strict_env(Path(str(self.fspath)).parent.name in STRICT_FOLDERS):
            _nbval_setup(self)

    IPyNbFile.__init__ = _init
    IPyNbFile.setup = _setup
    IPyNbFile._treatylab_folders = True


def _must_fail_with(item: pytest.Item) -> str:
    """The phrase a canary notebook's validation failure must contain ("" for other items)."""
    notebook = getattr(getattr(item, "parent", None), "nb", None)
    if notebook is None:
        return ""
    return notebook.metadata.get("treatylab_canary", {}).get("must_fail_with", "")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Turn a canary's expected failure into a pass, and its unexpected pass into a failure."""
    outcome = yield
    phrase = _must_fail_with(item)
    report = outcome.get_result()
    if not phrase or report.when != "call":
        return
    if report.failed and phrase in report.longreprtext:
        report.outcome, report.longrepr = "passed", None
    elif report.failed:
        report.longrepr = f"canary failed, but not with {phrase!r}:\n{report.longreprtext}"
    else:
        report.outcome = "failed"
        report.longrepr = f"canary {item.nodeid} should have failed validation ({phrase!r})"
