"""What untrusted text may hold, and how it is written in each place it goes.

Every text, page and file name in a pull request is untrusted. This module is the one place
that says which characters plain text may hold, which addresses links may use, which
attributes the rendered pages may carry, and how a value is escaped for each context: HTML
text and attributes, tooltips, CSS strings, YAML front matter and Markdown. The models,
templates and plugin call it; none of them escapes on its own.

Every function here runs in time linear in its input: no regular expression with nested or
overlapping repetition touches author text.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import os
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable, Container, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, HTML_PLACEHOLDER_RE, STX
from markupsafe import Markup, escape

from playbook.errors import ContentError
from playbook.inline import register_on_demand

# --- plain text ----------------------------------------------------------------------------

# Line and paragraph breaks, controls, lone surrogates, and the bidirectional controls that can
# make text read differently from what it holds. Everything else printable is welcome.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
# The same rule for editors' JSON Schema checks (ECMA-262 syntax): one printable line
PLAIN_TEXT_PATTERN = r"^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$"


def unprintable(text: str) -> str | None:
    """The first character of `text` that plain text may not hold, or None."""
    if text.isprintable():  # the common case, in C; the bidirectional controls are format characters (Cf),
        return None  # which Python does not count as printable
    for c in text:
        if c in _BIDI_CONTROLS or unicodedata.category(c) in _UNPRINTABLE_CATEGORIES:
            return c
    return None


def describe_character(c: str) -> str:
    """A character as an author can find it in an editor: `'x'`, or its code point and name."""
    if c == "\n":
        return "a line break"
    if c.isprintable() and not c.isspace():
        return f"'{c}'"
    name = unicodedata.name(c, "")
    return f"U+{ord(c):04X}{f' {name}' if name else ''}"


class PlainStr(str):
    """Plain text from an author: shown exactly as written, whatever characters it holds.

    A string of this type is escaped for the context it is written into; see `markdown_text`.
    """

    __slots__ = ()


# Written out (a navigation in mkdocs.yml, a fixture), plain text is a string like any other
yaml.SafeDumper.add_representer(PlainStr, yaml.representer.SafeRepresenter.represent_str)


def plain(text: str) -> PlainStr:
    return text if isinstance(text, PlainStr) else PlainStr(text)


# --- escaping per context ------------------------------------------------------------------


def html_text(text: str) -> Markup:
    """Text for HTML element content or a quoted attribute value: `& < > " '` escaped."""
    return escape(str(text))


# What Markdown reads as syntax anywhere in a line: escapes, code, emphasis, links and images,
# attribute lists, headings' closing hashes
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]#])")
# ...and only at the start of a block: list markers
_LIST_MARKER = re.compile(r"(\s*)([-+]|\d+(?=[.)]))")


def markdown_text(text: str) -> Markup:
    """Plain text for a Markdown page, shown by any Markdown tool exactly as written.

    HTML's `& < >` become entities, and every character Markdown reads as syntax (emphasis,
    links, headings, attribute lists, a leading list marker) is backslash-escaped (in a table
    cell, `|` is escaped too: see `playbook.render.table_cell`). Quotes and the rest stay as
    they are: they are text in Markdown, and glossary terms such as "Little's law" must still
    be found in it.
    """
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SYNTAX.sub(r"\\\1", text)
    marker = _LIST_MARKER.match(text)
    if marker:
        at = marker.end() if marker.group(2)[0].isdigit() else marker.start(2)
        text = f"{text[:at]}\\{text[at:]}"
    return as_markup(text)


def as_markup(text: str) -> Markup:
    """`text`, escaped by the caller, marked safe: `Markup(text)` without Markup's own look for an
    `__html__` method, which a str has not. Templates print hundreds of thousands of these."""
    return str.__new__(Markup, text)


def markdown_url(url: object) -> Markup:
    """An address for a Markdown link `[text](address)`: nothing in it ends the link or adds markup.

    Every character but letters, digits and a few URL delimiters is percent-encoded, so
    `)`, `{`, `<`, quotes and spaces cannot end the destination or start an attribute list.
    """
    return Markup(quote(str(url), safe="/:?#&=%@!$+,;~-._"))


_CSS_SPECIAL = re.compile(r'["\\<>&{}]')


def css_string(text: str) -> Markup:
    """A double-quoted CSS string that shows `text` and can end neither itself nor its <style>.

    Quotes, backslashes, `< > & { }`, line breaks, form feeds and every other unprintable
    character become hex escapes; the rest, `·` and accents included, is written as it is.
    """
    text = str(text)
    if text.isprintable() and not _CSS_SPECIAL.search(text):  # most labels: nothing to escape
        return Markup(f'"{text}"')
    out = []
    for c in text:
        if c.isprintable() and c not in '"\\<>&{}' and (c == " " or not c.isspace()):
            out.append(c)
        else:
            out.append(f"\\{ord(c):x} ")
    return Markup('"' + "".join(out) + '"')


def _yaml_escape(c: str) -> str:
    code = ord(c)
    if c in '"\\':
        return "\\" + c
    if (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)
    ):
        return f"\\u{code:04x}"
    return c


def yaml_string(text: str) -> Markup:
    """A YAML double-quoted scalar that reads back as exactly `text`, emoji and all.

    JSON would do, but JSON writes characters beyond the Basic Multilingual Plane as surrogate
    pairs, which YAML loaders (MkDocs' included) refuse.
    """
    text = str(text)
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return Markup(f'"{text}"')
    return Markup('"' + "".join(_yaml_escape(c) for c in text) + '"')


# --- tooltips --------------------------------------------------------------------------------

TOOLTIP_LENGTH = 240


def tooltip_text(text: str, limit: int = TOOLTIP_LENGTH) -> str:
    """One line of at most `limit` characters: a summary for a tooltip, cut at a word."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit)
    return line[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


@functools.lru_cache(maxsize=4096)  # a glossary term's tooltip is the same on every page
def _tooltip_attribute(value: str) -> str:
    """A `title` as Python-Markdown's tree holds it, re-encoded for a theme that reads it as HTML.

    The tree's value may hold entities (the serializer keeps them). Material for MkDocs puts a
    title's text into the page as HTML, so the text the reader sees is escaped twice: once for
    the attribute, once for the tooltip's HTML.
    """
    shown = tooltip_text(html.unescape(value))
    escaped = html.escape(html.escape(shown, quote=False), quote=False)
    # A character beyond Latin-1 ("…", "λ") is written as a character reference, which both the
    # browser and the theme read back: the tooltips of linked terms are on most pages, and one such
    # character makes Python hold the whole page two bytes a character, and every later pass over it
    # (the search index, the Content-Security-Policy, writing the file) slower.
    return escaped.encode("latin-1", "xmlcharrefreplace").decode("latin-1")


# --- links and attributes ------------------------------------------------------------------

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src"})
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_NO_SCHEME_START = frozenset("./#?")  # neither a letter, nor a blank or an entity that may hide one


def url_scheme(url: str) -> str | None:
    """The scheme of an address as a browser reads it (entities decoded, blanks ignored), if any."""
    if url[:1] in _NO_SCHEME_START:  # most links of a site: "../exercises/", "#steps"
        return None
    head = _IGNORED_IN_SCHEME.sub("", html.unescape(url[:256])).lower()
    match = _SCHEME.match(head)
    return match.group(1) if match else None


def is_safe_url(url: str) -> bool:
    """True for relative addresses and http(s) or mailto ones."""
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


# What the pages' elements may carry: what Markdown and its extensions write, and what the
# templates set on the blocks they open with `markdown`. Nothing that runs, fetches, positions,
# hides, focuses or makes a page editable (style, ping, srcset, hidden, autofocus, on...).
ALLOWED_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "alt",
        "title",
        "id",
        "class",
        "align",
        "colspan",
        "rowspan",
        "scope",
        "start",
        "type",
        "lang",
        "dir",
        "width",
        "height",
        "checked",
        "disabled",
        "open",
        "name",
        "role",
        "markdown",
        # what the worksheet templates set on their fields: sizes, values and accessible names
        "value",
        "rows",
        "placeholder",
        "autocomplete",
        "inputmode",
        "min",
        "max",
        "for",
        "aria-label",
        "aria-labelledby",
        "aria-describedby",
        "aria-hidden",
        "aria-live",
    }
)
# Data attributes are inert but for the scripts that read them: the playbook's own (data-sheet,
# data-prompt, ...) and the theme's, whose `data-md-*` mount its components
# (and clipboard.js's, which copies `data-clipboard-text` on a click, and the tabs' and code
# blocks'). The theme's script looks elements up by ids that start with `__` (`__config`, which
# holds its settings, `__drawer`, `__search`): the page's content may not take one.
_THEME_DATA = ("data-md-", "data-clipboard", "data-copy", "data-tabs", "data-preview")
_THEME_ID_PREFIX = "__"
# Python-Markdown keeps a backslash-escaped character as STX, its code point, ETX until the end
_ESCAPED_CHARACTER = re.compile(f"{STX}([0-9]+){ETX}")
# The styles the templates set: which named @page prints a block, and how many lines a field holds
_PAGE_STYLE = re.compile(r"page: pb-[a-z0-9-]{1,200}|--pb-(?:lines|row-lines): [0-9]{1,3}")
# Material's own classes position and show its interface; an author's text may only make buttons
_ALLOWED_THEME_CLASSES = frozenset({"md-button", "md-button--primary"})


