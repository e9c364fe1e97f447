"""`playbook pdf`: every worksheet and programme pack of a built site, printed to PDF.

Printing goes through a real browser (Debian's Chromium, driven by Playwright) because the
print stylesheet is the product: what a trainer gets from File > Print is what this writes.
The site is served from a local HTTP server on 127.0.0.1, and every request that would leave
the machine (web fonts, analytics) is refused, so a PDF never depends on the network. Links
on the printed pages lead to the published site, never to that server, so that a PDF printed
again with the same SOURCE_DATE_EPOCH is the same file.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click

from playbook.assets import ASSETS, links_assets
from playbook.registry import printable_specs
from playbook.safety import UnsafeOutput, claim_output_folder, output_file

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# What Chromium needs to run as root, headless, in a closed network, without phoning home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAPERS = {"a4": "A4", "letter": "Letter"}


def chromium_path() -> Path | None:
    """The browser to print with: $PLAYBOOK_CHROMIUM, else Debian's; None when neither exists."""
    candidate = Path(os.environ.get("PLAYBOOK_CHROMIUM") or DEFAULT_CHROMIUM)
    return candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None


def required_chromium() -> Path:
    """The browser to print with, or a command-line error saying how to get one."""
    executable = chromium_path()
    if executable is None:
        raise click.ClickException(
            f"no Chromium at {os.environ.get('PLAYBOOK_CHROMIUM') or DEFAULT_CHROMIUM}: "
            "install Debian's `chromium` or set PLAYBOOK_CHROMIUM"
        )
    return executable


def printable_pages(site: Path) -> list[str]:
    """The site-relative directory URLs of every worksheet and pack, e.g. `pdsa/x/worksheet/`."""
    # each printable page of the registry, as MkDocs writes it (directory URLs)
    patterns = [spec.path.format(id="*").removesuffix(".md") + "/index.html" for spec in printable_specs()]
    found = {index.parent.relative_to(site).as_posix() + "/" for pattern in patterns for index in site.glob(pattern)}
    return sorted(found)


def pdf_path(out: Path, page_url: str, paper: str, *, duplex: bool = False) -> Path:
    """Where a page's PDF goes: its URL path, then the paper, e.g. `x/pack-a4.pdf` (or
    `x/pack-a4-duplex.pdf`, laid out to be copied double-sided)."""
    folder, _, name = page_url.rstrip("/").rpartition("/")
    return out / folder / f"{name}-{paper}{'-duplex' if duplex else ''}.pdf"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would bury the command's own output


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on a free local port; yields its base URL, ending in `/`."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def launch(executable: Path) -> Iterator[Browser]:
    """A headless Chromium from the given file; never a browser that Playwright downloaded."""
    try:
        from playwright.sync_api import sync_playwright  # the `pdf` extra: import only when printing
    except ImportError:
        raise click.ClickException("printing to PDF needs Playwright: pip install 'lean-ld-playbook[pdf]'") from None

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def stay_local(page: Page) -> None:
    """Refuse every request that is not for the local server, so nothing leaves the machine."""

    def route(route: Route) -> None:
        host = urlsplit(route.request.url).hostname
        if host in {"127.0.0.1", "localhost"} or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", route)


def print_to_pdf(page: Page, url: str, paper: str, target: Path | None = None, *, duplex: bool = False) -> bytes:
    """Open a page and print it as the browser's print dialog would, on the given paper.

    With `duplex`, as the pack's "Print double-sided" buttons do: a blank page follows each
    part of a pack that ends on a right-hand page, so that every sheet starts on one. With
    SOURCE_DATE_EPOCH set, the PDF's dates are that moment, so a rebuild gives the same bytes.
    """
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    link_to_published_site(page, url)
    if duplex:
        page.evaluate("paper => window.playbookDuplex && window.playbookDuplex(paper)", paper)
    # Margins come from the stylesheet's @page rule, which also draws the footer in them.
    document = page.pdf(format=PAPERS[paper], print_background=True, prefer_css_page_size=False)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        document = with_dates(document, datetime.datetime.fromtimestamp(int(epoch), datetime.UTC))
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(document)
    return document


# Every link of the page to the local server: to the published site, or printed as text
_PUBLISHED_LINKS = """([local, published]) => {
    for (const link of document.querySelectorAll("a[*|href], area[href]")) {
        const written = link.getAttribute("href") ?? link.getAttributeNS("http://www.w3.org/1999/xlink", "href");
        let target;
        try { target = new URL(written, document.baseURI); } catch { continue; }  // no address: nothing to print
        if (!target.href.startsWith(local)) continue;  // another site's address prints as it is
        // A place on this very page (a pack's list of its sheets) stays a jump inside the PDF
        if (target.hash && target.href.split("#")[0] === location.href.split("#")[0]) continue;
        target = target.href;
        if (published) {
            link.setAttribute("href", published + target.slice(local.length));
        } else {
            link.removeAttribute("href");
            link.removeAttributeNS("http://www.w3.org/1999/xlink", "href");
        }
    }
}"""


