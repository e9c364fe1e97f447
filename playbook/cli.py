"""The `playbook` command: check, new, schema and render, with no MkDocs needed."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from playbook.catalog import load_playbook
from playbook.errors import ContentErrors


@click.group()
@click.version_option(package_name="lean-ld-playbook")
def main() -> None:
    """Build and check the Lean L&D Playbook's YAML content."""


@main.command()
@click.option("--docs", "docs_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("docs"),
              show_default=True, help="The folder that holds the content.")
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text",
              show_default=True, help="`github` prints GitHub Actions annotations.")
def check(docs_dir: Path, output_format: str) -> None:
    """Validate every entry and reference; exit 1 if anything is wrong."""
    try:
        playbook = load_playbook(docs_dir)
    except ContentErrors as problems:
        for error in problems.errors:
            click.echo(error.as_github_annotation() if output_format == "github" else str(error))
        count = len(problems.errors)
        click.echo(f"{count} error{'s' if count != 1 else ''} found.", err=True)
        sys.exit(1)
    click.echo(
        f"ok: {len(playbook.exercises)} exercises, {len(playbook.wastes)} wastes in "
        f"{len(playbook.taxonomies)} taxonomies, {len(playbook.pdsa)} PDSA templates, "
        f"{len(playbook.programmes)} programmes, {len(playbook.terms)} glossary terms"
    )
