"""The question paper of one mã đề as DOCX, for last edits in Word (Times New Roman 13).

Same content as the PDF; the footer "Mã đề 101 – Trang x/y" uses PAGE and
NUMPAGES fields so it stays right after edits.
"""

from __future__ import annotations

import io
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import cast

from lecturer_app.core.safe_write import write_rendered
from lecturer_app.exam.draw import (
    PART_ESSAY,
    PART_OBJECTIVE,
    PaperVersion,
    PrintedQuestion,
)
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.paper_settings import ImageSource, PaperSettings, question_label
from lecturer_app.exam.vn_numbers import decimal_comma
from lecturer_app.exporters.xml_text import escape

# The python-docx writer's own modules (header, template, properties, pictures) are imported where it
# uses them: a build without a header template writes its DOCX papers from text (paper_docx_xml) and
# loads this module only for the questions' XML, before its forked helper starts (1.5-2 ms of imports).

BODY_PT = 13
PT_PER_MM = 72 / 25.4
TEXT_WIDTH_MM = 175.0


def write_paper_docx(version: PaperVersion, settings: PaperSettings, path: Path,
                     images: ImageSource | None = None) -> Path:
    return write_rendered(path, paper_document(version, settings, images).save)


def paper_document(version: PaperVersion, settings: PaperSettings, images: ImageSource | None = None,
                   questions: bool = True):
    """The python-docx document of *version*'s paper.

    With *questions* False, one paragraph holding ``BODY_MARKER`` stands where
    the questions go (``paper_docx_skeleton`` fills it in for every version).
    """
    from docx.shared import Pt

    from lecturer_app.core.org_header import header_spec
    from lecturer_app.exporters.docx_header import FONT_NAME, add_header
    from lecturer_app.exporters.office_properties import stamp_docx, stamp_time, vietnamese_docx

    document, templated = _start(version, settings, images)
    style = document.styles["Normal"]
    style.font.name = FONT_NAME
    style.font.size = Pt(BODY_PT)
    style.paragraph_format.space_after = Pt(0)
    option_styles = _add_option_styles(document)
    if not templated:
        add_header(document, header_spec(settings.organization, on=settings.on), TEXT_WIDTH_MM)
        _heading(document, version, settings)
    if questions:
        _questions(document, version, images, {n: s.style_id for n, s in option_styles.items()})
    else:
        _append_paragraph(document, paragraph_xml(None, _run_xml(BODY_MARKER)))
    _para(document, "----- HẾT -----", bold=True, centre=True)
    _para(document, settings.closing, italic=True, centre=True)
    if not templated:
        _footer(document.sections[0], version.code)
    vietnamese_docx(document)
    # Midnight of the exam date: every process of a build writes the same bytes.
    stamp_docx(document, title=f"{settings.title} – Mã đề {version.code}",
               author=settings.organization.name if settings.organization else "",
               when=stamp_time(settings.on or date.today()))
    return document


# Stands where the questions go in a build's one DOCX skeleton (paper_docx_skeleton).
BODY_MARKER = "LECTURER_APP_QUESTIONS_GO_HERE"


def _questions(document, version: PaperVersion, images: ImageSource | None, style_ids: dict[int, str]) -> None:
    """Every part title and question, in order; pictures where the questions have them."""
    for part in part_items(version):
        if isinstance(part, str):
            _append_paragraph(document, part)
            continue
        item, number = part
        _question(document, item, number, images, style_ids)


def part_items(version: PaperVersion) -> list:
    """The part titles (paragraph XML, only when the paper has both parts) and (question, number), in order."""
    both = bool(version.objective) and bool(version.essays)
    found: list = []
    for title, items in ((PART_OBJECTIVE, version.objective), (PART_ESSAY, version.essays)):
        if not items:
            continue
        if both:
            points = decimal_comma(sum(i.points for i in items))
            found.append(paragraph_xml(None, _run_xml(f"{title} ({points} điểm)", bold=True)))
        found += [(item, number) for number, item in enumerate(items, start=1)]
    return found


