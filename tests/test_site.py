"""The reading site, opened page by page in a real browser (headless Chromium via Playwright).

Why a browser and not an HTML parser: the failures a reader meets are a page that does not load,
a link that leads nowhere, a script that throws or a CDN request that fails offline (both show up
as console errors), and a chart with no caption. Only a browser sees all four.

Run alone with ``make test-site`` (``pytest -m browser tests/test_site.py``). The unit-test step
of ``make test`` leaves these tests out (``-m "not browser ..."``). Without Chromium the tests are
skipped with the reason, unless ``TREATYLAB_REQUIRE_BROWSER=1`` (set by .ci/run), which turns the
skip into a failure so CI cannot pass without having looked at the site.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

import nbformat
import pytest

from tools import reading_site as site

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = [ROOT / "site" / "index.png", Path("/tmp/site_index.png")]
LESSON_SCREENSHOT = Path("/tmp/site_lesson.png")

# For every code cell with an output image, is the next cell a Markdown cell starting "Figure"?
# (a "**Figure …**" caption cell follows each figure; rendered, the ** are gone.)
UNCAPTIONED_JS = """
() => {
  const cells = Array.from(document.querySelectorAll(".jp-Cell"));
  const missing = [];
  cells.forEach((cell, i) => {
    if (!cell.classList.contains("jp-CodeCell")) return;
    const images = cell.querySelectorAll(".jp-OutputArea-output img, .jp-RenderedSVG svg");
    if (images.length === 0) return;
    const next = cells[i + 1];
    const text = next && next.classList.contains("jp-MarkdownCell") ? next.innerText.trim() : "";
    if (!text.startsWith("Figure")) {
      missing.push(`cell ${i + 1}: ${images.length} image(s), next cell starts `
                   + JSON.stringify(text.slice(0, 60)));
    }
  });
  return missing;
}
"""


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module; skipped (or failed in CI) when it is missing."""
    executable = _chromium()
    reason = ""
    if executable is None:
        reason = (
            "Chromium not found on PATH: install it (Debian/Ubuntu: "
            "`apt-get install -y chromium`) to run the reading-site browser test"
        )
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is missing: pip install -r requirements.txt"
    if reason:
        if os.environ.get("TREATYLAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"TREATYLAB_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        """Keep pytest's output for failures, not for every request."""


@functools.cache
def _no_proxy() -> urllib.request.OpenerDirector:
    """An opener that ignores proxy variables: the server is on 127.0.0.1."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on 127.0.0.1 at a free port chosen by the OS; return the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@dataclass
class Audit:
    """What the browser found on a site: one readable line per problem."""

    problems: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


def audit_site(browser: Any, site_dir: Path, base: str) -> Audit:
    """Open every HTML page of ``site_dir`` in the browser and check what it links to.

    Collects pages that do not load, console errors and uncaught exceptions, requests that
    leave 127.0.0.1 (blocked: the site must work offline), local links whose target is missing
    (including ``#fragment`` targets), and output images without a caption cell after them.
    External http(s) links are not fetched.
    """
    result = Audit()
    host = urlsplit(base).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def route(r: Any) -> None:
        if urlsplit(r.request.url).netloc == host:
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []  # (page, absolute href)
    for path in sorted(site_dir.rglob("*.html")):
        name = path.relative_to(site_dir).as_posix()
        url = base + name
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda m, out=messages: m.type == "error" and out.append(m.text))
        page.on("pageerror", lambda e, out=messages: out.append(f"uncaught: {e}"))
        outside.clear()
        try:
            response = page.goto(url, wait_until="load")
        except Exception as exc:  # noqa: BLE001 (report every kind of navigation failure)
            result.problems.append(f"{name}: did not load ({exc})")
            ids[url] = set()
            page.close()
            continue
        if response is None or not response.ok:
            status = response.status if response else "no response"
            result.problems.append(f"{name}: did not load (HTTP {status})")
        result.pages.append(name)
        ids[url] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        ids[url] |= set(page.eval_on_selector_all("a[name]", "els => els.map(e => e.name)"))
        links += [
            (name, href)
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        ]
        for missing in page.evaluate(UNCAPTIONED_JS):
            result.problems.append(f"{name}: figure without a caption cell after it ({missing})")
        result.problems += [f"{name}: console error: {m}" for m in messages]
        result.problems += [f"{name}: tried to load from outside the site: {u}" for u in outside]
        page.close()
    for name, href in links:
        parts = urlsplit(href)
        if parts.scheme in ("http", "https") and parts.netloc != host:
            continue  # external: not fetched
        if parts.scheme not in ("http", "https"):
            continue  # mailto:, data:, javascript: ...
        target, fragment = urldefrag(href)
        if target in ids:
            # nbconvert writes heading ids percent-encoded ("00-%C2%B7-Start"); browsers try
            # the fragment as written first, then decoded (HTML spec, "indicated part").
            if fragment and not {fragment, unquote(fragment)} & ids[target]:
                result.problems.append(f"{name}: broken link to #{fragment} in {target}")
            continue
        try:
            with _no_proxy().open(target, timeout=10) as response:
                ok = response.status == 200
        except urllib.error.URLError:
            ok = False
        if not ok:
            result.problems.append(f"{name}: broken link {href}")
    context.close()
    return result


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course's own site, built from notebooks/ and solutions/ into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    site.build(ROOT, out)
    return out


def test_every_page_loads_links_resolve_no_console_errors_figures_captioned(
    browser: Any, built_site: Path
) -> None:
    base, server = serve(built_site)
    try:
        audit = audit_site(browser, built_site, base)
        lessons = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
        expected = {f"{Path(n).stem}.html" for n in lessons} | {"index.html"}
        assert expected <= set(audit.pages), f"pages not visited: {expected - set(audit.pages)}"
        _screenshots(browser, base, lessons)
    finally:
        server.shutdown()
        server.server_close()
    assert not audit.problems, "\n".join(audit.problems)


def _screenshots(browser: Any, base: str, lessons: list[str]) -> None:
    """Save the index page (and the first lesson) as PNGs for a person to look at."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "index.html", wait_until="load")
    SCREENSHOTS[0].parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS[0]), full_page=True)
    for copy in SCREENSHOTS[1:]:
        shutil.copyfile(SCREENSHOTS[0], copy)
    if lessons:
        page.goto(base + f"{Path(lessons[0]).stem}.html", wait_until="load")
        page.screenshot(path=str(LESSON_SCREENSHOT))
    page.close()


