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

The writer reads a question as a plain mapping of its fields
(``core.questions.fields``): from a Question, or straight from its stored
body (``export_bodies``, what the CLI gives), so a bank export revives no
dataclass per question and per option (half of the export's time).
"""

from __future__ import annotations

import base64
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote, unquote

from lecturer_app.core import second_process
from lecturer_app.core.model import ImageRef, Question
from lecturer_app.core.questions.fields import Fields, body_fields, question_fields
from lecturer_app.core.safe_write import replaced_on_success
from lecturer_app.exporters.questions.common import (
    FALSE_TEXT,
    TRUE_TEXT,
    ExportContext,
    ExportReport,
    label_of,
    writable,
)
from lecturer_app.formats.question_template import TYPE_TAGS
from lecturer_app.formats.question_text import rubric_to_text
from lecturer_app.i18n import _

# Moodle accepts only fractions from its grade list (100/n for n = 1…10 among them).
_GRADES = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667", 7: "14.28571", 8: "12.5",
           9: "11.11111", 10: "10"}
_TYPES = {"single_choice": "multichoice", "multiple_choice": "multichoice", "true_false_4": "multichoice",
          "short_answer": "shortanswer", "essay": "essay", "oral": "essay"}
# Characters written per call to the file: about a hundred questions (a larger buffer is memory for nothing).
CHUNK = 1 << 17


def export(questions: Iterable[Question], path: Path, context: ExportContext | None = None) -> ExportReport:
    """Write *questions* one at a time: memory does not grow with their number."""
    return _export((question_fields(q) for q in writable(questions)), None, path, context)


def export_bodies(bodies: Iterable[tuple[str, dict]], path: Path, context: ExportContext | None = None, *,
                  then: Callable[[], Iterable[tuple[str, dict]]] | None = None) -> ExportReport:
    """:func:`export` of (id, stored body) pairs already XML-safe (``LessonBank.iter_question_bodies(xml_safe=True)``).

    The same bytes as exporting the Questions those bodies revive to.  *then*
    gives the pairs that follow *bodies*: a forked child writes them
    meanwhile when a core is free (``core.second_process``; *then* runs in
    the child and must open its own database connection), and its part is
    appended; otherwise they are written here after *bodies*.  The file is
    the same either way.
    """
    second = (lambda: (body_fields(qid, body) for qid, body in then())) if then is not None else None
    return _export((body_fields(qid, body) for qid, body in bodies), second, path, context)


def _export(questions: Iterator[Fields], then: Callable[[], Iterator[Fields]] | None, path: Path,
            context: ExportContext | None) -> ExportReport:
    context = context or ExportContext()
    report = ExportReport()
    # Through a temporary name (core/safe_write.py): a failure leaves no half file under the user's name.
    with replaced_on_success(path) as tmp, open(tmp, "wb") as out:
        part = tmp.with_name(tmp.name + "-2")
        child = second_process.start(lambda: _write_part(then(), context, part)) if then is not None else None
        try:
            writer = _Writer(context, report)
            out.write(b"<?xml version='1.0' encoding='UTF-8'?>\n")
            for text in writer.chunks(questions):
                out.write(text.encode("utf-8"))
            written = child.result() if child is not None else None
            if written is not None:
                writer.append(written, part, out)
            elif then is not None:
                for text in writer.chunks(then()):
                    out.write(text.encode("utf-8"))
            out.write(writer.end().encode("utf-8"))
        except BaseException:
            if child is not None:
                child.stop()
            raise
        finally:
            part.unlink(missing_ok=True)
    return report


@dataclass
class _Part:
    """What a forked child wrote (:func:`_write_part`): its questions' text after a category line of its own."""

    written: int
    skipped: list[tuple[str, str]]
    first_category: str | None
    last_category: str | None
    heading: int  # bytes of the category line it starts with


def _write_part(questions: Iterator[Fields], context: ExportContext, tmp: Path) -> _Part:
    """Runs in the child: *questions* into *tmp*, a temporary file beside the export's temporary name."""
    writer = _Writer(context, ExportReport(), opened=True)
    with open(tmp, "wb") as out:
        for text in writer.chunks(questions):
            out.write(text.encode("utf-8"))
    first = writer.first_category  # its first question's category line starts the part
    heading = len(_category(first).encode("utf-8")) if first is not None else 0
    return _Part(writer.report.written, writer.report.skipped, first, writer.category, heading)


class _Writer:
    """The ``<quiz>`` body, question by question, with a category line where the category changes."""

    def __init__(self, context: ExportContext, report: ExportReport, *, opened: bool = False) -> None:
        self.context, self.report, self.opened = context, report, opened
        self.category: str | None = None
        self.first_category: str | None = None

    def chunks(self, questions: Iterator[Fields]) -> Iterator[str]:
        """The text of *questions*, about :data:`CHUNK` characters at a time."""
        parts: list[str] = []
        size = 0
        for question in questions:
            if not self.opened:
                parts.append("<quiz>\n")
                self.opened = True
            wanted = self.context.category_of(question["topic_ids"])
            if wanted != self.category:
                parts.append(_category(wanted))
                self.category = wanted
                if self.first_category is None:
                    self.first_category = wanted
            text = _question(question, self.context, self.report)
            parts.append(text)
            size += len(text)
            self.report.written += 1
            if size >= CHUNK:
                yield "".join(parts)
                parts.clear()
                size = 0
        if parts:
            yield "".join(parts)

    def append(self, part: _Part, path: Path, out: BinaryIO) -> None:
        """Copy what a child wrote, without its first category line when that category is still current."""
        if not part.written:
            return
        if not self.opened:
            out.write(b"<quiz>\n")
            self.opened = True
        with open(path, "rb") as source:
            source.seek(part.heading if part.first_category == self.category else 0)
            shutil.copyfileobj(source, out, CHUNK)
        self.category = part.last_category
        self.report.written += part.written
        self.report.skipped += part.skipped

    def end(self) -> str:
        return "</quiz>\n" if self.opened else "<quiz/>\n"


def _markup(text: str) -> str:
    """*text* with &, < and > escaped (each replace only when present: this runs for every option)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape(text: str) -> str:
    """Character data as libxml2 writes it (lxml's serialiser)."""
    text = _markup(text)
    return text.replace("\r", "&#13;") if "\r" in text else text


def _attribute(text: str) -> str:
    """An attribute value as libxml2 writes it, between double quotes."""
    text = _escape(text)
    for char, entity in (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;")):
        if char in text:
            text = text.replace(char, entity)
    return text


def _html(text: str) -> str:
    """``formats.question_html.text_to_html``: escaped, line breaks kept."""
    text = _markup(text)
    return "<p>" + (text.replace("\n", "<br>") if "\n" in text else text) + "</p>"


def _text(text: str) -> str:
    """A ``<text>`` line of a holder (at depth 3)."""
    return f"      <text>{_escape(text)}</text>\n"


def _cdata(text: str) -> str:
    """A ``<text>`` line holding HTML in CDATA; libxml2 splits a ``]]>`` inside, and writes empty text plainly."""
    if not text:
        return "      <text></text>\n"
    if "]]>" in text:
        text = text.replace("]]>", "]]]]><![CDATA[>")
    return "      <text><![CDATA[" + text + "]]></text>\n"


def _holder(tag: str, inner: str, attributes: str = "", files: str = "") -> str:
    """A child of ``<question>`` that holds a ``<text>`` (and embedded files)."""
    return f"    <{tag}{attributes}>\n{inner}{files}    </{tag}>\n"


def _category(path: str) -> str:
    text = _text("$course$/top" + (f"/{path}" if path else ""))
    return f"  <question type=\"category\">\n    <category>\n{text}    </category>\n  </question>\n"


def _question(question: Fields, context: ExportContext, report: ExportReport) -> str:
    qtype = _moodle_type(question)
    stem, images = question["stem"], question["images"]
    name = question["name"] or " ".join(stem.split())[:60] or question["id"]
    html = stem if question["stem_format"] == "html" else _html(stem)
    files = _files(images, context, report, question) if images else ""
    feedback = question["feedback"]
    parts = [f'  <question type="{qtype}">\n    <name>\n      <text>{_escape(name)}</text>\n    </name>\n'
             f'    <questiontext format="html">\n{_cdata(html + _images_html(images) if images else html)}'
             f'{files}    </questiontext>\n    <generalfeedback format="html">\n'
             f'      <text>{_escape(_html(feedback)) if feedback else ""}</text>\n    </generalfeedback>\n'
             f"    <defaultgrade>{_number(question['points'])}</defaultgrade>\n"
             "    <penalty>0.3333333</penalty>\n    <hidden>0</hidden>\n"]
    _BODY[qtype](parts, question, context, report)
    parts.append(_tags(question))
    parts.append("  </question>\n")
    return "".join(parts)


def _tags(question: Fields) -> str:
    level, tags, type_tag = question["level"], question["tags"], TYPE_TAGS.get(question["type"])
    if not (level or tags or type_tag):
        return ""
    every = [*([level] if level else []), *tags, *([type_tag] if type_tag else [])]
    return "    <tags>\n" + "".join(f"      <tag>\n        <text>{_escape(tag)}</text>\n      </tag>\n"
                                    for tag in every) + "    </tags>\n"


def _moodle_type(question: Fields) -> str:
    options = question["options"]
    if (question["type"] == "single_choice" and len(options) == 2
            and options[0]["text"] == TRUE_TEXT and options[1]["text"] == FALSE_TEXT):
        return "truefalse"  # common.is_true_false_pair
    return _TYPES[question["type"]]


@lru_cache(maxsize=256)  # a bank holds a handful of distinct point values
def _number(value: float) -> str:
    return _escape(f"{value:.7f}".rstrip("0").rstrip("."))


def _images_html(images: list[ImageRef]) -> str:
    if not images:
        return ""
    return "".join(f'<img src="@@PLUGINFILE@@/{_file_name(ref)}" alt="{ref.alt}">' for ref in images)


def _file_name(ref: ImageRef) -> str:
    return quote(ref.filename or f"{ref.sha256[:16]}.png")


def _files(images: list[ImageRef], context: ExportContext, report: ExportReport, question: Fields) -> str:
    """The ``<file>`` lines embedding *images* (a missing one is reported, not written)."""
    lines = []
    for ref in images:
        data = context.image_bytes(ref.sha256)
        if data is None:
            _skip(report, question, _("không tìm thấy hình ảnh {name} trong kho").format(name=ref.filename))
            continue
        lines.append(f'      <file name="{_attribute(unquote(_file_name(ref)))}" path="/" encoding="base64">'
                     f'{base64.b64encode(data).decode("ascii")}</file>\n')
    return "".join(lines)


def _skip(report: ExportReport, question: Fields, reason: str) -> None:
    report.skipped.append((label_of(question["id"], question["stem"]), reason))


def _truefalse(parts: list[str], question: Fields, context: ExportContext, report: ExportReport) -> None:
    truth = question["options"][0]["correct"]
    for value, right in (("true", truth), ("false", not truth)):
        fraction = "100" if right else "0"
        parts.append(_holder("answer", _text(value), f' fraction="{fraction}" format="moodle_auto_format"'))


def _multichoice(parts: list[str], question: Fields, context: ExportContext, report: ExportReport) -> None:
    options = question["options"]
    single = question["type"] == "single_choice"
    right = sum(1 for o in options if o["correct"])
    shuffle = "false" if any(o["pinned"] for o in options) else "true"
    parts.append(f"    <single>{'true' if single else 'false'}</single>\n"
                 f"    <shuffleanswers>{shuffle}</shuffleanswers>\n    <answernumbering>ABCD</answernumbering>\n")
    wrong = "0" if single else "-100"
    correct = "100" if single else _GRADES.get(right, "10")
    for option in options:
        fraction = correct if option["correct"] else wrong
        image = option["image"]
        if image:
            html = _html(option["text"]) + _images_html([image])
            files = _files([image], context, report, question)
        else:
            html, files = _html(option["text"]), ""
        if "]]>" in html:
            html = html.replace("]]>", "]]]]><![CDATA[>")
        parts.append(f'    <answer format="html" fraction="{fraction}">\n      <text><![CDATA[{html}]]></text>\n'
                     f"{files}    </answer>\n")
    if right > 10 and not single:
        _skip(report, question, _("quá 10 đáp án đúng: điểm từng đáp án được làm tròn"))


def _shortanswer(parts: list[str], question: Fields, context: ExportContext, report: ExportReport) -> None:
    parts.append("    <usecase>0</usecase>\n")
    for text in question["answers"]:
        parts.append(_holder("answer", _text(text), ' format="moodle_auto_format" fraction="100"'))


def _essay(parts: list[str], question: Fields, context: ExportContext, report: ExportReport) -> None:
    guide = rubric_to_text(question["rubric"], question["guide"])
    parts.append("    <responseformat>editor</responseformat>\n    <responsefieldlines>15</responsefieldlines>\n"
                 + _holder("graderinfo", _text(_html(guide) if guide else ""), ' format="html"'))


_Body = Callable[[list[str], Fields, ExportContext, ExportReport], None]
_BODY: dict[str, _Body] = {"truefalse": _truefalse, "multichoice": _multichoice, "shortanswer": _shortanswer,
                           "essay": _essay}
