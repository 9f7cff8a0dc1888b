"""The question paper of one mã đề as an A4 PDF (reportlab, embedded Liberation Serif).

Top to bottom (domain.md §3.2): the organisation's header, the title, class
line and time, Họ tên / Số báo danh with the mã đề box, the questions
("Câu 1 (0,25 điểm)", options in 1, 2 or 4 columns by length), images,
"----- HẾT -----" and the closing sentence.  Every page's footer reads
"Mã đề 101 – Trang 1/4".
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lecturer_app.core.safe_write import write_bytes
from lecturer_app.exam.draw import (
    PART_ESSAY,
    PART_OBJECTIVE,
    PaperVersion,
    PrintedQuestion,
)
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.paper_settings import (
    ImageSource,
    PaperSettings,
    footer_text,
    page_count_text,
    question_label,
)
from lecturer_app.exporters.exam.page_parts import MM

if TYPE_CHECKING:
    # The platypus writers' module, with its styles, is imported only where a paper needs them (NeedsPlatypus).
    from lecturer_app.exporters.exam.pdf_parts import Styles

PAGE_MARGINS = (15 * MM, 20 * MM, 15 * MM, 15 * MM)  # top, left, bottom, right (NĐ 30 range)
MAX_IMAGE_HEIGHT = 70 * MM
OPTION_GAP = 6.0
OPTION_INDENT = 12.0
FRAME_PADDING = 6.0
PAGE_CONTENT_HEIGHT = 297 * MM - 56 * MM


def write_paper_pdf(version: PaperVersion, settings: PaperSettings, path: Path,
                    images: ImageSource | None = None) -> Path:
    """Write *version*'s paper to *path* and return it.

    Drawn with ``exporters.pdf_writer`` (no reportlab).  A paper with the
    organisation's own header template, options with pictures or a question
    taller than a page is written by the platypus version, which lays those
    out (``NeedsPlatypus``).
    """
    from lecturer_app.exporters.exam.page_flow import Margins, TooTall, flow
    from lecturer_app.exporters.pdf_writer.document import PdfDocument

    top, left, bottom, right = PAGE_MARGINS
    doc = PdfDocument(title=f"{settings.title} – Mã đề {version.code}")
    try:
        blocks, slot = paper_blocks(version, settings, doc.size[0] - left - right, images)
        flow(doc, blocks, Margins(top, left, bottom + 6 * MM, right), _page_footer(version.code, slot))
    except (NeedsPlatypus, TooTall):
        return _write_paper_pdf_platypus(version, settings, path, images)
    return write_bytes(path, doc.to_bytes())


class NeedsPlatypus(Exception):
    """The paper has a part only the platypus version lays out (header template, option pictures)."""


def _page_footer(code: str, slot):
    """"Mã đề 101 – Trang 1/4" under every page, and "(Đề có 04 trang)" at *slot* on page 1."""
    from lecturer_app.exporters.exam.page_parts import BODY_SIZE
    from lecturer_app.exporters.pdf_fonts import family_names

    italic = family_names().italic

    def draw(canvas, page: int, pages: int) -> None:
        canvas.setFont(italic, 11)
        canvas.drawCentredString(canvas.width / 2, 10 * MM, footer_text(code, page, pages))
        if page == 1 and slot.found is not None:
            canvas.setFont(italic, BODY_SIZE)
            canvas.drawCentredString(*slot.found, page_count_text(pages))

    return draw


def paper_blocks(version: PaperVersion, settings: PaperSettings, width: float, images: ImageSource | None):
    """The paper's ``page_flow`` blocks (the platypus story of ``paper_story``) and its page-count marker."""
    from lecturer_app.exporters.exam.page_flow import Gap
    from lecturer_app.exporters.exam.page_parts import page_styles, styled

    org = settings.organization
    if images and org is not None and org.header_template and images(org.header_template) is not None:
        raise NeedsPlatypus("header template")
    styles = page_styles()
    family = styles.family
    blocks, slot = _heading_blocks(version, settings, width, styles)
    for heading, questions in numbered_parts(version):
        if heading:
            blocks.append(styled(styles.body, (heading[0], family.bold), (f"({heading[1]} điểm)", family.regular)))
        blocks += [question_block(item, number, width - 2 * FRAME_PADDING, styles, images)
                   for number, item in questions]
    blocks += [Gap(4 * MM), styled(styles.centre, ("----- HẾT -----", family.bold)),
               styled(styles.centre, (settings.closing, family.italic))]
    return blocks, slot


