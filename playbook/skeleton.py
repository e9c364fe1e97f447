"""Commented skeletons for new entries (`playbook new`): real example values that validate."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from playbook.errors import ContentErrors
from playbook.model import is_valid_id
from playbook.registry import KINDS, kind
from playbook.schema import modeline


def new_kinds() -> list[str]:
    """The kinds `playbook new` starts an entry of; each has a template `skeleton/<name>.yml.j2`."""
    return [k.name for k in KINDS if k.skeleton]


WELCOME_AND_CLOSE = 15  # the minutes of the programme skeleton's two activities


@dataclass(frozen=True)
class ExampleExercise:
    """An existing exercise a programme skeleton can schedule, so that it shows a real one."""

    id: str
    duration: int


@cache
def _environment() -> Environment:
    # YAML, not HTML: values are quoted with `tojson` where they could be misread
    return Environment(
        loader=PackageLoader("playbook", "templates/skeleton"),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def title_from_id(entry_id: str) -> str:
    """`map-the-value-stream` -> `Map the value stream`."""
    return entry_id.replace("-", " ").capitalize()


def skeleton(
    kind_name: str, entry_id: str, *, today: datetime.date | None = None, exercise: ExampleExercise | None = None
) -> str:
    """The text of a new entry of the kind `kind_name` with the id `entry_id`."""
    schema_name = kind(kind_name).schema
    assert schema_name is not None  # kinds with a skeleton have files, and files a schema
    length = WELCOME_AND_CLOSE + (exercise.duration if exercise else 45)
    return (
        _environment()
        .get_template(f"{kind_name}.yml.j2")
        .render(
            modeline=modeline(schema_name),
            entry_id=entry_id,
            title=title_from_id(entry_id),
            term=entry_id.replace("-", " "),
            today=(today or datetime.date.today()).isoformat(),
            exercise=exercise,
            length=length,
        )
    )


def new_entry(
    docs_dir: Path,
    kind_name: str,
    entry_id: str,
    *,
    today: datetime.date | None = None,
    exercise: ExampleExercise | None = None,
) -> Path:
    """Write the skeleton of a new entry; never replace a file that exists.

    Raises ContentErrors when the id is not valid or the file (in .yml or .yaml) exists.
    """
    target = docs_dir / kind(kind_name).folder / f"{entry_id}.yml"
    shown = target.as_posix()
    if not is_valid_id(entry_id):
        raise ContentErrors.one(
            shown,
            f"'{entry_id}' is not a valid id",
            "use lowercase letters, digits and single hyphens, e.g. 'map-the-value-stream'",
        )
    for link in (target.parent, target, target.with_suffix(".yaml")):
        if link.is_symlink():  # dangling or not: the file would be written wherever it points
            raise ContentErrors.one(
                link.as_posix(),
                "this is a symbolic link: nothing is written through it",
                "replace it with a real folder or remove it",
            )
    for existing in (target, target.with_suffix(".yaml")):
        if existing.exists():
            raise ContentErrors.one(
                existing.as_posix(),
                "the file already exists and was left unchanged",
                "choose another id, or edit the file",
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # "x": fails rather than overwrite
        file.write(skeleton(kind_name, entry_id, today=today, exercise=exercise))
    return target
