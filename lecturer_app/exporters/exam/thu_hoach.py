"""The bài thu hoạch template (domain.md §3.4): header, title, đề bài, learner fields, a marking box.

Written as DOCX (learners type into it) or PDF (printed and handwritten).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from lecturer_app.core.model import Organization
from lecturer_app.core.org_header import header_spec
from lecturer_app.core.safe_write import write_bytes, write_rendered

LEARNER_FIELDS = ("Họ và tên", "Chi bộ/Đơn vị", "Lớp")
BODY_PARTS = ("I. MỞ ĐẦU", "II. NỘI DUNG", "III. KẾT LUẬN")
MARK_FIELDS = ("Điểm (bằng số, bằng chữ)", "Nhận xét của giảng viên", "Xếp loại")


@dataclass(frozen=True)
class ThuHoachForm:
    prompt: str
    title: str = "BÀI THU HOẠCH"
    class_line: str = ""
    organization: Organization | None = None


def write_thu_hoach(form: ThuHoachForm, path: Path) -> Path:
    """DOCX or PDF by the file's extension."""
    if path.suffix.lower() == ".pdf":
        return _write_pdf(form, path)
    return _write_docx(form, path.with_suffix(".docx") if path.suffix.lower() != ".docx" else path)


def _write_docx(form: ThuHoachForm, path: Path) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from lecturer_app.exporters.docx_header import FONT_NAME, add_header
    from lecturer_app.exporters.office_properties import stamp_docx, vietnamese_docx

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    document.styles["Normal"].font.name = FONT_NAME
    document.styles["Normal"].font.size = Pt(14)
    add_header(document, header_spec(form.organization), 165.0)
    table = document.add_table(rows=len(MARK_FIELDS), cols=2)
    table.style = "Table Grid"
    for row, label in zip(table.rows, MARK_FIELDS):
        row.cells[0].text = label
        row.cells[1].text = "\n"
    for value, bold in ((form.title, True), (form.class_line, False)):
        if value:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(value).bold = bold
    paragraph = document.add_paragraph()
    paragraph.add_run("Đề bài: ").bold = True
    paragraph.add_run(form.prompt)
    for label in LEARNER_FIELDS:
        document.add_paragraph(f"{label}: ..........................................................")
    for part in BODY_PARTS:
        document.add_paragraph().add_run(part).bold = True
        document.add_paragraph("")
    signature = document.add_paragraph("NGƯỜI VIẾT THU HOẠCH\n(Ký, ghi rõ họ tên)")
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    vietnamese_docx(document)
    stamp_docx(document, title=form.title, author=form.organization.name if form.organization else "")
    return write_rendered(path, document.save)


def _write_pdf(form: ThuHoachForm, path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import (
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from lecturer_app.exporters.exam.pdf_parts import MM, make_styles, org_header, text
    from lecturer_app.exporters.pdf_fonts import pdf_options

    styles = make_styles(13)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=20 * MM, bottomMargin=20 * MM, leftMargin=30 * MM,
                            rightMargin=15 * MM, title=form.title, **pdf_options())
    marks = Table([[Paragraph(f"<b>{label}</b>", styles.body), ""] for label in MARK_FIELDS],
                  colWidths=[55 * MM, doc.width - 55 * MM], rowHeights=[14 * MM] * len(MARK_FIELDS))
    marks.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black"),
                               ("FONTNAME", (0, 0), (-1, -1), styles.family.regular),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [org_header(form.organization, doc.width, styles), Spacer(1, 4 * MM), marks,
             Paragraph(text(form.title), styles.title)]
    if form.class_line:
        story.append(Paragraph(text(form.class_line), styles.centre_bold))
    story += [Spacer(1, 3 * MM), Paragraph(f"<b>Đề bài:</b> {text(form.prompt)}", styles.body)]
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    dots = "." * int((doc.width - 12) / stringWidth(".", styles.family.regular, styles.body.fontSize))
    story += [Paragraph(f"{label}: " + dots[:len(dots) - 3 * len(label)], styles.body) for label in LEARNER_FIELDS]
    for part in BODY_PARTS:
        story += [Paragraph(f"<b>{part}</b>", styles.body)]
        story += [Paragraph(dots, styles.body) for _ in range(5)]
    right = ParagraphStyle("right", parent=styles.body, alignment=TA_RIGHT)
    story += [Spacer(1, 6 * MM), Paragraph("<b>NGƯỜI VIẾT THU HOẠCH</b><br/><i>(Ký, ghi rõ họ tên)</i>", right)]
    doc.build(story)
    return write_bytes(path, buffer.getvalue())
