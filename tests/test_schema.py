"""The JSON Schema files: generated from the models, committed, and in step with them."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from playbook.registry import file_kinds, kind
from playbook.schema import modeline, schema_file_name, schema_names, stale_schemas, write_schemas
from playbook.skeleton import new_kinds, skeleton

ROOT = Path(__file__).parents[1]
SCHEMA_DIR = ROOT / "schema"
FOLDER_SCHEMA = {k.folder: k.schema for k in file_kinds()}
SHIPPED = sorted((ROOT / "docs").glob("*/*.yml"))
CONTENT = sorted([*SHIPPED, *(ROOT / "tests/fixtures/minimal/docs").glob("*/*.yml")])


def _as_editor_sees_it(data: Any) -> Any:
    """YAML dates are strings to an editor's JSON Schema check."""
    if isinstance(data, dict):
        return {key: _as_editor_sees_it(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_as_editor_sees_it(value) for value in data]
    return data.isoformat() if isinstance(data, datetime.date) else data


def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMA_DIR / schema_file_name(name)).read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def test_the_committed_schemas_match_the_models() -> None:
    assert stale_schemas(SCHEMA_DIR) == [], "a model changed: run `playbook schema` and commit schema/"


def test_a_schema_edited_by_hand_or_left_behind_is_found_stale(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    assert stale_schemas(tmp_path) == []
    exercise = tmp_path / "exercise.schema.json"
    exercise.write_text(exercise.read_text().replace('"duration"', '"length"', 1))
    (tmp_path / "pdsa.schema.json").unlink()
    assert stale_schemas(tmp_path) == ["exercise.schema.json", "pdsa.schema.json"]


def test_there_is_one_schema_per_content_folder_with_the_names_files_point_at() -> None:
    assert sorted(FOLDER_SCHEMA) == ["cards", "exercises", "glossary", "pdsa", "programmes", "wastes"]
    assert sorted(path.name for path in SCHEMA_DIR.glob("*.json")) == [
        "deck.schema.json",
        "exercise.schema.json",
        "glossary.schema.json",
        "pdsa.schema.json",
        "programme.schema.json",
        "waste-taxonomy.schema.json",
    ]


def test_unknown_fields_are_refused_by_the_schema_as_by_the_models() -> None:
    schema = json.loads((SCHEMA_DIR / "exercise.schema.json").read_text())
    assert schema["additionalProperties"] is False
    assert schema["properties"]["principle"]["enum"] == ["value", "value-stream", "flow", "pull", "perfection"]
    assert "duration" in schema["required"]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_content_file_names_its_schema_on_its_first_line(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == modeline(FOLDER_SCHEMA[path.parent.name])


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_editor_schema_accepts_every_shipped_file(path: Path) -> None:
    data = _as_editor_sees_it(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [error.message for error in _validator(FOLDER_SCHEMA[path.parent.name]).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("kind_name", new_kinds())
def test_the_editor_schema_accepts_every_skeleton(kind_name: str) -> None:
    text = skeleton(kind_name, "a-new-entry", today=datetime.date(2026, 1, 1))
    data = _as_editor_sees_it(yaml.safe_load(text))
    assert list(_validator(kind(kind_name).schema).iter_errors(data)) == []


def test_the_editor_schema_flags_what_an_author_gets_wrong_most() -> None:
    text = skeleton("exercise", "a-new-entry", today=datetime.date(2026, 1, 1))
    data = _as_editor_sees_it(yaml.safe_load(text))
    data["duraton"] = data.pop("duration")
    data["principle"] = "flwo"
    data["title"] = "two\nlines"
    messages = sorted(error.message for error in _validator("exercise").iter_errors(data))
    assert any("'duraton' was unexpected" in m for m in messages)
    assert any("'flwo' is not one of" in m for m in messages)
    assert any(m.startswith("'two\\nlines' does not match") for m in messages)
    assert any("'duration' is a required property" in m for m in messages)


def test_the_field_reference_page_lists_every_field_of_every_model() -> None:
    from playbook.model import Exercise, PdsaTemplate, Programme, Session, Step, Term, Waste
    from playbook.reference import field_reference

    kinds = {kind.name: kind for kind in field_reference()}
    assert sorted(kinds) == sorted(schema_names())
    exercise = kinds["exercise"]
    assert [row.name for row in exercise.top.fields] == list(Exercise.model_fields)
    parts = {part.name: part for part in exercise.parts}
    assert [row.name for row in parts["Step"].fields] == list(Step.model_fields)
    assert {"Lines prompt", "Table prompt", "Scale prompt", "Checklist prompt", "List prompt"} <= set(parts)
    rows = {row.name: row for row in exercise.top.fields}
    assert rows["duration"].type == "whole number, 1 to 600" and rows["duration"].required
    assert rows["principle"].type == "one of `value`, `value-stream`, `flow`, `pull`, `perfection`"
    assert rows["steps"].type == "list of [Step](#exercise-step), at least 1 item"
    assert rows["tags"].default == "`[]`" and not rows["tags"].required
    assert [row.name for row in kinds["pdsa"].top.fields] == list(PdsaTemplate.model_fields)
    assert [row.name for row in kinds["programme"].top.fields] == list(Programme.model_fields)
    programme_parts = {part.name: part for part in kinds["programme"].parts}
    assert [row.name for row in programme_parts["Session"].fields] == list(Session.model_fields)
    starts_at = next(row for row in programme_parts["Session"].fields if row.name == "starts_at")
    assert starts_at.type == "time of day, `HH:MM` in quotes" and starts_at.default == "none"
    waste_parts = {part.name: part for part in kinds["waste-taxonomy"].parts}
    assert [row.name for row in waste_parts["Waste"].fields] == list(Waste.model_fields)
    glossary_parts = {part.name: part for part in kinds["glossary"].parts}
    assert [row.name for row in glossary_parts["Term"].fields] == list(Term.model_fields)


def test_the_field_reference_is_a_generated_page_with_an_anchor_per_part() -> None:
    from playbook.catalog import load_playbook
    from playbook.render import Renderer

    page = next(
        p
        for p in Renderer(load_playbook(ROOT / "tests/fixtures/minimal/docs")).pages()
        if p.path == "contributing/fields.md"
    )
    assert page.title == "Field reference" and page.source is None
    assert "## Exercise { #exercise }" in page.markdown
    assert "### Exercise: Step { #exercise-step }" in page.markdown
    assert "| `duration` | whole number, 1 to 600 | yes |" in page.markdown
