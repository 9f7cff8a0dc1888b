"""The labels Word draws for automatically numbered paragraphs ("I.", "1.", "a)", "-").

A plan typed with Word's numbering stores no "I." in the text: the label
comes from ``numbering.xml`` (format and pattern per level) and a counter per
list.  ``NumberingLabels.label(paragraph)`` recomputes it in document order,
so headings and list items keep the numbering the lecturer sees.
"""

from __future__ import annotations

from dataclasses import dataclass

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_BULLET_MARKS = {"-": "-", "–": "-", "+": "+"}


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _letter(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    """*number* in Word's *fmt* (decimal, upperRoman, lowerRoman, upperLetter, lowerLetter)."""
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt == "upperLetter":
        return _letter(number).upper()
    if fmt == "lowerLetter":
        return _letter(number)
    return str(number)


class NumberingLabels:
    """Counters over one document's lists; call :meth:`label` for paragraphs in order."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, Level]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(_w("abstractNumId")): self._levels(a) for a in root.findall(_w("abstractNum"))}
        for num in root.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            if ref is not None:
                self.levels[num.get(_w("numId"))] = abstract.get(ref.get(_w("val")), {})

    @staticmethod
    def _levels(abstract) -> dict[int, Level]:
        levels = {}
        for lvl in abstract.findall(_w("lvl")):
            values = {tag: (lvl.find(_w(tag)).get(_w("val")) if lvl.find(_w(tag)) is not None else None)
                      for tag in ("numFmt", "lvlText", "start")}
            levels[int(lvl.get(_w("ilvl"), "0"))] = Level(values["numFmt"] or "decimal", values["lvlText"] or "",
                                                          int(values["start"] or 1))
        return levels

    def label(self, paragraph) -> tuple[str, int] | None:
        """(label, level) of an automatically numbered paragraph, or None."""
        num_id, level = _num_pr(paragraph)
        if not num_id or num_id == "0" or num_id not in self.levels:
            return None
        levels = self.levels[num_id]
        spec = levels.get(level, Level())
        if spec.fmt == "bullet":
            return _BULLET_MARKS.get(spec.text.strip(), "-"), level
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[level] = counters[level] + 1 if counters[level] else spec.start
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        text = spec.text
        for index in range(level + 1):
            value = counters[index] or levels.get(index, Level()).start
            text = text.replace(f"%{index + 1}", format_number(value, levels.get(index, Level()).fmt))
        return text.strip(), level


def _num_pr(paragraph) -> tuple[str | None, int]:
    """numId and ilvl from the paragraph, else from its style chain."""
    candidates = [paragraph._p.pPr]
    style, depth = paragraph.style, 0
    while style is not None and depth < 20:
        candidates.append(style.element.pPr)
        style, depth = style.base_style, depth + 1
    num_id, level = None, None
    for p_pr in candidates:
        num_pr = p_pr.find(_w("numPr")) if p_pr is not None else None
        if num_pr is None:
            continue
        if num_id is None and num_pr.find(_w("numId")) is not None:
            num_id = num_pr.find(_w("numId")).get(_w("val"))
        if level is None and num_pr.find(_w("ilvl")) is not None:
            level = int(num_pr.find(_w("ilvl")).get(_w("val"), "0"))
    return num_id, min(level or 0, 8)
