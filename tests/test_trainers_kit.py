"""A trainer's kit beyond the blank sheet: worked examples and card decks, from YAML to pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from playbook.catalog import load_playbook
from playbook.errors import ContentErrors
from playbook.load import parse_yaml
from playbook.model import Exercise
from playbook.render import Renderer
from playbook.site import Site
from playbook.validate import validate
from playbook.views import card_sheets
from tests.conftest import MINIMAL

EXERCISE = (MINIMAL / "docs" / "exercises" / "sort-the-requests.yml").read_text(encoding="utf-8")


def rendered(site_url: str = "https://example.org/pb/") -> Renderer:
    return Renderer(load_playbook(MINIMAL / "docs"), Site(site_url))


def pages(site_url: str = "https://example.org/pb/") -> dict[str, str]:
    return {page.path: page.markdown for page in rendered(site_url).pages()}


def errors_with(old: str, new: str) -> list[str]:
    assert old in EXERCISE
    with pytest.raises(ContentErrors) as caught:
        validate(parse_yaml(EXERCISE.replace(old, new), "x.yml"), Exercise)
    return [str(error) for error in caught.value.errors]


# --- worked examples -------------------------------------------------------------------------


def test_an_example_page_answers_every_prompt_of_its_sheet_in_the_prompts_shape() -> None:
    example = pages()["exercises/sort-the-requests/example.md"]
    assert example.count('class="pb-prompt ') == 5
    assert "Housing repairs manager" in example  # a list
    assert "<td>Fewer calls passed back to the team</td>" in example  # a table row, under its label
    assert '<th scope="row">Managers</th>' in example
    assert 'class="pb-answer-scale__chosen" aria-label="4, chosen"' in example  # a scale
    assert "Ticked:</span> Photograph the piles" in example  # a checklist
    assert "Not ticked:</span> Book the next session" in example
    assert "Harbour City Council" in example


def test_the_guide_links_its_example_and_a_sheet_without_one_has_no_example_page() -> None:
    made = pages()
    assert "[A filled-in example](sort-the-requests/example.md)" in made["exercises/sort-the-requests.md"]
    assert "exercises/limit-the-work/example.md" not in made
    assert "example.md" not in made["exercises/limit-the-work.md"]


def test_an_example_must_answer_every_prompt() -> None:
    (error,) = errors_with("      checks: [Photograph the piles]\n", "")
    assert "every prompt needs an answer; none for 'checks'" in error


def test_an_answer_to_a_prompt_the_sheet_does_not_have_is_refused() -> None:
    (error,) = errors_with("      checks: [Photograph the piles]\n", "      checks: []\n      check: [x]\n")
    assert "the answer 'check' is to no prompt of this sheet" in error


def test_an_answer_in_the_wrong_shape_says_what_its_prompt_expects() -> None:
    (error,) = errors_with("confidence: {value: 4,", "confidence: {value: 9,")
    assert "the answer to 'confidence' does not fit its prompt: the value 9 is not between 1 and 5" in error
    (error,) = errors_with("      checks: [Photograph the piles]", "      checks: [Photograph the pile]")
    assert "'Photograph the pile' is not one of the options" in error
    (error,) = errors_with("        - [Fewer calls passed back to the team]", "        - [Fewer calls, More calls]")
    assert "row 2 gives 2 cells but the table has 1 to fill in each row" in error
    (error,) = errors_with("customers: [Housing repairs manager,", "customers: [A, B, Housing repairs manager,")
    assert "the list has 3 blanks but the answer gives 5" in error
    notes = EXERCISE[EXERCISE.index("      notes: |") : EXERCISE.index("      checks:")]
    (error,) = errors_with(notes, "      notes: [one, two]\n")
    assert "the answer to 'notes' does not fit its prompt: write the answer as text" in error


# --- card decks ------------------------------------------------------------------------------


def test_a_deck_prints_nine_cards_a_sheet_with_each_row_of_backs_mirrored() -> None:
    sheets = card_sheets(list(range(1, 11)))
    assert [sheet.fronts for sheet in sheets] == [
        [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
        [[10, None, None], [None, None, None], [None, None, None]],
    ]
    assert sheets[0].backs == [[3, 2, 1], [6, 5, 4], [9, 8, 7]]
    assert sheets[1].backs[0] == [None, None, 10]


def test_the_print_page_has_a_sheet_of_backs_after_each_sheet_of_fronts() -> None:
    printed = pages()["cards/request-types/print.md"]
    sides = re.findall(r'class="pb-deck-sheet pb-deck-sheet--(front|back)"', printed)
    assert sides == ["front", "back", "front", "back"]
    assert printed.count('class="pb-card pb-card--front"') == 10
    assert printed.count('class="pb-card pb-card--back"') == 4  # the cards that have a back


def test_each_card_has_a_qr_code_to_its_place_on_the_deck_page() -> None:
    images = {image.path: image.content for image in rendered().images()}
    assert len(images) == 10
    assert images["cards/request-types/qr/update.svg"].startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox=')
    assert "![QR code: this card on the site](../qr/update.svg)" not in pages()["cards/request-types/print.md"]
    assert "![QR code: this card on the site](qr/update.svg)" in pages()["cards/request-types/print.md"]
    assert 'id="update"' in pages()["cards/request-types.md"]


def test_without_the_sites_address_cards_print_without_a_qr_code() -> None:
    assert list(rendered("").images()) == []
    assert "QR code" not in pages("")["cards/request-types/print.md"]


def test_a_deck_lists_the_exercises_that_use_it_and_they_list_it_with_their_materials() -> None:
    made = pages()
    assert "## Exercises that use these cards" in made["cards/request-types.md"]
    assert "(../exercises/sort-the-requests.md)" in made["cards/request-types.md"]
    assert "- Cards: [Request types](../cards/request-types.md)" in made["exercises/sort-the-requests.md"]


def test_a_misspelt_deck_is_reported_with_the_nearest_id(minimal_copy: Path) -> None:
    exercise = minimal_copy / "docs" / "exercises" / "sort-the-requests.yml"
    exercise.write_text(exercise.read_text().replace("decks: [request-types]", "decks: [request-type]"))
    with pytest.raises(ContentErrors) as caught:
        load_playbook(minimal_copy / "docs")
    (error,) = [str(e) for e in caught.value.errors]
    assert "no card deck has the id 'request-type' (did you mean 'request-types'?)" in error


def test_two_cards_with_one_id_are_refused(minimal_copy: Path) -> None:
    deck = minimal_copy / "docs" / "cards" / "request-types.yml"
    deck.write_text(deck.read_text().replace("  - id: update\n", "  - id: new-course\n"))
    with pytest.raises(ContentErrors) as caught:
        load_playbook(minimal_copy / "docs")
    assert any("two cards have the id 'new-course'" in str(e) for e in caught.value.errors)
