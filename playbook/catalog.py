"""The whole playbook: every entry loaded and validated, references resolved, backlinks known."""

from __future__ import annotations

import contextlib
import gc
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from playbook.errors import ContentError, ContentErrors, display_path, suggestion
from playbook.load import Document, Location, read_yaml_file
from playbook.model import (
    Exercise,
    ExerciseItem,
    Glossary,
    Minutes,
    PdsaTemplate,
    Programme,
    Session,
    Term,
    Waste,
    WasteTaxonomy,
    is_valid_id,
)
from playbook.registry import Kind, file_kinds, kind
from playbook.safety import docs_tree_errors
from playbook.schedule import Agenda, session_agenda
from playbook.validate import validate

ModelT = TypeVar("ModelT", bound=BaseModel)


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

    def ids(self, kind_name: str) -> Mapping[str, Loaded[Any] | WasteEntry | TermEntry]:
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
        sessions = self.programmes[programme_id].model.sessions
        named = {item.exercise for s in sessions for item in s.agenda if isinstance(item, ExerciseItem)}
        durations = {key: (e.model.title, e.model.duration) for key in named if (e := self.exercises.get(key))}
        return [session_agenda(s, durations) for s in sessions]


def is_content_path(relative: str) -> bool:
    """Whether a path under docs/ names a YAML file the playbook reads (its id is checked apart)."""
    folder, _, name = relative.rpartition("/")
    return folder in {k.folder for k in file_kinds()} and name.endswith((".yml", ".yaml"))


def content_files(docs_dir: Path) -> Iterator[tuple[Kind, Path]]:
    """Every YAML file the playbook reads, and the kind of its folder, in a stable order."""
    for file_kind in file_kinds():
        base = docs_dir / file_kind.folder
        if base.is_dir():
            for path in sorted([*base.glob("*.yml"), *base.glob("*.yaml")]):
                if path.is_file() and not path.is_symlink():  # a folder named x.yml, or a link, is not content
                    yield file_kind, path


@contextlib.contextmanager
def cyclic_collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block that makes next to no reference cycles.

    Loading allocates millions of small objects and no cycle, and rendering makes next to none;
    the collector's passes over the loaded playbook took half the time of `load_playbook` and a
    sixth of rendering's. Reference counting still frees everything: a block that also drops the
    playbook frees it before the collector ever walks it. So no cycle may hold the playbook (a
    closure or a template macro that calls itself, for one): `tests/test_render.py` checks.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@cyclic_collector_paused()
def load_playbook(docs_dir: Path, *, root: Path | None = None) -> Playbook:
    """Read, validate and cross-check every entry under `docs_dir`.

    Raises ContentErrors with every problem of every file at once; paths in errors are
    relative to `root` (the current directory by default).
    """
    playbook = Playbook()
    errors: list[ContentError] = []
    unchecked = _Unchecked()
    documents: list[tuple[Kind, str, Document]] = []  # (kind, id, document) of every file with data
    seen: dict[tuple[str, str], str] = {}  # (kind, id): the file that gave it
    shown_docs = display_path(docs_dir, root)  # resolved once, not once per file
    errors.extend(docs_tree_errors(docs_dir, shown_docs, skip=is_content_path))
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
        document = read_yaml_file(path, shown)
        errors.extend(document.errors)
        model = None
        if document.data is not None and file_kind.model is not None:
            try:
                model = validate(document, file_kind.model)
            except ContentErrors as problem:
                errors.extend(problem.errors)
        if file_kind.named_by_file and not is_valid_id(entry_id):
            errors.append(
                ContentError.of_file(
                    shown,
                    f"the file name '{path.name}' is not a valid id",
                    "name files with lowercase letters, digits and hyphens, e.g. 'five-whys.yml'",
                )
            )
            continue
        if document.data is not None:
            documents.append((file_kind, entry_id, document))
        if model is None:
            unchecked.add(file_kind, entry_id, document)
            continue
        if file_kind.named_by_file:
            playbook.entries[file_kind.name][entry_id] = Loaded(entry_id, model, document, relative)
        if isinstance(model, WasteTaxonomy):
            errors.extend(_index_wastes(playbook, Loaded(entry_id, model, document, relative)))
        elif isinstance(model, Glossary):
            errors.extend(_index_terms(playbook, Loaded(entry_id, model, document, relative)))
    errors.extend(_resolve_references(playbook, documents, unchecked))
    errors.extend(_check_agendas(playbook, documents))
    if errors:
        raise ContentErrors(errors)
    return playbook


@dataclass
class _Unchecked:
    """The ids that entries which failed validation define, so references to them are not errors.

    An exercise, PDSA template or programme is known by its file name whatever its content; the
    ids of wastes and terms are read from the data, or from `id:` lines of a file that could not
    be parsed at all.
    """

    ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # by kind name

    def add(self, file_kind: Kind, entry_id: str, document: Document) -> None:
        parts = file_kind.parts
        if parts is None:  # exercises, pdsa, programmes: the file name is the id
            self.ids[file_kind.name].add(entry_id)
        elif document.data is None:
            self.ids[parts].update(_WRITTEN_ID.findall(document.text))
        else:
            self.ids[parts].update(_ids_defined(parts, document.data))


