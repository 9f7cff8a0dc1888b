"""Written plan → PDF (reportlab platypus) with embedded Liberation Serif.

Same page and content as the DOCX (A4, margins 20/20/30/15 mm, 14 pt serif,
organisation header from ``exporters.pdf_header``); every DocTemplate gets
``**pdf_options()`` so no core font is ever referenced.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from lecturer_app.core.safe_write import replaced_on_success
from lecturer_app.exporters import markdown_blocks as md
from lecturer_app.exporters.docx_template import plan_template, template_warnings
from lecturer_app.exporters.pdf_fonts import FontFamily, pdf_options, serif
from lecturer_app.exporters.pdf_header import header_flowable
from lecturer_app.exporters.picture_fit import placed_picture
from lecturer_app.exporters.plan_document import (
    DOCUMENT_TITLE,
    SIGNER_LABEL,
    ImageSource,
    PlanDocument,
)
from lecturer_app.exporters.table_layout import column_widths
from lecturer_app.formats.pictures import oversized

MM = 72 / 25.4
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
BODY_SIZE = 14
TABLE_SIZE = 13   # as the DOCX
HEADING_STYLES = ("h1", "h2", "h3", "h4")
MAX_PICTURE_HEIGHT = 400   # points: a tall picture leaves room for its caption on the page


def _styles(family: FontFamily) -> dict[str, object]:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=family.regular, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3,
                          alignment=TA_JUSTIFY, firstLineIndent=10 * MM, spaceAfter=6)
    heading = ParagraphStyle("h2", parent=body, fontName=family.bold, spaceBefore=6, alignment=TA_LEFT)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=family.bold, fontSize=16, leading=20,
                                alignment=TA_CENTER, firstLineIndent=0, spaceBefore=18, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontName=family.bold, fontSize=15, leading=19,
                                   alignment=TA_CENTER, firstLineIndent=0, spaceAfter=12),
        # As the DOCX's Heading 1–4: sections, "## I." bold; "### 1." bold; "#### a)" bold italic.
        "h1": ParagraphStyle("h1", parent=heading, firstLineIndent=0, spaceBefore=12),
        "h2": heading,
        "h3": ParagraphStyle("h3", parent=heading),
        "h4": ParagraphStyle("h4", parent=heading, fontName=family.bold_italic),
        "cell": ParagraphStyle("cell", fontName=family.regular, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.25),
        "sign": ParagraphStyle("sign", parent=body, fontName=family.bold, alignment=TA_CENTER, firstLineIndent=0,
                               leftIndent=80 * MM),
    }


def _markup(spans: tuple[md.Span, ...], *, bold: bool = False) -> str:
    parts = []
    for span in spans:
        text = escape(span.text)
        if span.italic:
            text = f"<i>{text}</i>"
        if span.bold or bold:
            text = f"<b>{text}</b>"
        parts.append(text)
    return "".join(parts)


def build_flowables(document: PlanDocument, width: float, images: ImageSource,
                    warnings: list[str] | None = None) -> list:
    """The story of *document*: header, title, fields, sections, signature.

    What the user should know about the organisation's header template goes to *warnings*.
    """
    from reportlab.platypus import Paragraph

    family = serif()
    styles = _styles(family)
    story: list = _header(document, width, images, warnings if warnings is not None else [])
    story.append(Paragraph(escape(DOCUMENT_TITLE), styles["title"]))
    story.append(Paragraph(escape(document.title.upper()), styles["subtitle"]))
    for label, value in document.field_lines():
        story.append(Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", styles["body"]))
    for heading, body in document.sections:
        if heading.strip():
            story += [_room_for_heading(), Paragraph(escape(heading.strip()), styles["h1"])]
        for block in md.parse_markdown(body):
            story.extend(_block(block, styles, width, images))
    if document.signer():
        story.append(_signature(document.signer(), styles, story))
    return story


def _signature(signer: str, styles: dict, story: list):
    """"NGƯỜI SOẠN", room to sign, the name: on one page, never split, and with the last paragraph
    before it and that paragraph's heading, if any (taken from *story*), so the block never stands alone
    on a page and no heading is left behind."""
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    block = [Spacer(1, 18), Paragraph(escape(SIGNER_LABEL), styles["sign"]), Spacer(1, 56),
             Paragraph(escape(signer), styles["sign"])]
    if story and isinstance(story[-1], Paragraph):
        block.insert(0, story.pop())
        if story and isinstance(story[-1], Paragraph) and story[-1].style.name in HEADING_STYLES:
            block.insert(0, story.pop())
    return KeepTogether(block)


def _room_for_heading():
    """A new page when a heading would be left at the foot of one (the DOCX's "keep with next").

    Not reportlab's keepWithNext: it moves a heading and a whole long table to the next page.
    """
    from reportlab.platypus import CondPageBreak

    return CondPageBreak(BODY_SIZE * 1.3 * 4)


def _header(document: PlanDocument, width: float, images: ImageSource, warnings: list[str]) -> list:
    """The organisation's own header template, filled in, as the DOCX has it (exporters.template_pdf); else the
    built-in header (exporters.pdf_header sizes its columns and fonts)."""
    from lecturer_app.exporters.plan_docx import plan_values
    from lecturer_app.exporters.template_pdf import template_header

    data = plan_template(document.organization, images, warnings)
    if data is not None:
        try:
            templated = template_header(data, plan_values(document), width)
        except ValueError as exc:
            warnings += template_warnings(error=exc)
        else:
            warnings += template_warnings(templated.unknown)
            return templated.flowables
    return [header_flowable(document.header_spec(), width)]


def _block(block: md.Block, styles: dict, width: float, images: ImageSource) -> list:
    from reportlab.platypus import Paragraph
    from reportlab.platypus.flowables import HRFlowable

    if isinstance(block, md.Heading):
        style = styles[f"h{max(2, min(block.level, 4))}"]   # sections are h1, as Heading 1 in the DOCX
        return [_room_for_heading(), Paragraph(_markup(block.spans), style)]
    if isinstance(block, md.ListItem):
        from reportlab.lib.styles import ParagraphStyle

        style = ParagraphStyle("li", parent=styles["body"], firstLineIndent=(10 + 7.5 * block.level) * MM)
        return [Paragraph(f"{escape(block.marker)} {_markup(block.spans)}", style)]
    if isinstance(block, md.Para):
        return [Paragraph(_markup(block.spans), styles["body"])]
    if isinstance(block, md.Table):
        return [_table(block, styles, width)]
    if isinstance(block, md.Image):
        return [_image(block, styles, width, images)]
    return [HRFlowable(width="100%", thickness=0.5, color="black", spaceBefore=4, spaceAfter=4)]


def _table(block: md.Table, styles: dict, width: float):
    from reportlab.platypus import Paragraph, Table, TableStyle

    rows = [[Paragraph(_markup(cell, bold=block.header and r == 0), styles["cell"]) for cell in row]
            for r, row in enumerate(block.rows)]
    # Every column holds its widest word; the header row repeats on every page the table runs onto.
    table = Table(rows, colWidths=column_widths(block, width, TABLE_SIZE), repeatRows=1 if block.header else 0)
    # A Table sets its cell font even for Paragraph cells; name ours so Helvetica never enters the PDF.
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                               ("FONTNAME", (0, 0), (-1, -1), styles["cell"].fontName)]))
    table.spaceAfter = 8
    return table


def _image(block: md.Image, styles: dict, width: float, images: ImageSource):
    """The picture at its placed size, resampled for it (``picture_fit``): ≤ 220 dpi, JPEG for photos."""
    from reportlab.platypus import Image, Paragraph

    data = images(block.sha256)
    name = escape(block.alt or block.sha256[:12])
    if data is None:
        return Paragraph(f"<i>{escape(f'[thiếu hình: {name}]')}</i>", styles["body"])
    too_big = oversized(data)
    if too_big:  # stored before import checked pixel counts: decoding it would take gigabytes
        return Paragraph(escape(f"[{name}: {too_big}]"), styles["body"])
    placed = placed_picture(data, width, MAX_PICTURE_HEIGHT)
    if placed is None:
        return Paragraph(escape(f"[hình không đọc được: {name}]"), styles["body"])
    picture, picture_width, picture_height = placed
    return Image(io.BytesIO(picture.data), width=picture_width, height=picture_height)


def _page_number(canvas, doc) -> None:
    if doc.page == 1:
        return
    canvas.saveState()
    canvas.setFont(serif().regular, 12)
    canvas.drawCentredString(doc.leftMargin + doc.width / 2, doc.pagesize[1] - 12 * MM, str(doc.page))
    canvas.restoreState()


def write_plan_pdf(document: PlanDocument, path: Path, *, images: ImageSource,
                   warnings: list[str] | None = None) -> int:
    """Write *document* as a PDF at *path*; returns the number of pages (template problems go to *warnings*)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    with replaced_on_success(path) as tmp:
        doc = SimpleDocTemplate(
            str(tmp), pagesize=A4, topMargin=MARGINS_MM["top"] * MM, bottomMargin=MARGINS_MM["bottom"] * MM,
            leftMargin=MARGINS_MM["left"] * MM, rightMargin=MARGINS_MM["right"] * MM, title=document.title,
            author=document.signer(), **pdf_options(serif()))
        doc.build(build_flowables(document, doc.width, images, warnings), onFirstPage=_page_number,
                  onLaterPages=_page_number)
    return doc.page
