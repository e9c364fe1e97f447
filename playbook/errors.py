"""Content errors: what went wrong, where, and how to put it right."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in an authored file, positioned at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = "error"

    @classmethod
    def of_file(cls, path: str, message: str, hint: str = "") -> ContentError:
        """An error about a whole file, shown at its first line."""
        return cls(path, 1, 1, message, hint)

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_github_annotation(self) -> str:
        """The same error as a GitHub Actions workflow command, shown on the PR's line."""
        message = f"{self.message} ({self.hint})" if self.hint else self.message
        return (
            f"::{self.severity} file={_property(self.path)},line={self.line},col={self.column},"
            f"title=playbook::{_data(message)}"
        )


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub Actions reads it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value (a file name may hold ',' or ':')."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class ContentErrors(Exception):
    """Raised when content cannot be used; carries every error found, not just the first."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(str(error) for error in self.errors))

    @classmethod
    def one(cls, path: str, message: str, hint: str = "", *, line: int = 1, column: int = 1) -> ContentErrors:
        """A single error, ready to raise: at the given place, or at the file's first line."""
        return cls([ContentError(path, line, column, message, hint)])


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as an author knows it: relative to the project root when it lies below it."""
    base = (root or Path.cwd()).resolve()
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def suggestion(wrong: str, choices: Iterable[str], *, listing_limit: int = 8) -> str:
    """A did-you-mean for a misspelt name, or the valid names when there are few of them."""
    options = sorted(set(choices))
    close = nearest(wrong, options)
    if close is not None:
        return f"did you mean '{close}'?"
    if not options:
        return ""
    if len(options) <= listing_limit:
        return "expected one of: " + ", ".join(f"'{option}'" for option in options)
    return ""


def nearest(wrong: str, choices: Iterable[str]) -> str | None:
    """The valid name a misspelt one most likely meant, if one is close enough."""
    close = get_close_matches(wrong, sorted(set(choices)), n=1, cutoff=0.6)
    return close[0] if close else None
