"""Narrow columns on a phone and on a desktop: a word is never cut in two at the end of a line
("Lengt-h", "Custome-r"), unless it is wider than the widest its column could be, as a long
address is."""

from __future__ import annotations

import posixpath
from functools import cache
from typing import TYPE_CHECKING

import pytest
from page_reading import BROKEN_WORDS, VIEWPORTS
from sheet_facts import REPO

from playbook.catalog import load_playbook
from playbook.reference import REFERENCE_PAGE
from playbook.render import COVERAGE_PAGE

if TYPE_CHECKING:
    from conftest import Site
    from page_reading import PageReading
    from playwright.sync_api import Page


def address(markdown_path: str) -> str:
    """The site address of a generated page's Markdown path: "contributing/fields.md" is "contributing/fields/"."""
    stem = posixpath.splitext(markdown_path)[0]
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


@cache
def pages_to_read() -> dict[str, list[str]]:
    playbook = load_playbook(REPO / "docs")
    return {
        "exercise guides": [f"exercises/{e}/" for e in playbook.exercises],
        "worksheets": [f"exercises/{e}/worksheet/" for e in playbook.exercises]
        + [f"pdsa/{t}/worksheet/" for t in playbook.pdsa],
        "programme packs": [f"programmes/{p}/pack/" for p in playbook.programmes],
        "field reference and coverage": [address(REFERENCE_PAGE), address(COVERAGE_PAGE)],
    }


@pytest.mark.parametrize("kind_of_page", list(pages_to_read()))
def test_no_word_is_cut_at_the_end_of_a_line(every_page_read: dict[str, PageReading], kind_of_page: str) -> None:
    pages = pages_to_read()[kind_of_page]
    assert pages and set(pages) <= set(every_page_read), "each page of this kind is among the pages read"
    broken = [
        f"{where} at {viewport} width: {word}"
        for where in pages
        for viewport, words in every_page_read[where].broken_words.items()
        for word in words
    ]

    assert not broken, f"{len(broken)} words cut in two:\n" + "\n".join(broken)


def test_a_word_cut_in_two_is_found(page: Page, real_site: Site) -> None:
    """The check above, on a page whose table headings may break anywhere."""
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(real_site.url("exercises/identify-your-customers/worksheet/"))
    page.add_style_tag(content=".md-typeset table.pb-table { table-layout: fixed } th { word-break: break-all }")

    broken = page.evaluate(BROKEN_WORDS)

    assert any("(in <th" in word for word in broken), broken
