"""`playbook.extension`: the playbook's Markdown processing for site tools that run no plugins."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from markdown import Markdown, markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from playbook.registry import kind
from tests.conftest import MINIMAL


def convert(text: str, **config: object) -> str:
    return markdown(
        text,
        extensions=["attr_list", "md_in_html", "playbook.extension"],
        extension_configs={"playbook.extension": {"docs_dir": str(MINIMAL / "docs"), **config}},
    )


def test_a_term_links_to_the_glossary_with_its_definition_as_title() -> None:
    html = convert("A value stream has a first step.", site_path="/pb/")
    assert (
        '<a class="pb-term" href="/pb/glossary/#value-stream" '
        'title="All the steps that bring a product or service to a customer.">value stream</a>'
    ) in html


def test_the_site_path_defaults_to_the_server_root() -> None:
    assert 'href="/glossary/#waste"' in convert("Find the waste.")


def test_script_an_author_wrote_is_removed() -> None:
    html = convert("[click](javascript:alert(1)) and ![x](y.png){ onerror=alert(1) }")
    assert "javascript:" not in html and "onerror" not in html


class _Page:
    def __init__(self, path: str) -> None:
        self.path = path


class _RenderingContext(Extension):
    """What Zensical puts first in every page's pipeline: a preprocessor holding the page and its configuration."""

    def __init__(self, path: str, site_docs: Path | None = None) -> None:
        self.path = path
        self.site_docs = site_docs
        super().__init__()

    def extendMarkdown(self, md: Markdown) -> None:
        context = Preprocessor(md)
        context.page = _Page(self.path)  # type: ignore[attr-defined]
        # As Zensical keeps them: the folder of its configuration, and docs_dir as written there
        config = {"root_dir": str(self.site_docs.parent), "docs_dir": self.site_docs.name} if self.site_docs else {}
        context.config = config  # type: ignore[attr-defined]
        context.run = lambda lines: lines  # type: ignore[method-assign]
        md.preprocessors.register(context, "rendering_context", 0)


RAW = '<script>window.ran = 1</script>\n\n<p>A <img src="x" onerror="window.ran = 2"> here.</p>\n'


def convert_page(path: str | None, text: str = RAW, **config: object) -> str:
    return markdown(
        text,
        extensions=[*([_RenderingContext(path)] if path else []), "attr_list", "md_in_html", "playbook.extension"],
        extension_configs={"playbook.extension": {"docs_dir": str(MINIMAL / "docs"), **config}},
    )


def test_raw_html_in_a_hand_written_page_is_shown_as_text() -> None:
    html = convert_page("guides/note.md")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;window.ran = 1&lt;/script&gt;" in html


def test_a_hand_written_page_named_in_raw_html_pages_keeps_its_html() -> None:
    html = convert_page("guides/note.md", raw_html_pages=["guides/note.md"])
    assert "<script>window.ran = 1</script>" in html and '<img src="x"' in html


def test_a_generated_page_keeps_the_html_of_its_templates() -> None:
    sheet = kind("exercise").page_path("limit-the-work", "worksheet")
    html = convert_page(sheet, '<div class="pb-sheet" markdown>\n\n*Name*\n\n</div>\n')
    assert '<div class="pb-sheet">' in html and "<em>Name</em>" in html


def test_a_page_the_site_tool_does_not_name_shows_raw_html_as_text() -> None:
    assert "<script" not in convert_page(None)


def test_a_hand_written_page_at_a_generated_page_s_path_shows_raw_html_as_text(tmp_path: Path) -> None:
    content = tmp_path / "docs"
    shutil.copytree(MINIMAL / "docs", content)
    sheet = kind("exercise").page_path("limit-the-work", "worksheet")
    assert "<script" in convert_page(sheet, docs_dir=str(content))  # the playbook's own page
    (content / sheet).parent.mkdir(parents=True, exist_ok=True)
    (content / sheet).write_text(RAW, encoding="utf-8")  # an author's file where that page would go
    html = convert_page(sheet, docs_dir=str(content))
    assert "<script" not in html and "&lt;script&gt;" in html


def test_the_content_is_read_once_per_build_and_again_for_a_page_written_since(tmp_path: Path) -> None:
    content, site_docs = tmp_path / "docs", tmp_path / "markdown"
    shutil.copytree(MINIMAL / "docs", content)
    page = site_docs / "guides/note.md"
    page.parent.mkdir(parents=True)
    page.write_text("A kanban board.\n", encoding="utf-8")
    past = time.time_ns() - 60 * 10**9
    os.utime(page, ns=(past, past))  # written by `playbook render` before the build

    def build_page() -> str:
        return markdown(
            page.read_text(encoding="utf-8"),
            extensions=[_RenderingContext("guides/note.md", site_docs), "playbook.extension"],
            extension_configs={"playbook.extension": {"docs_dir": str(content)}},
        )

    assert 'href="../glossary/index.md#kanban"' in build_page()
    terms = content / "glossary/terms.yml"
    terms.write_text(terms.read_text(encoding="utf-8").replace("id: kanban", "id: pull-signal"), encoding="utf-8")
    # The same build: pages written before it use the content as it was read for its first page
    assert 'href="../glossary/index.md#kanban"' in build_page()
    # Under `zensical serve`, after `playbook render` rewrote the page: the content is read again
    now = time.time_ns()
    os.utime(page, ns=(now, now))
    assert 'href="../glossary/index.md#pull-signal"' in build_page()
