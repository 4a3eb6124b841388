"""The course's one test command: lint, builder check, data check, unit tests, three nbval runs.

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
NBVAL = [
    "-p",
    "no:python",
    "--nbval-current-env",
    "--nbval-sanitize-with",
    "tests/nbval_sanitize.cfg",
    "-n",
    "auto",
    "--dist",
    "loadscope",
    "-q",
]


def steps(skip_lock_check: bool = False) -> list[tuple[str, list[str], dict[str, str]]]:
    py = sys.executable
    pytest = [py, "-m", "pytest"]
    strict = {"TREATYLAB_STRICT": "1"}
    # The weekly job against the newest releases is off the lock on purpose.
    unit_filter = ["-k", "not exactly_the_lock"] if skip_lock_check else []
    zizmor = str(Path(py).with_name("zizmor"))
    return [
        ("ruff (code and notebooks)", [py, "-m", "ruff", "check", "."], {}),
        ("zizmor (GitHub workflow)", [zizmor, "--offline", "-q", ".github/workflows"], {}),
        ("exercises/ is the builder's output", [py, "-m", "treatylab.exercises", "--check"], {}),
        ("data/datapackage.json is current", [py, "-m", "treatylab.datapackage", "--check"], {}),
        # The browser, nbgrader and classroom tests have their own targets (make test-site,
        # test-nbgrader, test-classroom).
        (
            "unit tests",
            [
                *pytest,
                "-n",
                "auto",
                "-q",
                "-m",
                "not browser and not nbgrader and not classroom",
                *unit_filter,
                "tests",
            ],
            {},
        ),
        ("nbval strict: notebooks/", [*pytest, "--nbval", *NBVAL, "notebooks"], {}),
        (
            "nbval strict: solutions/ (TREATYLAB_STRICT=1)",
            [*pytest, "--nbval", *NBVAL, "solutions"],
            strict,
        ),
        ("nbval lax: exercises/", [*pytest, "--nbval-lax", *NBVAL, "exercises"], {}),
    ]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    started = time.perf_counter()
    for name, command, extra_env in steps(skip_lock_check="--skip-lock-check" in args):
        print(f"\n=== {name}", flush=True)
        t0 = time.perf_counter()
        env = {**os.environ, **extra_env}
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
