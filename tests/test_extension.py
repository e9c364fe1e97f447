"""`playbook.extension`: the playbook's Markdown processing for site tools that run no plugins."""

from __future__ import annotations

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
    """What Zensical puts first in every page's pipeline: a preprocessor holding the page."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__()

    def extendMarkdown(self, md: Markdown) -> None:
        context = Preprocessor(md)
        context.page = _Page(self.path)  # type: ignore[attr-defined]
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
