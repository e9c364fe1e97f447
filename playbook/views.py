"""What the renderer makes and what its templates are given: pages, sheets, covers, views."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from playbook.model import Programme, Prompt, Session
from playbook.schedule import Agenda


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


@dataclass(frozen=True)
class Cover:
    """The first page of a programme's pack (see `_pack_cover.html.j2`)."""

    key: str  # unique on the page; names its @page rule
    programme: Programme
    sessions: list[tuple[Session, Agenda]]
    address: str  # the pack's own page, printed in the cover's footer


@dataclass(frozen=True)
class EntryView:
    """An entry as its pages show it."""

    model: Any  # what the templates call by the kind's name, e.g. `exercise`
    title: str
    source: str  # the YAML file, relative to the docs folder
    group: str | None = None  # its navigation group within the section
    context: Mapping[str, object] = field(default_factory=dict)  # more facts its templates show
