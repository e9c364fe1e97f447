"""Glossary links only where a reader expects one, on every page of the playbook as it ships.

A term link never sits in a worksheet's footer or header, a title, a label, code, another link
or an address or path; it never opens a wider gap in the line than a space; it never follows
another link with only a space between, where the two would read as one; and a label on a
sheet has no doubled space. The glossary's "Used in" lists never name two pages alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from page_reading import MISPLACED_TERM_LINKS, NO_TERM_LINKS_IN

from playbook.registry import kind

if TYPE_CHECKING:
    from conftest import Site
    from page_reading import PageReading
    from playwright.sync_api import Page


def test_no_page_has_a_term_link_where_a_reader_would_not_expect_one(
    every_page_read: dict[str, PageReading],
) -> None:
    assert len(every_page_read) > 150, "every page of the playbook is read"
    problems = [
        f"{where}: {problem}" for where, reading in every_page_read.items() for problem in reading.misplaced_term_links
    ]

    assert not problems, f"{len(problems)} term links out of place:\n" + "\n".join(problems)


def test_the_glossary_lists_each_page_that_uses_a_term_under_a_name_of_its_own(page: Page, real_site: Site) -> None:
    page.goto(real_site.url(f"{kind('glossary').folder}/"))
    lists = page.locator(".pb-term-uses")
    assert lists.count() > 20
    for uses in lists.all():
        names = uses.locator("a").all_inner_texts()
        assert len(names) == len({name.casefold() for name in names}), names


def test_each_misplaced_link_is_found(page: Page) -> None:
    """The check above, on a page made to hold one of each mistake it looks for."""
    page.set_content(
        "<p>Open /exercises/<a class='pb-term' href='#'>pull</a>/worksheet/ now.</p>"
        "<footer><span>A <a class='pb-term' href='#'>kanban</a> sheet</span></footer>"
        "<p>Ask <a href='#'>customers</a> <a class='pb-term' href='#'>value</a> first.</p>"
        "<ul class='pb-checklist'><li><label style='display: inline-flex; gap: 2em'>"
        "<input type='checkbox'> the <a class='pb-term' href='#'>flow</a> stops</label></li></ul>"
    )
    problems = page.evaluate(MISPLACED_TERM_LINKS, NO_TERM_LINKS_IN)

    assert len(problems) == 6, problems
    assert '"pull" is part of the address or path "/exercises/pull/worksheet/"' in problems
    assert any(p.startswith('"kanban" is inside <footer') for p in problems)
    assert '"value" follows the link "customers" with nothing between: they read as one' in problems
    assert any(p.startswith('"flow" is inside <label') for p in problems)
    assert '"flow" has a gap of 32 px before it' in problems and '"flow" has a gap of 32 px after it' in problems
