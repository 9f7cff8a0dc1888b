"""What a C decoder gave for a page, and whether it said the data was damaged.

OpenCV's C decoders write their complaints about a damaged file ("libpng
error: …", "Corrupt JPEG data: …") straight to the process's stderr, and
that is the only place libjpeg says a JPEG it decoded anyway was damaged
(OpenCV and Pillow both keep its warnings to themselves).  ``decoder_heard``
catches fd 2 around the decode, keeps it off the terminal and reads it back.

An image file is decoded by ``sources`` under it; a scanned PDF page is drawn
by pdftoppm or PDFium, which both draw a damaged JPEG inside it as best they
can (gray bands, half a page) and say nothing a caller can read (pdftoppm
prints some complaints, not the one of a stream cut short), so ``pdf_pages``
hands each JPEG the page draws, as stored in the file, to
``embedded_jpeg_damaged``: the same decoder and the same hearing.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from lecturer_app.formats.jpeg_header import read_jpeg_header
from lecturer_app.importers.omr.page_size import MAX_PIXELS

# File descriptor 2 is one per process: two threads redirecting it at once would restore each other's copy
# and leave it closed.  This lock is its owner while a decoder runs.
_STDERR_OWNER = threading.Lock()
# What a decoder says about a file whose pixels are whole: a colour profile libpng finds odd, a TIFF tag libtiff
# does not know, the decoder's own usage notes.  Anything else it writes while decoding says the data is damaged
# (the safe side: an unknown complaint sends the sheet to review, it never grades it).
_HARMLESS = re.compile(r"iCCP|cHRM|sRGB|gAMA|Interlace handling|unknown JFIF revision|thumbnail image size|"
                       r"Unknown field with tag|ASCII value for tag|tags are not sorted|"
                       r"Sum of Photometric type-related color channels", re.IGNORECASE)
# ...unless the note is about the bytes themselves (libpng: "iCCP: CRC error" is a damaged file).
_DAMAGE = re.compile(r"CRC|corrupt|premature|truncat|error", re.IGNORECASE)
_HEARD_LIMIT = 4096  # bytes of the decoder's messages read back: libjpeg prints its first warning only


@dataclass(frozen=True)
class LoadedPage:
    """A page's gray pixels (None: the file does not decode), and whether its decoder said the data is damaged
    while it still gave pixels (parts of the page may be gray or garbled: every answer needs a person's eyes)."""

    pixels: Any
    damaged: bool = False


class Heard:
    """What a decoder wrote to stderr while it ran (filled when its ``decoder_heard`` block ends)."""

    def __init__(self) -> None:
        self.text = ""

    @property
    def damaged(self) -> bool:
        """True when a line of it is a complaint about the data, not one of the harmless notes."""
        return any(line.strip() and (_DAMAGE.search(line) or not _HARMLESS.search(line))
                   for line in self.text.splitlines())


@contextmanager
def decoder_heard() -> Iterator[Heard]:
    """fd 2 sent to a temporary file while a C decoder runs, and read back: libpng and libjpeg print "libpng
    error: IDAT: CRC error", "Corrupt JPEG data: …" there, on the terminal of ``exam scan`` (and the GUI's), with
    no file named.  What another thread writes to stderr during the decode (tens of milliseconds) is taken for
    the decoder's: a false doubt at worst, never a missed one."""
    heard = Heard()
    if sys.stderr is not None:  # None in a Windows GUI app without a console
        sys.stderr.flush()
    with _STDERR_OWNER, tempfile.TemporaryFile() as caught:
        try:
            saved: int | None = os.dup(2)
        except OSError:  # no fd 2 at all (the same GUI app): give the decoder one for the time it runs
            saved = None
        try:
            os.dup2(caught.fileno(), 2)
            yield heard
        finally:
            if saved is None:
                os.close(2)
            else:
                os.dup2(saved, 2)
                os.close(saved)
        caught.seek(0)
        heard.text = caught.read(_HEARD_LIMIT).decode("utf-8", "replace")


def embedded_jpeg_damaged(data: bytes) -> bool:
    """True unless *data* (a JPEG stream stored in a PDF) decodes whole: no complaint from libjpeg, no refusal
    (OpenCV refuses a stream cut short without its end marker, which pdftoppm and PDFium draw half gray,
    silently).  Decoded at an eighth of its size: libjpeg still reads every bit of the compressed data, where
    damage shows, and skips most of the rest (2 ms CPU for a clean 150 dpi page, 7 ms for a noisy 200 dpi
    one).  A stream whose own header declares more than MAX_PIXELS, or that no decoder here can measure, is not
    decoded and counts as damaged: the PDF declared a page-sized image (it was measured before drawing), and
    its drawing cannot be vouched for."""
    import cv2
    import numpy as np

    if not _fits(data):
        return True
    with decoder_heard() as heard:
        pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_REDUCED_GRAYSCALE_8)
    return pixels is None or heard.damaged


def _fits(data: bytes) -> bool:
    """The JPEG's own header declares at most MAX_PIXELS (the plain header read directly, any other by Pillow)."""
    if read_jpeg_header(data, MAX_PIXELS) is not None:
        return True
    import io

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # MAX_PIXELS is checked below
            with Image.open(io.BytesIO(data), formats=("JPEG",)) as image:
                width, height = image.size
    except (Image.DecompressionBombError, OSError, ValueError, EOFError, SyntaxError):
        return False
    return 0 < width * height <= MAX_PIXELS
