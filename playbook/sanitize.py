"""A last line of defence against script in content, as a Python-Markdown extension.

The content models already refuse what could carry script (HTML in plain text, attribute
lists, links to unsafe schemes). This tree processor makes sure of it in the rendered tree:
after attribute lists are applied, it drops event-handler attributes and any link or source
whose scheme is not http(s) or mailto, as a browser would read it.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "srcset", "poster", "xlink:href"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def is_safe_url(url: str) -> bool:
    """True for relative addresses and http(s) or mailto ones."""
    readable = _IGNORED_IN_SCHEME.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(readable)
    return match is None or match.group(1) in SAFE_SCHEMES


class SanitizeTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name, value in list(element.items()):  # a copy: attributes are deleted on the way
                lowered = name.lower()
                if (
                    lowered.startswith("on")
                    or lowered == "srcdoc"
                    or (lowered in URL_ATTRIBUTES and not is_safe_url(value))
                ):
                    del element.attrib[name]


class SanitizeExtension(Extension):
    """Runs after `attr_list` (priority 8) and before MkDocs rewrites links (priority 0)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.treeprocessors.register(SanitizeTreeprocessor(md), "playbook_sanitize", 2)
