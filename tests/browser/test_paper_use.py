"""The playbook's own worksheets and packs on paper: no wasted pages, no lost writing space.

A prompt never splits over two pages, so a page ends where the next whole prompt does not fit.
These tests measure the print layout in Chromium and read the printed PDF back, and check that
rule on every worksheet the playbook ships, on A4 and US Letter: no page ends early, no blank
page, and every prompt keeps the writing space its author asked for. Page counts are worked
out from the layout, never written down, so that they hold with any fonts a machine has.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import missing_tool
from pypdf import PdfReader
from sheet_facts import REPO, pdf_pages, squash

from playbook.catalog import Playbook, load_playbook
from playbook.glossary import plain_text
from playbook.model import ExerciseItem
from playbook.pdf import PAPERS, print_to_pdf, stay_local

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Browser, Page

PAPER_MM = {"a4": (210, 297), "letter": (215.9, 279.4)}
MARGINS_MM = {"top": 14, "bottom": 20, "sides": 15}  # as in playbook.css's @page rule
MM = 96 / 25.4  # CSS pixels per millimetre
LINE_MM = 8  # one ruled line of writing space on paper (playbook.css: --pb-line)
TOLERANCE_MM = 1


@cache
def _playbook() -> Playbook:
    return load_playbook(REPO / "docs")


def _worksheets() -> dict[str, list[str]]:
    """Every worksheet of the playbook: its address and its questions, numbered as printed."""
    playbook = _playbook()
    sheets = {}
    for exercise_id, loaded in sorted(playbook.exercises.items()):
        prompts = loaded.model.worksheet.prompts
        sheets[f"exercises/{exercise_id}/worksheet/"] = [plain_text(p.question) for p in prompts]
    for pdsa_id, loaded in sorted(playbook.pdsa.items()):
        t = loaded.model
        prompts = [p for phase in (t.plan, t.do, t.study, t.act) for p in phase.prompts]
        sheets[f"pdsa/{pdsa_id}/worksheet/"] = [plain_text(p.question) for p in prompts]
    return sheets


WORKSHEETS = _worksheets()
PROGRAMMES = sorted(_playbook().programmes)


def content_mm(paper: str) -> tuple[float, float]:
    """The width and height a page's content gets on this paper."""
    width, height = PAPER_MM[paper]
    return width - 2 * MARGINS_MM["sides"], height - MARGINS_MM["top"] - MARGINS_MM["bottom"]


@pytest.fixture(scope="module")
def printed(browser: Browser, real_site: Site) -> Iterator[Callable[[str, str], list[str]]]:
    """Each page's text of a printed page of the real site, printed once per paper."""
    tab = browser.new_page()
    stay_local(tab)
    done: dict[tuple[str, str], list[str]] = {}

    def pages(address: str, paper: str) -> list[str]:
        if (address, paper) not in done:
            done[address, paper] = [text for _, text in pdf_pages(print_to_pdf(tab, real_site.url(address), paper))]
        return done[address, paper]

    yield pages
    tab.close()


def print_layout(page: Page, site: Site, address: str, paper: str) -> None:
    """The page laid out as on paper: print styles, at the paper's content width."""
    page.set_viewport_size({"width": round(content_mm(paper)[0] * MM), "height": 1000})
    page.emulate_media(media="print")
    page.goto(site.url(address))


def prompt_spans(page: Page) -> list[dict]:
    """Each prompt of the (first) sheet in mm from the sheet's top: where the block that must
    stay together starts (its phase heading, when the prompt opens a phase) and where it ends."""
    spans = page.evaluate(
        """() => {
          const sheet = document.querySelector('.pb-sheet');
          const top = sheet.getBoundingClientRect().top;
          return Array.from(sheet.querySelectorAll(':scope > .pb-prompt')).map(prompt => {
            const before = prompt.previousElementSibling;
            const start = before && before.classList.contains('pb-sheet__section') ? before : prompt;
            return {
              start: start.getBoundingClientRect().top - top,
              end: prompt.getBoundingClientRect().bottom - top,
              breakInside: getComputedStyle(prompt).breakInside,
            };
          });
        }"""
    )
    return [{**s, "start": s["start"] / MM, "end": s["end"] / MM} for s in spans]


# Marks where each prompt's unbreakable block starts (its phase heading, when it opens a phase)
# and ends, as tiny white text placed without moving anything: the PDF then tells where each
# prompt landed, measured by the printer's own layout, fonts included.
MARK_PROMPTS = """() => {
  document.querySelectorAll('.pb-sheet > .pb-prompt').forEach((prompt, i) => {
    const before = prompt.previousElementSibling;
    const start = before && before.classList.contains('pb-sheet__section') ? before : prompt;
    for (const [el, edge] of [[start, 'top'], [prompt, 'bottom']]) {
      el.style.position = 'relative';
      const mark = document.createElement('span');
      mark.textContent = `{${edge}${i + 1}}`;
      mark.style.cssText = `position:absolute;left:0;${edge}:0;font:2px/1 sans-serif;color:#fff`;
      el.appendChild(mark);
    }
  });
}"""
MARK = re.compile(r"\{(top|bottom)(\d+)\}")


