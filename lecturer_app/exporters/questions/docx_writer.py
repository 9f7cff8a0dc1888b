"""Questions → a Word document for review and printing, answers marked.

Written in the same conventions the Word importer reads, so the file can go
back in: "Câu n:" headings, options "A." … with the correct ones underlined
and bold (pinned ones with an italic letter, as in HC-Mix), an "Đáp án:"
line, "Hướng dẫn chấm:" with one scored line per ý, then "Mức độ:",
"Điểm:", "Thẻ:" and "Chuyên đề:" lines.  Times New Roman 13.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lecturer_app.core.model import Question
from lecturer_app.core.questions.rules import format_points
from lecturer_app.core.safe_write import write_rendered
from lecturer_app.exporters.office_properties import stamp_docx, vietnamese_docx
from lecturer_app.exporters.questions.common import (
    ExportContext,
    ExportReport,
    letter,
    writable,
)
from lecturer_app.formats.question_html import strip_tags
from lecturer_app.formats.question_template import TYPE_CELLS
from lecturer_app.formats.question_text import rubric_to_text
from lecturer_app.i18n import _

# The exported bank is a Vietnamese document whatever the UI language (i18n.Translator says why).
FONT_NAME = "Times New Roman"
FONT_SIZE = 13


def export(questions: Iterable[Question], path: Path, context: ExportContext | None = None,
           title: str = "") -> ExportReport:
    import docx
    from docx.shared import Pt

    context = context or ExportContext()
    report = ExportReport()
    questions = list(writable(questions))  # the heading counts them: a document is built whole anyway
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(FONT_SIZE)
    heading = document.add_paragraph()
    run = heading.add_run(title or f"NGÂN HÀNG CÂU HỎI ({len(questions)} câu)")
    run.bold = True
    for number, question in enumerate(questions, start=1):
        _question(document, number, question, context, report)
        report.written += 1
    vietnamese_docx(document)
    stamp_docx(document, title=title or "Ngân hàng câu hỏi")
    write_rendered(path, document.save)
    return report


def _question(document: Any, number: int, q: Question, context: ExportContext, report: ExportReport) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"Câu {number}: ").bold = True
    stem = strip_tags(q.stem) if q.stem_format == "html" else q.stem
    lines = stem.split("\n")
    paragraph.add_run(lines[0])
    for line in lines[1:]:
        document.add_paragraph(line)
    _pictures(document, q, context, report)
    if q.type in ("single_choice", "multiple_choice"):
        _options(document, q, upper=True, context=context, report=report)
        keys = ", ".join(letter(i) for i, o in enumerate(q.options) if o.correct)
        _labelled(document, "Đáp án: ", keys)
    elif q.type == "true_false_4":
        _options(document, q, upper=False, context=context, report=report)
        marks = " ".join(f"{letter(i).lower()}) {'Đ' if o.correct else 'S'}" for i, o in enumerate(q.options))
        _labelled(document, "Đáp án: ", marks)
    elif q.type == "short_answer":
        _labelled(document, "Đáp án: ", "; ".join(q.answers))
    elif q.type == "essay":
        _block(document, "Hướng dẫn chấm:", rubric_to_text(q.rubric, q.guide))
    else:
        _block(document, "Gợi ý trả lời:", q.guide)
    _meta(document, q, context)


def _options(document: Any, q: Question, upper: bool, context: ExportContext, report: ExportReport) -> None:
    for index, option in enumerate(q.options):
        mark = letter(index) if upper else letter(index).lower()
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = 360000  # 1 cm in EMU
        head = paragraph.add_run(f"{mark}.  " if upper else f"{mark})  ")
        body = paragraph.add_run(option.text)
        head.italic = option.pinned
        for run in (head, body):
            run.underline = option.correct
            run.bold = option.correct
        if option.image is not None:
            _inline_picture(paragraph, option.image, q, context, report)


def _inline_picture(paragraph: Any, ref: Any, q: Question, context: ExportContext, report: ExportReport) -> None:
    from docx.shared import Cm

    data = context.image_bytes(ref.sha256)
    if data is None:
        report.skip(q, _("không tìm thấy hình ảnh {name} trong kho").format(name=ref.filename))
        return
    try:
        paragraph.add_run(" ").add_picture(io.BytesIO(data), width=Cm(4))
    except Exception:  # python-docx refuses formats it cannot size (e.g. SVG)
        report.skip(q, _("không chèn được hình ảnh {name} vào Word").format(name=ref.filename))


def _labelled(document: Any, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(value)


def _block(document: Any, label: str, text: str) -> None:
    document.add_paragraph().add_run(label).bold = True
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line)


def _meta(document: Any, q: Question, context: ExportContext) -> None:
    from docx.shared import Pt, RGBColor

    lines = [f"Loại: {TYPE_CELLS[q.type]}"] if q.type == "oral" else []
    if q.level:
        lines.append(f"Mức độ: {q.level}")
    lines.append(f"Điểm: {format_points(q.points)}")
    if q.tags:
        lines.append("Thẻ: " + ", ".join(q.tags))
    codes = [context.topic_codes[t] for t in q.topic_ids if t in context.topic_codes]
    if codes:
        lines.append("Chuyên đề: " + ", ".join(codes))
    for line in lines:
        run = document.add_paragraph().add_run(line)
        run.font.size = Pt(FONT_SIZE - 2)
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _pictures(document: Any, q: Question, context: ExportContext, report: ExportReport) -> None:
    from docx.shared import Cm

    for ref in q.images:
        data = context.image_bytes(ref.sha256)
        if data is None:
            report.skip(q, _("không tìm thấy hình ảnh {name} trong kho").format(name=ref.filename))
            continue
        try:
            document.add_picture(io.BytesIO(data), width=Cm(8))
        except Exception:  # python-docx refuses formats it cannot size (e.g. SVG)
            report.skip(q, _("không chèn được hình ảnh {name} vào Word").format(name=ref.filename))
