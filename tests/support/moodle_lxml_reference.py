"""Moodle XML as lxml wrote it before the writer wrote text (commit 577b8d2): the reference.

tests/exporters/questions/test_moodlexml_streamed.py checks that
``exporters.questions.moodlexml_writer`` writes these bytes, so the text
writer keeps lxml's escapes, indentation and CDATA splitting.  Kept as it
was, element tree per question, for comparison only.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from lecturer_app.core.model import ImageRef, Question
from lecturer_app.core.safe_write import replaced_on_success
from lecturer_app.exporters.questions.common import (
    ExportContext,
    ExportReport,
    is_true_false_pair,
    writable,
)
from lecturer_app.formats.question_html import text_to_html
from lecturer_app.formats.question_template import TYPE_TAGS
from lecturer_app.formats.question_text import rubric_to_text
from lecturer_app.i18n import _

# Moodle accepts only fractions from its grade list (100/n for n = 1…10 among them).
_GRADES = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667", 7: "14.28571", 8: "12.5",
           9: "11.11111", 10: "10"}


def export(questions: Iterable[Question], path: Path, context: ExportContext | None = None) -> ExportReport:
    """Write *questions* one at a time: memory does not grow with their number.

    Each question is built as its own small tree and serialised indented as
    it would sit inside ``<quiz>``, so the file is byte for byte what one
    whole-tree pretty print gave.
    """
    context = context or ExportContext()
    report = ExportReport()
    category = None
    # Through a temporary name (core/safe_write.py): a failure leaves no half file under the user's name.
    with replaced_on_success(path) as tmp, open(tmp, "wb") as out:
        out.write(b"<?xml version='1.0' encoding='UTF-8'?>\n")
        opened = False
        for question in writable(questions):
            if not opened:
                out.write(b"<quiz>\n")
                opened = True
            wanted = context.category(question)
            if wanted != category:
                _write(out, _category(wanted))
                category = wanted
            _write(out, _question(question, context, report))
            report.written += 1
        out.write(b"</quiz>\n" if opened else b"<quiz/>\n")
    return report


def _write(out: BinaryIO, element: Any) -> None:
    etree.indent(element, space="  ", level=1)
    out.write(b"  " + etree.tostring(element, encoding="UTF-8", pretty_print=True))


def _sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _text(parent: Any, tag: str, text: str, fmt: str | None = None, cdata: bool = False) -> Any:
    holder = _sub(parent, tag, **({"format": fmt} if fmt else {}))
    inner = _sub(holder, "text")
    inner.text = etree.CDATA(text) if cdata and text else text
    return holder


def _category(path: str) -> Any:
    element = etree.Element("question", type="category")
    _text(element, "category", "$course$/top" + (f"/{path}" if path else ""))
    return element


def _question(question: Question, context: ExportContext, report: ExportReport) -> Any:
    qtype = _moodle_type(question)
    element = etree.Element("question", type=qtype)
    _text(element, "name", question.name or " ".join(question.stem.split())[:60] or question.id)
    stem = question.stem if question.stem_format == "html" else text_to_html(question.stem)
    text = _text(element, "questiontext", stem + _images_html(question.images), fmt="html", cdata=True)
    _files(text, question.images, context, report, question)
    _text(element, "generalfeedback", text_to_html(question.feedback) if question.feedback else "", fmt="html")
    _sub(element, "defaultgrade", _number(question.points))
    _sub(element, "penalty", "0.3333333")
    _sub(element, "hidden", "0")
    _BODY[qtype](element, question, context, report)
    tags = [t for t in ([question.level] if question.level else []) + question.tags]
    if question.type in TYPE_TAGS:
        tags.append(TYPE_TAGS[question.type])
    if tags:
        holder = _sub(element, "tags")
        for tag in tags:
            _text(holder, "tag", tag)
    return element


def _moodle_type(question: Question) -> str:
    if is_true_false_pair(question):
        return "truefalse"
    return {"single_choice": "multichoice", "multiple_choice": "multichoice", "true_false_4": "multichoice",
            "short_answer": "shortanswer", "essay": "essay", "oral": "essay"}[question.type]


def _number(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".")


def _images_html(images: list[ImageRef]) -> str:
    return "".join(f'<img src="@@PLUGINFILE@@/{_file_name(ref)}" alt="{ref.alt}">' for ref in images)


def _file_name(ref: ImageRef) -> str:
    from urllib.parse import quote

    return quote(ref.filename or f"{ref.sha256[:16]}.png")


def _files(holder: Any, images: list[ImageRef], context: ExportContext, report: ExportReport,
           question: Question) -> None:
    for ref in images:
        data = context.image_bytes(ref.sha256)
        if data is None:
            report.skip(question, _("không tìm thấy hình ảnh {name} trong kho").format(name=ref.filename))
            continue
        from urllib.parse import unquote

        _sub(holder, "file", base64.b64encode(data).decode("ascii"), name=unquote(_file_name(ref)),
             path="/", encoding="base64")


def _truefalse(element: Any, question: Question, context: ExportContext, report: ExportReport) -> None:
    truth = question.options[0].correct
    for value, right in (("true", truth), ("false", not truth)):
        answer = _sub(element, "answer", fraction="100" if right else "0", format="moodle_auto_format")
        _sub(answer, "text", value)


def _multichoice(element: Any, question: Question, context: ExportContext, report: ExportReport) -> None:
    single = question.type == "single_choice"
    right = sum(1 for o in question.options if o.correct)
    _sub(element, "single", "true" if single else "false")
    _sub(element, "shuffleanswers", "false" if any(o.pinned for o in question.options) else "true")
    _sub(element, "answernumbering", "ABCD")
    for option in question.options:
        if single:
            fraction = "100" if option.correct else "0"
        else:
            fraction = _GRADES.get(right, "10") if option.correct else "-100"
        images = [option.image] if option.image else []
        answer = _text(element, "answer", text_to_html(option.text) + _images_html(images), fmt="html",
                       cdata=True)
        answer.set("fraction", fraction)
        _files(answer, images, context, report, question)
    if right > 10 and not single:
        report.skip(question, _("quá 10 đáp án đúng: điểm từng đáp án được làm tròn"))


def _shortanswer(element: Any, question: Question, context: ExportContext, report: ExportReport) -> None:
    _sub(element, "usecase", "0")
    for text in question.answers:
        answer = _text(element, "answer", text, fmt="moodle_auto_format")
        answer.set("fraction", "100")


def _essay(element: Any, question: Question, context: ExportContext, report: ExportReport) -> None:
    _sub(element, "responseformat", "editor")
    _sub(element, "responsefieldlines", "15")
    guide = rubric_to_text(question.rubric, question.guide)
    _text(element, "graderinfo", text_to_html(guide) if guide else "", fmt="html")


_BODY = {"truefalse": _truefalse, "multichoice": _multichoice, "shortanswer": _shortanswer, "essay": _essay}
