"""Pages to read, one at a time: a PDF's pages, image files, or a folder of both.

PDF pages are counted and rendered out of the app's process, each within a
time and memory limit (``pdf_pages``: poppler's pdftoppm where it is
installed, else PDFium in a child process).  Both give the same reads on the
test corpus (tests/omr).

Only one page's pixels are in memory at once.  A PDF page is rendered with
its long side ``A4_LONG_SIDE`` pixels (A4 at ``DPI``), whatever the resolution
of the scan inside it or the page size written in the file, and an image larger
than ``MAX_SIDE`` pixels is shrunk, so a 600 dpi colour scan costs no more
than a 200 dpi one after decoding.

A scan is a file anyone can hand over, so nothing is decoded before its size
is known (``page_size``): an image's (or a TIFF page's) width and height are
read from its header (Pillow opens lazily) and a page over ``MAX_PIXELS`` or
not shaped like a page is refused with its reason (``PageRefused``); the
reader reports it as a page not read, and goes on with the others.  A 900 KB
PNG may declare 30000 × 30000 pixels: OpenCV would decode 900 MB of it.  A
file of more pages than ``MAX_PDF_PAGES`` is refused from its page count.
OpenCV's C decoders write their complaints about a damaged file ("libpng
error: …", "Corrupt JPEG data: …") straight to the process's stderr: that is
caught around the decode (``decoded.decoder_heard``), kept off the terminal, and
read: a page not read is named in our own message, and a page that decoded
although its decoder said the data was damaged (libjpeg goes on after
"Corrupt JPEG data: premature end of data segment" with gray or garbled
blocks) is loaded ``damaged``, which the reader makes a sheet-level doubt.
A PDF page is loaded ``damaged`` when a JPEG it draws does not decode whole
(``pdf_pages``): its renderer drew it gray or half, and said nothing.
"""

from __future__ import annotations

import re
import struct
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError
from lecturer_app.i18n import N_, Message, _, plain
from lecturer_app.importers.omr.decoded import LoadedPage, decoder_heard
from lecturer_app.importers.omr.page_size import (
    MAX_PIXELS,
    MAX_SIDE,
    MIN_SIDE,
    PageRefused,
    bounded,
    check_size,
    page_shaped,
    too_large,
)
from lecturer_app.importers.omr.pdf_pages import A4_LONG_SIDE, DPI, MAX_PDF_PAGES, PdfPages, too_many_pages

__all__ = ["A4_LONG_SIDE", "DPI", "IMAGE_SUFFIXES", "MAX_PIXELS", "MAX_SIDE", "MIN_SIDE", "LoadedPage",
           "PageRefused", "PageSource", "page_sources"]

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp")
TIFF_SUFFIXES = (".tif", ".tiff")  # scanners write a stack of pages as one multi-page TIFF
# What Pillow identifies and OpenCV decodes the same way (MPO: a phone's JPEG with a second picture).  Any
# other content (OpenCV also decodes HDR, PNM, Sun raster…) is not a scan and is never handed to OpenCV.
_SCAN_FORMATS = ("JPEG", "MPO", "PNG", "BMP", "WEBP", "TIFF")
# How Pillow's TIFF reader fails on a damaged file when it is opened directly (Image.open turns the last four
# into SyntaxError; a TIFF cut short raised TypeError "Missing dimensions": an unexpected error that stopped the scan).
_TIFF_FAILURES = (OSError, ValueError, EOFError, SyntaxError, TypeError, KeyError, IndexError, struct.error)


@dataclass(frozen=True)
class PageSource:
    """One page: where it comes from, how to name it, and how to load it (gray pixels, or None if unreadable)."""

    path: Path
    index: int  # 0-based page within a PDF, 0 for an image
    label: Message  # worded where it is shown (SCREEN) or written (DOCUMENT)
    # Why the file cannot be opened at all (a PDF among others whose pages cannot be counted).
    problem: Message | None = None
    # The file's list of pages is damaged (a TIFF cut short): this page may decode whole, others are lost.
    damaged: bool = False

    def load(self, pdfs: PdfPages | None = None) -> LoadedPage:
        """The page's gray pixels (None when the file does not decode) and whether the decoder found it damaged;
        PageRefused before decoding a page that is too large or not shaped like a page, or a PDF page too slow
        or too demanding to render.  *pdfs*: the scan's PDF renderer (one PDFium child for every page); a PDF
        page gets one of its own without it."""
        if self.problem is not None:
            raise PageRefused(self.problem)
        suffix = self.path.suffix.lower()
        if suffix == ".pdf":
            if pdfs is None:
                with PdfPages() as own:
                    return own.render(self.path, self.index)
            return pdfs.render(self.path, self.index)
        if suffix in TIFF_SUFFIXES:
            page = _read_tiff_page(self.path, self.index)
            return LoadedPage(page.pixels, page.damaged or self.damaged)
        return _read_image(self.path)


def page_sources(target: Path | Sequence[Path], pdfs: PdfPages | None = None) -> list[PageSource]:
    """Every page of a PDF, an image, or a folder of PDFs and images (sorted by name); of several such
    targets, in the order given (a scanner's batches picked together).  *pdfs* counts the PDFs' pages (one
    of its own when not given).

    A PDF whose pages cannot be counted, or that has more than MAX_PDF_PAGES (a TIFF the same), is refused
    when it is the only file; among others (a folder, several files) it is one page not read, with its
    reason, and the others are read: one broken file in a batch does not stop the batch."""
    if pdfs is None:
        with PdfPages() as own:
            return page_sources(target, own)
    if not isinstance(target, Path):
        if len(target) == 1:
            return page_sources(target[0], pdfs)
        return [page for one in target for page in _pages_among_others(one, pdfs)]
    return _pages_among_others(target, pdfs) if target.is_dir() else _target_pages(target, pdfs)


