"""A second reader for the PDFs the app writes: PDFium (Chrome's and Edge's PDF engine, Foxit's lineage) beside poppler.

Most lecturers open the papers, keys and plans in Foxit Reader, Chrome/Edge or
Acrobat; the other tests read the files with poppler only.  ``compare``
opens a PDF with both and lists what PDFium shows differently (``read_alike``
asserts there is nothing, and that given strings are shown):

* the page count (``pdfinfo`` against PDFium's);
* each page's words: ``pdftotext -raw`` against PDFium's text page, NFC, as
  multisets (word order and line breaks may differ between the two);
* every text object's font is embedded, as PDFium sees it;
* each page drawn at ``DPI`` in gray, PDFium against ``pdftoppm``, pixel for
  pixel with the page mapped alike (``_pdfium_render``): ink drawn by one
  reader with no ink within a pixel of it in the other is an error pixel, and
  no band of the page ``BAND`` pixels tall may hold more than ``ERRORS_ALLOWED``
  + ``ERROR_SHARE`` of its ink.  Anti-aliasing and hinting move edges by under
  a pixel and change how dark thin lines are, which this ignores; a missing
  font, missing glyphs (blank text or .notdef boxes), a line left out, a
  wrong page size or a layout shifted by a millimetre are not ignored
  (``tests/exporters/test_pdfium_reads_documents.py`` proves each on purpose).

PDFium is given no system fonts (``_NoSystemFonts``): on this machine it
would otherwise find Liberation in /usr/share/fonts and hide a broken
embedded font by drawing the installed one, which a lecturer's Windows has not.
PDFium keeps one font lookup per process, so this is set once, on first use,
for the whole test run (nothing else in the tests opens PDFium).
"""

from __future__ import annotations

import math
import subprocess
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageFilter
from pypdfium2 import PdfSysfontBase

DPI = 100
BAND = 40            # pixels: about two lines of 11-12 pt text at DPI
INK = 128            # a gray level at least this dark (0 = white … 255 = black, as ink) is ink
NO_INK = 40          # … and this light counts as no ink at all
ERRORS_ALLOWED = 40  # error pixels any band may hold (a dot or two hinted differently; a word is over 100)
ERROR_SHARE = 0.02   # … plus this share of the band's ink


class _NoSystemFonts(PdfSysfontBase):
    """PDFium's system font lookup answering "none": only the PDF's embedded fonts (or PDFium's built-in Latin
    substitutes, visibly wrong for Vietnamese) can draw its text."""

    def EnumFonts(self, _, mapper):  # noqa: N802 - PDFium's callback names
        return None

    def MapFont(self, _, *args):  # noqa: N802
        return None

    def GetFont(self, _, face):  # noqa: N802
        return None


@lru_cache(maxsize=1)  # once per process: PDFium's font lookup is the library's, not a document's
def _without_system_fonts() -> bool:
    _NoSystemFonts().setup()
    return True


@dataclass(frozen=True)
class PdfiumPage:
    """What PDFium makes of one page: its text, the fonts it found unembedded, and the page drawn at DPI."""

    text: str
    unembedded: tuple[str, ...]
    image: Image.Image


def pdfium_pages(pdf: Path) -> list[PdfiumPage]:
    """Each page of *pdf* as PDFium reads it (drawn at DPI)."""
    _without_system_fonts()
    document = pdfium.PdfDocument(str(pdf))
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            pages.append(PdfiumPage(_page_text(page), _unembedded(page), _pdfium_render(page, _size_at_dpi(page))))
        return pages
    finally:
        document.close()


def _size_at_dpi(page: pdfium.PdfPage) -> tuple[int, int]:
    """The page's size in pixels at DPI, rounded up as ``pdftoppm`` does."""
    width, height = page.get_size()
    return math.ceil(width * DPI / 72 - 1e-6), math.ceil(height * DPI / 72 - 1e-6)


