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
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.i18n import _

DPI = 200
MAX_SIDE = 2400  # A4 at 200 dpi is 1654 × 2339
A4_LONG_SIDE = round(297 / 25.4 * DPI)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp")
TIFF_SUFFIXES = (".tif", ".tiff")  # scanners write a stack of pages as one multi-page TIFF


@dataclass(frozen=True)
class PageSource:
    """One page: where it comes from, how to name it, and how to load it (gray pixels, or None if unreadable)."""

    path: Path
    index: int  # 0-based page within a PDF, 0 for an image
    label: str

    def load(self) -> Any:
        suffix = self.path.suffix.lower()
        if suffix == ".pdf":
            return _render_pdf_page(self.path, self.index)
        if suffix in TIFF_SUFFIXES:
            return _read_tiff_page(self.path, self.index)
        return _read_image(self.path)


def page_sources(target: Path | Sequence[Path]) -> list[PageSource]:
    """Every page of a PDF, an image, or a folder of PDFs and images (sorted by name); of several such
    targets, in the order given (a scanner's batches picked together)."""
    if not isinstance(target, Path):
        return [page for one in target for page in page_sources(one)]
    if not target.exists():
        raise InputFileError(target, "", _("không tìm thấy tệp hoặc thư mục"))
    if target.is_dir():
        files = sorted((p for p in target.iterdir() if p.suffix.lower() in (".pdf", *IMAGE_SUFFIXES)),
                       key=lambda p: _natural(p.name))
        if not files:
            raise InputFileError(target, "", _("thư mục không có tệp PDF hoặc ảnh (JPG, PNG, TIFF)"))
        return [page for f in files for page in _file_pages(f)]
    if target.suffix.lower() not in (".pdf", *IMAGE_SUFFIXES):
        raise InputFileError(target, "", _("không phải tệp PDF hoặc ảnh (JPG, PNG, TIFF)"))
    return _file_pages(target)


def _natural(name: str) -> list:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def _file_pages(path: Path) -> list[PageSource]:
    suffix = path.suffix.lower()
    if suffix in TIFF_SUFFIXES:
        count = _tiff_page_count(path)
        if count <= 1:
            return [PageSource(path, 0, path.name)]
    elif suffix != ".pdf":
        return [PageSource(path, 0, path.name)]
    else:
        count = _pdf_page_count(path)
    return [PageSource(path, i, _("{file}, trang {n}").format(file=path.name, n=i + 1)) for i in range(count)]


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
    done = subprocess.run([tool, str(path)], capture_output=True, text=True)
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
    done = subprocess.run(command, capture_output=True)
    if done.returncode != 0 or not done.stdout:
        return None
    return _bounded(cv2.imdecode(np.frombuffer(done.stdout, np.uint8), cv2.IMREAD_GRAYSCALE))


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
        scale = A4_LONG_SIDE / max(page.get_size())
        pixels = page.render(scale=scale, grayscale=True, may_draw_forms=False).to_numpy()
        return _bounded(np.ascontiguousarray(pixels.reshape(pixels.shape[:2])))
    except pdfium.PdfiumError:
        return None
    finally:
        document.close()


def _tiff_page_count(path: Path) -> int:
    """Pages in a TIFF (1 when Pillow cannot say: the page is then reported unreadable when loaded)."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            return int(getattr(image, "n_frames", 1))
    except (OSError, ValueError, Image.DecompressionBombError):
        return 1


def _read_tiff_page(path: Path, index: int) -> Any:
    """One page of a (multi-page) TIFF, gray; Pillow decodes only that page, so memory stays one page."""
    import numpy as np
    from PIL import Image

    try:
        with Image.open(path) as image:
            image.seek(index)
            return _bounded(np.asarray(image.convert("L")))
    except (OSError, ValueError, EOFError, Image.DecompressionBombError):
        return None


def _read_image(path: Path) -> Any:
    import cv2
    import numpy as np

    data = np.fromfile(str(path), np.uint8)  # np.fromfile: cv2.imread fails on non-ASCII paths on Windows
    return _bounded(cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)) if data.size else None


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
