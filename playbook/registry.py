"""The kinds of content, in one table that loading, rendering, navigation and the tools read.

A kind is what a folder under `docs/` holds (exercises, PDSA templates...), or a part of such
a file with an address of its own (a waste of a taxonomy, a term of the glossary). Adding a
kind is one entry in `KINDS`, its model in `model.py`, and its templates: the loader finds its
folder, `playbook schema` writes its schema, the field reference documents it, the renderer
makes its pages, the navigation gives it a section, `playbook pdf` prints its printable pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from playbook.model import Deck, Exercise, Glossary, PdsaTemplate, Programme, WasteTaxonomy

GUIDE = "guide"  # the name of an entry's main page


@dataclass(frozen=True)
class PageSpec:
    """One page that each entry of a kind makes."""

    name: str  # how templates ask for it: `link("exercise", id, "worksheet")`
    path: str  # under the docs folder, `{id}` standing for the entry's id
    template: str
    title: str = "{title}"  # the page title, `{title}` standing for the entry's
    printable: bool = (
        False  # a sheet to print: out of the navigation (its guide links to it), and printed by `playbook pdf`
    )
    made_if: str | None = None  # made only for entries whose model has this attribute set, e.g. an example

    def path_of(self, entry_id: str) -> str:
        return self.path.format(id=entry_id)

    def made_for(self, model: object) -> bool:
        """Whether an entry with this model has the page."""
        return self.made_if is None or bool(getattr(model, self.made_if, None))


@dataclass(frozen=True)
class Kind:
    """One kind of content: where its files live, what they hold, and which pages they make."""

    name: str  # what references and links call it, e.g. "exercise"
    noun: str  # one entry in a sentence, e.g. "PDSA template"
    section: str  # the title of the folder's index page and navigation section, e.g. "PDSA templates"
    folder: str  # under the docs folder, and in the site's addresses
    model: type[BaseModel] | None = None  # what each file follows; None for a part of another kind's files
    schema: str | None = None  # the name of its JSON Schema, `schema/<schema>.schema.json`
    pages: tuple[PageSpec, ...] = ()  # the pages each entry makes, the guide first
    index: str | None = None  # the template of the folder's index page, `<folder>/index.md`
    anchor: str | None = None  # for a kind with no page of its own: the page its entries are anchors on
    parts: str | None = None  # the kind of the entries each file holds, with ids of their own
    named_by_file: bool = True  # the file name is the entry's id; False where files only gather parts
    # where its files refer to other entries: a path into the data ("*" for every item) and the kind named
    references: tuple[tuple[tuple[str, ...], str], ...] = ()
    worksheet: bool = False  # its guide has a participant worksheet, printed with programmes' packs
    skeleton: bool = False  # `playbook new <name> <id>` writes a commented example
    discussed_as: str | None = None  # its guide links to a discussion: "Discuss this <discussed_as>"

    @property
    def title(self) -> str:
        """The noun as a heading, e.g. "PDSA template"."""
        return self.noun[:1].upper() + self.noun[1:]

    @property
    def index_path(self) -> str:
        return f"{self.folder}/index.md"

    def page_path(self, entry_id: str, page: str = GUIDE) -> str:
        """The Markdown path of one of an entry's pages, with an anchor where entries share one."""
        if self.anchor is not None:
            return f"{self.anchor}#{entry_id}"
        return self.page(page).path_of(entry_id)

    def page(self, name: str) -> PageSpec:
        for spec in self.pages:
            if spec.name == name:
                return spec
        raise KeyError(f"the {self.noun} kind makes no '{name}' page")


def _guide(folder: str, template: str, title: str = "{title}") -> PageSpec:
    return PageSpec(GUIDE, f"{folder}/{{id}}.md", template, title)


def _worksheet(folder: str) -> PageSpec:
    return PageSpec("worksheet", f"{folder}/{{id}}/worksheet.md", "worksheet.md.j2", "Worksheet: {title}", True)


