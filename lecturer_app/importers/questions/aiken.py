"""Aiken → single-answer questions, read the way Moodle's ``qformat_aiken`` reads.

A question is one line of text, then options ``A)`` or ``A.`` (the space
after the mark is optional), then ``ANSWER: X``.  The ``ANSWER`` line ends a
question, so a block with a stray blank line inside is still one block, and a
block without ``ANSWER`` ends where the next question starts.  Each bad block
gives exactly one reason, naming its first line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.model import Option, Question
from lecturer_app.core.text.normalize import fold
from lecturer_app.i18n import _
from lecturer_app.importers.questions.answer_lines import EXPLANATION_LINE
from lecturer_app.importers.questions.report import ImportResult
from lecturer_app.importers.questions.textfile import read_text

_OPTION = re.compile(r"^([A-Z])[).]\s*(.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$")


@dataclass
class _Pending:
    line: int
    stem: list[str] = field(default_factory=list)
    letters: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    error: str = ""


def read(path: Path) -> ImportResult:
    result = ImportResult(path, "aiken")
    pending: _Pending | None = None
    for number, raw in enumerate(read_text(path, result).split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        explanation = EXPLANATION_LINE.match(fold(line)) if pending is None and result.items else None
        if explanation:
            # One line: without blank lines between blocks the next line may be the next question.
            question = result.items[-1].question
            question.feedback = "\n".join(filter(None, [question.feedback, line[explanation.end():].strip()]))
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if answer:
            pending = pending or _Pending(number, error=_("dòng ANSWER không thuộc câu hỏi nào"))
            _finish(result, pending, answer.group(1).strip())
            pending = None
        elif option:
            if pending is None:
                pending = _Pending(number, error=_("phương án không có câu hỏi đứng trước"))
            pending.letters.append(option.group(1))
            pending.texts.append(option.group(2).strip())
        elif pending is not None and pending.letters:
            _fail(result, pending, _("thiếu dòng ANSWER"))
            pending = _Pending(number, [line])
        elif pending is not None:
            pending.stem.append(line)
        else:
            pending = _Pending(number, [line])
    if pending is not None:
        _fail(result, pending, _("thiếu dòng ANSWER"))
    return result


def _where(pending: _Pending) -> str:
    return _("dòng {n}").format(n=pending.line)


def _fail(result: ImportResult, pending: _Pending, reason: str) -> None:
    result.problem(_where(pending), pending.error or reason)


def _finish(result: ImportResult, pending: _Pending, answer: str) -> None:
    if pending.error:
        return _fail(result, pending, pending.error)
    if len(pending.letters) < 2:
        return _fail(result, pending, _("cần ít nhất 2 phương án, có {n}").format(n=len(pending.letters)))
    if answer not in pending.letters:
        return _fail(result, pending, _("ANSWER '{answer}' không khớp phương án nào").format(answer=answer))
    question = Question(type="single_choice", stem="\n".join(pending.stem))
    question.options = [Option(text, letter == answer) for letter, text in zip(pending.letters, pending.texts)]
    result.add(question, _where(pending))