def _heading_blocks(version: PaperVersion, settings: PaperSettings, width: float, styles):
    """As ``_heading``: header, title lines, then Họ tên / Số báo danh beside the mã đề box."""
    from lecturer_app.exporters.exam.page_flow import Cell, Gap, Marker, Table
    from lecturer_app.exporters.exam.page_parts import org_header, styled

    family = styles.family
    slot = Marker(styles.body.leading)
    blocks: list = [org_header(settings.organization, width, on=settings.on)]
    if settings.official:
        blocks.append(styled(styles.centre, ("ĐỀ CHÍNH THỨC", family.bold)))
    blocks.append(slot)
    blocks.append(styled(styles.title, (settings.title, family.bold)))
    if settings.class_line:
        blocks.append(styled(styles.centre, (settings.class_line, family.bold)))
    blocks.append(styled(styles.centre, (settings.duration_line, family.italic)))
    blocks.append(Gap(3 * MM))
    code_box = styled(styles.centre, (f"Mã đề {version.code}", family.bold))
    fields = styled(styles.body, ("Họ và tên: ......................................................\n"
                                  "Số báo danh: ..................................", family.regular))
    blocks += [Table([[Cell([fields], left=0), Cell([code_box])]], [width - 32 * MM, 32 * MM], valign="MIDDLE",
                     boxes=[(1, 0, 0.8)]), Gap(4 * MM)]
    return blocks, slot


def question_block(item: PrintedQuestion, number: int, width: float, styles, images: ImageSource | None):
    """``question_flowable`` for ``page_flow``: one block, never split (taller than a page: ``NeedsPlatypus``)."""
    from lecturer_app.exporters.exam.page_flow import Question
    from lecturer_app.exporters.exam.text_layout import tokens

    question = item.question
    if any(o.image for o in item.options):
        raise NeedsPlatypus("options with pictures")
    family, size = styles.family, styles.body.size
    head, options, columns = question_tokens(item, number, width, family, size, tokens)
    pictures = _picture_data([ref.sha256 for ref in question.images], width, images) if question.images else []
    label = len(label_tokens(number, item.points, family.bold))
    block = Question(head, options, columns, pictures, size, styles.body.leading, OPTION_INDENT, label)
    if block.wrap(width, PAGE_CONTENT_HEIGHT)[1] > PAGE_CONTENT_HEIGHT * 0.9:
        raise NeedsPlatypus("a question taller than a page")
    return block


def question_tokens(item: PrintedQuestion, number: int, width: float, family, size: float, tokens):
    """(head tokens, each option's tokens, option columns) of a question, for either layout."""
    question = item.question
    head = label_tokens(number, item.points, family.bold) + tokens(question.stem, family.regular)
    head += tokens(_TYPE_HINTS.get(question.type, ""), family.italic)
    options: list = []
    columns = 1
    if question.type in ("single_choice", "multiple_choice"):
        texts = [o.text for o in item.options]
        longest = max((_label_width(i, value, family.bold, size) for i, value in enumerate(texts)), default=0)
        columns = _columns_for(longest, width)
        options = [_option_tokens(i, value, family.bold, family.regular, tokens) for i, value in enumerate(texts)]
    elif question.type == "true_false_4":
        options = [tokens(f"{'abcdefgh'[i]})", family.bold) + tokens(o.text, family.regular)
                   for i, o in enumerate(item.options)]
    elif question.type == "short_answer":
        options = [tokens("Trả lời: " + "." * 60, family.regular)]
    return head, options, columns


