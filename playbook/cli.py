"""The `playbook` command: check, new, schema and render with no MkDocs needed, and pdf."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import NoReturn

import click

from playbook.catalog import load_playbook
from playbook.errors import ContentErrors
from playbook.mkdocs.kit import kit
from playbook.pdf import pdf
from playbook.safety import UnsafeOutput
from playbook.schema import schema_folder, stale_schemas, write_schemas
from playbook.skeleton import new_entry, new_kinds
from playbook.starter import example_exercise, start_project


@click.group()
@click.version_option(package_name="lean-ld-playbook")
def main() -> None:
    """Build and check the Lean L&D Playbook's YAML content."""


DOCS_OPTION = click.option(
    "--docs",
    "docs_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs"),
    show_default=True,
    help="The folder that holds the content.",
)


@main.command()
@DOCS_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="`github` prints GitHub Actions annotations.",
)
def check(docs_dir: Path, output_format: str) -> None:
    """Validate every entry and reference; exit 1 if anything is wrong."""
    if not docs_dir.is_dir():
        _fail(f"error: no content folder at {docs_dir.as_posix()}/ (give one with --docs)")
    try:
        playbook = load_playbook(docs_dir)
    except ContentErrors as problems:
        _report(problems, output_format)
    gc.freeze()  # the command ends here: spare the interpreter's final collection a walk over every entry
    click.echo(
        f"ok: {_counted(len(playbook.exercises), 'exercise')}, {_counted(len(playbook.wastes), 'waste')} in "
        f"{_counted(len(playbook.taxonomies), 'taxonomy', 'taxonomies')}, "
        f"{_counted(len(playbook.pdsa), 'PDSA template')}, {_counted(len(playbook.programmes), 'programme')}, "
        f"{_counted(len(playbook.entries['deck']), 'card deck')}, {_counted(len(playbook.terms), 'glossary term')}"
    )


@main.command()
@click.argument("kind", type=click.Choice(sorted(new_kinds())))
@click.argument("entry_id", metavar="ID")
@DOCS_OPTION
def new(kind: str, entry_id: str, docs_dir: Path) -> None:
    """Start a new entry: writes docs/<folder>/<ID>.yml, a commented skeleton that validates.

    Never replaces a file that exists.
    """
    try:
        example = example_exercise(docs_dir) if kind == "programme" else None
        path = new_entry(docs_dir, kind, entry_id, exercise=example)
    except ContentErrors as problems:
        _report(problems, "text")
    click.echo(f"wrote {path.as_posix()}: replace the example values, then run `playbook check`")


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the *.schema.json files.  [default: schema/ next to the docs folder, where the "
    "YAML files' first lines point]",
)
@DOCS_OPTION
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if the files differ from the models.")
def schema(out_dir: Path | None, docs_dir: Path, check_only: bool) -> None:
    """Write the JSON Schema of every content kind, generated from the models."""
    out_dir = out_dir or schema_folder(docs_dir)
    if check_only:
        stale = stale_schemas(out_dir)
        if stale:
            _fail(f"error: out of date in {out_dir.as_posix()}/: {', '.join(stale)} (run `playbook schema`)")
        click.echo(f"ok: the schemas in {out_dir.as_posix()}/ match the models")
        return
    for path in write_schemas(out_dir):
        click.echo(f"wrote {path.as_posix()}")


@main.command()
@click.argument("project_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The site's name.  [default: from DIR, e.g. acme-playbook: Acme playbook]")
def init(project_dir: Path, name: str | None) -> None:
    """Start a new playbook project in DIR (new or empty) that builds at once.

    Writes mkdocs.yml, a README, one entry of each kind under docs/ and the schemas.
    """
    try:
        started = start_project(project_dir, name)
    except ContentErrors as problems:
        _report(problems, "text")
    for path in started.files:
        click.echo(f"wrote {path.as_posix()}")
    click.echo(f"next: cd {project_dir.as_posix()} && mkdocs serve --livereload")


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Where to write the Markdown pages.",
)
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder that holds the content.  [default: the config file's docs_dir, else docs]",
)
@click.option("--site-url", default=None, help="The published address, printed on worksheets.")
@click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="A mkdocs.yml whose playbook options (licence, discussion...), site_url and docs_dir to use.",
)
def render(out_dir: Path, docs_dir: Path | None, site_url: str | None, config_file: Path | None) -> None:
    """Write every page as plain Markdown, with copies of the hand-written files and the worksheet assets.

    For site tools that run no MkDocs plugins, such as Zensical: build the result with the
    `playbook.extension` Markdown extension, which links glossary terms.
    """
    # Imported here, not at the top: the other commands start faster without Markdown and the renderer.
    from playbook.export import export_markdown
    from playbook.site import Site

    site = Site(site_url or "")
    if config_file is not None:
        from playbook.options import OptionError, options_from_file, site_of

        try:
            read = options_from_file(config_file)
        except OptionError as error:
            _fail(f"error: {error}")
        for warning in read.warnings:
            click.echo(f"warning: {warning}", err=True)
        site = site_of(read.options, site_url or read.settings.get("site_url") or "", tags_shown_by_plugin=False)
        if docs_dir is None:
            folder = read.settings.get("docs_dir") or "docs"  # left empty, MkDocs' default too
            if not isinstance(folder, str):
                _fail(f"error: {config_file.as_posix()}: docs_dir must be a folder's path, not {folder!r}")
            docs_dir = config_file.parent / folder
    docs_dir = docs_dir or Path("docs")
    try:
        written = export_markdown(load_playbook(docs_dir), docs_dir, out_dir, site)
    except ContentErrors as problems:
        _report(problems, "text")
    except UnsafeOutput as refused:
        _fail(f"error: {refused}")
    click.echo(f"wrote {len(written)} files to {out_dir.as_posix()}/")


def _report(problems: ContentErrors, output_format: str) -> NoReturn:
    for error in problems.errors:
        click.echo(error.as_github_annotation() if output_format == "github" else str(error))
    _fail(f"{_counted(len(problems.errors), 'error')} found.")


def _counted(count: int, noun: str, plural: str = "") -> str:
    """'1 taxonomy', '2 taxonomies': a count with its noun in the singular or the plural."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)


main.add_command(pdf)  # `playbook pdf`: lives with the printing code in playbook/pdf.py
main.add_command(kit)  # `playbook kit`: the offline kit, in playbook/mkdocs/kit.py
