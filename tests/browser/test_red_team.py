"""The red-team corpus: hostile text in every field of every kind and in hand-written pages.

One copy of the fixture playbook gets a payload in every text field that takes one (which
field takes which is found by validating the entry, so a field added later is covered), in a
hand-written page's body and front matter, then is built with the site's own configuration
and opened in Chromium. Every page is visited in one browser with a hook that records any
script an author wrote running (`__pwn`, dialogs) and any request leaving the site; every
element with a title is hovered and every focusable one focused. The same build shows that
plain text holding `< > & [ ] { } " '` reads exactly as written on the page, in the title bar
and in the search index.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import count
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from sheet_facts import FIXTURE, REPO

from playbook.errors import ContentErrors
from playbook.load import parse_yaml
from playbook.pdf import serve
from playbook.registry import KINDS, file_kinds
from playbook.validate import validate

SITE_NAME = "Red team"
ANY_CHARACTERS = "< > & [ ] { } \" ' &lt; &#60; *a* _b_ `c` \\ # | 🚀"

MARKDOWN_PAYLOADS = [
    "See [the guide](https://example.org/ 'x <img src=x onerror=__pwn({n})>') here.",
    'A <img src=x onerror="__pwn({n})"> and <iframe srcdoc="<script>parent.__pwn({n})</script>"></iframe>',
    "&lt;img src=x onerror=__pwn({n})&gt; and &#60;img src=x onerror=__pwn({n})&#62;",
    "| a |\n|---|\n| <img src=x onerror=__pwn({n})> |",
    '[x](https://example.org/ "t\\" onmouseover=\\"__pwn({n})")',
    '<a href="javascript:__pwn({n})">x</a> ![i](https://evil.example/{n}.png) <script>__pwn({n})</script>',
    "> [r]: javascript:__pwn({n})\n\n[click][r]",
    "[y](https://example.org/)<svg onload=__pwn({n})> <style>*{{display:none}}</style>",
    '[t](https://example.org/ "t"){{: TITLE="&lt;img src=x onerror=__pwn({n})&gt;" }} '
    'and *u*{{: Title="&lt;img src=x onerror=__pwn({n})&gt;" }}',
]
URL_PAYLOADS = [
    "https://example.org/?a){{:style=position:fixed;inset:0;z-index:99999}}{n}",
    "https://example.org/?a){{: ping=https://evil.example/{n} }}",
    "https://example.org/?a)![x](https://evil.example/{n}.png)",
]


def plain_payload(n: int) -> str:
    """Any character, and a breakout attempt: shown exactly as written, wherever it goes."""
    return f'P{n}: {ANY_CHARACTERS} "><img src=x onerror=__pwn({n})></title><script>__pwn({n})</script>'


def _accepts(model: type, data: object) -> bool:
    try:
        validate(parse_yaml(yaml.safe_dump(data, allow_unicode=True), "x.yml"), model)
    except ContentErrors:
        return False
    return True


def _leaves(node: object, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    elif isinstance(node, str):
        yield path


def _set(node: object, path: tuple, value: str) -> None:
    for key in path[:-1]:
        node = node[key]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]


def hostile_entry(model: type, data: dict, numbers: Iterator[int], plain: dict[int, str]) -> dict:
    """The entry with a payload in every string that takes one: Markdown, plain text or address."""
    for path in list(_leaves(data)):
        original = data
        for key in path:
            original = original[key]  # type: ignore[index]
        n = next(numbers)
        _set(data, path, "two\n\nparagraphs")  # what Markdown takes and plain text does not
        candidates = (
            [MARKDOWN_PAYLOADS[n % len(MARKDOWN_PAYLOADS)].format(n=n)]
            if _accepts(model, data)
            else [plain_payload(n), URL_PAYLOADS[n % len(URL_PAYLOADS)].format(n=n)]
        )
        for value in candidates:
            _set(data, path, value)
            if _accepts(model, data):
                if value.startswith(f"P{n}: "):
                    plain[n] = value
                break
        else:
            _set(data, path, original)  # type: ignore[arg-type]
    return data


HANDWRITTEN = """---
title: '"><img src=x onerror=__pwn(9001)> {any}'
description: '"><img src=x onerror=__pwn(9002)>'
tags: ['"><img src=x onerror=__pwn(9003)>']
---

# A guide with raw HTML

<script>__pwn(9004)</script>

<img src=x onerror="__pwn(9005)"> <a href="javascript:__pwn(9006)">x</a>

