"""The fixture playbook built by MkDocs with Material and our plugin, end to end."""

import json
import re
import subprocess
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

import playbook.mkdocs.plugin as plugin_module
from playbook.assets import ASSETS
from playbook.catalog import Playbook
from tests.conftest import MINIMAL


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(MINIMAL, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert "not included in the" not in result.stderr  # worksheets are out of the nav on purpose
    return site


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_guides_worksheets_and_indexes_are_built(site: Path) -> None:
    for path in (
        "exercises/index.html",
        "exercises/sort-the-requests/index.html",
        "exercises/sort-the-requests/worksheet/index.html",
        "wastes/waiting/index.html",
        "pdsa/try-a-change/worksheet/index.html",
        "programmes/two-weeks/pack/index.html",
        "glossary/index.html",
    ):
        assert (site / path).is_file(), path


def test_yaml_sources_are_not_copied_into_the_site(site: Path) -> None:
    assert not list(site.rglob("*.yml"))


def test_the_guide_page_shows_the_yaml_content(site: Path) -> None:
    html = read(site, "exercises/sort-the-requests/index.html")
    assert "<title>Sort the requests - Fixture playbook</title>" in html
    assert "Sort the cards into three piles." in html
    assert 'href="worksheet/"' in html


def test_a_term_is_linked_in_a_hand_written_page_but_not_in_its_code_or_links(site: Path) -> None:
    html = read(site, "index.html")
    assert re.search(r'<a class="pb-term" href="glossary/#value-stream" title="[^"]+">value stream</a>', html)
    assert "<code>value stream</code>" in html
    assert '<a href="guides/note/">value stream</a>' in html


def test_a_term_is_linked_in_a_generated_page_but_not_in_its_headings(site: Path) -> None:
    html = read(site, "wastes/waiting/index.html")
    assert re.search(r'<a class="pb-term" href="../../glossary/#wip" [^>]*>work in progress</a>', html)
    assert not re.search(r"<h[1-6][^>]*>[^<]*<a class=\"pb-term\"", html)


def test_sources_are_not_glossary_linked(site: Path) -> None:
    html = read(site, "exercises/sort-the-requests/index.html")
    sources = html[html.index('class="pb-sources') :]
    assert "<em>Learning to See: Value Stream Mapping to Add Value and Eliminate Muda</em>" in sources
    assert "pb-term" not in sources[: sources.index("</div>")]


def test_the_glossary_lists_the_pages_that_use_each_term(site: Path) -> None:
    html = read(site, "glossary/index.html")
    entry = html[html.index('id="kanban"') :]
    entry = entry[: entry.index("</div>")]
    assert '<em>Used in:</em> <a href="..">Home</a>.' in entry


def test_exercises_are_grouped_by_principle_in_the_navigation(site: Path) -> None:
    for page, group, title in (
        ("sort-the-requests", "Value", "Sort the requests"),
        ("limit-the-work", "Flow", "Limit the work"),
    ):
        html = read(site, f"exercises/{page}/index.html")
        nav = html[html.index("md-nav--primary") : html.index("md-nav--secondary")]
        labels = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
        assert labels[labels.index(group) + 1] == title
        assert labels.index("Exercises") < labels.index(group)


def test_a_content_error_fails_the_build_with_its_position_and_no_traceback(
    minimal_copy: Path,
    tmp_path: Path,
) -> None:
    exercise = minimal_copy / "docs/exercises/limit-the-work.yml"
    exercise.write_text(exercise.read_text().replace("duration: 20", "duration: twenty"))
    result = mkdocs_build(minimal_copy, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/exercises/limit-the-work.yml:4:11: error: duration: input should be a valid integer" in result.stderr
    assert "the playbook has 1 content error" in result.stderr
    assert "Traceback" not in result.stderr


def test_search_finds_exercises_but_not_their_blank_worksheets(site: Path) -> None:
    index = json.loads(read(site, "search/search_index.json"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "exercises/sort-the-requests/" in locations
    assert not any(location.startswith("exercises/sort-the-requests/worksheet/") for location in locations)


def test_search_indexes_glossary_entries_but_not_their_lists_of_pages(site: Path) -> None:
    index = json.loads(read(site, "search/search_index.json"))
    (kanban,) = [doc for doc in index["docs"] if doc["location"] == "glossary/#kanban"]
    assert "pulls work into the next step" in kanban["text"]
    assert "Used in" not in kanban["text"]
    assert "<em>Used in:</em>" in read(site, "glossary/index.html")


def test_the_tags_page_lists_exercises_by_tag(site: Path) -> None:
    html = read(site, "tags/index.html")
    section = html[html.index('id="tag:requests"') :]
    assert 'href="../exercises/sort-the-requests/"' in section[: section.index("</ul>")]


def test_the_glossary_lists_guides_not_the_worksheets_that_repeat_them(site: Path) -> None:
    worksheet = read(site, "exercises/limit-the-work/worksheet/index.html")
    assert re.search(r'<a class="pb-term" href="../../../glossary/#waste"[^>]*>waste</a>', worksheet)
    html = read(site, "glossary/index.html")
    entry = html[html.index('id="waste"') :]
    entry = entry[: entry.index("</div>")]
    assert 'href="../exercises/limit-the-work/"' in entry
    assert "worksheet" not in entry and "pack" not in entry


def test_search_indexes_the_same_text_with_or_without_term_links(tmp_path: Path) -> None:
    indexes = {}
    for glossary in (True, False):
        site = tmp_path / f"glossary-{glossary}"
        config = load_config(str(MINIMAL / "mkdocs.yml"), site_dir=str(site))
        config.plugins["playbook"].config.glossary = glossary
        build(config)
        indexes[glossary] = json.loads(read(site, "search/search_index.json"))
        assert ('class="pb-term"' in read(site, "index.html")) is glossary
    assert indexes[True] == indexes[False]


def test_worksheets_link_the_stylesheet_and_script_the_package_ships(site: Path) -> None:
    html = read(site, "exercises/sort-the-requests/worksheet/index.html")
    assert 'href="../../../assets/playbook/playbook.css"' in html
    assert 'src="../../../assets/playbook/playbook.js" defer' in html
    for asset in ASSETS:
        assert (site / asset.site_path).read_bytes() == asset.source.read_bytes()


def test_a_theme_that_leaves_out_the_worksheet_assets_fails_the_strict_build_saying_what_is_missing(
    minimal_copy: Path, tmp_path: Path
) -> None:
    overrides = minimal_copy / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block scripts %}{% endblock %}\n')
    config = minimal_copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    result = mkdocs_build(minimal_copy, tmp_path / "site")
    assert result.returncode == 1
    assert "worksheet pages lack the playbook's stylesheet or script" in result.stderr
    assert "assets/playbook/playbook.css, assets/playbook/playbook.js" in result.stderr
    assert "exercises/limit-the-work/worksheet.md" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_hand_written_file_where_the_package_puts_its_assets_is_an_error(minimal_copy: Path, tmp_path: Path) -> None:
    stylesheet = minimal_copy / "docs/assets/playbook/playbook.css"
    stylesheet.parent.mkdir(parents=True)
    stylesheet.write_text("body { color: red }\n")
    result = mkdocs_build(minimal_copy, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/assets/playbook/playbook.css is written by hand but the playbook ships that file" in result.stderr


@pytest.mark.usefixtures("cyclic_collector_off")
def test_the_plugin_lets_the_model_go_once_its_pages_are_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing after `on_files` reads the loaded playbook: held for the whole build, its objects
    # would be walked by every full pass of the garbage collector over thousands of pages. It
    # must be freed by reference counting alone (the collector is off here): the plugin pauses
    # the collector while it loads and renders, and a reference cycle holding the playbook would
    # keep it alive until the collector's next pass.
    models: list[weakref.ref[Playbook]] = []
    freed_when_converted: list[bool] = []
    load, on_page_markdown = plugin_module._load, plugin_module.PlaybookPlugin.on_page_markdown

    def loading(config: MkDocsConfig) -> Playbook:
        playbook = load(config)
        models.append(weakref.ref(playbook))
        return playbook

    def converting(self: plugin_module.PlaybookPlugin, markdown: str, /, **kwargs: Any) -> str:
        freed_when_converted.append(models[-1]() is None)  # freed as it went out of use, no collection run
        return on_page_markdown(self, markdown, **kwargs)

    monkeypatch.setattr(plugin_module, "_load", loading)
    monkeypatch.setattr(plugin_module.PlaybookPlugin, "on_page_markdown", converting)
    config = load_config(str(MINIMAL / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    assert len(models) == 1 and freed_when_converted and all(freed_when_converted)
    assert (tmp_path / "site/exercises/limit-the-work/worksheet/index.html").is_file()
