"""Text as generated pages show it: one line, a table cell, a tooltip, a length of time.

The filters of the templates, kept apart from the Jinja environment so that the glossary's
tooltips and the templates make plain text the same way.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from playbook.safety import PlainStr, SafetyExtension, as_markup, markdown_text

# An author's glossary mark, `[[term]]` or `[[!term]]` (see glossary.py): the word alone in plain text
SENSE_MARK = r"\[\[(!?)([^\[\]\n]{1,80})\]\]"
_SENSE_MARK = re.compile(SENSE_MARK)


@functools.lru_cache(maxsize=4096)  # the same titles and definitions recur on many pages
def plain_text(markdown_text: str) -> str:
    """Markdown as one line of plain text, for a tooltip or a title: what a reader sees, unstyled.

    Python-Markdown itself parses the text, so emphasis, code, links, escapes and entities are
    read exactly as on a page; the text of the tree it builds is kept. Raw HTML is text, as the
    safety policy shows it on a page, and so is never parsed: its parser takes time quadratic in
    the number of unclosed tags.
    """
    markdown_text = _SENSE_MARK.sub(r"\2", markdown_text)
    if not _MARKDOWN_AT_WORK.search(markdown_text):  # most one-line texts: nothing to parse
        return " ".join(markdown_text.split())
    _PLAIN_TEXT.reset()
    _TEXT_OF_TREE.text = ""  # a blank text is not parsed at all
    _PLAIN_TEXT.convert(markdown_text)
    return " ".join(_TEXT_OF_TREE.text.split())


# What Python-Markdown could read as syntax in a text: inline markup, escapes, HTML and entities,
# several lines, or the start of a heading, list, rule or code block
_MARKDOWN_AT_WORK = re.compile(r"[\\`*_\[\]<>&\n\r]|^[ \t]*(?:[-+#=]|\d+[.)])|^(?: {4}|[ ]*\t)")


_HIDDEN_CHARACTER = re.compile(re.escape(AMP_SUBSTITUTE) + r"#([0-9]{1,6});")


class _TextOfTree(Treeprocessor):
    """Keeps the text of the finished tree, and leaves nothing to serialize."""

    text = ""

    def run(self, root: etree.Element) -> etree.Element:
        stash = self.md.htmlStash.rawHtmlBlocks
        # Entities wait in the stash as placeholders: show them as written
        text = "".join(self._texts(root))
        text = HTML_PLACEHOLDER_RE.sub(lambda match: html.unescape(str(stash[int(match[1])])), text)
        # An address written `<name@example.org>` is kept as character references, to hide it from robots
        self.text = _HIDDEN_CHARACTER.sub(lambda match: chr(int(match[1])), text)
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


_PLAIN_TEXT = Markdown(extensions=[SafetyExtension(raw_html=lambda: False)])
_TEXT_OF_TREE = _TextOfTree(_PLAIN_TEXT)
_PLAIN_TEXT.treeprocessors.register(_TEXT_OF_TREE, "plain-text", -100)  # after every other one


_LINK_TEXT_SYNTAX = re.compile(r"([\\\[\]])")


def one_line(text: object) -> str:
    """Text on one line, runs of white space made one space."""
    return " ".join(str(text).split())


def table_cell(text: object) -> str:
    """Text for one Markdown table cell: one line, and a `|` that does not end the cell."""
    if isinstance(text, PlainStr):  # str.replace: Markup's own would escape its arguments, to no effect here
        return as_markup(str.replace(markdown_text(text), "|", "\\|"))
    return one_line(text).replace("|", "\\|")


def link_text(text: object) -> str:
    """Text for the brackets of a Markdown link: backslashes and brackets escaped (plain text: all syntax)."""
    if isinstance(text, PlainStr):
        return markdown_text(text)
    return _LINK_TEXT_SYNTAX.sub(r"\\\1", str(text))


def format_minutes(minutes: int) -> str:
    """`90` -> `1 h 30 min`."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def after_question(text: object, question: str) -> str:
    """An answer without the question it repeats at its start: under a heading that asks the
    question, "What are we trying to accomplish? Write it with a number..." keeps "Write it..."."""
    answer = str(text)
    asked = re.match(r"\s*" + r"\s+".join(map(re.escape, question.split())) + r"\s*", answer, re.IGNORECASE)
    return answer[asked.end() :] if asked and answer[asked.end() :].strip() else answer
