"""Validate a loaded YAML document against its model, mapping errors back to positions."""

from __future__ import annotations

import re
import types
from functools import cache
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, Discriminator, Tag, ValidationError
from pydantic.fields import FieldInfo

from playbook.errors import ContentError, ContentErrors, nearest, suggestion
from playbook.load import Document, Location
from playbook.model import CLOCK_PATTERN, ID_PATTERN
from playbook.syntax import quoted

ModelT = TypeVar("ModelT", bound=BaseModel)
_DATE_HINT = "write dates as YYYY-MM-DD, e.g. 2026-03-01"
_TYPE_HINTS = {  # pydantic error type -> what the author should write instead
    "date_from_datetime_parsing": _DATE_HINT,
    "date_from_datetime_inexact": _DATE_HINT,
    "date_parsing": _DATE_HINT,
    "date_type": _DATE_HINT,
    "int_parsing": "write a whole number, e.g. 30",
    "int_from_float": "write a whole number, e.g. 30",
    "url_parsing": "write a full address, e.g. https://example.org/page",
    "url_scheme": "write a full address, e.g. https://example.org/page",
    "list_type": "write a list: one '- item' per line, or [a, b]",
    "dict_type": "write a mapping: one 'field: value' per line",
    "model_type": "write a mapping: one 'field: value' per line",
    "string_type": "put the text in quotes if it looks like a number, date or true/false",
}


def validate(document: Document, model: type[ModelT]) -> ModelT:
    """Return the document's data as `model`, or raise ContentErrors listing every problem."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        raise ContentErrors(_positioned(document, model, error)) from None


def _positioned(document: Document, model: type[BaseModel], error: ValidationError) -> list[ContentError]:
    found: dict[tuple[Location, str], ContentError] = {}
    misspelt: set[tuple[Location, str]] = set()  # (where, the field an unknown one most likely meant)
    for detail in error.errors(include_url=False):
        location = _data_location(document.data, detail["loc"], _tag_fields(model))
        if document.is_unread(location):  # the loader reported why this value could not be read
            continue
        kind = detail["type"]
        if kind == "extra_forbidden":
            name = str(location[-1])
            fields = _fields_at(model, location[:-1], document.data)
            content = document.error(location, f"unknown field '{name}'", suggestion(name, fields), of_key=True)
            meant = nearest(name, fields)
            if meant is not None:
                misspelt.add((location[:-1], meant))
        elif kind == "missing":
            name = str(detail["loc"][-1])
            where = _label(location[:-1]) if location[:-1] else "the top level"
            content = document.error(location[:-1], f"missing required field '{name}' in {where}")
        elif kind == "duplicate_id":
            places = [(*place, "id") for place in _occurrences_of_id(document.data, location, detail["ctx"]["id"])]
            first, second = (places[0], places[1]) if len(places) > 1 else (location, location)
            content = document.error(
                second, detail["msg"], f"the first is on line {document.position(first)[0]}; give each its own id"
            )
        elif kind == "union_tag_invalid":
            context = detail.get("ctx", {})
            field, tag = context.get("discriminator", "").strip("'"), str(context.get("tag"))
            expected = [t.strip().strip("'") for t in str(context.get("expected_tags", "")).split(",")]
            content = document.error((*location, field), f"unknown {field} '{tag}'", suggestion(tag, expected))
        elif kind == "union_tag_not_found":
            field = str(detail.get("ctx", {}).get("discriminator", "")).strip("'")
            tags = _union_tags(_annotation_at(model, location, document.data), field)
            content = document.error(
                location,
                f"missing required field '{field}' in {_label(location)}",
                "expected one of: " + ", ".join(f"'{tag}'" for tag in tags) if tags else "",
            )
        elif location == () and kind in ("model_type", "dict_type"):
            content = document.error(
                location,
                "the file must hold fields, one 'name: value' per line",
                "start with 'title: ...'; see the schema or the field reference",
            )
        elif detail["input"] is None and kind.endswith("_type"):
            line = document.text.splitlines()[document.position(location)[0] - 1 :][:1] or [""]
            hint = "text after ' #' is a comment: put the whole text in quotes" if " #" in line[0] else ""
            content = document.error(
                location, f"{_label(location)}: no value given", hint or "write a value after the colon"
            )
        elif kind == "string_type" and _is_text_with_a_colon(detail["input"]):
            ((name, value),) = detail["input"].items()
            text = f"{name}: {value}" if value is not None else f"{name}:"
            content = document.error(
                location,
                f"{_label(location)}: '{text}' reads as a field and its value, because of the ': '",
                f"put the whole text in quotes: {quoted(text)}",
            )
        elif kind == "string_pattern_mismatch" and detail["ctx"].get("pattern") == CLOCK_PATTERN:
            content = document.error(
                location,
                f"{_label(location)}: '{detail['input']}' is not a time of day",
                "write HH:MM on the 24-hour clock, in quotes, e.g. '09:30'",
            )
        elif location == () and kind == "value_error":  # a rule across fields, e.g. steps vs duration
            content = document.error(location, _lower_first(detail["msg"].removeprefix("Value error, ")))
        elif kind == "string_pattern_mismatch" and detail["ctx"].get("pattern") == ID_PATTERN:
            content = document.error(
                location,
                f"{_label(location)}: '{detail['input']}' is not a valid id",
                "use lowercase letters, digits and single hyphens, e.g. 'map-the-value-stream'",
            )
        else:
            message = detail["msg"].removeprefix("Value error, ")
            content = document.error(location, f"{_label(location)}: {_lower_first(message)}", _hint(kind, detail))
        found.setdefault((location, kind), content)
    # A misspelt field is one mistake: its did-you-mean names the field, which is not also missing
    return [
        content
        for (location, kind), content in found.items()
        if not (kind == "missing" and (location[:-1], location[-1]) in misspelt)
    ]


def _occurrences_of_id(data: Any, location: Location, wanted: str) -> list[Location]:
    """Where the mappings under `location` whose `id` is `wanted` are, in the order written."""
    node = data
    for part in location:
        node = node[part]
    found: list[Location] = []

    def visit(value: Any, here: Location) -> None:
        if isinstance(value, dict):
            if value.get("id") == wanted:
                found.append(here)
            for key, child in value.items():
                visit(child, (*here, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                visit(child, (*here, index))

    visit(node, location)
    return found


def _is_text_with_a_colon(value: Any) -> bool:
    """Whether `value` is what YAML makes of a line of text such as `- Ask: why?`."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    ((name, text),) = value.items()
    return isinstance(name, str) and (text is None or isinstance(text, (str, int, float)))


