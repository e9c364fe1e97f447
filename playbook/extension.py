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
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension

from playbook.addresses import relative
from playbook.catalog import load_playbook
from playbook.glossary import GLOSSARY_PAGE, GlossaryExtension, GlossaryLinker, TermMatcher, glossary_terms
from playbook.safety import SafetyExtension

GLOSSARY_URL = posixpath.dirname(GLOSSARY_PAGE) + "/"  # the glossary page's address, from the site's root


class PlaybookMarkdownExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "docs_dir": ["docs", "The folder of the playbook's YAML content, holding its glossary files."],
            "site_path": ["/", "The site's path on its server, for links where the page is not known."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        matcher = _matcher(*_glossary_state(Path(self.getConfig("docs_dir"))))
        path = str(self.getConfig("site_path")).strip("/")
        site_path = f"/{path}/" if path else "/"  # never "//", which a browser reads as another host
        linker = GlossaryLinker(matcher, lambda page, term_id: f"{_glossary_from(md, site_path)}#{term_id}")
        GlossaryExtension(linker, links_are_final=True).extendMarkdown(md)
        SafetyExtension().extendMarkdown(md)  # raw HTML kept: the generated pages hold theirs


def _glossary_from(md: Markdown, site_path: str) -> str:
    """The glossary page from the page being rendered, as a Markdown link the site tool resolves
    (Zensical tells its extensions the page's source path), else its address from the site's root."""
    for processor in md.preprocessors:
        path = getattr(getattr(processor, "page", None), "path", None)
        if isinstance(path, str):
            return relative(path, GLOSSARY_PAGE)
    return site_path + GLOSSARY_URL


def _glossary_state(docs_dir: Path) -> tuple[Path, tuple[tuple[str, int], ...]]:
    """The folder, and each glossary file with its modification time: the matcher is rebuilt when one changes."""
    folder = docs_dir.resolve()
    files = sorted((folder / "glossary").glob("*.y*ml"))
    return folder, tuple((path.name, path.stat().st_mtime_ns) for path in files)


@lru_cache(maxsize=4)
def _matcher(docs_dir: Path, glossary_files: tuple[tuple[str, int], ...]) -> TermMatcher:
    # One automaton per state of the glossary: a site tool makes an extension for every page.
    return TermMatcher(glossary_terms(load_playbook(docs_dir)))


def makeExtension(**kwargs: object) -> PlaybookMarkdownExtension:  # the name Python-Markdown looks for
    return PlaybookMarkdownExtension(**kwargs)
