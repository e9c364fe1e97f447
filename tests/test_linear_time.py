"""No input stalls a check or a build: each field's worst pattern, at its maximum length.

A pull request must not be able to hold CI up. Each case is a pattern that made an earlier
version's regular expressions or loops take quadratic or cubic time, written at the longest a
field allows, and run through what a build does with it: validation, rendering, `render`'s
page titles and the Markdown conversion with the safety and glossary extensions. A guard stops
a case that runs away (minutes, where a linear pass takes a fraction of a second), so that a
regression fails here instead of hanging the suite; the times themselves are not asserted.

Brackets, which Python-Markdown scans to the end of the text from each one, are refused past
the bounds in `playbook.model`, and so finish at once. Not here yet, as they still take tens of
seconds: `**a ` repeated (`glossary.plain_text`, being rewritten on the Markdown library), and
`<a ` repeated, whose thousands of `&lt;` entities Python-Markdown's inline processing handles
in time quadratic in their number.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import markdown
import pytest
import yaml

from playbook.catalog import load_playbook
from playbook.errors import ContentErrors
from playbook.export import FRONT_MATTER, page_title
from playbook.glossary import GlossaryExtension, GlossaryLinker, TermMatcher, glossary_terms
from playbook.model import MARKDOWN_MAX_LENGTH
from playbook.render import Renderer
from playbook.safety import SafetyExtension

RUNAWAY_SECONDS = 60  # a stall guard, not a measure: the cases take well under a second each


def at_length(pattern: str, length: int = MARKDOWN_MAX_LENGTH) -> str:
    return (pattern * (length // len(pattern) + 1))[:length]


WORST_MARKDOWN = {
    "attribute-list braces": at_length("{={="),
    "open braces": at_length("{ "),
    "emphasis markers": at_length("*_a"),
    "link openers": at_length("]("),
    "entities": at_length("&#"),
    "backticks": at_length("`{"),
    "brackets": at_length("["),
    "reference definitions": at_length("[x]: \n"),
    "links at the limit": at_length("[")[:200] + at_length("a ")[200:],
    "heading with spaces": "# a" + " " * (MARKDOWN_MAX_LENGTH - 4) + "b",
}


@contextmanager
def runaway_guard() -> Iterator[None]:
    """Stop the block if it runs away; fail even where a library swallows the interruption."""
    ran_away = []

    def stop(signum: int, frame: object) -> None:
        ran_away.append(True)
        raise TimeoutError(f"still running after {RUNAWAY_SECONDS} s: not linear")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(RUNAWAY_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert not ran_away, f"still running after {RUNAWAY_SECONDS} s: not linear"


def build_pages(docs: Path) -> None:
    """What a build does with the content, short of MkDocs itself."""
    try:
        playbook = load_playbook(docs)
    except ContentErrors:
        return  # refused with a position: fine, as long as it was quick
    linker = GlossaryLinker(TermMatcher(glossary_terms(playbook)), lambda page, term: f"#{term}")
    converter = markdown.Markdown(
        extensions=[
            "attr_list",
            "md_in_html",
            "tables",
            SafetyExtension(raw_html=lambda: False),
            GlossaryExtension(linker),
        ]
    )
    for page in Renderer(playbook).pages():
        page_title(page.markdown, page.path)
        converter.reset().convert(FRONT_MATTER.sub("", page.markdown, count=1))  # as MkDocs reads it


@pytest.mark.parametrize("name", sorted(WORST_MARKDOWN))
def test_a_markdown_field_at_its_longest_worst_pattern_does_not_stall(minimal_copy: Path, name: str) -> None:
    docs = minimal_copy / "docs"
    exercise = docs / "exercises/limit-the-work.yml"
    data = yaml.safe_load(exercise.read_text(encoding="utf-8"))
    data["summary"] = WORST_MARKDOWN[name]
    data["worksheet"]["prompts"][0]["question"] = WORST_MARKDOWN[name]
    exercise.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    glossary = next((docs / "glossary").glob("*.yml"))
    terms = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    for term in terms["terms"]:
        term["definition"] = WORST_MARKDOWN[name]
    glossary.write_text(yaml.safe_dump(terms, allow_unicode=True), encoding="utf-8")
    with runaway_guard():
        build_pages(docs)


def test_a_hand_written_page_s_title_is_found_in_one_pass() -> None:
    page = "# a" + " " * 200_000 + "b\n"
    with runaway_guard():
        assert page_title(page, "guides/x.md") == "a" + " " * 200_000 + "b"
