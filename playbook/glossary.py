"""Glossary linking as a Python-Markdown extension.

A tree processor finds, in one pass over a page's texts with an Aho-Corasick automaton built
once per build, the first use on a page of every glossary term (or of one of its aliases, in any
case), and turns it into a link to the term's entry with the definition as its title, which
Material shows as a tooltip. Headings, links, code, addresses and paths, a word right after
another link, and the term's own entry are left alone.

Authors choose where a word is the term: `[[pull]]` marks the use in the glossary's sense,
which is then the one linked on its page (other uses stay plain), and `[[!pull]]` keeps one use,
in an everyday sense, from being linked. Both show the word alone.

It works in any Python-Markdown pipeline: MkDocs, Zensical, or plain ``markdown.markdown``.

The glossary page lists, under each term, the pages that use it: the page is rendered with a
marker per term, and the lists replace the markers once every page is linked, by the MkDocs
plugin during a build or by `term_uses` for `playbook render`.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate

import ahocorasick
from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, STX, AtomicString
from markupsafe import Markup, escape

from playbook.catalog import Playbook
from playbook.environment import environment
from playbook.inline import register_on_demand
from playbook.registry import kind
from playbook.safety import SafetyExtension, tooltip_text
from playbook.text import SENSE_MARK, plain_text

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
# A link, or a form's label or button (a worksheet's checklist option), written as raw HTML
# stays a placeholder in the tree until the end: no term is linked inside one
_RAW_LINK_TAG = re.compile(r"<(/?)(?:a|label|button)[\s>]", re.IGNORECASE)
OWN_ENTRY_ATTRIBUTE = "data-glossary-entry"
NO_LINK_CLASS = "pb-no-glossary"
SENSE_CLASS = "pb-glossary-sense"  # an author's `[[term]]`: the use to link on its page
LINK_CLASS = "pb-term"
# How far around a match to look for the address or path it may sit in
_TOKEN_REACH = 200


@dataclass(frozen=True)
class GlossaryTerm:
    """What the linker needs to know of one term."""

    id: str
    forms: tuple[str, ...]  # the term and its aliases, as written
    tooltip: str  # plain-text definition, one line
    match_case: bool = False  # link only forms written exactly as given


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
            if _is_word_edge(folded, start - 1) and _is_word_edge(folded, end) and not _in_address(text, start, end):
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


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether a match sits in a web address or a path (`/exercises/sme-review-slots/`), which
    reads as one token: no space in it, and a scheme, a leading slash or two slashes."""
    around = text[max(0, start - _TOKEN_REACH) : end + _TOKEN_REACH]
    if "/" not in around and "www." not in around:  # prose, as most matches are
        return False
    left = text[max(0, start - _TOKEN_REACH) : start]
    right = text[end : end + _TOKEN_REACH]
    token = left.split()[-1] if left and not left[-1].isspace() else ""
    token += text[start:end] + (right.split()[0] if right and not right[0].isspace() else "")
    return "://" in token or token.startswith(("/", "www.")) or token.count("/") >= 2


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
    sense: bool = False  # inside an author's `[[term]]`
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
        found = []
        for start, end, term_id in self.linker.matcher.find(SEPARATOR.join([text.text for text in texts])):
            index = bisect_right(starts, start) - 1
            found.append((index, start - starts[index], end - starts[index], term_id))
        marked = {term_id for index, _, _, term_id in found if texts[index].sense}  # the author chose where
        chosen: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        linked: set[str] = set()
        for index, start, end, term_id in found:
            text = texts[index]
            if term_id in linked or term_id == text.own_entry or (term_id in marked and not text.sense):
                continue
            if text.spans and not any(a <= start < b for a, b in text.spans):
                continue
            if self._next_to_a_link(text, chosen[index], start, end):
                continue  # the two would read as one link: the next use is linked
            linked.add(term_id)
            chosen[index].append((start, end, term_id))
        for index in sorted(chosen, reverse=True):  # from the end, so earlier places keep their index
            self._insert_links(texts[index], chosen[index])

    @staticmethod
    def _next_to_a_link(text: _Text, chosen: list[tuple[int, int, str]], start: int, end: int) -> bool:
        """Whether a use has only spaces between it and another link: one chosen before it in
        the same text, or a link element just before or after the text."""
        before = chosen[-1][1] if chosen else (0 if text.after is not None and text.after.tag == "a" else None)
        if before is not None and not text.text[before:start].strip():
            return True
        siblings = list(text.element)
        position = 0 if text.after is None else siblings.index(text.after) + 1
        following = siblings[position] if position < len(siblings) else None
        return following is not None and following.tag == "a" and not text.text[end:].strip()

    def _collect(self, element: etree.Element, own_entry: str | None, texts: list[_Text], sense: bool = False) -> None:
        own_entry = element.get(OWN_ENTRY_ATTRIBUTE, own_entry)
        text = element.text
        if text and not isinstance(text, AtomicString) and not text.isspace():  # code is atomic
            texts.append(_Text(text, element, None, own_entry, sense))
        for child in element:
            if child.tag not in SKIPPED_TAGS:
                classes = (child.get("class") or "").split()
                if NO_LINK_CLASS not in classes:
                    self._collect(child, own_entry, texts, sense or SENSE_CLASS in classes)
            tail = child.tail
            if tail and not isinstance(tail, AtomicString) and not tail.isspace():
                texts.append(_Text(tail, element, child, own_entry, sense))

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


