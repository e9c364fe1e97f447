"""The MkDocs plugin: a thin adapter from MkDocs' events to the playbook core."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment
from markdown import Markdown
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from playbook.assets import ASSETS, OFFLINE_SEARCH, SCRIPT, STYLESHEET, links_assets
from playbook.catalog import Playbook, cyclic_collector_paused, is_content_path, load_playbook
from playbook.environment import environment
from playbook.errors import ContentErrors, display_path
from playbook.export import FRONT_MATTER, page_title
from playbook.glossary import (
    GLOSSARY_PAGE,
    GlossaryExtension,
    GlossaryLinker,
    TermMatcher,
    fill_term_uses,
    glossary_terms,
)
from playbook.mkdocs.config import PlaybookConfig, site_of
from playbook.navigation import navigation
from playbook.render import Renderer, build_errors_html
from playbook.safety import (
    SafetyExtension,
    docs_tree_errors,
    escape_meta,
    escape_nav,
    html_title,
    may_hold_raw_html,
    with_content_security_policy,
)
from playbook.views import Page as GeneratedPage

if TYPE_CHECKING:  # `mkdocs serve` only: a build need not import the live server (and watchdog)
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.playbook")


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Generates the playbook's pages from the YAML files under `docs/`."""

    def __init__(self) -> None:
        self.loaded = False  # whether this build's playbook loaded; the plugin keeps none of its model
        self.linker: GlossaryLinker | None = None
        self.listed: dict[str, tuple[str, str]] = {}  # src_uri: (title, url) of pages rendered so far
        self.unlisted: set[str] = set()  # worksheets and packs: the glossary lists their guides
        self.glossary_from_page = ""  # the glossary's address relative to the page being rendered
        self.bare_worksheets: list[str] = []  # worksheet pages whose HTML lacks the packaged assets
        self.generated: set[str] = set()  # src_uri of the pages the playbook generates
        self.raw_html_here = False  # whether the page being converted may hold raw HTML
        self.offline = False  # built to be opened from disk, by Material's offline plugin
        self.serving = False  # under `mkdocs serve`: content errors are shown on the pages
        self.errors_shown = ""  # the HTML listing the content errors, put on every page while serving

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook keeps one instance of the plugin for all of `mkdocs serve`'s builds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.serving:
            environment.cache_clear()  # each build of `mkdocs serve` reads the package's templates again
        # Before MkDocs walks docs/, following links: a link out of it, or a loop, stops here
        docs_dir = Path(config.docs_dir)
        root = Path(config.config_file_path or ".").parent
        tree_errors = docs_tree_errors(docs_dir, display_path(docs_dir, root), is_content_path)
        if tree_errors:
            for error in tree_errors:
                log.error(str(error))
            raise PluginError(
                f"the playbook has {len(tree_errors)} content error{'s' if len(tree_errors) != 1 else ''}"
            )
        for extension in ("attr_list", "md_in_html", "tables"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        safety = SafetyExtension(raw_html=lambda: self.raw_html_here)
        config.markdown_extensions.append(safety)  # type: ignore[arg-type]  # MkDocs takes instances too
        _link_assets(config)
        self.offline = _builds_offline(config)
        if self.offline:
            # Before the offline plugin's own on_config, which otherwise adds a shim from a CDN
            polyfills = config.extra.setdefault("polyfills", [])
            if OFFLINE_SEARCH.site_path not in polyfills:
                polyfills.append(OFFLINE_SEARCH.site_path)
        self.linker = GlossaryLinker(TermMatcher(()), self._glossary_address)
        if self.config.glossary:
            linking = GlossaryExtension(self.linker, links_are_final=True)
            config.markdown_extensions.append(linking)  # type: ignore[arg-type]  # MkDocs takes instances too
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        # The playbook lives in `_generate_pages` alone: it is freed as that returns, before the
        # cyclic collector resumes, so the collector never walks it (see `cyclic_collector_paused`)
        with cyclic_collector_paused():
            return self._generate_pages(files, config)

    def _generate_pages(self, files: Files, config: MkDocsConfig) -> Files:
        self.loaded = False
        try:
            playbook = _load(config)
        except ContentErrors as problems:
            count = len(problems.errors)
            if not self.serving:
                raise PluginError(f"the playbook has {count} content error{'s' if count != 1 else ''}") from None
            # Served, the site is built without the generated pages, and every page (the missing
            # ones too, through the theme's 404 page) lists the errors until they are fixed.
            self.errors_shown = build_errors_html(problems.errors)
            return files
        self.loaded = True
        self.errors_shown = ""
        self._start_build(playbook)
        _remove_sources(files, playbook.sources)
        _add_assets(files, config, offline=self.offline)
        site = site_of(self.config, config.site_url or "", tags_shown_by_plugin=_tags_plugin_enabled(config))
        # Local: once its pages are rendered, the model is freed, and the garbage collector's
        # passes over the rest of the build never walk its objects (half of those alive)
        renderer = Renderer(playbook, site)
        pages = list(renderer.pages())
        self.unlisted = {page.path for page in pages if not page.in_nav}
        self.generated = {page.path for page in pages}
        _add_pages(files, pages, config)
        for image in renderer.images():
            files.append(File.generated(config, image.path, content=image.content))
        if config.nav is None:
            handwritten = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
            config.nav = escape_nav(navigation(handwritten, pages, self.config.nav_section_size))
        return files

    def _start_build(self, playbook: Playbook) -> None:
        """Forget what the last build (under `mkdocs serve`) learnt of its pages."""
        if self.linker is not None:
            self.linker.matcher = TermMatcher(glossary_terms(playbook))
            self.linker.uses.clear()
        self.listed.clear()
        self.bare_worksheets.clear()

    @event_priority(100)  # before the tags plugin reads the front matter
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        path = page.file.src_uri
        self.raw_html_here = may_hold_raw_html(path, self.generated, self.config.raw_html_pages)
        escape_meta(page.meta)
        if self.linker is None:
            return markdown
        self.linker.start_page(page.file.src_uri)
        glossary = files.src_uris.get(GLOSSARY_PAGE)  # not get_file_from_path: no PurePath per page
        self.glossary_from_page = get_relative_url(glossary.url, page.url) if glossary else ""
        return markdown

    def _glossary_address(self, page: str, term_id: str) -> str:
        """The final address of a term's entry, from the page being rendered (MkDocs' URLs)."""
        return f"{self.glossary_from_page}#{term_id}"

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if "title" not in page.meta and page.title:
            # The theme prints a title from front matter as it is, and one from a heading after
            # decoding its entities: given here, the heading's is printed as it is too
            page.meta["title"] = html_title(page.title)
        if page.file.src_uri not in self.unlisted:
            self.listed[page.file.src_uri] = (page.title or page.file.src_uri, page.url)  # known once rendered
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.bare_worksheets:
            count = len(self.bare_worksheets)
            log.warning(
                "%d worksheet page%s lack%s the playbook's stylesheet or script (%s), so %s neither fill%s in "
                "nor print%s: the theme '%s' must include config.extra_css and config.extra_javascript, and a "
                "template override of its styles or scripts block must call super() (%s)",
                count,
                "" if count == 1 else "s",
                "s" if count == 1 else "",
                ", ".join(a.site_path for a in ASSETS),
                "it" if count == 1 else "they",
                "s" if count == 1 else "",
                "s" if count == 1 else "",
                config.theme.name or config.theme.custom_dir,
                ", ".join(self.bare_worksheets[:3]) + (", ..." if count > 3 else ""),
            )

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # `--dirty` (and `mkdocs serve --dirty`) convert only the pages whose files changed:
        # the glossary's lists still need the terms every other page uses, and its title.
        if self.linker is not None and self.config.glossary and self.loaded:
            skipped = [
                file
                for file in files.documentation_pages()
                if file.src_uri not in self.listed and file.src_uri not in self.unlisted and file.generated_by is None
            ]
            converters: dict[bool, Markdown] = {}  # as pages are converted: raw HTML as text unless kept
            for file in skipped:
                self.raw_html_here = may_hold_raw_html(file.src_uri, self.generated, self.config.raw_html_pages)
                if self.raw_html_here not in converters:
                    converters[self.raw_html_here] = Markdown(
                        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
                    )
                self.linker.start_page(file.src_uri)
                converters[self.raw_html_here].reset().convert(FRONT_MATTER.sub("", file.content_string, count=1))
                title = (file.page.title if file.page else None) or page_title(file.content_string, file.src_uri)
                self.listed[file.src_uri] = (title, file.page.url if file.page else file.url)
        return env

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., object]
    ) -> LiveReloadServer:
        # The package's templates and assets are outside docs_dir: edits to them rebuild too
        for folder in ("templates", "assets"):
            server.watch(str(Path(__file__).parents[1] / folder))
        return server

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        return _with_errors(output_content, self.errors_shown)

    @event_priority(-100)  # once every plugin has had its say on the page
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self.errors_shown:
            return _with_errors(output, self.errors_shown)
        if self.config.content_security_policy and not self.offline:  # from disk, no origin is 'self'
            output = with_content_security_policy(output, page.content or "", self.config.content_security_policy)
        if page.file.src_uri in self.unlisted and not links_assets(output):
            self.bare_worksheets.append(page.file.src_uri)
        if page.file.src_uri == GLOSSARY_PAGE and self.linker is not None:
            # Thousands of links, added to the finished page with their final addresses: as
            # Markdown, each would be converted, then resolved and checked by MkDocs, and the
            # search index (which leaves them out) would still parse them, for nothing. MkDocs
            # converts every page before it finishes any, so every page's uses are known here.
            listed = {path: (title, get_relative_url(url, page.url)) for path, (title, url) in self.listed.items()}
            return fill_term_uses(output, self.linker.uses, listed, html=True)
        return output