@lru_cache(maxsize=4096)
def label_tokens(number: int, points: float, font: str) -> tuple[tuple[str, str], ...]:
    """The tokens of "Câu 12 (0,25 điểm).": made once per number and points (decimal_comma is not free)."""
    from lecturer_app.exporters.exam.text_layout import tokens

    return tokens(question_label(number, points) + ".", font)


def _write_paper_pdf_platypus(version: PaperVersion, settings: PaperSettings, path: Path,
                              images: ImageSource | None = None) -> Path:
    """The reportlab version of ``write_paper_pdf``, for papers with parts only platypus lays out."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from lecturer_app.exporters.exam.pdf_parts import make_styles, numbered_canvas
    from lecturer_app.exporters.pdf_fonts import pdf_options

    top, left, bottom, right = PAGE_MARGINS
    styles = make_styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=top, leftMargin=left, bottomMargin=bottom + 6 * MM,
                            rightMargin=right, title=f"{settings.title} – Mã đề {version.code}",
                            author="", **pdf_options())
    from lecturer_app.exporters.exam.pdf_text import font_seeds

    story = paper_story(version, settings, doc.width, styles, images)
    doc.build(story, canvasmaker=numbered_canvas(_footer(version.code, styles), font_seeds(story)))
    return write_bytes(path, buffer.getvalue())


def _footer(code: str, styles: Styles):
    def draw(canvas, page: int, pages: int) -> None:
        from reportlab.lib.pagesizes import A4

        canvas.setFont(styles.family.italic, 11)
        canvas.drawCentredString(A4[0] / 2, 10 * MM, footer_text(code, page, pages))
        slot = getattr(canvas, "page_count_slot", None)
        if page == 1 and slot is not None:
            canvas.setFont(styles.family.italic, styles.body.fontSize)
            canvas.drawCentredString(slot[0], slot[1], page_count_text(pages))

    return draw


def paper_story(version: PaperVersion, settings: PaperSettings, width: float, styles: Styles,
                images: ImageSource | None) -> list:
    """The flowables of the whole paper."""
    from reportlab.platypus import Spacer

    from lecturer_app.exporters.exam.text_block import styled

    family = styles.family
    story = [*(_template_heading(version, settings, width, images) or _heading(version, settings, width, styles))]
    for heading, questions in numbered_parts(version):
        if heading:
            story.append(styled(styles.body, (heading[0], family.bold), (f"({heading[1]} điểm)", family.regular)))
        for number, item in questions:
            # The frame gives flowables its width less 6 pt padding a side; laying out at that
            # width once avoids a second layout when the frame wraps the question.
            story.extend(question_flowable(item, number, width - 2 * FRAME_PADDING, styles, images))
    story += [Spacer(1, 4 * MM), styled(styles.centre_bold, ("----- HẾT -----", family.bold)),
              styled(styles.italic_centre, (settings.closing, family.italic))]
    return story


def numbered_parts(version: PaperVersion) -> list[tuple[tuple[str, str] | None, list[tuple[int, PrintedQuestion]]]]:
    """The paper's parts in print order, each with its questions numbered from 1.

    A part's heading (title, points in decimal comma) is given only when the
    paper has both parts; a part without questions is left out.  Both writers
    (``paper_blocks`` and ``paper_story``) print from this, so they cannot
    number differently.
    """
    both = bool(version.objective) and bool(version.essays)
    return [((title, _part_points(items)) if both else None, list(enumerate(items, 1)))
            for title, items in ((PART_OBJECTIVE, version.objective), (PART_ESSAY, version.essays)) if items]


def _part_points(items: list[PrintedQuestion]) -> str:
    from lecturer_app.exam.vn_numbers import decimal_comma

    return decimal_comma(sum(item.points for item in items))


def _template_heading(version: PaperVersion, settings: PaperSettings, width: float,
                      images: ImageSource | None) -> list | None:
    """The organisation's own header template filled in for this mã đề, as in the DOCX paper: it then holds the
    whole top of the paper (exporters.template_pdf).  None without one, or when it cannot be read (as the DOCX)."""
    from reportlab.platypus import Spacer

    from lecturer_app.exporters.exam.paper_docx import paper_values
    from lecturer_app.exporters.template_pdf import template_header

    org = settings.organization
    data = images(org.header_template) if images and org is not None and org.header_template else None
    if data is None:
        return None
    try:
        return [*template_header(data, paper_values(version, settings), width).flowables, Spacer(1, 4 * MM)]
    except ValueError:
        return None


def _heading(version: PaperVersion, settings: PaperSettings, width: float, styles: Styles) -> list:
    from reportlab.platypus import Spacer, Table, TableStyle

    from lecturer_app.exporters.exam.pdf_parts import org_header, page_count_slot
    from lecturer_app.exporters.exam.text_block import styled

    family = styles.family
    flow: list = [org_header(settings.organization, width, styles, on=settings.on)]
    if settings.official:
        flow.append(styled(styles.centre_bold, ("ĐỀ CHÍNH THỨC", family.bold)))
    flow.append(page_count_slot(styles.body.leading))
    flow.append(styled(styles.title, (settings.title, family.bold)))
    if settings.class_line:
        flow.append(styled(styles.centre_bold, (settings.class_line, family.bold)))
    flow.append(styled(styles.italic_centre, (settings.duration_line, family.italic)))
    flow.append(Spacer(1, 3 * MM))
    code_box = styled(styles.centre, (f"Mã đề {version.code}", family.bold))
    fields = styled(styles.body, ("Họ và tên: ......................................................\n"
                                  "Số báo danh: ..................................", family.regular))
    table = Table([[fields, code_box]], colWidths=[width - 32 * MM, 32 * MM])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.family.regular),
                               ("BOX", (1, 0), (1, 0), 0.8, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    flow += [table, Spacer(1, 4 * MM)]
    return flow


def question_flowable(item: PrintedQuestion, number: int, width: float, styles: Styles,
                      images: ImageSource | None) -> list:
    """One question kept on one page (fast layout), or Paragraphs when it is taller than a page."""
    from lecturer_app.exporters.exam.pdf_text import QuestionFlowable, tokens

    question = item.question
    family, size = styles.family, styles.body.fontSize
    head, options, columns = question_tokens(item, number, width, family, size, tokens)
    if any(o.image for o in item.options):
        return _paragraph_question(item, number, width, styles, images)  # options with pictures: one per line
    pictures = _picture_data([ref.sha256 for ref in question.images], width, images)
    block = QuestionFlowable(head, options, columns, pictures, size, styles.body.leading, OPTION_INDENT)
    if block.wrap(width, PAGE_CONTENT_HEIGHT)[1] > PAGE_CONTENT_HEIGHT * 0.9:
        return _paragraph_question(item, number, width, styles, images)  # taller than a page: may split
    return [block]


def _paragraph_question(item: PrintedQuestion, number: int, width: float, styles: Styles,
                        images: ImageSource | None) -> list:
    """The same question as Paragraphs, which can split across pages (very long questions)."""
    from reportlab.platypus import Paragraph

    from lecturer_app.exporters.exam.pdf_parts import text

    question = item.question
    label = question_label(number, item.points)
    parts: list = [Paragraph(f"<b>{label}.</b> {text(question.stem)}{_type_hint(question.type)}", styles.body)]
    parts += _pictures([ref.sha256 for ref in question.images], width, images)
    if question.type in ("single_choice", "multiple_choice") and any(o.image for o in item.options):
        for index, option in enumerate(item.options):
            parts.append(Paragraph(f"<b>{LETTERS[index]}.</b> {text(option.text)}", styles.body))
            if option.image:
                for picture in _pictures([option.image.sha256], width * OPTION_PICTURE_SHARE, images):
                    picture.hAlign = "LEFT"  # under its option's letter, not centred on the page
                    parts.append(picture)
    elif question.type in ("single_choice", "multiple_choice"):
        parts.append(options_table([o.text for o in item.options], width, styles))
    elif question.type == "true_false_4":
        parts += [Paragraph(f"{'abcdefgh'[i]}) {text(o.text)}", styles.body) for i, o in enumerate(item.options)]
    elif question.type == "short_answer":
        parts.append(Paragraph("Trả lời: ................................................", styles.body))
    return parts


_TYPE_HINTS = {"multiple_choice": "(Chọn tất cả các phương án đúng.)",
               "true_false_4": "(Mỗi ý a), b), c), d) chọn Đúng hoặc Sai.)"}


# An option's picture is drawn under it, at most this share of the text width.
OPTION_PICTURE_SHARE = 0.45


def _type_hint(qtype: str) -> str:
    hints = {"multiple_choice": " <i>(Chọn tất cả các phương án đúng.)</i>",
             "true_false_4": " <i>(Mỗi ý a), b), c), d) chọn Đúng hoặc Sai.)</i>"}
    return hints.get(qtype, "")


def option_columns(labels: list[str], width: float, font: str, size: float) -> int:
    """4, 2 or 1 columns: the most that fit every option on one line of its cell.

    Each cell is ``width / columns`` wide and starts with ``OPTION_INDENT``.
    """
    from lecturer_app.exporters.exam.text_layout import word_width

    return _columns_for(max((word_width(label, font, size) for label in labels), default=0), width)


def _columns_for(longest: float, width: float) -> int:
    """``option_columns`` for options whose longest label is *longest* points wide."""
    for columns in (4, 2):
        if longest + OPTION_GAP <= width / columns - OPTION_INDENT:
            return columns
    return 1


@lru_cache(maxsize=50_000)
def _label_width(index: int, value: str, font: str, size: float) -> float:
    """The width of option *index*'s label "B. value": once per letter and option in a build."""
    from lecturer_app.exporters.exam.text_layout import word_width

    return word_width(f"{LETTERS[index]}. {value}", font, size)


