"""The whole playbook: every entry loaded and validated, references resolved, backlinks known."""

from __future__ import annotations

import functools
import gc
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, ParamSpec, TypeVar

from pydantic import BaseModel

from playbook.errors import ContentError, ContentErrors, display_path, suggestion
from playbook.load import Document, Location, load_yaml
from playbook.model import (
    Exercise,
    ExerciseItem,
    Glossary,
    PdsaTemplate,
    Programme,
    Term,
    Waste,
    WasteTaxonomy,
    is_valid_id,
)
from playbook.registry import Kind, file_kinds, kind
from playbook.schedule import Agenda, session_agenda
from playbook.validate import validate

ModelT = TypeVar("ModelT", bound=BaseModel)
P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Loaded(Generic[ModelT]):
    """A validated entry and the file it came from."""

    id: str
    model: ModelT
    document: Document
    source: str  # path relative to the docs folder, e.g. "exercises/map-the-value-stream.yml"

    @property
    def title(self) -> str:
        return str(getattr(self.model, "title", self.id))


@dataclass(frozen=True)
class WasteEntry:
    id: str
    waste: Waste
    taxonomy: str
    parent: str | None

    @property
    def title(self) -> str:
        return self.waste.name


@dataclass(frozen=True)
class TermEntry:
    term: Term
    source: str
    document: Document
    location: Location

    @property
    def title(self) -> str:
        return self.term.term


@dataclass(frozen=True)
class Ref:
    """A pointer to one entry of the playbook."""

    kind: str  # the name of a kind of the registry, e.g. "exercise"
    id: str


@dataclass
class Playbook:
    # the entries of each kind whose files are named by their ids, by kind name, then by id
    entries: dict[str, dict[str, Loaded[Any]]] = field(
        default_factory=lambda: {k.name: {} for k in file_kinds() if k.named_by_file}
    )
    wastes: dict[str, WasteEntry] = field(default_factory=dict)
    terms: dict[str, TermEntry] = field(default_factory=dict)
    backlinks: dict[Ref, list[Ref]] = field(default_factory=lambda: defaultdict(list))
    sources: list[str] = field(default_factory=list)  # every YAML file read, relative to docs

    @property
    def exercises(self) -> dict[str, Loaded[Exercise]]:
        return self.entries["exercise"]

    @property
    def taxonomies(self) -> dict[str, Loaded[WasteTaxonomy]]:
        return self.entries["taxonomy"]

    @property
    def pdsa(self) -> dict[str, Loaded[PdsaTemplate]]:
        return self.entries["pdsa"]

    @property
    def programmes(self) -> dict[str, Loaded[Programme]]:
        return self.entries["programme"]

    def ids(self, kind_name: str) -> Mapping[str, object]:
        """Every entry of a kind, by id: what a reference to that kind may name."""
        if kind_name == "waste":
            return self.wastes
        if kind_name == "term":
            return self.terms
        return self.entries[kind_name]

    def links_to(self, kind_name: str, entry_id: str) -> list[Ref]:
        """Entries that refer to this one, in a stable order."""
        return sorted(set(self.backlinks.get(Ref(kind_name, entry_id), [])), key=lambda r: (r.kind, r.id))

    def agendas(self, programme_id: str) -> list[Agenda]:
        durations = {key: (e.model.title, e.model.duration) for key, e in self.exercises.items()}
        return [session_agenda(s, durations) for s in self.programmes[programme_id].model.sessions]


def content_files(docs_dir: Path) -> Iterator[tuple[Kind, Path]]:
    """Every YAML file the playbook reads, and the kind of its folder, in a stable order."""
    for file_kind in file_kinds():
        base = docs_dir / file_kind.folder
        if base.is_dir():
            for path in sorted([*base.glob("*.yml"), *base.glob("*.yaml")]):
                if path.is_file():  # a folder named x.yml, or a dangling link, is not content
                    yield file_kind, path


def _without_cyclic_gc(function: Callable[P, R]) -> Callable[P, R]:
    """Pause the cyclic garbage collector while `function` runs.

    Loading allocates millions of small objects and no reference cycles; the collector's passes
    over them took half the time of `load_playbook`. Reference counting still frees everything.
    """

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


@_without_cyclic_gc
def load_playbook(docs_dir: Path, *, root: Path | None = None) -> Playbook:
    """Read, validate and cross-check every entry under `docs_dir`.

    Raises ContentErrors with every problem of every file at once; paths in errors are
    relative to `root` (the current directory by default).
    """
    playbook = Playbook()
    errors: list[ContentError] = []
    unusable: set[str] = set()  # ids of unreadable files, or whole kinds ("waste", "term")
    seen: dict[tuple[str, str], str] = {}  # (kind, id): the file that gave it
    shown_docs = display_path(docs_dir, root)  # resolved once, not once per file
    for file_kind, path in content_files(docs_dir):
        relative = path.relative_to(docs_dir).as_posix()
        shown = relative if shown_docs == "." else f"{shown_docs}/{relative}"
        playbook.sources.append(relative)
        entry_id = path.stem
        if file_kind.named_by_file and (file_kind.name, entry_id) in seen:
            errors.append(
                ContentError.of_file(
                    shown,
                    f"the id '{entry_id}' is already given by {seen[file_kind.name, entry_id]}",
                    "keep one of the two files",
                )
            )
            continue
        seen[file_kind.name, entry_id] = relative
        assert file_kind.model is not None  # file kinds have a model
        try:
            document = load_yaml(path, shown)
            model = validate(document, file_kind.model)
        except ContentErrors as problem:
            errors.extend(problem.errors)
            # References into a file that cannot be read are not errors of their own.
            unusable.add(file_kind.parts or entry_id)
            continue
        if file_kind.named_by_file and not is_valid_id(entry_id):
            errors.append(
                ContentError.of_file(
                    shown,
                    f"the file name '{path.name}' is not a valid id",
                    "name files with lowercase letters, digits and hyphens, e.g. 'five-whys.yml'",
                )
            )
            continue
        loaded = Loaded(entry_id, model, document, relative)
        if file_kind.named_by_file:
            playbook.entries[file_kind.name][entry_id] = loaded
        if isinstance(model, WasteTaxonomy):
            errors.extend(_index_wastes(playbook, loaded))
        elif isinstance(model, Glossary):
            errors.extend(_index_terms(playbook, loaded))
    errors.extend(_resolve_references(playbook, unusable))
    errors.extend(_check_agendas(playbook))
    if errors:
        raise ContentErrors(errors)
    return playbook


