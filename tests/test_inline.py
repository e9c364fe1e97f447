"""Inline patterns registered only on the pages that need them (`playbook.inline`).

Python-Markdown converters are reused from page to page (`term_uses`, `playbook render`'s
titles, the Zensical extension): a pattern left out of one page must come back on the next
page that needs it, wherever on that page its characters stand.
"""

from __future__ import annotations

import markdown
import pytest

from playbook.glossary import GlossaryExtension, GlossaryLinker, GlossaryTerm, TermMatcher
from playbook.safety import SafetyExtension

SENSE = "playbook_glossary_sense"
ENTITY_RUNS = "playbook_entity_runs"

# (page, whether it needs the `[[term]]` pattern, whether it needs the entity-run pattern)
PAGES = [
    ("Lean starts from value.", False, False),
    ("We ask what [[value]] means; a good [[!value]] for money.", True, False),
    ("a &lt;&lt;&lt; b &amp;&amp; c", False, True),
    ("No mark, no run: value &lt; cost.", False, False),
    ('<div markdown="1">\nInside a block, [[value]] too.\n</div>', True, False),
    ("| Cell |\n|---|\n| [[!value]] and &#60;&#60; |", True, True),
    ("Lean starts from value.", False, False),
]


def converter() -> markdown.Markdown:
    linker = GlossaryLinker(
        TermMatcher([GlossaryTerm("value", ("value",), "What the customer pays for.")]),
        lambda page, term: f"glossary.md#{term}",
    )
    return markdown.Markdown(
        extensions=["attr_list", "md_in_html", "tables", SafetyExtension(), GlossaryExtension(linker)]
    )


def test_a_reused_converter_gives_each_page_what_a_fresh_one_gives() -> None:
    reused = converter()
    for page, _, _ in PAGES + PAGES[::-1]:
        assert reused.reset().convert(page) == converter().convert(page), page


@pytest.mark.parametrize(("page", "sense", "runs"), PAGES)
def test_each_pattern_is_registered_for_the_pages_that_need_it(page: str, sense: bool, runs: bool) -> None:
    md = converter()
    html = md.convert(page)
    assert (SENSE in md.inlinePatterns) is sense
    assert (ENTITY_RUNS in md.inlinePatterns) is runs
    assert "[[" not in html  # every mark read as one


def test_a_pattern_left_out_of_one_page_is_back_on_the_next_that_needs_it() -> None:
    md = converter()
    md.convert(PAGES[0][0])
    assert SENSE not in md.inlinePatterns and ENTITY_RUNS not in md.inlinePatterns
    html = md.reset().convert(PAGES[5][0])
    assert '<span class="pb-no-glossary">value</span>' in html
    assert SENSE in md.inlinePatterns and ENTITY_RUNS in md.inlinePatterns
