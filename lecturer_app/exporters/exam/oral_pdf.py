"""Vấn đáp cards, 2 or 4 per A4 page with dashed cut lines, and the examiners' answer guide."""

from __future__ import annotations

import io
from pathlib import Path

from lecturer_app.core.model import Organization
from lecturer_app.core.safe_write import write_bytes
from lecturer_app.exam.oral import OralCard, kind_of
from lecturer_app.exporters.exam.pdf_parts import MM, make_styles, org_header, text
from lecturer_app.exporters.pdf_fonts import pdf_options

PER_PAGE = (2, 4)
CARD_MARGIN = 8 * MM


def card_title(number: int) -> str:
    """"PHIẾU CÂU HỎI THI VẤN ĐÁP – Phiếu số 01"."""
    return f"PHIẾU CÂU HỎI THI VẤN ĐÁP – Phiếu số {number:02d}"


def write_oral_cards(cards: list[OralCard], path: Path, *, per_page: int = 2, subtitle: str = "",
                     organization: Organization | None = None) -> Path:
    """Cards laid out in a 1×2 (2 per page) or 2×2 (4 per page) grid, cut lines between them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    if per_page not in PER_PAGE:
        raise ValueError(per_page)
    styles = make_styles(12 if per_page == 2 else 10)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, **pdf_options(styles.family))
    canvas.setTitle("Phiếu câu hỏi thi vấn đáp")
    width, height = A4
    cols, rows = (1, 2) if per_page == 2 else (2, 2)
    card_w, card_h = width / cols, height / rows
    for start in range(0, len(cards), per_page):
        for offset, card in enumerate(cards[start:start + per_page]):
            row, col = divmod(offset, cols)
            _draw_card(canvas, card, col * card_w, height - (row + 1) * card_h, card_w, card_h, styles,
                       subtitle, organization)
        _cut_lines(canvas, width, height, cols, rows)
        canvas.showPage()
    canvas.save()
    return write_bytes(path, buffer.getvalue())


def _cut_lines(canvas, width: float, height: float, cols: int, rows: int) -> None:
    canvas.saveState()
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.5)
    for c in range(1, cols):
        canvas.line(width * c / cols, 0, width * c / cols, height)
    for r in range(1, rows):
        canvas.line(0, height * r / rows, width, height * r / rows)
    canvas.restoreState()


def _draw_card(canvas, card: OralCard, x: float, y: float, w: float, h: float, styles, subtitle: str,
               organization: Organization | None) -> None:
    from reportlab.platypus import Frame, Paragraph, Spacer

    inner = w - 2 * CARD_MARGIN
    story = []
    if organization is not None:
        story.append(org_header(organization, inner, styles, scale=0.7 if inner > 300 else 0.55))
    story.append(Paragraph(card_title(card.number), _fitted(styles.title, card_title(card.number), inner)))
    if subtitle:
        story.append(Paragraph(text(subtitle), styles.italic_centre))
    story.append(Spacer(1, 3 * MM))
    for index, question in enumerate(card.questions, start=1):
        story.append(Paragraph(f"<b>Câu {index}</b> <i>({text(kind_of(question))})</i>: {text(question.stem)}",
                               styles.body))
    frame = Frame(x + CARD_MARGIN, y + CARD_MARGIN, w - 2 * CARD_MARGIN, h - 2 * CARD_MARGIN, showBoundary=0)
    frame.addFromList(story, canvas)
    if story:  # what did not fit is never silently dropped
        frame = Frame(x + CARD_MARGIN, y + CARD_MARGIN, w - 2 * CARD_MARGIN, 8 * MM, showBoundary=0)
        frame.addFromList([Paragraph("<i>(Nội dung dài: xem bản đầy đủ trong tập hướng dẫn.)</i>",
                                     styles.small)], canvas)


def _fitted(style, line: str, width: float):
    """*style* shrunk so that *line* fits on one line of a frame *width* wide (6 pt padding a side)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = min(style.fontSize, style.fontSize * (width - 16) / stringWidth(line, style.fontName, style.fontSize))
    return ParagraphStyle(f"{style.name}-fit", parent=style, fontSize=size, leading=size * 1.3)


def write_answer_guide(cards: list[OralCard], path: Path, *, subtitle: str = "",
                       organization: Organization | None = None) -> Path:
    """The examiners' booklet: every card's questions with their guide or rubric."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    styles = make_styles(12)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=15 * MM, bottomMargin=15 * MM, leftMargin=20 * MM,
                            rightMargin=15 * MM, title="Hướng dẫn chấm thi vấn đáp", **pdf_options())
    story: list = [org_header(organization, doc.width, styles),
                   Paragraph("ĐÁP ÁN VÀ HƯỚNG DẪN CHẤM THI VẤN ĐÁP", styles.title)]
    if subtitle:
        story.append(Paragraph(text(subtitle), styles.italic_centre))
    story.append(Paragraph("(Tài liệu dành cho giám khảo – không phát cho học viên)", styles.italic_centre))
    for card in cards:
        story += [Spacer(1, 4 * MM), Paragraph(f"<b>{text(card_title(card.number))}</b>", styles.body)]
        for index, question in enumerate(card.questions, start=1):
            story.append(Paragraph(f"<b>Câu {index}:</b> {text(question.stem)}", styles.body))
            story.append(Paragraph(f"<i>Hướng dẫn:</i> {text(_guide(question))}", styles.body))
    story.append(PageBreak())
    story.append(Paragraph("BIÊN BẢN CHẤM THI VẤN ĐÁP", styles.title))
    story.append(Paragraph("Giám khảo 1: ............................  Giám khảo 2: ............................",
                           styles.body))
    doc.build(story)
    return write_bytes(path, buffer.getvalue())


def _guide(question) -> str:
    """The examiner's hint: the guide, else the rubric, else the model answers."""
    rubric = "; ".join(r.text for r in question.rubric)
    return question.guide or rubric or "; ".join(question.answers) or "(Chưa có hướng dẫn trả lời trong ngân hàng.)"