def _safe_classes(value: str) -> str:
    return " ".join(c for c in value.split() if not c.startswith("md-") or c in _ALLOWED_THEME_CLASSES)


def _is_script_data(name: str) -> bool:
    return name.startswith("data-") and not name.startswith(_THEME_DATA)


def attribute_as_written(value: str, stash: list[Any]) -> str:
    """An attribute's value as the page will hold it: Python-Markdown keeps a character
    reference (`&lt;`) and a backslash escape aside as placeholders, and puts them back only
    once every pass has run, too late for a check to see them."""
    if STX not in value:
        return value
    value = HTML_PLACEHOLDER_RE.sub(lambda m: _stashed_text(stash, int(m.group(1))), value)
    return _ESCAPED_CHARACTER.sub(lambda m: chr(int(m.group(1))), value)


def _stashed_text(stash: list[Any], index: int) -> str:
    kept = stash[index] if index < len(stash) else ""
    return kept if isinstance(kept, str) else ""


# A `name` names a worksheet's field. On an image, a form or a frame it would also name a
# property of `document` or `window` (`<img name=getElementById>`), which the theme's and the
# playbook's scripts read: those elements may not carry one.
NAMED_FIELDS = frozenset({"input", "textarea", "select", "button", "fieldset", "output"})
# What the table of contents reads as text: written without a value, it means nothing
_READ_AS_TEXT = frozenset({"id", "data-toc-label"})
# Allowed attributes kept as they are: no address, class, name or id to check
_KEPT_AS_THEY_ARE = ALLOWED_ATTRIBUTES - URL_ATTRIBUTES - {"class", "name", "id"}


