"""The organisation's DOCX header template, filled in, drawn at the top of a PDF.

The DOCX writers start from the filled template itself (``docx_template``).
A PDF cannot: here the template's body is read paragraph by paragraph and
table by table, in order, and laid out with reportlab as Word shows it:

* each paragraph's text with its runs' bold, italic, underline and size, its
  alignment (left, centre, right, justified), indents and spacing;
* tables with their column widths (scaled down to the page when wider),
  merged cells (across and down), and a grid when the table has borders;
* pictures placed in the text (a logo), at their size in the template.

Not drawn (the user guide says so): the template's page headers and footers
(the PDF keeps its own footer), text boxes and shapes floating over the page,
shading and per-cell borders, and other fonts: all text is set in Liberation
Serif, which has the metrics of Times New Roman.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from lecturer_app.exporters.docx_template import fill_template
from lecturer_app.exporters.pdf_fonts import FontFamily, serif

DEFAULT_SIZE = 11.0   # Word's default when neither the run nor its styles give one
EMU_PER_PT = 12700
TWIPS_PER_PT = 20
CELL_PADDING = 2.0
TAB = "&nbsp;" * 4


@dataclass
class TemplateHeader:
    """The flowables of the filled template, and the placeholders it used that have no value."""

    flowables: list = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def template_header(data: bytes, values: dict[str, str], width: float) -> TemplateHeader:
    """The template *data* with *values* filled in, as flowables *width* points wide.

    Raises:
        ValueError: *data* is not a DOCX python-docx can open.
    """
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    filled = fill_template(data, values)
    document: Any = filled.document
    family, body = serif(), document._body
    flowables: list = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            flowables.extend(_paragraph(Paragraph(child, body), width, family))
        elif child.tag == qn("w:tbl"):
            flowables.append(_table(Table(child, body), width, family))
    return TemplateHeader(flowables, filled.unknown)


def _styles_of(paragraph) -> list:
    """The paragraph's style and the styles it is based on, nearest first."""
    chain: list = []
    style = paragraph.style
    while style is not None and len(chain) < 10:
        chain.append(style)
        style = style.base_style
    return chain


def _inherited(own, chain: list, getter):
    """*own* when set, else the first value the style chain gives."""
    if own is not None:
        return own
    for style in chain:
        value = getter(style)
        if value is not None:
            return value
    return None


def _paragraph(paragraph, width: float, family: FontFamily) -> list:
    from reportlab.platypus import Paragraph, Spacer

    chain = _styles_of(paragraph)
    sizes = [_run_size(run, chain) for run in paragraph.runs if run.text] or [_run_size(None, chain)]
    style = _paragraph_style(paragraph, chain, max(sizes), family)
    pictures = [picture for run in paragraph.runs for picture in _pictures(run, width, style.alignment)]
    markup = "".join(_run_markup(run, chain) for run in paragraph.runs)
    if not markup.strip():
        return pictures or [Spacer(1, style.leading + style.spaceBefore + style.spaceAfter)]
    return [*pictures, Paragraph(markup, style)]


def _run_size(run, chain: list) -> float:
    size = _inherited(run.font.size if run is not None else None, chain, lambda s: s.font.size)
    return size.pt if size is not None else DEFAULT_SIZE


def _run_markup(run, chain: list) -> str:
    text = escape(run.text).replace("\t", TAB).replace("\n", "<br/>")
    if not text:
        return ""
    font = run.font
    if _inherited(font.underline, chain, lambda s: s.font.underline):
        text = f"<u>{text}</u>"
    if _inherited(font.italic, chain, lambda s: s.font.italic):
        text = f"<i>{text}</i>"
    if _inherited(font.bold, chain, lambda s: s.font.bold):
        text = f"<b>{text}</b>"
    return f'<font size="{_run_size(run, chain):g}">{text}</font>'


def _paragraph_style(paragraph, chain: list, size: float, family: FontFamily):
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    fmt = paragraph.paragraph_format
    alignment = _inherited(fmt.alignment, chain, lambda s: s.paragraph_format.alignment)
    # WD_ALIGN_PARAGRAPH: 0 left, 1 centre, 2 right, 3 justify; the distributed kinds print justified.
    align = {None: TA_LEFT, 0: TA_LEFT, 1: TA_CENTER, 2: TA_RIGHT}.get(
        int(alignment) if alignment is not None else None, TA_JUSTIFY)

    def points(getter) -> float:
        value = _inherited(getter(fmt), chain, lambda s: getter(s.paragraph_format))
        return value.pt if value is not None else 0.0

    return ParagraphStyle(
        "template", fontName=family.regular, fontSize=size, leading=size * 1.2, alignment=align,
        spaceBefore=points(lambda f: f.space_before), spaceAfter=points(lambda f: f.space_after),
        leftIndent=points(lambda f: f.left_indent), rightIndent=points(lambda f: f.right_indent),
        firstLineIndent=points(lambda f: f.first_line_indent))


