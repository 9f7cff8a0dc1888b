"""Finding the grids of a sheet printed before the QR code (layout 0), from the sheet's known old layout.

Those sheets have today's corner marks and the same grids at the same x,
but the whole block sits under a heading whose height varied: the block's
top is one of a few known values (``OLD_GRID_TOPS``), and the answer rows
sit ``OLD_ANSWER_DROP`` lower than today's relative to the digits.  Each
candidate is scored by how much darker the printed rings are than the paper
just outside them; the best must beat every other candidate clearly (and
the page turned over), otherwise the page is reported unreadable, never
guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lecturer_app.formats import answer_sheet_layout as L
from lecturer_app.importers.omr.locate import PX_PER_MM
from lecturer_app.importers.omr.measure import annulus_offsets

CLEAR_WIN = 1.4  # the best candidate's ring contrast must be at least this many times any other's
MIN_CONTRAST = 0.08  # and the rings this much darker (in ink) than the paper around them


@dataclass(frozen=True)
class OldGrid:
    page: Any  # the page, turned upright if it was upside down
    shift: float  # millimetres from today's digit grid down to the old one
    turned: bool


def find_old_grid(page: Any, questions: int, letters: int) -> OldGrid | None:
    """The old sheet's grid position on a located *page*, or None when no candidate is clearly right."""
    import numpy as np

    turned_page = np.ascontiguousarray(np.rot90(page, 2))
    scored = [(_contrast(candidate, questions, letters, top - L.GRID_TOP), top - L.GRID_TOP, turned, candidate)
              for turned, candidate in ((False, page), (True, turned_page)) for top in L.OLD_GRID_TOPS]
    scored.sort(key=lambda item: item[0], reverse=True)
    best, runner_up = scored[0], scored[1]
    if best[0] < MIN_CONTRAST or best[0] < CLEAR_WIN * max(runner_up[0], 1e-6):
        return None
    if not _fits_exactly(best[3], questions, letters, best[1]):
        return None  # a sheet printed for another number of questions: its rows are not where this exam's are
    return OldGrid(best[3], best[1], best[2])


def old_rows(questions: int, letters: int, shift: float) -> tuple[list, list, list]:
    """(SBD columns, mã đề columns, answer rows) of an old sheet whose block is *shift* mm lower than today's."""
    answers = [L.answer_bubbles(n, questions, letters) for n in range(1, questions + 1)]
    return (L.shifted(L.sbd_bubbles(), shift), L.shifted(L.code_bubbles(), shift),
            L.shifted(answers, shift + L.OLD_ANSWER_DROP))


def _contrast(page: Any, questions: int, letters: int, shift: float) -> float:
    """How much darker the printed rings are than the paper just outside them: the smaller of the digit grids'
    and the answer grid's, so that both must fit (rows 5 mm and 6 mm apart: no other shift fits both)."""
    sbd, code, answers = old_rows(questions, letters, shift)
    return min(_ring_contrast(page, [*sbd, *code]), _ring_contrast(page, answers))


def _fits_exactly(page: Any, questions: int, letters: int, shift: float) -> bool:
    """Every bubble of this exam's grid has its printed ring (a sheet printed for fewer questions has gaps) and
    no ring follows the last row of a column (one printed for more questions has them)."""
    import numpy as np

    sbd, code, answers = old_rows(questions, letters, shift)
    each = _ring_contrasts(page, [*sbd, *code, *answers])
    if each is None:
        return False
    typical = float(np.median(each))
    if float((each < 0.3 * typical).mean()) > 0.02:
        return False
    after = _rows_after_last(questions, letters, shift + L.OLD_ANSWER_DROP)
    if not after:
        return True
    beyond = _ring_contrasts(page, after)
    return beyond is None or float(beyond.max()) < 0.3 * typical


def _rows_after_last(questions: int, letters: int, shift: float) -> list[list[L.Bubble]]:
    """Where a row would be printed after the last row of each column, if it fits on the page."""
    rows, columns = L.grid_shape(questions)
    found = []
    for column in range(columns):
        x, _y = L.question_origin(column * rows + 1, questions)
        y = L.BUBBLES_TOP + 8.0 + rows * L.ROW_H + (rows // 5) * L.GROUP_GAP + shift
        if y + 3 * L.BUBBLE_R < L.MARK_CENTRES[3][1] - L.MARK_SIZE:
            found.append([L.Bubble(x + L.FIRST_LETTER_DX + i * L.LETTER_STEP, y, L.BUBBLE_R) for i in range(letters)])
    return found


def _ring_contrast(page: Any, rows: list[list[L.Bubble]]) -> float:
    each = _ring_contrasts(page, rows)
    return 0.0 if each is None else float(each.mean())


def _ring_contrasts(page: Any, rows: list[list[L.Bubble]]) -> Any:
    """Per bubble, mean ink on its ring minus mean ink just outside; None if the bubbles run off the page."""
    import numpy as np

    centres = np.array([(b.x, b.y) for row in rows for b in row]) * PX_PER_MM
    radius = L.BUBBLE_R * PX_PER_MM  # the digit rings (2.0 mm) are near enough at 6 px/mm
    if centres[:, 1].min() < 3 * radius or centres[:, 1].max() + 3 * radius >= page.shape[0]:
        return None
    ring, outside = annulus_offsets(radius, 0.85, 1.12), annulus_offsets(radius, 1.3, 1.45)
    ys, xs = np.rint(centres[:, 1]).astype(int), np.rint(centres[:, 0]).astype(int)
    on_ring = page[ys[:, None] + ring[0][None, :], xs[:, None] + ring[1][None, :]].mean(axis=1)
    around = page[ys[:, None] + outside[0][None, :], xs[:, None] + outside[1][None, :]].mean(axis=1)
    return on_ring - around
