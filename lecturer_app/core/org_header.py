"""The administrative header of a document, as data (domain.md §3.1).

``header_spec`` turns an ``Organization`` into the lines of the two header
columns; the DOCX and PDF renderers draw them.  Party style follows
HD 36-HD/VPTW, State style NĐ 30/2020/NĐ-CP; nothing here names a real body:
the issuing organisation's lines are data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lecturer_app.core.model import Organization

PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
STATE_MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class HeaderLine:
    """One header line; ``rule_share`` is the rule's length as a share of the line's width
    (NĐ 30: as long as the motto; 1/3 to 1/2 of the issuing body's name)."""

    text: str
    bold: bool = False
    italic: bool = False
    size: float = 14.0
    rule_below: bool = False
    rule_share: float = 0.45


@dataclass(frozen=True)
class HeaderSpec:
    """Left column (issuing body), right column (national heading, place and date)."""

    left: list[HeaderLine] = field(default_factory=list)
    right: list[HeaderLine] = field(default_factory=list)


def vietnamese_date(day: date, place: str = "") -> str:
    """"Lai Châu, ngày 05 tháng 3 năm 2025": days below 10 and months 1–2 get a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text.capitalize()


def header_spec(org: Organization | None, *, on: date | None = None, number: str = "") -> HeaderSpec:
    """The header lines for *org* (None: the Party style's right column only, no issuing body)."""
    style = org.header_style if org else "party"
    lines = [line.upper() for line in (org.header_lines if org else [])]
    left: list[HeaderLine] = []
    for index, text in enumerate(lines):
        last = index == len(lines) - 1
        left.append(HeaderLine(text, bold=last, rule_below=last and style == "state"))
    if lines and style == "party":
        left.append(HeaderLine("*", bold=False))
    if number:
        left.append(HeaderLine(number if style != "state" or number.startswith("Số") else f"Số: {number}", size=13))
    right: list[HeaderLine] = []
    if style == "party":
        right.append(HeaderLine(PARTY_HEADING, bold=True, size=15, rule_below=True))
    elif style == "state":
        right.append(HeaderLine(STATE_HEADING, bold=True, size=13))
        right.append(HeaderLine(STATE_MOTTO, bold=True, size=14, rule_below=True, rule_share=1.0))
    if on is not None:
        right.append(HeaderLine(vietnamese_date(on, org.place if org else ""), italic=True))
    return HeaderSpec(left, right)
