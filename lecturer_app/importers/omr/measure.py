"""Measuring bubbles on a located page: the ink inside each bubble and just outside it.

A bubble's inside carries its printed letter or digit, so ``fill`` is
measured against the page's own empty bubbles (the median of a grid: most
bubbles of a sheet are empty) and scaled by the ink of the printed corner
marks, which makes it the same for a dark scan, a pale photo and a pencil.
The ring outside a bubble is empty on a clean sheet; the arms of a cross
(a fill crossed out to correct it) or scribbles land there.
"""

from __future__ import annotations

from typing import Any

from lecturer_app.exam.scan import BubbleMark
from lecturer_app.formats.answer_sheet_layout import Bubble
from lecturer_app.importers.omr.locate import PX_PER_MM

INNER = 0.72  # of the radius: inside the printed ring
OUTER = (1.3, 1.75)  # the ring outside, clear of the neighbouring bubbles (6 mm apart)
SEARCH_PX = 2  # each grid row may sit this many pixels off (paper that is not flat)


def _kernel(radius: float, low: float, high: float) -> Any:
    """A normalised annulus (low…high × radius): filtering with it gives the mean ink over that ring."""
    import numpy as np

    span = int(high * radius) + 1
    ys, xs = np.mgrid[-span:span + 1, -span:span + 1]
    distance = np.hypot(xs, ys)
    kernel = ((distance >= low * radius) & (distance <= high * radius)).astype(np.float32)
    return kernel / kernel.sum()


def measure_rows(page: Any, rows: list[list[Bubble]], black: float) -> list[list[BubbleMark]]:
    """BubbleMarks for every row of bubbles (a question's letters, or a digit column)."""
    import numpy as np

    radius = rows[0][0].r * PX_PER_MM
    crop, origin = _crop(page, rows, radius)
    inner, ring, outer = (_filtered(crop, _kernel(radius, *k)) for k in ((0.0, INNER), (0.9, 1.1), OUTER))
    raw = []
    for row in rows:
        centres = [(int(round(b.x * PX_PER_MM)) - origin[0], int(round(b.y * PX_PER_MM)) - origin[1]) for b in row]
        dx, dy = _best_shift(ring, centres)
        raw.append([(float(inner[y + dy, x + dx]), float(outer[y + dy, x + dx])) for x, y in centres])
    flat = np.array([value for row in raw for value in row])
    base_in, base_out = float(np.median(flat[:, 0])), float(np.median(flat[:, 1]))
    span = max(black - base_in, 0.2)
    return [[BubbleMark(round(max(0.0, (i - base_in) / span), 3), round(max(0.0, (o - base_out) / black), 3))
             for i, o in row] for row in raw]


def _crop(page: Any, rows: list[list[Bubble]], radius: float) -> tuple[Any, tuple[int, int]]:
    """The part of the page around these bubbles (filtering the whole page would be wasted work)."""
    pad = int(2 * radius) + SEARCH_PX + 2
    xs = [b.x * PX_PER_MM for row in rows for b in row]
    ys = [b.y * PX_PER_MM for row in rows for b in row]
    x0, y0 = max(0, int(min(xs)) - pad), max(0, int(min(ys)) - pad)
    x1, y1 = min(page.shape[1], int(max(xs)) + pad), min(page.shape[0], int(max(ys)) + pad)
    return page[y0:y1, x0:x1], (x0, y0)


def _filtered(crop: Any, kernel: Any) -> Any:
    import cv2

    return cv2.filter2D(crop, -1, kernel, borderType=cv2.BORDER_REPLICATE)


def _best_shift(ring: Any, centres: list[tuple[int, int]]) -> tuple[int, int]:
    """The small shift that puts the printed rings of this row darkest: corrects paper that is not flat."""
    best, shift = -1.0, (0, 0)
    for dy in range(-SEARCH_PX, SEARCH_PX + 1):
        for dx in range(-SEARCH_PX, SEARCH_PX + 1):
            score = sum(float(ring[y + dy, x + dx]) for x, y in centres)
            if score > best + 1e-6:
                best, shift = score, (dx, dy)
    return shift