def _pictures(run, width: float, alignment: int) -> list:
    """The pictures placed in *run* (``w:drawing`` with an embedded image), at their size, within *width*."""
    from reportlab.platypus import Image

    found = []
    for drawing in run._r.xpath(".//w:drawing"):
        ids = drawing.xpath(".//a:blip/@r:embed")
        extent = drawing.xpath(".//wp:extent")
        if not ids or not extent or ids[0] not in run.part.related_parts:
            continue   # a linked picture or a broken relationship: nothing to draw
        w, h = (int(extent[0].get(side, "0")) / EMU_PER_PT for side in ("cx", "cy"))
        if w <= 0 or h <= 0:
            continue
        scale = min(1.0, width / w)
        image = Image(io.BytesIO(run.part.related_parts[ids[0]].blob), width=w * scale, height=h * scale)
        image.hAlign = {1: "CENTER", 2: "RIGHT"}.get(alignment, "LEFT")
        found.append(image)
    return found


def _table(table, width: float, family: FontFamily):
    from reportlab.platypus import Table, TableStyle

    widths = _column_widths(table, width)
    cells, spans = _grid(table, widths, family)
    commands: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), family.regular),
                *[(side, (0, 0), (-1, -1), CELL_PADDING) for side in
                  ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]]
    commands += [("SPAN", start, end) for start, end in spans]
    if _has_borders(table):
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, "black"))
    flowable = Table(cells, colWidths=widths, hAlign="LEFT")   # where Word puts a table by default
    flowable.setStyle(TableStyle(commands))
    return flowable


def _column_widths(table, width: float) -> list[float]:
    """The template's grid columns in points, scaled down to *width* when wider (equal when it has none)."""
    from docx.oxml.ns import qn

    grid = table._tbl.tblGrid
    columns = [int(col.get(qn("w:w")) or 0) / TWIPS_PER_PT for col in grid.iterchildren(qn("w:gridCol"))] \
        if grid is not None else []
    total = sum(columns)
    if not columns or total <= 0:
        count = max((len(row) for row in table._tbl.tr_lst), default=1) or 1
        return [width / count] * count
    scale = min(1.0, width / total)
    return [column * scale for column in columns]


def _grid(table, widths: list[float], family: FontFamily) -> tuple[list[list], list]:
    """The cells' flowables on the template's grid, and the SPAN areas of merged cells (across and down)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    rows: list[list[Any]] = [[""] * len(widths) for _tr in table._tbl.tr_lst]
    spans: list = []
    open_down: dict[int, int] = {}   # column → index in *spans* of the area a vMerge continues
    for r, tr in enumerate(table._tbl.tr_lst):
        column = 0
        for tc in tr.tc_lst:
            across = max(1, tc.grid_span)
            if column >= len(widths):
                break
            if tc.vMerge == "continue" and column in open_down:
                start, end = spans[open_down[column]]
                spans[open_down[column]] = (start, (end[0], r))
            else:
                inner = sum(widths[column:column + across]) - 2 * CELL_PADDING
                rows[r][column] = [f for p in tc.iterchildren(qn("w:p"))
                                   for f in _paragraph(Paragraph(p, table), inner, family)]
                spans.append(((column, r), (min(column + across, len(widths)) - 1, r)))
                if tc.vMerge == "restart":
                    open_down[column] = len(spans) - 1
                else:
                    open_down.pop(column, None)
            column += across
    return rows, [(start, end) for start, end in spans if start != end]


def _has_borders(table) -> bool:
    """True when the table draws lines: its own ``w:tblBorders`` or a bordered style such as "Table Grid"."""
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    found = properties.find(qn("w:tblBorders")) if properties is not None else None
    if found is None:
        try:
            style = table.style
        except Exception:  # a style the template names but does not define: no borders to draw
            return False
        element = style.element.find(qn("w:tblPr")) if style is not None else None
        found = element.find(qn("w:tblBorders")) if element is not None else None
    if found is None:
        return False
    return any(side.get(qn("w:val")) not in (None, "nil", "none") for side in found)
