"""The classroom route on a real JupyterHub, as two students and a teacher use it.

``make test-classroom`` runs this in the classroom venv (the hub image's lock), as root (it
creates the two students' Unix accounts and removes them). The steps follow TEACHING.md:

1. both students log in and follow the guide's nbgitpuller link to the ``student`` branch of a
   bare repository (the hub's copy of the course); the clone lands in ``~/treatylab`` whatever
   the repository is called (``targetpath``), without ``solutions/``;
2. an open-and-save of the fresh exercise through the contents API changes no byte;
3. in each student's own server, a kernel runs the exercise: ``check()`` says ✅ for Alice's
   right answer, ❌ for Bob's wrong one; every lesson notebook runs on the image that holds only
   the course's lock plus the hub's packages (memory and CPU of a student measured here);
4. the teacher fixes a prompt, a check cell and the helper code, publishes the students' branch;
   the next click brings the fix and keeps the answers;
5. nbgrader's round trip through the exchange: generate, release, fetch and submit (from the
   students' servers, as the Assignments tab does), collect, autograde, export, with scores;
6. what students do not see: Formgrader and Create Assignment, JupyterLab's news.

A summary (time, memory, CPU) is printed at the end and written to
/tmp/treatylab-classroom-report.json.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from classroom_support import commit_all, hub_remote, publish_to_hub, snapshot

pytest.importorskip("jupyterhub", reason="runs in the classroom venv (make test-classroom)")
import psutil  # noqa: E402
from hub_support import (  # noqa: E402
    PASSWORD,
    RUN,
    Student,
    git_daemon,
    nbgitpuller_link,
    running_hub,
    text_of,
)

from tools.nbgrader_course import set_up  # noqa: E402
from treatylab import notebook_io  # noqa: E402

pytestmark = pytest.mark.classroom

ALICE, BOB = "tl-alice", "tl-bob"
EXERCISE = "exercises/00_start_here.ipynb"
REPORT_FILE = Path("/tmp/treatylab-classroom-report.json")
LESSONS = sorted(p.name for p in (Path(__file__).parent.parent / "notebooks").glob("0*.ipynb"))


def _proxy() -> str:
    proxy = os.environ.get("TREATYLAB_PROXY", "")
    if not Path(proxy).is_file():
        pytest.fail("TREATYLAB_PROXY must name configurable-http-proxy: run `make test-classroom`")
    return proxy


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory):
    """The hub, the teacher's repository, the bare copy, and a report of what was measured."""
    if os.geteuid() != 0:
        pytest.fail("make test-classroom needs root: it creates two students' Unix accounts")
    started = time.monotonic()
    proxy = _proxy()
    with running_hub([ALICE, BOB], proxy) as hub:
        teacher = snapshot(RUN / "teacher")
        hub_remote(teacher, RUN / "remote" / "course.git")
        with git_daemon(RUN / "remote") as remote:
            yield {
                "hub": hub,
                "teacher": teacher,
                "repo": f"{remote}/course.git",
                "students": {name: Student(hub, name) for name in (ALICE, BOB)},
                "report": {"students": {}},
                "t0": started,
            }


def link(classroom, notebook: str) -> str:
    return nbgitpuller_link(
        classroom["hub"].url, classroom["repo"], "student", f"lab/tree/treatylab/{notebook}"
    )


def home(name: str) -> Path:
    return RUN / "home" / name


def solutions_answers(teacher: Path, master: str) -> dict[str, str]:
    """grade_id -> worked answer (marker lines dropped) from the teacher's solutions/."""
    nb = nbformat.read(teacher / "solutions" / master, as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: "\n".join(
            line for line in c.source.split("\n") if "### " not in line
        )
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }


def run_cells(kernel, content: dict, answers: dict[str, str]) -> dict[str, str]:
    """Run a notebook's code cells in order, answers substituted; grade_id -> output text."""
    shown = {}
    for cell in content["cells"]:
        if cell["cell_type"] != "code":
            continue
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id", "")
        source = answers.get(grade_id, cell["source"])
        cell["source"] = source
        cell["outputs"] = [dict(o) for o in kernel.run(source)]
        shown[grade_id] = text_of(cell["outputs"])
    return shown


