"""Whether a built page links the worksheets' stylesheet and script, wherever the page sits."""

from __future__ import annotations

import pytest

from playbook.assets import links_assets

CSS = "assets/playbook/playbook.css"
JS = "assets/playbook/playbook.js"


@pytest.mark.parametrize(
    "html",
    [
        f'<link rel="stylesheet" href="{CSS}"><script src="{JS}" defer></script>',
        f'<link href="../../{CSS}"><script src="../../../{JS}"></script>',
        f'<script src="../{JS}"></script><link href="../{CSS}">',
        # a first mention that is no link does not hide the link after it
        f'<p>{CSS}"</p><a href="x/{CSS}">no</a><link href="{CSS}"><script src="{JS}"></script>',
    ],
)
def test_a_page_linking_both_assets_from_any_depth_links_them(html: str) -> None:
    assert links_assets(html)


@pytest.mark.parametrize(
    "html",
    [
        "",
        f'<link href="{CSS}">',  # the script missing
        f'<script src="{JS}"></script>',  # the stylesheet missing
        f'<link href="x/{CSS}"><script src="{JS}"></script>',  # another folder's file of that name
        f'<link href=".../{CSS}"><script src="{JS}"></script>',
        f'<link data-href="{CSS}x"><script src="{JS}"></script>',
        f'<link href="{CSS}.map"><script src="{JS}"></script>',
        f'<p>{CSS}" and {JS}" named in the text</p>',
        f'{CSS}"<script src="{JS}"></script><a href="../',  # at the very start, no `../` is read from the end
    ],
)
def test_a_page_missing_either_asset_or_naming_it_in_another_address_does_not_link_them(html: str) -> None:
    assert not links_assets(html)
