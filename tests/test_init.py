"""`playbook init`: a new playbook project that builds at once, for another organisation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from playbook.cli import main
from playbook.schema import schema_names, schema_text
from tests.conftest import navigation_sections


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments), catch_exceptions=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "acme-learning"
    result = run("init", str(root))
    assert result.exit_code == 0, result.output
    return root


def test_init_writes_a_site_one_entry_of_each_kind_and_the_schemas(project: Path) -> None:
    for path in ("mkdocs.yml", "README.md", ".gitignore", "docs/index.md", "docs/contributing/index.md"):
        assert (project / path).is_file(), path
    for folder in ("exercises", "wastes", "pdsa", "programmes", "glossary", "cards"):
        assert len(list((project / "docs" / folder).glob("*.yml"))) == 1, folder
    for name in schema_names():
        assert (project / "schema" / f"{name}.schema.json").read_text(encoding="utf-8") == schema_text(name)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Acme learning"
    assert config["theme"]["name"] == "material" and "custom_dir" not in config["theme"]
    assert "search" in config["plugins"][0] and "playbook" in config["plugins"][1]


@pytest.fixture(scope="module")
def built(project: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The new project's site, built as its README says, and what the build printed."""
    site = tmp_path_factory.mktemp("init-site") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
    )
    return site, result


def test_the_new_project_passes_check_and_builds_strict_with_its_worksheets(
    project: Path, built: tuple[Path, subprocess.CompletedProcess[str]]
) -> None:
    assert run("check", "--docs", str(project / "docs")).exit_code == 0
    site, result = built
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    sheet = (site / "exercises/first-exercise/worksheet/index.html").read_text(encoding="utf-8")
    assert 'class="pb-sheet"' in sheet and "assets/playbook/playbook.js" in sheet
    pack = (site / "programmes/first-programme/pack/index.html").read_text(encoding="utf-8")
    assert 'data-sheet="exercise-first-exercise"' in pack  # the programme schedules the exercise
    assert (site / "wastes/our-wastes-first-waste/index.html").is_file()
    glossary = (site / "glossary/index.html").read_text(encoding="utf-8")
    assert 'id="lean"' in glossary and '<a href="#lean">L</a>' in glossary  # the A-Z bar comes with the package


def test_the_new_project_puts_the_field_reference_under_its_contributors_guide(
    built: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    site, result = built
    assert result.returncode == 0, result.stderr
    sections = navigation_sections((site / "index.html").read_text(encoding="utf-8"))
    assert list(sections)[-1] == "Contributing", list(sections)  # after the readers' sections
    assert 'href="contributing/fields/"' in sections["Contributing"]
    assert (site / "contributing/fields/index.html").is_file()


def test_the_new_project_follows_the_readers_light_or_dark_setting(project: Path) -> None:
    palette = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["palette"]
    assert [entry["media"] for entry in palette] == [
        "(prefers-color-scheme)",
        "(prefers-color-scheme: light)",
        "(prefers-color-scheme: dark)",
    ]
    assert [entry.get("scheme") for entry in palette] == [None, "default", "slate"]
    assert all(entry["toggle"]["name"] for entry in palette)


def test_every_modeline_of_the_new_project_points_at_a_schema_it_holds(project: Path) -> None:
    for path in (project / "docs").rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("$schema=", 1)[1]).resolve().is_file(), path


def test_init_refuses_a_folder_that_holds_anything_and_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("mine\n", encoding="utf-8")
    result = run("init", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path.as_posix()}:1:1: error: the folder is not empty; nothing was written" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_init_takes_the_site_name_given(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "pb"), "--name", 'Acme: "Lean" L&D').exit_code == 0
    config = yaml.safe_load((tmp_path / "pb" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == 'Acme: "Lean" L&D'
