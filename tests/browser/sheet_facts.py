"""What the fixture's printable pages must show, read from its YAML, and PDF helpers."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pypdf import PdfReader

from playbook.catalog import Playbook, load_playbook
from playbook.glossary import plain_text

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "minimal"

# PDF page sizes in points (1/72 in): A4 is 210 x 297 mm, US Letter 8.5 x 11 in.
PAPER_POINTS = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}
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


@cache
def _playbook() -> Playbook:
    return load_playbook(FIXTURE / "docs")


def exercise_sheet(exercise_id: str) -> Sheet:
    exercise = _playbook().exercises[exercise_id].model
    return Sheet(
        exercise.title,
        tuple(plain_text(p.question) for p in exercise.worksheet.prompts),
        exercise.last_reviewed.isoformat(),
    )


def pdsa_sheet(pdsa_id: str) -> Sheet:
    template = _playbook().pdsa[pdsa_id].model
    phases = (template.plan, template.do, template.study, template.act)
    return Sheet(
        template.title,
        tuple(plain_text(p.question) for phase in phases for p in phase.prompts),
        template.last_reviewed.isoformat(),
    )


# Each printable page of the fixture and the sheets it holds, in order, one page each.
PRINTABLE = {
    "exercises/sort-the-requests/worksheet/": lambda: [exercise_sheet("sort-the-requests")],
    "exercises/limit-the-work/worksheet/": lambda: [exercise_sheet("limit-the-work")],
    "pdsa/try-a-change/worksheet/": lambda: [pdsa_sheet("try-a-change")],
    "programmes/two-weeks/pack/": lambda: [exercise_sheet("sort-the-requests"), exercise_sheet("limit-the-work")],
}


def squash(text: str) -> str:
    """Text without whitespace: PDF extraction breaks lines and spaces where layout did."""
    return re.sub(r"\s+", "", text)


def pdf_pages(data: bytes) -> list[tuple[tuple[float, float], str]]:
    """Each page's size in points and its text."""
    reader = PdfReader(io.BytesIO(data))
    return [((float(p.mediabox.width), float(p.mediabox.height)), p.extract_text() or "") for p in reader.pages]
