"""Writes a ``HeaderSpec`` into a python-docx document (a borderless two-column table)."""

from __future__ import annotations

from lecturer_app.core.org_header import HeaderLine, HeaderSpec

FONT_NAME = "Times New Roman"


def _rule_below(paragraph) -> None:
    """A short bottom border under the paragraph (the rule under a heading)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _write_line(cell, line: HeaderLine, first: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(line.text)
    run.font.name = FONT_NAME
    run.font.size = Pt(line.size)
    run.bold = line.bold
    run.italic = line.italic
    if line.rule_below:
        _rule_below(paragraph)


def add_header(document, spec: HeaderSpec, width_mm: float = 165.0) -> None:
    """Append the header table to *document*."""
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    widths = (Mm(width_mm * 0.45), Mm(width_mm * 0.55))
    for cell, lines, width in zip(table.rows[0].cells, (spec.left, spec.right), widths):
        cell.width = width
        for index, line in enumerate(lines):
            _write_line(cell, line, index == 0)
