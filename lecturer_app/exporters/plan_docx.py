"""Written plan → DOCX (python-docx): A4, Times New Roman 14, margins 20/20/30/15 mm.

The organisation header (Party or State style, ``exporters.docx_header``)
comes first, then the document title, the plan's header fields, and each
section with its Markdown body (``markdown_blocks``).  Headings use Word's
built-in "Heading N" styles (restyled black Times New Roman) so the Navigation
pane and a re-import see the structure.
"""

from __future__ import annotations

import io
from pathlib import Path

from lecturer_app.core.safe_write import write_rendered
from lecturer_app.exporters import markdown_blocks as md
from lecturer_app.exporters.docx_header import add_header
from lecturer_app.exporters.docx_template import (
    ensure_styles,
    fill_template,
    organization_values,
    plan_template,
    template_warnings,
)
from lecturer_app.exporters.office_properties import stamp_docx, vietnamese_docx
from lecturer_app.exporters.picture_fit import placed_picture
from lecturer_app.exporters.plan_document import (
    DOCUMENT_TITLE,
    SIGNER_LABEL,
    ImageSource,
    PlanDocument,
)
from lecturer_app.exporters.table_layout import column_widths

FONT = "Times New Roman"
BODY_SIZE = 14
TABLE_SIZE = 13
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
PT_PER_MM = 72 / 25.4
TEMPLATE_STYLES = ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Table Grid")
MAX_PICTURE_HEIGHT = 400   # points, as in the PDF


def write_plan_docx(document: PlanDocument, path: Path, *, images: ImageSource) -> list[str]:
    """Write *document* to *path* (a temporary name first, then renamed).

    Returns warnings for the user: placeholders of the organisation's header template that have no
    value, or a template that could not be used (the built-in header is printed instead).
    """
    doc, warnings = _start(document, images)
    _styles(doc)
    _title(doc, document)
    for heading, body in document.sections:
        if heading.strip():
            doc.add_paragraph(heading.strip(), style="Heading 1")
        for block in md.parse_markdown(body):
            _block(doc, block, images)
    _signature(doc, document.signer())
    vietnamese_docx(doc)
    stamp_docx(doc, title=document.title, author=document.signer())
    write_rendered(path, doc.save)
    return warnings


def _start(document: PlanDocument, images: ImageSource):
    """The organisation's header template filled in (its page set-up kept), else the built-in header."""
    from docx import Document

    warnings: list[str] = []
    data = plan_template(document.organization, images, warnings)
    if data is not None:
        try:
            filled = fill_template(data, plan_values(document))
        except ValueError as exc:
            warnings += template_warnings(error=exc)
        else:
            ensure_styles(filled.document, TEMPLATE_STYLES)
            warnings += template_warnings(filled.unknown)
            return filled.document, warnings
    doc = Document()
    _page_setup(doc)
    add_header(doc, document.header_spec(), width_mm=TEXT_WIDTH_MM)
    return doc, warnings


def plan_values(document: PlanDocument) -> dict[str, str]:
    """The values of the template placeholders (docx_template.PLAN_FIELDS) for a written plan."""
    header = document.header
    values = organization_values(document.organization, document.signed_on)
    values.update({"tieu_de": DOCUMENT_TITLE, "ten_bai": document.title, "nguoi_soan": document.signer()})
    for key in ("chuong_trinh", "doi_tuong", "thoi_gian", "ngay_soan", "ngay_giang"):
        values[key] = header.get(key, "")
    return values


def _page_setup(doc) -> None:
    from docx.shared import Mm

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = section.footer_distance = Mm(8)
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])


