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
from playbook.model import ExerciseItem

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
    agenda: tuple[tuple[str, str, int], ...]  # each item in order: start time, title, minutes
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


def agenda(programme_id: str) -> tuple[tuple[str, str, int], ...]:
    """Each agenda item of a programme with its start time: on the clock from the session's
    start when it has one, else as time elapsed ("+0:20"); an exercise lasts its duration unless
    the agenda says otherwise."""
    playbook = _playbook()
    rows = []
    for session in playbook.programmes[programme_id].model.sessions:
        offset = 0
        for item in session.agenda:
            if isinstance(item, ExerciseItem):
                exercise = playbook.exercises[item.exercise].model
                title, minutes = exercise.title, item.minutes or exercise.duration
            else:
                title, minutes = item.activity, item.minutes
            if session.starts_at:
                hours, mins = map(int, session.starts_at.split(":"))
                clock = hours * 60 + mins + offset
                start = f"{clock // 60 % 24:02d}:{clock % 60:02d}"
            else:
                start = f"+{offset // 60}:{offset % 60:02d}"
            rows.append((start, title, minutes))
            offset += minutes
    return tuple(rows)


def pack_sheets(programme_id: str) -> list[Sheet]:
    """The sheets of a programme's pack: each exercise of its agendas once, in order of first use."""
    sessions = _playbook().programmes[programme_id].model.sessions
    exercises = dict.fromkeys(item.exercise for s in sessions for item in s.agenda if isinstance(item, ExerciseItem))
    return [exercise_sheet(exercise_id) for exercise_id in exercises]


def programme_cover(programme_id: str) -> Cover:
    programme = _playbook().programmes[programme_id].model
    return Cover(
        programme.title,
        plain_text(programme.audience),
        agenda(programme_id),
        tuple(sheet.title for sheet in pack_sheets(programme_id)),
        f"programmes/{programme_id}/pack/",
    )


# Each printable page of the fixture and what it holds, in order, each starting a new page: a
# short sheet prints on one page, and so does a pack's cover when its agenda is short.
PRINTABLE = {
    "exercises/sort-the-requests/worksheet/": lambda: [exercise_sheet("sort-the-requests")],
    "exercises/limit-the-work/worksheet/": lambda: [exercise_sheet("limit-the-work")],
    "pdsa/try-a-change/worksheet/": lambda: [pdsa_sheet("try-a-change")],
    "programmes/two-weeks/pack/": lambda: [programme_cover("two-weeks"), *pack_sheets("two-weeks")],
}


def squash(text: str) -> str:
    """Text without whitespace: PDF extraction breaks lines and spaces where layout did."""
    return re.sub(r"\s+", "", text)


def pdf_pages(data: bytes) -> list[tuple[tuple[float, float], str]]:
    """Each page's size in points and its text."""
    reader = PdfReader(io.BytesIO(data))
    return [((float(p.mediabox.width), float(p.mediabox.height)), p.extract_text() or "") for p in reader.pages]
