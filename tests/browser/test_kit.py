"""The offline kit as a trainer meets it: unzipped in a room with no network, opened from disk."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
import yaml
from sheet_facts import FIXTURE, REPO, link_targets

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

KIT = "fixture-kit"
SHEET = "exercises/sort-the-requests/worksheet.html"  # no directory URLs: opened from disk
ANSWER = "Requests wait nine days for triage"


@pytest.fixture(scope="module")
def kit_zip(tmp_path_factory: pytest.TempPathFactory, chromium: Path) -> Path:
    folder = tmp_path_factory.mktemp("kit")
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\nsite_name: Fixture playbook\ndocs_dir: {FIXTURE / 'docs'}\n"
        f"theme:\n  name: material\n  custom_dir: {REPO / 'overrides'}\n",
        encoding="utf-8",
    )
    target = folder / f"{KIT}.zip"
    result = subprocess.run(
        [str(Path(sys.executable).with_name("playbook")), "kit", "-f", str(config), "--out", str(target)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAYBOOK_CHROMIUM": str(chromium)},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return target


@pytest.fixture(scope="module")
def kit(kit_zip: Path) -> Path:
    with zipfile.ZipFile(kit_zip) as archive:
        archive.extractall(kit_zip.parent / "unzipped")
    return kit_zip.parent / "unzipped" / KIT


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A tab in a fresh profile where every request that is not for a file on disk is refused."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    refused: list[str] = []

    def stay_on_disk(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", stay_on_disk)
    yield context.new_page(), refused
    context.close()


def test_the_kit_holds_the_site_a_readme_and_every_printable_page_on_both_papers(kit: Path) -> None:
    assert (kit / "site" / "index.html").is_file()
    assert "site/index.html" in (kit / "README.txt").read_text(encoding="utf-8")
    on_a4 = {path.relative_to(kit / "pdf" / "a4").as_posix() for path in (kit / "pdf" / "a4").rglob("*.pdf")}
    on_letter = {
        path.relative_to(kit / "pdf" / "letter").as_posix() for path in (kit / "pdf" / "letter").rglob("*.pdf")
    }
    assert "exercises/sort-the-requests/worksheet-a4.pdf" in on_a4
    assert "programmes/two-weeks/pack-a4.pdf" in on_a4
    assert {name.replace("-a4.pdf", "") for name in on_a4} == {name.replace("-letter.pdf", "") for name in on_letter}
    for pdf in (kit / "pdf").rglob("*.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF-"), pdf


def test_the_kit_s_pdfs_link_to_the_published_site_not_to_the_server_that_printed_them(kit: Path) -> None:
    published = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    targets = [target for pdf in (kit / "pdf").rglob("*.pdf") for target in link_targets(pdf.read_bytes())]
    assert [target for target in targets if urlsplit(target).hostname in {"127.0.0.1", "localhost"}] == []
    assert [target for target in targets if target.startswith(published)], targets


def test_search_finds_waste_from_disk_with_no_request_leaving_the_machine(
    kit: Path, offline_page: tuple[Page, list[str]]
) -> None:
    page, refused = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((kit / "site" / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.keyboard.type("waste")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1
    assert "waste" in results.first.inner_text().lower()
    assert refused == []
    assert errors == []


def test_a_worksheet_opened_from_disk_keeps_an_answer_across_a_reload_and_prints_it(
    kit: Path, offline_page: tuple[Page, list[str]], tmp_path: Path
) -> None:
    page, refused = offline_page
    page.goto((kit / "site" / SHEET).as_uri())
    page.locator("textarea").first.fill(ANSWER)
    page.wait_for_timeout(300)  # answers are saved as typed, shortly after
    page.reload()
    assert page.locator("textarea").first.input_value() == ANSWER

    printed = tmp_path / "sheet.pdf"
    page.pdf(path=str(printed), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    assert ANSWER in " ".join(text.split())
    assert refused == []
