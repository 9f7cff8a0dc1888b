"""Answer keys written apart from the questions (a table, or a ``BẢNG ĐÁP ÁN`` list).

A key names questions by number.  When the numbering restarts ("Câu 1" again
after "CHƯƠNG 2"), a number alone names several questions: the key is then
used only when it says which chapter each entry belongs to (a chapter heading
inside the key section, or a key table placed inside that chapter); otherwise
it is refused with a message and never mapped by number alone, since a wrong
key is the worst result an import can have.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from lecturer_app.i18n import _

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def chapter_id(kind: str, number: str) -> str:
    """"chuong 2" for "CHƯƠNG 2", "Chương II" and "chương ii" alike (folded heading parts)."""
    return f"{kind.lower()} {_arabic(number.lower())}"


def _arabic(number: str) -> int:
    if number.isdigit():
        return int(number)
    values = [_ROMAN[c] for c in number]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


@dataclass
class AnswerKey:
    """Key entries as read, each with the chapter it was written under (None: no chapter)."""

    entries: list[tuple[str | None, int, str]] = field(default_factory=list)
    where: str = ""

    def add(self, chapter: str | None, pairs: dict[int, str], where: str) -> None:
        if pairs:
            self.where = self.where or where
        self.entries.extend((chapter, number, letters) for number, letters in pairs.items())

    def resolve(self, questions: list[tuple[str | None, int | None]]) -> tuple[list[str | None], str]:
        """The key of each question (its chapter and number), and the reason the key was refused, if it was."""
        if not self.entries:
            return [None] * len(questions), ""
        numbers = [n for _c, n in questions if n is not None]
        by_number = _unique(self.entries, lambda chapter, number: number)
        if len(set(numbers)) == len(numbers) and by_number is not None:
            return [by_number.get(n) if n is not None else None for _c, n in questions], ""
        by_chapter = _unique(self.entries, lambda chapter, number: (chapter, number))
        placed = [(c, n) for c, n in questions if n is not None]
        if (by_chapter is None or any(chapter is None for chapter, _n, _k in self.entries)
                or len(set(placed)) < len(placed)):
            repeated = sorted({n for n in numbers if numbers.count(n) > 1})
            return [None] * len(questions), _(
                "bảng đáp án không dùng được: số câu lặp lại ({numbers}; đánh số lại theo chương?) mà bảng không "
                "ghi rõ chương nào; hãy ghi tiêu đề chương trong bảng đáp án hoặc đánh số câu liên tục").format(
                numbers=", ".join(f"{_('Câu')} {n}" for n in repeated[:5]) + ("…" if len(repeated) > 5 else ""))
        return [by_chapter.get((c, n)) if n is not None else None for c, n in questions], ""


def _unique(entries, key_of) -> dict | None:
    """Entries keyed by *key_of*, or None when one key is given two different answers."""
    found: dict = defaultdict(set)
    for chapter, number, letters in entries:
        found[key_of(chapter, number)].add(re.sub(r"\s", "", letters))
    if any(len(values) > 1 for values in found.values()):
        return None
    return {key: next(iter(values)) for key, values in found.items()}
