"""`playbook pdf`: a trainer who wants files gets one PDF per worksheet and pack."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sheet_facts import PAPER_POINTS, PRINTABLE, pdf_pages

from playbook.cli import main


def test_every_worksheet_and_pack_becomes_a_pdf_on_the_chosen_paper(
    chromium: Path, built_site: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(main, ["pdf", "--site", str(built_site), "--out", str(tmp_path), "--paper", "letter"])

    assert result.exit_code == 0, result.output
    written = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.pdf"))
    expected = sorted(address.rstrip("/") + "-letter.pdf" for address in PRINTABLE)
    assert written == expected
    for name in written:
        pages = pdf_pages((tmp_path / name).read_bytes())
        assert pages and all(size == pytest.approx(PAPER_POINTS["letter"], abs=1.5) for size, _ in pages)


def test_an_unbuilt_site_is_a_clear_error(chromium: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["pdf", "--site", str(tmp_path / "site"), "--out", str(tmp_path)])

    assert result.exit_code == 1
    assert "build the site first" in result.output
