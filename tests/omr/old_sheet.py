"""The answer sheet as the app printed it before issue #18 (commit 29a64ee), kept to make "old" sheets.

Same corner marks and grids as today, no QR code, and the whole grid block
placed under a heading whose height depends on the organisation lines and
the title / class lines: what an officer may still have in a drawer.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from lecturer_app.exam.keying import LETTERS
from lecturer_app.exporters.exam.pdf_parts import MM
from lecturer_app.exporters.pdf_fonts import pdf_options, serif

SBD_DIGITS, CODE_DIGITS, MAX_ROWS = 6, 3, 25


def write_old_sheet(path: Path, organisation: list[str], lines: list[str], questions: int, letters: int = 4) -> Path:
    """The earlier sheet; *organisation* are the heading lines top-left, *lines* the title and class lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    family = serif()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, **pdf_options(family))
    width, height = A4
    size = 5 * MM
    for x, y in ((8 * MM, 8 * MM), (width - 8 * MM - size, 8 * MM), (8 * MM, height - 8 * MM - size),
                 (width - 8 * MM - size, height - 8 * MM - size)):
        canvas.rect(x, y, size, size, stroke=0, fill=1)
    y = height - 16 * MM
    for text in organisation:
        canvas.setFont(family.bold, 10)
        canvas.drawString(20 * MM, y, text)
        y -= 4.5 * MM
    y = min(y - 4 * MM, height - 20 * MM)
    canvas.setFont(family.bold, 15)
    canvas.drawCentredString(width / 2, y, "PHIẾU TRẢ LỜI TRẮC NGHIỆM")
    canvas.setFont(family.regular, 12)
    for text in lines:
        y -= 6 * MM
        canvas.drawCentredString(width / 2, y, text)
    grids_bottom = _digit_grids(canvas, family, width, y - 6 * MM)
    _bubble_grid(canvas, family, questions, letters, width, grids_bottom - 8 * MM)
    canvas.showPage()
    canvas.save()
    path.write_bytes(buffer.getvalue())
    return path


def _digit_grids(canvas, family, width: float, top: float) -> float:
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
    columns = max(1, math.ceil(questions / MAX_ROWS))
    rows = max(5, math.ceil(questions / columns))
    column_w = (width - 40 * MM) / columns
    for number in range(1, questions + 1):
        column, row = divmod(number - 1, rows)
        x = 20 * MM + column * column_w
        y = top - 8 * MM - row * 6 * MM - (row // 5) * 2 * MM
        canvas.setFont(family.bold, 10)
        canvas.drawRightString(x + 8 * MM, y - 3.5, f"{number}")
        canvas.setFont(family.regular, 8)
        for index in range(letters):
            cx = x + 12 * MM + index * 6 * MM
            canvas.circle(cx, y, 2.1 * MM)
            canvas.drawCentredString(cx, y - 2.8, LETTERS[index])
    canvas.setFont(family.italic, 10)
    canvas.drawString(20 * MM, top, "Tô kín một ô tròn cho mỗi câu; tô sai thì tẩy sạch rồi tô lại.")


def old_grid_top(organisation: list[str], lines: list[str]) -> float:
    """Millimetres from the page top to the top of the old sheet's grid block (the label line above the SBD)."""
    return 20.0 + 4.5 * len(organisation) + 6.0 * len(lines) + 6.0
