"""Another organisation's playbook, built from a wheel of the package in a fresh environment.

The fixture under tests/fixtures/other-org/ has a three-line mkdocs.yml (`theme: material`,
`plugins: [search, playbook]`), no theme folder and nothing copied from this repository. The
package is built into a wheel and installed, without its dependencies, into a new virtual
environment that borrows the test environment's libraries by a plain path (so not its editable
copy of the package): whatever the site needs must come from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sheet_facts import REPO, pdf_pages, squash

from playbook.pdf import PAPERS, print_to_pdf, serve

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Page

pytestmark = pytest.mark.wheel

FIXTURE = REPO / "tests" / "fixtures" / "other-org"
SHEET = "exercises/handover-walk/worksheet/"
KEY = "exercise-handover-walk"


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path  # the fresh environment's scripts
    project: Path  # a copy of the other organisation's project


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command away from the repository, whose own `playbook/` would be imported first."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )
    assert result.returncode == 0, f"{' '.join(map(str, command))}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # the files a wheel is built from, so that no build output lands in the repository
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "playbook", source / "playbook", ignore=shutil.ignore_patterns("__pycache__"))
    _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", "dist", source, cwd=work
    )
    (wheel,) = (work / "dist").glob("*.whl")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work)
    paths = sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})
    # A plain path, not a site directory: the test environment's .pth files (its editable
    # install of the package among them) are not run in the new environment.
    Path(paths["purelib"], "test-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        Path(paths["scripts"], "python"),
        "install",
        "-q",
        "--no-deps",
        wheel,
        cwd=work,
    )
    project = work / "harbourside"
    shutil.copytree(FIXTURE, project)
    return Installed(wheel, Path(paths["scripts"]), project)


@pytest.fixture(scope="module")
def built(installed: Installed) -> Path:
    site = installed.project / "site"
    result = _run(installed.bin / "python", "-m", "mkdocs", "build", "--strict", "-d", site, cwd=installed.project)
    assert "WARNING" not in result.stderr
    return site


@pytest.fixture(scope="module")
def other_site(built: Path) -> Iterator[Site]:
    from conftest import Site

    with serve(built) as base:
        yield Site(built, base)


def test_the_wheel_carries_the_worksheet_assets_and_templates(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for packaged in (
        "playbook/assets/playbook.css",
        "playbook/assets/playbook.js",
        "playbook/templates/worksheet.md.j2",
    ):
        assert packaged in names
    imported = _run(installed.bin / "python", "-c", "import playbook; print(playbook.__file__)", cwd=installed.project)
    where = imported.stdout.strip()
    assert Path(where).is_relative_to(installed.bin.parent), f"playbook imported from {where}, not from the wheel"


def test_the_three_line_site_builds_with_the_packaged_assets(installed: Installed, built: Path) -> None:
    assert len((installed.project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()) == 3
    sheet = (built / SHEET / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../assets/playbook/playbook.css"' in sheet
    assert (built / "assets/playbook/playbook.js").is_file()
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary/#handover"' in home  # the glossary links a hand-written page


def test_the_installed_command_writes_the_schemas_where_the_modelines_point(installed: Installed) -> None:
    _run(installed.bin / "playbook", "schema", cwd=installed.project)
    for path in (installed.project / "docs").rglob("*.yml"):
        modeline = path.read_text(encoding="utf-8").splitlines()[0]
        assert (path.parent / modeline.split("$schema=", 1)[1]).is_file(), path


def test_the_worksheet_fills_in_and_keeps_its_answers(page: Page, other_site: Site) -> None:
    page.goto(other_site.url(SHEET))
    page.locator(f'[name="{KEY}.request"]').fill("Sepsis refresher for ward 7, asked 3 March")
    page.locator(f'[name="{KEY}.handovers.2"]').fill("Learning business partner")
    page.locator(f'[name="{KEY}.done.1"]').check()
    page.reload()
    assert page.locator(f'[name="{KEY}.request"]').input_value() == "Sepsis refresher for ward 7, asked 3 March"
    assert page.locator(f'[name="{KEY}.handovers.2"]').input_value() == "Learning business partner"
    assert page.locator(f'[name="{KEY}.done.1"]').is_checked()


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_the_worksheet_prints_on_one_page_with_its_answers_and_no_site_chrome(
    page: Page, other_site: Site, paper: str
) -> None:
    page.goto(other_site.url(SHEET))
    page.locator(f'[name="{KEY}.request"]').fill("Manual handling update")
    page.reload()
    pages = pdf_pages(print_to_pdf(page, other_site.url(SHEET), paper))
    assert len(pages) == 1, f"{len(pages)} pages for a three-prompt sheet"
    text = squash(pages[0][1])
    for shown in ("The handover walk", "Manual handling update", "Each person the request passed through, in order."):
        assert squash(shown) in text
    assert squash("Harbourside Learning Playbook") not in text and squash("Clear my answers") not in text
