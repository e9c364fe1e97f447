from pathlib import Path

import pytest

from playbook.errors import ContentErrors
from playbook.load import load_yaml, parse_yaml, read_yaml


def errors_of(text: str) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        parse_yaml(text, "x.yml")
    return [str(error) for error in caught.value.errors]


def test_values_and_keys_remember_their_line_and_column() -> None:
    document = parse_yaml("title: Map it\nsteps:\n  - minutes: 10\n", "x.yml")
    assert document.data == {"title": "Map it", "steps": [{"minutes": 10}]}
    assert document.value_positions[("title",)] == (1, 8)
    assert document.key_positions[("steps", 0, "minutes")] == (3, 5)
    assert document.value_positions[("steps", 0, "minutes")] == (3, 14)


def test_a_missing_location_falls_back_to_its_nearest_written_parent() -> None:
    document = parse_yaml("steps:\n  - minutes: 10\n", "x.yml")
    assert document.position(("steps", 0, "title")) == (2, 5)


def test_duplicate_keys_are_errors_naming_the_first_line() -> None:
    assert errors_of("title: A\nsummary: B\ntitle: C\n") == [
        "x.yml:3:1: error: duplicate key 'title' (first given on line 1; keep one)"
    ]


def test_every_duplicate_of_a_file_is_reported_at_once() -> None:
    assert len(errors_of("a: 1\na: 2\nb: 1\nb: 2\n")) == 2


def test_an_unclosed_bracket_is_reported_where_it_opens() -> None:
    (error,) = errors_of("title: [unclosed\n")
    assert error.startswith("x.yml:1:8: error: the list that starts with '[' here is never closed")


def test_python_tags_are_refused_not_run() -> None:
    (error,) = errors_of("title: !!python/object/apply:os.system ['true']\n")
    assert error.startswith("x.yml:1:8: error: the tag ")


def test_alias_bombs_are_refused_at_once() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    (error,) = errors_of("\n".join(lines) + "\n")
    assert "too many values" in error


def test_an_empty_file_says_so() -> None:
    assert errors_of("") == ["x.yml:1:1: error: the file is empty"]


def test_impossible_dates_are_errors_not_crashes() -> None:
    (error,) = errors_of("last_reviewed: 2026-02-30\n")
    assert error.startswith("x.yml:1:16: error: invalid value '2026-02-30'")


def test_non_utf8_bytes_are_reported_with_their_position(tmp_path: Path) -> None:
    file = tmp_path / "latin.yml"
    file.write_bytes("title: ok\nsummary: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ContentErrors) as caught:
        load_yaml(file, "latin.yml")
    assert str(caught.value) == "latin.yml:2:13: error: the file is not valid UTF-8 (byte 0xe9) (save it as UTF-8)"


def test_oversized_files_are_refused_before_parsing(tmp_path: Path) -> None:
    file = tmp_path / "big.yml"
    file.write_text("notes: |\n" + "  words words words\n" * 40_000)
    with pytest.raises(ContentErrors) as caught:
        load_yaml(file, "big.yml")
    assert "the limit is" in str(caught.value)


def test_an_unreadable_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(ContentErrors) as caught:
        load_yaml(tmp_path / "missing.yml", "missing.yml")
    assert str(caught.value) == "missing.yml:1:1: error: the file cannot be read: No such file or directory"


def test_a_duplicate_of_a_key_whose_value_is_wrong_is_still_reported() -> None:
    assert errors_of("a: 2025-02-30\na: 1\n") == [
        "x.yml:1:4: error: invalid value '2025-02-30': day is out of range for month "
        "(write dates as YYYY-MM-DD, e.g. 2026-03-01)",
        "x.yml:2:1: error: duplicate key 'a' (first given on line 1; keep one)",
    ]


def test_positions_are_found_from_the_text_of_a_valid_document() -> None:
    document = parse_yaml("a: 1\nb:\n  - x: 2\n  - y: 3\n", "x.yml")
    assert document.key_positions[("b", 1, "y")] == (4, 5)
    assert document.error(("b", 0, "x"), "too big").line == 3


def test_a_duplicate_key_keeps_the_first_value_and_the_rest_of_the_file() -> None:
    document = read_yaml("title: A\nsummary: B\ntitle: C\nsteps: [1]\n", "x.yml")
    assert document.data == {"title": "A", "summary": "B", "steps": [1]}
    assert [str(error) for error in document.errors] == [
        "x.yml:3:1: error: duplicate key 'title' (first given on line 1; keep one)"
    ]


def test_a_value_that_cannot_be_read_is_left_out_and_noted_where_it_was() -> None:
    document = read_yaml("last_reviewed: 2026-02-30\nsteps:\n  - !!set {a}\n  - b\n", "x.yml")
    assert document.data == {"last_reviewed": None, "steps": [None, "b"]}
    assert document.is_unread(("last_reviewed",)) and document.is_unread(("steps", 0, "x"))
    assert not document.is_unread(("steps", 1))
    assert len(document.errors) == 2


def test_a_syntax_error_leaves_no_data_and_one_error_in_an_authors_words() -> None:
    document = read_yaml("title: A\nsummary: B\n  principle: flow\n", "x.yml")
    assert document.data is None
    assert [str(error) for error in document.errors] == [
        "x.yml:3:3: error: 'principle' is indented more than the line above it, so it reads as more of that"
        " line's text (move 'principle' back to column 1, in line with 'summary', to make it a field; if it is"
        " text, put the whole text in quotes)"
    ]