def _hint(kind: str, detail: Any) -> str:
    """A did-you-mean for a misspelt allowed value, else what to write for this kind of error."""
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(detail.get("ctx", {}).get("expected", "")))
        return suggestion(str(detail["input"]), allowed, listing_limit=0)
    return _TYPE_HINTS.get(kind, "")


def _lower_first(message: str) -> str:
    if message[1:2].isupper():  # an acronym such as URL stays as it is
        return message
    return message[:1].lower() + message[1:]


def _label(location: Location) -> str:
    parts = [f"[{part}]" if isinstance(part, int) else f".{part}" for part in location]
    return "".join(parts).lstrip(".") or "file"


def _data_location(data: Any, loc: tuple[Any, ...], tag_fields: frozenset[str]) -> Location:
    """Drop the parts of a pydantic location that name union members rather than data keys.

    A union told apart by a field (`tag_fields`, e.g. a prompt's `shape`) names its member by
    the field's value. Every part that exists in the data is kept; a last part that does not is
    a missing field.
    """
    result: list[str | int] = []
    node = data
    tag_skipped_for: object = None
    for index, part in enumerate(loc):
        if (
            isinstance(node, dict)
            and any(node.get(field) == part for field in tag_fields)
            and tag_skipped_for is not node
            and (part not in node or index < len(loc) - 1)
        ):
            tag_skipped_for = node  # the tag of a discriminated union, e.g. a prompt's shape
            continue
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:
            node = node[part]
            result.append(part)
        elif index == len(loc) - 1 and isinstance(part, str) and isinstance(node, dict):
            result.append(part)
    return tuple(result)


