"""`playbook pdf`: a trainer who wants files gets one PDF per worksheet and pack."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sheet_facts import PAPER_POINTS, PRINTABLE, pdf_pages


def playbook(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # A process of its own: Playwright's sync API runs one instance per thread, and the test
    # session's browser already holds this one.
    return subprocess.run(
        [sys.executable, "-c", "from playbook.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_every_printable_page_becomes_a_pdf_on_the_chosen_paper(
    chromium: Path, built_site: Path, tmp_path: Path
) -> None:
    result = playbook("pdf", "--site", str(built_site), "--out", str(tmp_path), "--paper", "letter")

    assert result.returncode == 0, result.stderr
    written = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.pdf"))
    # Every worksheet and pack, the fixture's worked example and its card deck's printable sheets.
    printable = [*PRINTABLE, "exercises/sort-the-requests/example/", "cards/request-types/print/"]
    expected = sorted(address.rstrip("/") + "-letter.pdf" for address in printable)
    assert written == expected
    for name in written:
        pages = pdf_pages((tmp_path / name).read_bytes())
        assert pages and all(size == pytest.approx(PAPER_POINTS["letter"], abs=1.5) for size, _ in pages)


def test_an_unbuilt_site_is_a_clear_error(chromium: Path, tmp_path: Path) -> None:
    result = playbook("pdf", "--site", str(tmp_path / "site"), "--out", str(tmp_path))

    assert result.returncode == 1
    assert "build the site first" in result.stderr


def test_pdf_dates_come_from_source_date_epoch(chromium: Path, built_site: Path, tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01 00:00 UTC
    result = playbook("pdf", "--site", str(built_site), "--out", str(tmp_path), env=env)
    assert result.returncode == 0, result.stderr
    documents = [p.read_bytes() for p in tmp_path.rglob("*.pdf")]
    assert documents
    for document in documents:
        dates = re.findall(rb"/(?:CreationDate|ModDate) ?\(D:(\d{14})", document)
        assert dates and set(dates) == {b"20260101000000"}
        assert pdf_pages(document)  # still a PDF a reader opens


def test_pdf_writes_only_into_a_folder_of_its_own(chromium: Path, built_site: Path, tmp_path: Path) -> None:
    someone_s = tmp_path / "notes"
    someone_s.mkdir()
    (someone_s / "LICENSE").write_text("keep me")
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    for out, message in (
        (someone_s, "did not write"),
        (tmp_path / "link", "symbolic link"),
        (Path("docs"), "published"),
    ):
        result = playbook("pdf", "--site", str(built_site), "--out", str(out))
        assert result.returncode == 1 and message in result.stderr, result.stderr
    assert (someone_s / "LICENSE").read_text() == "keep me" and not (tmp_path / "elsewhere").exists()


def test_duplex_packs_start_each_sheet_on_a_right_hand_page(chromium: Path, built_site: Path, tmp_path: Path) -> None:
    result = playbook("pdf", "--site", str(built_site), "--out", str(tmp_path), "--duplex")

    assert result.returncode == 0, result.stderr
    pack = pdf_pages((tmp_path / "programmes/two-weeks/pack-a4-duplex.pdf").read_bytes())
    _, *sheets = PRINTABLE["programmes/two-weeks/pack/"]()
    # The cover and each short sheet take a page: each sheet after a blank page, on pages 3 and 5.
    assert [bool(text.strip()) for _, text in pack] == [True, False, True, False, True]
    for (_, text), sheet in zip(pack[2::2], sheets, strict=True):
        assert sheet.title in text
