"""Glossary links only where a reader expects one, on every page of the playbook as it ships.

A term link never sits in a worksheet's footer or header, a title, a label, code, another link
or an address or path; it never opens a wider gap in the line than a space; it never follows
another link with only a space between, where the two would read as one; and a label on a
sheet has no doubled space. The glossary's "Used in" lists never name two pages alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playbook.registry import kind

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import Site
    from playwright.sync_api import Page

# Where a reader never expects a glossary link: titles, a sheet's header and footer, the
# names of fields and buttons, code, sources, and the site's own chrome.
NO_TERM_LINKS_IN = (
    "h1, h2, h3, h4, h5, h6, dt, header, footer, nav, label, button, code, pre, kbd, a, "
    ".pb-sheet__header, .pb-sheet__footer, .pb-sources, .md-header, .md-sidebar, .md-footer"
)

MISPLACED_TERM_LINKS = """noLinksIn => {
  const problems = [];
  const around = (link, side) => {  // the text next to a link, up to the nearest block
    let text = "";
    for (let node = link; node && !text.trim(); ) {
      let next = side < 0 ? node.previousSibling : node.nextSibling;
      while (!next && node.parentElement && getComputedStyle(node.parentElement).display === "inline") {
        node = node.parentElement;
        next = side < 0 ? node.previousSibling : node.nextSibling;
      }
      if (!next) break;
      node = next;
      text = side < 0 ? node.textContent + text : text + node.textContent;
      if (node.nodeType === Node.ELEMENT_NODE && node.matches("a")) return {text, link: node};
    }
    return {text, link: null};
  };
  for (const link of document.querySelectorAll("a.pb-term")) {
    const name = `"${link.textContent}"`;
    const inside = link.parentElement.closest(noLinksIn);
    if (inside) problems.push(`${name} is inside <${inside.tagName.toLowerCase()} class="${inside.className}">`);
    const before = around(link, -1), after = around(link, 1);
    // The address or path the word may sit in: the text touching it on both sides, up to a space.
    const token = (before.text.match(/\\S*$/)[0] + link.textContent + after.text.match(/^\\S*/)[0]);
    if (/:\\/\\/|^\\/|^www\\.|\\/.*\\//.test(token)) problems.push(`${name} is part of the address or path "${token}"`);
    if (before.link && !before.text.replace(before.link.textContent, "").trim())
      problems.push(`${name} follows the link "${before.link.textContent}" with nothing between: they read as one`);
    // The gap before and after the link is one space of its line, no wider.
    const space = document.createRange();
    for (const [side, sibling] of [[-1, link.previousSibling], [1, link.nextSibling]]) {
      if (!sibling || sibling.nodeType !== Node.TEXT_NODE || !sibling.data) continue;
      const at = side < 0 ? sibling.data.length - 1 : 0;
      if (!/\\s/.test(sibling.data[at])) continue;
      const neighbour = side < 0
        ? sibling.data.trimEnd().length - 1
        : sibling.data.length - sibling.data.trimStart().length;
      if (neighbour < 0 || neighbour >= sibling.data.length) continue;
      space.setStart(sibling, neighbour);
      space.setEnd(sibling, neighbour + 1);
      const word = space.getBoundingClientRect();
      const box = link.getBoundingClientRect();
      if (!word.height || Math.abs(word.top - box.top) > box.height / 2) continue;  // not on the same line
      const gap = side < 0 ? box.left - word.right : word.left - box.right;
      const fontSize = parseFloat(getComputedStyle(link).fontSize);
      const where = side < 0 ? "before" : "after";
      if (gap > fontSize * 0.6) problems.push(`${name} has a gap of ${Math.round(gap)} px ${where} it`);
    }
  }
  for (const label of document.querySelectorAll(".pb-checklist label, .pb-sheet label")) {
    if (/\\S\\s{2,}\\S/.test(label.innerText)) problems.push(`the label "${label.innerText}" has a doubled space`);
  }
  return problems;
}"""


def site_pages(root: Path) -> list[str]:
    """Every page of a built site, by its address."""
    pages = []
    for html in sorted(root.rglob("index.html")):
        where = html.parent.relative_to(root).as_posix()
        if where.split("/")[0] not in {"assets", "search"}:
            pages.append("" if where == "." else f"{where}/")
    return pages


def misplaced_term_links(page: Page, url: str) -> list[str]:
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.evaluate(MISPLACED_TERM_LINKS, NO_TERM_LINKS_IN)


def test_no_page_has_a_term_link_where_a_reader_would_not_expect_one(page: Page, real_site: Site) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    pages = site_pages(real_site.root)
    assert len(pages) > 150, "every page of the playbook is read"
    problems = [
        f"{where}: {problem}" for where in pages for problem in misplaced_term_links(page, real_site.url(where))
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
