"""Render the course as a static reading site (``make html`` → ``site/``).

Why a site at all: some readers have no Jupyter (a school laptop, a phone, a reviewer), and a
teacher wants to project a lesson without running it. The site shows the *stored* outputs of
notebooks/ and solutions/; nothing is executed, so building it is fast and needs no kernel.

Why a template of our own: nbconvert's ``lab`` template loads require.js and MathJax from a CDN
(and mermaid.js, and the widget manager when a notebook has widget state). Offline, in a
classroom behind a firewall, those requests fail and the browser logs errors; MathJax would also
turn every pair of dollar signs in a sentence about money into "maths". Our template extends
``lab`` and empties those blocks, so a page loads nothing from outside. It also adds the
previous / index / next links, a favicon that is not fetched, and the figure captions as
``alt`` text for output images (the caption cell after a figure is its alt text).

``python -m tools.reading_site [--out DIR]`` builds without make.
"""

from __future__ import annotations

import argparse
import html
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter

from treatylab.lessons import LESSONS, Lesson

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
TEMPLATE_NAME = "treatylab_page.html.j2"
SOLUTIONS_DIR = "solutions"
FIGURE_PREFIX = "**Figure"

# Extends nbconvert's lab template (found on the lab template path as index.html.j2).
TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<link rel="icon" href="data:,">
<style type="text/css">
nav.treatylab-nav { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; align-items: baseline;
  padding: 0.6em 1em; margin: 0 0 1em 0; background: #f3f5f8; border-bottom: 1px solid #d0d7de;
  font-family: var(--jp-ui-font-family, sans-serif); font-size: 14px; }
