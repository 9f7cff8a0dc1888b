"""GIFT (Moodle's text format) → questions.

Supported: multiple choice (one ``=``), multiple response (``~%n%``), true/
false (``{T}``/``{FALSE}`` → single choice Đúng/Sai), short answer (only
``=``), essay (``{}``), missing word (answer block inside the sentence; the
gap becomes "_____").  Matching and numerical questions are reported and
skipped.  ``$CATEGORY:`` lines give the category of the questions after them.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from lecturer_app.core.errors import InvalidItem
from lecturer_app.core.model import Option, Question
from lecturer_app.formats.question_html import html_to_text
from lecturer_app.formats.question_text import parse_rubric
from lecturer_app.i18n import _
from lecturer_app.importers.questions.report import ImportResult
from lecturer_app.importers.questions.textfile import read_text

TRUE_TEXT = "Đúng"
FALSE_TEXT = "Sai"
GAP = "_____"
_SPECIAL = "~=#{}:"
_NAME = re.compile(r"^::(.*?)(?<!\\)::", re.S)
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.I)
_TAG = re.compile(r"\[tag:([^\]]+)\]")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


def read(path: Path) -> ImportResult:
    result = ImportResult(path, "gift")
    category = ""
    for line_no, block in _blocks(read_text(path, result)):
        if block.startswith("$CATEGORY:"):
            category = block.split(":", 1)[1].strip()
            continue
        where = _("dòng {n}").format(n=line_no)
        result.add_parsed(where, partial(parse_question, block), category)
    return result


def _blocks(text: str) -> list[tuple[int, str]]:
    """Questions separated by blank lines, comments dropped, with their first line number.

    Comment lines carrying Moodle's ``[tag:…]`` markers are kept (as a
    ``//tags`` first line of the block) so the tags reach the question.
    """
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            tags = _TAG.findall(stripped)
            if tags:
                if not current:
                    start = number
                current.append("//tags " + "\x1f".join(tags))
            continue
        if not stripped:
            if current:
                blocks.append((start, "\n".join(current)))
                current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def parse_question(block: str) -> Question:
    """One GIFT question; InvalidItem (Vietnamese reason) when it cannot be taken."""
    question = Question()
    lines = block.strip().split("\n")
    while lines and lines[0].startswith("//tags "):
        question.tags.extend(t.strip() for t in lines.pop(0)[7:].split("\x1f") if t.strip())
    _tags_to_level(question)
    text = "\n".join(lines).strip()
    name = _NAME.match(text)
    if name:
        question.name = unescape(name.group(1).strip())
        text = text[name.end():].lstrip()
    fmt = _FORMAT.match(text)
    if fmt:
        text = text[fmt.end():]
    open_at, close_at = _answer_block(text)
    before, answer, after = text[:open_at], text[open_at + 1:close_at], text[close_at + 1:]
    if re.search(r"\w", after):
        stem = f"{before.rstrip()} {GAP} {after.lstrip()}"
    else:
        stem = before
    stem = unescape(stem.strip())
    if fmt and fmt.group(1).lower() == "html":
        stem, question.stem_format = html_to_text(stem)
    question.stem = stem
    _fill_answers(question, answer.strip())
    return question


def _tags_to_level(question: Question) -> None:
    from lecturer_app.core.questions.levels import match_level

    for tag in list(question.tags):
        level = match_level(tag)
        if level and not question.level:
            question.level = level
            question.tags.remove(tag)


def _answer_block(text: str) -> tuple[int, int]:
    open_at = _find_unescaped(text, "{", 0)
    if open_at < 0:
        raise InvalidItem(_("không có phần đáp án (trong ngoặc nhọn)"))
    close_at = _find_unescaped(text, "}", open_at + 1)
    if close_at < 0:
        raise InvalidItem(_("thiếu dấu ngoặc nhọn đóng phần đáp án"))
    return open_at, close_at


def _find_unescaped(text: str, char: str, start: int) -> int:
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == char:
            return index
        index += 1
    return -1


def _fill_answers(question: Question, answer: str) -> None:
    general = _split_unescaped(answer, "####")
    answer = general[0].strip()
    if len(general) > 1:
        question.feedback = unescape(general[1].strip())
    if not answer:
        question.type = "essay"
        # An essay's general feedback carries its rubric (as the exporter writes it).
        question.rubric, question.guide = parse_rubric(question.feedback)
        question.feedback = ""
        if question.rubric:
            question.points = sum(item.points for item in question.rubric)
        return
    if answer.startswith("#"):
        raise InvalidItem(_("câu hỏi dạng số (numerical) chưa được hỗ trợ"))
    truth = answer.split("#", 1)[0].strip().upper()
    if truth in ("T", "TRUE", "F", "FALSE"):
        question.type = "single_choice"
        correct_true = truth.startswith("T")
        question.options = [Option(TRUE_TEXT, correct_true), Option(FALSE_TEXT, not correct_true)]
        return
    _fill_choices(question, _answers(answer))


def _answers(answer: str) -> list[tuple[str, float | None, str]]:
    """(mark '=' or '~', weight or None, text) for each answer."""
    items: list[tuple[str, float | None, str]] = []
    starts = [i for i in range(len(answer)) if answer[i] in "=~" and (i == 0 or answer[i - 1] != "\\")]
    if not starts or answer[:starts[0]].strip():
        raise InvalidItem(_("phần đáp án không đúng cú pháp GIFT"))
    for begin, end in zip(starts, [*starts[1:], len(answer)]):
        body = answer[begin + 1:end].strip()
        weight = _WEIGHT.match(body)
        value = float(weight.group(1)) if weight else None
        if weight:
            body = body[weight.end():]
        body = _split_unescaped(body, "#")[0].strip()
        if "->" in body:
            raise InvalidItem(_("câu hỏi ghép đôi (matching) chưa được hỗ trợ"))
        body = _FORMAT.sub("", body, count=1)
        items.append((answer[begin], value, unescape(body.strip())))
    return items


def _fill_choices(question: Question, answers: list[tuple[str, float | None, str]]) -> None:
    marks = {mark for mark, _w, _t in answers}
    if marks == {"="}:
        question.type = "short_answer"
        question.answers = [t for _m, w, t in answers if (w is None or w >= 100) and t != "*"]
        return
    weighted = [w for m, w, _t in answers if m == "~" and w is not None and w > 0]
    if weighted:
        question.type = "multiple_choice"
        question.options = [Option(t, (w or 0) > 0 or m == "=") for m, w, t in answers]
        return
    question.type = "single_choice"
    question.options = [Option(t, m == "=") for m, _w, t in answers]


def _split_unescaped(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    start = index = 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(sep, index):
            parts.append(text[start:index])
            index += len(sep)
            start = index
            continue
        index += 1
    parts.append(text[start:])
    return parts


def unescape(text: str) -> str:
    """Undo GIFT escapes: ``\\~`` → ``~``, ``\\n`` → a new line, ``\\\\`` → ``\\``."""

    def one(match: re.Match[str]) -> str:
        char = match.group(1)
        if char == "n":
            return "\n"
        return char if char in _SPECIAL or char == "\\" else match.group(0)

    return re.sub(r"\\(.)", one, text, flags=re.S)
