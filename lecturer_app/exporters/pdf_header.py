"""Draws a ``HeaderSpec`` as a reportlab flowable (two centred columns)."""

from __future__ import annotations

from lecturer_app.core.org_header import HeaderLine, HeaderSpec
from lecturer_app.exporters.pdf_fonts import FontFamily, serif


def _font(family: FontFamily, line: HeaderLine) -> str:
    if line.bold and line.italic:
        return family.bold_italic
    if line.bold:
        return family.bold
    return family.italic if line.italic else family.regular


def _column(lines: list[HeaderLine], family: FontFamily, width: float, scale: float) -> list:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph
    from reportlab.platypus.flowables import HRFlowable
    from xml.sax.saxutils import escape

    from reportlab.pdfbase.pdfmetrics import stringWidth

    flowables: list = []
    for line in lines:
        size = line.size * scale
        style = ParagraphStyle("h", fontName=_font(family, line), fontSize=size, leading=size * 1.25,
                               alignment=TA_CENTER)
        flowables.append(Paragraph(escape(line.text), style))
        if line.rule_below:
            rule = min(width * 0.8, stringWidth(line.text, _font(family, line), size) * 0.6)
            flowables.append(HRFlowable(width=rule, thickness=0.7, color="black", spaceBefore=1, spaceAfter=3))
    return flowables


def header_flowable(spec: HeaderSpec, width: float, *, scale: float = 1.0):
    """A table with the left and right header columns, *width* points wide.

    *scale* shrinks the type (exam papers use ~0.9 to save space).
    """
    from reportlab.platypus import Table, TableStyle

    family = serif()
    left_width = width * 0.45
    right_width = width - left_width
    table = Table([[_column(spec.left, family, left_width, scale), _column(spec.right, family, right_width, scale)]],
                  colWidths=[left_width, right_width])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table