def sanitize_element(element: etree.Element) -> None:
    """Drop what an element may not carry; a link or image to an unsafe address becomes text.

    A browser reads attribute names in any case, and the other passes (tooltips) and MkDocs
    read them in lower case: each name is kept in lower case, and a name written in capitals
    beside the same name in lower case is dropped. An attribute written without a value
    (`{: class }`) is checked as an empty one and kept without a value where it is allowed,
    but for an id or a table-of-contents label, which mean nothing without one: dropped.
    """
    for name, value in list(element.items()):  # a copy: attributes are deleted on the way
        if name in _KEPT_AS_THEY_ARE:  # most attributes of a page, written in lower case
            continue
        lowered = name.lower()
        if lowered != name:
            del element.attrib[name]
            if lowered in element.attrib:
                continue
            element.set(lowered, value)
        if value is None and lowered in _READ_AS_TEXT:
            del element.attrib[lowered]
            continue
        text = "" if value is None else value
        if (lowered == "style" and _PAGE_STYLE.fullmatch(text)) or _is_script_data(lowered):
            continue
        if (
            lowered not in ALLOWED_ATTRIBUTES
            or (lowered in URL_ATTRIBUTES and not is_safe_url(text))
            or (lowered == "name" and element.tag not in NAMED_FIELDS)
            or (lowered == "id" and html.unescape(text).startswith(_THEME_ID_PREFIX))
        ):
            del element.attrib[lowered]
        elif lowered == "class" and value is not None:
            element.set(lowered, _safe_classes(html.unescape(value)))  # as the browser reads it
    if element.tag in ("a", "img") and element.get("href" if element.tag == "a" else "src") is None:
        # Not a link any more: MkDocs and the reader expect every <a> and <img> to point somewhere
        if element.tag == "img":
            element.text = element.get("alt", "")
        element.tag = "span"
        element.attrib.clear()