nav.treatylab-nav.bottom { margin: 2em 0 0 0; border-top: 1px solid #d0d7de; border-bottom: 0; }
nav.treatylab-nav a { color: #0b5cad; text-decoration: none; }
nav.treatylab-nav a:hover, nav.treatylab-nav a:focus { text-decoration: underline; }
nav.treatylab-nav .spacer { flex: 1; }
nav.treatylab-nav .here { color: #444; }
</style>
{%- endblock extra_css -%}
{% block body_header %}
{{ super() }}
{{ resources.treatylab_nav_top }}
{% endblock body_header %}
{% block body_footer %}
{{ resources.treatylab_nav_bottom }}
{{ super() }}
{% endblock body_footer %}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
 alt="{{ output.metadata.get('treatylab_alt', '') | escape_html }}">
</div>
{%- endblock data_png %}
{% block data_jpg scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/jpeg;base64,{{ output.data['image/jpeg'] | escape_html }}"
 alt="{{ output.metadata.get('treatylab_alt', '') | escape_html }}">
</div>
{%- endblock data_jpg %}
"""

INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
  color: #1f2328; background: #fff; line-height: 1.5; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 2rem; }
h1 { margin: 0 0 0.25rem 0; font-size: 2rem; }
.lede { color: #444; margin-top: 0; }
ol.lessons { list-style: none; padding: 0; }
ol.lessons > li { border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem 1.25rem;
  margin: 0 0 1rem 0; }
ol.lessons h2 { margin: 0; font-size: 1.3rem; }
.num { color: #57606a; font-variant-numeric: tabular-nums; margin-right: 0.4em; }
.question { font-style: italic; margin: 0.25rem 0 0.5rem 0; }
.time { color: #57606a; font-size: 0.95rem; margin: 0.25rem 0; }
.links a { margin-right: 1.25rem; }
.pending { color: #57606a; }
a { color: #0b5cad; }
code { background: #f3f5f8; padding: 0 0.2em; border-radius: 3px; }
footer { color: #57606a; font-size: 0.9rem; padding-bottom: 2rem; }
"""


@dataclass(frozen=True)
class Page:
    """One rendered notebook: where it comes from, where it goes, and what to call it."""

    source: Path
    href: str  # relative to the site root, with "/" separators
    title: str
    lesson: Lesson | None
    section: str  # "lessons" or "solutions"


def _lesson_for(path: Path) -> Lesson | None:
    return next((lesson for lesson in LESSONS if lesson.filename == path.name), None)


def _h1(nb: nbformat.NotebookNode) -> str | None:
    """The notebook's first H1, used as the title of a notebook that lessons.py does not know."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def _page_title(path: Path, nb: nbformat.NotebookNode, section: str) -> str:
    lesson = _lesson_for(path)
    title = f"{lesson.number:02d} · {lesson.title}" if lesson else (_h1(nb) or path.stem)
    return f"{title} (worked solutions)" if section == SOLUTIONS_DIR else title


def _rel(from_href: str, to_href: str) -> str:
    """A relative link from one site page to another (the site has at most one sub-folder)."""
    depth = from_href.count("/")
    return "../" * depth + to_href


def _inline_code(text: str) -> str:
    """Escape text for HTML, then turn `backticks` into <code> (lessons.py uses Markdown)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def _nav(page: Page, pages: Sequence[Page], by_href: dict[str, Page], where: str) -> str:
    """The navigation bar: previous, index, next, and the lesson ↔ solutions counterpart."""
    same = [p for p in pages if p.section == page.section]
    i = same.index(page)
    parts: list[str] = []
    if i > 0:
        prev = same[i - 1]
        link = _rel(page.href, prev.href)
        parts.append(f'<a rel="prev" href="{link}">← {html.escape(prev.title)}</a>')
    parts.append(f'<a href="{_rel(page.href, "index.html")}">Course index</a>')
    if i + 1 < len(same):
        nxt = same[i + 1]
        link = _rel(page.href, nxt.href)
        parts.append(f'<a rel="next" href="{link}">{html.escape(nxt.title)} →</a>')
    parts.append('<span class="spacer"></span>')
    name = Path(page.href).name
    if page.section == SOLUTIONS_DIR:
        other = by_href.get(name)
        label = "Read the lesson"
    else:
        other = by_href.get(f"{SOLUTIONS_DIR}/{name}")
        label = "Worked solutions"
    if other is not None:
        parts.append(f'<a href="{_rel(page.href, other.href)}">{label}</a>')
    label_text = "Page navigation" if where == "top" else "Page navigation (end of page)"
    cls = "treatylab-nav" if where == "top" else "treatylab-nav bottom"
    return f'<nav class="{cls}" aria-label="{label_text}">' + " ".join(parts) + "</nav>"


def _caption_alt_text(nb: nbformat.NotebookNode) -> None:
    """Give each output image the text of the caption cell that follows it, as alt text."""
    cells = nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type != "code" or i + 1 >= len(cells):
            continue
        after = cells[i + 1]
        if after.cell_type != "markdown" or not after.source.lstrip().startswith(FIGURE_PREFIX):
            continue
        alt = re.sub(r"[*_`]", "", after.source.strip())
        alt = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", alt)  # [text](url) → text
        alt = " ".join(alt.split())
        for output in cell.get("outputs", []):
            if any(m in output.get("data", {}) for m in ("image/png", "image/jpeg")):
                output.setdefault("metadata", {})["treatylab_alt"] = alt


def _rewrite_notebook_links(text: str, page: Page, root: Path, by_source: dict[Path, Page]) -> str:
    """Point Markdown links to another course notebook (``02_x.ipynb``) at its rendered page."""

    def fix(match: re.Match[str]) -> str:
        target, fragment = match.group(2), match.group(3) or ""
        resolved = (page.source.parent / target).resolve()
        other = by_source.get(resolved)
        if other is None:
            return match.group(0)
        return f'{match.group(1)}{_rel(page.href, other.href)}{fragment}"'

    return re.sub(r'(href=")(?![a-z]+:)([^"#]+\.ipynb)(#[^"]*)?"', fix, text)


def _exporter() -> HTMLExporter:
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({TEMPLATE_NAME: TEMPLATE})],
    )
    exporter.template_file = TEMPLATE_NAME
    return exporter


def collect_pages(root: Path = ROOT, solutions: bool = True) -> list[Page]:
    """Every notebook to render, in course order: lessons first, then their solutions."""
    pages: list[Page] = []
    sections = [("notebooks", "lessons", "")]
    if solutions:
        sections.append((SOLUTIONS_DIR, SOLUTIONS_DIR, f"{SOLUTIONS_DIR}/"))
    for folder, section, prefix in sections:
        for path in sorted((root / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            pages.append(
                Page(
                    source=path.resolve(),
                    href=f"{prefix}{path.stem}.html",
                    title=_page_title(path, nb, section),
                    lesson=_lesson_for(path),
                    section=section,
                )
            )
    return pages


def render_page(
    page: Page, pages: Sequence[Page], root: Path, exporter: HTMLExporter | None = None
) -> str:
    """One notebook as a self-contained HTML page, from its stored outputs (not executed)."""
    exporter = exporter or _exporter()
    by_href = {p.href: p for p in pages}
    by_source = {p.source: p for p in pages}
    nb = nbformat.read(page.source, as_version=4)
    nb.metadata["title"] = f"{page.title} · treatylab"
    _caption_alt_text(nb)
    resources = {
        "metadata": {"name": page.source.stem},
        "treatylab_nav_top": _nav(page, pages, by_href, "top"),
        "treatylab_nav_bottom": _nav(page, pages, by_href, "bottom"),
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return _rewrite_notebook_links(body, page, root, by_source)


def render_index(pages: Sequence[Page]) -> str:
    """The front page: every lesson of lessons.py, with its question, objectives and timings."""
    by_href = {p.href: p for p in pages}
    items: list[str] = []
    for lesson in LESSONS:
        page = by_href.get(f"{Path(lesson.filename).stem}.html")
        sol = by_href.get(f"{SOLUTIONS_DIR}/{Path(lesson.filename).stem}.html")
        objectives = "".join(f"<li>{_inline_code(o)}</li>" for o in lesson.objectives)
        links: list[str] = []
        if page:
            links.append(f'<a href="{page.href}">Read lesson {lesson.number:02d}</a>')
        if sol:
            links.append(f'<a href="{sol.href}">Worked solutions</a>')
        if not links:
            links.append('<span class="pending">In preparation: not published yet.</span>')
        title = html.escape(lesson.title)
        heading = f'<a href="{page.href}">{title}</a>' if page else title
        items.append(
            f'<li id="lesson-{lesson.number:02d}">'
            f'<h2><span class="num">{lesson.number:02d}</span>{heading}</h2>'
            f'<p class="question">{_inline_code(lesson.question)}</p>'
            f'<p class="time">Teaching {lesson.teaching} min · exercises {lesson.exercises} min'
            f" · about {lesson.minutes} min in all</p>"
            f"<details open><summary>Objectives</summary><ul>{objectives}</ul></details>"
            f'<p class="links">{" ".join(links)}</p></li>'
        )
    known = {lesson.filename for lesson in LESSONS}
    extras = [p for p in pages if p.lesson is None and p.source.name not in known]
    extra_html = ""
    if extras:
        rows = "".join(f'<li><a href="{p.href}">{html.escape(p.title)}</a></li>' for p in extras)
        extra_html = f"<h2>Other notebooks</h2><ul>{rows}</ul>"
    total = sum(lesson.minutes for lesson in LESSONS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>treatylab · the 2025 Russia–Iran treaty, in notebooks</title>
<link rel="icon" href="data:,">
<style>{INDEX_CSS}</style>
</head>
<body>
<header>
<h1>treatylab</h1>
<p class="lede">A course in Jupyter notebooks on the Treaty on Comprehensive Strategic Partnership
between Russia and Iran (signed in Moscow on 17 January 2025), the SIPRI arms-transfer data behind
the relationship, and the arguments experts make about it. These pages show the notebooks with
their stored outputs, for reading; to run the code and do the exercises, open the course in
Jupyter (<code>make lab</code>).</p>
<p class="time">{len(LESSONS)} lessons · about {total} minutes of teaching and exercises.</p>
</header>
<main>
<ol class="lessons">
{"".join(items)}
</ol>
{extra_html}
</main>
<footer>
<p>Built from the notebooks' stored outputs with nbconvert; nothing on these pages loads from
the internet. Each lesson page has links to the previous and next lesson and back here.</p>
</footer>
</body>
</html>
"""


def build(root: Path = ROOT, out: Path = SITE, solutions: bool = True) -> list[Path]:
    """Render notebooks/ (and solutions/) under ``root`` into ``out``; return the files written.

    Old ``.html`` files in ``out`` are removed first, so a renamed lesson leaves no stale page
    behind; nothing else in ``out`` is touched.
    """
    out.mkdir(parents=True, exist_ok=True)
    for stale in [*out.glob("*.html"), *(out / SOLUTIONS_DIR).glob("*.html")]:
        stale.unlink()
    pages = collect_pages(root, solutions=solutions)
    exporter = _exporter()
    written: list[Path] = []
    for page in pages:
        target = out / page.href
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(page, pages, root, exporter), encoding="utf-8")
        written.append(target)
    index = out / "index.html"
    index.write_text(render_index(pages), encoding="utf-8")
    written.append(index)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SITE, help="output folder (default: site/)")
    parser.add_argument("--no-solutions", action="store_true", help="leave solutions/ out")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    written = build(ROOT, args.out, solutions=not args.no_solutions)
    for path in written:
        print(f"wrote {path}")
    took = time.perf_counter() - started
    print(f"{len(written)} pages in {args.out} ({took:.1f} s). Open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
