"""The ways real question banks write the right answer under a question.

Recognised (see docs/question-formats.md, "Ghi đáp án"):

* an answer line: ``Đáp án: B``, ``Đáp án: B. text``, ``Đáp án B``,
  ``Đáp án - B``, ``Đáp án: (B)``, ``ĐA: A, C``, ``Đ/A: B``, ``Chọn B``,
  ``Answer: B``;
* the right option repeated after the options, with a bullet or an arrow:
  ``• B. text;``, ``* B. text``, ``- B. text``, ``=> B``, ``→ B. text``;
* an explanation: ``Giải thích: …``, ``Explanation: …``.

When the answer carries the option's text too, the text is checked against
the options: the text of another option, or a note ("(Lưu ý …)"), makes the
item a problem (never a guess); a text that matches no option (a placeholder
such as a lone letter) leaves the letter to decide, and the report says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lecturer_app.core.text.normalize import fold
from lecturer_app.i18n import _

# An answer line may itself be a bulleted or arrowed paragraph ("• Đáp án: B", "=> Đáp án: B").
_LEAD = r"^\s*(?:(?:[•●▪◦·∙\-–+*]|=+>|-+>|→|⇒)\s*)?"
_ANSWER_WORDS = r"(?:dap an dung|dap an|d/a|da|chon|answer|ans)"
# "Đáp án: …", "Đáp án - …", "Answer: …": anything may follow (short answers, essays).
ANSWER_LINE = re.compile(_LEAD + _ANSWER_WORDS + r"\s*(?:[:.=]|[-–](?=\s))\s*", re.I)
# "Đáp án B", "Chọn (B)": no separator, so only a lone letter may follow.
_BARE_ANSWER = re.compile(_LEAD + _ANSWER_WORDS + r"\s+(?=\(?[a-j]\)?(?:\s*[.):]|\s*$))", re.I)
EXPLANATION_LINE = re.compile(
    r"^\s*(?:loi giai thich|giai thich dap an|giai thich|explanation)\s*(?:[:.]|[-–](?=\s))\s*", re.I)
# A repeated option: an arrow always; a bullet only when the letter is one the question already has.
_ARROW = r"(?:=+>|-+>|→|⇒|➔|➜|➝|➞|⟹|⟶)"
_BULLET = r"(?:[•●▪◦·∙○■□◆❖✓✔\-–—*+])"
_REPEAT = re.compile(r"^\s*(" + _ARROW + "|" + _BULLET + r")\s*\(?([A-J])\)?(?:\s*[.):/]\s*(.*?)|\s*)\s*$", re.S)
_ARROW_LINE = re.compile(r"^\s*" + _ARROW + r"\s*(.*)$", re.S)
_LETTERS = re.compile(r"[A-J](\s*[,;/ ]\s*(VÀ\s+)?[A-J])*\.?")
_LETTER_AND_TEXT = re.compile(r"\(?([A-J])\)?(?:\s*[.):\-–]\s*(.*)|\s*)", re.S)
_NOTE = re.compile(r"\(\s*(luu y|chu y|ghi chu|note)\b")


@dataclass(frozen=True)
class Repeat:
    """An option repeated after the options: its letter and the text written with it."""

    letter: str
    text: str
    arrow: bool


def answer_line(folded: str, has_options: bool) -> int | None:
    """Where the answer starts in an answer line, or None when *folded* is not one."""
    found = ANSWER_LINE.match(folded)
    if found is None and has_options:
        found = _BARE_ANSWER.match(folded)
    return found.end() if found else None


def repeated_option(text: str, letters: list[str]) -> list[Repeat]:
    """The answer in a line such as "• B. text;", "=> B" or "=> A, C" after options whose letters
    are *letters*; empty when the line is not one.  An arrow line that names no letter gives a
    Repeat without letter, which the check reports (never glued to the last option)."""
    if not letters:
        return []
    found = _REPEAT.match(text)
    if found is None:
        arrowed = _ARROW_LINE.match(text)
        if arrowed is None:
            return []
        rest = arrowed.group(1).strip()
        listed = _LETTERS.fullmatch(rest.upper().rstrip(". ;"))
        return [Repeat(letter, "", True) for letter in sorted(set(re.findall(r"\b[A-J]\b", rest.upper())))] \
            if listed else [Repeat("", rest, True)]
    arrow = bool(re.fullmatch(_ARROW, found.group(1)))
    if not arrow and found.group(2) not in letters:
        return []  # "- E. …" after A–D is the next option, written with a bullet
    return [Repeat(found.group(2), (found.group(3) or "").strip(), arrow)]


def parse_answer(answer: str) -> tuple[set[str], str]:
    """The letters of an answer line and the option text written after a single letter."""
    cleaned = answer.strip()
    if _LETTERS.fullmatch(cleaned.upper()):
        return set(re.findall(r"\b[A-J]\b", cleaned.upper())), ""
    found = _LETTER_AND_TEXT.fullmatch(cleaned)
    if found:
        return {found.group(1)}, (found.group(2) or "").strip()
    return set(), ""


@dataclass(frozen=True)
class TextCheck:
    """What the text written with an answer letter says: a problem, or a note for the report."""

    problem: str = ""
    note: str = ""


def check_text(letter: str, text: str, options: dict[str, str]) -> TextCheck:
    """Compare the text written after *letter* with the options (letter → option text)."""
    written = _comparable(text)
    if not letter:
        return TextCheck(problem=_("không đọc được đáp án \"{text}\" (cần chữ cái của phương án)").format(text=text))
    if not written:
        return TextCheck()
    shown = f"{letter}. {text}"
    if _NOTE.search(written):
        return TextCheck(problem=_("đáp án \"{answer}\" kèm ghi chú; hãy kiểm tra và ghi lại đáp án").format(
            answer=shown))
    same = [other for other, body in options.items() if _same(written, _comparable(body))]
    if letter in same:
        return TextCheck()
    if same:
        return TextCheck(problem=_("đáp án ghi chữ {letter} nhưng nội dung \"{text}\" là của phương án {other}").format(
            letter=letter, text=text, other=", ".join(same)))
    return TextCheck(note=_("đáp án \"{answer}\": nội dung không khớp phương án nào, lấy theo chữ cái {letter}").format(
        answer=shown, letter=letter))


def _comparable(text: str) -> str:
    return " ".join(fold(text).strip(" \t;.,:!\"'“”").split())


def _same(written: str, option: str) -> bool:
    """Equal, or a long enough beginning of the option (banks shorten long options)."""
    return written == option or (len(written) >= 12 and option.startswith(written))
