"""Entries to Markdown pages, with Jinja2 templates. Knows nothing of MkDocs.

Each page is Markdown (with HTML blocks for worksheets, read by the `md_in_html`
extension) at a path relative to the docs folder, so that links between generated pages
are ordinary relative `.md` links that MkDocs checks and rewrites, and that the same pages
can be written to disk by `playbook render` and built by any Markdown site tool.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import posixpath
import re
import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from playbook.catalog import Playbook, Ref
from playbook.glossary import GlossaryTerm, plain_text
from playbook.model import PRINCIPLES, ExerciseItem, Programme, Prompt, Session
from playbook.reference import REFERENCE_PAGE, field_reference
from playbook.safety import (
    PlainStr,
    css_string,
    markdown_text,
    markdown_url,
    plain,
    tooltip_text,
    yaml_string,
)
from playbook.schedule import Agenda

PRINCIPLE_NAMES = {
    "value": "Value",
    "value-stream": "Value stream",
    "flow": "Flow",
    "pull": "Pull",
    "perfection": "Perfection",
}
GLOSSARY_PAGE = "glossary/index.md"


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its Markdown, and the YAML file it comes from."""

    path: str  # relative to the docs folder, e.g. "exercises/five-whys.md"
    markdown: str
    source: str | None  # relative to the docs folder, e.g. "exercises/five-whys.yml"
    title: str
    group: str | None = None  # the navigation group within its section, e.g. a lean principle
    in_nav: bool = True


_FOLDER_OF_KIND = {
    "exercise": "exercises",
    "pdsa": "pdsa",
    "programme": "programmes",
    "taxonomy": "wastes",
    "waste": "wastes",
}


def page_path(ref: Ref) -> str:
    """The Markdown path of an entry's main page."""
    if ref.kind == "term":
        return GLOSSARY_PAGE
    return f"{_FOLDER_OF_KIND[ref.kind]}/{ref.id}.md"


def worksheet_path(ref: Ref) -> str:
    return page_path(ref).removesuffix(".md") + "/worksheet.md"


def pack_path(programme_id: str) -> str:
    return f"programmes/{programme_id}/pack.md"


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
            term_id,
            (entry.term.term, *entry.term.aliases),
            tooltip_text(plain_text(entry.term.definition)),
            entry.term.match_case,
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
    env.filters["link_text"] = link_text
    env.filters["md"] = markdown_text  # plain text for Markdown, where a filter (join, lower) made it a str
    env.filters["url"] = markdown_url
    env.filters["yaml"] = yaml_string
    env.filters["css"] = css_string
    env.globals.update(
        PRINCIPLE_NAMES=PRINCIPLE_NAMES,
        relative=relative,
        term_uses_marker=term_uses_marker,
        prompt_version=prompt_version,
        Ref=Ref,
    )
    return env


def markdown_safe(value: object) -> object:
    """What every `{{ ... }}` prints: author text that can hold no HTML tag and end no attribute.

    Plain text is escaped for Markdown, so that it shows exactly as written (`markdown_text`).
    In Markdown, only `<` and `"` are escaped, so that Markdown (emphasis, lists, quotes,
    apostrophes) and glossary terms such as "Little's law" reach Python-Markdown as the author
    wrote them. Values already marked safe (`Markup`, e.g. from `| e` in HTML blocks) are
    printed as they are.
    """
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    if isinstance(value, PlainStr):
        return markdown_text(value)
    return Markup(value.replace("<", "&lt;").replace('"', "&quot;"))


def table_cell(text: str) -> str:
    """Text for one Markdown table cell: one line, and a `|` that does not end the cell."""
    if isinstance(text, PlainStr):
        return Markup(markdown_text(text).replace("|", "\\|"))
    return " ".join(str(text).split()).replace("|", "\\|")