def _start(version: PaperVersion, settings: PaperSettings, images: ImageSource | None):
    """(document, True) from the organisation's DOCX header template, which then holds the whole top of
    the paper and its page set-up; (a blank A4 document, False) without one or when it cannot be read."""
    from docx import Document
    from docx.shared import Mm

    from lecturer_app.exporters.docx_template import ensure_styles, fill_template

    org = settings.organization
    data = images(org.header_template) if images and org is not None and org.header_template else None
    if data is not None:
        try:
            filled = fill_template(data, paper_values(version, settings))
        except ValueError:
            filled = None   # not a DOCX after all: the built-in header, as without a template
        if filled is not None:
            ensure_styles(filled.document, ("Normal", "Table Grid"))
            return filled.document, True
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(15), Mm(15)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    return document, False


def paper_values(version: PaperVersion, settings: PaperSettings) -> dict[str, str]:
    """The values of the template placeholders (docx_template.PAPER_FIELDS) for one mã đề."""
    from lecturer_app.exporters.docx_template import organization_values

    values = organization_values(settings.organization, settings.on)
    values.update({"ky_thi": settings.title, "tieu_de": settings.title, "lop": settings.class_line,
                   "ma_de": version.code, "thoi_gian": settings.duration_line,
                   "so_phut": str(settings.duration_minutes),
                   "de_chinh_thuc": "ĐỀ CHÍNH THỨC" if settings.official else ""})
    return values


