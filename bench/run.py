"""Time the test command's steps, each notebook's execution, and check() latency.

Usage: .venv/bin/python bench/run.py [--skip-suite] [--skip-notebooks]
Targets on the course's reference machine (2 cores): the test command within 2 times its floor
(a kernel start plus the setup imports of every notebook, validated the same way), measured side
by side; check() under 50 ms. Results are printed and written to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def time_suite() -> dict[str, float]:
    from tools.testsuite import steps

    timings: dict[str, float] = {}
    for name, command, extra in steps():
        start = time.perf_counter()
        result = subprocess.run(
            command, cwd=ROOT, env={**os.environ, **extra}, capture_output=True, check=False
        )
        timings[name] = round(time.perf_counter() - start, 2)
        status = "ok" if result.returncode == 0 else f"FAILED ({result.returncode})"
        print(f"  {timings[name]:7.1f} s  {name}  {status}", flush=True)
    timings["total"] = round(sum(timings.values()), 2)
    return timings


def floor_tree(target: Path) -> Path:
    """A copy of the three notebook folders in which each notebook keeps only its first code
    cell (the setup: imports and style). Validating it costs what no test command can avoid:
    a kernel per notebook and the course's imports."""
    import nbformat

    for folder in ("notebooks", "solutions", "exercises"):
        (target / folder).mkdir(parents=True)
        (target / folder / "treatylab").symlink_to(ROOT / "treatylab")
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            first = next(cell for cell in nb.cells if cell.cell_type == "code")
            nb.cells = [first]
            nbformat.write(nb, target / folder / path.name)
    (target / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "nbval_sanitize.cfg", target / "tests" / "nbval_sanitize.cfg")
    shutil.copy(ROOT / "conftest.py", target / "conftest.py")
    return target


def time_floor_and_suite(rounds: int = 2) -> dict[str, float]:
    """The test command against its floor, measured side by side (alternating, best of each).

    The floor runs the validation step's own pytest command on the setup cells only.
    """
    from tools.testsuite import NOTEBOOK_FOLDERS, VALIDATE

    floors, suites = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tree = floor_tree(Path(tmp))
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *VALIDATE]
        env = {**os.environ, "TREATYLAB_PROGRESS": "0"}
        for _ in range(rounds):
            start = time.perf_counter()
            subprocess.run([*command, *NOTEBOOK_FOLDERS], cwd=tree, env=env, capture_output=True)
            floors.append(time.perf_counter() - start)
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "tools.testsuite"], cwd=ROOT, env=env, capture_output=True
            )
            suites.append(time.perf_counter() - start)
            if result.returncode != 0:
                print(result.stdout.decode()[-3000:])
                raise SystemExit("the test command failed; its time means nothing")
    floor, suite = min(floors), min(suites)
    summary = {
        "floor_s": round(floor, 1),
        "suite_s": round(suite, 1),
        "ratio": round(suite / floor, 2),
    }
    for key, value in summary.items():
        print(f"  {key}: {value}")
    return summary


def time_notebooks() -> dict[str, float]:
    import nbformat
    from nbclient import NotebookClient

    timings: dict[str, float] = {}
    for folder in ("notebooks", "solutions", "exercises"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            client = NotebookClient(
                nb,
                timeout=600,
                kernel_name="python3",
                resources={"metadata": {"path": path.parent}},
            )
            start = time.perf_counter()
            client.execute()
            key = f"{folder}/{path.name}"
            timings[key] = round(time.perf_counter() - start, 2)
            print(f"  {timings[key]:7.2f} s  {key}", flush=True)
    return timings


def time_checks(repeats: int = 50) -> dict[str, float]:
    from treatylab.check import check, reset_progress
    from treatylab.questions import all_questions

    questions = all_questions()
    cold = []
    for q in questions:
        start = time.perf_counter()
        check(q.qid, 0)
        cold.append(time.perf_counter() - start)
    warm = []
    for _ in range(repeats):
        for q in questions:
            start = time.perf_counter()
            check(q.qid, 0)
            warm.append(time.perf_counter() - start)
    reset_progress()
    result = {
        "questions": len(questions),
        "first_call_max_ms": round(1000 * max(cold), 2),
        "warm_median_ms": round(1000 * statistics.median(warm), 3),
        "warm_p99_ms": round(1000 * sorted(warm)[int(0.99 * len(warm)) - 1], 3),
        "warm_max_ms": round(1000 * max(warm), 3),
    }
    for key, value in result.items():
        print(f"  {key}: {value}")
    return result


def time_worked_checks() -> dict[str, float]:
    """check() latency on the worked answers: run each solutions notebook in-process."""
    import contextlib
    import importlib
    import io

    import matplotlib

    matplotlib.use("Agg")
    import nbformat

    import treatylab

    check_module = importlib.import_module("treatylab.check")

    timings: dict[str, float] = {}
    real_check = check_module.check

    def timed(qid, answer=check_module._MISSING):
        start = time.perf_counter()
        result = real_check(qid, answer)
        timings[str(qid)] = round(1000 * (time.perf_counter() - start), 3)
        return result

    treatylab.check = timed  # the notebooks' `from treatylab import check` picks this up
    try:
        for path in sorted((ROOT / "solutions").glob("*.ipynb")):
            namespace: dict[str, object] = {}
            cwd = os.getcwd()
            os.chdir(path.parent)
            try:
                for cell in nbformat.read(path, as_version=4).cells:
                    if cell.cell_type == "code":
                        with contextlib.redirect_stdout(io.StringIO()):
                            exec(compile(cell.source, str(path), "exec"), namespace)
            finally:
                os.chdir(cwd)
    finally:
        treatylab.check = real_check
    values = sorted(timings.values())
    summary = {
        "worked_answers_checked": len(values),
        "median_ms": round(statistics.median(values), 3),
        "max_ms": max(values),
        "slowest": max(timings, key=timings.get),
    }
    for key, value in summary.items():
        print(f"  {key}: {value}")
    return summary


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-suite", action="store_true")
    parser.add_argument("--skip-notebooks", action="store_true")
    args = parser.parse_args()
    results: dict[str, object] = {"python": sys.version.split()[0], "cores": os.cpu_count()}
    print("check() latency (wrong answer 0 for every question):")
    results["check"] = time_checks()
    print("check() latency on the worked answers (solutions/ run in-process):")
    results["check_worked"] = time_worked_checks()
    if not args.skip_notebooks:
        print("notebook execution (nbclient, one kernel each, sequential):")
        results["notebooks"] = time_notebooks()
    if not args.skip_suite:
        print("test command, step by step:")
        results["suite"] = time_suite()
        print("test command against its floor (kernel start + imports of every notebook):")
        results["floor"] = time_floor_and_suite()
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"bench-{stamp}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"written bench/results/bench-{stamp}.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
