"""Entries to Markdown pages, with the templates of `playbook/templates/`. Knows nothing of MkDocs.

Each page is Markdown (with HTML blocks for worksheets, read by the `md_in_html` extension) at
a path relative to the docs folder, so that the same pages can be built by MkDocs through the
plugin, or written to disk by `playbook render` and built by any Markdown site tool. Which
pages there are comes from the registry of kinds; what is particular to one kind (its order,
its navigation groups, the facts its templates show) is told apart here, by its name.
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
from collections.abc import Iterator, Sequence
from typing import Any

from playbook.addresses import relative
from playbook.catalog import Loaded, Playbook, Ref
from playbook.environment import environment
from playbook.errors import ContentError
from playbook.glossary import term_uses_marker
from playbook.model import PRINCIPLE_NAMES, PRINCIPLES, STAGES, ExerciseItem, Programme
from playbook.qr import qr_svg
from playbook.reference import REFERENCE_PAGE, REFERENCE_TITLE, field_reference
from playbook.registry import GUIDE, Kind, PageSpec, file_kinds, kind
from playbook.safety import plain
from playbook.site import Site
from playbook.views import Cover, EntryView, Image, Page, Section, Sheet, alphabet, card_sheets, glossary_order

WORKSHEET_TEMPLATE = "worksheet.md.j2"
EXAMPLE_TEMPLATE = "example.md.j2"
COVERAGE_PAGE = "exercises/coverage.md"


class Renderer:
    """Renders every page of a playbook: for each kind of the registry, its index page, then
    each entry's pages (and those of the parts it holds), in the order of the navigation."""

    def __init__(self, playbook: Playbook, site: Site | None = None) -> None:
        self.playbook = playbook
        self.site = site or Site()
        self.env = environment()

    def pages(self) -> Iterator[Page]:
        for file_kind in file_kinds():
            yield from self._section(file_kind)
        if self.site.reference_page:
            yield Page(
                REFERENCE_PAGE,
                self._render("reference.md.j2", REFERENCE_PAGE, kinds=field_reference()),
                None,
                REFERENCE_TITLE,
            )

    def _section(self, section: Kind) -> Iterator[Page]:
        """A kind's index page, then the pages of each of its entries and of the parts they hold."""
        listed = self._listed(section)
        if not listed:
            return
        if section.index is not None:
            path = section.index_path
            yield Page(
                path, self._render(section.index, path, **self._index_context(section, listed)), None, section.section
            )
        if section.name == "exercise":
            yield self._coverage(listed)
        if not section.named_by_file:
            return  # its files only gather parts, which its index page shows
        for entry in listed:
            yield from self._entry_pages(section, entry)
            if section.parts is not None:
                part_kind = kind(section.parts)
                for part in self._parts(part_kind, entry):
                    yield from self._entry_pages(part_kind, part)

    def _listed(self, section: Kind) -> list[Any]:
        """What a kind's index page lists, in the order of the page and the navigation."""
        if section.name == "glossary":
            return sorted(self.playbook.terms.values(), key=lambda t: glossary_order(t.term.term))
        entries = self.playbook.entries[section.name]
        if section.name == "exercise":
            principle = {name: order for order, name in enumerate(PRINCIPLES)}
            return sorted(entries.values(), key=lambda e: (principle[e.model.principle], e.model.title.casefold()))
        if section.name == "taxonomy":
            return list(entries.values())  # in the order of their files
        return sorted(entries.values(), key=lambda e: e.model.title.casefold())

    def _coverage(self, exercises: list[Any]) -> Page:
        """Which exercises work on each lean principle at each stage of the L&D value stream."""
        cells = {
            (stage, principle): [e for e in exercises if e.model.stage == stage and e.model.principle == principle]
            for stage in STAGES
            for principle in PRINCIPLES
        }
        path, title = COVERAGE_PAGE, "Coverage: principle by stage"
        return Page(path, self._render("coverage.md.j2", path, cells=cells, title=title), None, title)

    def _parts(self, of: Kind, holder: Loaded[Any]) -> list[Any]:
        """The entries of kind `of` that the file `holder` holds, in its order."""
        if of.name == "waste":
            return [entry for entry in self.playbook.wastes.values() if entry.taxonomy == holder.id]
        return []

    def _index_context(self, of: Kind, entries: list[Any]) -> dict[str, object]:
        if of.name == "exercise":
            by_principle = {
                principle: [e for e in entries if e.model.principle == principle] for principle in PRINCIPLES
            }
            return {"by_principle": by_principle, "coverage": relative(of.index_path, COVERAGE_PAGE)}
        if of.name == "glossary":
            letters = alphabet([(entry.term.id, entry.term.term) for entry in entries])
            return {"entries": entries, "term_uses_marker": term_uses_marker, "letters": letters}
        return {"entries": entries}

    def _entry_pages(self, of: Kind, entry: Any) -> Iterator[Page]:
        """Every page of one entry, as its kind lists them."""
        ref = Ref(of.name, entry.id)
        view = self._view(of, entry)
        backlinks = self.playbook.links_to(of.name, entry.id)
        guide = of.pages[0].path_of(entry.id)
        discussion = self.site.discussion_link(ref, view.title, guide)
        for spec in of.pages:
            if not spec.made_for(view.model):
                continue
            path = spec.path_of(entry.id)
            title = plain(spec.title.format(title=view.title))  # plain text, escaped where it is written
            context = {
                "entry": entry,
                of.name: view.model,
                "ref": ref,
                "title": title,
                "kind_title": of.title,
                "backlinks": backlinks,
                "discussion": None if spec.printable else discussion,
                **view.context,
            }
            if spec.template == WORKSHEET_TEMPLATE:
                cover = self._cover(of, entry, spec)
                # A participant's saved answers are named after the sheet, or the pack, they come from.
                answers = posixpath.basename(posixpath.dirname(path)) + ("-pack" if cover else "")
                context.update(sheets=self._sheets(of, entry), cover=cover, answers_file=f"{answers}-answers.json")
            elif spec.template == EXAMPLE_TEMPLATE:
                sheet = dataclasses.replace(
                    self._sheet(of, entry.id),
                    key=f"{of.name}-{entry.id}-example",
                    kind="Worksheet: a filled-in example",
                    address=self.site.address(path),
                )
                context.update(sheet=sheet, example=view.model.worked_example)
            markdown = self._render(spec.template, path, **context)
            if spec.printable:
                yield Page(path, markdown, view.source, title, in_nav=False)
            else:
                yield Page(path, markdown, view.source, title, view.group)

    def _view(self, of: Kind, entry: Any) -> EntryView:
        """What an entry's pages show beyond the entry itself: its title, group and facts."""
        if of.name == "waste":
            taxonomy = self.playbook.taxonomies[entry.taxonomy]
            parent = Ref("waste", entry.parent) if entry.parent else None
            return EntryView(
                entry.waste,
                entry.waste.name,
                taxonomy.source,
                taxonomy.model.title,
                {"taxonomy": taxonomy, "parent": parent},
            )
        model = entry.model
        if of.name == "exercise":
            return EntryView(model, model.title, entry.source, PRINCIPLE_NAMES[model.principle])
        if of.name == "taxonomy":
            return EntryView(model, model.title, entry.source, model.title)
        if of.name == "deck":
            return EntryView(model, model.title, entry.source, None, {"sheets": card_sheets(model.cards)})
        if of.name == "programme":
            agendas = self.playbook.agendas(entry.id)
            sessions = list(zip(model.sessions, agendas, strict=True))
            return EntryView(
                model, model.title, entry.source, None, {"sessions": sessions, "total": sum(a.total for a in agendas)}
            )
        return EntryView(model, model.title, entry.source)

    def images(self) -> Iterator[Image]:
        """The images the pages show that are made, not written: each card's QR code to its place
        on its deck's page, where the site's address is known (a code must hold a whole address)."""
        if not self.site.url:
            return
        decks = kind("deck")
        for entry in self.playbook.entries[decks.name].values():
            deck_page = self.site.address(decks.page_path(entry.id))
            for card in entry.model.cards:
                if card.qr if card.qr is not None else entry.model.qr:
                    yield Image(qr_path(entry.id, card.id), qr_svg(f"{deck_page}#{card.id}"))

    def _render(self, template_name: str, page: str, **context: object) -> str:
        return self.env.get_template(template_name).render(
            page=page,
            site=self.site,
            playbook=self.playbook,
            link=functools.partial(self._link, page),
            qr_of=functools.partial(self._qr_of, page),
            title_of=self._title_of,
            **context,
        )

    @staticmethod
    def _link(page: str, kind_name: str, entry_id: str | None = None, target: str = GUIDE) -> str:
        """The one way templates link: to a kind's index page, or to one of an entry's pages."""
        of = kind(kind_name)
        return relative(page, of.index_path if entry_id is None else of.page_path(entry_id, target))

    def _qr_of(self, page: str, deck_id: str, card: Any, deck_qr: bool) -> str | None:
        """The address of a card's QR code from `page`, or None when the card prints without one."""
        if not self.site.url or not (card.qr if card.qr is not None else deck_qr):
            return None
        return relative(page, qr_path(deck_id, card.id))

    def _title_of(self, ref: Ref) -> str:
        return self.playbook.ids(ref.kind)[ref.id].title

    # --- worksheets --------------------------------------------------------------------------

    def _sheets(self, of: Kind, entry: Loaded[Any]) -> list[Sheet]:
        """The sheets of a printable page: the entry's own worksheet, or a pack of its exercises'."""
        if of.worksheet:
            return [self._sheet(of, entry.id)]
        if of.name == "programme":
            return [self._sheet(kind("exercise"), e) for e in _exercises_of(entry.model)]
        return []

    def _cover(self, of: Kind, entry: Loaded[Any], spec: PageSpec) -> Cover | None:
        """A programme's pack opens with a cover, ahead of the sheets."""
        if of.name != "programme":
            return None
        sessions = list(zip(entry.model.sessions, self.playbook.agendas(entry.id), strict=True))
        address = self.site.address(spec.path_of(entry.id))
        return Cover(f"{of.name}-{entry.id}", entry.model, sessions, address, self.site.licence)

    def _sheet(self, of: Kind, entry_id: str) -> Sheet:
        model = self.playbook.entries[of.name][entry_id].model
        if of.name == "pdsa":
            phases = [("Plan", model.plan), ("Do", model.do), ("Study", model.study), ("Act", model.act)]
            label, intro, sections = "PDSA worksheet", model.aim, [Section(name, p.prompts) for name, p in phases]
        else:
            label, intro = f"{of.title} worksheet", model.worksheet.intro
            sections = [Section(None, model.worksheet.prompts)]
        address = self.site.address(of.page_path(entry_id, "worksheet"))
        key = f"{of.name}-{entry_id}"
        return Sheet(key, label, model.title, intro, sections, model.last_reviewed, address, self.site.licence)


def qr_path(deck_id: str, card_id: str) -> str:
    """Where a card's QR code goes, beside its deck's pages."""
    return f"{kind('deck').folder}/{deck_id}/qr/{card_id}.svg"


def _exercises_of(programme: Programme) -> list[str]:
    """The exercises a programme runs, each once, in the order first run."""
    return list(
        dict.fromkeys(
            item.exercise for session in programme.sessions for item in session.agenda if isinstance(item, ExerciseItem)
        )
    )


def build_errors_html(errors: Sequence[ContentError]) -> str:
    """The content errors as an HTML section, for pages served while the content is broken."""
    return environment().get_template("_build_errors.html.j2").render(errors=errors)
