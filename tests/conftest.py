"""Shared helpers: the fixture playbook, and a scratch copy of it to break."""

from __future__ import annotations

import os
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
