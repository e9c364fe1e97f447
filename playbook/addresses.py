"""Links between generated pages.

Paths are those of Markdown pages relative to the docs folder (`exercises/five-whys.md`), so
that links between generated pages are ordinary relative `.md` links, which MkDocs checks and
rewrites and other Markdown site tools follow.
"""

from __future__ import annotations

import posixpath
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
