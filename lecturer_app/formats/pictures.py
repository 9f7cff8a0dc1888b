"""Pictures a document may carry: limited by pixel count, which is what decoding them costs.

A PNG of 30,000 × 30,000 black pixels is 109 KB on disk and 900 MB to
3.6 GB once decoded for a PDF or a slide, so a picture is checked at import
by the size its header declares (read without decoding it).  ``MAX_PIXELS``
is 40 megapixels: a modern phone photo (12–48 MP, usually 12) passes, and
decoding one costs at most 160 MB.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from lecturer_app.core.errors import InputFileError
from lecturer_app.formats.jpeg_header import read_jpeg_header
from lecturer_app.i18n import _

MAX_PIXELS = 40_000_000
_PILLOW_COUNT = re.compile(r"\((\d+) pixels\)")


def pixel_count(data: bytes) -> int | None:
    """Width × height from the picture's header, or None when it is not a picture Pillow knows."""
    plain = read_jpeg_header(data, MAX_PIXELS)   # a photo's answer without loading Pillow
    if plain is not None:
        return plain.width * plain.height
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size alone is what we want
        try:
            with Image.open(io.BytesIO(data)) as image:
                return image.size[0] * image.size[1]
        except Image.DecompressionBombError as error:  # Pillow's own limit, far above ours
            found = _PILLOW_COUNT.search(str(error))
            return int(found.group(1)) if found else MAX_PIXELS + 1
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            return None


def oversized(data: bytes) -> str:
    """Why the picture in *data* is refused ("" when it is not too large)."""
    count = pixel_count(data)
    if count is None or count <= MAX_PIXELS:
        return ""
    return _("hình quá lớn: {n} triệu điểm ảnh (tối đa {limit} triệu); hãy thu nhỏ hình rồi nhập lại").format(
        n=round(count / 1_000_000), limit=MAX_PIXELS // 1_000_000)


def check_picture_file(path: Path) -> None:
    """Refuse a picture file chosen in the GUI when it is too large to decode (InputFileError)."""
    reason = oversized(path.read_bytes())
    if reason:
        raise InputFileError(path, "", reason)