[link](https://example.org/ "<img src=x onerror=__pwn(9007)>") and *x*{{ onclick=__pwn(9008) hidden }}

> [r]: javascript:__pwn(9009)

[click][r] ![remote](https://evil.example/9010.png)
"""


@pytest.fixture(scope="module")
def red_team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, dict[int, str]]]:
    folder = tmp_path_factory.mktemp("red-team")
    docs = folder / "docs"
    shutil.copytree(FIXTURE / "docs", docs)
    numbers = count(1)
    plain: dict[int, str] = {}
    for file_kind in file_kinds():
        for file in sorted((docs / file_kind.folder).glob("*.yml")):
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            hostile = hostile_entry(file_kind.model, data, numbers, plain)
            file.write_text(yaml.safe_dump(hostile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (docs / "guides" / "hostile.md").write_text(HANDWRITTEN.format(any=ANY_CHARACTERS.replace("'", "''")))
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\nsite_name: {SITE_NAME}\nsite_url: https://example.org/playbook/\n"
        f"docs_dir: {docs}\ntheme:\n  name: material\n  custom_dir: {REPO / 'overrides'}\n",
        encoding="utf-8",
    )
    site = folder / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert len(plain) > 20, "the plain-text fields were not found"
    with serve(site) as base:
        yield site, base, plain


HOOK = """
window.__pwned = [];
window.__pwn = (n) => window.__pwned.push(String(n));
for (const name of ["alert", "confirm", "prompt"]) window[name] = (x) => window.__pwned.push(name + ":" + x);
"""


EVERY_ELEMENT_HOVERED_AND_FOCUSED = """() => {
  for (const element of document.querySelectorAll("body *")) {
    for (const type of ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove"]) {
      element.dispatchEvent(new MouseEvent(type, {bubbles: type.endsWith("over")}));
    }
    if (typeof element.focus === "function") element.focus();
  }
}"""


def test_no_author_script_runs_and_no_request_leaves_the_site(
    chromium: Path, browser, red_team: tuple[Path, str, dict[int, str]]
) -> None:
    site, base, _ = red_team
    host = urlsplit(base).hostname
    context = browser.new_context()
    context.add_init_script(HOOK)
    tab = context.new_page()
    outside: list[str] = []

    def keep_local(route) -> None:
        request_host = urlsplit(route.request.url).hostname
        if request_host == host or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab.route("**/*", keep_local)
    tab.on("dialog", lambda dialog: (outside.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    ran: dict[str, list[str]] = {}
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    assert len(pages) > 10
    for path in pages:
        tab.goto(base + ("" if path == "." else path + "/"), wait_until="load")
        for element in tab.query_selector_all("[title], abbr"):  # the theme's tooltips: a real pointer
            if element.is_visible():
                element.hover(force=True, timeout=2000)
        tab.evaluate(EVERY_ELEMENT_HOVERED_AND_FOCUSED)
        tab.wait_for_timeout(50)
        assert tab.evaluate("typeof window.__pwn") == "function", "the hook is in place"
        pwned = tab.evaluate("window.__pwned")
        if pwned:
            ran[path] = pwned
    context.close()
    assert ran == {}
    assert outside == []


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.skip += tag in ("script", "style", "title")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style", "title") and self.skip > 0

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def test_plain_text_reads_exactly_as_written_on_the_page_in_the_title_bar_and_in_search(
    red_team: tuple[Path, str, dict[int, str]],
) -> None:
    site, _, plain = red_team
    texts = {p: page_text(p) for p in site.rglob("*.html")}
    missing = [value for value in plain.values() if not any(value in text for text in texts.values())]
    assert missing == []

    titles = {
        html.unescape(m.group(1)).removesuffix(f" - {SITE_NAME}")
        for p in texts
        for m in [re.search(r"<title>(.*?)</title>", p.read_text(encoding="utf-8"), re.DOTALL)]
        if m
    }
    page_titles = [value for value in plain.values() if value in titles]
    assert len(page_titles) >= 4  # the titles of the exercises, the template and the programme
    assert any(title.startswith('"><img src=x onerror=__pwn(9001)> ' + ANY_CHARACTERS) for title in titles)

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    searched = {html.unescape(re.sub(r"<[^>]+>", "", doc["title"])) for doc in index["docs"]}
    kinds = [kind.title for kind in KINDS]  # an entry's heading names its kind first: "Exercise: <title>"
    unsearched = [t for t in page_titles if t not in searched and not any(f"{k}: {t}" in searched for k in kinds)]
    assert unsearched == []
