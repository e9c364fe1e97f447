"""On screen: readable on a phone, and no WCAG 2.1 AA violation on any kind of page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Page

PHONE_WIDTH = 360
# One page of each kind the playbook generates, and the hand-written home page.
PAGE_KINDS = {
    "home": "",
    "exercise guide": "exercises/sort-the-requests/",
    "exercise worksheet": "exercises/sort-the-requests/worksheet/",
    "exercises index": "exercises/",
    "PDSA guide": "pdsa/try-a-change/",
    "PDSA worksheet": "pdsa/try-a-change/worksheet/",
    "programme": "programmes/two-weeks/",
    "pack": "programmes/two-weeks/pack/",
    "waste": "wastes/waiting/",
    "waste overview": "wastes/basic/",
    "glossary": "glossary/",
}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("kind", ["exercise guide", "exercise worksheet", "pack", "PDSA worksheet", "glossary"])
def test_a_phone_shows_the_page_without_sideways_scrolling(page: Page, site: Site, kind: str) -> None:
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 740})
    page.goto(site.url(PAGE_KINDS[kind]))

    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE_WIDTH


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_wcag_21_aa_violation(page: Page, site: Site, kind: str) -> None:
    page.goto(site.url(PAGE_KINDS[kind]))
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})

    assert results.violations_count == 0, results.generate_report()


def test_the_search_dialog_has_an_accessible_name(page: Page, site: Site) -> None:
    """Material's search dialog has none (axe's best-practice rule aria-dialog-name)."""
    page.goto(site.url(""))
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["aria-dialog-name"]}})

    assert results.violations_count == 0, results.generate_report()
    assert page.locator('.md-search[role="dialog"]').get_attribute("aria-label") == "Search"


def test_every_write_in_field_shows_where_to_write_on_a_phone(page: Page, site: Site) -> None:
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 740})
    page.goto(site.url(PAGE_KINDS["exercise worksheet"]))
    for name in ("exercise-sort-the-requests.name", "exercise-sort-the-requests.date"):
        field = page.locator(f'input[name="{name}"]')
        assert field.evaluate("f => getComputedStyle(f).borderBottomStyle") == "solid"
        assert field.bounding_box()["width"] > PHONE_WIDTH / 2
