"""Questions → an IMS QTI 2.1 content package (zip with imsmanifest.xml).

One ``assessmentItem`` file per question: choiceInteraction (single or
multiple; pinned options ``fixed``), textEntryInteraction for short answers,
extendedTextInteraction for essays and vấn đáp (rubric in the item's
``rubricBlock`` for scorers).  Đúng/Sai 4 ý is written as four-choice
multiple response (true statements are the correct choices).  Every zip
entry has the UTF-8 name flag set.
"""

from __future__ import annotations

import html
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from lecturer_app.core.model import Question
from lecturer_app.core.safe_write import replaced_on_success
from lecturer_app.exporters.questions.common import ExportContext, ExportReport, writable
from lecturer_app.formats.question_html import text_to_html
from lecturer_app.formats.question_text import rubric_to_text
from lecturer_app.i18n import _

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
UTF8_FLAG = 0x800


def export(questions: Iterable[Question], path: Path, context: ExportContext | None = None) -> ExportReport:
    """Write one item per question as it comes; only the few questions with pictures are remembered
    for the manifest (zipfile itself keeps one directory entry per item)."""
    context = context or ExportContext()
    report = ExportReport()
    pictures: dict[int, list[str]] = {}
    # Through a temporary name (core/safe_write.py): a failure leaves no half package.
    with replaced_on_success(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        count = 0
        for count, question in enumerate(writable(questions), start=1):
            ident = _ident(count)
            images = _images(archive, question, context, report)
            _write(archive, f"items/{ident}.xml", item_xml(question, ident, images))
            if images:
                pictures[count] = list(images.values())
            report.written += 1
        resources = ((_ident(n), f"items/{_ident(n)}.xml", pictures.get(n, [])) for n in range(1, count + 1))
        # The zip keeps one directory entry per item anyway; the manifest is a few bytes more per question.
        _write(archive, "imsmanifest.xml", "".join(manifest_parts(resources)))
    return report


def _ident(number: int) -> str:
    return f"q{number:05d}"


class _Utf8ZipInfo(zipfile.ZipInfo):
    """A zip entry whose name is always flagged UTF-8 (bit 11), even when ASCII.

    ``zipfile`` resets ``flag_bits`` when writing and sets the flag only for
    non-ASCII names; some LMS importers decode unflagged names as CP437.
    """

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 (zipfile's name)
        return self.filename.encode("utf-8"), self.flag_bits | UTF8_FLAG


def _write(archive: zipfile.ZipFile, name: str, text: str | bytes) -> None:
    info = _Utf8ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, text.encode("utf-8") if isinstance(text, str) else text)


def _images(archive: zipfile.ZipFile, question: Question, context: ExportContext,
            report: ExportReport) -> dict[str, str]:
    written: dict[str, str] = {}
    for ref in question.images:
        data = context.image_bytes(ref.sha256)
        if data is None:
            report.skip(question, _("không tìm thấy hình ảnh {name} trong kho").format(name=ref.filename))
            continue
        name = f"images/{ref.sha256[:16]}{Path(ref.filename).suffix or '.png'}"
        if name not in written.values():
            _write(archive, name, data)
        written[ref.sha256] = name
    return written


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def item_xml(question: Question, ident: str, images: dict[str, str]) -> str:
    body = _stem_xhtml(question, images)
    kind = question.type
    if kind in ("single_choice", "multiple_choice", "true_false_4"):
        declaration, interaction = _choice(question)
    elif kind == "short_answer":
        values = "".join(f"<value>{html.escape(a)}</value>" for a in question.answers)
        declaration = (f'<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string">'
                       f"<correctResponse>{values}</correctResponse></responseDeclaration>")
        interaction = '<p><textEntryInteraction responseIdentifier="RESPONSE" expectedLength="40"/></p>'
    else:
        declaration = '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"/>'
        interaction = '<extendedTextInteraction responseIdentifier="RESPONSE" expectedLines="15"/>'
    guide = rubric_to_text(question.rubric, question.guide)
    rubric = (f'<rubricBlock view="scorer">{_xhtml(guide)}</rubricBlock>' if guide else "")
    processing = (f'<responseProcessing template="{MATCH_CORRECT}"/>'
                  if kind not in ("essay", "oral") else "")
    title = _attr(question.name or " ".join(question.stem.split())[:60])
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<assessmentItem xmlns="{QTI_NS}" identifier="{ident}" title="{title}" adaptive="false" '
            f'timeDependent="false">{declaration}'
            f'<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">'
            f"<defaultValue><value>0</value></defaultValue></outcomeDeclaration>"
            f"<itemBody>{rubric}{body}{interaction}</itemBody>{processing}</assessmentItem>\n")


def _stem_xhtml(question: Question, images: dict[str, str]) -> str:
    if question.stem_format == "html":
        from lecturer_app.formats.question_html import strip_tags

        text = _xhtml(strip_tags(question.stem))  # QTI needs XHTML; keep the words
    else:
        text = _xhtml(question.stem)
    pictures = "".join(f'<p><img src="../{_attr(src)}" alt="{_attr(ref.alt)}"/></p>'
                       for ref in question.images if (src := images.get(ref.sha256)))
    return text + pictures


def _xhtml(text: str) -> str:
    return text_to_html(text).replace("<br>", "<br/>")


def _choice(question: Question) -> tuple[str, str]:
    single = question.type == "single_choice"
    cardinality = "single" if single else "multiple"
    correct = "".join(f"<value>C{i}</value>" for i, o in enumerate(question.options) if o.correct)
    declaration = (f'<responseDeclaration identifier="RESPONSE" cardinality="{cardinality}" '
                   f'baseType="identifier"><correctResponse>{correct}</correctResponse></responseDeclaration>')
    fixed = ' fixed="true"'
    choices = "".join(
        f'<simpleChoice identifier="C{i}"{fixed if o.pinned else ""}>{html.escape(o.text)}</simpleChoice>'
        for i, o in enumerate(question.options))
    interaction = (f'<choiceInteraction responseIdentifier="RESPONSE" shuffle="true" '
                   f'maxChoices="{1 if single else 0}">{choices}</choiceInteraction>')
    return declaration, interaction


def manifest_parts(resources: Iterable[tuple[str, str, list[str]]]) -> Iterator[str]:
    """The manifest in pieces, one resource at a time."""
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="MANIFEST-LECTURER-APP">'
           "<metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion></metadata>"
           "<organizations/><resources>")
    for ident, href, files in resources:
        deps = "".join(f'<file href="{_attr(f)}"/>' for f in files)
        yield (f'<resource identifier="R{ident}" type="imsqti_item_xmlv2p1" href="{href}">'
               f'<file href="{href}"/>{deps}</resource>')
    yield "</resources></manifest>\n"
