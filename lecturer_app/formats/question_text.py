"""Writing and reading a rubric (đáp án và hướng dẫn chấm) as plain lines.

Formats with no rubric field of their own (Excel cells, Word, Moodle's grader
info, GIFT feedback) carry it as one line per ý::

    - Nêu được hoàn cảnh ra đời (0,5 điểm)
    - Phân tích ý nghĩa (0,25 điểm)

Lines without a trailing score stay the free answer guide.  Writer and reader
live together so every format round-trips the same way.
"""

from __future__ import annotations

import re

from lecturer_app.core.model import RubricItem
from lecturer_app.core.questions.rules import format_points, parse_points

_SCORED = re.compile(r"^\s*[-–•+*]?\s*(.*?)\s*\(\s*(\d+(?:[.,]\d+)?)\s*(?:điểm|đ|đ\.|d)\s*\)\s*$", re.I)


def rubric_to_text(rubric: list[RubricItem], guide: str = "") -> str:
    """Rubric lines, then the guide (if any)."""
    lines = [f"- {item.text} ({format_points(item.points)} điểm)" for item in rubric]
    if guide.strip():
        lines.append(guide.strip())
    return "\n".join(lines)


def parse_rubric(text: str) -> tuple[list[RubricItem], str]:
    """(rubric items, remaining guide text) from lines written by :func:`rubric_to_text`."""
    rubric: list[RubricItem] = []
    rest: list[str] = []
    for line in text.replace("\r", "").split("\n"):
        match = _SCORED.match(line)
        points = parse_points(match.group(2)) if match else None
        if match and points is not None and match.group(1):
            rubric.append(RubricItem(match.group(1), points))
        elif line.strip():
            rest.append(line.strip())
    return rubric, "\n".join(rest)
