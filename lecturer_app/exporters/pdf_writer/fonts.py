"""The shipped Liberation fonts by the names the exam PDFs use, and the encoding of text in them.

Text is shown with Identity-H: two bytes per glyph, the glyph id, so a
string's bytes never depend on which other characters a document prints.
Encoded strings and font subsets are cached per process: every version of a
build prints the same words and uses the same glyphs.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

from lecturer_app.core.resources import resource_path
from lecturer_app.exporters.pdf_writer.truetype import TrueTypeFont, load_font

# Subsets remembered; a build's PDFs share a handful, so this only bounds odd cases.
SUBSET_CACHE_SIZE = 64


@lru_cache(maxsize=16)
def font_named(name: str) -> TrueTypeFont:
    """"LiberationSerif", "LiberationSerif-Bold", … → the shipped file, read once (its path looked up once too)."""
    base, _, style = name.partition("-")
    return load_font(resource_path("fonts", "liberation", f"{base}-{style or 'Regular'}.ttf"))


@lru_cache(maxsize=4096)
def string_width(text: str, font: str, size: float) -> float:
    """Width of *text* in points (reportlab's ``stringWidth`` to the bit)."""
    return font_named(font).string_width(text, size)


@lru_cache(maxsize=100_000)
def encoded(font: str, text: str) -> str:
    """*text* as the hexadecimal glyph ids a ``Tj`` shows in *font* (a missing character shows .notdef)."""
    return text.translate(font_named(font).glyph_hex)


@lru_cache(maxsize=SUBSET_CACHE_SIZE)
def embedded_subset(font: str, chars: frozenset[str]) -> EmbeddedSubset:
    """The compressed subset, ToUnicode map and font dictionaries of *font* for *chars*, made once per set."""
    face = font_named(font)
    to_glyph: dict[int, str] = {}
    for char in sorted(chars):
        to_glyph.setdefault(face.glyph(char), char)  # the first character of a shared glyph names it
    font_file = face.subset(frozenset(to_glyph))
    tag = "".join(chr(65 + (zlib.crc32(repr(sorted(to_glyph.items())).encode()) >> (5 * i)) % 26) for i in range(6))
    return EmbeddedSubset(f"{tag}+{face.postscript_name}", face, sorted(to_glyph), zlib.compress(font_file),
                          len(font_file), zlib.compress(_to_unicode(to_glyph)))


class EmbeddedSubset:
    """What a PDF's font objects hold for one subset: bytes, and bodies with %d for the objects they refer to."""

    def __init__(self, name: str, face: TrueTypeFont, gids: list[int], font_file: bytes, length: int,
                 to_unicode: bytes) -> None:
        self.name, self.font_file, self.length, self.to_unicode = name, font_file, length, to_unicode
        d, default = face.descriptor, number(face.default_width)
        self.descriptor = (
            f"<< /Type /FontDescriptor /FontName /{name} /Flags {d.flags} "
            f"/FontBBox [{' '.join(number(v) for v in d.bbox)}] /ItalicAngle {number(d.italic_angle)} "
            f"/Ascent {number(d.ascent)} /Descent {number(d.descent)} /CapHeight {number(d.cap_height)} "
            f"/StemV {d.stem_v} /MissingWidth {default} /FontFile2 %d 0 R >>")
        self.cid_font = (f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                         f"/FontDescriptor %d 0 R /DW {default} /W {_widths(face, gids)} /CIDToGIDMap /Identity >>")
        self.type0 = (f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
                      "/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>")


@lru_cache(maxsize=16_384)
def number(value: float) -> str:
    """A PDF number: at most three decimals, no trailing zeros."""
    if value == int(value):
        return str(int(value))
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _widths(face: TrueTypeFont, gids: list[int]) -> str:
    """The /W array: runs of consecutive glyph ids with their advances."""
    out: list[str] = []
    run: list[str] = []
    start = previous = -2
    for gid in gids:
        if gid != previous + 1 and run:
            out.append(f"{start} [{' '.join(run)}]")
            run = []
        if not run:
            start = gid
        run.append(number(face.glyph_advance(gid)))
        previous = gid
    if run:
        out.append(f"{start} [{' '.join(run)}]")
    return "[" + " ".join(out) + "]"


def _to_unicode(to_glyph: dict[int, str]) -> bytes:
    """A ToUnicode CMap: glyph id → the character it prints (UTF-16BE)."""
    entries = [f"<{gid:04X}> <{char.encode('utf-16-be').hex().upper()}>" for gid, char in sorted(to_glyph.items())]
    chunks = [entries[i:i + 100] for i in range(0, len(entries), 100)]
    body = "".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar\n" for c in chunks)
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + body +
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode("ascii")