class AttributeTreeprocessor(Treeprocessor):
    """Allowed attributes only, and safe addresses, after attribute lists are applied."""

    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        for element in root.iter():
            if element.attrib:
                for name, value in element.items():
                    if value is not None and STX in value:
                        element.set(name, attribute_as_written(value, stash))
                sanitize_element(element)


class TooltipTreeprocessor(Treeprocessor):
    """Every `title` as text, however the theme shows it, and bounded in length."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            title = element.get("title")
            if title is not None:
                title = attribute_as_written(title, self.md.htmlStash.rawHtmlBlocks)
                element.set("title", _tooltip_attribute(title))


def may_hold_raw_html(page: str, generated: Container[str], named: Container[str]) -> bool:
    """Whether a page's raw HTML is kept: the generated pages', whose templates write it and
    escape every author's text, and a hand-written page's only where a maintainer named it."""
    return page in generated or page in named


class EntityRunProcessor(InlineProcessor):
    """A run of character references, kept as written in one piece.

    Python-Markdown keeps each reference it meets aside and rebuilds the rest of the text after
    each one, which takes time quadratic in their number: thousands of them in a row (`<<<<`,
    written `&lt;&lt;...` so that it stays text, or `&amp;&amp;...`) took seconds.
    """

    # Python-Markdown's own entity syntax (`markdown.inlinepatterns.ENTITY_RE`), bounded, two or more.
    # Written to start with `&`, not with a repeated group: the regex engine then skips from one
    # `&` to the next, where it tried a match at every character of every text, 35 times slower.
    ENTITY = r"&(?:#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z0-9]{1,32});"
    PATTERN = rf"{ENTITY}(?:{ENTITY})+"

    # typeshed types InlineProcessor.handleMatch as the older Pattern's, with one argument
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
        return self.md.htmlStash.store(m.group(0)), m.start(0), m.end(0)


# A reference, its `;` left out or not, then another: where the page's text may hold a run.
# Python-Markdown's reading of raw HTML completes `&#60` to `&#60;` after the page's lines are checked.
_MAY_START_ENTITY_RUN = re.compile(r"&#?[0-9a-zA-Z]+;?&")


def _may_hold_entity_run(page: str) -> bool:
    return _MAY_START_ENTITY_RUN.search(page) is not None


class SafetyExtension(Extension):
    """The safety policy for a Python-Markdown pipeline.

    Attributes are filtered right after attribute lists (priority 8), before the table of
    contents (5) reads ids and labels and MkDocs rewrites links (0); titles are re-encoded
    last, after glossary links are added. Raw HTML is shown as text unless `raw_html()` says
    the page being converted may hold it.
    """

    def __init__(self, raw_html: Callable[[], bool] = lambda: True, **kwargs: object) -> None:
        self.raw_html = raw_html
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        if not self.raw_html():
            for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
                if name in registry:
                    registry.deregister(name)
        # Just before Python-Markdown's own references (80), after code, escapes and links
        runs = EntityRunProcessor(EntityRunProcessor.PATTERN, md)
        register_on_demand(md, runs, "playbook_entity_runs", 81, needed=_may_hold_entity_run)
        md.treeprocessors.register(AttributeTreeprocessor(md), "playbook_attributes", 7)
        md.treeprocessors.register(TooltipTreeprocessor(md), "playbook_tooltips", -10)


# --- page metadata -------------------------------------------------------------------------

ESCAPED_META = ("title", "description", "author")


def escape_meta(meta: MutableMapping[str, object]) -> None:
    """Front matter values the theme writes into the page as they are, escaped as plain text.

    Material prints `title`, `description` and `author` into HTML without escaping, and tag
    names into links: each becomes `Markup` holding the escaped text, which templates that do
    escape leave alone.
    """
    for key in ESCAPED_META:
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = html_text(value)
    tags = meta.get("tags")
    if isinstance(tags, list):
        meta["tags"] = [html_text(tag) if isinstance(tag, str) and not isinstance(tag, Markup) else tag for tag in tags]


def html_title(title: str) -> Markup:
    """A title MkDocs made from a heading (HTML text, tags stripped) as safe HTML text."""
    return title if isinstance(title, Markup) else html_text(html.unescape(title))


# --- names -----------------------------------------------------------------------------------

_SAFE_NAME = re.compile(r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*(?:\.[A-Za-z0-9]+)*")


def is_safe_name(name: str) -> bool:
    """Whether a file or folder under docs/ has a name that can be published as it is.

    Letters, digits, single hyphens or underscores, and extensions: nothing a browser,
    a URL or the navigation could read as markup.
    """
    return len(name) <= 120 and _SAFE_NAME.fullmatch(name) is not None


def docs_tree_errors(
    docs_dir: Path, shown_docs: str, skip: Callable[[str], bool] = lambda path: False
) -> list[ContentError]:
    """Every symbolic link and unsafe name under `docs_dir`, which is walked without following links.

    A link could publish a file from outside the project, or loop; a name is published in
    addresses and in the navigation. Hidden files and folders (`.name`), which MkDocs leaves
    out, are not looked at; nor are the paths `skip` returns True for (relative to docs/).
    """
    errors: list[ContentError] = []
    folders = [""]
    while folders:
        folder = folders.pop()
        with os.scandir(docs_dir / folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.startswith("."):
                    continue
                relative = f"{folder}/{entry.name}" if folder else entry.name
                shown = relative if shown_docs == "." else f"{shown_docs}/{relative}"
                if entry.is_symlink():
                    errors.append(
                        ContentError(
                            shown,
                            1,
                            1,
                            "this is a symbolic link: the playbook publishes only what is in docs/ itself",
                            "replace the link with a copy of what it points to, or remove it",
                        )
                    )
                    continue
                if not is_safe_name(entry.name) and not skip(relative):
                    errors.append(
                        ContentError(
                            shown,
                            1,
                            1,
                            f"the name {entry.name!r} may not be published: it goes into addresses and the navigation",
                            "name files and folders with letters, digits, single hyphens or underscores, "
                            "and an extension, e.g. 'my-guide.md'",
                        )
                    )
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(relative)
    return errors


# --- Content-Security-Policy -----------------------------------------------------------------

# What the pages need: the theme's and the playbook's scripts and styles from the site itself,
# inline styles (templates set custom properties and print rules), images from the site or
# inline. No script from elsewhere or inline (but the theme's own, by hash), no frames, no
# plug-ins, no request to another host.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
_INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_SCRIPT_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JAVASCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


def _theme_script_hashes(page_html: str, content: str) -> list[str]:
    """The hashes of the inline scripts the theme wrote: every one outside the page's content."""
    start = _find_whole(page_html, content) if content else -1
    # The theme's parts only: the content, most of a long page, is not searched at all
    parts = (page_html[:start], page_html[start + len(content) :]) if start >= 0 else (page_html,)
    hashes = []
    for part in parts:
        for script in _INLINE_SCRIPT.finditer(part):
            attributes = script.group("attributes")
            if "src=" in attributes.lower():
                continue
            declared = _SCRIPT_TYPE.search(attributes)
            if (declared.group(1).lower() if declared else "") not in _JAVASCRIPT_TYPES:
                continue  # data, such as the theme's JSON configuration: never run
            hashes.append(_script_hash(script.group("body")))
    return list(dict.fromkeys(hashes))