# An `id: ...` as written in a waste or term, found in the text of a file that cannot be parsed
_WRITTEN_ID = re.compile(r"""(?:^|[\s{,])id:[ \t]+['"]?([a-z0-9]+(?:-[a-z0-9]+)*)\b""", re.MULTILINE)


def _ids_defined(kind_name: str, data: object) -> set[str]:
    """The waste or term ids an unvalidated taxonomy or glossary defines, as far as they can be read."""
    found: set[str] = set()
    pending = [_get(data, "wastes" if kind_name == "waste" else "terms")]
    while pending:
        items = pending.pop()
        for item in items if isinstance(items, list) else ():
            written = _get(item, "id")
            if isinstance(written, str):
                found.add(written)
            if kind_name == "waste":
                pending.append(_get(item, "children"))
    return found


def _get(data: object, key: str) -> object:
    return data.get(key) if isinstance(data, dict) else None


def _index_wastes(playbook: Playbook, loaded: Loaded[WasteTaxonomy]) -> list[ContentError]:
    errors: list[ContentError] = []
    _index_waste_tree(playbook, loaded, loaded.model.wastes, ("wastes",), None, errors)
    return errors


def _index_waste_tree(
    playbook: Playbook,
    loaded: Loaded[WasteTaxonomy],
    wastes: list[Waste],
    location: Location,
    parent: str | None,
    errors: list[ContentError],
) -> None:
    """Index `wastes` and their children. (Not a closure that calls itself: that would be a
    reference cycle holding the whole playbook, which only the cyclic collector could free.)"""
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
        _index_waste_tree(playbook, loaded, waste.children, (*here, "children"), waste.id, errors)


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


def _references(data: object, path: tuple[str, ...], location: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every id written at `path` in `data`, with its location; values that are no id are skipped."""
    if not path:
        if isinstance(data, str) and is_valid_id(data):
            yield location, data
    elif path[0] == "*":
        for index, item in enumerate(data if isinstance(data, list) else ()):
            yield from _references(item, path[1:], (*location, index))
    elif isinstance(data, dict) and path[0] in data:
        yield from _references(data[path[0]], path[1:], (*location, path[0]))


def _resolve_references(
    playbook: Playbook, documents: list[tuple[Kind, str, Document]], unchecked: _Unchecked
) -> list[ContentError]:
    """Check every id each document refers to, whether or not the document itself is valid."""
    errors: list[ContentError] = []
    for file_kind, entry_id, document in documents:
        for path, target_kind in file_kind.references:
            targets = playbook.ids(target_kind)
            for location, target in _references(document.data, path):
                if document.is_unread(location):
                    continue
                if file_kind.parts is not None and not file_kind.named_by_file:  # a reference from one part
                    part = document.data[location[0]][location[1]]
                    source = Ref(file_kind.parts, str(_get(part, "id")))
                else:
                    source = Ref(file_kind.name, entry_id)
                if Ref(target_kind, target) == source:
                    errors.append(document.error(location, f"'{target}' refers to itself", "remove it from the list"))
                elif target in targets:
                    playbook.backlinks[Ref(target_kind, target)].append(source)
                elif target not in unchecked.ids[target_kind]:
                    hint = suggestion(target, [*targets, *unchecked.ids[target_kind]])
                    noun = kind(target_kind).noun
                    errors.append(document.error(location, f"no {noun} has the id '{target}'", hint))
    return errors


def _check_agendas(playbook: Playbook, documents: list[tuple[Kind, str, Document]]) -> list[ContentError]:
    """Sessions whose agenda overruns their length; unknown exercises are counted as 0.

    A programme that failed validation has each of its valid sessions checked, and an exercise
    that failed validation counts with its duration where that was written as a number.
    """
    durations = {key: (e.model.title, e.model.duration) for key, e in playbook.exercises.items()}
    for file_kind, entry_id, document in documents:
        if file_kind.name == "exercise" and entry_id not in durations:
            try:
                durations[entry_id] = (entry_id, _MINUTES.validate_python(_get(document.data, "duration")))
            except ValidationError:  # reported with the exercise's other errors
                continue
    errors: list[ContentError] = []
    for file_kind, entry_id, document in documents:
        if file_kind.name != "programme":
            continue
        for index, session in _valid_sessions(playbook, entry_id, document):
            agenda = session_agenda(session, durations)
            if agenda.overrun:
                errors.append(
                    document.error(
                        ("sessions", index, "length"),
                        f"the session's agenda takes {agenda.total} minutes but its length is {agenda.length}",
                        f"cut {agenda.overrun} minutes or lengthen the session",
                    )
                )
    return errors


_MINUTES = TypeAdapter(Minutes)


def _valid_sessions(playbook: Playbook, programme_id: str, document: Document) -> Iterator[tuple[int, Session]]:
    if programme_id in playbook.programmes:
        yield from enumerate(playbook.programmes[programme_id].model.sessions)
        return
    sessions = _get(document.data, "sessions")
    for index, raw in enumerate(sessions if isinstance(sessions, list) else ()):
        try:
            yield index, Session.model_validate(raw)
        except ValidationError:  # reported with the programme's other errors
            continue
