"""The playbook's own worksheets and packs on paper: no wasted pages, no lost writing space.

A prompt never splits over two pages, so a page ends where the next whole prompt does not fit.
These tests print every worksheet the playbook ships on A4 and US Letter, read the PDF back, and
judge it as a trainer would: no page ends early, no blank page, every writing space at least as
big as its prompt asks, no last page left more than a third blank while its prompts are kept to
the space they asked for, and PDSA sheets on three pages at most. Page counts are worked out
from the printout, never written down, so that they hold with any fonts a machine has.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby, pairwise, takewhile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import missing_tool
from pypdf import PdfReader
from sheet_facts import (
    MARGINS_MM,
    MM,
    PAPER_MM,
    REPO,
    Sheet,
    content_mm,
    pdf_pages,
    print_layout,
    programme_cover,
    squash,
    worksheets,
)

from playbook.catalog import Playbook, content_files, load_playbook
from playbook.pdf import PAPERS, print_to_pdf, stay_local
from tests.pack_facts import pack_exercises

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Browser, Page

LINE_MM = 8  # one ruled line of writing space on paper (playbook.css: --pb-line)
PROMPT_GAP_MM = 3.5  # between one prompt and the next on paper (playbook.css: .pb-prompt's margin)
TOLERANCE_MM = 1

# What to print, named from the content's files alone: reading them waits for the `shipped` fixture,
# so that collecting these tests neither costs a load nor fails on a content error.
SHIPPED = [(kind.folder, path.stem) for kind, path in content_files(REPO / "docs")]
WORKSHEETS = sorted(f"{folder}/{id_}/worksheet/" for folder, id_ in SHIPPED if folder in {"exercises", "pdsa"})
PROGRAMMES = sorted(id_ for folder, id_ in SHIPPED if folder == "programmes")


@pytest.fixture(scope="module")
def shipped() -> Playbook:
    """The playbook's own content: the worksheets and packs trainers actually print."""
    return load_playbook(REPO / "docs")


