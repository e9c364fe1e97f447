"""Text as generated pages show it: one line, a table cell, a tooltip, a length of time.

The filters of the templates, kept apart from the Jinja environment so that the glossary's
tooltips and the templates make plain text the same way.
"""

from __future__ import annotations

import re

# Paired Markdown syntax only: a lone `*` or `_` (2 * 3, file_name) is text and is kept
_MARKDOWN_SYNTAX = re.compile(
    r"\[([^\]]+)\]\([^)]*\)"  # [text](target)
    r"|(\*\*|__)(?=\S)(.+?)(?<=\S)\2"  # **strong**
    r"|(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\4(?![\w*])"  # *emphasis*
    r"|`([^`]+)`"  # `code`
)
_LINK_TEXT_SYNTAX = re.compile(r"([\\\[\]])")


def plain_text(markdown_text: str) -> str:
    """A definition as a one-line tooltip: Markdown emphasis, code and link syntax removed."""

    def inner(match: re.Match[str]) -> str:
        return next(group for group in (match[1], match[3], match[5], match[6]) if group is not None)

    return " ".join(_MARKDOWN_SYNTAX.sub(inner, markdown_text).split())


def one_line(text: object) -> str:
    """Text on one line, runs of white space made one space."""
    return " ".join(str(text).split())


def table_cell(text: object) -> str:
    """Text for one Markdown table cell: one line, and a `|` that does not end the cell."""
    return one_line(text).replace("|", "\\|")


def link_text(text: object) -> str:
    """Text for the brackets of a Markdown link: backslashes and brackets escaped."""
    return _LINK_TEXT_SYNTAX.sub(r"\\\1", str(text))


def format_minutes(minutes: int) -> str:
    """`90` -> `1 h 30 min`."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"
