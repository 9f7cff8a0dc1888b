"""Embedded TrueType fonts for every PDF the app writes.

reportlab's core fonts (Helvetica, Times-Roman) have no Vietnamese letters,
so every PDF uses the Liberation fonts shipped in ``resources/fonts/`` (SIL
OFL 1.1; Liberation Serif is metric-compatible with Times New Roman).  TTF
fonts registered with reportlab are always embedded (subset).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lecturer_app.core.resources import resource_path

SERIF = "LiberationSerif"
SANS = "LiberationSans"


@dataclass(frozen=True, eq=False)  # nothing compares or hashes two: a fresh build compiles no __eq__, __hash__
class FontFamily:
    """The four face names of one font family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


def family_names(base: str = SERIF) -> FontFamily:
    """The four face names of *base*, without registering them with reportlab (``pdf_writer`` reads them)."""
    return FontFamily(base, f"{base}-Bold", f"{base}-Italic", f"{base}-BoldItalic")


def _register_family(base: str) -> FontFamily:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    names = family_names(base)
    files = {names.regular: "Regular", names.bold: "Bold", names.italic: "Italic", names.bold_italic: "BoldItalic"}
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, style in files.items():
        if name not in registered:
            path = resource_path("fonts", "liberation", f"{base}-{style}.ttf")
            pdfmetrics.registerFont(_subset_caching_font_class()(name, str(path)))
    addMapping(base, 0, 0, names.regular)
    addMapping(base, 1, 0, names.bold)
    addMapping(base, 0, 1, names.italic)
    addMapping(base, 1, 1, names.bold_italic)
    return names


# Subsets remembered per font; a build's PDFs share a handful, so this only bounds odd cases.
SUBSET_CACHE_SIZE = 64


@lru_cache(maxsize=1)
def _subset_caching_font_class():
    """``TTFont`` that reuses the compressed font file, ToUnicode map and widths of a subset it has embedded.

    Made on first use so that reportlab is imported only when a PDF is written.
    ``addObjects`` follows reportlab's own (ttfonts.TTFont.addObjects and
    TTFontFace.addSubsetObjects) object for object; only the bytes of a
    subset already seen are taken from the cache instead of being rebuilt.
    """
    import zlib

    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.ttfonts import (
        FF_NONSYMBOLIC,
        FF_SYMBOLIC,
        SUBSETN,
        TTFont,
        makeToUnicodeCMap,
    )

    def flate_stream(data: bytes, **entries) -> object:
        stream = pdfdoc.PDFStream(content=data)
        for key, value in entries.items():
            stream.dictionary[key] = value
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        return stream

    class SubsetCachingTTFont(TTFont):
        def _subset_bytes(self, base_name: str, subset: list[int]) -> tuple[bytes, bytes, bytes, int]:
            """(widths array, compressed ToUnicode map, compressed font file, font file length)."""
            cache = self.__dict__.setdefault("_subset_cache", {})
            key = (base_name, tuple(subset))
            found = cache.get(key)
            if found is None:
                if len(cache) >= SUBSET_CACHE_SIZE:
                    cache.clear()
                widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset))).format(None)
                cmap = zlib.compress(makeToUnicodeCMap(base_name, subset).encode("utf8"))
                font_file = self.face.makeSubset(subset)
                found = cache[key] = (widths, cmap, zlib.compress(font_file), len(font_file))
            return found

        def addObjects(self, doc):  # noqa: N802 - reportlab API
            if not doc.compression:
                return super().addObjects(doc)
            state = self._assignState(doc)
            state.frozen = 1
            for n, subset in enumerate(state.subsets):
                self._add_subset(doc, n, subset)
            del self.state[doc]

        def _add_subset(self, doc, n: int, subset: list[int]) -> None:
            face = self.face
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_name = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            widths, cmap, font_file, length = self._subset_bytes(base_name, subset)
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name, font.BaseFont = internal_name, base_name
            font.FirstChar, font.LastChar, font.Widths = 0, len(subset) - 1, widths
            font.ToUnicode = doc.Reference(flate_stream(cmap), "toUnicodeCMap:" + base_name)
            file_ref = doc.Reference(flate_stream(font_file, Length1=length),
                                     f"fontFile:{face.filename}({base_name})")
            descriptor = pdfdoc.PDFDictionary({
                "Type": "/FontDescriptor", "Ascent": face.ascent, "CapHeight": face.capHeight,
                "Descent": face.descent, "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(face.bbox), "FontName": pdfdoc.PDFName(base_name),
                "ItalicAngle": face.italicAngle, "StemV": face.stemV, "FontFile2": file_ref,
                "MissingWidth": face.defaultWidth})
            font.FontDescriptor = doc.Reference(descriptor, "fontDescriptor:" + base_name)
            doc.Reference(font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = font

    return SubsetCachingTTFont


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
