"""Pages to read, one at a time: a PDF's pages (rendered by pdftoppm), image files, or a folder of both.

PDF pages are rendered by poppler's pdftoppm where it is installed (every
Linux install: results stay those the reader was tuned on), else by PDFium
(pypdfium2, which the installed app's scan add-on carries: a Windows laptop
has no poppler).  Both give the same reads on the test corpus (tests/omr).

Only one page's pixels are in memory at once.  A PDF page is rendered with
its long side ``A4_LONG_SIDE`` pixels (A4 at ``DPI``), whatever the resolution
of the scan inside it or the page size written in the file, and an image larger
than ``MAX_SIDE`` pixels is shrunk, so a 600 dpi colour scan costs no more
than a 200 dpi one after decoding.

A scan is a file anyone can hand over, so nothing is decoded before its size
is known: an image's (or a TIFF page's) width and height are read from its
header (Pillow opens lazily) and a page over ``MAX_PIXELS`` or not shaped like
a page is refused with its reason (``PageRefused``); the reader reports it as
a page not read, and goes on with the others.  A 900 KB PNG may declare
30000 × 30000 pixels: OpenCV would decode 900 MB of it before ``_bounded``
shrinks it.  A PDF page is rendered by pdftoppm in its own process, at most
``PDF_PAGE_SECONDS``; PDFium renders in ours, so the images a page draws are
measured first.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.i18n import N_, SCREEN, Message, _, plain

DPI = 200
MAX_SIDE = 2400  # A4 at 200 dpi is 1654 × 2339
A4_LONG_SIDE = round(297 / 25.4 * DPI)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp")
TIFF_SUFFIXES = (".tif", ".tiff")  # scanners write a stack of pages as one multi-page TIFF
# The largest page decoded.  The biggest real scan of a sheet is an A3 bed at 600 dpi: 7016 × 9921, 70
# megapixels; 100 leaves room for a scanner's margins and a 108-megapixel phone photo.  Decoded gray that is
# 100 MB (a colour TIFF page: 400 MB while Pillow converts it), what a 4 GB laptop can give one page.
MAX_PIXELS = 100_000_000
# The shortest side of a page: 100 px across a sheet is under 0.5 px/mm, far too coarse to read, and the
# reader's shrinking of a narrower strip would leave no pixel at all.
MIN_SIDE = 100
# pdftoppm renders a scanned page in about a second even on a slow machine; a page still drawing after this
# is broken or built to keep it busy (a 30000 × 30000 image drawn small takes 6 s).
PDF_PAGE_SECONDS = 20
# What Pillow identifies and OpenCV decodes the same way (MPO: a phone's JPEG with a second picture).  Any
# other content (OpenCV also decodes HDR, PNM, Sun raster…) is not a scan and is never handed to OpenCV.
_SCAN_FORMATS = ("JPEG", "MPO", "PNG", "BMP", "WEBP", "TIFF")


class PageRefused(Exception):
    """A page not decoded, and why (too large, not shaped like a page, too slow): ``reason``, worded where it is
    shown; ``str()`` is its screen wording."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason(SCREEN))
        self.reason = reason


@dataclass(frozen=True)
class PageSource:
    """One page: where it comes from, how to name it, and how to load it (gray pixels, or None if unreadable)."""

    path: Path
    index: int  # 0-based page within a PDF, 0 for an image
    label: Message  # worded where it is shown (SCREEN) or written (DOCUMENT)
    # Why the file cannot be opened at all (a PDF among others whose pages cannot be counted).
    problem: Message | None = None

    def load(self) -> Any:
        """The page's gray pixels, or None when the file does not decode; PageRefused before decoding a page
        that is too large or not shaped like a page."""
        if self.problem is not None:
            raise PageRefused(self.problem)
        suffix = self.path.suffix.lower()
        if suffix == ".pdf":
            return _render_pdf_page(self.path, self.index)
        if suffix in TIFF_SUFFIXES:
            return _read_tiff_page(self.path, self.index)
        return _read_image(self.path)


def page_sources(target: Path | Sequence[Path]) -> list[PageSource]:
    """Every page of a PDF, an image, or a folder of PDFs and images (sorted by name); of several such
    targets, in the order given (a scanner's batches picked together).

    A PDF whose pages cannot be counted is refused when it is the only file; among others (a folder, several
    files) it is one page not read, with its reason, and the others are read: one broken file in a batch
    does not stop the batch."""
    if not isinstance(target, Path):
        if len(target) == 1:
            return page_sources(target[0])
        return [page for one in target for page in _pages_among_others(one)]
    return _pages_among_others(target) if target.is_dir() else _target_pages(target)


