"""The phiếu trả lời trắc nghiệm: header, SBD and mã đề digit grids, a bubble grid sized to the paper.

Drawn on a canvas (not flowables) so that bubbles sit on a fixed grid; four
corner marks frame the sheet for a later scanner.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from lecturer_app.core.safe_write import write_bytes
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exporters.exam.pdf_parts import MM
from lecturer_app.exporters.pdf_fonts import pdf_options, serif

BUBBLE_R = 2.1 * MM
ROW_H = 6.0 * MM
SBD_DIGITS = 6
CODE_DIGITS = 3
MAX_ROWS = 25
MAX_COLUMNS = 5


def grid_shape(questions: int) -> tuple[int, int]:
    """(rows per column, columns) for *questions* bubbled rows."""
    columns = max(1, math.ceil(questions / MAX_ROWS))
    rows = max(5, math.ceil(questions / columns))
    return rows, columns


def write_answer_sheet(path: Path, settings: PaperSettings, questions: int, letters: int = 4) -> Path:
    """Write the sheet for a paper with *questions* objective questions and *letters* options each."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    if questions > MAX_ROWS * MAX_COLUMNS:
        from lecturer_app.core.errors import UserFacingError
        from lecturer_app.i18n import _

        raise UserFacingError(_("Phiếu trả lời chỉ chứa tối đa {n} câu.").format(n=MAX_ROWS * MAX_COLUMNS))
    family = serif()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, **pdf_options(family))
    canvas.setTitle("Phiếu trả lời trắc nghiệm")
    width, height = A4
    _corner_marks(canvas, width, height)
    top = _heading(canvas, settings, family, width, height)
    grids_bottom = _digit_grids(canvas, family, width, top)
    _bubble_grid(canvas, family, questions, letters, width, grids_bottom - 8 * MM)
    canvas.showPage()
    canvas.save()
    return write_bytes(path, buffer.getvalue())


def _corner_marks(canvas, width: float, height: float) -> None:
    size = 5 * MM
    for x, y in ((8 * MM, 8 * MM), (width - 8 * MM - size, 8 * MM), (8 * MM, height - 8 * MM - size),
                 (width - 8 * MM - size, height - 8 * MM - size)):
        canvas.rect(x, y, size, size, stroke=0, fill=1)


def _heading(canvas, settings: PaperSettings, family, width: float, height: float) -> float:
    from lecturer_app.core.org_header import header_spec

    y = height - 16 * MM
    for line in header_spec(settings.organization).left:
        if line.text != "*":
            canvas.setFont(family.bold if line.bold else family.regular, 10)
            canvas.drawString(20 * MM, y, line.text)
            y -= 4.5 * MM
    y = min(y - 4 * MM, height - 20 * MM)
    canvas.setFont(family.bold, 15)
    canvas.drawCentredString(width / 2, y, "PHIẾU TRẢ LỜI TRẮC NGHIỆM")
    canvas.setFont(family.regular, 12)
    for text in filter(None, [settings.title, settings.class_line]):
        y -= 6 * MM
        canvas.drawCentredString(width / 2, y, text)
    return y - 6 * MM


def _digit_grids(canvas, family, width: float, top: float) -> float:
    """Learner fields on the left, the SBD and mã đề grids on the right; returns their bottom."""
    left = 20 * MM
    canvas.setFont(family.regular, 12)
    for index, label in enumerate(("Họ và tên:", "Lớp:", "Ngày sinh:", "Chữ ký cán bộ coi thi 1:",
                                   "Chữ ký cán bộ coi thi 2:")):
        y = top - 8 * MM - index * 9 * MM
        canvas.drawString(left, y, label)
        canvas.setDash(1, 2)
        canvas.line(left + canvas.stringWidth(label, family.regular, 12) + 2 * MM, y - 1, left + 85 * MM, y - 1)
        canvas.setDash()
    x_sbd = width - 20 * MM - (SBD_DIGITS + CODE_DIGITS) * 6 * MM - 8 * MM
    bottom = _digit_grid(canvas, family, x_sbd, top, "Số báo danh", SBD_DIGITS)
    _digit_grid(canvas, family, x_sbd + SBD_DIGITS * 6 * MM + 8 * MM, top, "Mã đề", CODE_DIGITS)
    return bottom


def _digit_grid(canvas, family, x: float, top: float, label: str, digits: int) -> float:
    column = 6 * MM
    canvas.setFont(family.bold, 11)
    canvas.drawCentredString(x + digits * column / 2, top - 4 * MM, label)
    box_top = top - 6 * MM
    canvas.rect(x, box_top - 6 * MM, digits * column, 6 * MM)
    for d in range(1, digits):
        canvas.line(x + d * column, box_top, x + d * column, box_top - 6 * MM)
    canvas.setFont(family.regular, 7)
    for d in range(digits):
        cx = x + d * column + column / 2
        for value in range(10):
            cy = box_top - 10 * MM - value * 5 * MM
            canvas.circle(cx, cy, 2 * MM)
            canvas.drawCentredString(cx, cy - 2.4, str(value))
    bottom = box_top - 10 * MM - 9 * 5 * MM - 4 * MM
    canvas.rect(x - 1 * MM, bottom, digits * column + 2 * MM, top - 5 * MM - bottom + 0.5 * MM, stroke=1, fill=0)
    return bottom


def _bubble_grid(canvas, family, questions: int, letters: int, width: float, top: float) -> None:
    rows, columns = grid_shape(questions)
    usable = width - 40 * MM
    column_w = usable / columns
    for number in range(1, questions + 1):
        column, row = divmod(number - 1, rows)
        x = 20 * MM + column * column_w
        y = top - 8 * MM - row * ROW_H - (row // 5) * 2 * MM
        canvas.setFont(family.bold, 10)
        canvas.drawRightString(x + 8 * MM, y - 3.5, f"{number}")
        canvas.setFont(family.regular, 8)
        for index in range(letters):
            cx = x + 12 * MM + index * 6 * MM
            canvas.circle(cx, y, BUBBLE_R)
            canvas.drawCentredString(cx, y - 2.8, LETTERS[index])
    canvas.setFont(family.italic, 10)
    canvas.drawString(20 * MM, top, "Tô kín một ô tròn cho mỗi câu; tô sai thì tẩy sạch rồi tô lại.")
