"""The shipped playbook on the three engines it supports, offline: MkDocs and ProperDocs through
the plugin, Zensical through `playbook render` and the playbook's Markdown extension.

Each must give the same pages, the same worksheet fields with the packaged assets, the same
glossary links and the same "Used in" lists (which the plugin and `render` both compute).
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
ENGINES = ("mkdocs", "properdocs", "zensical")
SHEET = "exercises/five-whys/worksheet/index.html"
GUIDE = "exercises/five-whys/index.html"
TERM_LINK = re.compile(r'<a class="pb-term" href="([^"]*)" title="([^"]+)">')
FIELD = re.compile(r'<(?:input|textarea)[^>]* name="(exercise-five-whys\.[^"]+)"')  # the sheet's, not the theme's
ENTRY = re.compile(r'data-glossary-entry="([a-z0-9-]+)"')
USES = re.compile(r'<p class="pb-term-uses"[^>]*>(.*?)</p>', re.S)


def _build(command: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, check=False)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, shipped_site: Path) -> dict[str, Path]:
    """MkDocs' build is the one every test shares; ProperDocs and Zensical build it here."""
    work = tmp_path_factory.mktemp("engines")
    config = str(REPO / "mkdocs.yml")
    _build(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", config, "-d", str(work / "properdocs")],
        REPO,
    )
    markdown = work / "markdown"
    _build([str(Path(sys.executable).parent / "playbook"), "render", "-f", config, "--out", str(markdown)], REPO)
    zensical = yaml.safe_load((REPO / "zensical.yml").read_text(encoding="utf-8"))
    zensical.update(docs_dir="markdown", site_dir="zensical")  # Zensical wants them relative to its config
    for extension in zensical["markdown_extensions"]:
        if isinstance(extension, dict) and "playbook.extension" in extension:
            extension["playbook.extension"]["docs_dir"] = str(REPO / "docs")
    (work / "zensical.yml").write_text(yaml.safe_dump(zensical), encoding="utf-8")
    _build([sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", "zensical.yml"], work)
    return {"mkdocs": shipped_site, **{engine: work / engine for engine in ENGINES[1:]}}


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("index.html")}


def test_the_engines_make_the_same_pages(sites: dict[str, Path]) -> None:
    made = {engine: pages(site) for engine, site in sites.items()}
    assert len(made["mkdocs"]) > 100
    for engine in ENGINES[1:]:
        assert made[engine] == made["mkdocs"], f"{engine}: {made[engine] ^ made['mkdocs']}"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_worksheet_has_every_field_and_the_packaged_assets(sites: dict[str, Path], engine: str) -> None:
    fields = FIELD.findall(read(sites["mkdocs"], SHEET))
    assert "exercise-five-whys.name" in fields and len(fields) > 5
    sheet = read(sites[engine], SHEET)
    assert FIELD.findall(sheet) == fields
    assert '"../../../assets/playbook/playbook.css"' in sheet
    assert re.search(r'<script src="../../../assets/playbook/playbook.js"', sheet)
    assert (sites[engine] / "assets/playbook/playbook.js").read_bytes() == (
        REPO / "playbook/assets/playbook.js"
    ).read_bytes()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_glossary_link_reaches_its_entry_with_its_definition(sites: dict[str, Path], engine: str) -> None:
    links = TERM_LINK.findall(read(sites[engine], GUIDE))
    assert links == TERM_LINK.findall(read(sites["mkdocs"], GUIDE))
    href, definition = links[0]
    target, anchor = href.split("#")
    glossary = (sites[engine] / "exercises/five-whys" / target / "index.html").resolve()
    assert glossary == (sites[engine] / "glossary/index.html").resolve()
    assert f'id="{anchor}"' in glossary.read_text(encoding="utf-8")
    assert definition


@pytest.mark.parametrize("engine", ENGINES[1:])
def test_the_glossary_lists_the_same_pages_using_each_term(sites: dict[str, Path], engine: str) -> None:
    def uses(site: Path) -> dict[str, list[str]]:
        """Each term's "Used in" links, read entry by entry."""
        entries = ENTRY.split(read(site, "glossary/index.html"))[1:]
        return {
            term: [
                posixpath.normpath(href)  # the home page is ".." on one engine, "../" on another
                for listed in USES.findall(entry)
                for href in re.findall(r'href="([^"]+)"', listed)
            ]
            for term, entry in zip(entries[::2], entries[1::2], strict=True)
        }

    expected = uses(sites["mkdocs"])
    assert sum(map(len, expected.values())) > 50
    assert uses(sites[engine]) == expected