def _para(document, value: str, *, bold: bool = False, italic: bool = False, centre: bool = False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = document.add_paragraph()
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(value)
    run.bold, run.italic = bold, italic
    return paragraph


def _heading(document, version: PaperVersion, settings: PaperSettings) -> None:
    if settings.official:
        _para(document, "ĐỀ CHÍNH THỨC", bold=True, centre=True)
    count = _para(document, "(Đề có ", italic=True, centre=True)
    _field(count, "NUMPAGES")
    count.add_run(" trang)").italic = True
    _para(document, settings.title, bold=True, centre=True)
    if settings.class_line:
        _para(document, settings.class_line, bold=True, centre=True)
    _para(document, settings.duration_line, italic=True, centre=True)
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Họ và tên: ..................................................")
    left.add_paragraph("Số báo danh: ..............................")
    right.paragraphs[0].add_run(f"Mã đề {version.code}").bold = True
    _para(document, "")


def _question(document, item: PrintedQuestion, number: int, images: ImageSource | None,
              style_ids: dict[int, str]) -> None:
    question = item.question
    head, rest = question_xml(item, number, style_ids)
    _append_paragraph(document, head)
    for ref in question.images:
        _picture(document, images(ref.sha256) if images else None, 100)
    if has_option_pictures(item):
        _options_with_pictures(document, item.options, images)
        return
    for paragraph in rest:
        _append_paragraph(document, paragraph)


def has_option_pictures(item: PrintedQuestion) -> bool:
    return item.question.type in ("single_choice", "multiple_choice") and any(o.image for o in item.options)


def has_pictures(version: PaperVersion) -> bool:
    """Whether any question of *version* or any of its options has a picture (those need python-docx)."""
    return any(item.question.images or has_option_pictures(item) for item in version.printed)


def question_xml(item: PrintedQuestion, number: int, style_ids: dict[int, str]) -> tuple[str, list[str]]:
    """The paragraph XML of the question's stem and of its options (none when they carry pictures)."""
    question = item.question
    head = paragraph_xml(None, _label_run(number, item.points) + _run_xml(question.stem))
    options = item.options
    rest: list[str] = []
    if has_option_pictures(item):
        pass
    elif question.type in ("single_choice", "multiple_choice"):
        rest = _options(options=[o.text for o in options], style_ids=style_ids)
    elif question.type == "true_false_4":
        rest = [paragraph_xml(None, _run_xml(f"{'abcdefgh'[index]}) {option.text}"))
                for index, option in enumerate(options)]
    elif question.type == "short_answer":
        rest = [paragraph_xml(None, _run_xml("Trả lời: ................................................"))]
    return head, rest


def _options_with_pictures(document, options: list, images: ImageSource | None) -> None:
    """One option a line, each followed by its picture (a missing picture is skipped)."""
    for index, option in enumerate(options):
        _append_paragraph(document, paragraph_xml(None, _run_xml(f"{LETTERS[index]}. ", bold=True)
                                                  + _run_xml(option.text)))
        _picture(document, images(option.image.sha256) if images and option.image else None, 60)


def _picture(document, data: bytes | None, width_mm: float) -> None:
    """A picture *width_mm* wide, resampled for that size (``picture_fit``); missing or unreadable: nothing."""
    from docx.shared import Mm

    from lecturer_app.exporters.picture_fit import display_size, fitted

    pixels = display_size(data) if data else None
    picture = fitted(data, width_mm * PT_PER_MM, width_mm * PT_PER_MM * pixels[1] / pixels[0]) if pixels else None
    if picture is not None:
        document.add_picture(io.BytesIO(picture.data), width=Mm(width_mm))


OPTION_STYLES = {4: "Phương án 4 cột", 2: "Phương án 2 cột", 1: "Phương án 1 cột"}
OPTION_INDENT_MM = 5.0


def _add_option_styles(document) -> dict:
    """Paragraph styles with tab stops at the option columns (editable in Word, faster than tables)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm
    from docx.styles.style import ParagraphStyle, StyleFactory

    styles, normal = {}, document.styles["Normal"]
    for columns, name in OPTION_STYLES.items():
        # A new document has none of these styles: skip add_style's by-name check, which scans
        # every style and was most of the time spent here.
        element = document.styles.element.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False)
        style = styles[columns] = cast(ParagraphStyle, StyleFactory(element))
        style.base_style = normal
        style.paragraph_format.left_indent = Mm(OPTION_INDENT_MM)
        cell = (TEXT_WIDTH_MM - OPTION_INDENT_MM) / columns
        for column in range(1, columns):
            style.paragraph_format.tab_stops.add_tab_stop(Mm(column * cell))
    return styles


def _options(options: list[str], style_ids: dict[int, str]) -> list[str]:
    """1, 2 or 4 options a line by their length, separated by tabs (paragraph XML)."""
    longest = max((len(o) for o in options), default=0) + 3
    columns = 4 if longest <= 22 else 2 if longest <= 45 else 1
    if columns == 1:  # one option a paragraph (long options), without the tabs' bookkeeping
        style = style_ids[1]
        return [paragraph_xml(style, _run_xml(f"{LETTERS[index]}. ", bold=True) + _run_xml(value))
                for index, value in enumerate(options)]
    paragraphs = []
    for start in range(0, len(options), columns):
        runs = []
        for offset, value in enumerate(options[start:start + columns]):
            if offset:
                runs.append(_run_xml("\t"))
            runs += [_run_xml(f"{LETTERS[start + offset]}. ", bold=True), _run_xml(value)]
        paragraphs.append(paragraph_xml(style_ids[columns], "".join(runs)))
    return paragraphs


@lru_cache(maxsize=4096)
def _label_run(number: int, points: float) -> str:
    """The bold run "Câu 12 (0,25 điểm). ": made once per number and points (decimal_comma is not free)."""
    return _run_xml(question_label(number, points) + ". ", bold=True)


@lru_cache(maxsize=50_000)
def _run_xml(value: str, *, bold: bool = False) -> str:
    """A run as XML text; cached, as every version of a build prints the same option texts."""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    if value == "\t":
        return f"<w:r>{props}<w:tab/></w:r>"
    lines = [f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in value.split("\n")]
    return f"<w:r>{props}{'<w:br/>'.join(lines)}</w:r>"


def paragraph_xml(style_id: str | None, runs: str) -> str:
    """A ``w:p`` element as text (the ``w`` prefix is declared by the document around it)."""
    style = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id else ""
    return f"<w:p>{style}{runs}</w:p>"


def _append_paragraph(document, paragraph: str) -> None:
    """Append a paragraph built as XML: python-docx's object API is ~10× slower per run,
    which dominated writing 24 papers."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    element = parse_xml(f'<w:p {nsdecls("w")}>{paragraph[len("<w:p>"):]}')
    document.element.body.sectPr.addprevious(element)


def _footer(section, code: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"Mã đề {code} – Trang ").italic = True
    _field(paragraph, "PAGE")
    paragraph.add_run("/").italic = True
    _field(paragraph, "NUMPAGES")


def _field(paragraph, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    run.italic = True
    for kind, value in (("begin", None), ("instr", name), ("separate", None), ("end", None)):
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {value} "
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
