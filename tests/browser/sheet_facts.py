"""What a playbook's printable pages must show, read from its YAML; the paper they print on; and
helpers to lay a page out as on paper and to read a printed PDF back."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader

from playbook.catalog import Playbook, load_playbook
from playbook.text import plain_text
from tests.pack_facts import AgendaRow, agenda, pack_exercises

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "minimal"

# Paper sizes in mm (A4, US Letter 8.5 x 11 in), and in the points (1/72 in) of a PDF page.
PAPER_MM = {"a4": (210, 297), "letter": (215.9, 279.4)}
PAPER_POINTS = {paper: (width / 25.4 * 72, height / 25.4 * 72) for paper, (width, height) in PAPER_MM.items()}
MARGINS_MM = {"top": 14, "bottom": 20, "sides": 15}  # as in playbook.css's @page rule
MM = 96 / 25.4  # CSS pixels per millimetre
SITE_NAME = "Fixture playbook"  # the fixture's site name, in the header of every page
# Text that only the site's chrome carries: none of it belongs on paper.
CHROME_TEXT = (
    SITE_NAME,
    "Search",
    "Made with",
    "Material for MkDocs",
    "Edit this page",
    "Back to the guide",
    "Print",
    "Clear my answers",
    "Back to top",
    "Skip to content",
)
LICENCE_TEXT = "Licence CC BY-SA 4.0"


@dataclass(frozen=True)
class Sheet:
    title: str
    questions: tuple[str, ...]
    last_reviewed: str

    @property
    def shown(self) -> tuple[str, ...]:
        """What must be on its page: every prompt."""
        return self.questions

    @property
    def footer(self) -> tuple[str, ...]:
        return (LICENCE_TEXT, f"Last reviewed {self.last_reviewed}")


@dataclass(frozen=True)
class Cover:
    """A programme pack's first page, as its YAML says it should print."""

    title: str
    audience: str
    agenda: tuple[AgendaRow, ...]  # each item in order: start time, title, minutes
    worksheets: tuple[str, ...]  # the titles of the sheets that follow, in order
    address: str  # the pack's address, without the site's base

    @property
    def shown(self) -> tuple[str, ...]:
        rows = tuple(f"{start} {title} {minutes} min" for start, title, minutes in self.agenda)
        return (self.audience, *rows, *self.worksheets)

    @property
    def footer(self) -> tuple[str, ...]:
        return (LICENCE_TEXT, f"{self.title} · Worksheet pack")


@cache
def fixture_playbook() -> Playbook:
    return load_playbook(FIXTURE / "docs")


def exercise_sheet(playbook: Playbook, exercise_id: str) -> Sheet:
    exercise = playbook.exercises[exercise_id].model
    return Sheet(
        exercise.title,
        tuple(plain_text(p.question) for p in exercise.worksheet.prompts),
        exercise.last_reviewed.isoformat(),
    )


def pdsa_sheet(playbook: Playbook, pdsa_id: str) -> Sheet:
    template = playbook.pdsa[pdsa_id].model
    phases = (template.plan, template.do, template.study, template.act)
    return Sheet(
        template.title,
        tuple(plain_text(p.question) for phase in phases for p in phase.prompts),
        template.last_reviewed.isoformat(),
    )


def worksheets(playbook: Playbook) -> dict[str, Sheet]:
    """Every worksheet page of a playbook, by its address, and the sheet it prints."""
    return {
        **{f"exercises/{e}/worksheet/": exercise_sheet(playbook, e) for e in playbook.exercises},
        **{f"pdsa/{t}/worksheet/": pdsa_sheet(playbook, t) for t in playbook.pdsa},
    }


def pack_sheets(playbook: Playbook, programme_id: str) -> list[Sheet]:
    """The sheets of a programme's pack, in the order they follow its cover."""
    return [exercise_sheet(playbook, exercise_id) for exercise_id in pack_exercises(playbook, programme_id)]


def programme_cover(playbook: Playbook, programme_id: str) -> Cover:
    programme = playbook.programmes[programme_id].model
    return Cover(
        programme.title,
        plain_text(programme.audience),
        tuple(agenda(playbook, programme_id)),
        tuple(sheet.title for sheet in pack_sheets(playbook, programme_id)),
        f"programmes/{programme_id}/pack/",
    )


# Each printable page of the fixture and what it holds, in order, each starting a new page: a
# short sheet prints on one page, and so does a pack's cover when its agenda is short.
PRINTABLE = {
    "exercises/sort-the-requests/worksheet/": lambda: [exercise_sheet(fixture_playbook(), "sort-the-requests")],
    "exercises/limit-the-work/worksheet/": lambda: [exercise_sheet(fixture_playbook(), "limit-the-work")],
    "pdsa/try-a-change/worksheet/": lambda: [pdsa_sheet(fixture_playbook(), "try-a-change")],
    "programmes/two-weeks/pack/": lambda: [
        programme_cover(fixture_playbook(), "two-weeks"),
        *pack_sheets(fixture_playbook(), "two-weeks"),
    ],
}


def content_mm(paper: str) -> tuple[float, float]:
    """The width and height a page's content gets on this paper."""
    width, height = PAPER_MM[paper]
    return width - 2 * MARGINS_MM["sides"], height - MARGINS_MM["top"] - MARGINS_MM["bottom"]


def print_layout(page: Page, url: str, paper: str) -> None:
    """Open a page laid out as on paper: print styles, at the paper's content width."""
    page.set_viewport_size({"width": int(content_mm(paper)[0] * MM), "height": 1000})
    page.emulate_media(media="print")
    page.goto(url)


def squash(text: str) -> str:
    """Text as a reader reads it, without whitespace: PDF extraction breaks lines and spaces
    where layout did, and gives a ligature the font drew ("ﬁ" in "five") as one character."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdf_pages(data: bytes) -> list[tuple[tuple[float, float], str]]:
    """Each page's size in points and its text."""
    reader = PdfReader(io.BytesIO(data))
    return [((float(p.mediabox.width), float(p.mediabox.height)), p.extract_text() or "") for p in reader.pages]


def link_targets(document: bytes) -> list[str]:
    """The address of every link annotation of a PDF, page by page."""
    targets = []
    for page in PdfReader(io.BytesIO(document)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets
