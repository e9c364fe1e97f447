"""Glossary linking as a Python-Markdown extension.

A tree processor finds, in one pass over a page's texts with an Aho-Corasick automaton built
once per build, the first use on a page of every glossary term (or of one of its aliases, in any
case), and turns it into a link to the term's entry with the definition as its title, which
Material shows as a tooltip. Headings, links, code and the term's own entry are left alone.

It works in any Python-Markdown pipeline: MkDocs, Zensical, or plain ``markdown.markdown``.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate

import ahocorasick
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, STX, AtomicString

SKIPPED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "code",
        "pre",
        "kbd",
        "script",
        "style",
        "textarea",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dt",
        "title",
        "label",
        "button",
    }
)
# A link written as raw HTML in a hand-written page stays a placeholder in the tree until the end
_RAW_LINK_TAG = re.compile(r"<(/?)a[\s>]", re.IGNORECASE)
OWN_ENTRY_ATTRIBUTE = "data-glossary-entry"
NO_LINK_CLASS = "pb-no-glossary"
LINK_CLASS = "pb-term"
# A term link as Python-Markdown writes it (attributes sorted, values and text escaped)
_TERM_LINK = re.compile(rf'<a class="{LINK_CLASS}" href="[^"<]*" title="[^"<]*">([^<]*)</a>')


@dataclass(frozen=True)
class GlossaryTerm:
    """What the linker needs to know of one term."""

    id: str
    forms: tuple[str, ...]  # the term and its aliases, as written
    tooltip: str  # plain-text definition, one line
    match_case: bool = False  # link only forms written exactly as given


@functools.lru_cache(maxsize=4096)  # the same titles and definitions recur on many pages
def plain_text(markdown_text: str) -> str:
    """Markdown as one line of plain text, for a tooltip or a title: what a reader sees, unstyled.

    Python-Markdown itself parses the text, so emphasis, code, links, escapes and entities are
    read exactly as on a page; the text of the tree it builds is kept, raw HTML as written.
    """
    if not _MARKDOWN_AT_WORK.search(markdown_text):  # most one-line texts: nothing to parse
        return " ".join(markdown_text.split())
    _PLAIN_TEXT.reset()
    _TEXT_OF_TREE.text = ""  # a blank text is not parsed at all
    _PLAIN_TEXT.convert(markdown_text)
    return " ".join(_TEXT_OF_TREE.text.split())


# What Python-Markdown could read as syntax in a text: inline markup, escapes, HTML and entities,
# several lines, or the start of a heading, list, rule or code block
_MARKDOWN_AT_WORK = re.compile(r"[\\`*_\[\]<>&\n\r]|^[ \t]*(?:[-+#=]|\d+[.)])|^(?: {4}|[ ]*\t)")


class _TextOfTree(Treeprocessor):
    """Keeps the text of the finished tree, and leaves nothing to serialize."""

    text = ""

    def run(self, root: etree.Element) -> etree.Element:
        stash = self.md.htmlStash.rawHtmlBlocks
        # Raw HTML and entities wait in the stash as placeholders: show them as written
        self.text = HTML_PLACEHOLDER_RE.sub(
            lambda match: html.unescape(str(stash[int(match[1])])), "".join(self._texts(root))
        )
        return etree.Element("div")

    def _texts(self, root: etree.Element) -> Iterator[str]:
        """The text of `root` in reading order, with a space around blocks, breaks and images' alt text."""
        pending: list[etree.Element | str] = [root]
        while pending:
            item = pending.pop()
            if isinstance(item, str):
                yield item
                continue
            spaced = " " if item.tag in ("br", "img") or self.md.is_block_level(item.tag) else ""
            text = html.unescape(item.text or "") if item.tag == "code" else item.text or ""  # code is escaped early
            yield spaced + (item.get("alt", "") if item.tag == "img" else "") + text
            pending.extend(reversed([*item, spaced + (item.tail or "") if item is not root else ""]))


_PLAIN_TEXT = Markdown()
_TEXT_OF_TREE = _TextOfTree(_PLAIN_TEXT)
_PLAIN_TEXT.treeprocessors.register(_TEXT_OF_TREE, "plain-text", -100)  # after every other one


class TermMatcher:
    """All forms of all terms in one automaton, matched on whole words, case-insensitively."""

    def __init__(self, terms: Iterable[GlossaryTerm]) -> None:
        self.terms = {term.id: term for term in terms}
        self._automaton = ahocorasick.Automaton()
        for term in self.terms.values():
            for form in term.forms:
                key = _fold(form)
                if key and key not in self._automaton:
                    self._automaton.add_word(key, (len(key), term.id, form if term.match_case else None))
        if len(self._automaton):
            self._automaton.make_automaton()

    def __bool__(self) -> bool:
        return bool(len(self._automaton))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping whole-word matches as (start, end, term id), longest first at a tie."""
        if not self:
            return []
        folded = _fold(text)
        candidates = []
        for end_index, (length, term_id, exact) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if exact is not None and text[start:end] != exact:
                continue
            if _is_word_edge(folded, start - 1) and _is_word_edge(folded, end):
                candidates.append((start, -end, term_id))
        matches: list[tuple[int, int, str]] = []
        covered_until = 0
        for start, negative_end, term_id in sorted(candidates):
            if start >= covered_until:
                matches.append((start, -negative_end, term_id))
                covered_until = -negative_end
        return matches


def _fold(text: str) -> str:
    """Lower-case without changing the length, so that offsets stay valid in the original.

    A final sigma is folded like any other, as lower-casing one character at a time does.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # e.g. "İ" lowers to two characters: fold one at a time
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("\u03c2", "\u03c3")  # final sigma, sigma


def _is_word_edge(text: str, index: int) -> bool:
    return index < 0 or index >= len(text) or not (text[index].isalnum() or text[index] == "_")


class GlossaryLinker:
    """Links terms page by page and remembers which page used which term.

    `href_for` turns a term id into the link target for the page being rendered; the owner
    (the MkDocs plugin, or a script) sets `page` before each page so uses are recorded.
    """

    def __init__(self, matcher: TermMatcher, href_for: Callable[[str, str], str]) -> None:
        self.matcher = matcher
        self.href_for = href_for
        self.page = ""
        self.uses: dict[str, set[str]] = defaultdict(set)

    def start_page(self, page: str) -> None:
        self.page = page


@dataclass(slots=True)
class _Text:
    """A text of the page that may hold terms: `element.text`, or `after.tail` in `element`."""

    text: str
    element: etree.Element
    after: etree.Element | None
    own_entry: str | None
    spans: tuple[tuple[int, int], ...] = ()  # its parts outside raw HTML links, if not all of it


# Between the texts of a page, scanned as one: not a word character, and in no term
SEPARATOR = "\x00"


