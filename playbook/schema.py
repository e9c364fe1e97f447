"""JSON Schema for each content kind, generated from the models, for editors to complete and check.

Each YAML file starts with ``# yaml-language-server: $schema=../../schema/<name>.schema.json``:
from ``docs/<folder>/<id>.yml``, the ``schema/`` folder next to the docs folder, where
``playbook schema`` writes them (and ``playbook init`` in a new project). This repository
commits them, and a test fails when a model changes without them being regenerated.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playbook.registry import Kind, file_kinds, schema_kind

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_names() -> list[str]:
    """The name of every kind's schema, as the YAML files point at them, e.g. "waste-taxonomy"."""
    return [_schema_of(k) for k in file_kinds()]


def _schema_of(of: Kind) -> str:
    if of.schema is None:
        raise ValueError(f"the {of.noun} kind has files but no schema name")
    return of.schema


def schema_file_name(name: str) -> str:
    return f"{name}.schema.json"


def schema_folder(docs_dir: Path) -> Path:
    """Where the modelines of the files under `docs_dir` point: `schema/` next to it."""
    return docs_dir.parent / "schema"


def modeline(name: str) -> str:
    """The first line of a content file, pointing editors at its schema."""
    return f"# yaml-language-server: $schema=../../schema/{schema_file_name(name)}"


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one kind, with the dialect and the folder its files live in."""
    of = schema_kind(name)
    assert of.model is not None  # kinds with a schema have files, and files a model
    schema = of.model.model_json_schema()
    described = schema.get("description", "")
    return {
        "$schema": SCHEMA_DIALECT,
        **schema,
        "description": f"{described} Files: docs/{of.folder}/<id>.yml.".strip(),
    }


def schema_text(name: str) -> str:
    """The schema as it is written to disk: stable key order, two-space indent, final newline."""
    return json.dumps(json_schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into `out_dir`; return the files written, in a stable order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in schema_names():
        path = out_dir / schema_file_name(name)
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(out_dir: Path) -> list[str]:
    """The schema files in `out_dir` that are missing or differ from the models."""
    stale = []
    for name in schema_names():
        path = out_dir / schema_file_name(name)
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(name):
            stale.append(path.name)
    return stale
