import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.glossary import (
    GlossaryExtension,
    GlossaryLinker,
    GlossaryTerm,
    TermMatcher,
)
from playbook.text import plain_text

TERMS = [
    GlossaryTerm("value", ("value",), "What the customer is willing to pay for."),
    GlossaryTerm(
        "value-stream", ("value stream", "value streams"), 'Every step that delivers "value" & more <to you>.'
    ),
    GlossaryTerm("wip", ("work in progress", "WIP"), "Work started and not finished."),
]


def render(text: str, page: str = "guides/note.md") -> tuple[str, GlossaryLinker]:
    linker = GlossaryLinker(TermMatcher(TERMS), lambda page, term: f"glossary.md#{term}")
    linker.start_page(page)
    html = markdown.markdown(text, extensions=[GlossaryExtension(linker), "md_in_html"])
    return html, linker


def test_the_first_use_of_a_term_links_to_its_entry_with_the_definition_as_tooltip() -> None:
    html, _ = render("Lean starts from value. More value later.")
    assert html == (
        '<p>Lean starts from <a class="pb-term" href="glossary.md#value" '
        'title="What the customer is willing to pay for.">value</a>. More value later.</p>'
    )


def test_aliases_match_in_any_case_and_keep_the_authors_spelling() -> None:
    html, _ = render("Our Value Streams cap wip.")
    assert ">Value Streams</a>" in html
    assert 'href="glossary.md#wip"' in html and ">wip</a>" in html


def test_the_longest_term_wins_over_a_shorter_one_inside_it() -> None:
    html, _ = render("Map the value stream.")
    assert 'href="glossary.md#value-stream"' in html
    assert 'href="glossary.md#value"' not in html


def test_terms_match_whole_words_only() -> None:
    html, _ = render("Evaluate the valuation of WIPs.")
    assert "<a" not in html


def test_headings_links_and_code_are_left_alone() -> None:
    html, _ = render("# Value\n\n[value](x.md) and `value` and\n\n    value\n")
    assert 'class="pb-term"' not in html


def test_a_link_written_as_raw_html_gets_no_link_inside_it() -> None:
    html, _ = render('See <a href="https://example.org/">the value stream of *our* WIP</a>, then value and WIP.')
    inside = html[html.index('<a href="https://example.org/">') : html.index("</a>")]
    assert "pb-term" not in inside
    after = html[html.index("</a>") :]
    assert 'href="glossary.md#value"' in after and 'href="glossary.md#wip"' in after


def test_a_term_is_not_linked_inside_its_own_entry() -> None:
    html, _ = render('<div data-glossary-entry="wip" markdown>\n\nWIP grows when value waits.\n\n</div>')
    assert 'href="glossary.md#wip"' not in html
    assert 'href="glossary.md#value"' in html


def test_uses_are_recorded_per_page_for_the_glossarys_backlinks() -> None:
    _, linker = render("Value and WIP.", page="exercises/x.md")
    assert dict(linker.uses) == {"value": {"exercises/x.md"}, "wip": {"exercises/x.md"}}


def test_links_inside_emphasis_and_tails_keep_the_surrounding_text() -> None:
    html, _ = render("Cut *the WIP* now, then value follows.")
    assert html == (
        '<p>Cut <em>the <a class="pb-term" href="glossary.md#wip" title="Work started and not finished.">'
        'WIP</a></em> now, then <a class="pb-term" href="glossary.md#value" '
        'title="What the customer is willing to pay for.">value</a> follows.</p>'
    )


def test_a_definitions_markdown_becomes_a_plain_tooltip() -> None:
    assert plain_text("Adds **no** `value` for the [customer](x.md).") == "Adds no value for the customer."


@pytest.mark.parametrize(
    ("markdown_text", "plain"),
    [
        ("***both***", "both"),
        ("\\*not\\*", "*not*"),
        ("*nested **strong** inside*", "nested strong inside"),
        ("2 * 3 = 6, in file_name", "2 * 3 = 6, in file_name"),
        ("A &amp; B, &lt;c&gt; and AT&T", "A & B, <c> and AT&T"),
        ("Use `<div>` or `&amp;`", "Use <div> or &amp;"),
        ("<b>raw</b> HTML as written", "<b>raw</b> HTML as written"),
        ("![a chart](chart.png) of lead time", "a chart of lead time"),
        ("First line  \nsecond line\n\n- an item\n- another", "First line second line an item another"),
        ("[the customer][who]\n\n[who]: https://example.org", "the customer"),
        ("Write to <someone@example.org>", "Write to someone@example.org"),
        ("<<a>> &lt;&lt;b&gt;&gt; &amp;&amp; </c", "<<a>> <<b>> && </c"),
    ],
)
def test_plain_text_is_what_the_reader_sees_without_the_styling(markdown_text: str, plain: str) -> None:
    assert plain_text(markdown_text) == plain


WORDS = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(WORDS, st.sampled_from(["*{}*", "_{}_", "**{}**", "__{}__", "***{}***", "`{}`", "[{}](x.md)"]))
def test_any_word_loses_its_markup_and_keeps_its_letters(word: str, markup: str) -> None:
    assert plain_text(f"Say {markup.format(word)} now") == f"Say {word} now"