def _pages_among_others(target: Path) -> list[PageSource]:
    if not target.is_dir():
        return _target_pages(target, alone=False)
    files = sorted((p for p in target.iterdir() if p.suffix.lower() in (".pdf", *IMAGE_SUFFIXES)),
                   key=lambda p: _natural(p.name))
    if not files:
        raise InputFileError(target, "", _("thư mục không có tệp PDF hoặc ảnh (JPG, PNG, TIFF)"))
    return [page for f in files for page in _file_pages(f, alone=False)]


def _target_pages(target: Path, alone: bool = True) -> list[PageSource]:
    """The pages of a file the user named."""
    if not target.exists():
        raise InputFileError(target, "", _("không tìm thấy tệp hoặc thư mục"))
    if target.suffix.lower() not in (".pdf", *IMAGE_SUFFIXES):
        raise InputFileError(target, "", _("không phải tệp PDF hoặc ảnh (JPG, PNG, TIFF)"))
    return _file_pages(target, alone)


def _natural(name: str) -> list:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def _file_pages(path: Path, alone: bool) -> list[PageSource]:
    suffix = path.suffix.lower()
    if suffix in TIFF_SUFFIXES:
        count = _tiff_page_count(path)
        if count <= 1:
            return [PageSource(path, 0, plain(path.name))]
    elif suffix != ".pdf":
        return [PageSource(path, 0, plain(path.name))]
    else:
        try:
            count = _pdf_page_count(path)
        except InputFileError as exc:
            if alone:
                raise
            return [PageSource(path, 0, plain(path.name), plain(exc.reason))]
    return [PageSource(path, i, Message.of(N_("{file}, trang {n}"), file=path.name, n=i + 1)) for i in range(count)]


def _poppler(tool: str) -> str | None:
    """poppler's *tool*, or None where poppler is missing but PDFium can do the job instead."""
    found = shutil.which(tool)
    if found:
        return found
    if _have_pdfium():
        return None
    raise UserFacingError(_("Cần chương trình {tool} (gói poppler-utils) để đọc tệp PDF; hoặc quét thành ảnh "
                            "JPG/PNG.").format(tool=tool))


def _have_pdfium() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def _pdf_page_count(path: Path) -> int:
    tool = _poppler("pdfinfo")
    if tool is None:
        return _pdfium_page_count(path)
    try:
        done = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=PDF_PAGE_SECONDS)
    except subprocess.TimeoutExpired as exc:
        raise InputFileError(path, "", _("không đọc được tệp PDF")) from exc
    match = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    if done.returncode != 0 or not match:
        raise InputFileError(path, "", _("không đọc được tệp PDF"))
    return int(match.group(1))


def _render_pdf_page(path: Path, index: int) -> Any:
    import cv2
    import numpy as np

    tool = _poppler("pdftoppm")
    if tool is None:
        return _pdfium_page(path, index)
    # -scale-to: the long side in pixels (A4 at DPI), whatever page size the scanner wrote into the PDF.
    command = [tool, "-scale-to", str(A4_LONG_SIDE), "-gray", "-f", str(index + 1), "-l", str(index + 1), str(path)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=PDF_PAGE_SECONDS)
    except subprocess.TimeoutExpired as exc:  # run() has killed it
        raise PageRefused(Message.of(N_("trang PDF chưa vẽ xong sau {n} giây (tệp hỏng hoặc quá phức tạp): hãy "
                                        "quét lại trang này thành ảnh JPG/PNG"), n=PDF_PAGE_SECONDS)) from exc
    if done.returncode != 0 or not done.stdout:
        return None
    return _bounded(_page_shaped(cv2.imdecode(np.frombuffer(done.stdout, np.uint8), cv2.IMREAD_GRAYSCALE)))


def _pdfium_page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError) as exc:
        raise InputFileError(path, "", _("không đọc được tệp PDF")) from exc
    try:
        return len(document)
    finally:
        document.close()


def _pdfium_page(path: Path, index: int) -> Any:
    """The page rendered like pdftoppm -scale-to: its long side A4_LONG_SIDE pixels, gray."""
    import numpy as np
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError):
        return None
    try:
        page = document[index]
        _check_pdf_images(page)
        long_side = max(page.get_size())
        if not math.isfinite(long_side) or long_side <= 0:  # PDFium reads a broken MediaBox as Letter: a guard
            return None
        pixels = page.render(scale=A4_LONG_SIDE / long_side, grayscale=True, may_draw_forms=False).to_numpy()
        return _bounded(_page_shaped(np.ascontiguousarray(pixels.reshape(pixels.shape[:2]))))
    except pdfium.PdfiumError:
        return None
    finally:
        document.close()


