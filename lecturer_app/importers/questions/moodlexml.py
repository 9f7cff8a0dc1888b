"""Moodle XML → questions.

Types taken: ``multichoice`` (single or multiple response), ``truefalse``
(single choice Đúng/Sai), ``shortanswer``, ``numerical`` with exact answers
(short answer; answers with a tolerance are reported), ``essay`` (grader
info → answer guide).  Category pseudo-questions set the category of the
questions after them; tags become the level or tags.  Base64 ``<file>``
elements become blobs and ``@@PLUGINFILE@@`` pictures move to the question's
or option's images.  Anything else is skipped and reported with its line.
"""

from __future__ import annotations

import base64
import binascii
import re
from functools import partial
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError, InvalidItem
from lecturer_app.core.model import ImageRef, Option, Question
from lecturer_app.formats.memory_budget import DOCUMENT_TAG_BYTES, check_estimate, count_tags
from lecturer_app.formats.question_html import html_to_text, strip_tags
from lecturer_app.formats.question_text import parse_rubric, rubric_to_text
from lecturer_app.i18n import _
from lecturer_app.importers.questions.report import ImportResult

MAX_XML_BYTES = 100 * 1024 * 1024
TRUE_TEXT = "Đúng"
FALSE_TEXT = "Sai"
_PLUGIN_IMG = re.compile(r"<img\b[^>]*?src=\"@@PLUGINFILE@@/([^\"]+)\"[^>]*>", re.I)


def read(path: Path) -> ImportResult:
    result = ImportResult(path, "moodlexml")
    root = _parse(path)
    category = ""
    for element in root:
        if not isinstance(element.tag, str) or element.tag != "question":
            continue
        qtype = element.get("type", "")
        where = _("dòng {n}").format(n=element.sourceline)
        if qtype == "category":
            category = _text(element.find("category")).strip()
            continue
        result.add_parsed(where, partial(_question, element, qtype, result), category)
    return result


