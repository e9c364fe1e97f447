"""The glossary's A-Z bar, as a reader uses it on a phone and on a laptop."""

from __future__ import annotations

import string
import unicodedata
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Page

SCREENS = {"phone": (390, 844), "laptop": (1366, 900)}
OTHER = "#"  # the place for terms that start with a digit or a symbol


def bar(page: Page) -> list[tuple[str, str | None]]:
    """Each place of the bar, in order: its label and where it links (None for plain text)."""
    return [
        (label, href)
        for label, href in page.eval_on_selector_all(
            "nav.pb-az li",
            "items => items.map(li => [li.textContent.trim(), li.querySelector('a')?.getAttribute('href') ?? null])",
        )
    ]


def filed_under(term: str) -> str:
    letter = unicodedata.normalize("NFKD", term[:1]).encode("ascii", "ignore").decode().upper()
    return letter if letter and letter in string.ascii_uppercase else OTHER


def terms_in_page_order(page: Page) -> list[tuple[str, str]]:
    """(id, term) of every entry, as the page shows them from top to bottom."""
    return [
        (term_id, text.replace("¶", "").strip())
        for term_id, text in page.eval_on_selector_all(
            ".pb-glossary-entry h3", "headings => headings.map(h => [h.id, h.textContent])"
        )
    ]


def test_every_letter_shows_and_links_to_the_first_term_under_it(page: Page, real_site: Site) -> None:
    page.goto(real_site.url("glossary/"))
    places = bar(page)
    terms = terms_in_page_order(page)
    initials = [filed_under(term) for _, term in terms]
    first = {}
    for (term_id, _), letter in zip(terms, initials, strict=True):
        first.setdefault(letter, term_id)

    assert [label for label, _ in places if label != OTHER] == list(string.ascii_uppercase)
    # the page is filed by initial, in the bar's order, so "the first term under a letter" is where it starts
    order = [OTHER, *string.ascii_uppercase]
    assert initials == sorted(initials, key=order.index)
    assert places == [(label, f"#{first[label]}" if label in first else None) for label, _ in places]
    assert any(href is None for _, href in places), "the shipped glossary has letters with no term"
    for _, href in places:
        if href is not None:
            assert page.locator(f'[id="{href[1:]}"]').count() == 1  # no dead link


def test_a_letter_without_terms_is_shown_but_is_not_a_link_or_a_tab_stop(page: Page, real_site: Site) -> None:
    page.goto(real_site.url("glossary/"))
    empty = [label for label, href in bar(page) if href is None]
    item = page.locator("nav.pb-az li", has_text=empty[0]).first
    assert item.is_visible()
    assert item.locator("a, [tabindex]").count() == 0


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_bar_fits_the_screen_and_takes_the_reader_to_the_term(page: Page, real_site: Site, screen: str) -> None:
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(real_site.url("glossary/"))

    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    boxes = [item.bounding_box() for item in page.locator("nav.pb-az li").all()]
    assert all(box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width for box in boxes)
    assert all(box is not None and box["width"] >= 24 and box["height"] >= 24 for box in boxes)  # WCAG 2.5.8
    if screen == "phone":
        assert len({round(box["y"]) for box in boxes if box is not None}) > 1  # wrapped, not squeezed

    term_id = next(href for label, href in bar(page) if label == "P" and href)[1:]
    page.locator("nav.pb-az a", has_text="P").click()
    # the term's heading comes into view below the header, which stays over the top of the page
    page.wait_for_function(
        """id => {
            const heading = document.getElementById(id).getBoundingClientRect();
            const header = document.querySelector(".md-header").getBoundingClientRect();
            return location.hash === "#" + id && heading.top >= header.bottom - 1 && heading.bottom <= innerHeight;
        }""",
        arg=term_id,
    )


def test_every_playbook_gets_the_bar_from_the_package(page: Page, site: Site) -> None:
    """The fixture playbook writes no glossary page of its own: the bar comes with the plugin."""
    page.goto(site.url("glossary/"))
    places = bar(page)
    assert [label for label, _ in places if label != OTHER] == list(string.ascii_uppercase)
    assert any(href for _, href in places) and any(href is None for _, href in places)