def _check_pdf_images(page: Any) -> None:
    """PageRefused when the images *page* draws (in forms too) hold more than MAX_PIXELS: PDFium decodes each
    whole, in this process, however small it is drawn (a 900 KB PDF with a 30000 × 30000 image took 1 GB)."""
    import pypdfium2.raw as pdfium_c

    images = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=8)
    sizes = [image.get_px_size() for image in images]
    total = sum(width * height for width, height in sizes)
    if total > MAX_PIXELS:
        width, height = max(sizes, key=lambda size: size[0] * size[1])
        raise PageRefused(_too_large(Message.of(N_("{w} × {h} điểm ảnh"), w=width, h=height)))


def _tiff_page_count(path: Path) -> int:
    """Pages in a TIFF (1 when Pillow cannot say: the page is then reported when loaded)."""
    try:
        with _tiff(path) as image:
            return int(getattr(image, "n_frames", 1))
    except (OSError, ValueError, EOFError, SyntaxError):
        return 1


def _read_tiff_page(path: Path, index: int) -> Any:
    """One page of a (multi-page) TIFF, gray; Pillow decodes only that page, so memory stays one page."""
    import numpy as np
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # Pillow checks again at decoding
            with _tiff(path) as image:
                image.seek(index)
                _check_size(*image.size)
                return _bounded(_page_shaped(np.asarray(image.convert("L"))))
    except (OSError, ValueError, EOFError, SyntaxError):
        return None


def _tiff(path: Path) -> Any:
    """The TIFF opened lazily without Image.open's bomb check, which looks at the first page only (a huge first
    page would hide the others, and a large one warns): every page is measured before it is decoded."""
    from PIL import TiffImagePlugin

    return TiffImagePlugin.TiffImageFile(path)


def _read_image(path: Path) -> Any:
    import cv2
    import numpy as np

    if not _declared_size_fits(path):
        return None
    data = np.fromfile(str(path), np.uint8)  # np.fromfile: cv2.imread fails on non-ASCII paths on Windows
    return _bounded(_page_shaped(cv2.imdecode(data, cv2.IMREAD_GRAYSCALE))) if data.size else None


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
                _check_size(*image.size)
                return True
    except Image.DecompressionBombError as exc:
        raise PageRefused(_too_large(_bomb_size(exc))) from exc
    except (UnidentifiedImageError, OSError, ValueError, EOFError, SyntaxError):
        return False


def _check_size(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise PageRefused(_too_large(Message.of(N_("{w} × {h} điểm ảnh"), w=width, h=height)))
    if min(width, height) < MIN_SIDE:
        raise PageRefused(Message.of(N_("ảnh {w} × {h} điểm ảnh quá nhỏ hoặc quá hẹp, không phải ảnh một trang "
                                        "phiếu"), w=width, h=height))


def _too_large(size: Message) -> Message:
    return Message.of(N_("ảnh quá lớn ({size}): một trang được tối đa {limit} triệu điểm ảnh (khổ A3 quét ở 600 dpi "
                         "là khoảng 70 triệu); hãy quét lại ở 200–300 dpi"), size=size, limit=MAX_PIXELS // 1_000_000)


def _bomb_size(error: Exception) -> Message:
    """The size Pillow's DecompressionBombError names ("Image size (900000000 pixels) exceeds…")."""
    found = re.search(r"\((\d+) pixels\)", str(error))
    count = int(found.group(1)) if found else MAX_PIXELS + 1
    return Message.of(N_("{n} triệu điểm ảnh"), n=round(count / 1_000_000))


def _page_shaped(image: Any) -> Any:
    """*image*, or PageRefused when a side is under MIN_SIDE (a PDF page rendered from a strip of a MediaBox,
    a header that lied): shrinking it would leave no pixel."""
    if image is not None:
        _check_size(image.shape[1], image.shape[0])
    return image


def _bounded(image: Any) -> Any:
    import cv2

    if image is None:
        return None
    side = max(image.shape[:2])
    if side <= MAX_SIDE:
        return image
    scale = MAX_SIDE / side
    # Area averaging only pays for a large reduction; below 2× linear is as good and several times faster.
    method = cv2.INTER_AREA if scale < 0.5 else cv2.INTER_LINEAR
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=method)
