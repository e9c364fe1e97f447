"""A new playbook project (`playbook init`): a site that builds at once, one entry of each kind."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from playbook.catalog import load_playbook
from playbook.errors import ContentError, ContentErrors
from playbook.schema import write_schemas
from playbook.skeleton import ExampleExercise, new_entry

# the first entries, in the order they are written (a programme schedules the exercise)
FIRST_ENTRIES = (
    ("exercise", "first-exercise"),
    ("taxonomy", "our-wastes"),
    ("pdsa", "first-cycle"),
    ("glossary", "lean"),
    ("deck", "first-deck"),
    ("programme", "first-programme"),
)
# project template -> file written, relative to the project
PROJECT_FILES = {
    "mkdocs.yml.j2": "mkdocs.yml",
    "README.md.j2": "README.md",
    "gitignore": ".gitignore",
    "index.md.j2": "docs/index.md",
    "contributing.md.j2": "docs/contributing/index.md",  # with the field reference beside it
}


@dataclass(frozen=True)
class Started:
    root: Path
    files: list[Path]  # every file written, in the order written


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("playbook", "templates/project"),
        autoescape=False,  # YAML and Markdown: values are quoted with `tojson` where needed
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def example_exercise(docs_dir: Path) -> ExampleExercise | None:
    """The shortest valid exercise, for a programme skeleton to schedule; None if there is none."""
    try:
        exercises = load_playbook(docs_dir).exercises
    except ContentErrors:
        return None
    if not exercises:
        return None
    shortest = min(exercises.values(), key=lambda e: (e.model.duration, e.id))
    return ExampleExercise(shortest.id, shortest.model.duration)


def name_from_folder(root: Path) -> str:
    """`acme-playbook` -> `Acme playbook`."""
    words = root.resolve().name.replace("-", " ").replace("_", " ").split()
    return " ".join(words).capitalize() or "Playbook"


def start_project(root: Path, name: str | None = None, *, today: datetime.date | None = None) -> Started:
    """Write a new project into `root`, which must be missing or empty: nothing is ever replaced."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ContentErrors(
            [
                ContentError(
                    root.as_posix(),
                    1,
                    1,
                    "the folder is not empty; nothing was written",
                    "give a new or empty folder, e.g. `playbook init my-playbook`",
                )
            ]
        )
    name = name or name_from_folder(root)
    written = []
    for template, target in PROJECT_FILES.items():
        path = root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:
            file.write(_environment().get_template(template).render(name=name))
        written.append(path)
    docs = root / "docs"
    for kind, entry_id in FIRST_ENTRIES:
        example = example_exercise(docs) if kind == "programme" else None
        written.append(new_entry(docs, kind, entry_id, today=today, exercise=example))
    written.extend(write_schemas(root / "schema"))
    return Started(root, written)
