"""The dark scheme: it follows the reader's system until the toggle picks one, every part of the
playbook reads in it, and sheets still print black on white."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import BrowserContext, Page

# Every kind of page, so that every component is seen: worksheet boxes, tables, facts, cards,
# filters, admonitions (the fixture's home page), the glossary's A-Z bar.
PAGES = {
    "home": "",
    "exercise guide": "exercises/sort-the-requests/",
    "exercise worksheet": "exercises/sort-the-requests/worksheet/",
    "filled-in example": "exercises/sort-the-requests/example/",
    "exercises index": "exercises/",
    "PDSA guide": "pdsa/try-a-change/",
    "PDSA worksheet": "pdsa/try-a-change/worksheet/",
    "programme": "programmes/two-weeks/",
    "pack": "programmes/two-weeks/pack/",
    "waste": "wastes/waiting/",
    "deck": "cards/request-types/",
    "deck to print": "cards/request-types/print/",
    "glossary": "glossary/",
    "field reference": "contributing/fields/",
}
PRINTED = ["exercise worksheet", "PDSA worksheet", "pack", "filled-in example"]


def luminance(colour: str, over: str = "rgb(255, 255, 255)") -> float:
    """The relative luminance (WCAG 2.1) of a computed `rgb(...)` or `rgba(...)` colour, seen over
    the opaque colour `over` where it is translucent."""
    parts = [float(part) for part in re.findall(r"[\d.]+", colour)]
    alpha = parts[3] if len(parts) > 3 else 1.0
    behind = [float(part) for part in re.findall(r"[\d.]+", over)][:3]
    red, green, blue = (alpha * c + (1 - alpha) * b for c, b in zip(parts[:3], behind, strict=True))

    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def scheme(page: Page) -> str | None:
    return page.locator("body").get_attribute("data-md-color-scheme")


def settle_in_the_dark(page: Page) -> None:
    """The theme's script applies the system's scheme once the page has loaded."""
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")


def page_background(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


@pytest.mark.parametrize(("system", "expected"), [("light", "default"), ("dark", "slate")])
def test_the_site_follows_the_system_setting(page: Page, site: Site, system: str, expected: str) -> None:
    page.emulate_media(color_scheme=system)  # type: ignore[arg-type]
    page.goto(site.url(""))
    page.wait_for_function("scheme => document.body.dataset.mdColorScheme === scheme", arg=expected)
    assert (luminance(page_background(page)) < 0.05) is (system == "dark")


def test_the_toggle_picks_light_or_dark_then_follows_the_system_again(page: Page, site: Site) -> None:
    def picked() -> str:
        """What the toggle is set to, by the palette entry whose button shows: system, light or dark."""
        shown = page.locator("form[data-md-component=palette] label").evaluate_all("ls => ls.findIndex(l => !l.hidden)")
        return page.locator("input[name=__palette]").nth(shown).get_attribute("data-md-color-media") or ""

    def toggle() -> None:
        page.locator("form[data-md-component=palette] label:visible").click()

    page.emulate_media(color_scheme="dark")
    page.goto(site.url(""))
    assert picked() == "(prefers-color-scheme)"
    assert page.locator("form[data-md-component=palette] label:visible").get_attribute("title") == (
        "Switch to light mode"
    )

    toggle()
    assert (picked(), scheme(page)) == ("(prefers-color-scheme: light)", "default")  # though the system is dark
    page.reload()
    assert scheme(page) == "default"  # kept from page to page
    toggle()
    assert (picked(), scheme(page)) == ("(prefers-color-scheme: dark)", "slate")
    toggle()
    assert picked() == "(prefers-color-scheme)"
    page.emulate_media(color_scheme="light")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")  # the system's again


@pytest.fixture
def dark(context: BrowserContext, page: Page) -> Page:
    page.emulate_media(color_scheme="dark")
    return page


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_part_of_the_page_reads_in_the_dark(dark: Page, site: Site, kind: str) -> None:
    dark.goto(site.url(PAGES[kind]))
    settle_in_the_dark(dark)
    results = Axe().run(dark, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}})

    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("kind", ["exercise worksheet", "PDSA worksheet", "filled-in example"])
def test_write_in_boxes_stand_out_from_the_dark_page(dark: Page, site: Site, kind: str) -> None:
    """Boxes and rules are not text, but a reader must see where to write (WCAG 1.4.11: 3:1)."""
    dark.goto(site.url(PAGES[kind]))
    settle_in_the_dark(dark)
    background = page_background(dark)
    rules = dark.eval_on_selector_all(
        ".pb-sheet",
        "sheets => sheets.map(s => getComputedStyle(s).getPropertyValue('--pb-rule').trim())",
    )
    assert rules
    for rule in rules:
        colour = dark.evaluate(
            "value => { const e = document.createElement('i'); e.style.color = value; document.body.append(e);"
            " const c = getComputedStyle(e).color; e.remove(); return c }",
            rule,
        )
        assert contrast(colour, background) >= 3, f"{rule} on {background}"


# What a sheet prints in: each text's colour and the background under it, and each box's border.
PRINTED_COLOURS = """() => {
    const style = e => getComputedStyle(e);
    const clear = c => c === "transparent" || /rgba\\(.*, 0\\)$/.test(c);
    const under = e => {
        for (; e; e = e.parentElement) if (!clear(style(e).backgroundColor)) return style(e).backgroundColor;
        return "rgb(255, 255, 255)";  // the paper
    };
    const name = e => e.tagName.toLowerCase() + "." + e.className;
    const shown = e => e.offsetParent !== null;
    const texts = [...document.querySelectorAll(".pb-sheet :is(h1, h2, h3, p, li, label, th, td, span)")]
        .filter(e => shown(e) && e.textContent.trim());
    const boxes = [...document.querySelectorAll(
        ".pb-sheet :is(textarea, td, th, input[type=checkbox], input[type=radio], .pb-mirror, .pb-answer-text)"
    )].filter(shown);
    const sides = ["Top", "Bottom", "Left", "Right"];
    const drawn = (e, side) =>
        style(e)[`border${side}Style`] !== "none" && parseFloat(style(e)[`border${side}Width`]) > 0;
    return {
        page: under(document.body),
        texts: texts.map(e => [name(e), style(e).color, under(e)]),
        borders: boxes.flatMap(e => sides.filter(side => drawn(e, side))
            .map(side => [name(e), style(e)[`border${side}Color`]])),
        rule: style(document.querySelector(".pb-sheet")).getPropertyValue("--pb-rule").trim(),
    };
}"""


@pytest.mark.parametrize("kind", PRINTED)
def test_sheets_print_black_on_white_when_the_reader_is_in_the_dark(dark: Page, site: Site, kind: str) -> None:
    dark.goto(site.url(PAGES[kind]))
    settle_in_the_dark(dark)
    dark.emulate_media(media="print", color_scheme="dark")

    printed = dark.evaluate(PRINTED_COLOURS)
    assert luminance(printed["page"]) > 0.95, printed["page"]
    assert printed["texts"] and printed["borders"]
    for element, colour, background in printed["texts"]:
        assert luminance(background) > 0.8, f"{element} prints on {background}"
        assert luminance(colour, over=background) < 0.05, f"{element} prints in {colour}"  # black or nearly
    for element, colour in printed["borders"]:
        assert luminance(colour) < 0.1, f"{element} prints its box in {colour}"
    assert printed["rule"] == "#333"  # the ruled lines, dark enough for a photocopier
