"""No input stalls a check or a build: each field's worst pattern, at its maximum length.

A pull request must not be able to hold CI up. Each case is a pattern that made an earlier
version of the playbook, or Python-Markdown itself, take quadratic or cubic time, written at the
longest a field allows into every kind of Markdown field there is (a page's text, a worksheet's
HTML block, a description, checklist options, the glossary's definitions and their tooltips),
and run through what a build does with it: validation, rendering, `render`'s page titles and the
Markdown conversion with the site's extensions, the safety policy and the glossary. A guard
stops a case that runs away (minutes, where a linear pass takes a fraction of a second), so that
a regression fails here instead of hanging the suite; the times themselves are not asserted.

Some patterns are refused by validation with a position, and so finish at once: more brackets
than Markdown links in reasonable time (see `playbook.model`), and more lists opened on one line
than Python-Markdown can nest. Raw HTML, whose parser is quadratic in unclosed tags, never
reaches it from a field: the policy shows it as text, and it is escaped before Markdown reads it.
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

SITE_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "def_list", "toc"]  # as in mkdocs.yml
# As many options of the longest text as one file can hold (it is refused past 512 KB), for some patterns
CHECKLIST_OPTIONS = 10
RUNAWAY_SECONDS = 60  # a stall guard, not a measure: the cases take well under a second each


def at_length(pattern: str, length: int = MARKDOWN_MAX_LENGTH) -> str:
    return (pattern * (length // len(pattern) + 1))[:length]


WORST_MARKDOWN = {
    "attribute-list braces": at_length("{={="),
    "open braces": at_length("{ "),
    "emphasis markers": at_length("*_a"),
    "strong openers": at_length("**a "),
    "underscores": at_length("__a "),
    "link openers": at_length("]("),
    "image openers": at_length("!["),
    "entities": at_length("&#"),
    "named entities": at_length("&amp;"),
    "numeric entities": at_length("&#60;"),
    "angle brackets": at_length("<"),
    "unclosed tags": at_length("<a "),
    "closing tags": at_length("</a "),
    "comments": at_length("<!--"),
    "autolinks": at_length("<http://"),
    "e-mail addresses": at_length("<a@b "),
    "double quotes": at_length('"'),
    "quoted letters": at_length('"a'),
    "backticks": at_length("`{"),
    "backslashes": at_length("\\"),
    "brackets": at_length("["),
    "reference definitions": at_length("[x]: \n"),
    "links at the limit": at_length("[")[:200] + at_length("a ")[200:],
    "nested lists": at_length("- "),
    "nested quotes": at_length(">"),
    "nesting at the limit": at_length("> - " * 5 + "a\n"),
    "lists indented with tabs": "".join("\t" * depth + "- a\n" for depth in range(200))[:MARKDOWN_MAX_LENGTH],
    "table rows": "| a | b |\n|---|---|\n" + at_length("| a | b |\n", MARKDOWN_MAX_LENGTH - 20),
    "heading with spaces": "# a" + " " * (MARKDOWN_MAX_LENGTH - 4) + "b",
}
# Refused by validation, with the field's position, rather than built: see `playbook.model`
REFUSED = {"image openers", "brackets", "reference definitions", "links at the limit", "nested lists", "nested quotes"}


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


def build_pages(docs: Path) -> bool:
    """What a build does with the content, short of MkDocs itself; False if validation refused it."""
    try:
        playbook = load_playbook(docs)
    except ContentErrors:
        return False  # refused with a position: fine, as long as it was quick
    linker = GlossaryLinker(TermMatcher(glossary_terms(playbook)), lambda page, term: f"#{term}")
    converter = markdown.Markdown(
        extensions=[
            *SITE_EXTENSIONS,
            SafetyExtension(raw_html=lambda: True),  # generated pages keep their templates' HTML
            GlossaryExtension(linker),
        ]
    )
    for page in Renderer(playbook).pages():
        page_title(page.markdown, page.path)
        converter.reset().convert(FRONT_MATTER.sub("", page.markdown, count=1))  # as MkDocs reads it
    return True


def numbered(text: str, number: int) -> str:
    """The text at the same length, told apart from its copies (plain text is cached by value)."""
    return f"{text[: -len(str(number)) - 1]} {number}"


def write_everywhere(docs: Path, text: str) -> None:
    """`text` in every kind of Markdown field: a page's text and a description, a worksheet's
    question, checklist options, and every definition of the glossary."""
    exercise = docs / "exercises/limit-the-work.yml"
    data = yaml.safe_load(exercise.read_text(encoding="utf-8"))
    data["summary"] = text
    data["steps"][0]["instructions"] = text
    data["worksheet"]["prompts"][0]["question"] = text
    exercise.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    sorting = docs / "exercises/sort-the-requests.yml"
    data = yaml.safe_load(sorting.read_text(encoding="utf-8"))
    checklist = next(p for p in data["worksheet"]["prompts"] if p["shape"] == "checklist")
    checklist["options"] = [numbered(text, n) for n in range(CHECKLIST_OPTIONS)]
    data["worksheet"].pop("example", None)  # its answers follow the options as they were
    sorting.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    glossary = next((docs / "glossary").glob("*.yml"))
    terms = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    for number, term in enumerate(terms["terms"]):
        term["definition"] = numbered(text, number)
    glossary.write_text(yaml.safe_dump(terms, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("name", sorted(WORST_MARKDOWN))
def test_a_markdown_field_at_its_longest_worst_pattern_does_not_stall(minimal_copy: Path, name: str) -> None:
    docs = minimal_copy / "docs"
    write_everywhere(docs, WORST_MARKDOWN[name])
    with runaway_guard():
        built = build_pages(docs)
    assert built == (name not in REFUSED)


def test_a_hand_written_page_s_title_is_found_in_one_pass() -> None:
    page = "# a" + " " * 200_000 + "b\n"
    with runaway_guard():
        assert page_title(page, "guides/x.md") == "a" + " " * 200_000 + "b"