def _find_whole(text: str, part: str) -> int:
    """`text.find(part)`, found from the part's first characters: searching for a long part
    costs a pass over all of it before the search starts, and page content is long."""
    head = part[:64]
    at = text.find(head)
    while at >= 0 and not text.startswith(part, at):
        at = text.find(head, at + 1)
    return at


@functools.lru_cache(maxsize=64)
def _script_hash(body: str) -> str:
    """A CSP source for one inline script; the theme writes the same few on every page."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"


def with_content_security_policy(page_html: str, content: str, policy: str = CONTENT_SECURITY_POLICY) -> str:
    """The page with a Content-Security-Policy `<meta>` first in its head.

    `content` is the page's own content (from Markdown), whose inline scripts, if any got
    there, are not allowed; the theme's are, each by its hash.
    """
    head = page_html.find("<head>")
    if head < 0:
        return page_html
    hashes = "".join(f" {h}" for h in _theme_script_hashes(page_html, content))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html_text(policy.format(hashes=hashes))}">'
    at = head + len("<head>")
    return page_html[:at] + meta + page_html[at:]


# --- output folders --------------------------------------------------------------------------

OUTPUT_MARK = ".playbook-output"  # in a folder `render` or `pdf` made: theirs to write into again


class UnsafeOutput(Exception):
    """An output folder or file the commands may not write: what is wrong, in an author's words."""


