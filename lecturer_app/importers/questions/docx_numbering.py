"""The text of Word's automatic numbering ("Câu 1:", "A.", "a)") that python-docx does not show.

Teachers often number questions and options with Word lists instead of
typing the labels.  The label lives in the numbering part (``w:lvlText`` such
as ``"Câu %1:"`` with ``w:numFmt`` ``decimal``/``upperLetter``…), not in the
paragraph, so it is rebuilt here from counters kept per list and level.
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _roman(number: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
              (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in values:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _format(number: int, fmt: str) -> str:
    if fmt == "upperLetter":
        return chr(64 + (number - 1) % 26 + 1)
    if fmt == "lowerLetter":
        return chr(96 + (number - 1) % 26 + 1)
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(number)


class ListLabels:
    """Gives each numbered paragraph its visible label, in document order."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        abstract = {a.get(f"{_W}abstractNumId"): a for a in numbering.iter(f"{_W}abstractNum")}
        for num in numbering.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            if definition is None:
                continue
            for level in definition.iter(f"{_W}lvl"):
                self._levels[(num.get(f"{_W}numId"), int(level.get(f"{_W}ilvl", "0")))] = (
                    _val(level, "numFmt", "decimal"), _val(level, "lvlText", ""), int(_val(level, "start", "1")))

    def label(self, paragraph: Any) -> str:
        """The label Word shows before *paragraph* ("" when it is not numbered)."""
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            return ""
        num_id = _val(num_pr, "numId", "")
        level = int(_val(num_pr, "ilvl", "0"))
        if (num_id, level) not in self._levels:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        fmt, text, start = self._levels[(num_id, level)]
        counters[level] = counters[level] + 1 if counters[level] else start
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        for index in range(level + 1):
            sub_fmt = self._levels.get((num_id, index), ("decimal", "", 1))[0]
            value = counters[index] or self._levels.get((num_id, index), ("", "", 1))[2]
            text = text.replace(f"%{index + 1}", _format(value, sub_fmt))
        return text


def _val(element: Any, tag: str, default: str) -> str:
    child = element.find(f"{_W}{tag}")
    return child.get(f"{_W}val", default) if child is not None else default
