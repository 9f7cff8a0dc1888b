"""AMC-TXT (auto-multiple-choice's plain-text source) → questions.

Centres moving from AMC bring these files.  The syntax read:

* header lines ``Key: value`` before the first question (``Title:``,
  ``Code:``, ``Lang:``, ``L-Student:`` …): not questions, left aside;
* ``* text`` a single-answer question, ``** text`` a multiple-answer one,
  optionally with ``[options]`` and ``{scoring}`` right after the stars
  (``*[id=q1,horiz]{b=2}``); lines that follow continue the text;
* ``+ text`` a right answer, ``- text`` a wrong one, optionally with
  ``[…]`` and ``{…}`` parts before the text (``+[2]{3} text``);
* ``*(Group name`` … ``*)``: a group; its name becomes the category;
* ``# …`` comments.

AMC's scoring, layout options and LaTeX are not carried; a question without
answers is imported as an essay (AMC's open question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.model import Option, Question
from lecturer_app.i18n import _
from lecturer_app.importers.questions.report import ImportResult
from lecturer_app.importers.questions.textfile import read_text

_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.*)$")
_QUESTION = re.compile(r"^(\*{1,2})(?:<[^>\n]*>)?((?:\[[^\]\n]*\]|\{[^}\n]*\})*)\s*(.*)$")
_ANSWER = re.compile(r"^([+-])((?:\[[^\]\n]*\]|\{[^}\n]*\})*)\s*(.*)$")
_GROUP_OPEN = re.compile(r"^\*\(\s*(.*)$")
_GROUP_CLOSE = re.compile(r"^\*\)\s*$")
# Keys AMC documents for the header; one of them at the top marks an AMC-TXT file.
HEADER_KEYS = {
    "title", "presentation", "code", "lang", "font", "papersize", "shufflequestions", "separateanswersheet",
    "answersheettitle", "answersheetpresentation", "answersheetcolumns", "completemulti", "defaultscorings",
    "defaultscoringm", "latex", "latex-preambule", "latex-begindocument", "latex-first", "questionblocks",
    "columns", "arabic", "codedigitsdirection", "namefield", "studentidfield", "markfield", "totalpoints",
    "singlesided", "manualduplex", "disable", "options", "arabicfont", "namewidth",
}


@dataclass
class _Pending:
    line: int
    multiple: bool
    category: str
    stem: list[str] = field(default_factory=list)
    name: str = ""
    answers: list[tuple[bool, list[str]]] = field(default_factory=list)


def read(path: Path) -> ImportResult:
    result = ImportResult(path, "amc")
    pending: _Pending | None = None
    group = ""
    for number, raw in enumerate(read_text(path, result).split("\n"), start=1):
        line = raw.rstrip()
        if line.lstrip().startswith("#"):
            continue
        if opened := _GROUP_OPEN.match(line):
            _finish(result, pending)
            pending, group = None, opened.group(1).strip()
        elif _GROUP_CLOSE.match(line):
            _finish(result, pending)
            pending, group = None, ""
        elif question := _QUESTION.match(line):
            _finish(result, pending)
            pending = _Pending(number, len(question.group(1)) == 2, group, [question.group(3).strip()],
                               _identifier(question.group(2)))
        elif pending is None:
            continue  # header lines ("Title: …") and blank lines before the first question
        elif answer := _ANSWER.match(line):
            pending.answers.append((answer.group(1) == "+", [answer.group(3).strip()]))
        elif line.strip():
            (pending.answers[-1][1] if pending.answers else pending.stem).append(line.strip())
    _finish(result, pending)
    return result


def looks_like_amc(text: str) -> bool:
    """An AMC header key on the first meaningful line, or a "* question" followed by "+ answer" lines."""
    first = next((line for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")), "")
    header = _HEADER.match(first.strip())
    if header and header.group(1).lower() in HEADER_KEYS:
        return True
    return bool(_BLOCK.search(text)) and not _CAU.search(text)


_BLOCK = re.compile(r"^\*{1,2}(?:\[[^\]\n]*\]|\{[^}\n]*\})*[ \t]*[^\s*()\[{][^\n]*\n(?:[^\n*+\-][^\n]*\n)*"
                    r"(?:-[^\n]*\n)*\+", re.M)
_CAU = re.compile(r"^\s*(?:câu|cau)\s*\d+", re.M | re.I)


def _identifier(options: str) -> str:
    """The ``id=`` of "[id=Déjà ça !,horiz]": kept as the question's display name only."""
    found = re.search(r"\[(?:[^\]]*,)?\s*id\s*=\s*([^,\]]*)", options)
    return found.group(1).strip() if found else ""


def _finish(result: ImportResult, pending: _Pending | None) -> None:
    if pending is None:
        return
    where = _("dòng {n}").format(n=pending.line)
    question = Question(stem="\n".join(s for s in pending.stem if s), name=pending.name)
    if not pending.answers:
        question.type = "essay"
    else:
        question.type = "multiple_choice" if pending.multiple else "single_choice"
        question.options = [Option(" ".join(texts), right) for right, texts in pending.answers]
        right = sum(1 for option in question.options if option.correct)
        if not pending.multiple and right != 1:
            result.problem(where, _("câu một đáp án (*) có {n} phương án đúng (+)").format(n=right))
            return
    result.add(question, where, pending.category)
