"""A small PDF writer: pages of text, lines, rectangles, circles and pictures, in embedded TrueType fonts.

Enough for the exam papers, keys and answer sheet, which it writes several
times faster than reportlab's platypus (and without importing it).  Output
is reproducible (fixed dates, no random id), the catalog names the language
(vi-VN) and the Info dictionary the title.  Fonts are Type0 / CIDFontType2
with Identity-H, a /W widths array, a ToUnicode map and a subset font file
(``fonts.embedded_subset``), so text extracts as the Unicode it was written
from.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from functools import lru_cache

from lecturer_app.exporters.pdf_writer.canvas import PageCanvas
from lecturer_app.exporters.pdf_writer.fonts import embedded_subset, number
from lecturer_app.exporters.pdf_writer.images import PdfImage

A4 = (595.2755905511812, 841.8897637795277)
FIXED_DATE = "D:20000101000000+00'00'"  # reproducible output, as reportlab's invariant mode
# Characters every subset holds, so papers differing only in their digits (mã đề, page numbers) share subsets.
ALWAYS = frozenset("0123456789")
# Page content compressed at level 3: a third faster than the default 6 for about a tenth more bytes.
CONTENT_LEVEL = 3


class PdfDocument:
    """Pages drawn on ``PageCanvas`` objects, written out by ``to_bytes``."""

    def __init__(self, title: str, author: str = "", lang: str = "vi-VN", size: tuple[float, float] = A4) -> None:
        self.title, self.author, self.lang, self.size = title, author, lang, size
        self.pages: list[PageCanvas] = []
        self.shown: set[tuple[tuple[str, str], ...]] = set()  # every line's (font, text) runs
        self.images: dict[bytes, tuple[str, PdfImage]] = {}

    def new_page(self) -> PageCanvas:
        page = PageCanvas(self, self.size)
        self.pages.append(page)
        return page

    def font_characters(self) -> dict[str, frozenset[str]]:
        """Each font's characters in this document (what its subset must hold), fonts in name order.

        Made from each distinct run's characters (``_characters``, cached per build): a paper shows
        the same runs as the version before it, so this unions a few hundred small sets instead of
        hashing every character of the paper again.
        """
        texts: dict[str, set[str]] = defaultdict(set)
        for runs in self.shown:
            for font, text in runs:
                texts[font].add(text)
        return {font: ALWAYS.union(*map(_characters, texts[font])) for font in sorted(texts)}

    def image_resource(self, data: bytes) -> tuple[str, PdfImage]:
        found = self.images.get(data)
        if found is None:
            found = self.images[data] = (f"Im{len(self.images) + 1}", PdfImage.from_bytes(data))
        return found

    def to_bytes(self) -> bytes:
        return _Writer(self).write()


class _Writer:
    """Numbers the objects and writes them with a cross-reference table."""

    def __init__(self, doc: PdfDocument) -> None:
        self.doc = doc
        self.objects: list[bytes] = []

    def reserve(self) -> int:
        self.objects.append(b"")
        return len(self.objects)

    def put(self, body: str | bytes, number_: int | None = None) -> int:
        data = body.encode("latin-1") if isinstance(body, str) else body
        if number_ is None:
            self.objects.append(data)
            return len(self.objects)
        self.objects[number_ - 1] = data
        return number_

    def stream(self, data: bytes, entries: str = "", compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data, CONTENT_LEVEL)
            entries += " /Filter /FlateDecode"
        return self.put(b"<< /Length %d%s >>\nstream\n" % (len(data), entries.encode("latin-1")) + data
                        + b"\nendstream")

    def write(self) -> bytes:
        doc = self.doc
        catalog, pages = self.reserve(), self.reserve()
        info = self.put(f"<< /Title {_text_string(doc.title)} /Author {_text_string(doc.author)} "
                        f"/Producer (lecturer_app) /CreationDate ({FIXED_DATE}) /ModDate ({FIXED_DATE}) >>")
        resources = self.put(self._resources())
        width, height = (number(v) for v in doc.size)
        kids = []
        for page in doc.pages:
            content = self.stream(page.content())
            kids.append(self.put(f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 {width} {height}] "
                                 f"/Resources {resources} 0 R /Contents {content} 0 R >>"))
        self.put(f"<< /Type /Pages /Count {len(kids)} /Kids [{' '.join(f'{k} 0 R' for k in kids)}] >>", pages)
        self.put(f"<< /Type /Catalog /Pages {pages} 0 R /Lang {_text_string(doc.lang)} >>", catalog)
        return self._file(catalog, info)

    def _resources(self) -> str:
        fonts = " ".join(f"/{font} {self._font(font, chars)} 0 R" for font, chars in self.doc.font_characters().items())
        images = " ".join(f"/{name} {image.write(self)} 0 R" for name, image in self.doc.images.values())
        return (f"<< /ProcSet [/PDF /Text /ImageB /ImageC /ImageI] /Font << {fonts} >> "
                f"/XObject << {images} >> >>")

    def _font(self, font: str, chars: frozenset[str]) -> int:
        """The Type0 font (CIDFontType2 descendant, descriptor, subset file, ToUnicode map) of *font*."""
        subset = embedded_subset(font, chars)
        # Both streams come compressed from the per-process subset cache.
        file_ = self.stream(subset.font_file, f" /Length1 {subset.length} /Filter /FlateDecode", compress=False)
        descriptor = self.put(subset.descriptor % file_)
        cid = self.put(subset.cid_font % descriptor)
        to_unicode = self.stream(subset.to_unicode, " /Filter /FlateDecode", compress=False)
        return self.put(subset.type0 % (cid, to_unicode))

    def _file(self, catalog: int, info: int) -> bytes:
        out = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"]
        offsets = []
        position = len(out[0])
        for index, body in enumerate(self.objects, start=1):
            chunk = b"%d 0 obj\n%s\nendobj\n" % (index, body)
            offsets.append(position)
            out.append(chunk)
            position += len(chunk)
        count = len(self.objects) + 1
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % count]
        xref += [b"%010d 00000 n \n" % offset for offset in offsets]
        out += xref
        out.append(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                   % (count, catalog, info, position))
        return b"".join(out)


@lru_cache(maxsize=16_384)  # a build shows a few thousand distinct runs; bounded for the GUI's long life
def _characters(text: str) -> frozenset[str]:
    return frozenset(text)


def _text_string(text: str) -> str:
    """A PDF text string: ASCII as a literal, anything else as UTF-16BE with its byte-order mark."""
    if text.isascii():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"
