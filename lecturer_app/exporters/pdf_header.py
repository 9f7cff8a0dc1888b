"""Draws a ``HeaderSpec`` as a reportlab flowable (two centred columns)."""

from __future__ import annotations

from lecturer_app.core.org_header import HeaderLine, HeaderSpec
from lecturer_app.exporters.header_layout import font_for, header_layout, line_width
from lecturer_app.exporters.pdf_fonts import FontFamily, serif
from lecturer_app.exporters.xml_text import escape


def _column(lines: list[HeaderLine], family: FontFamily, scale: float) -> list:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph
    from reportlab.platypus.flowables import HRFlowable

    flowables: list = []
    for line in lines:
        size = line.size * scale
        style = ParagraphStyle("h", fontName=font_for(family, line), fontSize=size, leading=size * 1.25,
                               alignment=TA_CENTER)
        flowables.append(Paragraph(escape(line.text), style))
        if line.rule_below:
            # A short centred rule under the heading, a little below its descenders.
            flowables.append(HRFlowable(width=line_width(line, scale) * line.rule_share, thickness=0.7, color="black",
                                        spaceBefore=2, spaceAfter=4, hAlign="CENTER"))
    return flowables


def header_flowable(spec: HeaderSpec, width: float, *, scale: float = 1.0):
    """A table with the left and right header columns, *width* points wide.

    The right column gets the room its national heading needs on one line
    (type shrinks, never below 12 pt, when the page is too narrow); *scale*
    shrinks all type (exam papers use ~0.85 to save space).
    """
    from reportlab.platypus import Table, TableStyle

    family = serif()
    layout = header_layout(spec, width, scale)
    table = Table([[_column(spec.left, family, layout.scale), _column(spec.right, family, layout.scale)]],
                  colWidths=[layout.left_width, layout.right_width])
    # FONTNAME: an empty column must not fall back to Helvetica (a non-embedded core font).
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("FONTNAME", (0, 0), (-1, -1), family.regular),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table