def _page_number(paragraph) -> None:
    """A centred PAGE field in the header (not on the first page)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _set_fonts(style_or_run_font, element) -> None:
    """Times New Roman for every script slot, so Word never falls back for Vietnamese."""
    from docx.oxml.ns import qn

    style_or_run_font.name = FONT
    r_pr = element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    # Theme fonts (Heading styles use majorHAnsi = Calibri Light) win over named ones: drop them.
    for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(slot), None)


def _styles(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Cm, Pt, RGBColor

    normal = doc.styles["Normal"]
    _set_fonts(normal.font, normal.element)
    normal.font.size = Pt(BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(6)
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = 1.15
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1)
    for level in range(1, 5):
        style = doc.styles[f"Heading {level}"]
        _set_fonts(style.font, style.element)
        style.font.size = Pt(BODY_SIZE)
        style.font.bold = True
        style.font.italic = level == 4
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12 if level == 1 else 6)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.first_line_indent = Cm(0 if level == 1 else 1)
        style.paragraph_format.keep_with_next = True


def _title(doc, document: PlanDocument) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    for text, size, space in ((DOCUMENT_TITLE, 16, 18), (document.title.upper(), 15, 12)):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Cm(0)
        paragraph.paragraph_format.space_before = Pt(space)
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
    for label, value in document.field_lines():
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def _spans(paragraph, spans: tuple[md.Span, ...], *, bold: bool = False) -> None:
    for span in spans:
        run = paragraph.add_run(span.text)
        run.bold = span.bold or bold or None
        run.italic = span.italic or None


def _block(doc, block: md.Block, images: ImageSource) -> None:
    from docx.shared import Cm

    if isinstance(block, md.Heading):
        level = max(2, min(block.level, 4))   # sections are Heading 1; "## I." is Heading 2
        paragraph = doc.add_paragraph(style=f"Heading {level}")
        _spans(paragraph, block.spans)
    elif isinstance(block, md.ListItem):
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Cm(1 + 0.75 * block.level)
        paragraph.add_run(f"{block.marker} ")
        _spans(paragraph, block.spans)
    elif isinstance(block, md.Para):
        _spans(doc.add_paragraph(), block.spans)
    elif isinstance(block, md.Table):
        _table(doc, block)
    elif isinstance(block, md.Image):
        _image(doc, block, images)


def _table(doc, block: md.Table) -> None:
    """Columns as wide as the PDF's (``table_layout``), cells left-aligned, the header row repeated."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=len(block.rows), cols=len(block.rows[0]))
    table.style = doc.styles["Table Grid"]
    widths = column_widths(block, TEXT_WIDTH_MM * PT_PER_MM, TABLE_SIZE)
    _fix_grid(table, tuple(width / PT_PER_MM for width in widths))
    for r, row in enumerate(block.rows):
        for c, cell_spans in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.first_line_indent = Cm(0)
            paragraph.paragraph_format.space_after = Pt(0)
            _spans(paragraph, cell_spans, bold=block.header and r == 0)
            for run in paragraph.runs:
                run.font.size = Pt(TABLE_SIZE)
    for index, row in enumerate(table.rows):
        _row_flags(row, header=block.header and index == 0)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def _row_flags(row, *, header: bool) -> None:
    """Rows break only between rows, as in the PDF (``w:cantSplit``); the header row (``w:tblHeader``)
    repeats at the top of every page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader") if header else ("w:cantSplit",):
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "true")
        tr_pr.append(flag)


def _fix_grid(table, widths_mm: tuple[float, ...]) -> None:
    """Write column widths into the table grid too: LibreOffice sizes columns by ``w:gridCol``."""
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _image(doc, block: md.Image, images: ImageSource) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    data = images(block.sha256)
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if data is None:
        paragraph.add_run(f"[thiếu hình: {block.alt or block.sha256[:12]}]").italic = True
        return
    # The same placed size as the PDF, resampled for it (picture_fit): ≤ 220 dpi, JPEG for photos.
    placed = placed_picture(data, TEXT_WIDTH_MM * PT_PER_MM, MAX_PICTURE_HEIGHT)
    if placed is None:
        paragraph.add_run(f"[hình không đọc được: {block.alt or block.sha256[:12]}]")
        return
    picture, width, height = placed
    paragraph.add_run().add_picture(io.BytesIO(picture.data), width=Pt(width), height=Pt(height))


def _signature(doc, signer: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    if not signer:
        return
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True   # the block never stands alone on a page
    for text, space, last in ((SIGNER_LABEL, 24, False), (signer, 60, True)):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = paragraph.paragraph_format
        fmt.left_indent, fmt.first_line_indent, fmt.space_before = Cm(8), Cm(0), Pt(space)
        # The label stays with the name: a page never holds only one of them.
        fmt.keep_with_next, fmt.keep_together = not last, True
        paragraph.add_run(text).bold = True