def _pages_among_others(target: Path, pdfs: PdfPages) -> list[PageSource]:
    if not target.is_dir():
        return _target_pages(target, pdfs, alone=False)
    files = sorted((p for p in target.iterdir() if p.suffix.lower() in (".pdf", *IMAGE_SUFFIXES)),
                   key=lambda p: _natural(p.name))
    if not files:
        raise InputFileError(target, "", _("thư mục không có tệp PDF hoặc ảnh (JPG, PNG, TIFF)"))
    return [page for f in files for page in _file_pages(f, pdfs, alone=False)]


def _target_pages(target: Path, pdfs: PdfPages, alone: bool = True) -> list[PageSource]:
    """The pages of a file the user named."""
    if not target.exists():
        raise InputFileError(target, "", _("không tìm thấy tệp hoặc thư mục"))
    if target.suffix.lower() not in (".pdf", *IMAGE_SUFFIXES):
        raise InputFileError(target, "", _("không phải tệp PDF hoặc ảnh (JPG, PNG, TIFF)"))
    return _file_pages(target, pdfs, alone)


def _natural(name: str) -> list:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def _file_pages(path: Path, pdfs: PdfPages, alone: bool) -> list[PageSource]:
    suffix = path.suffix.lower()
    if suffix not in (".pdf", *TIFF_SUFFIXES):
        return [PageSource(path, 0, plain(path.name))]
    try:
        count = pdfs.count(path) if suffix == ".pdf" else _tiff_page_count(path)
    except InputFileError as exc:
        if alone:
            raise
        return [PageSource(path, 0, plain(path.name), plain(exc.reason))]
    if count is None:  # a TIFF whose pages Pillow cannot count: its first page, read as damaged if it decodes
        return [PageSource(path, 0, plain(path.name), damaged=True)]
    if suffix != ".pdf" and count <= 1:
        return [PageSource(path, 0, plain(path.name))]
    return [PageSource(path, i, Message.of(N_("{file}, trang {n}"), file=path.name, n=i + 1)) for i in range(count)]


def _tiff_page_count(path: Path) -> int | None:
    """Pages in a TIFF (None when Pillow cannot say: a damaged file, whose first page is tried); InputFileError
    over MAX_PDF_PAGES, as for a PDF."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Corrupt EXIF data": the page says it when loaded
            with _tiff(path) as image:
                count = int(getattr(image, "n_frames", 1))
    except _TIFF_FAILURES:
        return None
    if count > MAX_PDF_PAGES:
        raise InputFileError(path, "", too_many_pages(count))
    return count


def _read_tiff_page(path: Path, index: int) -> LoadedPage:
    """One page of a (multi-page) TIFF, gray; Pillow decodes only that page, so memory stays one page."""
    import numpy as np
    from PIL import Image

    try:
        with warnings.catch_warnings(record=True) as said:  # Pillow's own complaints ("Corrupt EXIF data")
            warnings.simplefilter("always", UserWarning)
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # Pillow checks again at decoding
            with _tiff(path) as image, decoder_heard() as heard:  # libtiff warns on stderr too
                image.seek(index)
                check_size(*image.size)
                pixels = np.asarray(image.convert("L"))
    except _TIFF_FAILURES:
        return LoadedPage(None)
    return LoadedPage(bounded(page_shaped(pixels)), heard.damaged or bool(said))


def _tiff(path: Path) -> Any:
    """The TIFF opened lazily without Image.open's bomb check, which looks at the first page only (a huge first
    page would hide the others, and a large one warns): every page is measured before it is decoded."""
    from PIL import TiffImagePlugin

    return TiffImagePlugin.TiffImageFile(path)


def _read_image(path: Path) -> LoadedPage:
    import cv2
    import numpy as np

    if not _declared_size_fits(path):
        return LoadedPage(None)
    data = np.fromfile(str(path), np.uint8)  # np.fromfile: cv2.imread fails on non-ASCII paths on Windows
    if not data.size:
        return LoadedPage(None)
    with decoder_heard() as heard:
        image = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    return LoadedPage(bounded(page_shaped(image)), image is not None and heard.damaged)


def _declared_size_fits(path: Path) -> bool:
    """True when the image's header declares a page OpenCV may decode; False when it is no scan Pillow knows
    (unreadable); PageRefused when it is too large or not shaped like a page."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # MAX_PIXELS is checked below
            with Image.open(path) as image:
                if image.format not in _SCAN_FORMATS:
                    return False
                check_size(*image.size)
                return True
    except Image.DecompressionBombError as exc:
        raise PageRefused(too_large(_bomb_size(exc))) from exc
    except (UnidentifiedImageError, OSError, ValueError, EOFError, SyntaxError):
        return False


def _bomb_size(error: Exception) -> Message:
    """The size Pillow's DecompressionBombError names ("Image size (900000000 pixels) exceeds…")."""
    found = re.search(r"\((\d+) pixels\)", str(error))
    count = int(found.group(1)) if found else MAX_PIXELS + 1
    return Message.of(N_("{n} triệu điểm ảnh"), n=round(count / 1_000_000))
