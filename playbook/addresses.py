"""Where pages are: links between them, and their addresses on the published site.

Paths are those of Markdown pages relative to the docs folder (`exercises/five-whys.md`), so
that links between generated pages are ordinary relative `.md` links, which MkDocs checks and
rewrites and other Markdown site tools follow.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache


def relative(from_page: str, to_page: str) -> str:
    """A link from one Markdown page to another, relative to the first one's folder."""
    anchor = ""
    if "#" in to_page:
        to_page, anchor = to_page.split("#", 1)
        anchor = "#" + anchor
    return _relpath(to_page, posixpath.dirname(from_page) or ".") + anchor


@lru_cache(maxsize=65536)
def _relpath(path: str, start: str) -> str:
    # relpath makes both paths absolute (a getcwd() each); a build asks the same pairs again and again
    return posixpath.relpath(path, start)


@dataclass(frozen=True)
class Site:
    """What pages need to know of the site they will be published on."""

    url: str = ""  # the published base address, printed on worksheets; "" when unknown

    def address(self, page: str) -> str:
        path = page.removesuffix(".md").removesuffix("index").rstrip("/")
        path = f"{path}/" if path else ""
        return f"{self.url.rstrip('/')}/{path}" if self.url else f"/{path}"
