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


# --- Zensical and raw HTML: the MkDocs plugin's policy, applied by `render` and the extension ----

RAW_PAGE = (
    '# {title}\n\n<script>window.__ran = 1</script>\n\n<p>An <img src="x" onerror="window.__ran = 2"> image.</p>\n'
)
KEPT = "guides/kept.md"  # named in raw_html_pages


@pytest.fixture(scope="module")
def zensical_hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture playbook with script in its fields and in two hand-written pages, one of them
    named in `raw_html_pages`, written by `playbook render` and built by Zensical."""
    from tests.test_safety import BODY_PAYLOADS, hostile_copy

    project = hostile_copy(tmp_path_factory.mktemp("zensical-hostile"), BODY_PAYLOADS)
    (project / "docs/guides/raw.md").write_text(RAW_PAGE.format(title="Raw"), encoding="utf-8")
    (project / "docs" / KEPT).write_text(RAW_PAGE.format(title="Kept"), encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "playbook" in plugin:
            plugin["playbook"]["raw_html_pages"] = [KEPT]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _build([str(Path(sys.executable).parent / "playbook"), "render", "-f", "mkdocs.yml", "--out", "markdown"], project)
    zensical = yaml.safe_load((REPO / "zensical.yml").read_text(encoding="utf-8"))
    zensical.update(docs_dir="markdown", site_dir="site", site_url=config["site_url"])
    for extension in zensical["markdown_extensions"]:
        if isinstance(extension, dict) and "playbook.extension" in extension:
            extension["playbook.extension"].update(docs_dir=str(project / "docs"), raw_html_pages=[KEPT])
    (project / "zensical.yml").write_text(yaml.safe_dump(zensical), encoding="utf-8")
    _build([sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", "zensical.yml"], project)
    return project / "site"


def test_zensical_shows_a_hand_written_page_s_raw_html_as_text(zensical_hostile: Path) -> None:
    page = read(zensical_hostile, "guides/raw/index.html")
    assert "&lt;script&gt;window.__ran = 1&lt;/script&gt;" in page
    assert "window.__ran" not in "".join(re.findall(r"<script[^>]*>.*?</script>|<img[^>]*>", page, re.S))


def test_zensical_keeps_the_raw_html_of_a_page_named_in_raw_html_pages(zensical_hostile: Path) -> None:
    page = read(zensical_hostile, "guides/kept/index.html")
    assert "<script>window.__ran = 1</script>" in page and 'onerror="window.__ran = 2"' in page


def test_zensical_runs_no_script_an_author_wrote_in_the_content(zensical_hostile: Path) -> None:
    from tests.test_safety import active_content

    found = active_content(zensical_hostile)
    assert found.pop("guides/kept/index.html")  # the maintainer's choice: its image's onerror
    assert found == {}
    generated = read(zensical_hostile, "exercises/limit-the-work/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in generated  # the audience, shown as written
