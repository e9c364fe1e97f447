"""What pages need to know of the site they are published on, and its owner's choices."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from urllib.parse import quote

from playbook.catalog import Ref
from playbook.registry import kind

DISCUSSION_FIELDS = {
    "kind": "the kind of entry: exercise, pdsa, programme or waste",
    "id": "the entry's id, its file name",
    "title": "the entry's title",
    "url": "the entry's page on the published site",
}


def discussion_template_problem(template: str) -> str | None:
    """What is wrong with a discussion link template, or None if it can make links."""
    if not template.startswith(("https://", "http://")):
        return "must be an http(s) address"
    if re.search(r'[\s<>"]', template):
        return "may not hold spaces, quotes or angle brackets (write them percent-encoded, e.g. %20)"
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]
    except ValueError as error:
        return f"is not a valid template ({error}); write a literal brace as {{{{ or }}}}"
    unknown = sorted({field for field in fields if field not in DISCUSSION_FIELDS})
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in DISCUSSION_FIELDS)
        return (
            f"has unknown field{'s' if len(unknown) > 1 else ''} {', '.join(f'{{{u}}}' for u in unknown)}; use {known}"
        )
    return None


@dataclass(frozen=True)
class Licence:
    """The content's licence, printed on every sheet so that a copy says what may be done with it."""

    name: str  # e.g. "CC BY-SA 4.0"
    url: str = ""  # where its terms are, linked from sheets on screen


@dataclass(frozen=True)
class Site:
    """What pages need to know of the site they will be published on, and its owner's choices."""

    url: str = ""  # the published base address, printed on worksheets; "" when unknown
    licence: Licence | None = None  # printed on every sheet; None prints none
    discussion: str = ""  # a link template per entry (see DISCUSSION_FIELDS); "" for none
    reference_page: bool = True  # the field reference, for authors
    tags: bool = True  # entries' tags, in their front matter (for Material's tags plugin)
    tags_in_text: bool = False  # ...and written on the page, where no plugin shows them
    raw_html_pages: frozenset[str] = frozenset()  # hand-written pages whose raw HTML is kept

    def address(self, page: str) -> str:
        path = page.removesuffix(".md").removesuffix("index").rstrip("/")
        path = f"{path}/" if path else ""
        return f"{self.url.rstrip('/')}/{path}" if self.url else f"/{path}"

    def discussion_link(self, ref: Ref, title: str, page: str) -> dict[str, str] | None:
        """The link to where an entry is discussed, each field quoted for a URL; None without discussion."""
        discussed_as = kind(ref.kind).discussed_as
        if not self.discussion or discussed_as is None:
            return None
        values = {"kind": ref.kind, "id": ref.id, "title": title, "url": self.address(page)}
        href = self.discussion.format_map({name: quote(value, safe="") for name, value in values.items()})
        return {"href": href, "text": f"Discuss this {discussed_as}"}
