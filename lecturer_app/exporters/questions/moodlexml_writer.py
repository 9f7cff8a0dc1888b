"""Questions → Moodle XML.

Categories ``$course$/top/<program>/<topic>`` before each run of questions,
the level as a tag, images embedded (base64 ``<file>`` referenced through
``@@PLUGINFILE@@``), fractions from Moodle's grade list.  Đúng/Sai 4 ý goes
as a multiple-response question and vấn đáp as an essay, each with a tag
that lets the importer restore the type.

The XML is written as text, question by question, exactly as lxml's pretty
print of the whole tree wrote it (the same escapes, indentation and CDATA
splitting; tests/exporters/questions/test_moodlexml_streamed.py compares the
two): building an element tree per question was two thirds of an export of
200,000 questions (issue #16).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote, unquote

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
    """Write *questions* one at a time: memory does not grow with their number."""
    context = context or ExportContext()
    report = ExportReport()
    category = None
    # Through a temporary name (core/safe_write.py): a failure leaves no half file under the user's name.
    with replaced_on_success(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
        out.write("<?xml version='1.0' encoding='UTF-8'?>\n")
        parts: list[str] = []  # a few hundred questions' text, written in one call
        for question in writable(questions):
            if not report.written:
                parts.append("<quiz>\n")
            wanted = context.category(question)
            if wanted != category:
                parts.append(_category(wanted))
                category = wanted
            parts.append(_question(question, context, report))
            report.written += 1
            if len(parts) >= 500:
                out.write("".join(parts))
                parts.clear()
        parts.append("</quiz>\n" if report.written else "<quiz/>\n")
        out.write("".join(parts))
    return report


def _escape(text: str) -> str:
    """Character data as libxml2 writes it (lxml's serialiser)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _attribute(text: str) -> str:
    """An attribute value as libxml2 writes it, between double quotes."""
    text = _escape(text)
    for char, entity in (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;")):
        if char in text:
            text = text.replace(char, entity)
    return text


def _text(text: str) -> str:
    """A ``<text>`` line of a holder (at depth 3)."""
    return f"      <text>{_escape(text)}</text>\n"


def _cdata(text: str) -> str:
    """A ``<text>`` line holding HTML in CDATA; libxml2 splits a ``]]>`` inside, and writes empty text plainly."""
    if not text:
        return "      <text></text>\n"
    return "      <text><![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]></text>\n"


def _holder(tag: str, inner: str, attributes: str = "", files: str = "") -> str:
    """A child of ``<question>`` that holds a ``<text>`` (and embedded files)."""
    return f"    <{tag}{attributes}>\n{inner}{files}    </{tag}>\n"


def _category(path: str) -> str:
    text = _text("$course$/top" + (f"/{path}" if path else ""))
    return f"  <question type=\"category\">\n    <category>\n{text}    </category>\n  </question>\n"


def _question(question: Question, context: ExportContext, report: ExportReport) -> str:
    qtype = _moodle_type(question)
    name = question.name or " ".join(question.stem.split())[:60] or question.id
    stem = question.stem if question.stem_format == "html" else text_to_html(question.stem)
    parts = [f'  <question type="{qtype}">\n', _holder("name", _text(name)),
             _holder("questiontext", _cdata(stem + _images_html(question.images)), ' format="html"',
                     _files(question.images, context, report, question)),
             _holder("generalfeedback", _text(text_to_html(question.feedback) if question.feedback else ""),
                     ' format="html"'),
             f"    <defaultgrade>{_escape(_number(question.points))}</defaultgrade>\n"
             "    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n"]
    _BODY[qtype](parts, question, context, report)
    tags = [t for t in ([question.level] if question.level else []) + question.tags]
    if question.type in TYPE_TAGS:
        tags.append(TYPE_TAGS[question.type])
    if tags:
        parts.append("    <tags>\n" + "".join(f"      <tag>\n  {_text(tag)}      </tag>\n" for tag in tags)
                     + "    </tags>\n")
    parts.append("  </question>\n")
    return "".join(parts)


def _moodle_type(question: Question) -> str:
    if is_true_false_pair(question):
        return "truefalse"
    return {"single_choice": "multichoice", "multiple_choice": "multichoice", "true_false_4": "multichoice",
            "short_answer": "shortanswer", "essay": "essay", "oral": "essay"}[question.type]


def _number(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".")


def _images_html(images: list[ImageRef]) -> str:
    if not images:
        return ""
    return "".join(f'<img src="@@PLUGINFILE@@/{_file_name(ref)}" alt="{ref.alt}">' for ref in images)


def _file_name(ref: ImageRef) -> str:
    return quote(ref.filename or f"{ref.sha256[:16]}.png")


def _files(images: list[ImageRef], context: ExportContext, report: ExportReport, question: Question) -> str:
    """The ``<file>`` lines embedding *images* (a missing one is reported, not written)."""
    if not images:
        return ""
    lines = []
    for ref in images:
        data = context.image_bytes(ref.sha256)
        if data is None:
            report.skip(question, _("không tìm thấy hình ảnh {name} trong kho").format(name=ref.filename))
            continue
        lines.append(f'      <file name="{_attribute(unquote(_file_name(ref)))}" path="/" encoding="base64">'
                     f'{base64.b64encode(data).decode("ascii")}</file>\n')
    return "".join(lines)


def _truefalse(parts: list[str], question: Question, context: ExportContext, report: ExportReport) -> None:
    truth = question.options[0].correct
    for value, right in (("true", truth), ("false", not truth)):
        fraction = "100" if right else "0"
        parts.append(_holder("answer", _text(value), f' fraction="{fraction}" format="moodle_auto_format"'))


def _multichoice(parts: list[str], question: Question, context: ExportContext, report: ExportReport) -> None:
    single = question.type == "single_choice"
    right = sum(1 for o in question.options if o.correct)
    shuffle = "false" if any(o.pinned for o in question.options) else "true"
    parts.append(f"    <single>{'true' if single else 'false'}</single>\n"
                 f"    <shuffleanswers>{shuffle}</shuffleanswers>\n    <answernumbering>ABCD</answernumbering>\n")
    for option in question.options:
        if single:
            fraction = "100" if option.correct else "0"
        else:
            fraction = _GRADES.get(right, "10") if option.correct else "-100"
        images = [option.image] if option.image else []
        parts.append(_holder("answer", _cdata(text_to_html(option.text) + _images_html(images)),
                             f' format="html" fraction="{fraction}"', _files(images, context, report, question)))
    if right > 10 and not single:
        report.skip(question, _("quá 10 đáp án đúng: điểm từng đáp án được làm tròn"))


def _shortanswer(parts: list[str], question: Question, context: ExportContext, report: ExportReport) -> None:
    parts.append("    <usecase>0</usecase>\n")
    for text in question.answers:
        parts.append(_holder("answer", _text(text), ' format="moodle_auto_format" fraction="100"'))


def _essay(parts: list[str], question: Question, context: ExportContext, report: ExportReport) -> None:
    guide = rubric_to_text(question.rubric, question.guide)
    parts.append("    <responseformat>editor</responseformat>\n    <responsefieldlines>15</responsefieldlines>\n"
                 + _holder("graderinfo", _text(text_to_html(guide) if guide else ""), ' format="html"'))


_Body = Callable[[list[str], Question, ExportContext, ExportReport], None]
_BODY: dict[str, _Body] = {"truefalse": _truefalse, "multichoice": _multichoice, "shortanswer": _shortanswer,
                           "essay": _essay}
