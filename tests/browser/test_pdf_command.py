"""`playbook pdf`: a trainer who wants files gets one PDF per worksheet and pack."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader
from sheet_facts import PAPER_POINTS, PRINTABLE, link_targets, pdf_pages


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


@pytest.fixture(scope="module")
def printed_twice(chromium: Path, built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, bytes]]:
    """Every PDF of the fixture site, printed by two runs of `playbook pdf` with the same
    SOURCE_DATE_EPOCH (each run serves the site on a port of its own)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01 00:00 UTC
    runs = []
    for _ in range(2):
        out = tmp_path_factory.mktemp("pdf")
        result = playbook("pdf", "--site", str(built_site), "--out", str(out), env=env)
        assert result.returncode == 0, result.stderr
        runs.append({path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*.pdf"))})
    return runs


def test_pdf_dates_come_from_source_date_epoch(printed_twice: list[dict[str, bytes]]) -> None:
    documents = printed_twice[0].values()
    assert documents
    for document in documents:
        dates = re.findall(rb"/(?:CreationDate|ModDate) ?\(D:(\d{14})", document)
        assert dates and set(dates) == {b"20260101000000"}
        assert pdf_pages(document)  # still a PDF a reader opens


def test_two_runs_with_the_same_source_date_epoch_print_the_same_bytes(printed_twice: list[dict[str, bytes]]) -> None:
    first, second = printed_twice
    assert first and first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_printed_links_lead_to_the_published_site_never_to_the_server_that_printed_them(
    printed_twice: list[dict[str, bytes]],
) -> None:
    targets = [target for document in printed_twice[0].values() for target in link_targets(document)]
    local = [target for target in targets if urlsplit(target).hostname in {"127.0.0.1", "localhost"}]
    assert local == []
    # The fixture's pages link to one another (a sheet's address, the licence, the glossary):
    # each link into the site now reaches its page on the published site.
    published = [target for target in targets if target.startswith("https://example.org/playbook/")]
    assert published, targets


def test_a_pack_s_list_of_its_sheets_stays_a_jump_inside_the_pdf(printed_twice: list[dict[str, bytes]]) -> None:
    """The cover lists the pack's sheets, each a link to its place further down: printed, each
    is a jump to a page of the same PDF, never an address on the web."""
    packs = {name: document for name, document in printed_twice[0].items() if "pack" in name}
    assert packs, list(printed_twice[0])
    for name, document in packs.items():
        assert [t for t in link_targets(document) if "/pack/#" in t] == [], name
        jumps = [
            annotation
            for page in PdfReader(io.BytesIO(document)).pages
            for annotation in (a.get_object() for a in page.get("/Annots") or [])
            if "/Dest" in annotation or (annotation.get("/A") or {}).get("/S") == "/GoTo"
        ]
        assert jumps, f"{name}: no link of the cover jumps to its sheet"


def test_a_site_built_without_its_address_prints_its_links_as_text(
    chromium: Path, built_site: Path, tmp_path: Path
) -> None:
    # MkDocs writes a page's canonical link from site_url: without it, no page knows where it is published
    unpublished = tmp_path / "site"
    shutil.copytree(built_site, unpublished)
    for index in unpublished.rglob("index.html"):
        text = index.read_text(encoding="utf-8")
        index.write_text(re.sub(r'<link rel="canonical"[^>]*>', "", text), encoding="utf-8")
    result = playbook("pdf", "--site", str(unpublished), "--out", str(tmp_path / "pdf"))
    assert result.returncode == 0, result.stderr
    documents = [path.read_bytes() for path in (tmp_path / "pdf").rglob("*.pdf")]
    targets = [target for document in documents for target in link_targets(document)]
    assert documents and all(urlsplit(target).hostname not in {"127.0.0.1", "localhost"} for target in targets)
    assert not [target for target in targets if target.startswith("https://example.org/playbook/")]


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
