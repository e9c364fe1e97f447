"""Commented skeletons for new entries (`playbook new`): real example values that validate."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from playbook.errors import ContentError, ContentErrors
from playbook.model import is_valid_id
from playbook.schema import modeline

# kind given on the command line -> (content folder, schema name)
KINDS: dict[str, tuple[str, str]] = {
    "exercise": ("exercises", "exercise"),
    "pdsa": ("pdsa", "pdsa"),
    "programme": ("programmes", "programme"),
    "taxonomy": ("wastes", "waste-taxonomy"),
    "glossary": ("glossary", "glossary"),
}
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
    kind: str, entry_id: str, *, today: datetime.date | None = None, exercise: ExampleExercise | None = None
) -> str:
    """The text of a new entry of `kind` with the id `entry_id`."""
    _, schema_name = KINDS[kind]
    length = WELCOME_AND_CLOSE + (exercise.duration if exercise else 45)
    return (
        _environment()
        .get_template(f"{kind}.yml.j2")
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
    kind: str,
    entry_id: str,
    *,
    today: datetime.date | None = None,
    exercise: ExampleExercise | None = None,
) -> Path:
    """Write the skeleton of a new entry; never replace a file that exists.

    Raises ContentErrors when the id is not valid or the file (in .yml or .yaml) exists.
    """
    folder, _ = KINDS[kind]
    target = docs_dir / folder / f"{entry_id}.yml"
    shown = target.as_posix()
    if not is_valid_id(entry_id):
        raise ContentErrors(
            [
                ContentError(
                    shown,
                    1,
                    1,
                    f"'{entry_id}' is not a valid id",
                    "use lowercase letters, digits and single hyphens, e.g. 'map-the-value-stream'",
                )
            ]
        )
    for link in (docs_dir / folder, target, target.with_suffix(".yaml")):
        if link.is_symlink():  # dangling or not: the file would be written wherever it points
            raise ContentErrors(
                [
                    ContentError(
                        link.as_posix(),
                        1,
                        1,
                        "this is a symbolic link: nothing is written through it",
                        "replace it with a real folder or remove it",
                    )
                ]
            )
    for existing in (target, target.with_suffix(".yaml")):
        if existing.exists():
            raise ContentErrors(
                [
                    ContentError(
                        existing.as_posix(),
                        1,
                        1,
                        "the file already exists and was left unchanged",
                        "choose another id, or edit the file",
                    )
                ]
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # "x": fails rather than overwrite
        file.write(skeleton(kind, entry_id, today=today, exercise=exercise))
    return target
