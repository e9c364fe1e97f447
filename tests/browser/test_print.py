"""A trainer prints worksheets and packs: what lands on A4 and US Letter, read back from the PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sheet_facts import (
    CHROME_TEXT,
    LICENCE_TEXT,
    PAPER_POINTS,
    PRINTABLE,
    SITE_NAME,
    pdf_pages,
    print_layout,
    squash,
)

from playbook.pdf import PAPERS, print_to_pdf, stay_local

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Browser, Page


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("address", sorted(PRINTABLE))
def test_each_sheet_prints_on_its_own_page_with_every_prompt_and_no_site_chrome(
    page: Page, site: Site, address: str, paper: str
) -> None:
    parts = PRINTABLE[address]()
    pages = pdf_pages(print_to_pdf(page, site.url(address), paper))

    assert len(pages) == len(parts), "one short sheet, one page; a pack's cover and each sheet start a new page"
    for (size, text), part in zip(pages, parts, strict=True):
        assert size == pytest.approx(PAPER_POINTS[paper], abs=1.5)
        for chrome in CHROME_TEXT:
            assert chrome not in text
        assert squash(part.title) in squash(text)
        for shown in part.shown:
            assert squash(shown) in squash(text), f"missing on paper: {shown!r}"


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_every_printed_page_of_a_sheet_names_it_with_its_licence_and_review_date(
    page: Page, site: Site, paper: str
) -> None:
    """The footer repeats in the page margin, so a loose page still says what and how current it is."""
    sheet = PRINTABLE["exercises/sort-the-requests/worksheet/"]()[0]
    address = site.url("exercises/sort-the-requests/worksheet/")
    page.goto(address)
    # Stretch the sheet over several pages: each one must still carry the footer.
    page.add_style_tag(content=".pb-prompt { margin-bottom: 150mm !important; }")
    data = page.pdf(format=PAPERS[paper], print_background=True)
    pages = pdf_pages(data)

    assert len(pages) >= 3
    for _, text in pages:
        assert LICENCE_TEXT in text
        assert f"Last reviewed {sheet.last_reviewed}" in text
        assert squash(sheet.title) in squash(text)
        assert "example.org/playbook/exercises/sort-the-requests/worksheet/" in squash(text)


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_the_cover_and_each_sheet_of_a_pack_carry_their_own_footer(page: Page, site: Site, paper: str) -> None:
    address = "programmes/two-weeks/pack/"
    pages = pdf_pages(print_to_pdf(page, site.url(address), paper))

    for (_, text), part in zip(pages, PRINTABLE[address](), strict=True):
        for line in part.footer:
            assert squash(line) in squash(text)
    cover = PRINTABLE[address]()[0]
    assert squash("example.org/playbook/" + cover.address) in squash(pages[0][1])


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_a_pack_opens_with_its_agenda_in_order_and_no_prompt_on_that_page(page: Page, site: Site, paper: str) -> None:
    address = "programmes/two-weeks/pack/"
    cover, *sheets = PRINTABLE[address]()
    pages = pdf_pages(print_to_pdf(page, site.url(address), paper))
    first = squash(pages[0][1])

    rows = [first.index(squash(f"{start} {title} {minutes} min")) for start, title, minutes in cover.agenda]
    assert rows == sorted(rows), "the agenda prints in the order of the sessions"
    contents = first.index(squash("Worksheets in this pack"), rows[-1])
    titles = [first.index(squash(title), contents) for title in cover.worksheets]
    assert titles == sorted(titles), "then the worksheets, in the order they follow"
    for sheet in sheets:
        for question in sheet.questions:
            assert squash(question) not in first, "the cover holds no prompt: it can be handed out on its own"
    assert squash(sheets[0].questions[0]) in squash(pages[1][1]), "the first sheet starts the next page"


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("address", [*sorted(PRINTABLE), "exercises/sort-the-requests/"])
def test_nothing_is_wider_than_the_printable_width(page: Page, site: Site, address: str, paper: str) -> None:
    """Print layout at the paper's content width: anything wider would be clipped on paper."""
    print_layout(page, site.url(address), paper)

    overflowing = page.evaluate(
        """() => Array.from(document.querySelectorAll('.md-content *'))
            .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > innerWidth + 0.5)
            .map(el => el.outerHTML.slice(0, 80))"""
    )
    assert overflowing == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= page.viewport_size["width"]


def test_body_type_on_paper_is_at_least_11pt(page: Page, site: Site) -> None:
    page.emulate_media(media="print")
    page.goto(site.url("exercises/sort-the-requests/worksheet/"))

    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll(
                '.pb-prompt__question p, .pb-sheet__intro p, .pb-checklist label, .pb-table th'))
            .map(el => parseFloat(getComputedStyle(el).fontSize))"""
    )
    assert sizes
    assert min(sizes) * 0.75 >= 11  # CSS px to pt


def test_a_blank_sheet_prints_without_javascript(browser: Browser, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        stay_local(page)
        address = "exercises/sort-the-requests/worksheet/"
        pages = pdf_pages(print_to_pdf(page, site.url(address), "a4"))
        assert not page.locator(".pb-print").is_visible(), "the Print button needs the script: hidden without"
    finally:
        context.close()

    sheet = PRINTABLE[address]()[0]
    assert len(pages) == 1
    text = pages[0][1]
    assert all(squash(q) in squash(text) for q in sheet.questions)
    assert SITE_NAME not in text and LICENCE_TEXT in text


def test_the_facilitator_guide_prints_without_site_chrome(page: Page, site: Site) -> None:
    pages = pdf_pages(print_to_pdf(page, site.url("exercises/sort-the-requests/"), "a4"))

    text = "\n".join(text for _, text in pages)
    assert "Sort the requests" in text and "Debrief" in text
    for chrome in CHROME_TEXT:
        assert chrome not in text
    assert "Participant worksheet" not in text, "a button is no use on paper"
    assert all(t.strip() for _, t in pages), "no blank page"


def test_the_pack_prints_double_sided_from_its_own_buttons(page: Page, site: Site) -> None:
    """At the print dialog a blank page follows the cover and each sheet that ends on a right-hand
    page (here each takes one), so that every sheet starts on one; afterwards the page is as before."""
    page.goto(site.url("programmes/two-weeks/pack/"))
    page.evaluate(
        """() => { window.print = () => { window.printed = {
            blanks: document.querySelectorAll('.pb-blank-page').length,
            duplex: document.documentElement.classList.contains('pb-duplex'),
            paper: Array.from(document.querySelectorAll('style')).some(s => s.textContent.includes('size: letter')),
        }; }; }"""
    )
    page.get_by_role("button", name="Print double-sided on Letter").click()

    assert page.evaluate("window.printed") == {"blanks": 2, "duplex": True, "paper": True}
    assert page.locator(".pb-blank-page").count() == 0
    assert page.evaluate("document.documentElement.classList.contains('pb-duplex')") is False


def test_every_printed_page_is_numbered(page: Page, site: Site) -> None:
    pages = pdf_pages(print_to_pdf(page, site.url("programmes/two-weeks/pack/"), "a4"))

    assert [squash(f"Page {n} / {len(pages)}") in squash(text) for n, (_, text) in enumerate(pages, 1)] == [True] * 3
