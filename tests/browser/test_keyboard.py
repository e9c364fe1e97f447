"""A reader who uses the keyboard: every Tab stop on every kind of page is one they can see.

The playbook as it ships, on a desktop window and on a phone. Tab is pressed through the whole
page; each element it lands on, once the browser has scrolled it into view, must have a size,
be on screen and not clipped or under something else, not be hidden or transparent, and show
that it has the focus. On a phone the menu is a drawer: the keyboard opens it, tabs through
it, and closes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Page

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# One page of every kind the playbook makes, from its own content, and hand-written ones.
PAGE_KINDS = {
    "home": "",
    "exercise guide": "exercises/identify-your-customers/",
    "exercise worksheet": "exercises/identify-your-customers/worksheet/",
    "exercise index, with its filters": "exercises/",
    "PDSA guide": "pdsa/job-aid-pilot/",
    "PDSA worksheet": "pdsa/job-aid-pilot/worksheet/",
    "programme": "programmes/one-day-workshop/",
    "programme pack": "programmes/one-day-workshop/pack/",
    "card deck": "cards/ecrs/",
    "glossary": "glossary/",
    "hand-written guide": "guides/facilitation-tips/",
}
# A glossary entry, reached by its link: Tab goes on from the entry, through it.
ENTRY = "glossary/#pull"
ENTRY_ELEMENT = '[data-glossary-entry="pull"]'
# A page that tabs on past this many stops has trapped the focus.
MOST_STOPS = 5000
# Tab presses between two looks at what the walk has read.
PRESSES_PER_LOOK = 20

# The page's helpers for the checks below, and each element's looks before anything has the
# focus, to tell a focus indicator from its everyday style.
INSTALL = r"""() => {
  const looks = element => {
    const style = getComputedStyle(element);
    return {
      color: style.color, background: style.backgroundColor, shadow: style.boxShadow,
      border: style.borderColor, decoration: style.textDecorationLine + " " + style.textDecorationStyle,
    };
  };
  const transparent = colour => colour === "transparent" || /rgba\(.*, 0\)$/.test(colour);
  const before = new WeakMap();
  for (const element of document.querySelectorAll("*")) {
    if (element.tabIndex >= 0 || element.tagName === "LABEL") before.set(element, looks(element));
  }

  // What keeps the reader from seeing an element that has the focus, or that it has it.
  const unseen = element => {
    // A control drawn by its label (a switch whose own input is hidden) shows the focus there.
    let target = element;
    const own = element.getBoundingClientRect();
    if (element.matches("input") && (own.width < 1 || own.height < 1 || getComputedStyle(element).opacity === "0")) {
      const label = [...(element.labels || []), element.nextElementSibling]
        .find(candidate => candidate && candidate.tagName === "LABEL" && candidate.getClientRects().length);
      if (label) target = label;
    }
    const problems = [];
    const box = target.getBoundingClientRect();
    const style = getComputedStyle(target);
    if (box.width < 1 || box.height < 1) problems.push(`has no size (${box.width} x ${box.height})`);
    else if (box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth)
      problems.push(`is off screen at (${Math.round(box.left)}, ${Math.round(box.top)})`);
    else {
      // Some point of it (of one of its lines, for a link that wraps), inside the window, is
      // neither clipped away nor covered by anything else.
      let seen = false;
      for (const part of [...target.getClientRects()].filter(r => r.width >= 1 && r.height >= 1)) {
        const left = Math.max(part.left, 0), right = Math.min(part.right, innerWidth);
        const top = Math.max(part.top, 0), bottom = Math.min(part.bottom, innerHeight);
        if (left >= right || top >= bottom) continue;
        for (const fx of [0.5, 0.2, 0.8]) for (const fy of [0.5, 0.2, 0.8]) {
          const hit = document.elementFromPoint(left + (right - left) * fx, top + (bottom - top) * fy);
          if (hit && target.contains(hit)) seen = true;
        }
      }
      if (!seen) {
        const hit = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
        const by = hit ? ` by <${hit.tagName.toLowerCase()} class="${hit.className}">` : "";
        problems.push(`is clipped or covered${by}`);
      }
    }
    if (style.visibility !== "visible") problems.push(`is visibility: ${style.visibility}`);
    for (let e = target; e; e = e.parentElement) {
      if (parseFloat(getComputedStyle(e).opacity) < 0.05) { problems.push("is transparent (opacity 0)"); break; }
    }
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1
      && !transparent(style.outlineColor);
    const then = before.get(target), now = looks(target);
    const changed = then && Object.keys(now).some(key => now[key] !== then[key]);
    // A field to type in shows its text cursor, which WCAG 2.4.7 counts as a focus indicator.
    const caret = element.matches("textarea, input:not([type]), input[type=text], input[type=search]")
      && !transparent(style.caretColor);
    if (!outline && !changed && !caret) problems.push("shows no sign of having the focus");
    return problems;
  };

  const visited = new WeakSet();
  // The element Tab has just landed on, and what is wrong with it; or the end, when Tab has
  // left the page (or the part of it being read) or come round again.
  window.__focusedStop = async within => {
    const element = document.activeElement;
    if (!element || element === document.body || visited.has(element)) return {end: true};
    if (within && !element.closest(within)) return {end: true};
    visited.add(element);
    const text = (element.innerText || element.value || element.getAttribute("aria-label") || "").trim();
    const name = `<${element.tagName.toLowerCase()}${element.className ? ` class="${element.className}"` : ""}>`
      + (text ? ` "${text.slice(0, 40)}"` : "");
    // What the focus sets off (a menu opening) happens at once or after a moment, and any
    // transition it starts is played to its end, as a reader would wait for it.
    let problems = [];
    for (const wait of [null, 0, 100, 400]) {
      if (wait !== null) await new Promise(done => requestAnimationFrame(() => setTimeout(done, wait)));
      for (const animation of document.getAnimations()) {
        if (animation.effect && animation.effect.getComputedTiming().iterations !== Infinity) animation.finish();
      }
      problems = unseen(element);
      if (!problems.length) break;
    }
    return {end: false, name, problems};
  };

  // The walk through the page: each Tab press stays a real key press, and what it lands on is
  // read in the page as the key comes up, after the browser has moved the focus and scrolled.
  // A press that comes while a stop is still being waited for, or once the walk has ended,
  // is held back (the page never sees it), so each stop is read as it would be between presses.
  window.__startTabWalk = within => {
    const walk = {within, stops: [], end: false, reading: false, held: false};
    const tab = event => event.key === "Tab" && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
    const down = event => {
      if (!tab(event)) return;
      walk.held = walk.reading || walk.end;
      if (walk.held) { event.preventDefault(); event.stopImmediatePropagation(); }
    };
    const up = event => {
      if (!tab(event)) return;
      if (walk.held) { walk.held = false; event.stopImmediatePropagation(); return; }
      walk.reading = true;
      window.__focusedStop(walk.within).then(stop => {
        if (stop.end) walk.end = true;
        else walk.stops.push([stop.name, stop.problems]);
        walk.reading = false;
      }).catch(error => {  // the walk ends, saying why, rather than holding back every press after
        walk.error = String(error);
        walk.end = true;
        walk.reading = false;
      });
    };
    addEventListener("keydown", down, true);
    addEventListener("keyup", up, true);
    // What the walk has read so far; once it has ended, the page's keys are its own again.
    window.__tabWalk = () => {
      const done = walk.end && !walk.reading;
      if (done) { removeEventListener("keydown", down, true); removeEventListener("keyup", up, true); }
      return {end: done, stops: walk.stops, error: walk.error || null};
    };
    window.__tabWalkReading = () => walk.reading;
  };
}"""


def open_page(page: Page, url: str, viewport: str) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate(INSTALL)


def tab_stops(page: Page, within: str | None = None) -> list[tuple[str, list[str]]]:
    """Each element Tab lands on, in order, with what keeps the reader from seeing it; from the
    first to the last of the page, or of its part `within` (a selector)."""
    page.evaluate("within => window.__startTabWalk(within)", within)
    stops: list[tuple[str, list[str]]] = []
    # One look at the page per so many presses, not one per press: the walk is read in the page.
    # Each batch starts once the last stop is read, so it reads at least one more stop: presses
    # held back while a stop is waited for are pressed again in the next batch.
    for _ in range(MOST_STOPS):
        page.wait_for_function("() => !window.__tabWalkReading()")
        for _ in range(PRESSES_PER_LOOK):
            page.keyboard.press("Tab")
        walk = page.evaluate("() => window.__tabWalk()")
        assert walk["error"] is None, f"reading a Tab stop failed in the page: {walk['error']}"
        stops = [(name, problems) for name, problems in walk["stops"]]
        if walk["end"]:
            return stops
        if len(stops) >= MOST_STOPS:
            break
    raise AssertionError(f"Tab went on past {len(stops)} stops without coming round")


def unseen(stops: list[tuple[str, list[str]]]) -> list[str]:
    return [f"stop {n}: {name} {'; '.join(problems)}" for n, (name, problems) in enumerate(stops, 1) if problems]


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("kind_of_page", list(PAGE_KINDS))
def test_every_tab_stop_is_one_the_reader_can_see(
    page: Page, real_site: Site, kind_of_page: str, viewport: str
) -> None:
    open_page(page, real_site.url(PAGE_KINDS[kind_of_page]), viewport)

    stops = tab_stops(page)

    assert len(stops) > 10, "Tab reaches the page's links and fields"
    problems = unseen(stops)
    assert not problems, f"{len(problems)} of {len(stops)} Tab stops cannot be seen:\n" + "\n".join(problems)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_tab_goes_on_from_a_glossary_entry_reached_by_its_link(page: Page, real_site: Site, viewport: str) -> None:
    open_page(page, real_site.url(ENTRY), viewport)

    stops = tab_stops(page, within=ENTRY_ELEMENT)

    assert len(stops) >= 2, "Tab lands in the entry: its links to other terms and to the pages using it"
    assert not unseen(stops), "\n".join(unseen(stops))


def test_on_a_phone_the_keyboard_opens_the_menu_goes_through_it_and_closes_it(page: Page, real_site: Site) -> None:
    open_page(page, real_site.url(PAGE_KINDS["exercise guide"]), "phone")
    menu = page.locator('label.md-header__button[for="__drawer"]')
    drawer = page.locator("#__drawer")
    focused = "() => window.__focusedStop(null)"

    page.keyboard.press("Tab")  # "Skip to content"
    page.keyboard.press("Tab")
    assert menu.evaluate("menu => menu === document.activeElement"), "Tab reaches the menu button"
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert drawer.is_checked() and menu.get_attribute("aria-expanded") == "true"
    # The drawer opens on the exercise's section, the focus on its way back to the others.
    back = page.evaluate(focused)
    assert back["name"] == '<label class="md-nav__title focus-visible"> "Value"' and not back["problems"], back
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Value, back to Exercises"
    stops = tab_stops(page, within=".md-sidebar--primary")
    assert len(stops) > 5 and not unseen(stops), "\n".join(unseen(stops))
    assert not drawer.is_checked(), "Tab out of the drawer closes it, so that nothing is under it"

    menu.focus()
    page.keyboard.press("Enter")
    assert drawer.is_checked()
    page.keyboard.press("Enter")  # back to Exercises: the focus goes to the item that opened "Value"
    # A function, not a bare expression: Playwright evals an expression in the page, which the CSP forbids
    page.wait_for_function("() => !document.activeElement.matches('.md-nav__title')")
    item = page.evaluate(focused)
    assert item["name"] == '<label class="md-nav__link focus-visible"> "Value"' and not item["problems"], item
    page.keyboard.press("Escape")
    assert not drawer.is_checked()
    assert menu.evaluate("menu => menu === document.activeElement"), "Escape gives the focus back to the button"


def test_a_tab_stop_hidden_from_the_reader_is_found(page: Page) -> None:
    """The check above, on a page that hides one stop in each way it looks for."""
    page.set_content(
        "<a href='#'>shown</a>"
        "<a href='#' style='position: fixed; left: -500px'>off screen</a>"
        "<a href='#' style='opacity: 0'>transparent</a>"
        "<div style='height: 0; overflow: hidden'><a href='#'>folded away</a></div>"
        "<div style='position: relative'><a href='#'>covered</a>"
        "<div style='position: absolute; inset: 0; background: white'></div></div>"
        "<button style='outline: none'>no focus ring</button>"
        "<a href='#'>last</a>"
    )
    page.evaluate(INSTALL)

    stops = tab_stops(page)

    assert [name for name, _ in stops] == [
        '<a> "shown"',
        '<a> "off screen"',
        '<a> "transparent"',
        '<a> "folded away"',
        '<a> "covered"',
        '<button> "no focus ring"',
        '<a> "last"',
    ]
    assert [bool(problems) for _, problems in stops] == [False, True, True, True, True, True, False], stops
