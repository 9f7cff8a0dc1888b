"""The phiếu trả lời trắc nghiệm: header, SBD and mã đề digit grids, a bubble grid, made to be scanned.

Drawn on a canvas (not flowables) so that every bubble sits exactly where
``formats.answer_sheet_layout`` says; the scanner reads the same layout.  Four
corner marks frame the sheet and a QR code names the exam, the page and the
grid (issue #18), so a scan is located from the marks, not guessed.
"""

from __future__ import annotations

from pathlib import Path

from lecturer_app.core.safe_write import write_bytes
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exporters.exam.page_parts import MM
from lecturer_app.exporters.pdf_fonts import family_names
from lecturer_app.formats import answer_sheet_layout as L

# Kept for callers that imported them from here.
BUBBLE_R = L.BUBBLE_R * MM
ROW_H = L.ROW_H * MM
SBD_DIGITS = L.SBD_DIGITS
CODE_DIGITS = L.CODE_DIGITS
MAX_ROWS = L.MAX_ROWS
MAX_COLUMNS = L.MAX_COLUMNS
grid_shape = L.grid_shape


def write_answer_sheet(path: Path, settings: PaperSettings, questions: int, letters: int = 4,
                       exam_id: str = "") -> Path:
    """Write the sheet for a paper with *questions* objective questions and *letters* options each: one page
    per ``PAGE_CAPACITY`` questions, each with the SBD / mã đề grids and its page number in the QR code.

    Drawn with ``exporters.pdf_writer`` (no reportlab) in the calls it draws the same marks with.
    """
    from lecturer_app.exporters.pdf_writer.document import PdfDocument

    family = family_names()
    doc = PdfDocument(title="Phiếu trả lời trắc nghiệm")
    pages = L.sheet_pages(questions)
    for page in range(1, pages + 1):
        canvas = doc.new_page()
        _corner_marks(canvas)
        _qr_code(canvas, L.SheetCode(exam_id, page, pages, questions, letters))
        _heading(canvas, settings, family)
        if pages > 1:
            canvas.setFont(family.bold, 11)
            canvas.drawRightString(*_xy(L.QR_X + L.QR_SIZE, L.QR_Y + L.QR_SIZE + 9), f"Trang {page}/{pages}")
        _learner_fields(canvas, family)
        _digit_grid(canvas, family, L.SBD_X, "Số báo danh", L.sbd_bubbles())
        _digit_grid(canvas, family, L.CODE_X, "Mã đề", L.code_bubbles())
        _bubble_grid(canvas, family, L.page_questions(page, questions), questions, letters)
    return write_bytes(path, doc.to_bytes())


def _xy(x: float, y: float) -> tuple[float, float]:
    """Layout millimetres (top-left origin) → PDF points (bottom-left origin)."""
    return x * MM, (L.PAGE_H - y) * MM


def _corner_marks(canvas) -> None:
    for cx, cy in L.MARK_CENTRES:
        x, y = _xy(cx - L.MARK_SIZE / 2, cy + L.MARK_SIZE / 2)
        canvas.rect(x, y, L.MARK_SIZE * MM, L.MARK_SIZE * MM, stroke=0, fill=1)


def _qr_code(canvas, code: L.SheetCode) -> None:
    from lecturer_app.formats.qr_matrix import qr_matrix

    matrix = qr_matrix(L.qr_payload(code), "M")
    if matrix is None:  # longer than version 10 holds (never for our payloads): segno knows every version
        import segno

        matrix = [list(row) for row in segno.make(L.qr_payload(code), error="m", micro=False).matrix]
    module = L.QR_SIZE / len(matrix)
    boxes = []
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                x, y = _xy(L.QR_X + c * module, L.QR_Y + (r + 1) * module)
                boxes.append((x, y, module * MM, module * MM))
    canvas.rects(boxes, stroke=0, fill=1)


def _heading(canvas, settings: PaperSettings, family) -> None:
    from lecturer_app.core.org_header import header_spec

    y = 16.0
    for line in header_spec(settings.organization).left[:3]:
        if line.text != "*":
            canvas.setFont(family.bold if line.bold else family.regular, 10)
            canvas.drawString(*_xy(20, y), line.text)
            y += 4.5
    y = max(y + 4, 29.0)
    _centred(canvas, family.bold, 15, y, "PHIẾU TRẢ LỜI TRẮC NGHIỆM")
    for text in filter(None, [settings.title, settings.class_line]):
        y += 6
        _centred(canvas, family.regular, 12, y, text)


def _centred(canvas, font: str, size: float, y: float, text: str) -> None:
    """A line centred on the page, shrunk so it ends before the QR code."""
    room = 2 * (L.HEADING_RIGHT - L.PAGE_W / 2) * MM
    size = min(size, size * room / max(canvas.stringWidth(text, font, size), 1))
    canvas.setFont(font, size)
    canvas.drawCentredString(*_xy(L.PAGE_W / 2, y), text)


def _learner_fields(canvas, family) -> None:
    canvas.setFont(family.regular, 12)
    for index, label in enumerate(("Họ và tên:", "Lớp:", "Ngày sinh:", "Chữ ký cán bộ coi thi 1:",
                                   "Chữ ký cán bộ coi thi 2:")):
        x, y = _xy(L.LEFT, L.GRID_TOP + 8 + index * 9)
        canvas.drawString(x, y, label)
        canvas.setDash(1, 2)
        canvas.line(x + canvas.stringWidth(label, family.regular, 12) + 2 * MM, y - 1, x + 85 * MM, y - 1)
        canvas.setDash()


def _digit_grid(canvas, family, left: float, label: str, columns: list[list[L.Bubble]]) -> None:
    digits = len(columns)
    width = digits * L.DIGIT_COLUMN
    canvas.setFont(family.bold, 11)
    canvas.drawCentredString(*_xy(left + width / 2, L.GRID_TOP + 4), label)
    canvas.rect(*_xy(left, L.GRID_TOP + 12), width * MM, 6 * MM)  # boxes for the handwritten digits
    for d in range(1, digits):
        canvas.line(*_xy(left + d * L.DIGIT_COLUMN, L.GRID_TOP + 6), *_xy(left + d * L.DIGIT_COLUMN, L.GRID_TOP + 12))
    canvas.setFont(family.regular, 7)
    for column in columns:
        for value, bubble in enumerate(column):
            cx, cy = _xy(bubble.x, bubble.y)
            canvas.circle(cx, cy, bubble.r * MM)
            canvas.drawCentredString(cx, cy - 2.4, str(value))
    canvas.rect(*_xy(left - 1, L.DIGITS_BOTTOM), (width + 2) * MM, (L.DIGITS_BOTTOM - L.GRID_TOP - 4.5) * MM)


def _bubble_grid(canvas, family, numbers: range, questions: int, letters: int) -> None:
    for number in numbers:
        x, y = L.question_origin(number - numbers.start + 1, len(numbers))
        canvas.setFont(family.bold, 10)
        nx, ny = _xy(x + 8, y)
        canvas.drawRightString(nx, ny - 3.5, f"{number}")
        canvas.setFont(family.regular, 8)
        for index, bubble in enumerate(L.answer_bubbles(number, questions, letters)):
            cx, cy = _xy(bubble.x, bubble.y)
            canvas.circle(cx, cy, bubble.r * MM)
            canvas.drawCentredString(cx, cy - 2.8, LETTERS[index])
    canvas.setFont(family.italic, 10)
    canvas.drawString(*_xy(L.LEFT, L.BUBBLES_TOP), "Tô kín một ô tròn cho mỗi câu; tô sai thì tẩy sạch rồi tô lại.")
