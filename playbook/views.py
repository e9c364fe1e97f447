"""What the renderer makes and what its templates are given: pages, sheets, covers, views."""

from __future__ import annotations

import datetime
import hashlib
import string
import unicodedata
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
        versions = "".join(prompt.version for section in self.sections for prompt in section.prompts)
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


# --- the glossary's A-Z bar -----------------------------------------------------------------

OTHER_INITIAL, OTHER_SPOKEN = "#", "Numbers and symbols"  # terms starting with a digit or a symbol, ahead of A


@dataclass(frozen=True)
class Letter:
    """One place of the glossary's A-Z bar: a letter, and the first term under it, if any."""

    label: str
    anchor: str | None  # the id of the first term filed under it; None where no term is
    spoken: str | None = None  # what a screen reader says, where the label alone would not do


def initial(term: str) -> str:
    """The letter a term is filed under: its first letter without accents (`Éclair` -> `E`),
    or OTHER_INITIAL for a term that starts with a digit or a symbol (`5S`)."""
    bare = unicodedata.normalize("NFKD", term.strip()[:1]).encode("ascii", "ignore").decode()[:1].upper()
    return bare if bare and bare in string.ascii_uppercase else OTHER_INITIAL


def glossary_order(term: str) -> tuple[int, str, str]:
    """Where a term goes on the glossary page: under its initial, in the order of the A-Z bar."""
    letter = initial(term)
    return (0 if letter == OTHER_INITIAL else 1, letter, term.casefold())


def alphabet(terms: Sequence[tuple[str, str]]) -> list[Letter]:
    """The A-Z bar over `terms` (id, term) in glossary order: every letter A to Z, each with the
    first of its terms; OTHER_INITIAL first, only where some term needs it."""
    first: dict[str, str] = {}
    for term_id, term in terms:
        first.setdefault(initial(term), term_id)
    letters = [Letter(letter, first.get(letter)) for letter in string.ascii_uppercase]
    if OTHER_INITIAL in first:
        letters.insert(0, Letter(OTHER_INITIAL, first[OTHER_INITIAL], OTHER_SPOKEN))
    return letters