def _page_text(page: pdfium.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range()
    finally:
        textpage.close()


def _unembedded(page: pdfium.PdfPage) -> tuple[str, ...]:
    names = set()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
        font = obj.get_font()
        if not font.is_embedded:
            names.add(font.get_base_name())
    return tuple(sorted(names))


def _pdfium_render(page: pdfium.PdfPage, size: tuple[int, int]) -> Image.Image:
    """The page at DPI in gray, mapped as poppler maps it (scale DPI/72 from the top-left corner).

    Not ``PdfPage.render``: it stretches the page onto a whole number of pixels, which moves the bottom
    of an A4 page by 0.7 pixel against poppler's drawing.
    """
    width, height = size
    bitmap = pdfium.PdfBitmap.new_native(width, height, format=pdfium_c.FPDFBitmap_Gray)
    bitmap.fill_rect((255, 255, 255, 255), 0, 0, width, height)
    scale = DPI / 72
    pdfium_c.FPDF_RenderPageBitmapWithMatrix(bitmap, page, pdfium_c.FS_MATRIX(scale, 0, 0, scale, 0, 0),
                                             pdfium_c.FS_RECTF(0, 0, width, height),
                                             pdfium_c.FPDF_GRAYSCALE | pdfium_c.FPDF_ANNOT)
    return bitmap.to_pil().convert("L")


def poppler_page_count(pdf: Path) -> int:
    info = _run("pdfinfo", str(pdf)).decode()
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def poppler_texts(pdf: Path) -> list[str]:
    """Each page's text in content order (``-raw``: no hyphen at a line end joins two words)."""
    return _run("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-").decode("utf-8").split("\f")[:-1]


def poppler_renders(pdf: Path) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as folder:
        _run("pdftoppm", "-r", str(DPI), "-gray", str(pdf), f"{folder}/p")
        pages = []
        for path in sorted(Path(folder).iterdir(), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            with Image.open(path) as image:
                pages.append(image.convert("L"))
        return pages


def _run(*command: str) -> bytes:
    done = subprocess.run(list(command), capture_output=True, check=False)
    assert done.returncode == 0, f"{command[0]} failed: {done.stderr.decode(errors='replace')}"
    return done.stdout


def words(text: str) -> Counter[str]:
    return Counter(unicodedata.normalize("NFC", text).split())


def flat(text: str) -> str:
    """*text* NFC with every run of white space one space: lines joined as a reader reads them."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def render_difference(reference: Image.Image, drawn: Image.Image) -> str:
    """Why *drawn* is not *reference* (another reader's drawing of the same page), or "" when they match."""
    if reference.size != drawn.size:
        return f"page drawn {drawn.size[0]}×{drawn.size[1]} px, poppler {reference.size[0]}×{reference.size[1]}"
    errors, ink = _error_pixels(reference, drawn)
    for top in range(0, errors.shape[0], BAND // 2):   # bands overlapping by half, so none falls between two
        wrong, inked = int(errors[top:top + BAND].sum()), int(ink[top:top + BAND].sum())
        if wrong > ERRORS_ALLOWED + ERROR_SHARE * inked:
            return f"{wrong} of {inked} ink pixels differ in the band of rows {top}-{top + BAND}"
    return ""


def _error_pixels(a: Image.Image, b: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """Pixels inked in one picture with no ink within a pixel in the other, and pixels inked in either."""
    ink_a, ink_b = _ink(a), _ink(b)
    near_a, near_b = _ink(a.filter(ImageFilter.MinFilter(3))), _ink(b.filter(ImageFilter.MinFilter(3)))
    errors = ((ink_a >= INK) & (near_b < NO_INK)) | ((ink_b >= INK) & (near_a < NO_INK))
    return errors, (ink_a >= INK) | (ink_b >= INK)


def _ink(image: Image.Image) -> np.ndarray:
    return 255 - np.asarray(image, dtype=np.int16)


@dataclass(frozen=True)
class Comparison:
    """What PDFium shows differently from poppler (empty when they read the file alike), and PDFium's text:
    the whole file's and each page's, flattened (``flat``)."""

    differences: list[str]
    text: str
    pages: list[str]


def compare(pdf: Path) -> Comparison:
    """*pdf* read by both, page by page: page count, words, embedded fonts, drawing."""
    count, texts, renders = poppler_page_count(pdf), poppler_texts(pdf), poppler_renders(pdf)
    pages = pdfium_pages(pdf)
    found = [f"PDFium reads {len(pages)} pages, poppler {count}"] if len(pages) != count else []
    for number, (page, text, render) in enumerate(zip(pages, texts, renders), start=1):
        found += [f"page {number}: {problem}" for problem in page_differences(page, text, render)]
    texts = [flat(page.text) for page in pages]
    return Comparison(found, " ".join(texts), texts)


def page_differences(page: PdfiumPage, text: str, render: Image.Image) -> list[str]:
    """What PDFium's *page* shows differently from poppler's *text* and *render* of it."""
    found = []
    ours, theirs = words(page.text), words(text)
    if ours != theirs:
        found.append(f"words only PDFium reads {sorted((ours - theirs).elements())[:12]}, "
                     f"only poppler {sorted((theirs - ours).elements())[:12]}")
    if page.unembedded:
        found.append(f"fonts not embedded {page.unembedded}")
    drawn = render_difference(render, page.image)
    if drawn:
        found.append(drawn)
    return found


def read_alike(pdf: Path, must_show: list[str]) -> Comparison:
    """Assert PDFium reads *pdf* as poppler does and shows every string of *must_show*; what it read."""
    comparison = compare(pdf)
    assert comparison.differences == [], f"{pdf.name}: {comparison.differences}"
    missing = [text for text in must_show if flat(text) not in comparison.text]
    assert missing == [], f"PDFium does not show {missing} in {pdf.name}"
    return comparison