@pytest.fixture(scope="module")
def sheets(shipped: Playbook) -> dict[str, Sheet]:
    return worksheets(shipped)


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
            };
          });
        }"""
    )
    return [{**s, "start": s["start"] / MM, "end": s["end"] / MM} for s in spans]


# Marks, as tiny white text placed without moving anything, where each prompt's unbreakable
# block starts (its phase heading, when it opens a phase) and ends, and where each of its writing
# spaces starts and ends (its ruled box, each row of its table, each line of its list), with the
# lines of 8 mm the prompt asks for there: the PDF then tells where each landed, measured by the
# printer's own layout, fonts included.
MARK_PROMPTS = """() => {
  const mark = (el, text, at) => {
    el.style.position = 'relative';
    const span = document.createElement('span');
    span.textContent = text;
    span.style.cssText = `position:absolute;left:0;${at};font:2px/1 sans-serif;color:#fff`;
    el.appendChild(span);
  };
  // A text field holds no children: its marks go in blocks of no height around the box that prints.
  const around = (field, text) => {
    const box = field.classList.contains('pb-mirrored') ? field.nextElementSibling : field;
    for (const [edge, at, where] of [['top', field, 'beforebegin'], ['bottom', box, 'afterend']]) {
      const div = document.createElement('div');
      div.textContent = `{${edge}${text}}`;
      div.style.cssText = 'height:0;overflow:visible;font:2px/0 sans-serif;color:#fff';
      at.insertAdjacentElement(where, div);
    }
  };
  document.querySelectorAll('.pb-sheet > .pb-prompt').forEach((prompt, i) => {
    const before = prompt.previousElementSibling;
    const start = before && before.classList.contains('pb-sheet__section') ? before : prompt;
    mark(start, `{top${i + 1}}`, 'top:0');
    mark(prompt, `{bottom${i + 1}}`, 'bottom:0');
    const spaces = [
      ...Array.from(prompt.querySelectorAll('textarea.pb-lines'), box => [box, Number(box.getAttribute('rows'))]),
      ...Array.from(prompt.querySelectorAll('table.pb-table > tbody > tr'),
        row => [row.cells[0], Number(row.closest('table').style.getPropertyValue('--pb-row-lines')) || 1]),
      ...Array.from(prompt.querySelectorAll('ol.pb-list > li'), item => [item, 1]),
    ];
    spaces.forEach(([el, lines], j) => {
      const text = `${i + 1}.${j + 1}:${lines}`;
      if (el.tagName === 'TEXTAREA') around(el, text);
      // Both marks hang from their edge, so that the height between them is the space's own.
      else for (const [edge, at] of [['top', 'top:0'], ['bottom', 'top:100%']]) mark(el, `{${edge}${text}}`, at);
    });
  });
}"""
MARK = re.compile(r"\{(top|bottom)(\d+)(?:\.(\d+):(\d+))?\}")  # edge, prompt, and a space's number and lines
Where = tuple[int, float]  # a printed page, counted from 1, and a height from the top of the paper in mm


def printed_marks(
    page: Page, url: str, paper: str, mark: str, pattern: re.Pattern[str], target: Path | None = None
) -> tuple[int, list[tuple[tuple[str, ...], Where]]]:
    """Print a page as `playbook pdf` does, with marks that the script `mark` places once the page
    has loaded (its own script has run by then): the number of printed pages, and the groups of
    `pattern` in each mark with where it landed. Later loads in the same tab are marked too."""
    page.add_init_script(f"addEventListener('load', {mark})")
    reader = PdfReader(io.BytesIO(print_to_pdf(page, url, paper, target)))
    marks: list[tuple[tuple[str, ...], Where]] = []
    for number, sheet in enumerate(reader.pages, 1):
        height = float(sheet.mediabox.height)

        def visit(text, cm, tm, font, size, number=number, height=height) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text's origin in PDF points from the foot
            marks.extend((groups, (number, (height - y) / 72 * 25.4)) for groups in pattern.findall(text))

        sheet.extract_text(visitor_text=visit)
    return len(reader.pages), marks


def edges(marks: list[tuple[tuple[str, ...], Where]]) -> dict[int, dict[str, Where]]:
    """Where the top and the bottom of each numbered thing landed, from marks that begin with
    the edge and the number."""
    found: dict[int, dict[str, Where]] = {}
    for (edge, number, *_), where in marks:
        found.setdefault(int(number), {})[edge] = where
    return found


@dataclass(frozen=True)
class Space:
    """A place to write on paper: a ruled box, a row of a table or a line of a list."""

    prompt: int  # counted from 1
    asked: int  # lines of 8 mm its prompt asks for here
    top: Where
    bottom: Where

    @property
    def height(self) -> float:
        assert self.top[0] == self.bottom[0], f"a writing space of prompt {self.prompt} splits over two pages"
        return self.bottom[1] - self.top[1]


@dataclass(frozen=True)
class Printout:
    """A worksheet as it came out of the printer."""

    pages: int
    prompts: dict[int, dict[str, Where]]  # each prompt's block: where its top and its bottom landed
    spaces: list[Space]

    def extra(self, prompt: int) -> float:
        """How much more writing space, in mm, a prompt printed with than it asks for."""
        return sum(space.height - space.asked * LINE_MM for space in self.spaces if space.prompt == prompt)

    def grown(self, prompt: int) -> bool:
        """Whether each of the prompt's writing spaces printed at least a line more than asked."""
        own = [space for space in self.spaces if space.prompt == prompt]
        return bool(own) and all(space.height >= (space.asked + 1) * LINE_MM - TOLERANCE_MM for space in own)


@pytest.fixture(scope="module")
def printouts(browser: Browser, real_site: Site) -> Callable[[str, str], Printout]:
    """Each worksheet of the real site printed with its marks, once per paper."""
    done: dict[tuple[str, str], Printout] = {}

    def printout(address: str, paper: str) -> Printout:
        if (address, paper) not in done:
            context = browser.new_context()
            try:
                tab = context.new_page()
                stay_local(tab)
                count, marks = printed_marks(tab, real_site.url(address), paper, MARK_PROMPTS, MARK)
            finally:
                context.close()
            blocks = edges([mark for mark in marks if not mark[0][2]])
            found: dict[tuple[str, str, str], dict[str, Where]] = {}
            for (edge, prompt, space, lines), where in marks:
                if space:
                    found.setdefault((prompt, space, lines), {})[edge] = where
            spaces = [Space(int(p), int(lines), box["top"], box["bottom"]) for (p, _, lines), box in found.items()]
            assert all(sorted(box) == ["bottom", "top"] for box in found.values()), "every writing space printed whole"
            done[address, paper] = Printout(count, blocks, spaces)
        return done[address, paper]

    return printout


