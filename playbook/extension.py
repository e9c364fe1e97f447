"""The playbook's Markdown processing as one Python-Markdown extension, for site tools that run
no MkDocs plugins (Zensical): glossary terms linked to their entries, and the safety policy.

`playbook render --out DIR` writes the pages; the site tool's configuration then names this
extension with the folder of the YAML content, whose glossary files it reads:

    markdown_extensions:
      - attr_list
      - md_in_html
      - tables
      - playbook.extension:
          docs_dir: docs

Links point at the glossary page relative to the page being rendered, as Markdown links that
the site tool resolves (Zensical tells its extensions which page it renders); where no site
tool does, they are addresses from `site_path`, the site's own path on its server.

Raw HTML follows the MkDocs plugin's policy: the pages the playbook generates keep the HTML of
their templates (every author's text in them was escaped by `playbook render`), and so do the
hand-written pages named in `raw_html_pages`, as in the plugin's options; in every other page,
and in any page the site tool does not name, raw HTML is shown as text.
"""

from __future__ import annotations

import posixpath
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from playbook.addresses import relative
from playbook.catalog import Playbook, content_files, load_playbook
from playbook.glossary import GLOSSARY_PAGE, GlossaryExtension, GlossaryLinker, TermMatcher, glossary_terms
from playbook.render import Renderer
from playbook.safety import SafetyExtension, may_hold_raw_html

GLOSSARY_URL = posixpath.dirname(GLOSSARY_PAGE) + "/"  # the glossary page's address, from the site's root


class PlaybookMarkdownExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "docs_dir": ["docs", "The folder of the playbook's YAML content, holding its glossary files."],
            "site_path": ["/", "The site's path on its server, for links where the page is not known."],
            "raw_html_pages": [[], "Hand-written pages (paths under docs/) whose raw HTML is kept."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        docs_dir = Path(self.getConfig("docs_dir")).resolve()
        state = _content_state(docs_dir, _source_file(md))
        path = str(self.getConfig("site_path")).strip("/")
        site_path = f"/{path}/" if path else "/"  # never "//", which a browser reads as another host
        linker = GlossaryLinker(_matcher(state), lambda page, term_id: f"{_glossary_from(md, site_path)}#{term_id}")
        GlossaryExtension(linker, links_are_final=True).extendMarkdown(md)
        page = _page_path(md)
        named = frozenset(self.getConfig("raw_html_pages"))
        # A generated page's path where a hand-written file is: that file's page, not the playbook's
        generated = {page} if page in _generated_pages(state) and not (docs_dir / page).exists() else set()
        raw_html = page is not None and may_hold_raw_html(page, generated, named)
        SafetyExtension(raw_html=lambda: raw_html).extendMarkdown(md)


def _rendering_context(md: Markdown) -> Any:
    """What the site tool tells of the page being rendered (Zensical: the page and its configuration)."""
    return next((processor for processor in md.preprocessors if hasattr(processor, "page")), None)


def _page_path(md: Markdown) -> str | None:
    """The source path of the page being rendered, where the site tool tells (Zensical does)."""
    path = getattr(getattr(_rendering_context(md), "page", None), "path", None)
    return path if isinstance(path, str) else None


def _source_file(md: Markdown) -> Path | None:
    """The Markdown file of the page being rendered, in the site tool's own docs folder, where it tells
    (Zensical keeps `docs_dir` as written, relative to `root_dir`, the folder of its configuration)."""
    config = getattr(_rendering_context(md), "config", None)
    if not isinstance(config, dict):
        return None
    root, docs_dir, path = config.get("root_dir") or "", config.get("docs_dir"), _page_path(md)
    return Path(root, docs_dir, path) if isinstance(root, str) and isinstance(docs_dir, str) and path else None


def _glossary_from(md: Markdown, site_path: str) -> str:
    """The glossary page from the page being rendered, as a Markdown link the site tool resolves
    (Zensical tells its extensions the page's source path), else its address from the site's root."""
    path = _page_path(md)
    return relative(path, GLOSSARY_PAGE) if path is not None else site_path + GLOSSARY_URL


# The content folder, and each of its YAML files with its modification time
_State = tuple[Path, tuple[tuple[str, int], ...]]

# Per content folder: its state, and when it was worked out (ns since the epoch)
_worked_out: dict[Path, tuple[_State, int]] = {}


def _content_state(folder: Path, page_source: Path | None) -> _State:
    """What the playbook is read from, worked out again only where it may have changed.

    A site tool renders the pages of a build one after another, and `zensical serve` renders
    again only a page whose Markdown changed: after an edit of the YAML, `playbook render` has
    rewritten it. So the state holds until a page comes whose Markdown was written after it was
    worked out; a page the site tool names no file of is checked every time.
    """
    known = _worked_out.get(folder)
    if known is not None and page_source is not None:
        try:
            if page_source.stat().st_mtime_ns < known[1]:
                return known[0]
        except OSError:
            pass
    started = time.time_ns()
    files = tuple((path.relative_to(folder).as_posix(), path.stat().st_mtime_ns) for _, path in content_files(folder))
    _worked_out[folder] = (folder, files), started
    return folder, files


# Once per state of the content, not once per page: a site tool makes an extension for every page.
@lru_cache(maxsize=4)
def _playbook(state: _State) -> Playbook:
    return load_playbook(state[0])


@lru_cache(maxsize=4)
def _matcher(state: _State) -> TermMatcher:
    return TermMatcher(glossary_terms(_playbook(state)))


@lru_cache(maxsize=4)
def _generated_pages(state: _State) -> frozenset[str]:
    """The paths of the pages the playbook generates. (The renderer lists them as it renders them:
    which pages an entry makes depends on its model, so listing them apart would repeat its rules.)"""
    return frozenset(page.path for page in Renderer(_playbook(state)).pages())


def makeExtension(**kwargs: object) -> PlaybookMarkdownExtension:  # the name Python-Markdown looks for
    return PlaybookMarkdownExtension(**kwargs)
