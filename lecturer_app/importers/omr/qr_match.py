"""Recognising this exam's QR code when the decoder cannot read it: compare it with the codes the exam prints.

A noisy, blurred or JPEG-damaged code is often lost by the decoder although
nearly every module can still be seen: the located page puts the code
exactly where the layout printed it.  The reader knows which payloads this
exam's sheets carry (one per page), so each is drawn again (segno, as the
writer does) and compared module by module with the scan.  Payloads of two
exams differ in 20–50 % of the modules, two pages of one exam (one character
apart) in about 7 %: a scan within ``MAX_WRONG`` of one payload and at least
``MIN_GAP`` nearer to it than to any other is that page; any other outcome
leaves the code unread (never a guess).
"""

from __future__ import annotations

import functools
from typing import Any

from lecturer_app.formats import answer_sheet_layout as L
from lecturer_app.importers.omr.locate import PX_PER_MM

MAX_WRONG = 0.03  # of all modules (level M corrects 15 % of the codewords)
MIN_GAP = 0.035  # the runner-up payload must be at least this much further (half of a one-character difference)
SHIFTS = (-1.5, -0.75, 0.0, 0.75, 1.5)  # pixels: the warp's residual error
MARGIN = 4  # pixels around the code's square: room for the shifts


def match_payload(page: Any, payloads: list[str]) -> tuple[str, bool] | None:
    """(payload, upside down) of the one payload the page's code matches, or None."""
    matrices = [(payload, _matrix(payload)) for payload in payloads]
    for turned in (False, True):  # upright first: the page the wrong way up only when nothing matches
        integral = _integral(_code_patch(page, turned))
        scores = sorted((_best_wrong(integral, matrix), payload) for payload, matrix in matrices)
        best, runner_up = scores[0][0], scores[1][0] if len(scores) > 1 else 1.0
        if best <= MAX_WRONG:
            return (scores[0][1], turned) if runner_up - best >= MIN_GAP else None
    return None


@functools.lru_cache(maxsize=64)  # the same few payloads on every page of a scan
def _matrix(payload: str) -> Any:
    import numpy as np
    import segno

    return np.array([list(row) for row in segno.make(payload, error="m", micro=False).matrix], dtype=bool)


def _code_patch(page: Any, turned: bool) -> Any:
    """The code's square and MARGIN around it, from the page as it is or turned by 180°."""
    import numpy as np

    y0, x0 = int(L.QR_Y * PX_PER_MM) - MARGIN, int(L.QR_X * PX_PER_MM) - MARGIN
    size = int(L.QR_SIZE * PX_PER_MM) + 2 * MARGIN
    if not turned:
        return page[y0:y0 + size, x0:x0 + size]
    h, w = page.shape
    return np.rot90(page[h - y0 - size:h - y0, w - x0 - size:w - x0], 2)


def _integral(patch: Any) -> Any:
    import cv2
    import numpy as np

    return cv2.integral(np.ascontiguousarray(patch, dtype=np.float32))


def _best_wrong(integral: Any, matrix: Any) -> float:
    """The smallest share of modules that disagree with *matrix*, over the small shifts."""
    return min(_wrong(integral, matrix, dx, dy) for dy in SHIFTS for dx in SHIFTS)


def _wrong(integral: Any, matrix: Any, dx: float, dy: float) -> float:
    import numpy as np

    values = _module_ink(integral, matrix.shape[0], dx, dy)
    dark, light = values[matrix], values[~matrix]
    level = (float(np.median(dark)) + float(np.median(light))) / 2  # halfway between the two kinds of module
    return float(((values > level) != matrix).mean())


def _module_ink(integral: Any, n: int, dx: float, dy: float) -> Any:
    """Mean ink of the middle of each module of the patch (a 30 % inset keeps neighbours and blur out)."""
    import numpy as np

    step = L.QR_SIZE / n * PX_PER_MM
    edges = np.arange(n + 1) * step
    low, high = edges[:-1] + 0.3 * step, edges[1:] - 0.3 * step
    y0, y1 = np.rint(MARGIN + dy + low).astype(int), np.rint(MARGIN + dy + high).astype(int)
    x0, x1 = np.rint(MARGIN + dx + low).astype(int), np.rint(MARGIN + dx + high).astype(int)
    total = integral[y1][:, x1] - integral[y0][:, x1] - integral[y1][:, x0] + integral[y0][:, x0]
    return total / np.maximum((y1 - y0)[:, None] * (x1 - x0)[None, :], 1)
