"""The course's one test command: lint, then the unit tests and every notebook in one session.

``make test`` runs ``python -m tools.testsuite``; without make, run that line yourself from
the project folder with the virtual environment's Python. Each step prints its time, and the
command stops at the first failing step with that step's exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_FOLDERS = ["notebooks", "solutions", "exercises"]
# One pytest session: the unit tests and every notebook, on the same xdist workers. conftest.py
# at the root makes solutions/ strict (TREATYLAB_STRICT=1 in their kernels) and exercises/ lax.
# --dist loadscope keeps each notebook on one worker (its cells share one kernel).
VALIDATE = [
    "--nbval",
    "--nbval-current-env",
    "--nbval-sanitize-with",
    "tests/nbval_sanitize.cfg",
    "-n",
    "auto",
    "--dist",
    "loadscope",
    "-q",
    "-m",
    "not browser and not nbgrader and not living and not classroom",
]


def steps(skip_lock_check: bool = False) -> list[tuple[str, list[str], dict[str, str]]]:
    """The steps of the test command: (name, command, extra environment).

    exercises/ being the builder's output and datapackage.json being current are unit tests
    (tests/test_exercises.py, tests/test_data.py), so they run inside the one session.
    """
    py = sys.executable
    # The weekly job against the newest releases is off the lock on purpose.
    unit_filter = ["-k", "not exactly_the_lock"] if skip_lock_check else []
    zizmor = str(Path(py).with_name("zizmor"))
    return [
        ("ruff (code and notebooks)", [py, "-m", "ruff", "check", "."], {}),
        ("zizmor (GitHub workflow)", [zizmor, "--offline", "-q", ".github/workflows"], {}),
        # The browser, nbgrader, classroom and living-course tests have their own targets
        # (make test-site, test-nbgrader, test-classroom, test-living).
        (
            "unit tests and every notebook (nbval)",
            # The notebooks first: they are the largest units, so the many small unit tests
            # fill in behind them and both workers finish together.
            [py, "-m", "pytest", *VALIDATE, *unit_filter, *NOTEBOOK_FOLDERS, "tests"],
            {},
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    started = time.perf_counter()
    for name, command, extra_env in steps(skip_lock_check="--skip-lock-check" in args):
        print(f"\n=== {name}", flush=True)
        t0 = time.perf_counter()
        # Validation runs must leave no progress file in the notebook folders.
        env = {**os.environ, "TREATYLAB_PROGRESS": "0", **extra_env}
        result = subprocess.run(command, cwd=ROOT, env=env, check=False)
        took = time.perf_counter() - t0
        print(f"--- {name}: {'ok' if result.returncode == 0 else 'FAILED'} in {took:.1f} s")
        if result.returncode != 0:
            print(f"\nmake test: FAILED at '{name}' (exit {result.returncode})")
            return result.returncode
    print(f"\nmake test: all steps passed in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