def printed_prompts(page: Page, url: str, paper: str) -> tuple[int, dict[int, dict[str, tuple[int, float]]]]:
    """The number of printed pages, and for each prompt the page and the height from the top
    of the paper, in mm, of the top and the bottom of its block."""
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.evaluate(MARK_PROMPTS)
    reader = PdfReader(io.BytesIO(page.pdf(format=PAPERS[paper], print_background=True)))
    prompts: dict[int, dict[str, tuple[int, float]]] = {}
    for number, sheet in enumerate(reader.pages):
        height = float(sheet.mediabox.height)

        def visit(text, cm, tm, font, size, number=number, height=height) -> None:
            for edge, prompt in MARK.findall(text):
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text's origin in PDF points from the foot
                prompts.setdefault(int(prompt), {})[edge] = (number, (height - y) / 72 * 25.4)

        sheet.extract_text(visitor_text=visit)
    return len(reader.pages), prompts


def layout_gaps(page: Page, site: Site, address: str, paper: str) -> list[float]:
    """The space in mm between each prompt's block and the next one's, from margins only."""
    print_layout(page, site, address, paper)
    spans = prompt_spans(page)
    return [after["start"] - before["end"] for before, after in pairwise(spans)]


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("address", sorted(WORKSHEETS))
def test_a_page_ends_only_where_the_next_whole_prompt_would_not_fit(
    page: Page, real_site: Site, address: str, paper: str
) -> None:
    count, prompts = printed_prompts(page, real_site.url(address), paper)
    gaps = layout_gaps(page, real_site, address, paper)
    foot = PAPER_MM[paper][1] - MARGINS_MM["bottom"]  # where the content ends, from the top

    assert sorted(prompts) == list(range(1, len(WORKSHEETS[address]) + 1)), "every prompt printed"
    for number, block in sorted(prompts.items()):
        (top_page, top), (bottom_page, bottom) = block["top"], block["bottom"]
        assert top_page == bottom_page, f"prompt {number} splits over two pages"
        assert bottom <= foot + TOLERANCE_MM, f"prompt {number} runs into the footer"
    assert count == prompts[len(prompts)]["bottom"][0] + 1, "no page after the last prompt"
    for number in range(1, len(prompts)):
        (here, bottom), (there, top) = prompts[number]["bottom"], prompts[number + 1]["top"]
        if there == here:
            continue
        assert there == here + 1, f"a page with no prompt before prompt {number + 1}"
        next_height = prompts[number + 1]["bottom"][1] - top
        needs = bottom + gaps[number - 1] + next_height
        assert needs > foot - TOLERANCE_MM, (
            f"page {here + 1} ends after prompt {number} with {foot - bottom:.0f} mm left, "
            f"and prompt {number + 1} needs only {gaps[number - 1] + next_height:.0f} mm"
        )


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("address", sorted(a for a in WORKSHEETS if a.startswith("pdsa/")))
def test_every_prompt_keeps_the_writing_space_asked_for_and_stays_on_one_page(
    page: Page, real_site: Site, address: str, paper: str
) -> None:
    print_layout(page, real_site, address, paper)
    line = LINE_MM * MM - 0.5  # half a pixel for rounding

    short = page.evaluate(
        """line => {
          // With the script, a copy of each field prints in its place (it holds typed answers).
          const printed = field => field.classList.contains('pb-mirrored') ? field.nextElementSibling : field;
          const tall = (field, lines) => printed(field).getBoundingClientRect().height >= lines * line;
          const out = [];
          document.querySelectorAll('.pb-sheet textarea').forEach(box => {
            if (!tall(box, Number(box.getAttribute('rows')))) out.push(box.name || box.getAttribute('aria-label'));
          });
          document.querySelectorAll('.pb-sheet .pb-list input').forEach(blank => {
            if (!tall(blank, 1)) out.push(blank.name);
          });
          return out;
        }""",
        line,
    )
    assert short == [], "writing space below what the prompt asks for"
    for span in prompt_spans(page):
        assert span["breakInside"] == "avoid"
        assert span["end"] - span["start"] <= content_mm(paper)[1], "a prompt taller than a page would split"


