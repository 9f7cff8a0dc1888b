"""PDFium (where poppler is missing: a Windows laptop) counts and renders PDF pages in a child process.

PDFium is a C library: in the app's process a hostile page could draw for
ever (no call can be interrupted) or take all the memory it asks for.  In a
child, a page still drawing at its deadline is ended with the process
(``terminate``), and the next page gets a new child; on Linux the child also
limits its own address space (``RLIMIT_AS``) so a decompression bomb fails
there.  Windows has no fork and no RLIMIT: the child is started the same way
(spawn, ``core.spawned_child``, like ``exam.version_helper``; the packed app's entry
point calls ``freeze_support``) and keeps the time limit, without a memory cap.

The child knows nothing of the app's messages: it answers with plain tuples
and ``pdf_pages`` gives the reasons (an ``i18n.Message``, worded where shown or written).  It needs only
pypdfium2 (no numpy): a page comes back as its gray bytes, with the JPEG streams it
draws for the parent to check (PDFium draws a damaged one without a word).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from lecturer_app.core.spawned_child import LATE, READY, SpawnedChild

# Starting the child (a Python interpreter and pypdfium2) is not the page's time: several seconds on a
# loaded laptop, so it gets its own, generous limit.
START_SECONDS = 60.0
# What the caller is told when the child could not answer: LATE (``core.spawned_child``'s, its time ran out)
# and DIED.
DIED = ("died",)

Request = tuple[str, str, int, int]  # ("count" | "render", path, page index, long side in pixels)


class PdfiumProcess:
    """One child at a time; :meth:`ask` it, :meth:`stop` it when the scan ends."""

    def __init__(self, memory_bytes: int, max_pixels: int) -> None:
        self._child = SpawnedChild(serve, (memory_bytes, max_pixels), name="lecturer_app pdfium pages")
        self._ahead: Request | None = None  # sent before it was asked for: its answer is the next to come

    def ask(self, request: Request, seconds: float, check: Callable[[], None]) -> tuple:
        """The child's answer to *request*; LATE when it is still working after *seconds* (the child is ended),
        DIED when it ended on its own (out of memory, a crash in PDFium).  *check* is called every
        CHECK_INTERVAL_S and may raise to stop waiting (the child is then ended too)."""
        try:
            if self._ahead is not None and self._ahead != request:
                self.stop()  # the page drawn ahead is not wanted after all (pages asked in another order)
            if self._ahead != request:
                self._send(request, check)
            self._ahead = None
            answer = self._child.receive(check, seconds)
        except (EOFError, OSError):
            answer = DIED
        except BaseException:
            self.stop()  # cancelled: nothing of that page is wanted any more
            raise
        if answer in (LATE, DIED):
            self.stop()
        return answer

    def send_ahead(self, request: Request, check: Callable[[], None]) -> None:
        """Start *request* now (the next page, drawn while the reader measures this one: two cores work); the
        :meth:`ask` for it collects the answer, its time limit counted from then."""
        if self._ahead is not None:
            return
        try:
            self._send(request, check)
        except (EOFError, OSError):
            self.stop()
            return
        self._ahead = request

    def _send(self, request: Request, check: Callable[[], None]) -> None:
        if not self._started(check):
            raise EOFError("the PDFium process did not start")
        self._child.send(request)

    def stop(self) -> None:
        """End the child now (it may be drawing; nothing it holds is needed)."""
        self._ahead = None
        self._child.stop()

    def _started(self, check: Callable[[], None]) -> bool:
        if self._child.started:
            return True
        self._child.start()
        return self._child.wait_ready(START_SECONDS, check)


def serve(conn: Connection, memory_bytes: int, max_pixels: int) -> None:
    """The child's life: load PDFium, cap its memory, say so, then answer each request until the pipe closes."""
    import pypdfium2  # noqa: F401  (loaded before the cap: the library is part of the baseline)

    _cap_address_space(memory_bytes)
    conn.send(READY)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(request, max_pixels))


def answer(request: Request, max_pixels: int) -> tuple:
    """("count", n) | ("unopened",) | ("pixels", width, height, stride, bytes, jpegs) | ("unreadable",) |
    ("too-large", width, height): the images the page draws hold more than *max_pixels*.  *jpegs*: the
    page's JPEG streams as stored (a tuple of bytes), for the parent to check they decode whole."""
    import pypdfium2 as pdfium

    kind, path, index, long_side = request
    try:
        document = pdfium.PdfDocument(Path(path))
    except (pdfium.PdfiumError, OSError):
        return ("unopened",) if kind == "count" else ("unreadable",)
    try:
        if kind == "count":
            return ("count", len(document))
        return _render(document[index], long_side, max_pixels)
    except pdfium.PdfiumError:
        return ("unreadable",)
    finally:
        document.close()


def _render(page: Any, long_side: int, max_pixels: int) -> tuple:
    """The page like pdftoppm -scale-to: its long side *long_side* pixels, gray; its images measured first
    (PDFium decodes each whole however small it is drawn: a 900 KB PDF with a 30000 × 30000 image, 1 GB)."""
    import pypdfium2.raw as pdfium_c

    images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=8))
    sizes = [image.get_px_size() for image in images]
    if sum(width * height for width, height in sizes) > max_pixels:
        return ("too-large", *max(sizes, key=lambda size: size[0] * size[1]))
    side = max(page.get_size())
    if not math.isfinite(side) or side <= 0:  # PDFium reads a broken MediaBox as Letter: a guard
        return ("unreadable",)
    bitmap = page.render(scale=long_side / side, grayscale=True, may_draw_forms=False)
    return ("pixels", bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer), _jpegs(images))


def _jpegs(images: list[Any]) -> tuple[bytes, ...]:
    """The JPEG streams among *images*, undone of any simple filter (Flate…) put over them: PDFium draws a
    damaged one as best it can and says nothing, so the parent decodes each again and listens to its decoder
    (``decoded``)."""
    found = []
    for image in images:
        filters = image.get_filters()
        if filters and filters[-1] == "DCTDecode" and image.get_filters(skip_simple=True) == ["DCTDecode"]:
            found.append(bytes(image.get_data(decode_simple=len(filters) > 1)))
    return tuple(found)


def _cap_address_space(memory_bytes: int) -> None:
    """Limit this process to what it has mapped now plus *memory_bytes* (Linux; elsewhere nothing: macOS does
    not enforce RLIMIT_AS, Windows has no rlimits).  A limit set by the parent (a test, the fuzzer) is kept
    when lower."""
    try:
        import resource

        status = Path("/proc/self/status").read_text(encoding="ascii")
    except (ImportError, OSError):
        return
    mapped = next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmSize:")), 0)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = mapped + memory_bytes
    for limit in (soft, hard):
        if limit != resource.RLIM_INFINITY:
            wanted = min(wanted, limit)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        return
