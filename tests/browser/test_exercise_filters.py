"""A practitioner narrows the exercise index to what fits their meeting, in the page itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conftest import Site

if TYPE_CHECKING:
    from playwright.sync_api import Page


def shown(page: Page) -> list[str]:
    return [
        link.inner_text() for link in page.locator(".pb-exercise-index tbody tr:not([hidden]) td:first-child a").all()
    ]


def test_filters_keep_the_exercises_that_fit_and_say_how_many(page: Page, site: Site) -> None:
    page.goto(site.url("exercises/"))
    count = page.locator(".pb-filter__count")
    assert count.inner_text() == "All 2 exercises"
    assert shown(page) == ["Sort the requests", "Limit the work"]

    page.select_option("select[name=principle]", "Flow")
    assert shown(page) == ["Limit the work"]
    assert count.inner_text() == "1 of 2 exercises"
    assert page.locator("h2#value").is_hidden()  # a principle with nothing left loses its heading

    page.select_option("select[name=principle]", "")
    page.select_option("select[name=minutes]", "30")
    page.fill("input[name=people]", "10")  # Sort the requests takes 2 to 12, Limit the work 3 to 8
    assert shown(page) == ["Sort the requests"]

    page.select_option("select[name=stage]", "Build")
    assert shown(page) == []
    assert count.inner_text() == "0 of 2 exercises"


def test_without_script_every_exercise_is_listed_and_no_dead_form_shows(browser, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("exercises/"))
    assert page.locator("form.pb-filter").is_hidden()
    assert page.locator(".pb-exercise-index tbody tr").count() == 2
    context.close()
