"""Shared helpers: the fixture playbook, a scratch copy of it to break, and the playbook's own
site, built once for every test that reads it."""

from __future__ import annotations

import gc
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
REPO = Path(__file__).resolve().parents[1]
BUILD_EPOCH = "1767225600"  # SOURCE_DATE_EPOCH of the builds that tests compare: 2026-01-01

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(config: Path, site: Path, epoch: str = BUILD_EPOCH) -> Path:
    """`mkdocs build --strict` of `config` into `site`, failing the test with MkDocs' own words."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch},
        check=False,
    )
    assert result.returncode == 0, f"{config} does not build:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The playbook's own content built as it ships, once for the whole run: the site readers
    browse and trainers print. Tests only read it."""
    return build_site(REPO / "mkdocs.yml", tmp_path_factory.mktemp("shipped") / "site")


@pytest.fixture
def cyclic_collector_off() -> Iterator[None]:
    """Python's cyclic garbage collector off for the test, as it was after: what the test frees
    is freed by reference counting alone, which a reference cycle would prevent."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal fixture playbook (its mkdocs.yml and docs/)."""
    target = tmp_path / "playbook"
    shutil.copytree(MINIMAL, target)
    return target


_SECTION_TITLE = re.compile(r'<label class="md-nav__title" for="__nav_\d+">\s*<span[^>]*></span>\s*([^<]+?)\s*</label>')


def navigation_sections(page_html: str) -> dict[str, str]:
    """The top-level sections of a built page's navigation, in order: each title and its HTML."""
    found = list(_SECTION_TITLE.finditer(page_html))
    if not found:
        return {}
    ends = [match.start() for match in found[1:]] + [page_html.find("</nav>", found[-1].end())]
    return {match.group(1): page_html[match.end() : end] for match, end in zip(found, ends, strict=True)}
