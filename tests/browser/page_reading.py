"""Every page of the playbook as it ships, opened once and read for what several tests check:
glossary links out of place (test_term_links) and words cut at the end of a line, on a desktop
and on a phone (test_line_breaks). Opening a page costs far more than reading it, so each page
is opened once for all of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Page

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

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


def site_pages(root: Path) -> list[str]:
    """Every page of a built site, by its address."""
    pages = []
    for html in sorted(root.rglob("index.html")):
        where = html.parent.relative_to(root).as_posix()
        if where.split("/")[0] not in {"assets", "search"}:
            pages.append("" if where == "." else f"{where}/")
    return pages


@dataclass(frozen=True)
class PageReading:
    """What one page shows: its misplaced term links on a desktop, and its words cut in two at
    each width of VIEWPORTS."""

    misplaced_term_links: list[str]
    broken_words: dict[str, list[str]]


def read_page(page: Page, url: str) -> PageReading:
    """Open a page on a desktop, once its fonts are in, and read it; then lay it out again at
    each other width and read its lines there."""
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    misplaced = page.evaluate(MISPLACED_TERM_LINKS, NO_TERM_LINKS_IN)
    broken = {}
    for viewport, size in VIEWPORTS.items():  # the same page, laid out again at each width
        page.set_viewport_size(size)
        broken[viewport] = page.evaluate(BROKEN_WORDS)
    return PageReading(misplaced, broken)
