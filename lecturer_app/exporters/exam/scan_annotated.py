"""A learner's scanned sheet with what the scanner read drawn on it, as PDF: the copy for a phúc khảo (issue #18).

The located page (straightened, as the reader saw it) fills an A4 page; on it
every mark counted as an answer is ringed in blue, the key's bubble in green,
and a doubtful question in orange with its reason in the margin list; a
header states SBD, mã đề, score of the objective part and where the page came
from, so a complaint can be answered from the paper alone.
"""

from __future__ import annotations

import io
from pathlib import Path

from lecturer_app.core.safe_write import write_bytes
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.exam.scan import SheetPart, SheetRead
from lecturer_app.exporters.exam.pdf_parts import MM
from lecturer_app.exporters.pdf_fonts import pdf_options, serif
from lecturer_app.formats import answer_sheet_layout as L
from lecturer_app.i18n import DOCUMENT

BLUE, GREEN, ORANGE = (0.1, 0.3, 0.9), (0.0, 0.6, 0.2), (1.0, 0.5, 0.0)


def write_annotated_sheet(sheet: SheetRead, manifest: ExamManifest, path: Path) -> Path:
    """One PDF page per page found of the sheet: the scan as read (150 dpi JPEG, as stored), marks ringed."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    family = serif()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, **pdf_options(family))
    canvas.setTitle(f"Phiếu trả lời SBD {sheet.sbd}")
    items = manifest.versions[sheet.code].items if sheet.code in manifest.versions else []
    for part in sheet.page_parts():
        _page(canvas, sheet, part, items)
        _header(canvas, family, sheet, items)
        canvas.showPage()
    canvas.save()
    return write_bytes(path, buffer.getvalue())


def _page(canvas, sheet: SheetRead, part: SheetPart, items) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader

    if part.image:  # a JPEG goes into the PDF as it is (no re-encoding, no growth)
        canvas.drawImage(ImageReader(io.BytesIO(part.image)), 0, 0, A4[0], A4[1])
    count = len(sheet.questions)
    doubtful = {d.question for d in sheet.doubts if d.field == "answer"}
    answers = sheet.answers()
    for number in L.page_questions(part.sheet_page, count):
        bubbles = L.answer_bubbles(number, count, max(1, len(sheet.questions[number - 1].marks)))
        key = items[number - 1].key if number <= len(items) else ""
        for index, bubble in enumerate(bubbles):
            letter = LETTERS[index]
            if letter in key:
                _ring(canvas, bubble, GREEN, 1.55)
            if letter in answers[number - 1]:
                _ring(canvas, bubble, BLUE, 1.3)
        if number in doubtful:
            _ring(canvas, L.Bubble(bubbles[0].x - 6, bubbles[0].y, 2.4), ORANGE, 1.0)


def _ring(canvas, bubble: L.Bubble, colour: tuple[float, float, float], grow: float) -> None:
    canvas.setStrokeColorRGB(*colour)
    canvas.setLineWidth(1.2)
    canvas.circle(bubble.x * MM, (L.PAGE_H - bubble.y) * MM, bubble.r * grow * MM, stroke=1, fill=0)


def _header(canvas, family, sheet: SheetRead, items) -> None:
    """A white band over the printed heading (down to the SBD grid, so no title is cut in half): who, which
    version, how many right, which doubts were settled how."""
    right = sum(1 for answer, item in zip(sheet.answers(), items) if answer and answer == item.key)
    # A Vietnamese document whatever the UI language: the reasons and the source are worded here (i18n.Message).
    lines = [f"SBD {sheet.sbd} — mã đề {sheet.code} — {right}/{len(items)} câu đúng — {sheet.source(DOCUMENT)}",
             "Xanh dương: ô máy đọc được; xanh lá: đáp án; cam: câu có nghi ngờ khi đọc."]
    lines += [f"Câu {d.question}: {d.reason(DOCUMENT)} ({'đã xử lý' if d.settled else 'chưa xử lý'})" if d.question
              else d.reason(DOCUMENT) for d in sheet.doubts][:6]
    canvas.setFillColorRGB(1, 1, 1)
    top, bottom = 13.0, L.GRID_TOP - 1  # 8 lines of 4.2 mm fit
    canvas.rect(15 * MM, (L.PAGE_H - bottom) * MM, (L.HEADING_RIGHT - 15) * MM, (bottom - top) * MM, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(family.regular, 9)
    for index, line in enumerate(lines):
        canvas.drawString(17 * MM, (L.PAGE_H - 16 - 4.2 * index) * MM, line)