def claim_output_folder(out_dir: Path, project: Path, docs_dir: Path) -> Path:
    """Make `out_dir` ready for generated files, or refuse it; return it resolved.

    Refused: the project folder itself, docs/ or a folder inside it (it would be published), a
    symbolic link, and a folder that holds files but was not made by these commands (they would
    be overwritten). A folder they made carries OUTPUT_MARK.
    """
    if out_dir.is_symlink():
        raise UnsafeOutput(f"{out_dir.as_posix()} is a symbolic link: give a real folder")
    resolved, project, docs = out_dir.resolve(), project.resolve(), docs_dir.resolve()
    if resolved == project or resolved in project.parents:
        raise UnsafeOutput(f"{out_dir.as_posix()} holds the project: choose a folder of its own, e.g. build/out")
    if resolved == docs or docs in resolved.parents:
        raise UnsafeOutput(f"{out_dir.as_posix()} is inside {docs_dir.as_posix()}/, which is published: choose another")
    if resolved.is_dir() and any(resolved.iterdir()) and not (resolved / OUTPUT_MARK).is_file():
        raise UnsafeOutput(
            f"{out_dir.as_posix()} holds files this command did not write: empty it or choose another folder"
        )
    resolved.mkdir(parents=True, exist_ok=True)
    (resolved / OUTPUT_MARK).write_text("Written by the playbook command; it may replace what is here.\n")
    return resolved


def output_file(out_dir: Path, relative: str) -> Path:
    """Where to write `relative` in a claimed folder: never through a link, never outside it."""
    target = out_dir
    for part in relative.split("/"):
        if part in ("", ".", ".."):
            raise UnsafeOutput(f"{relative} is not a path inside the output folder")
        target = target / part
        if target.is_symlink():
            raise UnsafeOutput(f"{target.as_posix()} is a symbolic link: the command does not write through links")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def escape_nav(nav: list[Any]) -> list[Any]:
    """A navigation (as `mkdocs.yml` writes it) with every title HTML-escaped.

    The theme prints navigation titles as they are; a title made from an entry's title is
    plain text, which becomes `Markup` holding the escaped text.
    """
    return [
        {html_text(title): escape_nav(value) if isinstance(value, list) else value for title, value in item.items()}
        if isinstance(item, dict)
        else item
        for item in nav
    ]
