"""Writes a ``HeaderSpec`` into a python-docx document (a borderless two-column table)."""

from __future__ import annotations

from lecturer_app.core.org_header import HeaderLine, HeaderSpec
from lecturer_app.exporters.header_layout import header_layout, line_width

FONT_NAME = "Times New Roman"
PT_PER_MM = 72 / 25.4


def _plain(paragraph) -> None:
    """Centred, no indent inherited from the Normal style, no space after."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.left_indent = Pt(0)
    fmt.right_indent = Pt(0)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _rule(cell, rule_pt: float, cell_pt: float) -> None:
    """A short centred rule: an empty tiny paragraph, indented, with a top border."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = cell.add_paragraph()
    _plain(paragraph)
    side = max(0.0, (cell_pt - rule_pt) / 2)
    paragraph.paragraph_format.left_indent = Pt(side)
    paragraph.paragraph_format.right_indent = Pt(side)
    paragraph.paragraph_format.line_spacing = Pt(4)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def _write_line(cell, line: HeaderLine, first: bool, scale: float, cell_pt: float) -> None:
    from docx.shared import Pt

    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    _plain(paragraph)
    run = paragraph.add_run(line.text)
    run.font.name = FONT_NAME
    run.font.size = Pt(round(line.size * scale * 2) / 2)
    run.bold = line.bold
    run.italic = line.italic
    if line.rule_below:
        _rule(cell, line_width(line, scale) * line.rule_share, cell_pt)


def add_header(document, spec: HeaderSpec, width_mm: float = 165.0, *, scale: float = 1.0) -> None:
    """Append the header table to *document*, *width_mm* wide (the text width)."""
    from docx.shared import Pt

    layout = header_layout(spec, width_mm * PT_PER_MM, scale)
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    widths = (layout.left_width, layout.right_width)
    # LibreOffice sizes columns by the grid (w:gridCol), Word by the cells: set both.
    for column, width in zip(table.columns, widths):
        column.width = Pt(width)
    for cell, lines, width in zip(table.rows[0].cells, (spec.left, spec.right), widths):
        cell.width = Pt(width)
        _plain(cell.paragraphs[0])
        for index, line in enumerate(lines):
            _write_line(cell, line, index == 0, layout.scale, width)
