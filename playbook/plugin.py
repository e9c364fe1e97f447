"""The MkDocs plugin: a thin adapter from MkDocs' events to the playbook core."""

from __future__ import annotations

import gc
import logging
import re
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from playbook.catalog import Playbook, load_playbook
from playbook.errors import ContentErrors
from playbook.glossary import GlossaryExtension, GlossaryLinker, TermMatcher
from playbook.navigation import navigation
from playbook.render import GLOSSARY_PAGE, Renderer, Site, glossary_href, glossary_terms
from playbook.sanitize import SanitizeExtension

log = logging.getLogger("mkdocs.plugins.playbook")
_TERM_USES = re.compile(r"<!-- playbook:term-uses ([a-z0-9-]+) -->")


class PlaybookConfig(Config):
    # Navigation: pages per section, so Material's navigation stays small on every page
    nav_section_size = c.Type(int, default=50)

    # Glossary: link the first use of each term on every page to its entry
    glossary = c.Type(bool, default=True)


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Generates the playbook's pages from the YAML files under `docs/`."""

    def __init__(self) -> None:
        self.playbook: Playbook | None = None
        self.linker: GlossaryLinker | None = None
        self.pages_seen: dict[str, tuple[str, str]] = {}  # src_uri: (title, url)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for extension in ("attr_list", "md_in_html", "tables"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        config.markdown_extensions.append(SanitizeExtension())
        self.linker = GlossaryLinker(TermMatcher(()), glossary_href)
        if self.config.glossary:
            config.markdown_extensions.append(GlossaryExtension(self.linker))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        docs_dir = Path(config.docs_dir)
        try:
            self.playbook = load_playbook(docs_dir, root=Path(config.config_file_path or ".").parent)
        except ContentErrors as problems:
            for error in problems.errors:
                log.error(str(error))
            count = len(problems.errors)
            raise PluginError(f"the playbook has {count} content error{'s' if count != 1 else ''}") from None
        for source in self.playbook.sources:
            yaml_file = files.get_file_from_path(source)
            if yaml_file is not None:
                files.remove(yaml_file)  # content, not a download: keep it out of site/
        if self.linker is not None:
            self.linker.matcher = TermMatcher(glossary_terms(self.playbook))
            self.linker.uses.clear()
        pages = list(Renderer(self.playbook, Site(config.site_url or "")).pages())
        for page in pages:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"docs/{page.path} is written by hand but the playbook generates it; "
                                  "rename or remove the file")
            generated = File.generated(config, page.path, content=page.markdown)
            if page.source is not None:
                generated.edit_uri = page.source
            files.append(generated)
        if config.nav is None:
            handwritten = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
            config.nav = navigation(handwritten, pages, self.config.nav_section_size)
        # The playbook's million objects live as long as the build; frozen, they are no longer
        # walked by every full collection of MkDocs' own garbage (2 s of 46 at 2,000 exercises).
        gc.freeze()
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()  # `mkdocs serve` builds again: let the next build's garbage collect this one

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.linker is not None:
            self.linker.start_page(page.file.src_uri)
            self.pages_seen[page.file.src_uri] = (page.title or page.file.src_uri, page.url)
        return markdown

    def on_page_context(self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        if page.file.src_uri == GLOSSARY_PAGE and page.content and self.linker is not None:
            page.content = _TERM_USES.sub(
                lambda match: self._term_uses_html(match.group(1), page.url), page.content
            )
        return context

    def _term_uses_html(self, term_id: str, glossary_url: str) -> str:
        assert self.linker is not None
        seen = [self.pages_seen[p] for p in self.linker.uses.get(term_id, set()) - {GLOSSARY_PAGE}
                if p in self.pages_seen]
        if not seen:
            return ""
        links = ", ".join(
            f'<a href="{escape(get_relative_url(url, glossary_url))}">{escape(title)}</a>'
            for title, url in sorted(seen, key=lambda item: (item[0].casefold(), item[1]))
        )
        return f'<p class="pb-term-uses"><em>Used in:</em> {links}.</p>'