class GlossaryTreeprocessor(Treeprocessor):
    """Wrap the first use of each term on a page in a link to its glossary entry.

    One walk collects the page's texts in document order; the matcher scans them as one.
    """

    def __init__(self, md: Markdown, linker: GlossaryLinker) -> None:
        super().__init__(md)
        self.linker = linker

    def run(self, root: etree.Element) -> None:
        if not self.linker.matcher:
            return
        texts: list[_Text] = []
        self._collect(root, None, texts)
        raw_link_tags = self._raw_link_tags()
        if raw_link_tags:
            self._mark_raw_links(texts, raw_link_tags)
        starts = list(accumulate([len(text.text) + len(SEPARATOR) for text in texts], initial=0))
        chosen: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        linked: set[str] = set()
        for start, end, term_id in self.linker.matcher.find(SEPARATOR.join([text.text for text in texts])):
            index = bisect_right(starts, start) - 1
            text = texts[index]
            start, end = start - starts[index], end - starts[index]
            if term_id in linked or term_id == text.own_entry:
                continue
            if text.spans and not any(a <= start < b for a, b in text.spans):
                continue
            linked.add(term_id)
            chosen[index].append((start, end, term_id))
        for index in sorted(chosen, reverse=True):  # from the end, so earlier places keep their index
            self._insert_links(texts[index], chosen[index])

    def _collect(self, element: etree.Element, own_entry: str | None, texts: list[_Text]) -> None:
        own_entry = element.get(OWN_ENTRY_ATTRIBUTE, own_entry)
        text = element.text
        if text and not isinstance(text, AtomicString) and not text.isspace():  # code is atomic
            texts.append(_Text(text, element, None, own_entry))
        for child in element:
            if child.tag not in SKIPPED_TAGS:
                classes = child.get("class")
                if not (classes and NO_LINK_CLASS in classes.split()):
                    self._collect(child, own_entry, texts)
            tail = child.tail
            if tail and not isinstance(tail, AtomicString) and not tail.isspace():
                texts.append(_Text(tail, element, child, own_entry))

    def _raw_link_tags(self) -> dict[int, int]:
        """The page's raw HTML `<a ...>` (+1) and `</a>` (-1), by their index in the stash."""
        tags = {}
        for index, raw in enumerate(self.md.htmlStash.rawHtmlBlocks):
            found = _RAW_LINK_TAG.match(raw) if isinstance(raw, str) else None
            if found:
                tags[index] = -1 if found.group(1) else 1
        return tags

    @staticmethod
    def _mark_raw_links(texts: list[_Text], raw_link_tags: dict[int, int]) -> None:
        """Keep each text's parts outside links written as raw HTML (`<a href=...>...</a>`).

        A link inside a link is invalid. The texts are in document order, so counting the raw
        `<a>` and `</a>` placeholders passed tells whether each part is inside one.
        """
        links_open = 0
        for text in texts:
            spans = []
            position = 0
            for placeholder in HTML_PLACEHOLDER_RE.finditer(text.text) if STX in text.text else ():
                if not links_open:
                    spans.append((position, placeholder.start()))
                links_open = max(0, links_open + raw_link_tags.get(int(placeholder.group(1)), 0))
                position = placeholder.end()
            if not links_open:
                spans.append((position, len(text.text)))
            text.spans = tuple(spans) or ((0, 0),)

    def _insert_links(self, text: _Text, uses: list[tuple[int, int, str]]) -> None:
        """Cut the text at each use, which becomes a link holding the text up to the next as its tail."""
        links: list[etree.Element] = []
        kept = text.text
        for start, end, term_id in reversed(uses):
            link = self._link(term_id, kept[start:end])
            link.tail = kept[end:]
            links.append(link)
            kept = kept[:start]
        links.reverse()
        if text.after is None:
            text.element.text = kept
            text.element[0:0] = links
        else:
            text.after.tail = kept
            position = list(text.element).index(text.after) + 1
            text.element[position:position] = links

    def _link(self, term_id: str, shown: str) -> etree.Element:
        self.linker.uses[term_id].add(self.linker.page)
        term = self.linker.matcher.terms[term_id]
        link = etree.Element(
            "a",
            {
                "href": self.linker.href_for(self.linker.page, term_id),
                "class": LINK_CLASS,
                "title": term.tooltip.replace("&", "&amp;"),  # the tree's attributes may hold entities
            },
        )
        link.text = AtomicString(shown)
        return link


def strip_term_links(html: str) -> str:
    """The HTML of a page with each term link replaced by its text: what it was before linking."""
    return _TERM_LINK.sub(r"\1", html) if LINK_CLASS in html else html


class GlossaryExtension(Extension):
    """Link glossary terms wherever they appear.

    Give it a `GlossaryLinker`. By default the tree processor runs before the table of
    contents is built (priority 5) and before a site tool rewrites relative `.md` links
    (MkDocs: priority 0), so `href_for` may return such links. With `links_are_final`, it
    runs after them instead, and `href_for` must return the final address: the site tool
    then neither rewrites nor checks each of the many links it adds.
    """

    def __init__(self, linker: GlossaryLinker, *, links_are_final: bool = False, **kwargs: object) -> None:
        self.linker = linker
        self.priority = -1 if links_are_final else 6
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.treeprocessors.register(GlossaryTreeprocessor(md, self.linker), "playbook_glossary", self.priority)
