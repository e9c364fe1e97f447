"""Safe YAML reading that remembers where every value came from.

PyYAML's safe loader is the starting point; on top of it this module rejects duplicate keys
(PyYAML silently keeps the last), bounds alias expansion, refuses oversized and non-UTF-8
files with a position, and can tell the line and column of every key and value so that later
stages can point an author at the exact place of a mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from playbook.errors import ContentError, ContentErrors
from playbook.syntax import explain

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 40  # real entries nest about eight levels; deeper is a mistake or an attack
MERGE_TAG = "tag:yaml.org,2002:merge"
_QUOTE_TEXT = "put the whole text in quotes"

Location = tuple[str | int, ...]
Positions = dict[Location, tuple[int, int]]
_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_STR_TAG = "tag:yaml.org,2002:str"
# libyaml's parser, where PyYAML was built with it, is some 20 times faster than the pure-Python
# one; a document it refuses is parsed again by the pure-Python one, whose messages we report.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """The data of one YAML file, and the 1-based position of each of its parts on demand.

    Positions are needed only to report a mistake, so they are found when first asked for, by
    parsing `text` again: a build of thousands of valid files never pays for them.
    """

    path: str
    data: Any
    text: str = field(repr=False)
    errors: list[ContentError] = field(default_factory=list)  # what could not be read; `data` holds the rest
    unread: set[Location] = field(default_factory=set)  # where a value was left out, reported in `errors`
    _positions: tuple[Positions, Positions] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def value_positions(self) -> Positions:
        """Where each value starts, by location, e.g. ("steps", 0, "minutes") -> (3, 14)."""
        return self._index()[0]

    @property
    def key_positions(self) -> Positions:
        """Where each mapping key starts, by the location of its value."""
        return self._index()[1]

    def _index(self) -> tuple[Positions, Positions]:
        if self._positions is None:
            values: Positions = {}
            keys: Positions = {}
            root = _compose(self.text, self.path) if self.data is not None else None
            if root is not None:
                _record_positions(root, (), values, keys)
            self._positions = (values, keys)
        return self._positions

    def position(self, location: Location, *, of_key: bool = False) -> tuple[int, int]:
        """Where `location` is written; the nearest written ancestor if it is missing."""
        positions = self.key_positions if of_key else self.value_positions
        for end in range(len(location), -1, -1):
            prefix = location[:end]
            if prefix in positions:
                return positions[prefix]
            if prefix in self.value_positions:
                return self.value_positions[prefix]
        return (1, 1)

    def is_unread(self, location: Location) -> bool:
        """Whether `location` lies in a value left out because it could not be read."""
        return any(location[: len(place)] == place for place in self.unread)

    def error(self, location: Location, message: str, hint: str = "", *, of_key: bool = False) -> ContentError:
        line, column = self.position(location, of_key=of_key)
        return ContentError(self.path, line, column, message, hint)


def _record_positions(node: Node, location: Location, values: Positions, keys: Positions) -> None:
    """Record where each part of a document the builder accepted is written (first one wins)."""
    values.setdefault(location, _mark(node))
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag != MERGE_TAG:
                here = (*location, key_node.value)
                keys.setdefault(here, _mark(key_node))
                _record_positions(value_node, here, values, keys)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _record_positions(item, (*location, index), values, keys)


def _mark(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Unreadable(Exception):
    """Raised when a document expands past MAX_NODES or nests past MAX_DEPTH: nothing of it is kept."""


class _Builder:
    """Turns a composed YAML node tree into plain data, counting nodes to bound aliases.

    A value that cannot be read is reported, left as None in the data and its location noted in
    `unread`, so that the rest of the document is still read and checked.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.constructor = SafeConstructor()
        self.nodes_seen = 0
        self.errors: list[ContentError] = []
        self.unread: set[Location] = set()

    def build(self, node: Node, location: Location, depth: int = 0) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise _Unreadable(
                self._at(node, f"too many values (over {MAX_NODES:,}); aliases may be expanding without bound")
            )
        if depth > MAX_DEPTH:
            raise _Unreadable(self._at(node, f"values are nested more than {MAX_DEPTH} levels deep"))
        if node.tag == _STR_TAG and type(node) is ScalarNode:  # most values: no constructor dispatch
            return node.value
        if isinstance(node, (MappingNode, SequenceNode)) and node.tag not in _COLLECTION_TAGS:
            return self._unread(
                location,
                self._at(node, f"the tag '{node.tag}' is not allowed here", "write plain YAML mappings and lists"),
            )
        if isinstance(node, MappingNode):
            return self._mapping(node, location, depth)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*location, index), depth + 1) for index, item in enumerate(node.value)]
        return self._scalar(node, location)

    def _scalar(self, node: Node, location: Location) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except ConstructorError as error:
            problem = error.problem or "this value cannot be read"
            if node.tag.startswith("!") and not node.tag.startswith("!!"):  # `!important` written as text
                return self._unread(
                    location,
                    self._at(node, f"a value that starts with '!' is read as a tag ('{node.tag}')", _QUOTE_TEXT),
                )
            return self._unread(location, self._at(node, problem))
        except ValueError as error:  # an impossible date such as 2025-02-30
            hint = "write dates as YYYY-MM-DD, e.g. 2026-03-01" if node.tag.endswith(":timestamp") else ""
            return self._unread(location, self._at(node, f"invalid value '{node.value}': {error}", hint))

    def _mapping(self, node: MappingNode, location: Location, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_given: dict[str, Node] = {}  # each key as first written, whether its value could be read or not
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.errors.append(self._at(key_node, "a key must be a plain name, not a list or mapping"))
                continue
            if key_node.tag == MERGE_TAG:  # `<<: *defaults` would hide where a value comes from
                self._unread(
                    location, self._at(key_node, "merge keys ('<<') are not supported", "write the fields out in full")
                )
                continue
            key = key_node.value  # as written: `null:` is the key 'null', `2026-02-30:` is no date
            if key in first_given:
                first_line = _mark(first_given[key])[0]
                self.errors.append(
                    self._at(key_node, f"duplicate key '{key}'", f"first given on line {first_line}; keep one")
                )
                continue
            first_given[key] = key_node
            result[key] = self.build(value_node, (*location, key), depth + 1)
        return result

    def _unread(self, location: Location, error: ContentError) -> None:
        self.errors.append(error)
        self.unread.add(location)

    def _at(self, node: Node, message: str, hint: str = "") -> ContentError:
        line, column = _mark(node)
        return ContentError(self.path, line, column, message, hint)


def _decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ContentErrors.one(
            path,
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            "save it as UTF-8",
            line=line,
            column=column,
        ) from None


def _code_point(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)


def parse_yaml(text: str, path: str) -> Document:
    """Parse YAML text into a Document; raise ContentErrors with positions on any problem."""
    return _checked(read_yaml(text, path))


def read_yaml(text: str, path: str) -> Document:
    """Parse YAML text into a Document that carries what could be read and every problem found.

    `data` is None when nothing could be read: a syntax error, an empty file, too many values.
    """
    try:
        root = _compose(text, path)
    except ContentErrors as problem:
        return Document(path, None, text, problem.errors)
    if root is None:
        return Document(path, None, text, [ContentError.of_file(path, "the file is empty")])
    builder = _Builder(path)
    try:
        data = builder.build(root, ())
    except _Unreadable as unreadable:
        return Document(path, None, text, [unreadable.args[0]])
    return Document(path, data, text, builder.errors, builder.unread)


def _checked(document: Document) -> Document:
    if document.errors:
        raise ContentErrors(document.errors)
    return document


def _compose(text: str, path: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except (yaml.YAMLError, RecursionError):
        return _compose_reporting_errors(text, path)


def _compose_reporting_errors(text: str, path: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        said = explain(error, text)
        raise ContentErrors.one(path, said.message, said.hint, line=said.line, column=said.column) from None
    except RecursionError:  # the composer recurses once per level of nesting
        raise ContentErrors.one(path, f"values are nested more than {MAX_DEPTH} levels deep") from None
    except yaml.reader.ReaderError as error:  # a control character the reader refuses
        before = text[: error.position]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        raise ContentErrors.one(
            path,
            f"the control character U+{_code_point(error.character):04X} is not allowed in YAML",
            "remove it or write it as an escape in a double-quoted string",
            line=line,
            column=column,
        ) from None


def load_yaml(file: Path, display: str) -> Document:
    """Read one YAML file from disk safely; `display` is the path shown in errors."""
    return _checked(read_yaml_file(file, display))


def read_yaml_file(file: Path, display: str) -> Document:
    """Read one YAML file from disk safely, as `read_yaml` does; `display` is the path shown in errors."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return Document(
                display,
                None,
                "",
                [
                    ContentError.of_file(
                        display,
                        f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                        "split it into several entries",
                    )
                ],
            )
        raw = file.read_bytes()
    except OSError as error:
        return Document(
            display, None, "", [ContentError.of_file(display, f"the file cannot be read: {error.strerror}")]
        )
    try:
        text = _decode(raw, display)
    except ContentErrors as problem:
        return Document(display, None, "", problem.errors)
    return read_yaml(text, display)
