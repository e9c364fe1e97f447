"""The playbook as plain Markdown files (`playbook render --out DIR`), no MkDocs needed.

Generated pages are written next to copies of the hand-written files and of the worksheets'
stylesheet and script, so that any Markdown site tool (MkDocs, ProperDocs, Zensical) can build
the result. The glossary's "Used in" lists
are filled by running Python-Markdown with the glossary extension over every page, as the
MkDocs plugin does during a build.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from playbook.addresses import relative
from playbook.assets import ASSETS
from playbook.catalog import Playbook
from playbook.errors import ContentError, ContentErrors
from playbook.glossary import GLOSSARY_PAGE, fill_term_uses, glossary_terms, term_uses
from playbook.navigation import HOME_PAGE, HOME_TITLE
from playbook.render import Renderer
from playbook.safety import claim_output_folder, may_hold_raw_html, output_file
from playbook.site import Site

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


@dataclass(frozen=True)
class ExportedPage:
    path: str  # relative to the output folder
    markdown: str
    title: str
    listed: bool = True  # in the glossary's "Used in" lists: not worksheets and packs


def export_markdown(playbook: Playbook, docs_dir: Path, out_dir: Path, site: Site | None = None) -> list[str]:
    """Write every page into `out_dir`; return the paths written, relative to it.

    Raises UnsafeOutput for a folder it may not write into (see `claim_output_folder`).
    """
    out_dir = claim_output_folder(out_dir, docs_dir.resolve().parent, docs_dir)
    docs_dir = docs_dir.resolve()
    renderer = Renderer(playbook, site)
    generated = list(renderer.pages())
    generated_paths = {page.path for page in generated}
    copies = _handwritten(docs_dir, set(playbook.sources))
    clashes = sorted(set(copies) & (generated_paths | {asset.site_path for asset in ASSETS}))
    if clashes:
        raise ContentErrors(
            ContentError.of_file(
                (docs_dir / path).as_posix(),
                "this file is written by hand but the playbook generates it",
                "rename or remove the file",
            )
            for path in clashes
        )
    pages = [ExportedPage(p.path, p.markdown, p.title, p.in_nav) for p in generated]
    for path in sorted(copies):
        if path.endswith(".md"):
            text = (docs_dir / path).read_text(encoding="utf-8")
            title = HOME_TITLE if path == HOME_PAGE else page_title(text, path)  # as the plugin's navigation names it
            pages.append(ExportedPage(path, text, title))
    named = (site or Site()).raw_html_pages
    pages = _with_term_uses(playbook, pages, lambda path: may_hold_raw_html(path, generated_paths, named))
    written = []
    for path in sorted(copies):
        if not path.endswith(".md"):
            _copy(docs_dir / path, output_file(out_dir, path))
            written.append(path)
    for asset in ASSETS:
        _copy(asset.source, output_file(out_dir, asset.site_path))
        written.append(asset.site_path)
    for page in pages:
        output_file(out_dir, page.path).write_text(page.markdown, encoding="utf-8")
        written.append(page.path)
    for image in renderer.images():
        output_file(out_dir, image.path).write_text(image.content, encoding="utf-8")
        written.append(image.path)
    return sorted(written)


def _handwritten(docs_dir: Path, sources: set[str]) -> list[str]:
    """Every file under docs that is not a YAML source the playbook read."""
    return sorted(
        path.relative_to(docs_dir).as_posix()
        for path in docs_dir.rglob("*")
        if path.is_file() and path.relative_to(docs_dir).as_posix() not in sources
    )


def _copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)


def page_title(markdown: str, path: str) -> str:
    """A hand-written page's title as MkDocs finds it: front matter, first heading, file name."""
    match = FRONT_MATTER.match(markdown)
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            meta = None
        title = meta.get("title") if isinstance(meta, dict) else None
        if isinstance(title, str):
            return title
    heading = _first_heading(FRONT_MATTER.sub("", markdown, count=1))
    if heading:
        return heading
    stem = Path(path).stem
    return Path(path).parent.name.capitalize() if stem == "index" else stem.replace("-", " ").capitalize()


def _first_heading(markdown: str) -> str | None:
    """The text of the first `# heading`, without its closing hashes: one pass, no backtracking."""
    for line in markdown.splitlines():
        if line.startswith("#") and line[1:2] in (" ", "\t"):
            text = line[1:].strip().rstrip("#").rstrip()
            if text:
                return text
    return None


def _with_term_uses(
    playbook: Playbook, pages: Iterable[ExportedPage], raw_html: Callable[[str], bool]
) -> list[ExportedPage]:
    """The pages with the glossary's "Used in" markers replaced by links to the using pages."""
    pages = list(pages)
    texts = ((page.path, FRONT_MATTER.sub("", page.markdown, count=1)) for page in pages)
    uses = term_uses(glossary_terms(playbook), texts, raw_html)
    listed = {page.path: (page.title, relative(GLOSSARY_PAGE, page.path)) for page in pages if page.listed}
    return [
        ExportedPage(page.path, fill_term_uses(page.markdown, uses, listed), page.title, page.listed)
        if page.path == GLOSSARY_PAGE
        else page
        for page in pages
    ]
