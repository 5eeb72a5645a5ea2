"""A QR code of the article's address, as inline SVG: printed handouts need a way back to the source."""

from __future__ import annotations

import functools
from html import escape


@functools.lru_cache(maxsize=256)
def qr_svg(url: str, label: str | None = None) -> str:
    """Return an accessible inline SVG QR code of ``url`` (no image file, no request to any host), or "".

    "" is for an address longer than any QR code holds (2,331 bytes at level M): the handout prints it
    all the same.

    Error correction level M survives a folded or smudged page; the size is left to CSS. segno
    picks the mask with the lowest penalty, as ISO/IEC 18004 asks: that is most of the code's
    cost (about 9 ms), so the code of each address is made once per process (a build makes an
    article's handouts in several languages and sizes).
    """
    import segno

    try:
        code = segno.make(url, error="m", micro=False)
    except segno.DataOverflowError:
        return ""
    svg = code.svg_inline(scale=1, border=4, omitsize=True)
    text = escape(label or url)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{text}" focusable="false" ', 1)
    # Browsers name the image by its aria-label; WeasyPrint gives a tagged PDF's /Figure the SVG's
    # <title> as its /Alt, which PDF/UA-1 requires of every figure.
    opened = svg.index(">") + 1
    return f"{svg[:opened]}<title>{text}</title>{svg[opened:]}"
