"""YAML syntax errors in an author's words: where to look and what to change.

PyYAML reports what its parser expected ("expected <block end>, but found '?'"), often at a
place after the mistake. An author needs the line that is wrong and how to write it. This
module reads the error together with the text around it and says that, falling back to
PyYAML's own words where no explanation fits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import yaml

_QUOTE_HINT = "put the whole text in quotes"


@dataclass(frozen=True)
class Explanation:
    """What an author should read about a syntax error: a 1-based position, a message and a hint."""

    line: int
    column: int
    message: str
    hint: str = ""


def explain(error: yaml.MarkedYAMLError, text: str) -> Explanation:
    """Say in an author's words what `error`, raised while parsing `text`, means."""
    source = _Source(text)
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    mark = error.problem_mark or error.context_mark
    at = (mark.line, mark.column) if mark else (0, 0)
    start = (error.context_mark.line, error.context_mark.column) if error.context_mark else at
    failure = _Failure(source, problem, context, at, start)
    for explainer in _EXPLAINERS:
        explanation = explainer(failure)
        if explanation is not None:
            return explanation
    return Explanation(at[0] + 1, at[1] + 1, f"YAML syntax: {problem or context or 'invalid YAML'}")


class _Source:
    """The lines of the text, with the few questions the explainers ask of them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines() or [""]

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def previous_content_line(self, index: int) -> int | None:
        """The nearest line above `index` that holds more than spaces or a comment."""
        for number in range(index - 1, -1, -1):
            stripped = self.line(number).strip()
            if stripped and not stripped.startswith("#"):
                return number
        return None


class _Failure(NamedTuple):
    """A parser error as the explainers read it; positions are 0-based (line, column)."""

    source: _Source
    problem: str  # what the parser found, e.g. "mapping values are not allowed here"
    context: str  # what it was reading, e.g. "while scanning a quoted scalar"
    at: tuple[int, int]  # where it stopped
    start: tuple[int, int]  # where what it was reading starts


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_KEY = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)*)(?P<key>[^\s#'\"\-?:][^:#]*?|-[^\s:#][^:#]*?):(?:[ \t]|$)")
_ITEM = re.compile(r"^(?P<lead>[ ]*)-(?:[ ]|$)")


def _key_of(line: str) -> tuple[str, int] | None:
    """The field name a line starts with and its 0-based column, if it starts with one."""
    match = _KEY.match(line)
    return (match["key"].strip(), match.start("key")) if match else None


def quoted(text: str) -> str:
    """`text` as an author would quote it in YAML."""
    if '"' not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _colon_in_text(failure: _Failure) -> Explanation | None:
    """'mapping values are not allowed here': a ': ' inside text, or a line indented too deep."""
    source, problem, at = failure.source, failure.problem, failure.at
    if problem != "mapping values are not allowed here":
        return None
    line_number, column = at
    scalar_line, scalar_column = _plain_scalar_start(source.text, at)
    line = source.line(line_number)
    name = line[:column].strip().removeprefix("- ").strip()
    if scalar_line == line_number or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        what = "ends with ':'" if not line[column + 1 :].strip() else "contains ': '"
        if scalar_line != line_number:  # text over several lines
            return Explanation(
                line_number + 1,
                column + 1,
                f"the text {what}, which makes it read as a field and its value",
                f"{_QUOTE_HINT}, or write it as a block: '|' after the field's colon, the text indented below",
            )
        value = line[scalar_column:].rstrip()
        found = _key_of(line)
        shown = f"{found[0]}: {quoted(value)}" if found and found[1] < scalar_column else quoted(value)
        return Explanation(
            line_number + 1,
            column + 1,
            f"the text '{value}' {what}, which makes it read as a field and its value",
            f"{_QUOTE_HINT}: {shown}",
        )
    start_line = source.line(scalar_line)
    if _indent(line) > _indent(start_line) and scalar_line < line_number:
        key = line.strip().split(":", 1)[0]
        above = _key_of(start_line)
        if above is not None:
            hint = f"move '{key}' back to column {above[1] + 1}, in line with '{above[0]}', to make it a field"
        else:
            hint = f"move '{key}' back in line with the fields above"
        return Explanation(
            line_number + 1,
            _indent(line) + 1,
            f"'{key}' is indented more than the line above it, so it reads as more of that line's text",
            f"{hint}; if it is text, {_QUOTE_HINT}",
        )
    return _without_colon(start_line, scalar_line)


def _without_colon(line: str, line_number: int) -> Explanation:
    """A line meant as a field whose name is not followed by ': '."""
    text, column = line.strip(), _indent(line)
    glued = re.match(r"([A-Za-z_]\w*):(\S.*)", text)
    if glued:
        return Explanation(
            line_number + 1,
            column + len(glued[1]) + 2,
            f"'{text}' has no space after its ':'",
            f"write a space after the colon: '{glued[1]}: {glued[2]}'",
        )
    spaced = re.match(r"([A-Za-z_]\w*)\s+(.+)", text)
    if spaced:
        return Explanation(
            line_number + 1,
            column + 1,
            f"'{text}' has no ':' after its field name",
            f"write the name, ': ' and the value: '{spaced[1]}: {spaced[2]}'",
        )
    return Explanation(
        line_number + 1, column + 1, f"'{text}' has no ':' after it", f"write '{text}:' to start a field"
    )


def _plain_scalar_start(text: str, at: tuple[int, int]) -> tuple[int, int]:
    """Where the last plain text before the error position starts, as (line, column), 0-based."""
    start = at
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (token.start_mark.line, token.start_mark.column) >= at:
                break
            if isinstance(token, yaml.ScalarToken) and token.plain:
                start = (token.start_mark.line, token.start_mark.column)
    except yaml.YAMLError:
        pass
    return start


def _out_of_line(failure: _Failure) -> Explanation | None:
    """'expected <block end>': a field or list item that starts in the wrong column."""
    source, problem, at = failure.source, failure.problem, failure.at
    if not problem.startswith("expected <block end>, but found"):
        return None
    found = problem.removeprefix("expected <block end>, but found ").strip("'")
    line_number, column = at
    line = source.line(line_number)
    if found in ("<block sequence start>", "-"):
        above = _nearest_above(source, line_number, lambda text: _indent(text) if _ITEM.match(text) else None)
        if above is None:
            return None
        above_line, above_column = above
        direction = "less" if column < above_column else "more"
        return Explanation(
            line_number + 1,
            column + 1,
            f"this list item is indented {direction} than the one on line {above_line + 1}",
            f"start its '-' in column {above_column + 1}, like the items above it",
        )
    if found in ("<block mapping start>", "?"):
        key = _key_of(line)
        name = key[0] if key else line.strip()
        above = _nearest_above(source, line_number, lambda text: written[1] if (written := _key_of(text)) else None)
        if above is None:
            return None
        above_line, above_column = above
        sibling = _key_of(source.line(above_line))
        direction = "less" if column < above_column else "more"
        return Explanation(
            line_number + 1,
            column + 1,
            f"'{name}' is indented {direction} than '{sibling[0] if sibling else ''}' on line {above_line + 1}",
            f"start it in column {above_column + 1}, in line with the fields it belongs with",
        )
    if found == "<scalar>":
        before = line[:column].rstrip()
        if before.endswith(("'", '"')):
            quote = before[-1]
            if quote == "'":
                hint = "inside '...' write an apostrophe twice, as in 'don''t', or put the text in double quotes"
            else:
                hint = 'put the whole text inside the quotes, and write \\" for a quote inside them'
            return Explanation(
                line_number + 1,
                column + 1,
                f"the text goes on after its closing quote ({quote})",
                hint,
            )
        if before.endswith(("]", "}")):
            opener = "[" if before.endswith("]") else "{"
            what = "list" if opener == "[" else "mapping"
            return Explanation(
                line_number + 1,
                line.find(opener, _indent(line)) + 1,
                f"a value that starts with '{opener}' is read as a {what}, so the text after it cannot follow",
                _QUOTE_HINT,
            )
        if not before.strip(" -"):
            return _text_out_of_place(source, line_number)
    return None


_BLOCK_START = re.compile(r"(?:^|:|-)[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _text_out_of_place(source: _Source, line_number: int) -> Explanation:
    """A line of text that belongs to no field: out of line with a '|' block, or after a comment."""
    line = source.line(line_number)
    column = _indent(line)
    for number in range(line_number - 1, -1, -1):
        above = source.line(number)
        if _BLOCK_START.search(above):
            block = [source.line(n) for n in range(number + 1, line_number) if source.line(n).strip()]
            first = _indent(block[0]) if block else column
            if block and column < first and all(_indent(text) >= first for text in block):
                return Explanation(
                    line_number + 1,
                    column + 1,
                    f"this line is indented less than line {number + 2}, the first line of its block of text",
                    f"indent every line of the block at least to column {first + 1}",
                )
            break
        if above.strip() and _indent(above) <= column and not above.lstrip().startswith("#"):
            break
    return Explanation(
        line_number + 1,
        column + 1,
        "this line of text belongs to no field",
        "if it goes on with the text above, indent it like that text; if it starts a field, write its name and ': '",
    )


def _stray_character(failure: _Failure) -> Explanation | None:
    """A character YAML reads as syntax where a field, an item or a value should start."""
    source, problem, at = failure.source, failure.problem, failure.at
    line = source.line(at[0])
    character = line[at[1] : at[1] + 1]
    if problem == "sequence entries are not allowed here":
        return Explanation(
            at[0] + 1,
            at[1] + 1,
            "a list cannot start on the same line as its field's name",
            "put each '- item' on a line of its own, indented below the field; if it is text, put it in quotes",
        )
    stray = problem.startswith(("expected <block end>, but found", "expected the node content, but found"))
    if not stray or not character or character.isspace():
        return None
    where = "start a line" if not line[: at[1]].strip() else "start a value"
    return Explanation(
        at[0] + 1,
        at[1] + 1,
        f"'{character}' cannot {where} here",
        f"remove it, or if it is text, {_QUOTE_HINT}",
    )


def _nearest_above(source: _Source, line_number: int, column_of: Callable[[str], int | None]) -> tuple[int, int] | None:
    """The nearest content line above for which `column_of` gives a column, with that column."""
    number = source.previous_content_line(line_number)
    while number is not None:
        column = column_of(source.line(number))
        if column is not None:
            return number, column
        number = source.previous_content_line(number)
    return None


def _tab(failure: _Failure) -> Explanation | None:
    problem, at = failure.problem, failure.at
    if "'\\t'" not in problem and "tab character" not in problem:
        return None
    return Explanation(at[0] + 1, at[1] + 1, "a tab is used to indent this line", "indent with spaces, not tabs")


def _unclosed_quote(failure: _Failure) -> Explanation | None:
    source, problem, context, at, start = failure.source, failure.problem, failure.context, failure.at, failure.start
    if not (context.startswith("while scanning a") and context.endswith("quoted scalar")):
        return None
    quote = source.line(start[0])[start[1] : start[1] + 1] or '"'
    if problem.startswith("found unknown escape character"):
        escape = problem.removeprefix("found unknown escape character").strip().strip("'")
        return Explanation(
            at[0] + 1,
            at[1] + 1,
            f"'\\{escape}' is not an escape that double quotes allow",
            "write \\\\ for a backslash, or put the text in single quotes",
        )
    return Explanation(
        start[0] + 1,
        start[1] + 1,
        f"the quote ({quote}) that starts this text is never closed",
        f"end the text with {quote}",
    )


def _unclosed_bracket(failure: _Failure) -> Explanation | None:
    """A '[' or '{' never closed, or closed after a quote that is never closed."""
    source, problem, context, start = failure.source, failure.problem, failure.context, failure.start
    if context == "while parsing a flow node" and problem.endswith("'<stream end>'"):
        opened = _innermost_open_bracket(source.text)
    elif context in ("while parsing a flow sequence", "while parsing a flow mapping") and problem.startswith(
        "expected ',' or "
    ):
        opened = start
    else:
        return None
    if opened is None:
        return None
    line = source.line(opened[0])
    quote = _open_quote(line, opened[1])
    if quote is not None:
        return Explanation(
            opened[0] + 1,
            quote + 1,
            f"the quote ({line[quote]}) that starts this text is never closed",
            f"end the text with {line[quote]}",
        )
    opener = line[opened[1] : opened[1] + 1]
    closer, what = ("]", "list") if opener == "[" else ("}", "mapping")
    return Explanation(
        opened[0] + 1,
        opened[1] + 1,
        f"the {what} that starts with '{opener}' here is never closed",
        f"end it with '{closer}' on the same line, or if it is text, {_QUOTE_HINT}",
    )


def _innermost_open_bracket(text: str) -> tuple[int, int] | None:
    """Where the last '[' or '{' the text leaves open starts, as (line, column), 0-based."""
    opened: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                opened.append((token.start_mark.line, token.start_mark.column))
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and opened:
                opened.pop()
    except yaml.YAMLError:
        pass
    return opened[-1] if opened else None


def _open_quote(line: str, start: int) -> int | None:
    """The column of a quote opened on `line` after `start` and not closed on it, if any."""
    opened: int | None = None
    for column in range(start, len(line)):
        character = line[column]
        if opened is None and character in "'\"" and (column == 0 or line[column - 1] in " [{,:"):
            opened = column
        elif opened is not None and character == line[opened]:
            if character == '"' and line[column - 1] == "\\":
                continue
            opened = None  # a doubled '' inside single quotes closes and reopens: the same to us
    return opened


def _document_marker(failure: _Failure) -> Explanation | None:
    source, problem, at = failure.source, failure.problem, failure.at
    if problem == "but found another document":
        return Explanation(
            at[0] + 1,
            at[1] + 1,
            "a line of '---' starts a second document, and a file holds one entry",
            "remove the '---'; in text, write a rule inside a '|' block or in quotes",
        )
    if problem.startswith("expected '<document start>'"):
        for number in range(at[0] - 1, -1, -1):
            marker = source.line(number).rstrip()
            if marker == "..." or marker.startswith(("... ", "%")):
                what = "ends the document" if marker.startswith("...") else "is read as a YAML directive"
                return Explanation(
                    number + 1,
                    1,
                    f"a line that starts with '{marker[:3] if marker.startswith('...') else '%'}' {what}",
                    f"remove it, or if it is text, {_QUOTE_HINT}",
                )
    return None


_INDICATORS = {
    "while scanning an alias": ("*", "an alias (a reference to an '&' anchor)"),
    "while scanning an anchor": ("&", "an anchor"),
}


def _indicator(failure: _Failure) -> Explanation | None:
    """Text that starts with a character YAML reserves: * & @ ` | > and the like."""
    source, problem, context, at, start = failure.source, failure.problem, failure.context, failure.at, failure.start
    if context in _INDICATORS:
        character, what = _INDICATORS[context]
        return Explanation(
            start[0] + 1,
            start[1] + 1,
            f"a value that starts with '{character}' is read as {what}",
            _QUOTE_HINT,
        )
    if context == "while scanning a block scalar":
        character = source.line(start[0])[start[1] : start[1] + 1]
        return Explanation(
            start[0] + 1,
            start[1] + 1,
            f"a value that starts with '{character}' begins a block of text on the lines below",
            f"{_QUOTE_HINT}, or start the text on the next line, indented",
        )
    reserved = re.fullmatch(r"found character '(.)' that cannot start any token", problem)
    if reserved:
        return Explanation(
            at[0] + 1,
            at[1] + 1,
            f"a value cannot start with '{reserved[1]}'",
            _QUOTE_HINT,
        )
    if problem == "mapping keys are not allowed here":
        return Explanation(at[0] + 1, at[1] + 1, "a value cannot start with '? '", _QUOTE_HINT)
    if problem.startswith("found undefined alias"):
        name = problem.removeprefix("found undefined alias").strip().strip("'")
        return Explanation(
            at[0] + 1,
            at[1] + 1,
            f"'*{name}' refers to an anchor '&{name}' that is not defined",
            f"define the anchor, or if it is text, {_QUOTE_HINT}",
        )
    return None


def _missing_colon(failure: _Failure) -> Explanation | None:
    source, problem, context, start = failure.source, failure.problem, failure.context, failure.start
    if context != "while scanning a simple key" or problem != "could not find expected ':'":
        return None
    return _without_colon(source.line(start[0]), start[0])


_EXPLAINERS = (
    _tab,
    _colon_in_text,
    _out_of_line,
    _unclosed_quote,
    _unclosed_bracket,
    _document_marker,
    _indicator,
    _missing_colon,
    _stray_character,
)