@lru_cache(maxsize=50_000)
def _option_tokens(index: int, value: str, bold: str, regular: str, tokens) -> tuple:
    """Option *index*'s tokens ("B." in bold, then its words): once per letter and option in a build."""
    return tokens(f"{LETTERS[index]}.", bold) + tokens(value, regular)


def options_table(options: list[str], width: float, styles: Styles):
    """Options "A. …" laid out in a grid of 1, 2 or 4 columns."""
    from reportlab.platypus import Paragraph, Table, TableStyle

    from lecturer_app.exporters.exam.pdf_parts import text

    labels = [f"{LETTERS[i]}. {value}" for i, value in enumerate(options)]
    columns = option_columns(labels, width, styles.family.bold, styles.body.fontSize)
    cells = [Paragraph(f"<b>{LETTERS[i]}.</b> {text(value)}", styles.body) for i, value in enumerate(options)]
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[width / columns] * columns, hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.family.regular),
                               ("LEFTPADDING", (0, 0), (-1, -1), OPTION_INDENT),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _picture_data(hashes: list[str], width: float, images: ImageSource | None) -> list[tuple[bytes, tuple]]:
    """(bytes, (width, height)) of each available picture, scaled to the text width and resampled for that
    size (≤ 220 dpi, ``picture_fit``); missing or unreadable pictures are skipped."""
    if not hashes:
        return []
    # Here: a paper without pictures (most) never loads picture_fit (with its JPEG and PNG readers).
    from lecturer_app.exporters.picture_fit import display_size, fitted, placed_size

    found = []
    for sha in hashes:
        data = images(sha) if images else None
        pixels = display_size(data) if data else None
        if pixels:
            placed = placed_size(pixels, width * 0.8, MAX_IMAGE_HEIGHT)
            picture = fitted(data, *placed)
            if picture is not None:
                found.append((picture.data, placed))
    return found


def _pictures(hashes: list[str], width: float, images: ImageSource | None) -> list:
    """Picture flowables scaled to the text width; missing blobs are skipped."""
    from reportlab.platypus import Image

    return [Image(io.BytesIO(data), width=w, height=h) for data, (w, h) in _picture_data(hashes, width, images)]
