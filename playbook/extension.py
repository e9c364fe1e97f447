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
from functools import lru_cache
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension

from playbook.addresses import relative
from playbook.catalog import Playbook, load_playbook
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
        docs_dir = Path(self.getConfig("docs_dir"))
        state = _content_state(docs_dir)
        path = str(self.getConfig("site_path")).strip("/")
        site_path = f"/{path}/" if path else "/"  # never "//", which a browser reads as another host
        linker = GlossaryLinker(_matcher(state), lambda page, term_id: f"{_glossary_from(md, site_path)}#{term_id}")
        GlossaryExtension(linker, links_are_final=True).extendMarkdown(md)
        page = _page_path(md)
        named = frozenset(self.getConfig("raw_html_pages"))
        raw_html = page is not None and may_hold_raw_html(page, _generated_pages(state), named)
        SafetyExtension(raw_html=lambda: raw_html).extendMarkdown(md)


def _page_path(md: Markdown) -> str | None:
    """The source path of the page being rendered, where the site tool tells (Zensical does)."""
    for processor in md.preprocessors:
        path = getattr(getattr(processor, "page", None), "path", None)
        if isinstance(path, str):
            return path
    return None


def _glossary_from(md: Markdown, site_path: str) -> str:
    """The glossary page from the page being rendered, as a Markdown link the site tool resolves
    (Zensical tells its extensions the page's source path), else its address from the site's root."""
    path = _page_path(md)
    return relative(path, GLOSSARY_PAGE) if path is not None else site_path + GLOSSARY_URL


# The content folder, and each of its files with its modification time
_State = tuple[Path, tuple[tuple[str, int], ...]]


def _content_state(docs_dir: Path) -> _State:
    """What the playbook is read from: what it knows is worked out again when a file changes."""
    folder = docs_dir.resolve()
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return folder, tuple((path.relative_to(folder).as_posix(), path.stat().st_mtime_ns) for path in files)


# Once per state of the content, not once per page: a site tool makes an extension for every page.
@lru_cache(maxsize=4)
def _playbook(state: _State) -> Playbook:
    return load_playbook(state[0])


@lru_cache(maxsize=4)
def _matcher(state: _State) -> TermMatcher:
    return TermMatcher(glossary_terms(_playbook(state)))


@lru_cache(maxsize=4)
def _generated_pages(state: _State) -> frozenset[str]:
    """The pages the playbook generates, less any path a hand-written file holds."""
    handwritten = {path for path, _ in state[1]}
    return frozenset(page.path for page in Renderer(_playbook(state)).pages() if page.path not in handwritten)


def makeExtension(**kwargs: object) -> PlaybookMarkdownExtension:  # the name Python-Markdown looks for
    return PlaybookMarkdownExtension(**kwargs)