def test_both_students_follow_the_link_and_get_the_course_in_treatylab(classroom) -> None:
    for student in classroom["students"].values():
        student.login()
        events, page = student.follow(link(classroom, EXERCISE))
        assert events[-1]["phase"] == "finished", events
        assert page.status_code == 200 and "JupyterLab" in page.text
        clone = home(student.name) / "treatylab"
        assert (clone / EXERCISE).is_file()
        assert (clone / "exercises" / "treatylab").is_symlink()
        assert not (clone / "solutions").exists(), "solutions/ must stay off students' homes"
        assert (clone / ".git" / "HEAD").read_text().strip() == "ref: refs/heads/student"
        assert (clone / EXERCISE).stat().st_uid == student_uid(student.name)


def student_uid(name: str) -> int:
    import pwd

    return pwd.getpwnam(name).pw_uid


def test_open_and_save_through_the_servers_api_changes_no_byte(classroom) -> None:
    bob = classroom["students"][BOB]
    path = home(BOB) / "treatylab" / EXERCISE
    before = path.read_bytes()
    bob.save(f"treatylab/{EXERCISE}", bob.notebook(f"treatylab/{EXERCISE}"))
    assert path.read_bytes() == before
    with bob.kernel(f"treatylab/{EXERCISE}") as kernel:
        language_info = kernel.language_info()
    content = bob.notebook(f"treatylab/{EXERCISE}")
    content["metadata"]["language_info"] = language_info  # what JupyterLab does on kernel start
    bob.save(f"treatylab/{EXERCISE}", content)
    changed = [line for line in path.read_text().splitlines() if line not in before.decode()]
    classroom["report"]["kernel_start_adds"] = [line.strip() for line in changed]
    assert [line.split(":")[0].strip() for line in changed] == ['"pygments_lexer"', '"version"']
    path.write_bytes(before)  # back to the fresh copy (as root; the owner stays Bob)


