"""The site navigation, generated and grouped so that no section grows without bound.

Material renders the navigation into every page; a flat list of thousands of entries makes
the build quadratic. Generated sections are split into groups of at most `section_size`
entries, and worksheets and packs stay out of the navigation (their guides link to them).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from itertools import groupby

from playbook.render import Page

NavItem = str | dict[str, "str | list[NavItem]"]

SECTIONS = (
    ("exercises", "Exercises"),
    ("wastes", "Wastes"),
    ("pdsa", "PDSA templates"),
    ("programmes", "Programmes"),
    ("glossary", "Glossary"),
)


def navigation(handwritten: Iterable[str], pages: Iterable[Page], section_size: int) -> list[NavItem]:
    """The whole navigation: home, hand-written folders, then each generated section."""
    handwritten = sorted(handwritten)
    generated = [page for page in pages if page.in_nav]
    nav: list[NavItem] = []
    if "index.md" in handwritten:
        nav.append({"Home": "index.md"})
    nav.extend(p for p in handwritten if "/" not in p and p not in ("index.md", "tags.md"))
    generated_folders = {folder for folder, _ in SECTIONS}
    folders = sorted({p.split("/", 1)[0] for p in handwritten if "/" in p} - generated_folders)
    for folder in folders:
        nav.append({_folder_title(folder): [p for p in handwritten if p.startswith(folder + "/")]})
    other_folders = {p.path.split("/", 1)[0] for p in generated if "/" in p.path} - generated_folders
    for folder, title in (*SECTIONS, *((f, _folder_title(f)) for f in sorted(other_folders))):
        entries = [page for page in generated if page.path.split("/", 1)[0] == folder]
        entries += [page for page in handwritten if page.startswith(folder + "/")]  # type: ignore[misc]
        if entries:
            nav.append({title: _section(folder, entries, section_size)})
    if "tags.md" in handwritten:
        nav.append({"Tags": "tags.md"})
    return nav


def _section(folder: str, entries: list[Page | str], size: int) -> list[NavItem]:
    """A section: its index page first, then its entries, in groups and chunks of `size`."""
    index = f"{folder}/index.md"
    items: list[NavItem] = []
    rest: list[Page | str] = []
    for entry in entries:
        if (entry.path if isinstance(entry, Page) else entry) == index:
            items.append(index)
        else:
            rest.append(entry)
    for group, members in groupby(rest, key=lambda e: e.group if isinstance(e, Page) else None):
        links: list[NavItem] = [{e.title: e.path} if isinstance(e, Page) else e for e in members]
        if group is None:
            items.extend(_chunks(links, size, "Pages"))
        else:
            items.append({group: _chunks(links, size, group)})
    return items


def _chunks(items: list[NavItem], size: int, title: str) -> list[NavItem]:
    if len(items) <= size:
        return items
    return [
        {f"{title} {start + 1} to {min(start + size, len(items))}": items[start : start + size]}
        for start in range(0, len(items), size)
    ]


def _folder_title(folder: str) -> str:
    return posixpath.basename(folder).replace("-", " ").capitalize()
