"""A school's own DOCX header template, made with python-docx as a school would save it from Word."""

from __future__ import annotations

import io


def logo_png() -> bytes:
    """A 120 × 120 red square: the school's logo."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def header_template() -> bytes:
    """A school's header: a logo, a bordered two-column table, a centred bold line, a right-aligned date line."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    document = Document()
    document.add_paragraph().add_run().add_picture(io.BytesIO(logo_png()), width=Mm(15))
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    left = table.cell(0, 0).paragraphs[0]
    left.add_run("{don_vi_cap_tren}")
    left.alignment = WD_ALIGN_PARAGRAPH.CENTER
    right = table.cell(0, 1).paragraphs[0]
    right.add_run("{ky_thi}").bold = True
    right.add_run(" – Mã đề ")
    for piece in ("{ma", "_d", "e}"):   # as Word often saves a placeholder: split over runs
        right.add_run(piece).bold = True
    official = document.add_paragraph()
    official.add_run("{de_chinh_thuc}").bold = True
    official.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated = document.add_paragraph("{ngay}")   # "Tam Đường, ngày …": the place is part of the date line
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("Thời gian: {thoi_gian} · {ten_truong}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
