"""What a page may measure before it is decoded, and the shrinking after: shared by the image and PDF readers.

A scan is a file anyone can hand over: a 900 KB PNG may declare 30000 × 30000
pixels, a PDF may draw an image of that size.  Every reader measures first
and refuses with ``PageRefused`` (its reason an ``i18n.Message``, worded where shown or written); the
reader reports it as a page not read and goes on with the others.
"""

from __future__ import annotations

from typing import Any

from lecturer_app.i18n import N_, SCREEN, Message

MAX_SIDE = 2400  # A4 at 200 dpi is 1654 × 2339
# The largest page decoded.  The biggest real scan of a sheet is an A3 bed at 600 dpi: 7016 × 9921, 70
# megapixels; 100 leaves room for a scanner's margins and a 108-megapixel phone photo.  Decoded gray that is
# 100 MB (a colour TIFF page: 400 MB while Pillow converts it), what a 4 GB laptop can give one page.
MAX_PIXELS = 100_000_000
# The shortest side of a page: 100 px across a sheet is under 0.5 px/mm, far too coarse to read, and the
# reader's shrinking of a narrower strip would leave no pixel at all.
MIN_SIDE = 100


class PageRefused(Exception):
    """A page not decoded, and why (too large, not shaped like a page, too slow, too demanding): ``reason``,
    worded where it is shown or written; ``str()`` is its screen wording."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason(SCREEN))
        self.reason = reason


def check_size(width: int, height: int) -> None:
    """PageRefused when *width* × *height* is over MAX_PIXELS or a side is under MIN_SIDE."""
    if width * height > MAX_PIXELS:
        raise PageRefused(too_large(pixels(width, height)))
    if min(width, height) < MIN_SIDE:
        raise PageRefused(Message.of(N_("ảnh {w} × {h} điểm ảnh quá nhỏ hoặc quá hẹp, không phải ảnh một trang "
                                        "phiếu"), w=width, h=height))


def pixels(width: int, height: int) -> Message:
    """«W × H điểm ảnh», the size a refusal names."""
    return Message.of(N_("{w} × {h} điểm ảnh"), w=width, h=height)


def too_large(size: Message) -> Message:
    return Message.of(N_("ảnh quá lớn ({size}): một trang được tối đa {limit} triệu điểm ảnh (khổ A3 quét ở 600 dpi "
                         "là khoảng 70 triệu); hãy quét lại ở 200–300 dpi"), size=size, limit=MAX_PIXELS // 1_000_000)


def page_shaped(image: Any) -> Any:
    """*image*, or PageRefused when a side is under MIN_SIDE (a PDF page rendered from a strip of a MediaBox,
    a header that lied): shrinking it would leave no pixel."""
    if image is not None:
        check_size(image.shape[1], image.shape[0])
    return image


def bounded(image: Any) -> Any:
    """*image* shrunk to MAX_SIDE pixels on its long side (None stays None)."""
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
