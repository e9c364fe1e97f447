"""One stage of the build in one process, to count its instructions under callgrind.

Each mode loads a generated playbook and renders its pages (what the plugin's `on_files`
does), then, but for `render`, converts every generated page with Python-Markdown:

  render        load and render only
  bare          + conversion with the Markdown extensions run.py gives bare MkDocs (build `b`)
  safety        + the safety extension (attributes, tooltips, character references)
  glossary      + glossary linking, placed as the plugin places it (after the attribute pass)
  search        + Material's search parser on each converted page

A stage's cost is the difference between two modes, counted by a tool that no other load on
the machine sways. This is not a whole build: MkDocs also adds `toc` and `fenced_code`, rewrites
links and writes pages, in `a` and `b` alike; hand-written pages are left out.

    python benchmarks/generate.py /tmp/pb-150 -n 150 -g 1000
    PYTHONHASHSEED=0 valgrind --tool=callgrind .venv/bin/python benchmarks/stages.py /tmp/pb-150/docs safety
    PYTHONHASHSEED=0 valgrind --tool=callgrind .venv/bin/python benchmarks/stages.py /tmp/pb-150/docs glossary
"""

from __future__ import annotations

import argparse
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from material.plugins.search.plugin import Parser

from playbook.catalog import load_playbook
from playbook.glossary import GlossaryExtension, GlossaryLinker, TermMatcher, glossary_terms
from playbook.render import Renderer
from playbook.safety import SafetyExtension
from playbook.site import Site

MODES = ("render", "bare", "safety", "glossary", "search")
BARE_EXTENSIONS = ["attr_list", "md_in_html", "tables"]  # as run.py's BARE_MKDOCS_YML


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("docs", type=Path, help="the docs folder of a generated playbook")
    parser.add_argument("mode", choices=MODES)
    args = parser.parse_args()

    playbook = load_playbook(args.docs, root=args.docs.parent)
    pages = [
        (page.path, page.markdown) for page in Renderer(playbook, Site(url="https://example.org/playbook/")).pages()
    ]
    if args.mode == "render":
        print(f"render: {len(pages)} pages")
        return

    extensions: list[str | Extension] = list(BARE_EXTENSIONS)
    linker = None
    if args.mode != "bare":
        extensions.append(SafetyExtension())
    if args.mode in ("glossary", "search"):
        linker = GlossaryLinker(TermMatcher(glossary_terms(playbook)), lambda page, term_id: f"../glossary/#{term_id}")
        extensions.append(GlossaryExtension(linker, links_are_final=True))  # as the plugin does
    del playbook  # as the plugin does once its pages are rendered
    converter = Markdown(extensions=extensions)
    written = 0
    for path, markdown in pages:
        if linker is not None:
            linker.start_page(path)
        html = converter.reset().convert(markdown)
        written += len(html)
        if args.mode == "search":
            search = Parser()
            search.feed(html)
            search.close()
    print(f"{args.mode}: {len(pages)} pages, {written} characters of HTML")


if __name__ == "__main__":
    main()