def _example(folder: str) -> PageSpec:
    return PageSpec(
        "example", f"{folder}/{{id}}/example.md", "example.md.j2", "Filled-in example: {title}", True, "worked_example"
    )


KINDS: tuple[Kind, ...] = (
    Kind(
        "exercise",
        "exercise",
        "Exercises",
        "exercises",
        Exercise,
        "exercise",
        (_guide("exercises", "exercise.md.j2"), _worksheet("exercises"), _example("exercises")),
        index="exercises_index.md.j2",
        references=(
            (("wastes", "*"), "waste"),
            (("pdsa", "*"), "pdsa"),
            (("related", "*"), "exercise"),
            (("decks", "*"), "deck"),
        ),
        worksheet=True,
        skeleton=True,
        discussed_as="exercise",
    ),
    Kind(
        "taxonomy",
        "waste taxonomy",
        "Wastes",
        "wastes",
        WasteTaxonomy,
        "waste-taxonomy",
        (_guide("wastes", "taxonomy.md.j2", "Overview"),),
        index="wastes_index.md.j2",
        parts="waste",
        skeleton=True,
    ),
    Kind("waste", "waste", "Wastes", "wastes", pages=(_guide("wastes", "waste.md.j2"),), discussed_as="waste"),
    Kind(
        "pdsa",
        "PDSA template",
        "PDSA templates",
        "pdsa",
        PdsaTemplate,
        "pdsa",
        (_guide("pdsa", "pdsa.md.j2"), _worksheet("pdsa"), _example("pdsa")),
        index="pdsa_index.md.j2",
        references=((("wastes", "*"), "waste"), (("related", "*"), "exercise")),
        worksheet=True,
        skeleton=True,
        discussed_as="template",
    ),
    Kind(
        "programme",
        "programme",
        "Programmes",
        "programmes",
        Programme,
        "programme",
        (
            _guide("programmes", "programme.md.j2"),
            PageSpec("pack", "programmes/{id}/pack.md", "worksheet.md.j2", "Worksheet pack: {title}", True),
        ),
        index="programmes_index.md.j2",
        references=((("sessions", "*", "agenda", "*", "exercise"), "exercise"),),
        skeleton=True,
        discussed_as="programme",
    ),
    Kind(
        "deck",
        "card deck",
        "Card decks",
        "cards",
        Deck,
        "deck",
        (
            _guide("cards", "deck.md.j2"),
            PageSpec("print", "cards/{id}/print.md", "deck_print.md.j2", "Cards to print: {title}", True),
        ),
        index="decks_index.md.j2",
        skeleton=True,
        discussed_as="deck",
    ),
    Kind(
        "glossary",
        "glossary",
        "Glossary",
        "glossary",
        Glossary,
        "glossary",
        index="glossary.md.j2",
        parts="term",
        named_by_file=False,
        references=((("terms", "*", "see_also", "*"), "term"),),
        skeleton=True,
    ),
    Kind("term", "term", "Glossary", "glossary", anchor="glossary/index.md"),
)

_BY_NAME = {kind.name: kind for kind in KINDS}


def kind(name: str) -> Kind:
    """The kind called `name`, e.g. "exercise"."""
    return _BY_NAME[name]


def file_kinds() -> Iterator[Kind]:
    """The kinds authors write files of, one folder each, in the order of the navigation."""
    return (k for k in KINDS if k.model is not None)


def schema_kind(schema: str) -> Kind:
    """The kind whose JSON Schema is called `schema`, e.g. "waste-taxonomy"."""
    return next(k for k in file_kinds() if k.schema == schema)


def sections() -> dict[str, str]:
    """Each content folder and the title of its section, in the order of the navigation."""
    return {k.folder: k.section for k in file_kinds()}


def printable_specs() -> Iterator[PageSpec]:
    """The pages made to be printed: worksheets, packs."""
    return (spec for k in KINDS for spec in k.pages if spec.printable)