def _chromium_or_skip() -> str:
    """Debian's Chromium for the JupyterLab check; missing: skip, or fail where CI requires it."""
    found = shutil.which("chromium")
    if found is None:
        reason = "Chromium not found (apt-get install -y chromium): JupyterLab save not checked"
        if os.environ.get("TREATYLAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"TREATYLAB_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return found


def test_jupyterlab_opening_and_saving_changes_no_byte(classroom) -> None:
    """What JupyterLab itself writes: a student opens a fresh exercise in the browser, the kernel
    starts (JupyterLab then knows the kernel's language_info), the student presses Ctrl+S."""
    chromium = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    notebook = "exercises/01_treaty_in_context.ipynb"
    path = home(ALICE) / "treatylab" / notebook
    before = path.read_bytes()
    saved_at = path.stat().st_mtime
    hub = classroom["hub"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"{hub.url}/hub/login")
            page.fill("#username_input", ALICE)
            page.fill("#password_input", PASSWORD)
            page.click("#login_submit")
            page.wait_for_load_state("networkidle")
            page.goto(f"{hub.url}/user/{ALICE}/lab/tree/treatylab/{notebook}")
            page.wait_for_selector(".jp-Notebook", timeout=90_000)
            page.wait_for_selector("text=Kernel status: Idle", state="attached", timeout=90_000)
            page.keyboard.press("Control+s")
            deadline = time.monotonic() + 30
            while path.stat().st_mtime == saved_at and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            browser.close()
    assert path.stat().st_mtime != saved_at, "JupyterLab did not save"
    assert path.read_bytes() == before
    classroom["report"]["jupyterlab_open_kernel_save"] = "no byte changed"


def test_check_answers_in_each_students_own_server(classroom) -> None:
    right = solutions_answers(classroom["teacher"], "00_start_here.ipynb")
    given = {ALICE: right, BOB: {**right, "ex0_1": "n_rows = 3"}}
    for name, answers in given.items():
        student = classroom["students"][name]
        content = student.notebook(f"treatylab/{EXERCISE}")
        with student.kernel(f"treatylab/{EXERCISE}") as kernel:
            shown = run_cells(kernel, content, answers)
            content["metadata"]["language_info"] = kernel.language_info()
        student.save(f"treatylab/{EXERCISE}", content)  # the student's save, outputs and all
        expected = "✅" if name == ALICE else "❌"
        assert expected in shown["ex0_1_check"], shown["ex0_1_check"]
        assert "✅" in shown["ex0_2_check"] and "✅" in shown["ex0_3_check"]
    saved = (home(ALICE) / "treatylab" / EXERCISE).read_text()
    assert "len(deliveries_2016)" in saved


def measure(name: str) -> dict[str, float]:
    """RSS of the student's server and kernel (MB), the kernel's peak and CPU seconds."""
    server = kernel = None
    for process in psutil.process_iter(["username", "cmdline"]):
        if process.info["username"] != name:
            continue
        line = " ".join(process.info["cmdline"] or [])
        if "jupyterhub-singleuser" in line:
            server = process
        elif "ipykernel_launcher" in line:
            kernel = process
    status = Path(f"/proc/{kernel.pid}/status").read_text()
    peak_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
    cpu = kernel.cpu_times()
    return {
        "server_rss_mb": round(server.memory_info().rss / 2**20, 1),
        "kernel_rss_mb": round(kernel.memory_info().rss / 2**20, 1),
        "kernel_peak_mb": round(peak_kb / 1024, 1),
        "kernel_cpu_s": round(cpu.user + cpu.system, 2),
    }


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_runs_on_the_hub_image(classroom, lesson: str) -> None:
    """Only the course's lock and the hub's packages: the lesson imports treatylab, runs, plots."""
    alice = classroom["students"][ALICE]
    path = f"treatylab/notebooks/{lesson}"
    content = alice.notebook(path)
    with alice.kernel(path) as kernel:
        started = time.monotonic()
        shown = run_cells(kernel, content, {})
        took = time.monotonic() - started
        figures = {name: measure(ALICE) for name in [lesson]}[lesson]
    errors = [
        c
        for c in content["cells"]
        if any(o.get("output_type") == "error" for o in c.get("outputs", []))
    ]
    assert not errors, f"{lesson}: {[text_of(c['outputs']) for c in errors]}"
    assert shown, lesson
    classroom["report"]["students"].setdefault(ALICE, {})[lesson] = {
        **figures,
        "wall_s": round(took, 1),
    }


def test_a_teachers_fix_arrives_and_the_answers_stay(classroom) -> None:
    teacher = classroom["teacher"]
    master = teacher / "solutions" / "00_start_here.ipynb"
    nb = nbformat.read(master, as_version=4)
    prompt = (
        next(
            i
            for i, c in enumerate(nb.cells)
            if c.metadata.get("nbgrader", {}).get("grade_id") == "ex0_2"
        )
        - 1
    )
    nb.cells[prompt].source += "\n\n*Clarified by your teacher.*"
    check = next(c for c in nb.cells if c.source.startswith('check("ex0_1"'))
    check.source += "  # checked again"
    notebook_io.write(nb, master)
    subprocess.run([sys.executable, "-m", "treatylab.exercises"], cwd=teacher, check=True)
    (teacher / "treatylab" / "classroom_fix.py").write_text('FIXED = "the fix arrived"\n')
    commit_all(teacher, "Clearer prompt 0.2, a note on check 0.1, a helper-code fix")
    publish_to_hub(teacher)

    for name, answer in ((ALICE, "len(deliveries_2016)"), (BOB, "n_rows = 3")):
        student = classroom["students"][name]
        events, page = student.follow(link(classroom, EXERCISE))
        assert events[-1]["phase"] == "finished", events
        output = "".join(e.get("output", "") for e in events)
        assert "CONFLICT" not in output, output
        saved = nbformat.read(home(name) / "treatylab" / EXERCISE, as_version=4)
        sources = [c.source for c in saved.cells]
        assert any(answer in s for s in sources), f"{name}'s answer is lost"
        assert any("*Clarified by your teacher.*" in s for s in sources), f"no fix for {name}"
        assert any(s.endswith("# checked again") for s in sources)
        with student.kernel(f"treatylab/{EXERCISE}") as kernel:
            shown = text_of(kernel.run("from treatylab.classroom_fix import FIXED\nprint(FIXED)"))
        assert "the fix arrived" in shown, "helper code arrives with the pull"


def run_nbgrader(grading: Path, *args: str) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    env.pop("TREATYLAB_STRICT", None)
    result = subprocess.run(
        [str(Path(sys.prefix) / "bin" / "nbgrader"), *args],
        cwd=grading,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"nbgrader {args}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def test_nbgrader_round_trip_through_the_exchange(classroom) -> None:
    exchange = RUN / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)  # writable by everyone, sticky: TEACHING.md
    config = RUN / "student-config"
    config.mkdir()
    (config / "nbgrader_config.py").write_text(
        f'c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = "treatylab"\n'
        f"c.Exchange.root = {str(exchange)!r}\n"
    )
    grading = RUN / "grading"
    set_up(grading, exchange, ["00"])
    grading.chmod(0o700)  # the gradebook and the masters are the teacher's alone
    run_nbgrader(grading, "generate_assignment", "lesson00")
    run_nbgrader(grading, "release_assignment", "lesson00")

    right = solutions_answers(classroom["teacher"], "00_start_here.ipynb")
    given = {ALICE: right, BOB: {"ex0_1": "n_rows = 3", "ex0_2": right["ex0_2"]}}  # 0.3 left
    fetched = "lesson00/00_start_here.ipynb"
    for name, answers in given.items():
        student = classroom["students"][name]
        params = {"course_id": "treatylab", "assignment_id": "lesson00"}
        listed = student.server("GET", "assignments", params={"course_id": "treatylab"}).json()
        assert listed["success"] and listed["value"][0]["status"] == "released", listed
        student.server("POST", "assignments/fetch", data=params)
        content = student.notebook(fetched)
        with student.kernel(fetched) as kernel:  # ~/lesson00 has no treatylab link: PYTHONPATH
            shown = run_cells(kernel, content, answers)
        assert "✅" in shown["ex0_2_check"], shown
        student.save(fetched, content)
        submitted = student.server("POST", "assignments/submit", data=params).json()
        assert submitted["success"], submitted

    run_nbgrader(grading, "collect", "lesson00")
    log = run_nbgrader(grading, "autograde", "lesson00")
    run_nbgrader(grading, "export", "--to", "grades.csv")
    with (grading / "grades.csv").open() as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    scores = {name: (float(rows[name]["score"]), float(rows[name]["max_score"])) for name in rows}
    classroom["report"]["nbgrader_scores"] = scores
    assert scores == {ALICE: (3.0, 3.0), BOB: (1.0, 3.0)}, log


def test_students_do_not_see_the_teachers_tools_or_the_news(classroom) -> None:
    alice = classroom["students"][ALICE]
    page = alice.open(f"{alice.base}lab").text
    config = json.loads(
        page.split('id="jupyter-config-data" type="application/json">')[1].split("</script>")[0]
    )
    disabled = config.get("disabledExtensions", [])
    for plugin in ("formgrader", "create-assignment", "course-list"):
        assert f"@jupyter/nbgrader:{plugin}" in disabled
    assert "@jupyter/nbgrader:assignment-list" not in disabled
    formgrader = alice.session.get(f"{alice.base}formgrader", timeout=30)
    assert formgrader.status_code == 404
    settings = alice.server("GET", "lab/api/settings/@jupyterlab/apputils-extension:notification")
    # overrides.json replaces the schema's defaults, which the student's settings start from
    defaults = settings.json()["schema"]["properties"]
    assert defaults["fetchNews"]["default"] == "false"
    assert defaults["checkForUpdates"]["default"] is False


def test_report(classroom, capsys: pytest.CaptureFixture) -> None:
    """Write what was measured (printed in the test output)."""
    report = classroom["report"]
    report["seconds_since_setup_began"] = round(time.monotonic() - classroom["t0"], 1)
    REPORT_FILE.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    with capsys.disabled():
        print("\nclassroom report:", json.dumps(report, indent=1, ensure_ascii=False))
