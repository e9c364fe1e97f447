"""The parts of `playbook kit` that need no MkDocs: every printable page of a built site as PDF,
the trainer's README, and the zip, written alike from the same content.

The kit's builds are driven by the MkDocs adapter, `playbook/mkdocs/kit.py`.
"""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from playbook.pdf import PAPERS, launch, pdf_path, print_to_pdf, printable_pages, stay_local
from playbook.pdf import serve as serve_site


def print_all(site: Path, out: Path, papers: Iterable[str], executable: Path) -> list[Path]:
    """Print every printable page of the built `site` on each paper, under `out/<paper>/`."""
    pages = printable_pages(site)
    written: list[Path] = []
    with serve_site(site) as base, launch(executable) as browser:
        page = browser.new_page()
        stay_local(page)
        for paper in papers:
            for url in pages:
                target = pdf_path(out / paper, url, paper)
                print_to_pdf(page, base + url, paper, target)
                written.append(target)
    return written


def readme(site_name: str, site_url: str, copyright: str, pdf_count: int, papers: Iterable[str], built: str) -> str:
    """The README for the trainer, of a kit `built` on that date (ISO)."""
    templates = Environment(
        loader=PackageLoader("playbook"), undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )
    return templates.get_template("kit_readme.txt.j2").render(
        site_name=site_name,
        site_url=site_url,
        copyright=copyright,
        papers=[PAPERS[paper] for paper in papers],
        paper_folders=list(papers),
        pdf_count=pdf_count,
        built=built,
    )


def built_at() -> float:
    """When the kit was made: SOURCE_DATE_EPOCH where set, so that a kit can be rebuilt identically."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return float(epoch) if epoch and epoch.isdigit() else time.time()


def zip_folder(folder: Path, target: Path, top: str, stamp: float) -> None:
    """Write every file under `folder` into the zip `target`, under the folder `top`."""
    # Entries sorted and dated alike: the same content gives the same archive.
    date_time = time.gmtime(max(stamp, 315532800))[:6]  # zip dates start in 1980
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