class SenseMarkProcessor(InlineProcessor):
    """An author's `[[term]]` (the glossary's sense: link this use) or `[[!term]]` (keep this
    use plain), shown as the word alone in a span the tree processor reads."""

    # typeshed types InlineProcessor.handleMatch as the older Pattern's, with one argument
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        span = etree.Element("span", {"class": NO_LINK_CLASS if m.group(1) else SENSE_CLASS})
        span.text = m.group(2)
        return span, m.start(0), m.end(0)


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
        # Before links (170, 160) read `[[...]]` as a reference, after code spans (190) keep it as
        # written, and after footnotes (175), as when this extension is named after them
        sense = SenseMarkProcessor(SENSE_MARK, md)
        register_on_demand(md, sense, "playbook_glossary_sense", 174, needed=_holds_sense_mark)


def _holds_sense_mark(page: str) -> bool:
    return "[[" in page


# --- The glossary page's "Used in" lists ----------------------------------------------------

GLOSSARY_PAGE = kind("glossary").index_path


def glossary_terms(playbook: Playbook) -> list[GlossaryTerm]:
    return [
        GlossaryTerm(
            term_id,
            (entry.term.term, *entry.term.aliases),
            tooltip_text(plain_text(entry.term.definition)),
            entry.term.match_case,
        )
        for term_id, entry in playbook.terms.items()
    ]


_TERM_USES_MARKER = re.compile(r"<!-- playbook:term-uses ([a-z0-9-]+) -->")


def term_uses_marker(term_id: str) -> Markup:
    """Where the glossary page lists the pages using a term, filled in once all are rendered."""
    return Markup(f"<!-- playbook:term-uses {escape(term_id)} -->")


TERM_USES_SHOWN = 20


def fill_term_uses(
    glossary: str, uses: Mapping[str, set[str]], listed: Mapping[str, tuple[str, str]], *, html: bool = False
) -> str:
    """The glossary page with each term's marker replaced by links to the pages that use it.

    `glossary` is the page's Markdown, or its HTML with `html`. `uses` maps a term id to the
    paths of the pages using it; `listed` gives the title and the link target, from the
    glossary, of each page to list (worksheets and packs are left out by the callers: they
    repeat their guides). A term used on many pages lists the first TERM_USES_SHOWN by title
    and counts the rest, so that the glossary stays readable, on a phone too, as the
    playbook grows to thousands of pages.
    """
    template = environment().get_template("_term_uses.html.j2" if html else "_term_uses.md.j2")

    order = {path: (title.casefold(), href) for path, (title, href) in listed.items()}  # once, not per term

    def pages_using(match: re.Match[str]) -> str:
        users = sorted(
            (path for path in uses.get(match.group(1), ()) if path in listed and path != GLOSSARY_PAGE),
            key=order.__getitem__,
        )
        shared = Counter(listed[path][0] for path in users)
        pages = [
            {"title": _told_apart(listed[path][0], path, shared), "href": listed[path][1]}
            for path in users[:TERM_USES_SHOWN]
        ]
        return template.render(pages=pages, more=len(users) - len(pages)).strip()

    return _TERM_USES_MARKER.sub(pages_using, glossary)


def _told_apart(title: str, path: str, shared: Counter[str]) -> str:
    """A page's title, with its file's name where another listed page has the same title
    ("Overview (lean eight wastes)")."""
    if shared[title] < 2:
        return title
    name = posixpath.splitext(path)[0].removesuffix("/index")
    return f"{title} ({posixpath.basename(name).replace('-', ' ')})"


def term_uses(
    terms: Iterable[GlossaryTerm], pages: Iterable[tuple[str, str]], may_hold_html: Callable[[str], bool]
) -> dict[str, set[str]]:
    """Which pages use each term: the paths of the (path, Markdown) pages that link it.

    What the MkDocs plugin learns while it builds, found without it by converting each page
    with the glossary extension, for engines that run no plugins (`playbook render`). As in
    the build, a page's raw HTML is read as HTML only where `may_hold_html(path)` says so.
    """
    linker = GlossaryLinker(TermMatcher(terms), lambda page, term: f"#{term}")

    def converter(raw_html: bool) -> Markdown:
        safety = SafetyExtension(raw_html=lambda: raw_html)
        return Markdown(extensions=["attr_list", "md_in_html", "tables", safety, GlossaryExtension(linker)])

    converters = {True: converter(True), False: converter(False)}
    for path, markdown in pages:
        if path != GLOSSARY_PAGE:
            linker.start_page(path)
            converters[may_hold_html(path)].reset().convert(markdown)
    return linker.uses
