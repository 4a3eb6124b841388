"""The hub image's files agree with the course's: same pins, same Python, one settings script."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from test_foundation import lock_entries

ROOT = Path(__file__).resolve().parent.parent
IMAGE = ROOT / "classroom" / "image"


def test_the_hub_image_pins_every_course_package_at_the_courses_version() -> None:
    course, image = (
        lock_entries(ROOT / "requirements.txt"),
        lock_entries(IMAGE / "requirements.txt"),
    )
    different = {
        name: (pin, image.get(name)) for name, pin in course.items() if image.get(name) != pin
    }
    assert not different, (
        f"run `make lock`: the image's lock differs from the course's: {different}"
    )
    for name in ("jupyterhub", "nbgitpuller", "nbgrader"):
        assert name in image, f"{name} is missing from the hub image's lock"


def test_the_hub_image_runs_the_courses_python() -> None:
    assert (IMAGE / "runtime.txt").read_text() == (ROOT / "runtime.txt").read_text()


def test_binder_runs_the_same_settings_script_as_the_hub_image() -> None:
    assert "classroom/image/postBuild" in (ROOT / "postBuild").read_text(encoding="utf-8")


def _guide_links() -> list[str]:
    guide = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    return re.findall(r"https://hub\.example\.org/hub/user-redirect/git-pull\?\S+", guide)


def test_every_link_in_the_guide_pulls_the_student_branch_into_treatylab() -> None:
    """The links test-classroom follows have this form (tests/hub_support.nbgitpuller_link)."""
    links = _guide_links()
    assert len(links) >= 7, "one link per lesson and a reading-notebook example"
    for link in links:
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(link).query))
        assert query["branch"] == "student", link
        assert query["targetpath"] == "treatylab", link
        assert query["urlpath"].startswith("lab/tree/treatylab/"), link
        notebook = ROOT / query["urlpath"].removeprefix("lab/tree/treatylab/")
        assert notebook.is_file(), f"{link} opens a notebook that does not exist"


def test_the_guide_installs_nothing_per_student_and_warns_about_solutions() -> None:
    guide = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    assert "pip install --user --no-deps" not in guide
    assert "Warning: `solutions/` holds every worked answer" in guide