def layout_gaps(page: Page, url: str, paper: str) -> list[float]:
    """The space in mm between each prompt's block and the next one's, from margins only."""
    print_layout(page, url, paper)
    spans = prompt_spans(page)
    return [after["start"] - before["end"] for before, after in pairwise(spans)]


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("address", WORKSHEETS)
def test_a_page_ends_only_where_the_next_whole_prompt_would_not_fit(
    page: Page,
    real_site: Site,
    printouts: Callable[[str, str], Printout],
    sheets: dict[str, Sheet],
    address: str,
    paper: str,
) -> None:
    gaps = layout_gaps(page, real_site.url(address), paper)
    printout = printouts(address, paper)
    prompts = printout.prompts
    foot = PAPER_MM[paper][1] - MARGINS_MM["bottom"]  # where the content ends, from the top

    assert sorted(prompts) == list(range(1, len(sheets[address].questions) + 1)), "every prompt printed"
    for number, block in sorted(prompts.items()):
        (top_page, top), (bottom_page, bottom) = block["top"], block["bottom"]
        assert top_page == bottom_page, f"prompt {number} splits over two pages"
        assert bottom <= foot + TOLERANCE_MM, f"prompt {number} runs into the footer"
    assert printout.pages == prompts[len(prompts)]["bottom"][0], "no page after the last prompt"
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
@pytest.mark.parametrize("address", WORKSHEETS)
def test_every_writing_space_prints_at_least_as_big_as_its_prompt_asks(
    printouts: Callable[[str, str], Printout], sheets: dict[str, Sheet], address: str, paper: str
) -> None:
    """8 mm a line, the usual handwriting ruling: a ruled box its lines, each table row its
    lines (identify-your-customers' second question: six rows of one line), each list item a
    line (its seventh: three questions, a line each)."""
    printout = printouts(address, paper)

    assert printout.spaces, "a worksheet has somewhere to write"
    short = [
        f"prompt {space.prompt}: {space.height:.1f} mm for {space.asked} line(s)"
        for space in printout.spaces
        if space.height < space.asked * LINE_MM - TOLERANCE_MM / 2
    ]
    assert short == []


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("address", WORKSHEETS)
def test_a_last_page_left_more_than_a_third_blank_gives_its_prompts_more_room(
    printouts: Callable[[str, str], Printout], address: str, paper: str
) -> None:
    """A trainer does not hand out a sheet whose questions are cramped above half a page of
    nothing: where the last page's blank foot is over a third of the page, every prompt on that
    page with room to write printed at least a line more than it asks for (its ruled box, each
    row of its table, each line of its list)."""
    printout = printouts(address, paper)
    foot = PAPER_MM[paper][1] - MARGINS_MM["bottom"]
    last_page, last_bottom = printout.prompts[len(printout.prompts)]["bottom"]
    on_last = [number for number, block in printout.prompts.items() if block["top"][0] == last_page]
    writable = {space.prompt for space in printout.spaces}

    if foot - last_bottom > content_mm(paper)[1] / 3:
        cramped = [number for number in on_last if number in writable and not printout.grown(number)]
        assert cramped == [], f"the last page is {foot - last_bottom:.0f} mm blank"


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("address", [a for a in WORKSHEETS if a.startswith("pdsa/")])
def test_a_pdsa_sheet_prints_on_three_pages_at_most_and_no_page_holds_one_small_prompt_alone(
    printouts: Callable[[str, str], Printout], address: str, paper: str
) -> None:
    """A cycle's sheet travels through four meetings: three pages stapled, each worth turning
    to. Small is judged by the prompt as its author sized it, without the room it was given on
    paper: a third of a page."""
    printout = printouts(address, paper)

    assert printout.pages <= 3, f"{printout.pages} pages"
    for number in range(2, printout.pages + 1):
        alone = [n for n, block in printout.prompts.items() if block["top"][0] == number]
        if len(alone) == 1:
            block = printout.prompts[alone[0]]
            asked = block["bottom"][1] - block["top"][1] - printout.extra(alone[0])
            assert asked > content_mm(paper)[1] / 3, f"page {number} holds one small prompt alone"


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("address", WORKSHEETS)
def test_prompts_stand_no_further_apart_than_the_tight_print_gap(
    page: Page, real_site: Site, address: str, paper: str
) -> None:
    """Every millimetre between prompts is one less for writing: with the 5 mm gaps of before,
    PDSA sheets took a fourth page. Half a millimetre of tolerance, for rounding."""
    gaps = layout_gaps(page, real_site.url(address), paper)

    wide = [f"{gap:.1f} mm after prompt {number}" for number, gap in enumerate(gaps, 1) if gap > PROMPT_GAP_MM + 0.5]
    assert wide == []