@pytest.mark.parametrize("address", ["pdsa/request-intake/worksheet/", "programmes/one-day-workshop/pack/"])
def test_no_text_on_paper_is_smaller_than_11pt(page: Page, real_site: Site, address: str) -> None:
    """All but the small capitals naming the kind of sheet, and the footer in the page margin."""
    print_layout(page, real_site, address, "a4")
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll('.pb-sheet *, .pb-cover *'))
            .filter(el => !el.closest('.pb-sheet__kind') && el.getClientRects().length
                && Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(el => [el.tagName + '.' + el.className, parseFloat(getComputedStyle(el).fontSize) * 0.75])"""
    )
    assert sizes
    assert [(what, size) for what, size in sizes if size < 11 - 0.01] == []


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("programme_id", PROGRAMMES)
def test_a_pack_prints_its_cover_then_each_sheet_as_it_prints_alone(
    printed: Callable[[str, str], list[str]], programme_id: str, paper: str
) -> None:
    """The cover of each programme the playbook ships is one page (its agenda is short enough);
    after it, every sheet paginates exactly as it does printed on its own."""
    programme = _playbook().programmes[programme_id].model
    exercises = dict.fromkeys(
        item.exercise for session in programme.sessions for item in session.agenda if isinstance(item, ExerciseItem)
    )
    pack = printed(f"programmes/{programme_id}/pack/", paper)
    alone = [printed(f"exercises/{exercise_id}/worksheet/", paper) for exercise_id in exercises]

    assert len(pack) == 1 + sum(len(sheet) for sheet in alone)
    assert squash(programme.title) in squash(pack[0])
    for exercise_id in exercises:
        questions = WORKSHEETS[f"exercises/{exercise_id}/worksheet/"]
        assert not any(squash(q) in squash(pack[0]) for q in questions), "no prompt on the cover"


# The top and the bottom of each ruled box as printed (the field, or the copy the script prints in
# its place), marked by text in blocks of no height just before and after it, so nothing moves.
MARK_RULED_BOXES = """() => {
  document.querySelectorAll('.pb-sheet textarea.pb-lines').forEach((field, i) => {
    const box = field.classList.contains('pb-mirrored') ? field.nextElementSibling : field;
    for (const [edge, where] of [['top', 'beforebegin'], ['bottom', 'afterend']]) {
      const mark = document.createElement('div');
      mark.textContent = `{${edge}${i + 1}:${field.getAttribute('rows')}}`;
      mark.style.cssText = 'height:0;overflow:visible;font:2px/0 sans-serif;color:#fff';
      box.insertAdjacentElement(where, mark);
    }
  });
}"""
RULED_MARK = re.compile(r"\{(top|bottom)(\d+):(\d+)\}")
DPI = 150


def dark_runs(pdf: Path, page_number: int, x_mm: float, top_mm: float, bottom_mm: float) -> int:
    """How many dark horizontal lines cross a vertical line of a printed page, rendered by
    poppler (pdftoppm), which most Linux print queues print through."""
    px = DPI / 25.4
    top, height = round(top_mm * px), round((bottom_mm - top_mm) * px)
    pgm = subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-f", str(page_number), "-l", str(page_number),
         "-x", str(round(x_mm * px)), "-y", str(top), "-W", "1", "-H", str(height), str(pdf)],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    magic, width, rows, _, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5" and int(width) == 1
    column = pixels[-int(rows) :]
    dark = [value < 160 for value in column]
    return sum(1 for above, here in zip([False, *dark], dark, strict=False) if here and not above)


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_every_ruled_line_a_prompt_asks_for_prints(page: Page, real_site: Site, tmp_path: Path, paper: str) -> None:
    if shutil.which("pdftoppm") is None:
        missing_tool("pdftoppm (poppler-utils) is not installed")
    page.goto(real_site.url("pdsa/request-intake/worksheet/"), wait_until="load")
    page.evaluate(MARK_RULED_BOXES)
    pdf = tmp_path / "sheet.pdf"
    page.pdf(path=pdf, format=PAPERS[paper], print_background=True)
    boxes: dict[int, dict] = {}
    for number, sheet in enumerate(PdfReader(pdf).pages, 1):
        height = float(sheet.mediabox.height)

        def visit(text, cm, tm, font, size, number=number, height=height) -> None:
            for edge, box, lines in RULED_MARK.findall(text):
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                boxes.setdefault(int(box), {"lines": int(lines), "page": number})[edge] = (height - y) / 72 * 25.4

        sheet.extract_text(visitor_text=visit)

    assert len(boxes) == 5  # four boxes of ruled lines, and the comment lines under the scale
    middle = PAPER_MM[paper][0] / 2
    for box in boxes.values():
        # From just inside the top edge (the question sits above it) to just past the last rule.
        rules = dark_runs(pdf, box["page"], middle, box["top"] + 1, box["bottom"] + 0.8)
        assert rules == box["lines"], f"{rules} rules printed for a prompt asking for {box['lines']} lines"
