"""Card decks and worked examples as a trainer prints them: through Chromium to PDF, read back with
poppler (pdftotext for where each card's number sits, pdftoppm and zbar for the QR codes)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import pytest
from conftest import Site, missing_tool
from sheet_facts import PAPER_POINTS, fixture_playbook, pdf_pages, squash

from playbook.pdf import print_to_pdf

if TYPE_CHECKING:
    from playwright.sync_api import Page

CARD_NUMBER = re.compile(r"\d+/\d+")  # printed in a corner of each face: "3/10"
DECK = "request-types"
PRINT = f"cards/{DECK}/print/"
MM = 72 / 25.4  # PDF points in a millimetre
PAPERS = ("a4", "letter")


def words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Each page's words with their boxes (x_min, y_min, x_max, y_max, in points), as poppler reads them."""
    if shutil.which("pdftotext") is None:
        missing_tool("pdftotext (poppler-utils) is not installed")
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    namespace = {"x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.fromstring(xhtml)
    return [
        [
            (w.text or "", *(float(w.get(edge, "0")) for edge in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iterfind("x:word", namespace)
        ]
        for page in root.iterfind(".//x:page", namespace)
    ]


@pytest.fixture(scope="module", params=PAPERS)
def printed_deck(request: pytest.FixtureRequest, site: Site, browser, tmp_path_factory) -> tuple[str, Path]:
    paper = request.param
    context = browser.new_context()
    page = context.new_page()
    target = tmp_path_factory.mktemp("deck") / f"{DECK}-{paper}.pdf"
    print_to_pdf(page, site.url(PRINT), paper, target)
    context.close()
    return paper, target


def test_each_sheet_of_fronts_is_followed_by_its_backs_and_nothing_else(printed_deck: tuple[str, Path]) -> None:
    paper, pdf = printed_deck
    deck = fixture_playbook().entries["deck"][DECK].model
    pages = words(pdf)
    assert len(pages) == 4  # ten cards: two sheets of fronts, each followed by its backs
    for number, page_words in enumerate(pages):
        labels = {text for text, *_ in page_words if CARD_NUMBER.fullmatch(text)}
        if number % 2 == 0:  # fronts: every card of the sheet, by its number
            expected = set(range(1 + 9 * (number // 2), min(len(deck.cards), 9 * (number // 2 + 1)) + 1))
        else:
            first = 9 * (number // 2)
            expected = {i + 1 for i, card in enumerate(deck.cards[first : first + 9], start=first) if card.back}
        assert labels == {f"{n}/{len(deck.cards)}" for n in expected}, f"{paper} page {number + 1}"


def test_every_back_lines_up_with_its_front_within_a_millimetre(printed_deck: tuple[str, Path]) -> None:
    """Copied double-sided and flipped on the long edge, a back lands behind its front: its number,
    printed at the mirrored corner, sits where the front's would be, mirrored about the page's middle."""
    paper, pdf = printed_deck
    width = PAPER_POINTS[paper][0]
    pages = words(pdf)
    checked = 0
    for fronts, backs in zip(pages[0::2], pages[1::2], strict=True):
        front_at = {text: box for text, *box in fronts if CARD_NUMBER.fullmatch(text)}
        for text, _x_min, y_min, x_max, _y_max in backs:
            if not CARD_NUMBER.fullmatch(text):
                continue
            fx_min, fy_min, _fx_max, _ = front_at[text]
            assert abs((width - x_max) - fx_min) <= 1 * MM, f"{paper}: card {text} is off sideways"
            assert abs(y_min - fy_min) <= 1 * MM, f"{paper}: card {text} is off up or down"
            checked += 1
    assert checked == 4  # every card with a back


def test_cards_stay_inside_the_paper_with_the_deck_and_review_date_on_every_sheet(
    printed_deck: tuple[str, Path],
) -> None:
    paper, pdf = printed_deck
    width, height = PAPER_POINTS[paper]
    for (size, text), page_words in zip(pdf_pages(pdf.read_bytes()), words(pdf), strict=True):
        assert abs(size[0] - width) < 1 and abs(size[1] - height) < 1
        assert "Request types · Card deck" in text and "Last reviewed 2026-11-20" in text
        for _, x_min, y_min, x_max, y_max in page_words:
            assert x_min >= 5 * MM and x_max <= width - 5 * MM and y_min >= 5 * MM and y_max <= height - 5 * MM


def test_each_qr_code_on_the_printed_sheet_leads_to_its_own_card(printed_deck: tuple[str, Path]) -> None:
    paper, pdf = printed_deck
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        missing_tool("zbarimg (zbar-tools) or pdftoppm (poppler-utils) is not installed")
    deck = fixture_playbook().entries["deck"][DECK].model
    found: set[str] = set()
    for number in (1, 3):  # the sheets of fronts
        image = pdf.with_name(f"{pdf.stem}-{number}")
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "300",
                "-gray",
                "-png",
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(pdf),
                image,
            ],
            check=True,
        )
        decoded = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f"{image}.png"],
            capture_output=True,
            text=True,
            check=False,
        )
        found |= set(decoded.stdout.split())
    assert found == {f"https://example.org/playbook/cards/{DECK}/#{card.id}" for card in deck.cards}, paper


def test_a_printed_example_shows_every_answer_once(page: Page, site: Site) -> None:
    example = fixture_playbook().exercises["sort-the-requests"].model.worksheet.example
    assert example is not None
    printed = " ".join(
        text for _, text in pdf_pages(print_to_pdf(page, site.url("exercises/sort-the-requests/example/"), "a4"))
    )
    for prompt_id, answer in example.answers.items():
        texts = answer if isinstance(answer, list) else [answer]
        for text in texts:
            for cell in text if isinstance(text, list) else [getattr(text, "comment", text)]:
                shown = squash(str(cell).replace("*", "").splitlines()[0])
                assert squash(printed).count(shown) == 1, f"{prompt_id}: {shown}"


def test_no_card_of_the_shipped_decks_is_cut_short_on_paper(page: Page, real_site: Site) -> None:
    """A card is a fixed 60 x 80 mm: text that does not fit would be cut off, unseen, when printed."""
    page.emulate_media(media="print")
    decks = sorted(path.parent.parent.name for path in real_site.root.glob("cards/*/print/index.html"))
    assert decks
    for deck in decks:
        page.goto(real_site.url(f"cards/{deck}/print/"))
        overflowing = page.eval_on_selector_all(
            ".pb-deck-grid .pb-card:not(.pb-card--empty)",
            "cards => cards.filter(c => c.scrollHeight > c.clientHeight + 1)"
            ".map(c => c.querySelector('.pb-card__title').textContent)",
        )
        assert overflowing == [], f"{deck}: {overflowing}"


@pytest.mark.parametrize("paper", PAPERS)
def test_every_shipped_deck_prints_with_backs_behind_fronts_and_qr_codes_that_lead_home(
    page: Page, real_site: Site, tmp_path: Path, paper: str
) -> None:
    from sheet_facts import REPO

    from playbook.catalog import load_playbook

    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        missing_tool("zbarimg (zbar-tools) or pdftoppm (poppler-utils) is not installed")
    decks = load_playbook(REPO / "docs").entries["deck"]
    assert decks
    width = PAPER_POINTS[paper][0]
    for deck_id, entry in sorted(decks.items()):
        deck = entry.model
        pdf = tmp_path / f"{deck_id}-{paper}.pdf"
        print_to_pdf(page, real_site.url(f"cards/{deck_id}/print/"), paper, pdf)
        pages = words(pdf)
        with_backs = any(card.back for card in deck.cards)
        assert len(pages) == (-(-len(deck.cards) // 9)) * (2 if with_backs else 1), f"{deck_id} on {paper}"
        fronts_pages = pages[0::2] if with_backs else pages
        if with_backs:
            for fronts, backs in zip(pages[0::2], pages[1::2], strict=True):
                front_at = {text: box for text, *box in fronts if CARD_NUMBER.fullmatch(text)}
                for text, _x_min, y_min, x_max, _y_max in backs:
                    if CARD_NUMBER.fullmatch(text):
                        fx_min, fy_min, _, _ = front_at[text]
                        assert abs((width - x_max) - fx_min) <= 1 * MM, f"{deck_id} {text} on {paper}"
                        assert abs(y_min - fy_min) <= 1 * MM, f"{deck_id} {text} on {paper}"
        numbers = {text for page_words in fronts_pages for text, *_ in page_words if CARD_NUMBER.fullmatch(text)}
        assert numbers == {f"{n}/{len(deck.cards)}" for n in range(1, len(deck.cards) + 1)}, deck_id
        if not deck.qr:
            continue
        found: set[str] = set()
        for number in range(1, len(pages) + 1, 2 if with_backs else 1):
            # zbar, reading a whole sheet at once, can miss one code of nine at a given
            # resolution; a phone reads one card at a time. Two resolutions stand in for that.
            for dpi in (300, 450):
                image = tmp_path / f"{deck_id}-{paper}-{number}-{dpi}"
                subprocess.run(
                    ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(number), "-l", str(number),
                     "-singlefile", str(pdf), str(image)],
                    check=True,
                )  # fmt: skip
                decoded = subprocess.run(
                    ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f"{image}.png"],
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                found |= set(decoded.stdout.split())
        site_url = "https://lean-ld-playbook.github.io/playbook/"
        expected = {f"{site_url}cards/{deck_id}/#{card.id}" for card in deck.cards if card.qr is not False}
        assert found == expected, f"{deck_id} on {paper}"
