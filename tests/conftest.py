"""Shared helpers: the fixture playbook, and a scratch copy of it to break."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


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
    ends = [match.start() for match in found[1:]] + [page_html.find("</nav>", found[-1].end()) if found else 0]
    return {match.group(1): page_html[match.end() : end] for match, end in zip(found, ends, strict=True)}
