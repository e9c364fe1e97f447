from typing import Annotated, Literal

import pytest
from pydantic import Field

from playbook.errors import ContentErrors
from playbook.load import parse_yaml
from playbook.model import Exercise, Programme, Strict
from playbook.validate import validate

EXERCISE = """\
title: Sort the requests
summary: Sort requests by value.
principle: value
duration: 30
group_size: {min: 2, max: 12}
audience: L&D teams.
difficulty: introductory
last_reviewed: 2026-01-15
objectives: [Sort requests.]
steps:
  - title: Sort
    minutes: 30
    instructions: Sort the cards.
debrief: ["What surprised you?"]
worksheet:
  prompts:
    - id: notes
      question: What next?
      shape: lines
stage: deliver
"""


def errors_of(text: str, model: type = Exercise) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        validate(parse_yaml(text, "x.yml"), model)
    return [str(error) for error in caught.value.errors]


def test_a_valid_exercise_becomes_a_typed_model() -> None:
    exercise = validate(parse_yaml(EXERCISE, "x.yml"), Exercise)
    assert exercise.duration == 30
    assert exercise.worksheet.prompts[0].lines == 4  # the default write-in space


def test_misspelt_field_suggests_the_nearest_name_at_the_key() -> None:
    text = EXERCISE.replace("duration: 30", "duration: 30\ndurration: 30")
    assert errors_of(text) == ["x.yml:5:1: error: unknown field 'durration' (did you mean 'duration'?)"]


def test_one_misspelt_field_is_one_error_not_also_a_missing_one() -> None:
    text = EXERCISE.replace("debrief:", "debreif:")
    assert errors_of(text) == ["x.yml:14:1: error: unknown field 'debreif' (did you mean 'debrief'?)"]


def test_a_missing_field_is_still_reported_beside_an_unrelated_unknown_one() -> None:
    text = EXERCISE.replace("debrief:", "closing_questions:")
    assert errors_of(text) == [
        "x.yml:1:1: error: missing required field 'debrief' in the top level",
        "x.yml:14:1: error: unknown field 'closing_questions'",
    ]


def test_a_duplicate_prompt_id_is_reported_at_the_duplicate_naming_the_first() -> None:
    text = EXERCISE.replace(
        "      shape: lines\n", "      shape: lines\n    - id: notes\n      question: And?\n      shape: lines\n"
    )
    assert errors_of(text) == [
        "x.yml:20:11: error: two prompts have the id 'notes' (the first is on line 17; give each its own id)"
    ]


def test_a_list_item_holding_colon_space_is_named_as_such() -> None:
    text = EXERCISE.replace('debrief: ["What surprised you?"]', "debrief:\n  - Ask: what surprised you?")
    assert errors_of(text) == [
        "x.yml:15:5: error: debrief[0]: 'Ask: what surprised you?' reads as a field and its value, because of"
        " the ': ' (put the whole text in quotes: \"Ask: what surprised you?\")"
    ]


def test_misspelt_field_inside_a_prompt_suggests_from_that_prompt_shape() -> None:
    text = EXERCISE.replace("shape: lines", "shape: lines\n      lnes: 3")
    assert errors_of(text) == ["x.yml:20:7: error: unknown field 'lnes' (did you mean 'lines'?)"]


def test_unknown_prompt_shape_suggests_the_nearest_shape() -> None:
    text = EXERCISE.replace("shape: lines", "shape: line")
    assert errors_of(text) == ["x.yml:19:14: error: unknown shape 'line' (did you mean 'lines'?)"]


def test_a_wrong_principle_lists_the_allowed_values() -> None:
    (error,) = errors_of(EXERCISE.replace("principle: value", "principle: speed"))
    assert error.startswith("x.yml:3:12: error: principle: input should be 'value', 'value-stream'")