def link_text(text: str) -> str:
    """Text for a Markdown link `[text](...)`: no bracket ends it early."""
    if isinstance(text, PlainStr):
        return markdown_text(text)
    return re.sub(r"([\\\[\]])", r"\\\1", str(text))


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def prompt_version(prompt: Prompt) -> str:
    """A fingerprint of what a prompt asks and the shape of its answer, its hint left out.

    Answers are kept with the fingerprint of the prompt they were typed under: once a question
    is reworded or its table gains a column, they belong to another question, and the sheet
    offers them instead of showing them as answers to the new one.
    """
    asked = prompt.model_dump(mode="json", exclude={"help"})
    return hashlib.sha256(json.dumps(asked, sort_keys=True).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Licence:
    """The content's licence, printed on every sheet so that a copy says what may be done with it."""

    name: str  # e.g. "CC BY-SA 4.0"
    url: str = ""  # where its terms are, linked from sheets on screen


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


DISCUSSED_KINDS = {"exercise": "exercise", "pdsa": "template", "programme": "programme", "waste": "waste"}
DISCUSSION_FIELDS = {
    "kind": "the kind of entry: exercise, pdsa, programme or waste",
    "id": "the entry's id, its file name",
    "title": "the entry's title",
    "url": "the entry's page on the published site",
}


def discussion_template_problem(template: str) -> str | None:
    """What is wrong with a discussion link template, or None if it can make links."""
    if not template.startswith(("https://", "http://")):
        return "must be an http(s) address"
    if re.search(r'[\s<>"]', template):
        return "may not hold spaces, quotes or angle brackets (write them percent-encoded, e.g. %20)"
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]
    except ValueError as error:
        return f"is not a valid template ({error}); write a literal brace as {{{{ or }}}}"
    unknown = sorted({field for field in fields if field not in DISCUSSION_FIELDS})
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in DISCUSSION_FIELDS)
        return (
            f"has unknown field{'s' if len(unknown) > 1 else ''} {', '.join(f'{{{u}}}' for u in unknown)}; use {known}"
        )
    return None


@dataclass(frozen=True)
class Site:
    """What pages need to know of the site they will be published on, and its owner's choices."""

    url: str = ""  # the published base address, printed on worksheets; "" when unknown
    licence: Licence | None = None  # printed on every sheet; None prints none
    discussion: str = ""  # a link template per entry (see DISCUSSION_FIELDS); "" for none
    reference_page: bool = True  # the field reference, for authors
    tags: bool = True  # entries' tags, in their front matter (for Material's tags plugin)
    tags_in_text: bool = False  # ...and written on the page, where no plugin shows them

    def address(self, page: str) -> str:
        path = page.removesuffix(".md").removesuffix("index").rstrip("/")
        path = f"{path}/" if path else ""
        return f"{self.url.rstrip('/')}/{path}" if self.url else f"/{path}"

    def discussion_link(self, ref: Ref, title: str, page: str) -> dict[str, str] | None:
        """The link to where an entry is discussed, each field quoted for a URL; None without discussion."""
        if not self.discussion:
            return None
        values = {"kind": ref.kind, "id": ref.id, "title": title, "url": self.address(page)}
        href = self.discussion.format_map({name: quote(value, safe="") for name, value in values.items()})
        return {"href": href, "text": f"Discuss this {DISCUSSED_KINDS[ref.kind]}"}


