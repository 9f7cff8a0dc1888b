"""Embedded TrueType fonts for every PDF the app writes.

reportlab's core fonts (Helvetica, Times-Roman) have no Vietnamese letters,
so every PDF uses the Liberation fonts shipped in ``resources/fonts/`` (SIL
OFL 1.1; Liberation Serif is metric-compatible with Times New Roman).  TTF
fonts registered with reportlab are always embedded (subset).
"""

from __future__ import annotations

from dataclasses import dataclass

from lecturer_app.core.resources import resource_path

SERIF = "LiberationSerif"
SANS = "LiberationSans"


@dataclass(frozen=True)
class FontFamily:
    regular: str
    bold: str
    italic: str
    bold_italic: str


def _register_family(base: str) -> FontFamily:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = FontFamily(base, f"{base}-Bold", f"{base}-Italic", f"{base}-BoldItalic")
    files = {names.regular: "Regular", names.bold: "Bold", names.italic: "Italic", names.bold_italic: "BoldItalic"}
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, style in files.items():
        if name not in registered:
            path = resource_path("fonts", "liberation", f"{base}-{style}.ttf")
            pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(base, 0, 0, names.regular)
    addMapping(base, 1, 0, names.bold)
    addMapping(base, 0, 1, names.italic)
    addMapping(base, 1, 1, names.bold_italic)
    return names


def serif() -> FontFamily:
    """Liberation Serif (the Times New Roman stand-in), registered on first use."""
    return _register_family(SERIF)


def sans() -> FontFamily:
    """Liberation Sans, registered on first use."""
    return _register_family(SANS)



def pdf_options(family: FontFamily | None = None) -> dict[str, object]:
    """Keyword arguments for every reportlab DocTemplate or Canvas the app makes.

    A plain Canvas starts each page with Helvetica, which puts a non-embedded
    core font into the PDF even when no text uses it; naming an embedded
    initial font avoids that.  ``invariant`` makes the output reproducible.
    """
    chosen = family or serif()
    return {"initialFontName": chosen.regular, "invariant": 1}
