"""Inline patterns registered only on the pages whose text could match them.

Python-Markdown tries every inline pattern on every text of a page: each try scans the text,
whether or not the pattern can match. A pattern that only a rare sequence of characters starts
(an author's `[[term]]`, a run of character references) is registered, by a preprocessor, on the
pages whose lines hold that sequence, and is absent from the others. The texts that inline
patterns see are cut from the page's lines, with one change to allow for: Python-Markdown's
reading of raw HTML, which comes later, completes a character reference written without its `;`.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

# Before raw HTML blocks are set aside (20): the Markdown inside them is in the lines too
_PRIORITY = 25


class _PatternOnDemand(Preprocessor):
    """Adds the pattern to the inline patterns for a page that `needed` accepts, removes it for
    one it does not: a converter reused from page to page keeps the last page's patterns."""

    def __init__(
        self, md: Markdown, pattern: InlineProcessor, name: str, priority: float, needed: Callable[[str], bool]
    ) -> None:
        super().__init__(md)
        self.pattern = pattern
        self.name = name
        self.priority = priority
        self.needed = needed

    def run(self, lines: list[str]) -> list[str]:
        wanted = self.needed("\n".join(lines))
        registered = self.name in self.md.inlinePatterns
        if wanted and not registered:
            self.md.inlinePatterns.register(self.pattern, self.name, self.priority)
        elif registered and not wanted:
            self.md.inlinePatterns.deregister(self.name)
        return lines


def register_on_demand(
    md: Markdown, pattern: InlineProcessor, name: str, priority: float, needed: Callable[[str], bool]
) -> None:
    """Register `pattern` under `name` at `priority`, for the pages whose Markdown `needed`
    accepts only: it must accept every page where a text could match the pattern.

    The pattern is registered as each page is converted, after every other extension, and so
    runs after any pattern of the same priority: give it a priority of its own.
    """
    md.preprocessors.register(_PatternOnDemand(md, pattern, name, priority, needed), f"{name}_on_demand", _PRIORITY)
