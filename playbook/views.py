"""What the renderer makes and what its templates are given: pages, sheets, covers, views."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from playbook.model import Programme, Prompt, Session
from playbook.schedule import Agenda
from playbook.site import Licence


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its Markdown, and the YAML file it comes from."""

    path: str  # relative to the docs folder, e.g. "exercises/five-whys.md"
    markdown: str
    source: str | None  # relative to the docs folder, e.g. "exercises/five-whys.yml"
    title: str
    group: str | None = None  # the navigation group within its section, e.g. a lean principle
    in_nav: bool = True


def prompt_version(prompt: Prompt) -> str:
    """A fingerprint of what a prompt asks and the shape of its answer, its hint left out.

    Answers are kept with the fingerprint of the prompt they were typed under: once a question
    is reworded or its table gains a column, they belong to another question, and the sheet
    offers them instead of showing them as answers to the new one.
    """
    asked = prompt.model_dump(mode="json", exclude={"help"})
    return hashlib.sha256(json.dumps(asked, sort_keys=True).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Section:
    """Prompts under one heading of a worksheet (no heading for an exercise's single section)."""

    title: str | None
    prompts: Sequence[Prompt]


@dataclass(frozen=True)
class Sheet:
    """One printable worksheet, as the worksheet template shows it."""

    key: str  # unique on a page; keys the answers a participant types in
    kind: str
    title: str
    intro: str | None
    sections: list[Section]
    last_reviewed: datetime.date
    address: str  # the worksheet's own page, printed on every sheet
    licence: Licence | None = None  # printed on every sheet

    @property
    def version(self) -> str:
        """A fingerprint of every prompt: a file of answers to another version is told apart."""
        versions = "".join(prompt_version(prompt) for section in self.sections for prompt in section.prompts)
        return hashlib.sha256(versions.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Cover:
    """The first page of a programme's pack (see `_pack_cover.html.j2`)."""

    key: str  # unique on the page; names its @page rule
    programme: Programme
    sessions: list[tuple[Session, Agenda]]
    address: str  # the pack's own page, printed in the cover's footer
    licence: Licence | None = None


@dataclass(frozen=True)
class EntryView:
    """An entry as its pages show it."""

    model: Any  # what the templates call by the kind's name, e.g. `exercise`
    title: str
    source: str  # the YAML file, relative to the docs folder
    group: str | None = None  # its navigation group within the section
    context: Mapping[str, object] = field(default_factory=dict)  # more facts its templates show


def linked_from(backlinks: Sequence[Any], groups: Sequence[tuple[str, str, Sequence[str]]]) -> list[Any]:
    """The entries that refer to a page, less those its own lists of references already show
    (`groups`: heading, kind, ids), so that "Linked from" names no page twice."""
    shown = {(kind_name, entry_id) for _, kind_name, ids in groups for entry_id in ids or ()}
    return [ref for ref in backlinks if (ref.kind, ref.id) not in shown]


@dataclass(frozen=True)
class Image:
    """A generated image file, such as a card's QR code, at a path relative to the docs folder."""

    path: str
    content: str  # SVG


CARD_COLUMNS, CARD_ROWS = 3, 3  # cards on one printed sheet: 60 x 80 mm each, on A4 and US Letter alike


@dataclass(frozen=True)
class CardSheet:
    """One printed sheet of cards, and the sheet of their backs, laid out to print on its reverse.

    `fronts` and `backs` hold CARD_ROWS rows of CARD_COLUMNS places, None where a place is
    empty. Each row of backs is the row of fronts reversed: copied double-sided, flipped on the
    long edge, each back lands behind its front.
    """

    fronts: list[list[Any]]
    backs: list[list[Any]]


def card_sheets(cards: Sequence[Any]) -> list[CardSheet]:
    """The cards in printed order, a sheet of CARD_COLUMNS x CARD_ROWS at a time."""
    per_sheet = CARD_COLUMNS * CARD_ROWS
    sheets = []
    for start in range(0, len(cards), per_sheet):
        places: list[Any] = list(cards[start : start + per_sheet])
        places += [None] * (per_sheet - len(places))
        rows = [places[row * CARD_COLUMNS : (row + 1) * CARD_COLUMNS] for row in range(CARD_ROWS)]
        sheets.append(CardSheet(rows, [list(reversed(row)) for row in rows]))
    return sheets
