"""The stylesheet and script every worksheet needs, shipped inside the package.

A site gets them from the plugin (or, for engines that run no plugins, from `playbook render
--out`), never from a copy kept in the site's own theme folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_PACKAGE_ASSETS = Path(__file__).parent / "assets"


@dataclass(frozen=True)
class Asset:
    site_path: str  # where it goes in the site, relative to its root
    source: Path  # the file in the installed package


STYLESHEET = Asset("assets/playbook/playbook.css", _PACKAGE_ASSETS / "playbook.css")
SCRIPT = Asset("assets/playbook/playbook.js", _PACKAGE_ASSETS / "playbook.js")
ASSETS = (STYLESHEET, SCRIPT)
# Opened from disk (the offline kit), Material's search needs its worker run in a frame.
OFFLINE_SEARCH = Asset("assets/playbook/offline-iframe-worker.js", _PACKAGE_ASSETS / "offline-iframe-worker.js")


def links_assets(html: str) -> bool:
    """Whether a built page links the worksheets' stylesheet and script (relative to wherever it sits)."""
    return all(_links(html, asset.site_path) for asset in ASSETS)


def _links(html: str, site_path: str) -> bool:
    """Whether `html` holds `href="` or `src="`, any number of `../`, then `site_path` and `"`.

    Found from the address, which is rare on a page, rather than by a pattern tried at every
    character of it: worksheet pages are checked one by one.
    """
    address = f'{site_path}"'
    end = html.find(address)
    while end >= 0:
        start = end
        while start >= 3 and html.startswith("../", start - 3):
            start -= 3
        if html.endswith(('href="', 'src="'), 0, start):
            return True
        end = html.find(address, end + 1)
    return False