def _fields_at(model: type[BaseModel], location: Location, data: Any) -> list[str]:
    """The field names allowed at `location`, to suggest the nearest to a misspelt one."""
    current: Any = model
    node = data
    for part in location:
        node = _child(node, part)
        current = _member_for(_unwrap(current, part), node)
        if current is None:
            return []
    current = _member_for(current, node)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


@cache
def _tag_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields that tell the members of the model's unions apart, as its types declare them."""
    found: set[str] = set()
    seen: set[type[BaseModel]] = set()

    def visit(annotation: Any) -> None:
        while get_origin(annotation) is Annotated:
            annotation, *metadata = get_args(annotation)
            for meta in metadata:
                discriminator = meta.discriminator if isinstance(meta, (Discriminator, FieldInfo)) else None
                if isinstance(discriminator, str):
                    found.add(discriminator)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in seen:
                seen.add(annotation)
                for info in annotation.model_fields.values():
                    if isinstance(info.discriminator, str):
                        found.add(info.discriminator)
                    visit(info.annotation)
        else:
            for argument in get_args(annotation):
                visit(argument)

    visit(model)
    return frozenset(found)


def _annotation_at(model: type[BaseModel], location: Location, data: Any) -> Any:
    """The type the model declares at `location`, unions left whole."""
    current: Any = model
    node = data
    for part in location:
        current = _unwrap(_member_for(current, node), part)
        node = _child(node, part)
    return current


def _union_tags(annotation: Any, field: str) -> list[str]:
    """The values of `field` that tell apart the members of the union `annotation`, as declared."""
    union, _ = _unannotated(annotation)
    tags: list[str] = []
    for member in get_args(union):
        model, _ = _unannotated_with_tags(member)
        fields = model.model_fields if isinstance(model, type) and issubclass(model, BaseModel) else {}
        if field in fields:
            tags.extend(str(value) for value in get_args(fields[field].annotation))
    return sorted(tags)


def _child(node: Any, part: str | int) -> Any:
    """The value at `part` of a mapping or a list, or None where the data has none."""
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _unwrap(current: Any, part: str | int) -> Any:
    current = _member_for(current, None)
    if isinstance(part, int):
        args = [a for a in get_args(current) if a is not type(None)]
        return args[0] if args else None
    if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
        return current.model_fields[part].annotation
    return None


def _member_for(annotation: Any, node: Any) -> Any:
    """Resolve Optional/Union/Annotated to the model that fits the data.

    A union is resolved with its own discriminator, as pydantic does: a prompt's `shape`, or
    the function that tells an agenda's exercise from an activity.
    """
    annotation, discriminator = _unannotated(annotation)
    if get_origin(annotation) not in (Union, types.UnionType):
        return annotation
    members = [a for a in get_args(annotation) if a is not type(None)]
    if isinstance(node, dict) and discriminator is not None:
        tag = discriminator(node) if callable(discriminator) else node.get(discriminator)
        for member in members:
            model, tags = _unannotated_with_tags(member)
            if tag in tags or (isinstance(discriminator, str) and _literal_field_has(model, discriminator, tag)):
                return model
    resolved = [_member_for(member, node) for member in members]
    models = [m for m in resolved if isinstance(m, type) and issubclass(m, BaseModel)]
    return models[0] if models else (resolved[0] if resolved else None)


def _unannotated(annotation: Any) -> tuple[Any, Any]:
    """The type inside Annotated, and its union discriminator (a field name or a function) if any."""
    discriminator = None
    while get_origin(annotation) is Annotated:
        annotation, *metadata = get_args(annotation)
        for meta in metadata:
            if isinstance(meta, Discriminator) or (isinstance(meta, FieldInfo) and meta.discriminator is not None):
                discriminator = meta.discriminator
    return annotation, discriminator


def _unannotated_with_tags(annotation: Any) -> tuple[Any, set[str]]:
    tags: set[str] = set()
    while get_origin(annotation) is Annotated:
        annotation, *metadata = get_args(annotation)
        tags.update(meta.tag for meta in metadata if isinstance(meta, Tag))
    return annotation, tags


def _literal_field_has(model: Any, field: str, value: object) -> bool:
    fields = model.model_fields if isinstance(model, type) and issubclass(model, BaseModel) else {}
    return field in fields and value in get_args(fields[field].annotation)
