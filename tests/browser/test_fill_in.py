"""A participant fills in a worksheet in the browser: kept on reload, printed in full, cleared."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sheet_facts import pdf_pages, squash

from playbook.pdf import print_to_pdf

if TYPE_CHECKING:
    from conftest import Site
    from playwright.sync_api import Locator, Page

SHEET = "exercises/sort-the-requests/worksheet/"
KEY = "exercise-sort-the-requests"
# Six lines in a box ruled for three: on paper every one of them must still be there.
LONG_ANSWER = "\n".join(
    f"Next step {n}: ask the {word} team"
    for n, word in enumerate(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"], 1)
)

# The theme keeps its own settings in localStorage too: these are the worksheet's entries.
STORED_ANSWERS = "Object.keys(localStorage).filter(key => key.startsWith('lean-ld-playbook:answers:'))"


def field(page: Page, name: str) -> Locator:
    return page.locator(f'[name="{KEY}.{name}"]')


def fill_in(page: Page) -> None:
    field(page, "name").fill("Ada Lovelace")
    field(page, "customers.1").fill("Sales managers")
    field(page, "value-table.1.2").fill("Shorter waits")
    field(page, "notes").fill(LONG_ANSWER)
    page.locator(f'[name="{KEY}.confidence"][value="4"]').check()
    field(page, "checks.2").check()


def test_answers_survive_a_reload(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    fill_in(page)
    page.reload()

    assert field(page, "name").input_value() == "Ada Lovelace"
    assert field(page, "customers.1").input_value() == "Sales managers"
    assert field(page, "value-table.1.2").input_value() == "Shorter waits"
    assert field(page, "notes").input_value() == LONG_ANSWER
    assert page.locator(f'[name="{KEY}.confidence"][value="4"]').is_checked()
    assert field(page, "checks.2").is_checked() and not field(page, "checks.1").is_checked()


def test_answers_stay_in_this_browser(page: Page, site: Site) -> None:
    sent: list[str] = []
    page.on("request", lambda request: sent.append(f"{request.method} {request.url}"))
    page.goto(site.url(SHEET))
    loaded = len(sent)
    fill_in(page)
    page.reload()

    stored = page.evaluate(STORED_ANSWERS)
    assert len(stored) == 1, "one entry per sheet"
    assert all(request.startswith("GET ") for request in sent[loaded:]), "nothing is posted"
    assert not any("Lovelace" in request for request in sent), "no answer leaves in an address"


def test_printed_sheet_carries_every_answer_in_full(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    fill_in(page)
    page.reload()
    pages = pdf_pages(print_to_pdf(page, site.url(SHEET), "a4"))

    text = squash("".join(text for _, text in pages))
    for answer in ["Ada Lovelace", "Sales managers", "Shorter waits", *LONG_ANSWER.splitlines()]:
        assert squash(answer) in text, f"answer not printed in full: {answer!r}"


def test_the_print_button_opens_the_print_dialog(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.get_by_role("button", name="Print").click()

    assert page.evaluate("window.printed") == 1


def test_clear_empties_the_sheet_and_the_storage(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    fill_in(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear my answers").click()

    assert field(page, "notes").input_value() == ""
    assert not field(page, "checks.2").is_checked()
    assert page.evaluate(STORED_ANSWERS) == []
    page.reload()
    assert field(page, "name").input_value() == ""
    pages = pdf_pages(print_to_pdf(page, site.url(SHEET), "a4"))
    assert "Ada Lovelace" not in pages[0][1]


def test_clear_asks_first_and_keeps_answers_when_declined(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    fill_in(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear my answers").click()

    assert field(page, "name").input_value() == "Ada Lovelace"


def test_a_pack_shows_the_answers_given_on_the_same_sheet(page: Page, site: Site) -> None:
    page.goto(site.url(SHEET))
    field(page, "customers.1").fill("Sales managers")
    page.goto(site.url("programmes/two-weeks/pack/"))

    assert field(page, "customers.1").input_value() == "Sales managers"


def test_a_damaged_entry_does_not_break_the_sheet(page: Page, site: Site) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url(SHEET))
    field(page, "name").fill("Ada")
    page.evaluate("key => localStorage.setItem(key, '{not json')", page.evaluate(STORED_ANSWERS)[0])
    page.reload()
    assert field(page, "name").input_value() == ""
    field(page, "name").fill("Grace")
    page.reload()

    assert field(page, "name").input_value() == "Grace"
    assert errors == []
