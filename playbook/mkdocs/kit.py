"""`playbook kit`: the playbook for a training room with no network, in one zip.

The kit holds the whole site built to be opened from disk (Material's offline plugin: search
from a script instead of a server request, no directory URLs, and our frame worker instead of a
shim from a CDN), every printable page as PDF on each paper, and a README for the trainer. The
PDFs are printed from an ordinary build served on 127.0.0.1, exactly as `playbook pdf` prints.
Here are the two MkDocs builds; what needs no MkDocs (printing, README, zip) is `playbook/kit.py`.
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from playbook.kit import built_at, print_all, readme, zip_folder
from playbook.pdf import PAPERS, required_chromium

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

OFFLINE_PLUGIN = "material/offline"


def _load(config_file: Path, site_dir: Path, *, offline: bool) -> MkDocsConfig:
    from mkdocs.config import load_config  # MkDocs only for this command: `playbook check` starts faster

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    if offline:
        # Opened from disk, the repository's facts (a request to GitHub) and edit links cannot work.
        config.repo_url = None
        config.edit_uri = None
        offline_plugin = config.plugins.get(OFFLINE_PLUGIN)
        if offline_plugin is None:
            from material.plugins.offline.plugin import OfflinePlugin

            offline_plugin = OfflinePlugin()
            offline_plugin.load_config({})
            config.plugins[OFFLINE_PLUGIN] = offline_plugin
        offline_plugin.config.enabled = True
    return config


def _build(config: MkDocsConfig) -> None:
    from mkdocs.commands.build import build

    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def make_kit(config_file: Path, target: Path, papers: Iterable[str], executable: Path) -> Path:
    """Build the offline site and every PDF, and write them with a README into the zip `target`."""
    papers = list(papers)
    stamp = built_at()
    top = target.name.removesuffix(".zip")
    with tempfile.TemporaryDirectory(prefix="playbook-kit-") as work:
        online, kit = Path(work, "online"), Path(work, "kit")
        _build(_load(config_file, online, offline=False))
        pdfs = print_all(online, kit / "pdf", papers, executable)
        config = _load(config_file, kit / "site", offline=True)
        _build(config)
        built = datetime.datetime.fromtimestamp(stamp, datetime.UTC).date().isoformat()
        text = readme(config.site_name, config.site_url or "", config.copyright or "", len(pdfs), papers, built)
        (kit / "README.txt").write_text(text, encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        zip_folder(kit, partial, top, stamp)
        partial.replace(target)
    return target


@click.command("kit")
@click.option(
    "--config-file",
    "-f",
    "config_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's MkDocs configuration.",
)
@click.option(
    "--out",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("dist/playbook-kit.zip"),
    show_default=True,
    help="The zip to write.",
)
@click.option(
    "--paper",
    "papers",
    type=click.Choice(sorted(PAPERS)),
    multiple=True,
    default=("a4", "letter"),
    show_default=True,
    help="Paper sizes to print on; repeat for several.",
)
def kit(config_file: Path, target: Path, papers: tuple[str, ...]) -> None:
    """Write one zip for a room with no network: the site to open from disk, every PDF, a README."""
    if target.suffix != ".zip":
        raise click.BadParameter("the kit is a .zip file", param_hint="--out")
    executable = required_chromium()
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        written = make_kit(config_file, target, papers, executable)
    except (Abort, ConfigurationError) as problem:
        raise click.ClickException(f"the site did not build: {problem}") from None
    click.echo(f"wrote {written.as_posix()}")