def test_missing_field_points_at_the_mapping_that_lacks_it() -> None:
    text = EXERCISE.replace("    minutes: 30\n", "")
    assert "x.yml:11:5: error: missing required field 'minutes' in steps[0]" in errors_of(text)


def test_steps_must_add_up_to_the_duration() -> None:
    (error,) = errors_of(EXERCISE.replace("duration: 30", "duration: 45"))
    assert "the steps add up to 30 minutes but duration is 45" in error


def test_every_error_of_a_file_is_reported_together() -> None:
    text = EXERCISE.replace("principle: value", "principle: speed").replace("difficulty: introductory", "difficulty: 3")
    assert len(errors_of(text)) == 2


def test_a_bad_reference_id_explains_the_id_rule() -> None:
    text = EXERCISE + "related: [Sort_Requests]\n"
    (error,) = errors_of(text)
    assert error.startswith("x.yml:21:11: error: related[0]: 'Sort_Requests' is not a valid id")


def test_plain_text_fields_take_any_printable_text_and_keep_it_as_written() -> None:
    title = 'Lead time > 10 days? A & B < C [draft] {v2} "quoted" it\'s 🚀'
    text = EXERCISE.replace("title: Sort the requests", f"title: '{title.replace(chr(39), chr(39) * 2)}'")
    assert validate(parse_yaml(text, "x.yml"), Exercise).title == title


@pytest.mark.parametrize(
    ("title", "shown"),
    [('"a\\nb"', "a line break"), ('"a\\fb"', "U+000C"), ('"a\\u202eb"', "U+202E RIGHT-TO-LEFT OVERRIDE")],
)
def test_plain_text_fields_refuse_only_what_is_not_one_printable_line(title: str, shown: str) -> None:
    (error,) = errors_of(EXERCISE.replace("title: Sort the requests", f"title: {title}"))
    assert f"plain text may not contain {shown}" in error


def test_markdown_links_to_scripts_are_refused() -> None:
    text = EXERCISE.replace("summary: Sort requests by value.", "summary: '[click](javascript:alert(1))'")
    (error,) = errors_of(text)
    assert "links may only point to http(s), mailto or pages of this site" in error


def test_agenda_items_are_told_apart_by_their_keys() -> None:
    programme = """\
title: P
summary: S
audience: A
outcomes: [O]
sessions:
  - slot: Week 1
    title: T
    length: 60
    question: Q?
    agenda:
      - exercise: sort-the-requests
      - activity: Lunch
        minuts: 30
"""
    assert errors_of(programme, Programme) == [
        "x.yml:13:9: error: unknown field 'minuts' (did you mean 'minutes'?)",
    ]


def test_an_empty_key_beside_a_shape_of_the_same_name_is_an_unknown_field_not_a_crash() -> None:
    # found by the property test: the empty key '' was taken for the tag of the shape ''
    errors = errors_of('"": null\nshape: ""\n')
    assert "x.yml:1:1: error: unknown field ''" in errors
    assert any(error.startswith("x.yml:2:1: error: unknown field 'shape'") for error in errors)


class Circle(Strict):
    form: Literal["circle"]
    radius: int


class Square(Strict):
    form: Literal["square"]
    side: int


class Drawing(Strict):
    """A toy model whose union is told apart by a field other than a prompt's `shape`."""

    figures: list[Annotated[Circle | Square, Field(discriminator="form")]]


def test_a_union_is_read_from_the_model_with_its_own_tag_field_and_values() -> None:
    text = "figures:\n  - radius: 2\n  - form: square\n    side: wide\n  - form: triangle\n"
    assert errors_of(text, Drawing) == [
        "x.yml:2:5: error: missing required field 'form' in figures[0] (expected one of: 'circle', 'square')",
        "x.yml:4:11: error: figures[1].side: input should be a valid integer, unable to parse string as an integer"
        " (write a whole number, e.g. 30)",
        "x.yml:5:11: error: unknown form 'triangle' (expected one of: 'circle', 'square')",
    ]