def _parse(path: Path) -> Any:
    from lxml import etree

    if not path.is_file():
        raise InputFileError(path, "", _("không tìm thấy tệp"))
    if path.stat().st_size > MAX_XML_BYTES:
        raise InputFileError(path, "", _("tệp quá lớn (tối đa {mb} MB)").format(mb=MAX_XML_BYTES // 2**20))
    check_estimate(path, path.stat().st_size + count_tags(path) * DOCUMENT_TAG_BYTES)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        raise InputFileError(path, _("dòng {n}").format(n=line), _("XML không hợp lệ: {e}").format(e=exc.msg)) from exc
    if root.tag != "quiz":
        raise InputFileError(path, "", _("không phải tệp Moodle XML (thiếu thẻ <quiz>)"))
    return root


def _text(element: Any) -> str:
    if element is None:
        return ""
    child = element.find("text")
    return (child.text or "") if child is not None else (element.text or "")


def _question(element: Any, qtype: str, result: ImportResult) -> Question:
    builders = {"multichoice": _multichoice, "truefalse": _truefalse, "shortanswer": _shortanswer,
                "numerical": _numerical, "essay": _essay}
    builder = builders.get(qtype)
    if builder is None:
        if qtype == "description":
            raise InvalidItem(_("đoạn mô tả (description), không phải câu hỏi"))
        raise InvalidItem(_("loại câu hỏi '{type}' chưa được hỗ trợ").format(type=qtype))
    question = Question(name=_text(element.find("name")).strip())
    stem_html = _text(element.find("questiontext"))
    question.stem, question.stem_format, question.images = _rich(
        stem_html, element.find("questiontext"), result)
    question.feedback = strip_tags(_text(element.find("generalfeedback")))
    question.points = _float(element.findtext("defaultgrade"), 1.0)
    question.tags = [t for t in (_text(tag).strip() for tag in element.iterfind("tags/tag")) if t]
    builder(element, question, result)
    _tags_to_level(question)
    return question


def _rich(source: str, holder: Any, result: ImportResult) -> tuple[str, str, list[ImageRef]]:
    """Text, format and pictures of an HTML field, its @@PLUGINFILE@@ files made blobs."""
    files = {}
    if holder is not None:
        for file in holder.iterfind("file"):
            try:
                data = base64.b64decode((file.text or "").strip(), validate=False)
            except (binascii.Error, ValueError):
                continue
            files[file.get("name", "")] = data
    images: list[ImageRef] = []

    def take(match: re.Match[str]) -> str:
        name = _unquote(match.group(1))
        if name in files:
            if ref := result.add_image(files[name], name):
                images.append(ref)
            return ""
        return match.group(0)

    source = _PLUGIN_IMG.sub(take, source)
    text, fmt = html_to_text(source)
    return text, fmt, images


def _unquote(name: str) -> str:
    from urllib.parse import unquote

    return unquote(name)


def _float(text: str | None, default: float) -> float:
    try:
        return float(text) if text not in (None, "") else default
    except ValueError:
        return default


def _answers(element: Any, result: ImportResult) -> list[tuple[float, Option]]:
    answers = []
    for answer in element.iterfind("answer"):
        text, _fmt, images = _rich(_text(answer), answer, result)
        option = Option(text=text, image=images[0] if images else None)
        answers.append((_float(answer.get("fraction"), 0.0), option))
    return answers


def _multichoice(element: Any, question: Question, result: ImportResult) -> None:
    single = (element.findtext("single") or "true").strip().lower() in ("true", "1")
    answers = _answers(element, result)
    for fraction, option in answers:
        option.correct = fraction >= 99.99 if single else fraction > 0
    question.type = "single_choice" if single else "multiple_choice"
    question.options = [option for _f, option in answers]


def _truefalse(element: Any, question: Question, result: ImportResult) -> None:
    truth = None
    for answer in element.iterfind("answer"):
        if _float(answer.get("fraction"), 0.0) >= 99.99:
            truth = _text(answer).strip().lower() == "true"
    if truth is None:
        raise InvalidItem(_("câu Đúng/Sai không có đáp án đúng"))
    question.type = "single_choice"
    question.options = [Option(TRUE_TEXT, truth), Option(FALSE_TEXT, not truth)]


def _shortanswer(element: Any, question: Question, result: ImportResult) -> None:
    question.type = "short_answer"
    question.answers = [strip_tags(_text(a)) for a in element.iterfind("answer")
                        if _float(a.get("fraction"), 0.0) >= 99.99]


def _numerical(element: Any, question: Question, result: ImportResult) -> None:
    answers = []
    for answer in element.iterfind("answer"):
        if _float(answer.get("fraction"), 0.0) < 99.99:
            continue
        if _float(answer.findtext("tolerance"), 0.0) != 0.0:
            raise InvalidItem(_("câu hỏi số có sai số cho phép chưa được hỗ trợ"))
        answers.append(strip_tags(_text(answer)))
    question.type = "short_answer"
    question.answers = answers


def _essay(element: Any, question: Question, result: ImportResult) -> None:
    question.type = "essay"
    question.rubric, question.guide = parse_rubric(strip_tags(_text(element.find("graderinfo"))))


def _tags_to_level(question: Question) -> None:
    """Tags naming a level set the level; the type tags restore Đúng/Sai 4 ý and vấn đáp."""
    from lecturer_app.core.questions.levels import match_level
    from lecturer_app.formats.question_template import TYPE_TAGS

    for kind, tag in TYPE_TAGS.items():
        if tag in question.tags:
            question.tags.remove(tag)
            if kind == "true_false_4" and question.type in ("single_choice", "multiple_choice"):
                question.type = kind
            elif kind == "oral" and question.type == "essay":
                question.type = kind
                question.guide, question.rubric = rubric_to_text(question.rubric, question.guide), []
    for tag in list(question.tags):
        level = match_level(tag)
        if level and not question.level:
            question.level = level
            question.tags.remove(tag)
