"""The built site: every internal link and anchor resolves, and a build is reproducible.

Both the fixture site and the real `docs/` site are built and crawled.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import BUILD_EPOCH, MINIMAL, navigation_sections
from tests.conftest import build_site as build

ROOT = Path(__file__).parents[1]
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}
# The one part of a build that depends on when it ran: MkDocs writes the build date into the
# sitemap (<lastmod>) and the gzip header of its compressed copy. SOURCE_DATE_EPOCH pins it.
DATED_FILES = ["sitemap.xml", "sitemap.xml.gz"]


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.page.ids.add(values[name] or "")
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute) and not (tag == "link" and values.get("rel") == "preconnect"):
            self.page.links.append(values[attribute] or "")


def site_path_prefix(config: Path) -> str:
    """The path the site is published under, from `site_url` (MkDocs configs may hold tags
    a safe YAML loader refuses, so the one line is read on its own)."""
    match = re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.MULTILINE)
    return urlsplit(match.group(1) if match else "").path or "/"


def broken_links(site: Path, prefix: str) -> list[str]:
    """Every internal link or anchor of the site that leads nowhere, as `page -> link (why)`."""
    pages = {}
    for html in sorted(site.rglob("*.html")):
        collector = _Collector()
        collector.feed(html.read_text(encoding="utf-8"))
        pages[html.relative_to(site).as_posix()] = collector.page
    problems = []
    for name, page in pages.items():
        base = "/" + name
        for link in page.links:
            target = _internal_target(link, base, prefix)
            if target is None:
                continue
            path, fragment = target
            file = site / path
            if file.is_dir():
                file, path = file / "index.html", posixpath.join(path, "index.html")
            if not file.is_file():
                problems.append(f"{name} -> {link} (no file {path})")
            elif fragment and path in pages and fragment not in pages[path].ids:
                problems.append(f"{name} -> {link} (no id '{fragment}' in {path})")
    return problems


def _internal_target(link: str, base: str, prefix: str) -> tuple[str, str] | None:
    """(path relative to the site, fragment) for a link into the site; None for other sites."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None  # another site, mailto:, ... (javascript: is refused by the models)
    resolved = urlsplit(urljoin(base, link))
    path = unquote(resolved.path)
    if link.startswith("/"):  # absolute links (the 404 page) carry the site's own path
        assert path.startswith(prefix), f"{link} lies outside the site's path {prefix}"
        path = "/" + path[len(prefix) :]
    return path.lstrip("/") or "index.html", unquote(resolved.fragment)


def differing_files(first: Path, second: Path) -> list[str]:
    names = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    names |= {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    return sorted(
        name
        for name in names
        if not (first / name).is_file()
        or not (second / name).is_file()
        or (first / name).read_bytes() != (second / name).read_bytes()
    )


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MINIMAL / "mkdocs.yml", tmp_path_factory.mktemp("fixture") / "site")


@pytest.fixture(scope="module")
def real_site(shipped_site: Path) -> Path:
    return shipped_site


def test_every_internal_link_and_anchor_of_the_fixture_site_resolves(fixture_site: Path) -> None:
    assert broken_links(fixture_site, site_path_prefix(MINIMAL / "mkdocs.yml")) == []


def test_every_internal_link_and_anchor_of_the_real_site_resolves(real_site: Path) -> None:
    assert broken_links(real_site, site_path_prefix(ROOT / "mkdocs.yml")) == []


def test_the_crawler_finds_a_dead_link_and_a_dead_anchor(fixture_site: Path, tmp_path: Path) -> None:
    page = tmp_path / "exercises" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<a id="here" href="../nowhere/">x</a><a href="#missing">y</a><a href="#here">z</a>'
        '<a href="https://example.com/">w</a>'
    )
    assert broken_links(tmp_path, "/") == [
        "exercises/index.html -> ../nowhere/ (no file nowhere/)",
        "exercises/index.html -> #missing (no id 'missing' in exercises/index.html)",
    ]


def test_the_crawler_sees_the_generated_pages(fixture_site: Path) -> None:
    for page in (
        "exercises/limit-the-work/index.html",
        "exercises/limit-the-work/worksheet/index.html",
        "glossary/index.html",
        "contributing/fields/index.html",
        "programmes/two-weeks/pack/index.html",
    ):
        assert (fixture_site / page).is_file(), page


def test_two_builds_of_the_same_source_are_byte_identical(fixture_site: Path, tmp_path: Path) -> None:
    again = build(MINIMAL / "mkdocs.yml", tmp_path / "again")
    assert differing_files(fixture_site, again) == []


def test_only_the_sitemap_depends_on_the_build_date(fixture_site: Path, tmp_path: Path) -> None:
    a_year_later = build(MINIMAL / "mkdocs.yml", tmp_path / "later", epoch=str(int(BUILD_EPOCH) + 365 * 86400))
    assert differing_files(fixture_site, a_year_later) == DATED_FILES
    assert "<lastmod>2026-01-01</lastmod>" in (fixture_site / "sitemap.xml").read_text()
    assert "<lastmod>2027-01-01</lastmod>" in (a_year_later / "sitemap.xml").read_text()


def _edit_link(page: Path) -> str | None:
    match = re.search(r'<a href="([^"]+)" title="Edit this page"', page.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def test_edit_this_page_opens_the_yaml_an_author_edits(real_site: Path) -> None:
    edit_base = "https://github.com/lean-ld-playbook/playbook/edit/main/docs/"
    expected = {}
    for source in sorted((ROOT / "docs").glob("exercises/*.yml")):
        for page in ("index.html", "worksheet/index.html"):
            expected[f"exercises/{source.stem}/{page}"] = f"exercises/{source.name}"
    for source in sorted((ROOT / "docs").glob("programmes/*.yml")):
        for page in ("index.html", "pack/index.html"):
            expected[f"programmes/{source.stem}/{page}"] = f"programmes/{source.name}"
    for source in sorted((ROOT / "docs").glob("pdsa/*.yml")):
        expected[f"pdsa/{source.stem}/index.html"] = f"pdsa/{source.name}"
    assert expected
    found = {page: _edit_link(real_site / page) for page in expected}
    assert found == {page: edit_base + source for page, source in expected.items()}


def test_the_field_reference_sits_under_the_contributors_guide_after_the_readers_sections(real_site: Path) -> None:
    page = (real_site / "contributing" / "fields" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Field reference" in page
    sections = navigation_sections((real_site / "index.html").read_text(encoding="utf-8"))
    assert list(sections)[-1] == "Contributing", list(sections)
    assert "Contributing an exercise" in (real_site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert 'href="contributing/fields/"' in sections["Contributing"]
    assert not any("fields/" in html for title, html in sections.items() if title != "Contributing")