def published_site(page: Page, url: str, local: str) -> str | None:
    """The published address of the site served at `local`, from the page's canonical link
    (which MkDocs writes from `site_url`); None when the site was built without one."""
    canonical = page.evaluate("document.querySelector('link[rel=canonical]')?.href ?? null")
    path = url.removeprefix(local)
    if not isinstance(canonical, str) or not canonical.startswith(("https://", "http://")):
        return None
    if not canonical.endswith(path) or urlsplit(canonical).hostname in {"127.0.0.1", "localhost"}:
        return None
    return canonical.removesuffix(path) if path else canonical


def link_to_published_site(page: Page, url: str) -> None:
    """Point the page's links to the local server at the published site, or make them text.

    A printed PDF outlives the server it was printed from: a link annotation holding
    http://127.0.0.1:PORT/ leads nowhere, and its port changes from run to run.
    """
    parts = urlsplit(url)
    local = f"{parts.scheme}://{parts.netloc}/"
    page.evaluate(_PUBLISHED_LINKS, [local, published_site(page, url, local)])


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:[0-9]{14}[^)]{0,8}\)")


def with_dates(document: bytes, moment: datetime.datetime) -> bytes:
    """The PDF with its creation and modification dates set to `moment`, in UTC.

    Chromium writes `D:YYYYMMDDHHmmSS+00'00'`; the replacement has the same length, so the
    cross-reference table's byte offsets stay right.
    """

    def same_length(match: re.Match[bytes]) -> bytes:
        date = f"D:{moment:%Y%m%d%H%M%S}".encode()
        old = match.group()
        head = old[: old.index(b"D:")]
        rest = old[len(head) + len(date) : -1]  # the zone, kept as long as it was
        zone = b"Z" + b" " * (len(rest) - 1) if rest else b""
        return head + date + zone + b")"

    return _PDF_DATE.sub(same_length, document)


@click.command("pdf")
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="A built site (run `make site` first).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("pdf"),
    show_default=True,
    help="Where the PDFs go; folders follow the pages' addresses.",
)
@click.option("--paper", type=click.Choice(sorted(PAPERS)), default="a4", show_default=True)
@click.option(
    "--duplex",
    is_flag=True,
    help="Lay packs out to be copied double-sided: every worksheet starts on a right-hand page.",
)
def pdf(site_dir: Path, out_dir: Path, paper: str, duplex: bool) -> None:
    """Print every worksheet and programme pack of a built site to PDF with Chromium."""
    pages = printable_pages(site_dir) if site_dir.is_dir() else []
    if not pages:
        raise click.ClickException(f"no worksheets or packs in {site_dir}/: build the site first")
    bare = [url for url in pages if not links_assets((site_dir / url / "index.html").read_text(encoding="utf-8"))]
    if bare:
        raise click.ClickException(
            f"{len(bare)} of {len(pages)} worksheet pages lack the stylesheet or script they print with "
            f"({', '.join(a.site_path for a in ASSETS)}): {', '.join(bare[:3])}{', ...' if len(bare) > 3 else ''}; "
            "build the site with the playbook plugin (or from `playbook render`, with both in extra_css and "
            "extra_javascript)"
        )
    executable = required_chromium()
    try:
        folder = claim_output_folder(out_dir, Path.cwd(), Path.cwd() / "docs")
        if site_dir.resolve() == folder or folder in site_dir.resolve().parents:
            raise UnsafeOutput(f"{out_dir.as_posix()} is inside the site {site_dir.as_posix()}/: choose another")
        targets = [(url, output_file(folder, pdf_path(Path(), url, paper, duplex=duplex).as_posix())) for url in pages]
    except UnsafeOutput as refused:
        raise click.ClickException(str(refused)) from None
    with serve(site_dir) as base, launch(executable) as browser:
        page = browser.new_page()
        stay_local(page)
        for url, target in targets:
            print_to_pdf(page, base + url, paper, target, duplex=duplex)
            click.echo(str(out_dir / target.relative_to(folder)))
    click.echo(f"{len(pages)} PDF{'s' if len(pages) != 1 else ''} on {PAPERS[paper]} in {out_dir}/", err=True)
