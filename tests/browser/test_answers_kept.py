"""Answers a participant typed are never lost, mixed up or shown under the wrong question.

They are kept by prompt, with the version of the prompt they answer; a changed or removed
prompt's answers are offered, not shown as the new question's; they travel between devices as
a file; a full store says so; and another playbook on the same origin does not read them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sheet_facts import pdf_pages, squash

from playbook.pdf import print_to_pdf, serve, stay_local

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Browser, Locator, Page

SHEET = "exercises/sort-the-requests/worksheet/"
OTHER_SHEET = "exercises/limit-the-work/worksheet/"
PACK = "programmes/two-weeks/pack/"
KEY = "exercise-sort-the-requests"
ENTRY = f"lean-ld-playbook:answers:/{KEY}"  # the site is served at the root of its origin
FILE_NAME = "sort-the-requests-answers.json"


def field(page: Page, name: str) -> Locator:
    return page.locator(f'[name="{KEY}.{name}"]')


def status(page: Page) -> str:
    return page.locator(".pb-toolbar__status").inner_text()


def stored(page: Page, key: str = ENTRY) -> dict:
    return json.loads(page.evaluate("key => localStorage.getItem(key)", key) or "null")


def version_of(page: Page, prompt: str) -> str:
    return page.locator(f'[data-prompt="{prompt}"]').get_attribute("data-version")


# --- Every field, once on screen and once on paper ---------------------------------------------

# Every text field of the sheet, in each kind of prompt, with an answer no other one contains.
TEXT_ANSWERS = {
    "name": "Answer 01 Ada",
    "date": "Answer 02 today",
    "customers.1": "Answer 03 Team leader, Ops",
    "customers.3": "Answer 04 Sales",
    "value-table.1.2": "Answer 05 Shorter waits",
    "value-table.2.2": "Answer 06 Fewer courses",
    "confidence.comment": "Answer 07 unsure of it",
    "notes": "Answer 08 Book a review",
}


def visible_copies(page: Page, text: str) -> int:
    """How many times a reader sees a text on screen: in a field they can see, or as page text."""
    return page.evaluate(
        """text => {
          const seen = el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden';
          const inFields = Array.from(document.querySelectorAll('input, textarea'))
            .filter(f => seen(f) && f.value.includes(text)).length;
          return inFields + document.body.innerText.split(text).length - 1;
        }""",
        text,
    )


@pytest.mark.parametrize("address", [SHEET, PACK])
def test_every_answer_shows_once_on_screen_and_once_on_paper(page: Page, site: Site, address: str) -> None:
    page.goto(site.url(address))
    for name, answer in TEXT_ANSWERS.items():
        field(page, name).fill(answer)
    page.locator(f'[name="{KEY}.confidence"][value="4"]').check()
    field(page, "checks.2").check()
    page.reload()

    on_screen = {answer: visible_copies(page, answer) for answer in TEXT_ANSWERS.values()}
    assert on_screen == dict.fromkeys(TEXT_ANSWERS.values(), 1)
    assert page.locator(f'[name="{KEY}.confidence"][value="4"]').is_checked()
    assert field(page, "checks.2").is_checked()
    paper = squash("".join(text for _, text in pdf_pages(print_to_pdf(page, site.url(address), "a4"))))
    on_paper = {answer: paper.count(squash(answer)) for answer in TEXT_ANSWERS.values()}
    assert on_paper == dict.fromkeys(TEXT_ANSWERS.values(), 1)


def test_the_sheet_says_beside_its_buttons_that_answers_stay_in_this_browser(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    note = page.locator(".pb-toolbar .pb-toolbar__note")

    assert note.is_visible()
    assert "stay in this browser" in note.inner_text() and "never sent" in note.inner_text()
    for name in ("Print", "Save answers to a file", "Open answers from a file", "Clear my answers"):
        assert page.get_by_role("button", name=name).is_visible()


def test_an_item_to_circle_is_picked_on_screen_and_prints_circled(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    page.get_by_role("radio", name="Circle item 2 as the one to do first").check()
    page.reload()

    items = page.locator('[data-prompt="checks"] li')
    assert page.get_by_role("radio", name="Circle item 2 as the one to do first").is_checked()
    page.emulate_media(media="print")
    outlines = [item.evaluate("li => getComputedStyle(li).outlineStyle") for item in items.all()]
    assert outlines == ["none", "solid"], "the picked item, and it alone, is drawn circled on paper"
    assert not page.get_by_role("radio", name="Circle item 2 as the one to do first").is_visible()


# --- Kept by prompt and version -------------------------------------------------------------------


def test_an_answer_to_a_changed_question_is_offered_not_shown_as_the_new_ones(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    field(page, "name").fill("Ada")
    field(page, "notes").fill("Call the sponsor")
    entry = stored(page)
    assert entry["prompts"]["notes"]["version"] == version_of(page, "notes"), "kept with the prompt's version"
    entry["prompts"]["notes"].update(version="an-older-one", question="What will you try first?")
    page.evaluate("([key, entry]) => localStorage.setItem(key, JSON.stringify(entry))", [ENTRY, entry])
    page.reload()

    assert field(page, "name").input_value() == "Ada", "answers to unchanged prompts stay in place"
    assert field(page, "notes").input_value() == "", "not shown as the answer to the new question"
    offer = page.locator('[data-prompt="notes"] .pb-offer')
    assert "What will you try first?" in offer.inner_text() and "Call the sponsor" in offer.inner_text()
    field(page, "name").fill("Ada L.")
    page.reload()
    assert page.locator('[data-prompt="notes"] .pb-offer').is_visible(), "kept until put back or discarded"

    page.locator('[data-prompt="notes"]').get_by_role("button", name="Put them back").click()
    assert field(page, "notes").input_value() == "Call the sponsor"
    assert page.locator(".pb-offer").count() == 0
    assert stored(page)["earlier"] == []
    assert "question 4" in status(page)


def test_answers_to_a_question_the_sheet_no_longer_asks_are_kept_until_discarded(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    field(page, "name").fill("Ada")
    entry = stored(page)
    entry["prompts"]["gone"] = {"version": "x", "question": "Which piles grew?", "answers": {".2": "The urgent pile"}}
    page.evaluate("([key, entry]) => localStorage.setItem(key, JSON.stringify(entry))", [ENTRY, entry])
    page.reload()
    field(page, "notes").fill("Next week")  # a save must not drop the removed prompt's answers
    page.reload()

    offer = page.locator(f"#{KEY} > .pb-offer")
    assert "no longer asks" in offer.inner_text() and "Item 2: The urgent pile" in offer.inner_text()
    assert offer.get_by_role("button", name="Put them back").count() == 0
    paper = squash("".join(text for _, text in pdf_pages(print_to_pdf(page, site.url(SHEET), "a4"))))
    assert squash("The urgent pile") not in paper, "an offer is not an answer: it stays off paper"

    offer.get_by_role("button", name="Discard them").click()
    assert page.locator(".pb-offer").count() == 0
    assert stored(page)["earlier"] == [] and field(page, "notes").input_value() == "Next week"


def test_answers_kept_by_field_name_before_versions_are_offered(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    old = {f"{KEY}.name": "Ada", f"{KEY}.notes": "From last month"}
    page.evaluate("([key, entry]) => localStorage.setItem(key, JSON.stringify(entry))", [ENTRY, old])
    page.reload()

    assert field(page, "name").input_value() == "Ada"
    assert field(page, "notes").input_value() == ""
    assert "From last month" in page.locator('[data-prompt="notes"] .pb-offer').inner_text()


def test_a_full_store_says_so_and_keeps_what_it_can(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    field(page, "name").fill("Ada")
    # Fill the origin's storage until a few kilobytes are left.
    page.evaluate(
        """() => {
          let n = 0;
          for (const size of [1 << 20, 1 << 16, 1 << 12]) {
            try { for (;;) localStorage.setItem('filler-' + n++, 'x'.repeat(size)); } catch (error) { /* full */ }
          }
        }"""
    )
    field(page, "notes").fill("A long answer. " * 4000)
    field(page, "date").fill("3 December")

    assert "no room left" in status(page) and "What will you do next?" in status(page)
    assert field(page, "notes").input_value().startswith("A long answer."), "still on screen, to save or print"
    page.reload()
    assert field(page, "name").input_value() == "Ada" and field(page, "date").input_value() == "3 December"
    assert field(page, "notes").input_value() == ""


@pytest.fixture(scope="module")
def two_sites(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same playbook published twice on one origin, under /one/ and /two/."""
    root = tmp_path_factory.mktemp("one-origin")
    for name in ("one", "two"):
        (root / name).symlink_to(built_site, target_is_directory=True)
    with serve(root) as base:
        yield base


