"""The whole playbook: every entry loaded and validated, references resolved, backlinks known."""

from __future__ import annotations

import functools
import gc
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Literal, ParamSpec, TypeVar

from pydantic import BaseModel

from playbook.errors import ContentError, ContentErrors, display_path, suggestion
from playbook.load import Document, Location, load_yaml
from playbook.model import (
    FOLDERS,
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
from playbook.safety import docs_tree_errors
from playbook.schedule import Agenda, session_agenda
from playbook.validate import validate

Kind = Literal["exercise", "taxonomy", "waste", "pdsa", "programme", "term"]
ModelT = TypeVar("ModelT", bound=BaseModel)
P = ParamSpec("P")
R = TypeVar("R")


_KIND_OF_FOLDER = {"wastes": "waste", "glossary": "term"}


@dataclass(frozen=True)
class Loaded(Generic[ModelT]):
    """A validated entry and the file it came from."""

    id: str
    model: ModelT
    document: Document
    source: str  # path relative to the docs folder, e.g. "exercises/map-the-value-stream.yml"


@dataclass(frozen=True)
class WasteEntry:
    id: str
    waste: Waste
    taxonomy: str
    parent: str | None


@dataclass(frozen=True)
class TermEntry:
    term: Term
    source: str
    document: Document
    location: Location


@dataclass(frozen=True)
class Ref:
    """A pointer to one entry of the playbook."""

    kind: Kind
    id: str


@dataclass
class Playbook:
    exercises: dict[str, Loaded[Exercise]] = field(default_factory=dict)
    taxonomies: dict[str, Loaded[WasteTaxonomy]] = field(default_factory=dict)
    wastes: dict[str, WasteEntry] = field(default_factory=dict)
    pdsa: dict[str, Loaded[PdsaTemplate]] = field(default_factory=dict)
    programmes: dict[str, Loaded[Programme]] = field(default_factory=dict)
    terms: dict[str, TermEntry] = field(default_factory=dict)
    backlinks: dict[Ref, list[Ref]] = field(default_factory=lambda: defaultdict(list))
    sources: list[str] = field(default_factory=list)  # every YAML file read, relative to docs

    def links_to(self, kind: Kind, entry_id: str) -> list[Ref]:
        """Entries that refer to this one, in a stable order."""
        return sorted(set(self.backlinks.get(Ref(kind, entry_id), [])), key=lambda r: (r.kind, r.id))

    def agendas(self, programme_id: str) -> list[Agenda]:
        durations = {key: (e.model.title, e.model.duration) for key, e in self.exercises.items()}
        return [session_agenda(s, durations) for s in self.programmes[programme_id].model.sessions]


def is_content_path(relative: str) -> bool:
    """Whether a path under docs/ names a YAML file the playbook reads (its id is checked apart)."""
    folder, _, name = relative.rpartition("/")
    return folder in FOLDERS and name.endswith((".yml", ".yaml"))


def content_files(docs_dir: Path) -> Iterator[tuple[str, Path]]:
    """Every YAML file the playbook reads: (folder, path), in a stable order."""
    for folder in FOLDERS:
        base = docs_dir / folder
        if base.is_dir():
            for path in sorted([*base.glob("*.yml"), *base.glob("*.yaml")]):
                if path.is_file() and not path.is_symlink():  # a folder named x.yml, or a link, is not content
                    yield folder, path


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
    seen: dict[tuple[str, str], str] = {}  # (folder, id): the file that gave it
    shown_docs = display_path(docs_dir, root)  # resolved once, not once per file
    errors.extend(docs_tree_errors(docs_dir, shown_docs, skip=is_content_path))
    for folder, path in content_files(docs_dir):
        relative = path.relative_to(docs_dir).as_posix()
        shown = relative if shown_docs == "." else f"{shown_docs}/{relative}"
        playbook.sources.append(relative)
        entry_id = path.stem
        if folder != "glossary" and (folder, entry_id) in seen:
            errors.append(
                ContentError(
                    shown,
                    1,
                    1,
                    f"the id '{entry_id}' is already given by {seen[folder, entry_id]}",
                    "keep one of the two files",
                )
            )
            continue
        seen[folder, entry_id] = relative
        try:
            document = load_yaml(path, shown)
            model = validate(document, FOLDERS[folder])
        except ContentErrors as problem:
            errors.extend(problem.errors)
            # References into a file that cannot be read are not errors of their own.
            unusable.add(_KIND_OF_FOLDER[folder] if folder in ("wastes", "glossary") else entry_id)
            continue
        if folder != "glossary" and not is_valid_id(entry_id):
            errors.append(
                ContentError(
                    shown,
                    1,
                    1,
                    f"the file name '{path.name}' is not a valid id",
                    "name files with lowercase letters, digits and hyphens, e.g. 'five-whys.yml'",
                )
            )
            continue
        loaded = Loaded(entry_id, model, document, relative)
        if isinstance(model, Exercise):
            playbook.exercises[entry_id] = loaded
        elif isinstance(model, WasteTaxonomy):
            playbook.taxonomies[entry_id] = loaded
            errors.extend(_index_wastes(playbook, loaded))
        elif isinstance(model, PdsaTemplate):
            playbook.pdsa[entry_id] = loaded
        elif isinstance(model, Programme):
            playbook.programmes[entry_id] = loaded
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
    targets: dict[Kind, dict[str, object]] = {
        "exercise": playbook.exercises,
        "waste": playbook.wastes,
        "pdsa": playbook.pdsa,
        "term": playbook.terms,
    }

    def check(document: Document, location: Location, kind: Kind, target: str, source: Ref) -> None:
        if Ref(kind, target) == source:
            errors.append(document.error(location, f"'{target}' refers to itself", "remove it from the list"))
            return
        if target in targets[kind]:
            playbook.backlinks[Ref(kind, target)].append(source)
            return
        if target in unusable or kind in unusable:
            return
        label = {"pdsa": "PDSA template"}.get(kind, kind)
        errors.append(document.error(location, f"no {label} has the id '{target}'", suggestion(target, targets[kind])))

    for exercise_id, loaded in playbook.exercises.items():
        me = Ref("exercise", exercise_id)
        for field_name, kind in (("wastes", "waste"), ("pdsa", "pdsa"), ("related", "exercise")):
            for index, target in enumerate(getattr(loaded.model, field_name)):
                check(loaded.document, (field_name, index), kind, target, me)
    for pdsa_id, loaded in playbook.pdsa.items():
        me = Ref("pdsa", pdsa_id)
        for field_name, kind in (("wastes", "waste"), ("related", "exercise")):
            for index, target in enumerate(getattr(loaded.model, field_name)):
                check(loaded.document, (field_name, index), kind, target, me)
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
