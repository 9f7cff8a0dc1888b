"""Pictures resampled for the size they are printed or shown at.

A phone photo has 12 megapixels; printed 16 cm wide it needs about 1,400.
Embedding the original made a plan with ten photos a 43 MB PDF and cost
~950 MB of memory while reportlab decoded every photo in full.  Every writer
(plan PDF and DOCX, PPTX, handout) asks ``fitted`` for the bytes to embed:

- at most ``MAX_DPI`` (220) pixels per inch at the placed size;
- JPEG decoded at a reduced scale first (``Image.draft``), so a 12 MP photo
  never occupies more than a few megabytes;
- photos (JPEG sources, or pictures with many colours and no transparency)
  are written as JPEG, drawings and screenshots with few colours as PNG;
- the camera's EXIF orientation is applied, so a portrait photo stays upright
  in every client;
- a picture already small enough is embedded unchanged: at most
  ``UNCHANGED_UP_TO`` times the target in each direction.  Decoding,
  resampling and re-encoding a JPEG a little larger than needed cost more
  time than the bytes they save (a 1600 × 900 picture on a slide: most of a
  deck's export time), and every JPEG re-encoding loses detail.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache

from lecturer_app.formats.jpeg_header import read_jpeg_header
from lecturer_app.formats.pictures import MAX_PIXELS

MAX_DPI = 220
JPEG_QUALITY = 85
# A picture up to this many times its target pixels in each direction is embedded as it is (≤ 2.25× the pixels).
UNCHANGED_UP_TO = 1.5
FEW_COLOURS = 256          # at most this many distinct colours: a drawing, kept lossless (PNG)
_TRANSPOSED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


@dataclass(frozen=True)
class Picture:
    """Bytes ready to embed, with their pixel size and format ("jpeg" or "png")."""

    data: bytes
    width: int
    height: int
    format: str


def display_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels as shown upright, without decoding; None when unreadable."""
    plain = read_jpeg_header(data, MAX_PIXELS)   # a photo's answer without loading Pillow
    if plain is not None:
        size = (plain.width, plain.height)
        return size[::-1] if plain.orientation in _TRANSPOSED else size
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            return (height, width) if _orientation(image) in _TRANSPOSED else (width, height)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def placed_size(pixels: tuple[int, int], max_width: float, max_height: float) -> tuple[float, float]:
    """Points on the page: one pixel per point (72 dpi) at most, shrunk to fit the box, aspect kept."""
    width, height = pixels
    scale = min(1.0, max_width / width, max_height / height)
    return width * scale, height * scale


def placed_picture(data: bytes, max_width: float, max_height: float) -> tuple[Picture, float, float] | None:
    """(resampled picture, width, height in points) of *data* fitted in the box (``placed_size``), or None."""
    pixels = display_size(data)
    if pixels is None:
        return None
    width, height = placed_size(pixels, max_width, max_height)
    picture = fitted(data, width, height)
    return (picture, width, height) if picture is not None else None


@lru_cache(maxsize=8)
def fitted(data: bytes, width_pt: float, height_pt: float, *, max_dpi: int = MAX_DPI) -> Picture | None:
    """*data* resampled for a *width_pt* × *height_pt* placement; None when it is not a readable picture.

    The last few results are kept: an exam build prints the same picture in every mã đề.
    """
    try:
        target = _target(width_pt, height_pt, max_dpi)
    except ValueError:   # a NaN placement: no picture, as when this was computed inside Pillow's guard below
        return None
    plain = read_jpeg_header(data, MAX_PIXELS)
    if plain is not None and plain.orientation in (1, None) and _unchanged((plain.width, plain.height), target):
        return Picture(data, plain.width, plain.height, "jpeg")   # what ``_fitted`` returns, without Pillow
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return _fitted(image, data, target)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def _target(width_pt: float, height_pt: float, dpi: int) -> tuple[int, int]:
    return max(1, math.ceil(width_pt / 72 * dpi)), max(1, math.ceil(height_pt / 72 * dpi))


def _fitted(image, data: bytes, target: tuple[int, int]) -> Picture:
    from PIL import ImageOps

    upright = _orientation(image) in (1, None)
    size = image.size if upright or _orientation(image) not in _TRANSPOSED else image.size[::-1]
    kind = (image.format or "").lower()
    if upright and kind in ("jpeg", "png") and _unchanged(size, target):
        return Picture(data, size[0], size[1], kind)
    if kind == "jpeg":
        # Decode at 1/2, 1/4 or 1/8 scale when that still covers the target: the memory bound.
        image.draft("RGB", _oriented(target, image))
    image = ImageOps.exif_transpose(image)
    image.thumbnail(target, _lanczos())
    return _encoded(image, photo=kind == "jpeg")


def _unchanged(size: tuple[int, int], target: tuple[int, int]) -> bool:
    return size[0] <= target[0] * UNCHANGED_UP_TO and size[1] <= target[1] * UNCHANGED_UP_TO


def _oriented(target: tuple[int, int], image) -> tuple[int, int]:
    """The target in stored (not yet rotated) pixels."""
    return target[::-1] if _orientation(image) in _TRANSPOSED else target


def _orientation(image) -> int | None:
    try:
        return image.getexif().get(0x0112)
    except (OSError, ValueError, SyntaxError):   # a broken EXIF block: treat as upright
        return None


def _lanczos():
    from PIL import Image

    return Image.Resampling.LANCZOS


def _encoded(image, *, photo: bool) -> Picture:
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if not transparent and (photo or image.getcolors(FEW_COLOURS) is None):
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        return Picture(buffer.getvalue(), image.width, image.height, "jpeg")
    buffer = io.BytesIO()
    if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
        image = image.convert("RGBA" if transparent else "RGB")
    image.save(buffer, format="PNG", optimize=True)
    return Picture(buffer.getvalue(), image.width, image.height, "png")
