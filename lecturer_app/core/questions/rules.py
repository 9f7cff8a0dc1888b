"""What makes a question well-formed, per type.

``problems(question)`` is used by every importer before anything is saved and
by the editor while the user types: a question with a problem listed here is
never imported with a guessed key.  Softer advice (missing level, rubric
points) belongs to ``question_quality``.
"""

from __future__ import annotations

import math
import re

from lecturer_app.core.model import QUESTION_TYPES, Question
from lecturer_app.i18n import _

CHOICE_TYPES = ("single_choice", "multiple_choice", "true_false_4")
# Papers and answer sheets print options A–H.
MAX_OPTIONS = 8

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_points(text: str | float | int | None) -> float | None:
    """Read a score written the Vietnamese way ("0,25") or the English way ("0.25").

    Returns None for text that is not a number (never guesses).
    """
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return float(text) if math.isfinite(float(text)) else None
    cleaned = text.strip().replace(" ", "")
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned.replace(",", "."))


def format_points(value: float) -> str:
    """Points with a decimal comma and no trailing zeros: 0.25 → "0,25", 1.0 → "1"."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def correct_count(question: Question) -> int:
    return sum(1 for option in question.options if option.correct)


def problems(question: Question) -> list[str]:
    """Reasons (Vietnamese, user-facing) why *question* cannot be saved as it is."""
    found: list[str] = []
    if question.type not in QUESTION_TYPES:
        return [_("loại câu hỏi không hợp lệ: {type}").format(type=question.type)]
    if not question.stem.strip():
        found.append(_("thiếu nội dung câu hỏi"))
    if not all(math.isfinite(p) for p in (question.points, *(item.points for item in question.rubric))):
        found.append(_("điểm không phải số hợp lệ"))  # NaN or infinity: no revision can hash it as JSON
    elif question.points < 0:
        found.append(_("điểm không được âm"))
    found.extend(_TYPE_RULES[question.type](question))
    return found


def _choice_rules(question: Question) -> list[str]:
    found: list[str] = []
    if len(question.options) < 2:
        found.append(_("cần ít nhất 2 phương án, có {n}").format(n=len(question.options)))
    if len(question.options) > MAX_OPTIONS:
        found.append(_("có {n} phương án; đề thi in được tối đa {max} phương án (A–H)").format(
            n=len(question.options), max=MAX_OPTIONS))
    if any(not (o.text.strip() or o.image) for o in question.options):
        found.append(_("có phương án trống"))
    return found


def _single_rules(question: Question) -> list[str]:
    found = _choice_rules(question)
    count = correct_count(question)
    if count == 0:
        found.append(_("không xác định được đáp án đúng"))
    elif count > 1:
        found.append(_("câu một đáp án nhưng có {n} phương án được đánh dấu đúng").format(n=count))
    return found


def _multiple_rules(question: Question) -> list[str]:
    found = _choice_rules(question)
    if correct_count(question) == 0:
        found.append(_("không xác định được đáp án đúng"))
    return found


def _true_false_rules(question: Question) -> list[str]:
    if len(question.options) != 4:
        return [_("câu Đúng/Sai cần đúng 4 ý, có {n}").format(n=len(question.options))]
    if any(not o.text.strip() for o in question.options):
        return [_("có ý trống")]
    return []


def _short_answer_rules(question: Question) -> list[str]:
    if not any(a.strip() for a in question.answers):
        return [_("câu trả lời ngắn cần ít nhất một đáp án chấp nhận")]
    return []


def _free_rules(question: Question) -> list[str]:
    return []


_TYPE_RULES = {
    "single_choice": _single_rules,
    "multiple_choice": _multiple_rules,
    "true_false_4": _true_false_rules,
    "short_answer": _short_answer_rules,
    "essay": _free_rules,
    "oral": _free_rules,
}
