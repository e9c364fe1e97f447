"""Narrow columns on a phone and on a desktop: a word is never cut in two at the end of a line
("Lengt-h", "Custome-r"), unless it is wider than the widest its column could be, as a long
address is."""

from __future__ import annotations

import posixpath
from functools import cache
from typing import TYPE_CHECKING

import pytest
from sheet_facts import REPO

from playbook.catalog import load_playbook
from playbook.reference import REFERENCE_PAGE
from playbook.render import COVERAGE_PAGE

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Page

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def address(markdown_path: str) -> str:
    """The site address of a generated page's Markdown path: "contributing/fields.md" is "contributing/fields/"."""
    stem = posixpath.splitext(markdown_path)[0]
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


@cache
def pages_to_read() -> dict[str, list[str]]:
    playbook = load_playbook(REPO / "docs")
    return {
        "exercise guides": [f"exercises/{e}/" for e in playbook.exercises],
        "worksheets": [f"exercises/{e}/worksheet/" for e in playbook.exercises]
        + [f"pdsa/{t}/worksheet/" for t in playbook.pdsa],
        "programme packs": [f"programmes/{p}/pack/" for p in playbook.programmes],
        "field reference and coverage": [address(REFERENCE_PAGE), address(COVERAGE_PAGE)],
    }


# Every word of the page's content broken over two lines, with the text around it, where the
# word would fit on one line of its column at the widest that column could be: a table cell
# or a flex item as wide as the block that holds its table or row.
BROKEN_WORDS = r"""() => {
  const measure = document.createElement("canvas").getContext("2d");
  const widest = element => {
    let column = element;
    while (column.parentElement) {
      const display = getComputedStyle(column).display;
      const parentDisplay = getComputedStyle(column.parentElement).display;
      const negotiated = /^(inline|contents)/.test(display) || /^table/.test(display)
        || /(flex|grid)$/.test(parentDisplay);
      if (!negotiated) break;
      column = column.parentElement;
    }
    const style = getComputedStyle(column);
    return column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  };
  const broken = [];
  const root = document.querySelector(".md-content");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent.getClientRects().length) continue;  // not shown
    const style = getComputedStyle(parent);
    if (style.visibility !== "visible") continue;
    for (const match of node.data.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'\u2019]*/gu)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (rects.length < 2) continue;
      const tops = rects.map(r => r.top);
      if (Math.max(...tops) - Math.min(...tops) < Math.min(...rects.map(r => r.height)) / 2) continue;
      measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const width = measure.measureText(match[0]).width
        + (parseFloat(style.letterSpacing) || 0) * match[0].length;
      const room = widest(parent);
      if (room <= 2) continue;  // text for screen readers only, in a box of one pixel
      if (width < room) {
        const context = node.data.slice(Math.max(0, match.index - 20), match.index + match[0].length + 20);
        const where = `<${parent.tagName.toLowerCase()} class="${parent.className}">`;
        const sizes = `${Math.round(width)} px wide, room for ${Math.round(room)} px`;
        broken.push(`"${match[0]}" in "${context.replace(/\s+/g, " ").trim()}" (in ${where}, ${sizes})`);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("kind_of_page", list(pages_to_read()))
def test_no_word_is_cut_at_the_end_of_a_line(page: Page, real_site: Site, kind_of_page: str) -> None:
    broken = []
    for where in pages_to_read()[kind_of_page]:
        page.set_viewport_size(VIEWPORTS["desktop"])
        page.goto(real_site.url(where), wait_until="domcontentloaded")
        for viewport, size in VIEWPORTS.items():  # the same page, laid out again at each width
            page.set_viewport_size(size)
            broken += [f"{where} at {viewport} width: {word}" for word in page.evaluate(BROKEN_WORDS)]

    assert not broken, f"{len(broken)} words cut in two:\n" + "\n".join(broken)


def test_a_word_cut_in_two_is_found(page: Page, real_site: Site) -> None:
    """The check above, on a page whose table headings may break anywhere."""
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(real_site.url("exercises/identify-your-customers/worksheet/"))
    page.add_style_tag(content=".md-typeset table.pb-table { table-layout: fixed } th { word-break: break-all }")

    broken = page.evaluate(BROKEN_WORDS)

    assert any("(in <th" in word for word in broken), broken
