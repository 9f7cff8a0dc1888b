"""Measuring bubbles on a located page: the ink inside each bubble and just outside it.

A bubble's inside carries its printed letter or digit, so ``fill`` is
measured against the page's own empty bubbles (the median of a grid: most
bubbles of a sheet are empty) and scaled by the ink of the printed corner
marks, which makes it the same for a dark scan, a pale photo and a pencil.
The ring outside a bubble is empty on a clean sheet; the arms of a cross
(a fill crossed out to correct it) or scribbles land there.

``ring`` says the bubble is where the layout puts it: its printed circle is
darker than the paper just outside.  The four corner marks fix the page as a
whole; a part of the image that moved on its own (a JPEG whose data was
damaged shifts everything after the damage, a fold) would otherwise be
measured where no bubble is, and a filled answer read as blank, silently.
"""

from __future__ import annotations

from typing import Any

from lecturer_app.exam.scan import BubbleMark
from lecturer_app.formats.answer_sheet_layout import Bubble
from lecturer_app.importers.omr.locate import PX_PER_MM

INNER = 0.72  # of the radius: inside the printed ring
OUTER = (1.3, 1.75)  # the ring outside, clear of the neighbouring bubbles (6 mm apart)
PRINTED = (0.85, 1.12)  # of the radius: the printed circle itself
SEARCH_PX = 2  # each grid row may sit this many pixels off (paper that is not flat)


def annulus_offsets(radius: float, low: float, high: float) -> tuple[Any, Any]:
    """Pixel offsets of the annulus low…high × radius around a centre."""
    import numpy as np

    span = int(high * radius) + 1
    ys, xs = np.mgrid[-span:span + 1, -span:span + 1]
    distance = np.hypot(xs, ys)
    keep = (distance >= low * radius) & (distance <= high * radius)
    return ys[keep], xs[keep]


def measure_rows(page: Any, rows: list[list[Bubble]], black: float) -> list[list[BubbleMark]]:
    """BubbleMarks for every row of bubbles (a question's letters, or a digit column)."""
    import numpy as np

    radius = rows[0][0].r * PX_PER_MM
    inner, outer = annulus_offsets(radius, 0.0, INNER), annulus_offsets(radius, *OUTER)
    placed = []
    for row in rows:
        centres = [(int(round(b.x * PX_PER_MM)), int(round(b.y * PX_PER_MM))) for b in row]
        dx, dy = _best_shift(page, centres, radius)
        placed += [(x + dx, y + dy) for x, y in centres]
    where = np.array(placed)
    ins, outs = _means(page, where, inner), _means(page, where, outer)
    base_in, base_out = float(np.median(ins)), float(np.median(outs))
    span = max(black - base_in, 0.2)
    fills = np.maximum(0.0, (ins - base_in) / span).round(3).tolist()
    rings = np.maximum(0.0, (outs - base_out) / black).round(3).tolist()
    printed = ((_means(page, where, annulus_offsets(radius, *PRINTED)) - outs) / black).round(3).tolist()
    marks, start = [], 0
    for row in rows:
        marks.append([BubbleMark(fills[i], rings[i], printed[i]) for i in range(start, start + len(row))])
        start += len(row)
    return marks


def _means(page: Any, where: Any, offsets: tuple[Any, Any]) -> Any:
    """Mean ink over the offsets around every (x, y) at once; every bubble lies ≥ 20 mm inside the page, so no
    clipping."""
    ys, xs = offsets
    return page[where[:, 1:2] + ys[None, :], where[:, 0:1] + xs[None, :]].mean(axis=1, dtype="float64")


def _best_shift(page: Any, centres: list[tuple[int, int]], radius: float) -> tuple[int, int]:
    """The small shift that puts the printed rings of this row darkest: corrects paper that is not flat.

    One template of the whole row's rings, matched over ±SEARCH_PX around where the layout puts it.
    """
    import cv2
    import numpy as np

    pad = int(1.2 * radius) + 1
    x0, y0 = min(x for x, _ in centres) - pad, min(y for _, y in centres) - pad
    x1, y1 = max(x for x, _ in centres) + pad + 1, max(y for _, y in centres) + pad + 1
    template = np.zeros((y1 - y0, x1 - x0), np.float32)
    for x, y in centres:
        cv2.circle(template, (x - x0, y - y0), int(round(radius)), 1.0, max(1, int(radius * 0.15)))
    s = SEARCH_PX
    h, w = page.shape
    if y0 - s < 0 or x0 - s < 0 or y1 + s > h or x1 + s > w:
        return 0, 0
    window = np.ascontiguousarray(page[y0 - s:y1 + s, x0 - s:x1 + s], dtype=np.float32)
    scores = cv2.matchTemplate(window, template, cv2.TM_CCORR)
    dy, dx = np.unravel_index(int(np.argmax(scores)), scores.shape)
    return int(dx) - s, int(dy) - s
