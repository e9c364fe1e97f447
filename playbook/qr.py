"""QR codes for printed cards, as SVG drawn here: no network, no image library.

segno is a well-kept, pure-Python QR encoder with no dependencies: writing an encoder (Reed-
Solomon codes, masking, version selection) ourselves would be a thousand lines to get wrong.
"""

from __future__ import annotations

import io

import segno


def qr_svg(address: str) -> str:
    """A QR code of `address` as a standalone SVG, scaled by whatever shows it.

    Medium error correction survives a smudge or a crease; the quiet zone of four modules that
    scanners need is part of the image, so a card's layout cannot crowd it out.
    """
    code = segno.make(address, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out, kind="svg", scale=1, border=4, dark="#000", light="#fff", xmldecl=False, svgclass=None, lineclass=None
    )
    svg = out.getvalue().decode("ascii")
    size = code.symbol_size(scale=1, border=4)[0]
    # Without a viewBox, the width and height in modules would fix its printed size at a few pixels
    return svg.replace(f'width="{size}" height="{size}"', f'viewBox="0 0 {size} {size}"', 1)
