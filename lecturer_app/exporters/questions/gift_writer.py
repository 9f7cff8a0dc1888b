"""Questions → GIFT.

Carries: stem (plain or ``[html]``), options and key, short answers, essay
(rubric in the general feedback), level and tags as Moodle ``// [tag:…]``
comments, category per program/topic.  Not carried: points, pinned options,
images, Đúng/Sai 4 ý and vấn đáp (reported).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lecturer_app.core.model import Question
from lecturer_app.core.safe_write import replaced_on_success
from lecturer_app.exporters.questions.common import (
    BlockWriter,
    ExportContext,
    ExportReport,
    is_true_false_pair,
    writable,
)
from lecturer_app.formats.question_text import rubric_to_text
from lecturer_app.i18n import _

_SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """GIFT-escape text: ``~ = # { } :`` and the backslash; new lines as ``\\n``."""
    out = "".join("\\" + ch if ch in _SPECIAL or ch == "\\" else ch for ch in text)
    return out.replace("\n", "\\n")


def export(questions: Iterable[Question], path: Path, context: ExportContext | None = None) -> ExportReport:
    """Write *questions* block by block (memory does not grow with their number)."""
    context = context or ExportContext()
    report = ExportReport()
    category = None
    # Through a temporary name (core/safe_write.py); "\n" line ends on every system.
    with replaced_on_success(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
        blocks = BlockWriter(out)
        for question in writable(questions):
            body = question_block(question, report)
            if body is None:
                continue
            wanted = context.category(question)
            if wanted != category:
                blocks.add(f"$CATEGORY: $course$/top/{wanted}" if wanted else "$CATEGORY: $course$/top")
                category = wanted
            blocks.add(body)
            report.written += 1
        out.write("\n")
    return report


def question_block(question: Question, report: ExportReport) -> str | None:
    answers = _answer_block(question, report)
    if answers is None:
        return None
    if question.images or any(o.image for o in question.options):
        report.skip(question, _("GIFT không mang được hình ảnh; câu hỏi được xuất không kèm hình"))
    lines = []
    tags = ([question.level] if question.level else []) + question.tags
    if tags:
        lines.append("// " + " ".join(f"[tag:{t}]" for t in tags))
    name = f"::{escape(question.name)}::" if question.name else ""
    prefix = "[html]" if question.stem_format == "html" else ""
    lines.append(f"{name}{prefix}{escape(question.stem)} {answers}")
    return "\n".join(lines)


def _answer_block(question: Question, report: ExportReport) -> str | None:
    kind = question.type
    feedback = f"\n####{escape(question.feedback)}" if question.feedback else ""
    if is_true_false_pair(question):
        return "{TRUE" + feedback + "}" if question.options[0].correct else "{FALSE" + feedback + "}"
    if kind == "single_choice":
        items = [("=" if o.correct else "~") + escape(o.text) for o in question.options]
    elif kind == "multiple_choice":
        right = sum(1 for o in question.options if o.correct)
        weight = _weight(100 / right)
        items = [(f"~%{weight}%" if o.correct else "~%-100%") + escape(o.text) for o in question.options]
    elif kind == "short_answer":
        items = ["=" + escape(a) for a in question.answers]
    elif kind == "essay":
        guide = rubric_to_text(question.rubric, question.guide)
        return "{" + (f"####{escape(guide)}" if guide else "") + "}"
    else:
        report.skip(question, _("GIFT không có dạng câu hỏi này ({type})").format(type=kind))
        return None
    return "{\n" + "\n".join(f"\t{item}" for item in items) + feedback + "\n}"


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")
