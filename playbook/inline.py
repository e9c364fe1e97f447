"""Inline patterns registered only on the pages whose text could match them.

Python-Markdown tries every inline pattern on every text of a page, and each try costs the same
whether or not the pattern can match. A pattern that only a rare sequence of characters starts
(an author's `[[term]]`, a run of character references) is registered, by a preprocessor, on the
pages whose lines hold that sequence, and is absent from the others. The texts inline patterns
see are cut from the page's lines, so a page whose lines lack the sequence has no match to lose.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

# Before raw HTML blocks are set aside (20): the Markdown inside them is in the lines too
_PRIORITY = 25


class _PatternOnDemand(Preprocessor):
    def __init__(
        self, md: Markdown, pattern: InlineProcessor, name: str, priority: float, needed: Callable[[str], bool]
    ) -> None:
        super().__init__(md)
        self.pattern = pattern
        self.name = name
        self.priority = priority
        self.needed = needed

    def run(self, lines: list[str]) -> list[str]:
        needed = self.needed("\n".join(lines))
        registered = self.name in self.md.inlinePatterns
        if needed and not registered:
            self.md.inlinePatterns.register(self.pattern, self.name, self.priority)
        elif registered and not needed:
            self.md.inlinePatterns.deregister(self.name)
        return lines


def register_on_demand(
    md: Markdown, pattern: InlineProcessor, name: str, priority: float, needed: Callable[[str], bool]
) -> None:
    """Register `pattern` as `md.inlinePatterns.register` would, but only for the pages whose
    Markdown `needed` accepts: it must accept every page holding a text the pattern matches."""
    md.preprocessors.register(_PatternOnDemand(md, pattern, name, priority, needed), f"{name}_on_demand", _PRIORITY)