class Renderer:
    """Renders every page of a playbook."""

    def __init__(self, playbook: Playbook, site: Site | None = None) -> None:
        self.playbook = playbook
        self.site = site or Site()
        self.env = environment()

    def pages(self) -> Iterator[Page]:
        yield from self.exercise_pages()
        yield from self.waste_pages()
        yield from self.pdsa_pages()
        yield from self.programme_pages()
        if self.playbook.terms:
            yield self.glossary_page()
        if self.site.reference_page:
            yield Page(
                REFERENCE_PAGE,
                self._render("reference.md.j2", REFERENCE_PAGE, kinds=field_reference()),
                None,
                "Field reference",
            )

    def _index_page(self, folder: str, title: str, **context: object) -> Page:
        """A section's index page, `<folder>/index.md`, from the template `<folder>_index.md.j2`."""
        path = f"{folder}/index.md"
        return Page(path, self._render(f"{folder}_index.md.j2", path, **context), None, title)

    def _render(self, template_name: str, page: str, **context: object) -> str:
        return self.env.get_template(template_name).render(
            page=page,
            site=self.site,
            playbook=self.playbook,
            link=lambda target: relative(page, target),
            ref_link=self._ref_link(page),
            **context,
        )

    def _ref_link(self, page: str):
        def link(ref: Ref) -> dict[str, str]:
            return {"title": self.title_of(ref), "href": relative(page, self._ref_target(ref)), "kind": ref.kind}

        return link

    def _ref_target(self, ref: Ref) -> str:
        if ref.kind == "term":
            return f"{GLOSSARY_PAGE}#{ref.id}"
        return page_path(ref)

    def title_of(self, ref: Ref) -> str:
        p = self.playbook
        match ref.kind:
            case "exercise":
                return p.exercises[ref.id].model.title
            case "pdsa":
                return p.pdsa[ref.id].model.title
            case "programme":
                return p.programmes[ref.id].model.title
            case "taxonomy":
                return p.taxonomies[ref.id].model.title
            case "waste":
                return p.wastes[ref.id].waste.name
            case "term":
                return p.terms[ref.id].term.term
        raise ValueError(ref.kind)

    # --- exercises ---------------------------------------------------------------------------

    def exercise_pages(self) -> Iterator[Page]:
        exercises = self.playbook.exercises
        by_principle = {
            principle: sorted(
                (e for e in exercises.values() if e.model.principle == principle),
                key=lambda e: e.model.title.casefold(),
            )
            for principle in PRINCIPLES
        }
        yield self._index_page("exercises", "Exercises", by_principle=by_principle)
        for loaded in (e for group in by_principle.values() for e in group):
            exercise_id = loaded.id
            ref = Ref("exercise", exercise_id)
            path, sheet = page_path(ref), worksheet_path(ref)
            backlinks = self.playbook.links_to("exercise", exercise_id)
            yield Page(
                path,
                self._render(
                    "exercise.md.j2",
                    path,
                    entry=loaded,
                    exercise=loaded.model,
                    ref=ref,
                    worksheet=relative(path, sheet),
                    backlinks=backlinks,
                    discussion=self.site.discussion_link(ref, loaded.model.title, path),
                ),
                loaded.source,
                loaded.model.title,
                PRINCIPLE_NAMES[loaded.model.principle],
            )
            yield self._worksheet_page(
                sheet,
                plain(f"Worksheet: {loaded.model.title}"),
                [self._exercise_sheet(exercise_id)],
                path,
                loaded.source,
            )

    def _worksheet_page(
        self,
        path: str,
        title: str,
        sheets: list[Sheet],
        guide: str,
        source: str,
        cover: Cover | None = None,
    ) -> Page:
        """A printable page of one or more sheets, out of the navigation: its guide links to it.

        A programme's pack opens with its `cover`, ahead of the sheets.
        """
        # A participant's saved answers are named after the sheet, or the pack, they come from.
        name = posixpath.basename(posixpath.dirname(path)) + ("-pack" if cover else "")
        markdown = self._render(
            "worksheet.md.j2",
            path,
            sheets=sheets,
            title=title,
            guide=relative(path, guide),
            cover=cover,
            answers_file=f"{name}-answers.json",
        )
        return Page(path, markdown, source, title, in_nav=False)

    def _exercise_sheet(self, exercise_id: str) -> Sheet:
        exercise = self.playbook.exercises[exercise_id].model
        return self._sheet(
            Ref("exercise", exercise_id),
            "Exercise worksheet",
            exercise.title,
            exercise.worksheet.intro,
            [Section(None, exercise.worksheet.prompts)],
            exercise.last_reviewed,
        )

    def _sheet(
        self, ref: Ref, kind: str, title: str, intro: str | None, sections: list[Section], last_reviewed: datetime.date
    ) -> Sheet:
        address = self.site.address(worksheet_path(ref))
        return Sheet(f"{ref.kind}-{ref.id}", kind, title, intro, sections, last_reviewed, address, self.site.licence)

    # --- wastes ------------------------------------------------------------------------------

    def waste_pages(self) -> Iterator[Page]:
        p = self.playbook
        if not p.taxonomies:
            return
        yield self._index_page("wastes", "Wastes")
        for taxonomy_id, loaded in p.taxonomies.items():
            path, group = page_path(Ref("taxonomy", taxonomy_id)), loaded.model.title
            yield Page(
                path,
                self._render(
                    "taxonomy.md.j2",
                    path,
                    entry=loaded,
                    taxonomy=loaded.model,
                ),
                loaded.source,
                "Overview",
                group,
            )
            for waste_id, entry in p.wastes.items():
                if entry.taxonomy != taxonomy_id:
                    continue
                path = page_path(Ref("waste", waste_id))
                yield Page(
                    path,
                    self._render(
                        "waste.md.j2",
                        path,
                        entry=entry,
                        waste=entry.waste,
                        taxonomy=loaded,
                        parent=Ref("waste", entry.parent) if entry.parent else None,
                        backlinks=p.links_to("waste", waste_id),
                        discussion=self.site.discussion_link(Ref("waste", waste_id), entry.waste.name, path),
                    ),
                    loaded.source,
                    entry.waste.name,
                    group,
                )

    # --- PDSA templates ----------------------------------------------------------------------

    def pdsa_pages(self) -> Iterator[Page]:
        p = self.playbook
        if not p.pdsa:
            return
        templates = sorted(p.pdsa.values(), key=lambda e: e.model.title.casefold())
        yield self._index_page("pdsa", "PDSA templates", templates=templates)
        for loaded in templates:
            pdsa_id = loaded.id
            ref = Ref("pdsa", pdsa_id)
            path, sheet = page_path(ref), worksheet_path(ref)
            yield Page(
                path,
                self._render(
                    "pdsa.md.j2",
                    path,
                    entry=loaded,
                    template=loaded.model,
                    ref=ref,
                    worksheet=relative(path, sheet),
                    backlinks=p.links_to("pdsa", pdsa_id),
                    discussion=self.site.discussion_link(ref, loaded.model.title, path),
                ),
                loaded.source,
                loaded.model.title,
            )
            yield self._worksheet_page(
                sheet, plain(f"Worksheet: {loaded.model.title}"), [self._pdsa_sheet(pdsa_id)], path, loaded.source
            )

    def _pdsa_sheet(self, pdsa_id: str) -> Sheet:
        template = self.playbook.pdsa[pdsa_id].model
        phases = [("Plan", template.plan), ("Do", template.do), ("Study", template.study), ("Act", template.act)]
        return self._sheet(
            Ref("pdsa", pdsa_id),
            "PDSA worksheet",
            template.title,
            template.aim,
            [Section(name, phase.prompts) for name, phase in phases],
            template.last_reviewed,
        )

    # --- programmes --------------------------------------------------------------------------

    def programme_pages(self) -> Iterator[Page]:
        p = self.playbook
        if not p.programmes:
            return
        programmes = sorted(p.programmes.values(), key=lambda e: e.model.title.casefold())
        yield self._index_page("programmes", "Programmes", programmes=programmes)
        for loaded in programmes:
            programme_id = loaded.id
            path, pack = page_path(Ref("programme", programme_id)), pack_path(programme_id)
            agendas = p.agendas(programme_id)
            sessions = list(zip(loaded.model.sessions, agendas, strict=True))
            yield Page(
                path,
                self._render(
                    "programme.md.j2",
                    path,
                    entry=loaded,
                    programme=loaded.model,
                    sessions=sessions,
                    total=sum(a.total for a in agendas),
                    pack=relative(path, pack),
                    discussion=self.site.discussion_link(Ref("programme", programme_id), loaded.model.title, path),
                ),
                loaded.source,
                loaded.model.title,
            )
            exercise_ids = list(
                dict.fromkeys(
                    item.exercise
                    for session in loaded.model.sessions
                    for item in session.agenda
                    if isinstance(item, ExerciseItem)
                )
            )
            yield self._worksheet_page(
                pack,
                plain(f"Worksheet pack: {loaded.model.title}"),
                [self._exercise_sheet(e) for e in exercise_ids],
                path,
                loaded.source,
                cover=Cover(
                    f"programme-{programme_id}", loaded.model, sessions, self.site.address(pack), self.site.licence
                ),
            )

    # --- glossary ----------------------------------------------------------------------------

    def glossary_page(self) -> Page:
        terms = sorted(self.playbook.terms.values(), key=lambda t: t.term.term.casefold())
        return Page(GLOSSARY_PAGE, self._render("glossary.md.j2", GLOSSARY_PAGE, terms=terms), None, "Glossary")
