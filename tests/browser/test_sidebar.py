"""The menu in its sidebar (on a desktop) and in its drawer (on a phone): scrolled, it slides
under its heading, which stays on top and opaque; no item is drawn over the heading."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Page

# A guide deep in the menu, whose section lists many exercises: the menu is longer than a window.
PAGE = "exercises/identify-your-customers/"
WINDOWS = {
    "desktop": {"width": 1366, "height": 500},
    "tablet": {"width": 1024, "height": 500},  # the menu in a drawer, the contents in a sidebar
    "phone": {"width": 390, "height": 600},
}

# Where the menu scrolls under its heading, scrolled step by step to its end, the items drawn
# over the heading (or showing through it), as "scrolled by: item".
OVERLAPS = r"""() => {
  // The scrolling boxes of the menus on show, and the heading over each: on a desktop each
  // sidebar and its menu's title ("Table of contents" in the second); in the drawer, the open
  // panel's list and that panel's title.
  const shown = e => e.checkVisibility({visibilityProperty: true}) && e.getClientRects().length;
  const boxes = [...document.querySelectorAll(".md-sidebar .md-sidebar__scrollwrap, .md-sidebar .md-nav__list")]
    .filter(e => shown(e) && e.scrollHeight > e.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(e).overflowY));
  const overlaps = [];
  if (!boxes.length) return ["the menu does not scroll: make the window shorter"];
  for (const box of boxes) {
    const nav = box.matches(".md-nav__list") ? box.parentElement : box.querySelector(".md-nav");
    const heading = nav.querySelector(":scope > .md-nav__title");
    if (!heading || !shown(heading)) continue;
    const background = getComputedStyle(heading).backgroundColor;
    const seeThrough = background === "transparent" || /rgba\(.*, 0(\.\d+)?\)$/.test(background);
    for (let scrolled = 0; scrolled <= box.scrollHeight - box.clientHeight; scrolled += 17) {
      box.scrollTop = scrolled;
      const top = heading.getBoundingClientRect(), clip = box.getBoundingClientRect();
      for (const item of nav.querySelectorAll(".md-nav__link")) {
        if (!shown(item) || heading.contains(item)) continue;
        const r = item.getBoundingClientRect();
        const left = Math.max(r.left, top.left, clip.left), right = Math.min(r.right, top.right, clip.right);
        const upper = Math.max(r.top, top.top, clip.top), lower = Math.min(r.bottom, top.bottom, clip.bottom);
        if (right - left < 1 || lower - upper < 1) continue;
        if (seeThrough) overlaps.push(`the heading "${heading.textContent.trim()}" lets the menu show through it`);
        const over = [0.25, 0.5, 0.75].some(fx => [0.25, 0.5, 0.75].some(fy => {
          const hit = document.elementFromPoint(left + (right - left) * fx, upper + (lower - upper) * fy);
          return hit && !heading.contains(hit) && item.contains(hit);
        }));
        const what = `"${item.textContent.trim()}" over "${heading.textContent.trim()}"`;
        if (over) overlaps.push(`scrolled by ${scrolled} px: ${what}`);
      }
    }
  }
  return [...new Set(overlaps)];
}"""


@pytest.mark.parametrize("window", sorted(WINDOWS))
def test_the_menu_scrolls_under_its_heading_never_over_it(page: Page, real_site: Site, window: str) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size(WINDOWS[window])
    page.goto(real_site.url(PAGE))
    if window != "desktop":
        page.locator('label.md-header__button[for="__drawer"]').click()
        page.wait_for_function("() => document.querySelector('.md-sidebar--primary').checkVisibility()")

    assert page.evaluate(OVERLAPS) == []


def test_an_item_drawn_over_the_heading_is_found(page: Page, real_site: Site) -> None:
    """The check above, with the heading sent behind the menu."""
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size(WINDOWS["desktop"])
    page.goto(real_site.url(PAGE))
    page.add_style_tag(
        content=".md-nav--primary > .md-nav__title { z-index: -1 !important; background: none !important }"
    )

    overlaps = page.evaluate(OVERLAPS)

    assert any("lets the menu show through" in overlap for overlap in overlaps), overlaps
    assert any(" over " in overlap for overlap in overlaps), overlaps
