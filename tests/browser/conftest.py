"""Browser tests: the fixture playbook built with the real theme, printed and used in Chromium.

Chromium is Debian's (/usr/bin/chromium, or $PLAYBOOK_CHROMIUM), never a downloaded one. Where
it is missing the tests skip, except under CI=true, where a missing browser is a failure: CI
must prove printing, not quietly pass without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from page_reading import PageReading, read_page, site_pages
from sheet_facts import FIXTURE, REPO, SITE_NAME

from playbook.pdf import chromium_path, launch, serve, stay_local

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page


@dataclass(frozen=True)
class Site:
    root: Path  # the built site
    base: str  # where it is served, ending in "/"

    def url(self, page: str) -> str:
        return self.base + page


def missing_tool(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run in CI)", pytrace=False)
    pytest.skip(f"{reason}; browser tests skipped")


@pytest.fixture(scope="session")
def chromium() -> Path:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing_tool("playwright is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    if executable is None:
        where = os.environ.get("PLAYBOOK_CHROMIUM") or "/usr/bin/chromium"
        missing_tool(f"no Chromium at {where} (apt-get install chromium, or set PLAYBOOK_CHROMIUM)")
    return executable  # type: ignore[return-value]


def _config(folder: Path) -> Path:
    """The fixture's content under the site's own mkdocs.yml, so the theme, its features and
    the overrides under test are the ones that ship."""
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\n"
        f"site_name: {SITE_NAME}\n"
        "site_url: https://example.org/playbook/\n"
        f"docs_dir: {FIXTURE / 'docs'}\n"
        "theme:\n"
        "  name: material\n"
        f"  custom_dir: {REPO / 'overrides'}\n",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fixture-site")
    site = folder / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(_config(folder)), "-d", str(site)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, f"the fixture site does not build:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[Site]:
    with serve(built_site) as base:
        yield Site(built_site, base)


@pytest.fixture(scope="session")
def real_site(shipped_site: Path) -> Iterator[Site]:
    """The playbook's own content, built as it ships: what trainers actually print."""
    with serve(shipped_site) as base:
        yield Site(shipped_site, base)


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Browser]:
    with launch(chromium) as running:
        yield running


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile per test: its own localStorage, nothing left from another test."""
    fresh = browser.new_context()
    yield fresh
    fresh.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    tab = context.new_page()
    stay_local(tab)
    return tab


@pytest.fixture(scope="session")
def every_page_read(browser: Browser, real_site: Site) -> Iterator[dict[str, PageReading]]:
    """Every page of the playbook as it ships, by address, opened once in a profile of its own
    and read for each check of page_reading; the tests that assert on it only look."""
    reader = browser.new_context()
    tab = reader.new_page()
    stay_local(tab)
    yield {where: read_page(tab, real_site.url(where)) for where in site_pages(real_site.root)}
    reader.close()
