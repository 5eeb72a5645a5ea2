"""Handouts as PDF with WeasyPrint: PDF/UA-1, so the file is tagged for screen readers.

The pdf/ua-1 variant tags the structure and sets /Lang (from the html lang) and /Title (from the
HTML title, shown as the window title); WeasyPrint embeds subsets of the fonts it draws with, and
the templates choose Noto fonts per language. WeasyPrint is an optional dependency (the ``pdf``
extra): ``score`` and ``check`` never import it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from simplify.errors import SimplifyError

PDF_VARIANT = "pdf/ua-1"


@cache
def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError as exc:  # the extra is not installed, or its system libraries are missing
        raise SimplifyError(
            f"PDF handouts need WeasyPrint: pip install 'simplify[pdf]' ({type(exc).__name__}: {exc})"
        ) from None
    return weasyprint


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def html_to_pdf(html: str) -> bytes:
    """Return the PDF of a self-contained handout page (no address is ever fetched)."""
    weasyprint = _weasyprint()

    def no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        raise ValueError(f"a handout fetches nothing: {url[:60]}")

    document = weasyprint.HTML(string=html, url_fetcher=no_fetch)
    pdf: bytes = document.write_pdf(
        pdf_variant=PDF_VARIANT, font_config=_font_config(), custom_metadata=True, uncompressed_pdf=False
    )
    return pdf
