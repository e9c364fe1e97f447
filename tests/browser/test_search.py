"""Searching the shipped playbook as a reader does: typing into the site's search box and reading
the results in the order and with the excerpts the theme shows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Browser

# A query naming a kind of entry, and the folder of that kind's pages.
KINDS = {
    "pdsa": "pdsa/",
    "waste": "wastes/",
    "exercise": "exercises/",
    "programme": "programmes/",
    "glossary": "glossary/",
    "deck": "cards/",
}
# Pages that answer ordinary queries only by listing what other pages say.
CROWDERS = ("tags/", "glossary/", "contributing/fields/")
TOP = 5  # the results a reader sees without scrolling


@dataclass(frozen=True)
class Result:
    path: str  # the page, relative to the site's root, without its anchor
    title: str
    excerpt: str


Search = Callable[[str], list[Result]]


@pytest.fixture(scope="module")
def search(browser: Browser, real_site: Site) -> Iterator[Search]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(real_site.url(""))

    def shown() -> list[tuple[str, str, str]]:
        return page.eval_on_selector_all(
            ".md-search-result__item > a:first-child",  # each page once, not its sections too
            """links => links.map(a => {
                const excerpt = a.querySelector("article").cloneNode(true);
                excerpt.querySelectorAll("h1, h2, nav, .md-search-result__icon").forEach(e => e.remove());
                return [a.href, a.querySelector("h1, h2").textContent.trim(), excerpt.textContent.trim()];
            })""",
        )

    def results(query: str) -> list[Result]:
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("")
        page.wait_for_function("() => !/\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
        box.press_sequentially(query)  # the theme searches as the reader types, a letter at a time
        page.wait_for_function(
            "() => /\\d|No matching/.test(document.querySelector('.md-search-result__meta').textContent)"
        )
        found, before = shown(), None
        while found != before:  # until the results for the last letter typed have replaced the others
            page.wait_for_timeout(400)
            found, before = shown(), found
        pages = [href.removeprefix(real_site.base).split("#")[0].split("?")[0] for href, _, _ in found]
        return [Result(path, title, text) for path, (_, title, text) in zip(pages, found, strict=True)]

    yield results
    context.close()


@pytest.mark.parametrize("query", sorted(KINDS))
def test_a_query_naming_a_kind_lists_that_kinds_pages_first(search: Search, query: str) -> None:
    results = search(query)
    folder = KINDS[query]
    assert results and results[0].path.startswith(folder), [r.path for r in results[:TOP]]
    # Pages of other kinds may come among them only where their own title names what was asked
    # ("Define perfection with PDSA"); none that merely mentions it comes before the kind's last.
    last_of_kind = max(i for i, r in enumerate(results) if r.path.startswith(folder))
    intruders = [
        r.path
        for r in results[:last_of_kind]
        if not r.path.startswith(folder) and query not in r.title.casefold().replace("-", " ")
    ]
    assert intruders == []


@pytest.mark.parametrize("query", ["customer", "value stream", "lead time", "kanban"])
def test_tags_glossary_and_field_reference_do_not_crowd_ordinary_queries(search: Search, query: str) -> None:
    """The glossary and the field reference have a heading for every term and field: they may
    answer, once, after the pages whose own title names what was asked; the tags page never."""
    results = search(query)
    top = [r.path for r in results[:TOP]]
    assert len(top) == TOP
    assert sum(path.startswith(CROWDERS) for path in top) <= 1, top
    assert "tags/" not in [r.path for r in results]
    first_crowder = next((i for i, r in enumerate(results) if r.path.startswith(CROWDERS)), len(results))
    named = [i for i, r in enumerate(results) if query in r.title.casefold()]
    assert named and max(named) < first_crowder, [r.path for r in results]


def test_the_pages_kept_back_are_still_found_by_name(search: Search) -> None:
    assert search("glossary")[0].path == "glossary/"
    assert search("field reference")[0].path == "contributing/fields/"


def test_an_exercise_is_found_by_its_summary_not_its_facts_run_into_one_line(search: Search) -> None:
    """The facts table's cells would be indexed one after the other: "Lean principle Value
    Duration 1 h 30 min Group size 4 to 24 people..." (or, with no spaces, "Duration60 minutesGroup")."""
    results = [r for r in search("identify your customers") if r.path == "exercises/identify-your-customers/"]
    assert results, "the exercise is found by its title"
    excerpt = results[0].excerpt
    assert excerpt.startswith("Participants name everyone their L&D work serves"), excerpt
    assert not re.search(r"Lean principle|Duration|Group size|Last reviewed", excerpt), excerpt
