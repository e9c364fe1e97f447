"""Inline patterns registered only on the pages that need them (`playbook.inline`).

Some converters are reused from page to page (`term_uses`, the plain text of titles and
tooltips, the plugin's `--dirty` builds): a pattern left out of one page must come back on the
next page that needs it, wherever on that page its characters stand, and leave again after it.
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
    ("A [link](x.md) to [the value][v] page.\n\n[v]: y.md", False, False),
    ("Lean starts from value.", False, False),
]


def converter(raw_html: bool = False) -> markdown.Markdown:
    linker = GlossaryLinker(
        TermMatcher([GlossaryTerm("value", ("value",), "What the customer pays for.")]),
        lambda page, term: f"glossary.md#{term}",
    )
    return markdown.Markdown(
        extensions=["attr_list", "md_in_html", "tables", SafetyExtension(lambda: raw_html), GlossaryExtension(linker)]
    )


def test_a_reused_converter_gives_each_page_what_a_fresh_one_gives() -> None:
    reused = converter()
    for page, sense, runs in PAGES + PAGES[::-1]:
        assert reused.reset().convert(page) == converter().convert(page), page
        assert (SENSE in reused.inlinePatterns, ENTITY_RUNS in reused.inlinePatterns) == (sense, runs), page


@pytest.mark.parametrize(("page", "sense", "runs"), PAGES)
def test_each_pattern_is_registered_for_the_pages_that_need_it(page: str, sense: bool, runs: bool) -> None:
    md = converter()
    html = md.convert(page)
    assert (SENSE in md.inlinePatterns) is sense
    assert (ENTITY_RUNS in md.inlinePatterns) is runs
    assert "[[" not in html  # every mark read as one


@pytest.mark.parametrize(
    ("text", "raw_html", "run"),
    [
        ("a &lt;&lt;&lt; b", False, "&lt;&lt;&lt;"),
        ("a &#60;&#x3c;&amp; b", False, "&#60;&#x3c;&amp;"),
        # Where raw HTML is kept, its reading completes each reference once the lines are checked
        ("a &#60&#60&#60 b", True, "&#60;&#60;&#60;"),
        ("a &#x3c&#x3c; b", True, "&#x3c;&#x3c;"),
    ],
)
def test_a_run_of_character_references_is_kept_in_one_piece(text: str, raw_html: bool, run: str) -> None:
    md = converter(raw_html)
    assert md.convert(text) == f"<p>a {run} b</p>"
    assert md.htmlStash.rawHtmlBlocks == [run]  # one piece, not one per reference
