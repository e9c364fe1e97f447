"""The site navigation, generated and grouped so that no section grows without bound.

Material renders the navigation into every page; a flat list of thousands of entries makes
the build quadratic. Generated sections are split into groups of at most `section_size`
entries, and worksheets and packs stay out of the navigation (their guides link to them).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from playbook.registry import sections
from playbook.views import Page

NavItem = str | dict[str, "str | list[NavItem]"]
HOME_PAGE, HOME_TITLE = "index.md", "Home"  # the hand-written home page, first in the navigation


@dataclass(frozen=True)
class _Entry:
    """A page of a section, generated or written by hand, as the navigation lists it."""

    path: str
    link: NavItem  # `{title: path}`, or the path of a hand-written page, whose title MkDocs finds
    group: str | None = None

    @classmethod
    def generated(cls, page: Page) -> _Entry:
        return cls(page.path, {page.title: page.path}, page.group)


def navigation(handwritten: Iterable[str], pages: Iterable[Page], section_size: int) -> list[NavItem]:
    """The whole navigation: home, each generated section, hand-written folders, then the rest."""
    top = sorted(p for p in handwritten if "/" not in p)
    nested = sorted(p for p in handwritten if "/" in p)
    listed = [page for page in pages if page.in_nav]
    generated = sections()
    nav: list[NavItem] = [{HOME_TITLE: HOME_PAGE}] if HOME_PAGE in top else []
    nav.extend(p for p in top if p not in (HOME_PAGE, "tags.md"))
    # The playbook's own sections come first, so that a reader's "Next" from the home page leads
    # into it; then the readers' hand-written folders (guides); last, the folders that also hold
    # generated pages outside the kinds (the contributors' guide with the field reference), so
    # that what authors need stays out of the readers' way.
    for folder, title in generated.items():
        entries = [_Entry.generated(page) for page in listed if _folder(page.path) == folder]
        entries += [_Entry(path, path) for path in nested if _folder(path) == folder]
        if entries:
            nav.append({title: _section(folder, entries, section_size)})
    others = sorted({_folder(page.path) for page in listed if "/" in page.path} - set(generated))
    for folder in sorted({_folder(p) for p in nested} - set(generated) - set(others)):
        nav.append({_folder_title(folder): [p for p in nested if _folder(p) == folder]})
    for folder in others:
        entries = [_Entry(path, path) for path in nested if _folder(path) == folder]
        entries += [_Entry.generated(page) for page in listed if _folder(page.path) == folder]
        nav.append({_folder_title(folder): _section(folder, entries, section_size)})
    if "tags.md" in top:
        nav.append({"Tags": "tags.md"})
    return nav


def _section(folder: str, entries: list[_Entry], size: int) -> list[NavItem]:
    """A section: its index page first, then its entries, in groups and chunks of `size`."""
    index = f"{folder}/index.md"
    items: list[NavItem] = [index for entry in entries if entry.path == index]
    rest = [entry for entry in entries if entry.path != index]
    for group, members in groupby(rest, key=lambda entry: entry.group):
        links = [entry.link for entry in members]
        if group is None:
            items.extend(_chunks(links, size, "Pages"))
        else:
            items.append({group: _chunks(links, size, group)})
    return items


def _folder(path: str) -> str:
    return path.split("/", 1)[0]


def _chunks(items: list[NavItem], size: int, title: str) -> list[NavItem]:
    if len(items) <= size:
        return items
    return [
        {f"{title} {start + 1} to {min(start + size, len(items))}": items[start : start + size]}
        for start in range(0, len(items), size)
    ]


def _folder_title(folder: str) -> str:
    return posixpath.basename(folder).replace("-", " ").capitalize()
