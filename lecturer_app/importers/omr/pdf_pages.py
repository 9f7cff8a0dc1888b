"""A scan's PDF pages counted and rendered out of the app's process, each within a time and a memory limit.

poppler's pdftoppm where it is on the PATH (every Linux install: the reads
the reader was tuned on), else PDFium in a child process (``pdfium_worker``:
the installed app's scan add-on carries pypdfium2, a Windows laptop has no
poppler).  Whatever the renderer:

- a page still drawing after ``PDF_PAGE_SECONDS`` is refused (the process is
  ended) and the next page is read;
- the renderer's address space is limited to ``RENDER_MEMORY_MB`` (pdftoppm
  through the shell's ``ulimit -v``, the PDFium child by itself; Linux and
  other POSIX systems, not Windows), and the images a page draws are measured
  before it is rendered (``pdfimages -list`` once per file, PDFium's own
  sizes): a page drawing more than ``MAX_PIXELS`` is refused by name, what the
  measure cannot see fails in the capped process;
- a file of more than ``MAX_PDF_PAGES`` pages is refused from its page count;
- every wait calls ``check`` each ``CHECK_INTERVAL_S``: the GUI's Hủy (its
  progress raising) ends the page's process at once.

Both renderers draw a damaged JPEG inside a page (a stream cut short, a
marker in its data) as best they can, half gray, and go on: the page would
be read as if whole, the marks in the lost part blank.  Each JPEG the page
draws is therefore decoded once more, as the file stores it (``pdfimages
-j`` for that page where ``pdfimages -list`` says it has one, PDFium's raw
stream otherwise), by ``decoded.embedded_jpeg_damaged``, and a page with one
that does not decode whole is loaded ``damaged``: the reader's sheet doubt.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.core.spawned_child import CHECK_INTERVAL_S
from lecturer_app.i18n import N_, Message, _
from lecturer_app.importers.omr import page_size
from lecturer_app.importers.omr.decoded import LoadedPage, embedded_jpeg_damaged
from lecturer_app.importers.omr.page_size import PageRefused
from lecturer_app.importers.omr.pdfium_worker import DIED, LATE, PdfiumProcess

DPI = 200
A4_LONG_SIDE = round(297 / 25.4 * DPI)
# pdftoppm renders a scanned page in about a second even on a slow machine; a page still drawing after this
# is broken or built to keep it busy (a 30000 × 30000 image drawn small takes 6 s).
PDF_PAGE_SECONDS = 20
# The renderer's address space.  pdftoppm maps about 30 MB to draw a scanned page, the PDFium child (over
# what it maps once loaded) a colour image of MAX_PIXELS at 4 bytes a pixel; a progressive JPEG of 20000 ×
# 20000 drawn on a 1 KB page made pdftoppm take 800 MB, and 65535 × 65535 in colour would ask for 25 GB.
RENDER_MEMORY_MB = 1024
# Answer sheets are one or two pages a learner and a batch is a few hundred learners: 2000 pages is an
# exam of a thousand learners in one file.  A longer file is refused from its page count, before any page is
# rendered (100,000 pages would take pdftoppm a day).
MAX_PDF_PAGES = 2000


def no_check() -> None:
    """A wait nobody can cancel (the CLI: Ctrl+C ends the process)."""


class PdfPages:
    """The PDFs of one scan; a context manager (the PDFium child, if one was started, ends with it)."""

    def __init__(self, check: Callable[[], None] = no_check) -> None:
        self.check = check  # called while waiting for a page: raises to cancel the scan
        self._pdfium = PdfiumProcess(RENDER_MEMORY_MB * 1024 * 1024, page_size.MAX_PIXELS)
        self._image_pixels: dict[Path, dict[int, tuple[int, int, int]]] = {}
        self._jpeg_pages: dict[Path, set[int]] = {}  # the pages (numbered from 1) that draw a JPEG
        self._counts: dict[Path, int] = {}

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._pdfium.stop()

    def count(self, path: Path) -> int:
        """The number of pages of *path*; InputFileError when it does not open or has more than MAX_PDF_PAGES."""
        tool = _poppler("pdfinfo")
        found = self._pdfinfo_count(tool, path) if tool else self._pdfium_count(path)
        if found is None:
            raise InputFileError(path, "", _("không đọc được tệp PDF"))
        if found > MAX_PDF_PAGES:
            raise InputFileError(path, "", too_many_pages(found))
        self._counts[path] = found
        return found

    def render(self, path: Path, index: int) -> LoadedPage:
        """Page *index* of *path*, gray, its long side A4_LONG_SIDE pixels (None when it does not render), and
        whether a JPEG it draws is damaged; PageRefused when it is too large, too slow or needs too much memory."""
        tool = _poppler("pdftoppm")
        if tool is None:
            return self._pdfium_page(path, index)
        self._check_images(path, index)
        with tempfile.TemporaryDirectory(prefix="lecturer_app-scan-") as folder:
            copying = self._copy_jpegs(path, index, Path(folder))  # beside pdftoppm: the parent only waits
            try:
                pixels = self._pdftoppm_page(tool, path, index)
                return LoadedPage(pixels, pixels is not None and self._jpegs_damaged(copying, Path(folder)))
            finally:
                _end(copying)

    # pdftoppm ---------------------------------------------------------------------------------------------

    def _pdfinfo_count(self, tool: str, path: Path) -> int | None:
        done = self._run([tool, str(path)])
        match = re.search(rb"^Pages:\s+(\d+)", done.stdout, re.MULTILINE) if done else None
        return int(match.group(1)) if done and done.returncode == 0 and match else None

    def _pdftoppm_page(self, tool: str, path: Path, index: int) -> Any:
        import cv2
        import numpy as np

        # -scale-to: the long side in pixels (A4 at DPI), whatever page size the scanner wrote into the PDF.
        page = str(index + 1)
        done = self._run([tool, "-scale-to", str(A4_LONG_SIDE), "-gray", "-f", page, "-l", page, str(path)])
        if done is None:
            raise PageRefused(too_slow())
        if done.returncode < 0:  # ended by a signal: an allocation over the cap (abort), or a crash
            raise PageRefused(too_demanding())
        if done.returncode != 0 or not done.stdout:
            return None
        image = cv2.imdecode(np.frombuffer(done.stdout, np.uint8), cv2.IMREAD_GRAYSCALE)
        return page_size.bounded(page_size.page_shaped(image))

    def _check_images(self, path: Path, index: int) -> None:
        """PageRefused when the images page *index* draws hold more than MAX_PIXELS (pdfimages lists them
        from the file, decoding nothing, once per file)."""
        if path not in self._image_pixels:
            self._image_pixels[path], self._jpeg_pages[path] = self._list_images(path)
        total, width, height = self._image_pixels[path].get(index + 1, (0, 0, 0))
        if total > page_size.MAX_PIXELS:
            raise PageRefused(page_size.too_large(page_size.pixels(width, height)))

    def _list_images(self, path: Path) -> tuple[dict[int, tuple[int, int, int]], set[int]]:
        """Page number → (pixels of its images, width and height of the largest), and the numbers of the pages
        that draw a JPEG; empty when pdfimages is missing or fails (the capped render is then the only guard)."""
        tool = shutil.which("pdfimages")
        done = self._run([tool, "-list", str(path)]) if tool else None
        pages: dict[int, tuple[int, int, int]] = {}
        jpegs: set[int] = set()
        for line in done.stdout.decode("ascii", "replace").splitlines()[2:] if done else []:
            fields = line.split()
            if len(fields) < 5 or not (fields[0] + fields[3] + fields[4]).isdigit():
                continue
            number, width, height = int(fields[0]), int(fields[3]), int(fields[4])
            total, big_w, big_h = pages.get(number, (0, 0, 0))
            largest = (width, height) if width * height > big_w * big_h else (big_w, big_h)
            pages[number] = (total + width * height, *largest)
            if fields[8:9] == ["jpeg"]:  # the "enc" column
                jpegs.add(number)
        return pages, jpegs

    def _copy_jpegs(self, path: Path, index: int, folder: Path) -> subprocess.Popen[bytes] | None:
        """``pdfimages -j`` started on page *index*, writing each JPEG it draws into *folder* as the file stores
        it (the page's other images it decodes, as pdftoppm does), capped like pdftoppm; None when the page
        draws no JPEG (``pdfimages -list``) or pdfimages is missing."""
        tool = shutil.which("pdfimages")
        if tool is None or index + 1 not in self._jpeg_pages.get(path, set()):
            return None
        page = str(index + 1)
        return _start([tool, "-j", "-f", page, "-l", page, str(path), str(folder / "anh")])

    def _jpegs_damaged(self, copying: subprocess.Popen[bytes] | None, folder: Path) -> bool:
        """True when a JPEG *copying* wrote does not decode whole; a copy that fails counts as damage (the page
        cannot be vouched for), one still running after PDF_PAGE_SECONDS refuses the page as too slow."""
        if copying is None:
            return False
        done = self._wait(copying)
        if done is None:
            raise PageRefused(too_slow())
        if done.returncode != 0:
            return True
        return any(embedded_jpeg_damaged(jpeg.read_bytes()) for jpeg in sorted(folder.glob("*.jpg")))

    def _run(self, command: list[str]) -> subprocess.CompletedProcess[bytes] | None:
        """*command*'s output, its address space capped; None when it is still running after
        PDF_PAGE_SECONDS (it is killed).  ``check`` raising (cancelled) kills it too."""
        process = _start(command)
        try:
            return self._wait(process)
        finally:
            _end(process)

    def _wait(self, process: subprocess.Popen[bytes]) -> subprocess.CompletedProcess[bytes] | None:
        """*process*'s output once it ends; None when it is still running PDF_PAGE_SECONDS after this call
        (the caller ends it)."""
        deadline = time.monotonic() + PDF_PAGE_SECONDS
        while True:
            self.check()
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                out, err = process.communicate(timeout=min(CHECK_INTERVAL_S, left))
            except subprocess.TimeoutExpired:
                continue
            return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    # PDFium -----------------------------------------------------------------------------------------------

    def _pdfium_count(self, path: Path) -> int | None:
        reply = self._pdfium.ask(("count", str(path), 0, 0), PDF_PAGE_SECONDS, self.check)
        return reply[1] if reply[0] == "count" else None

    def _pdfium_page(self, path: Path, index: int) -> LoadedPage:
        import numpy as np

        reply = self._pdfium.ask(("render", str(path), index, A4_LONG_SIDE), PDF_PAGE_SECONDS, self.check)
        if reply not in (LATE, DIED) and index + 1 < self._counts.get(path, 0):
            self._pdfium.send_ahead(("render", str(path), index + 1, A4_LONG_SIDE), self.check)
        if reply == LATE:
            raise PageRefused(too_slow())
        if reply == DIED:
            raise PageRefused(too_demanding())
        if reply[0] == "too-large":
            raise PageRefused(page_size.too_large(page_size.pixels(reply[1], reply[2])))
        if reply[0] != "pixels":
            return LoadedPage(None)
        width, height, stride, data, jpegs = reply[1:]
        pixels = np.frombuffer(data, np.uint8).reshape(height, stride)[:, :width]
        return LoadedPage(page_size.bounded(page_size.page_shaped(np.ascontiguousarray(pixels))),
                          any(embedded_jpeg_damaged(jpeg) for jpeg in jpegs))


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


def _start(command: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(_capped(command), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def _end(process: subprocess.Popen[bytes] | None) -> None:
    """*process* killed if it still runs (late, cancelled, or its page refused meanwhile), its pipes drained."""
    if process is not None and process.poll() is None:
        process.kill()
        process.communicate()


def _capped(command: list[str]) -> list[str]:
    """*command* started by the shell after ``ulimit -S -v`` (POSIX): Python's preexec_fn could set the limit
    too, but it may deadlock in a process with threads (the GUI scans on a worker thread).  A lower limit
    already in force stays; Windows has no sh and no rlimit: the command as it is (the time limit holds)."""
    if os.name != "posix" or not os.path.exists("/bin/sh"):
        return command
    script = 'ulimit -S -v "$1" 2>/dev/null; shift; exec "$@"'
    return ["/bin/sh", "-c", script, "sh", str(RENDER_MEMORY_MB * 1024), *command]


def too_slow() -> Message:
    return Message.of(N_("trang PDF chưa vẽ xong sau {n} giây (tệp hỏng hoặc quá phức tạp): hãy quét lại trang này "
                         "thành ảnh JPG/PNG"), n=PDF_PAGE_SECONDS)


def too_demanding() -> Message:
    return Message.of(N_("trang PDF cần hơn {n} MB bộ nhớ để vẽ, hoặc làm hỏng chương trình vẽ trang (tệp hỏng hoặc "
                         "cố ý làm hại): hãy quét lại trang này thành ảnh JPG/PNG"), n=RENDER_MEMORY_MB)


def too_many_pages(count: int) -> str:
    return _("tệp có {n} trang, quá {limit} trang một tệp (phiếu trả lời 1–2 trang một người): hãy chia thành "
             "nhiều tệp nhỏ hơn").format(n=count, limit=MAX_PDF_PAGES)