def _index_wastes(playbook: Playbook, loaded: Loaded[WasteTaxonomy]) -> list[ContentError]:
    errors: list[ContentError] = []

    def visit(wastes: list[Waste], location: Location, parent: str | None) -> None:
        for index, waste in enumerate(wastes):
            here = (*location, index)
            if waste.id in playbook.wastes:
                other = playbook.wastes[waste.id].taxonomy
                errors.append(
                    loaded.document.error(
                        (*here, "id"),
                        f"the waste id '{waste.id}' is already used in taxonomy '{other}'",
                        "waste ids are shared by all taxonomies; choose another",
                    )
                )
            else:
                playbook.wastes[waste.id] = WasteEntry(waste.id, waste, loaded.id, parent)
            visit(waste.children, (*here, "children"), waste.id)

    visit(loaded.model.wastes, ("wastes",), None)
    return errors


def _index_terms(playbook: Playbook, loaded: Loaded[Glossary]) -> list[ContentError]:
    errors: list[ContentError] = []
    spellings = {
        form.casefold(): term_id
        for term_id, entry in playbook.terms.items()
        for form in (entry.term.term, *entry.term.aliases)
    }
    for index, term in enumerate(loaded.model.terms):
        location = ("terms", index)
        if term.id in playbook.terms:
            errors.append(
                loaded.document.error(
                    (*location, "id"),
                    f"the term id '{term.id}' is already defined",
                    f"in {playbook.terms[term.id].source}",
                )
            )
            continue
        for form_index, form in enumerate((term.term, *term.aliases)):
            owner = spellings.get(form.casefold())
            if owner is not None:
                where = (*location, "term") if form_index == 0 else (*location, "aliases", form_index - 1)
                errors.append(
                    loaded.document.error(
                        where,
                        f"'{form}' already names the term '{owner}'",
                        "a form may link to one term only",
                    )
                )
            spellings[form.casefold()] = term.id
        playbook.terms[term.id] = TermEntry(term, loaded.source, loaded.document, location)
    return errors


def _resolve_references(playbook: Playbook, unusable: set[str]) -> list[ContentError]:
    errors: list[ContentError] = []

    def check(document: Document, location: Location, kind_name: str, target: str, source: Ref) -> None:
        if Ref(kind_name, target) == source:
            errors.append(document.error(location, f"'{target}' refers to itself", "remove it from the list"))
            return
        targets = playbook.ids(kind_name)
        if target in targets:
            playbook.backlinks[Ref(kind_name, target)].append(source)
            return
        if target in unusable or kind_name in unusable:
            return
        noun = kind(kind_name).noun
        errors.append(document.error(location, f"no {noun} has the id '{target}'", suggestion(target, targets)))

    for exercise_id, loaded in playbook.exercises.items():
        me = Ref("exercise", exercise_id)
        for field_name, target_kind in (("wastes", "waste"), ("pdsa", "pdsa"), ("related", "exercise")):
            for index, target in enumerate(getattr(loaded.model, field_name)):
                check(loaded.document, (field_name, index), target_kind, target, me)
    for pdsa_id, loaded in playbook.pdsa.items():
        me = Ref("pdsa", pdsa_id)
        for field_name, target_kind in (("wastes", "waste"), ("related", "exercise")):
            for index, target in enumerate(getattr(loaded.model, field_name)):
                check(loaded.document, (field_name, index), target_kind, target, me)
    for programme_id, loaded in playbook.programmes.items():
        me = Ref("programme", programme_id)
        for s_index, session in enumerate(loaded.model.sessions):
            for a_index, item in enumerate(session.agenda):
                if isinstance(item, ExerciseItem):
                    location = ("sessions", s_index, "agenda", a_index, "exercise")
                    check(loaded.document, location, "exercise", item.exercise, me)
    for term_id, entry in playbook.terms.items():
        for index, target in enumerate(entry.term.see_also):
            check(entry.document, (*entry.location, "see_also", index), "term", target, Ref("term", term_id))
    return errors


def _check_agendas(playbook: Playbook) -> list[ContentError]:
    """Sessions whose agenda overruns their length; unknown exercises are counted as 0."""
    errors: list[ContentError] = []
    for programme_id, loaded in playbook.programmes.items():
        for index, agenda in enumerate(playbook.agendas(programme_id)):
            if agenda.overrun:
                errors.append(
                    loaded.document.error(
                        ("sessions", index, "length"),
                        f"the session's agenda takes {agenda.total} minutes but its length is {agenda.length}",
                        f"cut {agenda.overrun} minutes or lengthen the session",
                    )
                )
    return errors