@pytest.mark.parametrize("address", ["pdsa/request-intake/worksheet/", "programmes/one-day-workshop/pack/"])
def test_no_text_on_paper_is_smaller_than_11pt(page: Page, real_site: Site, address: str) -> None:
    """All but the small capitals naming the kind of sheet, and the footer in the page margin."""
    print_layout(page, real_site.url(address), "a4")
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll('.pb-sheet *, .pb-cover *'))
            .filter(el => !el.closest('.pb-sheet__kind') && el.getClientRects().length
                && Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(el => [el.tagName + '.' + el.className, parseFloat(getComputedStyle(el).fontSize) * 0.75])"""
    )
    assert sizes
    assert [(what, size) for what, size in sizes if size < 11 - 0.01] == []


def prompt_places(pages: list[str], questions: list[str]) -> list[tuple[int, int] | None]:
    """Where each question prints whole: its page and its place on that page, or None."""
    places: list[tuple[int, int] | None] = []
    for question in questions:
        found = [(number, text.find(question)) for number, text in enumerate(pages) if question in text]
        places.append(found[0] if found else None)
    return places


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("programme_id", PROGRAMMES)
def test_a_pack_prints_its_cover_then_each_sheet_whole_and_in_order(
    printed: Callable[[str, str], list[str]],
    shipped: Playbook,
    sheets: dict[str, Sheet],
    programme_id: str,
    paper: str,
) -> None:
    """The cover takes a page or more, with the programme's title, audience, agenda and list of
    worksheets, and no prompt. Then each sheet follows on pages of its own, each page naming it
    with its licence and review date, every prompt whole and in order, on as many pages as the
    sheet takes alone, give or take one: a trainer checks what is on the paper, not where a
    browser broke a line."""
    cover = programme_cover(shipped, programme_id)
    addresses = [f"exercises/{exercise_id}/worksheet/" for exercise_id in pack_exercises(shipped, programme_id)]
    pack = [squash(text) for text in printed(cover.address, paper)]
    alone = {address: printed(address, paper) for address in addresses}

    # Each printed page names in its footer the page it comes from: the pack, or a worksheet.
    owners = [tuple(a for a in (cover.address, *addresses) if squash(a) in text) for text in pack]
    cover_pages = len(list(takewhile(lambda owner: owner == (cover.address,), owners)))
    assert cover_pages >= 1
    runs = [(owner, len(list(run))) for owner, run in groupby(owners[cover_pages:])]
    assert [owner for owner, _ in runs] == [(a,) for a in addresses], "each sheet once, in order, every page named"

    on_cover = "".join(pack[:cover_pages])
    body = on_cover.replace(squash(cover.footer[1]), "")  # the footer names the programme too
    assert squash(cover.title) in body
    assert [shown for shown in cover.shown if squash(shown) not in on_cover] == []
    assert all(squash(line) in text for text in pack[:cover_pages] for line in cover.footer)
    first = cover_pages
    for address, (_, count) in zip(addresses, runs, strict=True):
        sheet, own_pages = sheets[address], pack[first : first + count]
        first += count
        questions = [squash(q) for q in sheet.questions]
        assert not any(q in on_cover for q in questions), "no prompt on the cover"
        assert all(squash(line) in text for text in own_pages for line in sheet.footer), "a footer on every page"
        places = prompt_places(own_pages, questions)
        assert None not in places, f"every prompt of {address} whole on one of its pages"
        assert places == sorted(places), f"the prompts of {address} in order"  # type: ignore[type-var]
        expected = len(alone[address])
        assert abs(count - expected) <= 1, f"{address}: {count} pages in the pack, {expected} alone"


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("programme_id", PROGRAMMES)
def test_a_pack_copied_double_sided_starts_every_sheet_on_a_right_hand_page(
    page: Page,
    real_site: Site,
    printed: Callable[[str, str], list[str]],
    shipped: Playbook,
    programme_id: str,
    paper: str,
) -> None:
    """Every printed page is numbered through the pack ("Page 2 / 9"); double-sided, a blank page
    follows each part that ends on a right-hand (odd) page, and nothing else changes."""
    cover = programme_cover(shipped, programme_id)
    addresses = [f"exercises/{exercise_id}/worksheet/" for exercise_id in pack_exercises(shipped, programme_id)]
    single = [squash(text) for text in printed(cover.address, paper)]
    duplex = print_to_pdf(page, real_site.url(cover.address), paper, duplex=True)
    double = [squash(text) for _, text in pdf_pages(duplex)]

    def owners(pages: list[str]) -> list[str | None]:
        return [next((a for a in (cover.address, *addresses) if squash(a) in text), None) for text in pages]

    for pages in (single, double):
        numbered = [n for n, text in enumerate(pages, 1) if text and squash(f"Page {n} / {len(pages)}") not in text]
        assert numbered == [], "every page that is not left blank carries its number"
    assert None not in owners(single)
    blanks = [n for n, owner in enumerate(owners(double), 1) if owner is None]
    assert all(double[n - 1] == "" for n in blanks), "a page left blank holds nothing, not even a footer"
    starts = [owners(double).index(address) + 1 for address in addresses]
    assert [start % 2 for start in starts] == [1] * len(addresses), f"sheets start on pages {starts}"
    assert [o for o in owners(double) if o] == owners(single), "the same pages in the same order"
    assert all(n + 1 in starts for n in blanks), "a blank page only where the next sheet would start on the left"


# The top and the bottom of each ruled box as printed (the field, or the copy the script prints in
# its place), marked by text in blocks of no height just before and after it, so nothing moves.
MARK_RULED_BOXES = """() => {
  document.querySelectorAll('.pb-sheet textarea.pb-lines').forEach((field, i) => {
    const box = field.classList.contains('pb-mirrored') ? field.nextElementSibling : field;
    for (const [edge, where] of [['top', 'beforebegin'], ['bottom', 'afterend']]) {
      const mark = document.createElement('div');
      const printed = getComputedStyle(field).getPropertyValue('--pb-print-lines').trim() || field.getAttribute('rows');
      mark.textContent = `{${edge}${i + 1}:${field.getAttribute('rows')}:${printed}}`;
      mark.style.cssText = 'height:0;overflow:visible;font:2px/0 sans-serif;color:#fff';
      box.insertAdjacentElement(where, mark);
    }
  });
}"""
RULED_MARK = re.compile(r"\{(top|bottom)(\d+):(\d+):(\d+)\}")  # edge, box, lines asked, lines printed
DPI = 150


def grey_pixels(pgm: bytes) -> tuple[int, int, bytes]:
    """The width, the height and the pixels, a byte each, of a binary greyscale image (PGM, P5):
    after its header (magic number, width, height and maximum value, apart by whitespace) comes
    exactly one whitespace byte, then the pixels. A pixel may be any byte, whitespace too."""
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    assert header, "pdftoppm writes a binary greyscale image"
    width, height, maxval = map(int, header.groups())
    assert maxval < 256, "one byte a pixel"
    pixels = pgm[header.end() : header.end() + width * height]
    assert len(pixels) == width * height, "the image is whole"
    return width, height, pixels


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
    width, _, column = grey_pixels(pgm)
    assert width == 1
    dark = [value < 160 for value in column]
    return sum(1 for above, here in zip([False, *dark], dark, strict=False) if here and not above)


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_every_ruled_line_a_prompt_asks_for_prints(page: Page, real_site: Site, tmp_path: Path, paper: str) -> None:
    if shutil.which("pdftoppm") is None:
        missing_tool("pdftoppm (poppler-utils) is not installed")
    pdf = tmp_path / "sheet.pdf"
    url = real_site.url("pdsa/request-intake/worksheet/")
    _, marks = printed_marks(page, url, paper, MARK_RULED_BOXES, RULED_MARK, pdf)
    fields = page.locator(".pb-sheet textarea.pb-lines").count()
    boxes = edges(marks)
    asked = {int(box): int(rows) for (_, box, rows, _), _ in marks}
    lines = {int(box): int(printed) for (_, box, _, printed), _ in marks}

    assert fields > 0, "the sheet has boxes of ruled lines"
    assert {number: sorted(box) for number, box in boxes.items()} == {
        number: ["bottom", "top"] for number in range(1, fields + 1)
    }, "every box printed, top and bottom"
    middle = PAPER_MM[paper][0] / 2
    for number, box in sorted(boxes.items()):
        (top_page, top), (bottom_page, bottom) = box["top"], box["bottom"]
        assert top_page == bottom_page, f"box {number} splits over two pages"
        # From just inside the top edge (the question sits above it) to just past the last rule.
        rules = dark_runs(pdf, top_page, middle, top + 1, bottom + 0.8)
        # What the box holds on paper, from its printed height (the script may give it more
        # lines on one paper than on the other): 8 mm a line, as the stylesheet rules them.
        printed = round((bottom - top) / 8)
        assert printed >= asked[number], f"box {number} prints fewer lines than asked for"
        assert printed >= lines[number] or printed >= asked[number]
        assert rules == printed, f"{rules} rules printed for a box of {printed} lines"
