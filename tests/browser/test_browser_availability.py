"""Without Chromium the browser tests skip, except in CI, where that must fail the build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ONE_BROWSER_TEST = "tests/browser/test_screen.py::test_the_search_dialog_has_an_accessible_name"
REPO = Path(__file__).resolve().parents[2]


def run_without_chromium(ci: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLAYBOOK_CHROMIUM": "/nonexistent/chromium", "CI": ci}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", ONE_BROWSER_TEST],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_missing_browser_skips_with_a_message() -> None:
    result = run_without_chromium(ci="")

    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
    assert "no Chromium at /nonexistent/chromium" in result.stdout


def test_a_missing_browser_fails_in_ci() -> None:
    result = run_without_chromium(ci="true")

    assert result.returncode == 1, result.stdout
    assert "1 error" in result.stdout or "1 failed" in result.stdout
    assert "CI=true" in result.stdout