def _load(config: MkDocsConfig) -> Playbook:
    """The playbook under the docs folder; every content error logged, then raised."""
    try:
        return load_playbook(Path(config.docs_dir), root=Path(config.config_file_path or ".").parent)
    except ContentErrors as problems:
        for error in problems.errors:
            log.error(str(error))
        raise


def _remove_sources(files: Files, sources: list[str]) -> None:
    """Keep the YAML files out of the site: they are content, not downloads."""
    for source in sources:
        yaml_file = files.get_file_from_path(source)
        if yaml_file is not None:
            files.remove(yaml_file)


def _add_assets(files: Files, config: MkDocsConfig, *, offline: bool) -> None:
    """The packaged stylesheet and script as files of the site; offline search too, for a site opened from disk."""
    for asset in ASSETS:
        if files.get_file_from_path(asset.site_path) is not None:
            raise PluginError(
                f"docs/{asset.site_path} is written by hand but the playbook ships that file; "
                "rename it (add your own styles and scripts with extra_css and extra_javascript)"
            )
        files.append(File.generated(config, asset.site_path, abs_src_path=str(asset.source)))
    if offline:
        files.append(File.generated(config, OFFLINE_SEARCH.site_path, abs_src_path=str(OFFLINE_SEARCH.source)))


def _add_pages(files: Files, pages: list[GeneratedPage], config: MkDocsConfig) -> None:
    """The generated pages, as files of the site; "Edit this page" opens the YAML they come from."""
    for page in pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(
                f"docs/{page.path} is written by hand but the playbook generates it; rename or remove the file"
            )
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        generated = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
        if page.source is not None:
            generated.edit_uri = page.source
        files.append(generated)


def _link_assets(config: MkDocsConfig) -> None:
    """Have the theme link the packaged stylesheet and script on every page."""
    if STYLESHEET.site_path not in config.extra_css:
        config.extra_css.append(STYLESHEET.site_path)
    if SCRIPT.site_path not in [str(script) for script in config.extra_javascript]:
        script = c.ExtraScriptValue(SCRIPT.site_path)
        script.defer = True
        config.extra_javascript.append(script)


def _builds_offline(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on: the site is to be opened from disk."""
    offline = config.plugins.get("material/offline")
    return offline is not None and bool(offline.config.get("enabled", True))


def _tags_plugin_enabled(config: MkDocsConfig) -> bool:
    """Whether Material's tags plugin shows each page's tags (from its front matter)."""
    return any(name in config.plugins for name in ("tags", "material/tags"))


_BODY_START = re.compile(r"<body[^>]*>", re.IGNORECASE)


def _with_errors(html: str, errors: str) -> str:
    """A finished page with the content errors at the top of its body."""
    if not errors:
        return html
    body = _BODY_START.search(html)
    return html[: body.end()] + errors + html[body.end() :] if body else errors + html