def test_index_lists_every_lesson_with_objectives_and_timings(
    browser: Any, built_site: Path
) -> None:
    base, server = serve(built_site)
    try:
        page = browser.new_page()
        page.goto(base + "index.html")
        text = page.inner_text("main")
        for lesson in site.LESSONS:
            item = page.locator(f"#lesson-{lesson.number:02d}")
            assert item.count() == 1, f"lesson {lesson.number:02d} missing from the index"
            assert lesson.title in text
            assert f"Teaching {lesson.teaching} min" in item.inner_text()
            assert item.locator("details li").count() == len(lesson.objectives)
        page.close()
    finally:
        server.shutdown()
        server.server_close()


# A 1×1 PNG, enough to make an output image.
PIXEL = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
    "hKmMIQAAAABJRU5ErkJggg=="
)


def _image_cell() -> nbformat.NotebookNode:
    output = nbformat.v4.new_output("display_data", data={"image/png": PIXEL, "text/plain": "x"})
    return nbformat.v4.new_code_cell("plot()", outputs=[output])


def test_audit_catches_each_kind_of_problem(browser: Any, tmp_path: Path) -> None:
    """The audit is worth something only if it fails: feed it a site with one of each fault."""
    root = tmp_path / "course"
    (root / "notebooks").mkdir(parents=True)
    (root / "solutions").mkdir()
    bad_html = nbformat.v4.new_output(
        "display_data",
        data={
            "text/html": '<script>console.error("boom")</script>',
            "text/plain": "html",
        },
    )
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                "# Bad\n\n[gone](missing.html) [anchor](#nowhere) [ok](#Bad) "
                "[lesson link](99_other.ipynb) [outside](https://example.org/)\n\n"
                "![remote](https://cdn.example.invalid/x.png)"
            ),
            _image_cell(),
            nbformat.v4.new_markdown_cell("**Figure 1.** A captioned pixel."),
            _image_cell(),
            nbformat.v4.new_markdown_cell("Some text that is not a caption."),
            nbformat.v4.new_code_cell("html()", outputs=[bad_html]),
        ]
    )
    nbformat.write(nb, root / "notebooks" / "98_bad.ipynb")
    nbformat.write(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Other")]),
        root / "notebooks" / "99_other.ipynb",
    )
    out = tmp_path / "site"
    site.build(root, out)
    html = (out / "98_bad.html").read_text(encoding="utf-8")
    assert 'href="99_other.html"' in html, "a link to a course notebook points at its page"
    assert 'alt="Figure 1. A captioned pixel."' in html, "the caption is the image's alt text"
    base, server = serve(out)
    try:
        problems = audit_site(browser, out, base).problems
    finally:
        server.shutdown()
        server.server_close()
    report = "\n".join(problems)
    assert any("broken link" in p and "missing.html" in p for p in problems), report
    assert any("#nowhere" in p for p in problems), report
    assert not any("#Bad" in p for p in problems), report
    assert not any("99_other" in p or "example.org" in p for p in problems), report
    assert sum("figure without a caption" in p for p in problems) == 1, report
    assert any("console error: boom" in p for p in problems), report
    assert any("outside the site: https://cdn.example.invalid" in p for p in problems), report