@settings(max_examples=200, deadline=None)
@given(WORDS, st.sampled_from("*_`[]#"))
def test_an_escaped_character_is_shown_as_written(word: str, character: str) -> None:
    assert plain_text(f"Say \\{character}{word}\\{character} now") == f"Say {character}{word}{character} now"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 1.-+#=>*_`[]<>&!\\\t:()")), max_size=30))
def test_text_without_markdown_is_read_as_markdown_would_read_it(text: str) -> None:
    # A final line break changes nothing in Markdown but always takes the full parse: the shortcut
    # for texts with nothing to parse must give what the parse gives
    assert plain_text(text) == plain_text(text + "\n")


def test_a_long_run_of_emphasis_marks_is_read_in_one_pass() -> None:
    # The former regular expression backtracked over the whole text at each mark
    text = "*a " * 20_000
    assert plain_text(text) == " ".join(text.split())


def test_an_empty_glossary_changes_nothing() -> None:
    linker = GlossaryLinker(TermMatcher(()), lambda page, term: term)
    assert markdown.markdown("value", extensions=[GlossaryExtension(linker)]) == "<p>value</p>"


def test_a_case_sensitive_term_does_not_link_a_name_spelt_like_it() -> None:
    linker = GlossaryLinker(
        TermMatcher([GlossaryTerm("sam", ("SAM",), "Successive Approximation Model.", match_case=True)]),
        lambda page, term: f"glossary.md#{term}",
    )
    assert "<a" not in markdown.markdown("Ask Sam.", extensions=[GlossaryExtension(linker)])
    assert 'href="glossary.md#sam"' in markdown.markdown("Try SAM.", extensions=[GlossaryExtension(linker)])


def test_linking_keeps_every_word_and_element_in_its_place() -> None:
    # a link in a paragraph's own text, then one in the tail of an element followed by another
    for text in (
        "Value first. **Bold** then WIP here. **More bold** and a value stream.",
        "A value stream, *then* value, `code` and WIP, *last* words.\n\n- WIP **and** value *stream* value stream",
    ):
        linked, _ = render(text)
        unlinked = markdown.markdown(text, extensions=["md_in_html"])
        assert linked.count('class="pb-term"') >= 2
        assert re.sub(r'<a class="pb-term"[^>]*>([^<]*)</a>', r"\1", linked) == unlinked


def test_a_word_ending_in_sigma_links_whatever_else_the_page_holds() -> None:
    linker = GlossaryLinker(
        TermMatcher([GlossaryTerm("odos", ("ΟΔΟΣ",), "A road.")]), lambda page, term: f"glossary.md#{term}"
    )
    for text in ("Road ΟΔΟΣ.", "İstanbul: η οδος.", "İstanbul, then\n\nRoad ΟΔΟΣ."):
        assert 'href="glossary.md#odos"' in markdown.markdown(text, extensions=[GlossaryExtension(linker)]), text


def test_an_author_marks_the_use_in_the_glossary_sense_and_only_that_one_is_linked() -> None:
    html, _ = render("Needs value privacy, then we ask what [[value]] means to the customer. Value again.")
    assert html.count('class="pb-term"') == 1
    assert '<span class="pb-glossary-sense"><a class="pb-term" href="glossary.md#value"' in html
    assert "[[" not in html and "Needs value privacy" in html


def test_an_author_keeps_one_everyday_use_plain_and_the_next_use_is_linked() -> None:
    html, _ = render("A good [[!value]] for money. Lean value is what the customer pays for.")
    assert '<span class="pb-no-glossary">value</span> for money' in html
    assert 'Lean <a class="pb-term" href="glossary.md#value"' in html


def test_a_mark_in_code_stays_as_written() -> None:
    html, _ = render("Write `[[value]]` to mark it.")
    assert "<code>[[value]]</code>" in html


def test_addresses_and_paths_are_never_linked() -> None:
    html, _ = render(
        "See https://example.org/value/ and /exercises/value-stream/worksheet/ or www.example.org/wip today; "
        "value-added steps and WIP are linked."
    )
    assert re.findall(r'href="glossary.md#([a-z-]+)"', html) == ["value", "wip"]
    assert "https://example.org/value/" in html and "/exercises/value-stream/worksheet/" in html


def test_two_terms_side_by_side_are_not_both_linked_as_if_one() -> None:
    html, _ = render("Customers value WIP limits. Later, WIP again.")
    assert re.findall(r'<a class="pb-term"[^>]*>([^<]*)</a>', html) == ["value", "WIP"]
    assert ">value</a> WIP limits" in html, "the neighbour of a link stays plain; its next use is linked"


def test_plain_text_drops_the_glossary_marks() -> None:
    assert plain_text("A [[value]] and a [[!value]]") == "A value and a value"


def test_a_term_next_to_a_link_is_left_for_its_next_use_as_the_two_would_read_as_one() -> None:
    html, _ = render("Try the [review cycle](x.md) WIP template, then WIP [here](y.md). Later WIP again.")
    assert re.findall(r'<a class="pb-term"[^>]*>([^<]*)</a>', html) == ["WIP"]
    assert ">WIP</a> again" in html


def test_no_term_is_linked_inside_a_label_written_as_html() -> None:
    html, _ = render('A <label><input type="checkbox"> <span>the value falls</span></label> and value.')
    assert "<span>the value falls</span>" in html
    assert re.findall(r'<a class="pb-term"[^>]*>([^<]*)</a>', html) == ["value"]
    assert ">value</a>." in html
