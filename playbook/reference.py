"""The field reference page's content, read from the same JSON Schema the editors use.

One source, three outputs: the models validate, `playbook schema` writes what editors check
against, and this module turns that schema into the tables of the field reference page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from playbook.model import CLOCK_PATTERN, ID_PATTERN, MARKDOWN_MEDIA_TYPE
from playbook.registry import schema_kind
from playbook.safety import PLAIN_TEXT_PATTERN
from playbook.schema import json_schema, modeline, schema_names

# For authors: beside the contributors' guide (`contributing/index.md`), out of the readers' sections
REFERENCE_PAGE, REFERENCE_TITLE = "contributing/fields.md", "Field reference"


@dataclass(frozen=True)
class FieldRow:
    name: str
    type: str  # Markdown: may link to a part's anchor
    required: bool
    description: str
    default: str  # "" when there is none, or when the field is required


@dataclass(frozen=True)
class Part:
    """A mapping an author writes: a kind's top level, or a nested part such as a step."""

    name: str
    anchor: str
    description: str
    fields: tuple[FieldRow, ...]


@dataclass(frozen=True)
class KindReference:
    name: str  # the schema name, e.g. "exercise"
    title: str
    folder: str
    modeline: str
    top: Part
    parts: tuple[Part, ...]  # the nested parts, in the order first met


def field_reference() -> list[KindReference]:
    """Every kind, its top-level fields, and the parts nested in it."""
    return [_kind(name) for name in schema_names()]


def human(class_name: str) -> str:
    """`GroupSize` -> `Group size`: a model's name as a heading."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name).capitalize()


def anchor(kind: str, part: str) -> str:
    return f"{kind}-{part.lower()}"


def _kind(name: str) -> KindReference:
    of = schema_kind(name)
    schema = json_schema(name)
    definitions = schema.get("$defs", {})
    order: list[str] = []
    top = _part(name, of.title, name, schema, definitions, order)
    parts = []
    seen: set[str] = set()
    while len(seen) < len(order):  # order grows while parts are read: breadth first
        part_name = next(n for n in order if n not in seen)
        seen.add(part_name)
        parts.append(_part(name, human(part_name), anchor(name, part_name), definitions[part_name], definitions, order))
    return KindReference(name, of.title, of.folder, modeline(name), top, tuple(parts))


def _part(
    kind: str, name: str, part_anchor: str, schema: dict[str, Any], definitions: dict[str, Any], order: list[str]
) -> Part:
    required = set(schema.get("required", []))
    rows = []
    for field_name, prop in schema.get("properties", {}).items():
        default = _default(prop) if field_name not in required else ""
        rows.append(
            FieldRow(
                field_name,
                _type(kind, prop, order),
                field_name in required,
                _cell(prop.get("description", "")),
                default,
            )
        )
    description = schema.get("description", "").split(" Files: ")[0]
    return Part(name, part_anchor, _cell(description), tuple(rows))


def _type(kind: str, prop: dict[str, Any], order: list[str]) -> str:
    """A field's type in words, with links to the parts it holds."""
    if "$ref" in prop:
        part = prop["$ref"].rsplit("/", 1)[-1]
        if part not in order:
            order.append(part)
        return f"[{human(part)}](#{anchor(kind, part)})"
    if "oneOf" in prop or "anyOf" in prop:
        members = [m for m in prop.get("oneOf", prop.get("anyOf", [])) if m.get("type") != "null"]
        words = [_type(kind, member, order) for member in members]
        if "discriminator" in prop:  # told apart by a field, e.g. a prompt's `shape`
            return f"one of the {prop['discriminator']['propertyName']}s " + ", ".join(words)
        return " or ".join(words)
    if "enum" in prop:
        return "one of " + ", ".join(f"`{value}`" for value in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    kind_of_value = prop.get("type")
    if kind_of_value == "array":
        items = _type(kind, prop.get("items", {}), order)
        return f"list of {items}" + _range(prop, "minItems", "maxItems", " item")
    if kind_of_value == "integer":
        return "whole number" + _range(prop, "minimum", "maximum", "")
    if kind_of_value == "string":
        return _string(prop)
    return str(kind_of_value or "any value")


def _string(prop: dict[str, Any]) -> str:
    pattern, form = prop.get("pattern"), prop.get("format")
    if form == "date":
        return "date, `YYYY-MM-DD`"
    if form == "uri":
        return "web address (http or https)"
    if pattern == ID_PATTERN:
        return "id (lowercase letters, digits, hyphens)"
    if pattern == CLOCK_PATTERN:
        return "time of day, `HH:MM` in quotes"
    if pattern == PLAIN_TEXT_PATTERN:
        return f"plain text (up to {prop.get('maxLength', 200)} characters)"
    if prop.get("contentMediaType") == MARKDOWN_MEDIA_TYPE:
        return "Markdown"
    return "text"


def _range(prop: dict[str, Any], low_key: str, high_key: str, unit: str) -> str:
    low, high = prop.get(low_key), prop.get(high_key)
    plural = unit + "s" if unit and (high or low) != 1 else unit
    if low is not None and high is not None:
        return f", {low} to {high}{plural}"
    if low is not None:
        return f", at least {low}{plural}"
    if high is not None:
        return f", at most {high}{plural}"
    return ""


def _default(prop: dict[str, Any]) -> str:
    if "default" in prop:
        return _literal(prop["default"])
    return "`[]`" if prop.get("type") == "array" else ""  # a list made by a default factory


def _literal(value: Any) -> str:
    if value is None:
        return "none"
    if value == []:
        return "`[]`"
    return f"`{value}`"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")