def test_another_playbook_on_the_same_origin_does_not_read_the_answers(page: Page, two_sites: str) -> None:
    page.goto(f"{two_sites}one/{SHEET}")
    field(page, "name").fill("Ada")
    page.goto(f"{two_sites}two/{SHEET}")

    assert field(page, "name").input_value() == ""
    keys = page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('lean-ld-playbook:'))")
    assert keys == [f"lean-ld-playbook:answers:/one/{KEY}"]


# --- Answers in a file ----------------------------------------------------------------------------


def save_to_file(page: Page, folder: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Save answers to a file").click()
    assert download.value.suggested_filename == FILE_NAME
    target = folder / download.value.suggested_filename
    download.value.save_as(target)
    return target


def open_file(page: Page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open answers from a file").click()
    chooser.value.set_files(str(path))


@pytest.fixture
def fresh_page(browser: Browser) -> Iterator[Page]:
    """Another device: a browser profile with nothing stored."""
    context = browser.new_context()
    tab = context.new_page()
    stay_local(tab)
    yield tab
    context.close()


def test_answers_saved_to_a_file_open_on_another_device(
    page: Page, fresh_page: Page, site: Site, tmp_path: Path
) -> None:
    page.goto(site.url(SHEET))
    field(page, "name").fill("Ada")
    field(page, "value-table.2.2").fill("Fewer courses")
    page.locator(f'[name="{KEY}.confidence"][value="2"]').check()
    saved = save_to_file(page, tmp_path)
    assert FILE_NAME in status(page)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert set(data["sheets"]) == {KEY}
    assert data["sheets"][KEY]["prompts"]["value-table"]["answers"] == {".2.2": "Fewer courses"}

    fresh_page.goto(site.url(SHEET))
    open_file(fresh_page, saved)
    fresh_page.wait_for_function("() => document.querySelector('.pb-toolbar__status').textContent.includes('Opened')")
    assert field(fresh_page, "name").input_value() == "Ada"
    assert field(fresh_page, "value-table.2.2").input_value() == "Fewer courses"
    assert fresh_page.locator(f'[name="{KEY}.confidence"][value="2"]').is_checked()
    fresh_page.reload()
    assert field(fresh_page, "name").input_value() == "Ada", "kept in the new browser too"


def test_a_file_from_another_sheet_is_refused(page: Page, site: Site, tmp_path: Path) -> None:
    page.goto(site.url(SHEET))
    field(page, "name").fill("Ada")
    saved = save_to_file(page, tmp_path)
    page.goto(site.url(OTHER_SHEET))
    page.locator('[name="exercise-limit-the-work.name"]').fill("Grace")
    open_file(page, saved)

    page.wait_for_function("() => document.querySelector('.pb-toolbar__status').textContent.includes('nothing')")
    assert "“Sort the requests”, not to this sheet: nothing was changed" in status(page)
    assert page.locator('[name="exercise-limit-the-work.name"]').input_value() == "Grace"


def test_a_file_that_is_not_one_of_answers_is_refused(page: Page, site: Site, tmp_path: Path) -> None:
    other = tmp_path / "notes.json"
    other.write_text('{"sheets": {"exercise-sort-the-requests": {}}}', encoding="utf-8")
    page.goto(site.url(SHEET))
    field(page, "name").fill("Ada")
    open_file(page, other)

    page.wait_for_function("() => document.querySelector('.pb-toolbar__status').textContent.includes('nothing')")
    assert "not a file of answers" in status(page)
    assert field(page, "name").input_value() == "Ada"


def test_a_file_from_an_older_version_of_the_sheet_is_mapped_by_prompt(
    page: Page, fresh_page: Page, site: Site, tmp_path: Path
) -> None:
    page.goto(site.url(SHEET))
    field(page, "customers.1").fill("Sales managers")
    field(page, "notes").fill("Call the sponsor")
    saved = save_to_file(page, tmp_path)
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["sheets"][KEY]["version"] = "an-older-sheet"
    data["sheets"][KEY]["prompts"]["notes"]["version"] = "an-older-prompt"
    saved.write_text(json.dumps(data), encoding="utf-8")

    fresh_page.goto(site.url(SHEET))
    open_file(fresh_page, saved)
    fresh_page.wait_for_function("() => document.querySelector('.pb-toolbar__status').textContent.includes('Opened')")
    assert "earlier version of this sheet" in status(fresh_page) and "1 answer was" in status(fresh_page)
    assert field(fresh_page, "customers.1").input_value() == "Sales managers"
    assert field(fresh_page, "notes").input_value() == ""
    assert "Call the sponsor" in fresh_page.locator('[data-prompt="notes"] .pb-offer').inner_text()


def test_opening_a_file_over_typed_answers_asks_first(page: Page, site: Site, tmp_path: Path) -> None:
    page.goto(site.url(SHEET))
    field(page, "name").fill("Ada")
    saved = save_to_file(page, tmp_path)
    field(page, "name").fill("Grace")
    with page.expect_event("dialog") as dialog:
        open_file(page, saved)
    assert "Replace the answers on this page" in dialog.value.message
    dialog.value.dismiss()

    assert field(page, "name").input_value() == "Grace"
    assert stored(page)["prompts"]["@who"]["answers"] == {".name": "Grace"}
