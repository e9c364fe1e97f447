"""Property: whatever an author (or an attacker) writes, loading gives data or ContentErrors.

Never a traceback: no other exception type may escape the loader, the validator, or the two
together, on arbitrary text, arbitrary bytes, or YAML-shaped text built from real field names.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.errors import ContentError, ContentErrors
from playbook.load import load_yaml, parse_yaml, read_yaml
from playbook.model import Exercise, Glossary, PdsaTemplate, Programme, WasteTaxonomy
from playbook.validate import validate

MODELS = (Exercise, WasteTaxonomy, PdsaTemplate, Programme, Glossary)
FIELD_NAMES = sorted(
    {name for model in MODELS for name in model.model_fields}
    | {"id", "shape", "prompts", "minutes", "exercise", "activity", "min", "max"}
)
YAML_PIECES = [
    ": ",
    "\n",
    "  ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: ",
    "!!",
    "!!python/name:x ",
    "'",
    '"',
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "#",
    "? ",
    "%YAML 1.1\n",
    "\t",
    "\\",
    "\ufeff",
    "2026-02-30",
    "1e9999",
    "0x1F",
    "~",
    "null",
    "true",
    "lines",
    "table",
    "\x00",
    "\x85",
    "\u2028",
]


def _only_content_errors(action: Callable[[], object]) -> None:
    try:
        action()
    except ContentErrors as problems:
        assert problems.errors, "ContentErrors must carry at least one error"
        for error in problems.errors:
            assert isinstance(error, ContentError)
            assert error.line >= 1 and error.column >= 1


def _load_and_validate(text: str) -> None:
    document = parse_yaml(text, "x.yml")
    for model in MODELS:
        try:
            validate(document, model)
        except ContentErrors as problems:
            assert all(error.path == "x.yml" for error in problems.errors)


yaml_shaped = st.lists(
    st.sampled_from(FIELD_NAMES) | st.sampled_from(YAML_PIECES) | st.text(max_size=6), max_size=60
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_gives_data_or_content_errors(text: str) -> None:
    _only_content_errors(lambda: parse_yaml(text, "x.yml"))


@settings(max_examples=300, deadline=None)
@given(yaml_shaped)
def test_yaml_shaped_text_through_validation_gives_only_content_errors(text: str) -> None:
    _only_content_errors(lambda: _load_and_validate(text))


def _read_then_validate_what_could_be_read(text: str) -> None:
    document = read_yaml(text, "x.yml")
    lines = max(1, len(text.splitlines()) + 1)
    for error in document.errors:
        assert 1 <= error.line <= lines and error.column >= 1, str(error)
    if document.data is not None:
        for model in MODELS:
            try:
                validate(document, model)
            except ContentErrors as problems:
                assert all(1 <= error.line <= lines for error in problems.errors)


@settings(max_examples=300, deadline=None)
@given(yaml_shaped)
def test_reading_returns_what_it_could_with_errors_inside_the_text(text: str) -> None:
    _read_then_validate_what_could_be_read(text)


BASE_EXERCISE = (Path(__file__).parent / "fixtures/broken/docs/exercises/base-exercise.yml").read_text()


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, len(BASE_EXERCISE)),
    st.integers(0, 3),
    st.sampled_from([" ", ":", ": ", "- ", "#", "'", '"', "[", "]", "{", "}", "\t", "|", ">", "*", "&", "!", "---\n"]),
)
def test_an_authors_slip_anywhere_in_a_real_file_is_explained_inside_the_file(
    at: int, removed: int, inserted: str
) -> None:
    _read_then_validate_what_could_be_read(BASE_EXERCISE[:at] + inserted + BASE_EXERCISE[at + removed :])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_on_disk_give_data_or_content_errors(tmp_path: Path, raw: bytes) -> None:
    file = tmp_path / "x.yml"
    file.write_bytes(raw)
    _only_content_errors(lambda: load_yaml(file, "x.yml"))


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10) | st.dates(),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=5), children, max_size=5)
        ),
        max_leaves=30,
    )
)
def test_any_data_shape_validates_or_gives_positioned_errors(data: object) -> None:
    text = yaml.safe_dump({"data": data} if not isinstance(data, dict) else data, allow_unicode=True)
    _only_content_errors(lambda: _load_and_validate(text))


def test_deep_nesting_is_an_error_not_a_recursion_crash() -> None:
    deep_mapping = "".join(" " * i + f"k{i}:\n" for i in range(1500)) + " " * 1500 + "end"
    for text in ("[" * 5000 + "]" * 5000, deep_mapping):
        _only_content_errors(lambda text=text: parse_yaml(text, "x.yml"))
