"""Where everything sits on the phiếu trả lời: shared by the PDF writer and the scanner (issue #18).

All positions are millimetres on an A4 page measured from its TOP-LEFT corner
(y grows downwards, as in an image).  The writer turns them into PDF points;
the reader maps the four corner marks of a scan onto ``MARK_CENTRES`` and
then finds every bubble at the position given here, so the two can never
disagree.  The layout depends only on the number of questions and options,
which the sheet's QR code carries (``qr_payload``), never on the heading text.

An exam with more questions than one page holds (``PAGE_CAPACITY``) gets a
sheet of several pages (``sheet_pages``): each page repeats the heading and
the SBD / mã đề grids (the learner fills them on every page, which joins the
pages of one learner) and carries its share of the questions, numbered as
in the paper; its QR code says "page/pages".

Sheets printed before the QR code (layout 0) had the same grids placed under
a heading of variable height: ``old_layout_offsets`` gives where they can be.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

PAGE_W = 210.0
PAGE_H = 297.0
MARK_SIZE = 5.0
MARK_MARGIN = 8.0
# Corner mark centres: top-left, top-right, bottom-right, bottom-left.
MARK_CENTRES: tuple[tuple[float, float], ...] = (
    (MARK_MARGIN + MARK_SIZE / 2, MARK_MARGIN + MARK_SIZE / 2),
    (PAGE_W - MARK_MARGIN - MARK_SIZE / 2, MARK_MARGIN + MARK_SIZE / 2),
    (PAGE_W - MARK_MARGIN - MARK_SIZE / 2, PAGE_H - MARK_MARGIN - MARK_SIZE / 2),
    (MARK_MARGIN + MARK_SIZE / 2, PAGE_H - MARK_MARGIN - MARK_SIZE / 2),
)
QR_X, QR_Y, QR_SIZE = 172.0, 16.0, 20.0  # the QR code's square (top-right, clear of the heading)
HEADING_RIGHT = 168.0  # centred heading lines are shrunk to end before the QR code

SBD_DIGITS = 6
CODE_DIGITS = 3
DIGIT_COLUMN = 6.0
DIGIT_ROW = 5.0
DIGIT_R = 2.0
GRID_TOP = 50.0  # top of the SBD / mã đề block
SBD_X = PAGE_W - 20.0 - (SBD_DIGITS + CODE_DIGITS) * DIGIT_COLUMN - 8.0
CODE_X = SBD_X + SBD_DIGITS * DIGIT_COLUMN + 8.0
DIGITS_BOTTOM = GRID_TOP + 16.0 + 9 * DIGIT_ROW + 4.0

BUBBLE_R = 2.1
ROW_H = 6.0
GROUP_GAP = 2.0  # extra space after every five rows
LETTER_STEP = 6.0
FIRST_LETTER_DX = 12.0
BUBBLES_TOP = DIGITS_BOTTOM + 6.0  # the instruction line; the first row is 8 mm below
MAX_ROWS = 25
MAX_COLUMNS = 5
LEFT = 20.0
USABLE_W = PAGE_W - 40.0

QR_MAGIC = "LAPP-PTL"
LAYOUT_VERSION = 1


@dataclass(frozen=True, eq=False)  # nothing compares or hashes two: a fresh build compiles no __eq__, __hash__
class Bubble:
    """One circle: centre (mm from the top-left) and radius."""

    x: float
    y: float
    r: float


@dataclass(frozen=True)
class SheetCode:
    """What the QR code says: which exam, which page, and the grid it describes."""

    exam_id: str
    page: int
    pages: int
    questions: int
    letters: int
    layout: int = LAYOUT_VERSION


NO_EXAM_ID = "-"   # in the QR code of an exam without an id (manifests from before exams had ids)


def qr_payload(code: SheetCode) -> str:
    """``LAPP-PTL|1|<exam id>|1/1|40|4``: short, so the code stays large at 20 mm."""
    exam_id = code.exam_id or NO_EXAM_ID
    return f"{QR_MAGIC}|{code.layout}|{exam_id}|{code.page}/{code.pages}|{code.questions}|{code.letters}"


def parse_qr_payload(text: str) -> SheetCode | None:
    """The SheetCode of a payload, or None when the text is not one of ours."""
    parts = text.strip().split("|")
    if len(parts) != 6 or parts[0] != QR_MAGIC:
        return None
    try:
        page, pages = (int(n) for n in parts[3].split("/"))
        exam_id = "" if parts[2] == NO_EXAM_ID else parts[2]
        return SheetCode(exam_id, page, pages, int(parts[4]), int(parts[5]), int(parts[1]))
    except ValueError:
        return None


def grid_shape(questions: int) -> tuple[int, int]:
    """(rows per column, columns) for *questions* bubbled rows."""
    columns = max(1, math.ceil(questions / MAX_ROWS))
    rows = max(5, math.ceil(questions / columns))
    return rows, columns


PAGE_CAPACITY = MAX_ROWS * MAX_COLUMNS


def sheet_pages(questions: int) -> int:
    """How many pages the sheet of *questions* bubbled questions has."""
    return max(1, math.ceil(questions / PAGE_CAPACITY))


def page_questions(page: int, questions: int) -> range:
    """The question numbers (1-based) printed on *page* (1-based): the questions shared evenly between pages."""
    each = math.ceil(questions / sheet_pages(questions))
    return range((page - 1) * each + 1, min(page * each, questions) + 1)


def question_page(number: int, questions: int) -> int:
    """The sheet page that carries question *number*."""
    return (number - 1) // math.ceil(questions / sheet_pages(questions)) + 1


def question_origin(number: int, questions: int) -> tuple[float, float]:
    """Left x of question *number*'s column and the y of its row centre, on a page of *questions* questions."""
    rows, columns = grid_shape(questions)
    column, row = divmod(number - 1, rows)
    x = LEFT + column * USABLE_W / columns
    y = BUBBLES_TOP + 8.0 + row * ROW_H + (row // 5) * GROUP_GAP
    return x, y


def answer_bubbles(number: int, questions: int, letters: int) -> list[Bubble]:
    """The A, B, C… bubbles of question *number* (1-based) of a sheet of *questions*, on its own page
    (``question_page``)."""
    span = page_questions(question_page(number, questions), questions)
    x, y = question_origin(number - span.start + 1, len(span))
    return [Bubble(x + FIRST_LETTER_DX + i * LETTER_STEP, y, BUBBLE_R) for i in range(letters)]


def bubble_at(x: float, y: float, page: int, questions: int, letters: int) -> tuple[int, int] | None:
    """(question, letter index) of the answer bubble under (x, y) millimetres of sheet *page*, or None.

    A click within 1.25 radius counts (bubbles are 6 mm apart: a click halfway between two hits neither).
    """
    for number in page_questions(page, questions):
        for index, bubble in enumerate(answer_bubbles(number, questions, letters)):
            if math.hypot(x - bubble.x, y - bubble.y) <= 1.25 * bubble.r:
                return number, index
    return None


def digit_bubbles(left: float, digits: int) -> list[list[Bubble]]:
    """Per digit column (left to right), the bubbles of 0…9 (top to bottom)."""
    return [[Bubble(left + d * DIGIT_COLUMN + DIGIT_COLUMN / 2, GRID_TOP + 16.0 + v * DIGIT_ROW, DIGIT_R)
             for v in range(10)] for d in range(digits)]


def sbd_bubbles() -> list[list[Bubble]]:
    return digit_bubbles(SBD_X, SBD_DIGITS)


def code_bubbles() -> list[list[Bubble]]:
    return digit_bubbles(CODE_X, CODE_DIGITS)


# The sheet before the QR code (layout 0): the same grids, the same x, but the whole block placed under the
# heading: its top was 26 mm + 4.5 mm per organisation line + 6 mm per title / class line below the page top,
# and its answer rows 2 mm lower (relative to the digits) than today's.
OLD_GRID_TOPS = sorted({26.0 + 4.5 * lines + 6.0 * titles for lines in range(6) for titles in range(3)})
OLD_ANSWER_DROP = 2.0


def shifted(rows: list[list[Bubble]], dy: float) -> list[list[Bubble]]:
    """The same bubbles *dy* millimetres lower."""
    return [[Bubble(b.x, b.y + dy, b.r) for b in row] for row in rows]
