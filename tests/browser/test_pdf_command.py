"""`playbook pdf`: a trainer who wants files gets one PDF per worksheet and pack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sheet_facts import PAPER_POINTS, PRINTABLE, pdf_pages


def playbook(*args: str) -> subprocess.CompletedProcess[str]:
    # A process of its own: Playwright's sync API runs one instance per thread, and the test
    # session's browser already holds this one.
    return subprocess.run(
        [sys.executable, "-c", "from playbook.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_worksheet_and_pack_becomes_a_pdf_on_the_chosen_paper(
    chromium: Path, built_site: Path, tmp_path: Path
) -> None:
    result = playbook("pdf", "--site", str(built_site), "--out", str(tmp_path), "--paper", "letter")

    assert result.returncode == 0, result.stderr
    written = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.pdf"))
    expected = sorted(address.rstrip("/") + "-letter.pdf" for address in PRINTABLE)
    assert written == expected
    for name in written:
        pages = pdf_pages((tmp_path / name).read_bytes())
        assert pages and all(size == pytest.approx(PAPER_POINTS["letter"], abs=1.5) for size, _ in pages)


def test_an_unbuilt_site_is_a_clear_error(chromium: Path, tmp_path: Path) -> None:
    result = playbook("pdf", "--site", str(tmp_path / "site"), "--out", str(tmp_path))

    assert result.returncode == 1
    assert "build the site first" in result.stderr
