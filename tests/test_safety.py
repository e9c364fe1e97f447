"""A pull request cannot inject script: raw HTML in content is shown, never run.

Each test writes hostile content into a copy of the fixture playbook, builds it with MkDocs and
Material as the site is built, and parses every page for anything a browser would execute.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from playbook.catalog import load_playbook
from playbook.errors import ContentErrors
from tests.conftest import MINIMAL

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
ACTIVE_TAGS = {"iframe", "object", "embed", "base"}  # Material itself uses <svg> icons and a <form>


class _ActiveContent(HTMLParser):
    """Collects what would run: script bodies, event handlers, javascript: URLs, frames."""

    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and re.match(r"\s*(javascript|vbscript|data):", value, re.IGNORECASE):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and self.marker in data:
            self.found.append(f"<script> running {data.strip()[:60]!r}")


def active_content(site: Path, marker: str = "alert(") -> dict[str, list[str]]:
    found = {}
    for page in sorted(site.rglob("*.html")):
        parser = _ActiveContent(marker)
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            found[page.relative_to(site).as_posix()] = parser.found
    return found


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(project / "site"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def hostile_copy(tmp_path: Path, replacements: dict[str, list[tuple[str, str]]]) -> Path:
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    for relative, pairs in replacements.items():
        file = project / "docs" / relative
        text = file.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, f"{old!r} not in {relative}"
            text = text.replace(old, new, 1)
        file.write_text(text, encoding="utf-8")
    return project


BODY_PAYLOADS = {
    "exercises/limit-the-work.yml": [
        ("audience: Any team.", "audience: 'Any team. <script>alert(1)</script>'"),
        (
            "instructions: Run two rounds with and without a limit.",
            'instructions: \'<img src=x onerror=alert(2)> <iframe src="https://evil.example/"></iframe> '
            '<a href="javascript:alert(3)">x</a>\'',
        ),
        (
            "objectives: [See how WIP limits shorten lead time.]",
            "objectives: ['<div onclick=\"alert(4)\">click</div>', '<svg onload=alert(5)>', "
            '\'[a link](https://ok.example/ "t\\" onmouseover=\\"alert(6)")\']',
        ),
        (
            'question: "What was the lead time in each round, and where was the waste?"',
            'question: "<script>alert(7)</script> What was the lead time?"',
        ),
        ('debrief: ["What changed?"]', 'debrief: ["<style>body{display:none}</style><base href=//evil.example/>"]'),
    ],
    "glossary/terms.yml": [("definition:", "definition: <script>alert(8)</script>")],
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = hostile_copy(tmp_path_factory.mktemp("hostile"), BODY_PAYLOADS)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_the_unaltered_fixture_site_runs_no_author_script(tmp_path: Path) -> None:
    project = hostile_copy(tmp_path, {})
    assert build(project).returncode == 0
    assert active_content(project / "site") == {}


def test_raw_html_in_markdown_fields_is_shown_never_run(hostile_site: Path) -> None:
    assert active_content(hostile_site) == {}


def test_the_author_s_text_is_kept_visible_as_text(hostile_site: Path) -> None:
    guide = (hostile_site / "exercises" / "limit-the-work" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in guide
    assert "&lt;img src=x onerror=alert(2)&gt;" in guide
    sheet = (hostile_site / "exercises" / "limit-the-work" / "worksheet" / "index.html").read_text()
    assert "&lt;script&gt;alert(7)&lt;/script&gt;" in sheet


def test_a_term_definition_becomes_a_harmless_tooltip(hostile_site: Path) -> None:
    pages = [page.read_text(encoding="utf-8") for page in hostile_site.rglob("*.html")]
    # Material sets a title's text as HTML: escaped twice, it shows the text and runs nothing
    assert any('title="&amp;lt;script&amp;gt;alert(8)&amp;lt;/script&amp;gt;' in page for page in pages)


# Titles that must read as written and break out of nothing: quotes, entities, markup. Each is
# given to a copy of one exercise, so that one build checks them all.
PLAIN_TITLES = ['Tom & Jerry "quoted" it\'s', 'x" onmouseover="alert(9)', "R&D; a & b"]
MARKUP_TITLES = ["a &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "</title><script>alert(1)</script>"]
HOSTILE_SUMMARY = 'Put a" onload="x"><script>alert(10)</script> limit on work in progress.'


@pytest.fixture(scope="module")
def titled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    summary = "summary: Put a limit on work in progress and watch the queue move."
    project = hostile_copy(
        tmp_path_factory.mktemp("titled"),
        {"exercises/limit-the-work.yml": [(summary, "summary: '" + HOSTILE_SUMMARY.replace("'", "''") + "'")]},
    )
    exercise = (project / "docs" / "exercises" / "limit-the-work.yml").read_text(encoding="utf-8")
    for number, title in enumerate(PLAIN_TITLES + MARKUP_TITLES):
        quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
        copy = exercise.replace("title: Limit the work", f"title: {quoted}", 1)
        (project / "docs" / "exercises" / f"titled-{number}.yml").write_text(copy, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def titled_page(site: Path, title: str) -> str:
    number = (PLAIN_TITLES + MARKUP_TITLES).index(title)
    return (site / "exercises" / f"titled-{number}" / "index.html").read_text(encoding="utf-8")


def test_no_title_or_summary_runs_anything(titled_site: Path) -> None:
    assert active_content(titled_site) == {}


@pytest.mark.parametrize("title", PLAIN_TITLES)
def test_a_title_cannot_break_out_of_the_page_title_or_an_attribute(titled_site: Path, title: str) -> None:
    head_title = re.search(r"<title>(.*?)</title>", titled_page(titled_site, title), re.DOTALL)
    assert head_title is not None and "<" not in head_title.group(1)
    assert html.unescape(head_title.group(1)) == f"{title} - Fixture playbook"


@pytest.mark.parametrize("title", MARKUP_TITLES)
def test_a_title_with_markup_or_entities_is_shown_as_written(titled_site: Path, title: str) -> None:
    page = titled_page(titled_site, title)
    head_title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    assert head_title is not None and html.unescape(head_title.group(1)) == f"{title} - Fixture playbook"
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL)
    # the heading names the entry's kind, then its title
    assert heading is not None and html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))) == f"Exercise: {title}"


def test_script_links_are_refused_by_the_build_with_their_position(tmp_path: Path) -> None:
    link = "[x](javascript:alert(1))"
    project = hostile_copy(tmp_path, {"exercises/limit-the-work.yml": [("audience: Any team.", f'audience: "{link}"')]})
    result = build(project)
    assert result.returncode == 1
    assert "docs/exercises/limit-the-work.yml:6:11: error: audience: a link may not use" in result.stderr


@pytest.mark.parametrize(
    "link",
    [
        "[x](JaVaScRiPt:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](java\\tscript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x][r]\\n\\n[r]: javascript:alert(1)",
    ],
)
def test_script_links_in_every_disguise_are_refused_before_anything_is_built(tmp_path: Path, link: str) -> None:
    project = hostile_copy(tmp_path, {"exercises/limit-the-work.yml": [("audience: Any team.", f'audience: "{link}"')]})
    with pytest.raises(ContentErrors) as refused:
        load_playbook(project / "docs")
    (error,) = map(str, refused.value.errors)
    assert "limit-the-work.yml:6:11: error: audience: a link may not use" in error


def test_a_summary_cannot_break_out_of_the_meta_description(titled_site: Path) -> None:
    assert active_content(titled_site) == {}
    page = (titled_site / "exercises" / "limit-the-work" / "index.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert description is not None and html.unescape(description.group(1)) == HOSTILE_SUMMARY
