"""Entries to Markdown pages, with Jinja2 templates. Knows nothing of MkDocs.

Each page is Markdown (with HTML blocks for worksheets, read by the `md_in_html`
extension) at a path relative to the docs folder, so that links between generated pages
are ordinary relative `.md` links that MkDocs checks and rewrites, and that the same pages
can be written to disk by `playbook render` and built by any Markdown site tool.
"""

from __future__ import annotations

import datetime
import functools
import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from playbook.catalog import Loaded, Playbook, Ref
from playbook.glossary import GlossaryTerm, plain_text
from playbook.model import PRINCIPLES, ExerciseItem, Programme, Prompt, Session
from playbook.reference import REFERENCE_PAGE, field_reference
from playbook.registry import GUIDE, Kind, PageSpec, file_kinds, kind
from playbook.schedule import Agenda

LICENCE = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
PRINCIPLE_NAMES = {
    "value": "Value",
    "value-stream": "Value stream",
    "flow": "Flow",
    "pull": "Pull",
    "perfection": "Perfection",
}
GLOSSARY_PAGE = kind("glossary").index_path


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its Markdown, and the YAML file it comes from."""

    path: str  # relative to the docs folder, e.g. "exercises/five-whys.md"
    markdown: str
    source: str | None  # relative to the docs folder, e.g. "exercises/five-whys.yml"
    title: str
    group: str | None = None  # the navigation group within its section, e.g. a lean principle
    in_nav: bool = True


def relative(from_page: str, to_page: str) -> str:
    """A link from one Markdown page to another, relative to the first one's folder."""
    anchor = ""
    if "#" in to_page:
        to_page, anchor = to_page.split("#", 1)
        anchor = "#" + anchor
    return _relpath(to_page, posixpath.dirname(from_page) or ".") + anchor


@lru_cache(maxsize=65536)
def _relpath(path: str, start: str) -> str:
    # relpath makes both paths absolute (a getcwd() each); a build asks the same pairs again and again
    return posixpath.relpath(path, start)


def glossary_terms(playbook: Playbook) -> list[GlossaryTerm]:
    return [
        GlossaryTerm(
            term_id, (entry.term.term, *entry.term.aliases), plain_text(entry.term.definition), entry.term.match_case
        )
        for term_id, entry in playbook.terms.items()
    ]


_TERM_USES_MARKER = re.compile(r"<!-- playbook:term-uses ([a-z0-9-]+) -->")


def term_uses_marker(term_id: str) -> Markup:
    """Where the glossary page lists the pages using a term, filled in once all are rendered."""
    return Markup(f"<!-- playbook:term-uses {escape(term_id)} -->")


TERM_USES_SHOWN = 20


def fill_term_uses(
    glossary: str, uses: Mapping[str, set[str]], listed: Mapping[str, tuple[str, str]], *, html: bool = False
) -> str:
    """The glossary page with each term's marker replaced by links to the pages that use it.

    `glossary` is the page's Markdown, or its HTML with `html`. `uses` maps a term id to the
    paths of the pages using it; `listed` gives the title and the link target, from the
    glossary, of each page to list (worksheets and packs are left out by the callers: they
    repeat their guides). A term used on many pages lists the first TERM_USES_SHOWN by title
    and counts the rest, so that the glossary stays readable, on a phone too, as the
    playbook grows to thousands of pages.
    """
    template = environment().get_template("_term_uses.html.j2" if html else "_term_uses.md.j2")

    def pages_using(match: re.Match[str]) -> str:
        users = sorted(
            (listed[path] for path in uses.get(match.group(1), ()) if path in listed and path != GLOSSARY_PAGE),
            key=lambda user: (user[0].casefold(), user[1]),
        )
        pages = [{"title": title, "href": href} for title, href in users[:TERM_USES_SHOWN]]
        return template.render(pages=pages, more=len(users) - len(pages)).strip()

    return _TERM_USES_MARKER.sub(pages_using, glossary)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("playbook", "templates"),
        autoescape=True,  # a value no filter marked safe is escaped for HTML...
        finalize=markdown_safe,  # ...unless it is author text, escaped here for Markdown
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates ship with the package: no stat() of each on every page
    )
    env.filters["minutes"] = format_minutes
    env.filters["plain"] = plain_text
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    env.filters["cell"] = table_cell
    env.filters["as_ref"] = lambda entry_id, kind: Ref(kind, entry_id)
    env.filters["link_text"] = lambda text: re.sub(r"([\\\[\]])", r"\\\1", str(text))
    env.globals.update(
        PRINCIPLE_NAMES=PRINCIPLE_NAMES,
        LICENCE=LICENCE,
        LICENCE_URL=LICENCE_URL,
        relative=relative,
        term_uses_marker=term_uses_marker,
        Ref=Ref,
    )
    return env


