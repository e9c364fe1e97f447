"""`playbook.extension`: the playbook's Markdown processing for site tools that run no plugins."""

from __future__ import annotations

from markdown import markdown

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
