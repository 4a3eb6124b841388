"""The hub image's files agree with the course's: same pins, same Python, one settings script."""

from __future__ import annotations

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