def markdown_safe(value: object) -> object:
    """What every `{{ ... }}` prints: author text that can hold no HTML tag and end no attribute.

    Only `<` and `"` are escaped, so that Markdown (emphasis, lists, quotes, apostrophes) and
    glossary terms such as "Little's law" reach Python-Markdown as the author wrote them.
    Values already marked safe (`Markup`, e.g. from `tojson`) are printed as they are.
    """
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(value.replace("<", "&lt;").replace('"', "&quot;"))


def table_cell(text: str) -> str:
    """Text for one Markdown table cell: one line, and a `|` that does not end the cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


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
class Site:
    """What pages need to know of the site they will be published on."""

    url: str = ""  # the published base address, printed on worksheets; "" when unknown

    def address(self, page: str) -> str:
        path = page.removesuffix(".md").removesuffix("index").rstrip("/")
        path = f"{path}/" if path else ""
        return f"{self.url.rstrip('/')}/{path}" if self.url else f"/{path}"


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
        yield Page(
            REFERENCE_PAGE,
            self._render("reference.md.j2", REFERENCE_PAGE, kinds=field_reference()),
            None,
            "Field reference",
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
            return sorted(self.playbook.terms.values(), key=lambda t: t.term.term.casefold())
        entries = self.playbook.entries[section.name]
        if section.name == "exercise":
            principle = {name: order for order, name in enumerate(PRINCIPLES)}
            return sorted(entries.values(), key=lambda e: (principle[e.model.principle], e.model.title.casefold()))
        if section.name == "taxonomy":
            return list(entries.values())  # in the order of their files
        return sorted(entries.values(), key=lambda e: e.model.title.casefold())

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
            return {"by_principle": by_principle}
        return {"entries": entries}

    def _entry_pages(self, of: Kind, entry: Any) -> Iterator[Page]:
        """Every page of one entry, as its kind lists them."""
        ref = Ref(of.name, entry.id)
        view = self._view(of, entry)
        backlinks = self.playbook.links_to(of.name, entry.id)
        for spec in of.pages:
            path = spec.path_of(entry.id)
            title = spec.title.format(title=view.title)
            context = {
                "entry": entry,
                of.name: view.model,
                "ref": ref,
                "title": title,
                "backlinks": backlinks,
                **view.context,
            }
            if spec.template == WORKSHEET_TEMPLATE:
                context.update(sheets=self._sheets(of, entry), cover=self._cover(of, entry, spec))
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
        if of.name == "programme":
            agendas = self.playbook.agendas(entry.id)
            sessions = list(zip(model.sessions, agendas, strict=True))
            return EntryView(
                model, model.title, entry.source, None, {"sessions": sessions, "total": sum(a.total for a in agendas)}
            )
        return EntryView(model, model.title, entry.source)

    def _render(self, template_name: str, page: str, **context: object) -> str:
        return self.env.get_template(template_name).render(
            page=page,
            site=self.site,
            playbook=self.playbook,
            link=functools.partial(self._link, page),
            title_of=self._title_of,
            **context,
        )

    @staticmethod
    def _link(page: str, kind_name: str, entry_id: str | None = None, target: str = GUIDE) -> str:
        """The one way templates link: to a kind's index page, or to one of an entry's pages."""
        of = kind(kind_name)
        return relative(page, of.index_path if entry_id is None else of.page_path(entry_id, target))

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
        return Cover(f"{of.name}-{entry.id}", entry.model, sessions, address)

    def _sheet(self, of: Kind, entry_id: str) -> Sheet:
        model = self.playbook.entries[of.name][entry_id].model
        if of.name == "pdsa":
            phases = [("Plan", model.plan), ("Do", model.do), ("Study", model.study), ("Act", model.act)]
            label, intro, sections = "PDSA worksheet", model.aim, [Section(name, p.prompts) for name, p in phases]
        else:
            label, intro = f"{of.title} worksheet", model.worksheet.intro
            sections = [Section(None, model.worksheet.prompts)]
        address = self.site.address(of.page_path(entry_id, "worksheet"))
        return Sheet(f"{of.name}-{entry_id}", label, model.title, intro, sections, model.last_reviewed, address)


WORKSHEET_TEMPLATE = "worksheet.md.j2"


@dataclass(frozen=True)
class EntryView:
    """An entry as its pages show it."""

    model: Any  # what the templates call by the kind's name, e.g. `exercise`
    title: str
    source: str  # the YAML file, relative to the docs folder
    group: str | None = None  # its navigation group within the section
    context: Mapping[str, object] = field(default_factory=dict)  # more facts its templates show


def _exercises_of(programme: Programme) -> list[str]:
    """The exercises a programme runs, each once, in the order first run."""
    return list(
        dict.fromkeys(
            item.exercise for session in programme.sessions for item in session.agenda if isinstance(item, ExerciseItem)
        )
    )
