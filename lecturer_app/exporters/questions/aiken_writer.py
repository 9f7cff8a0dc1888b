"""Questions → Aiken: single-answer multiple choice only, everything else reported.

Aiken has one line per question and per option; text with line breaks,
more than 26 options or HTML is reported rather than flattened.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from pathlib import Path

from lecturer_app.core.model import Question
from lecturer_app.core.questions.rules import correct_count
from lecturer_app.core.safe_write import replaced_on_success
from lecturer_app.exporters.questions.common import BlockWriter, ExportContext, ExportReport, writable
from lecturer_app.i18n import _


def export(questions: Iterable[Question], path: Path, context: ExportContext | None = None) -> ExportReport:
    """Write *questions* block by block (memory does not grow with their number)."""
    report = ExportReport()
    # Through a temporary name (core/safe_write.py); "\n" line ends on every system.
    with replaced_on_success(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
        blocks = BlockWriter(out)
        for question in writable(questions):
            reason = _refusal(question)
            if reason:
                report.skip(question, reason)
                continue
            lines = [question.stem]
            lines += [f"{string.ascii_uppercase[i]}. {o.text}" for i, o in enumerate(question.options)]
            key = next(i for i, o in enumerate(question.options) if o.correct)
            lines.append(f"ANSWER: {string.ascii_uppercase[key]}")
            blocks.add("\n".join(lines))
            report.written += 1
        out.write("\n")
    return report


def _refusal(question: Question) -> str:
    if question.type != "single_choice" or correct_count(question) != 1:
        return _("Aiken chỉ chứa câu nhiều lựa chọn một đáp án")
    if len(question.options) > 26:
        return _("Aiken chỉ cho phép tối đa 26 phương án")
    if question.stem_format == "html" or any("\n" in t for t in [question.stem, *(o.text for o in question.options)]):
        return _("Aiken không chứa được nội dung nhiều dòng hoặc HTML")
    return ""
