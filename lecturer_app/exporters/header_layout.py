"""How wide each header column is, and how large its type may be.

Shared by the PDF and DOCX header renderers so both split the page the same
way.  Widths are measured with Liberation Serif, which has the metrics of
Times New Roman (the font the DOCX names), read by ``pdf_writer`` (not reportlab).
"""

from __future__ import annotations

from dataclasses import dataclass

from lecturer_app.core.org_header import HeaderLine, HeaderSpec
from lecturer_app.exporters.pdf_fonts import FontFamily, family_names

MIN_LEFT_SHARE = 0.36
MAX_LEFT_SHARE = 0.45
# NĐ 30 allows the national heading down to 12 pt; never shrink below that.
MIN_HEADING_SIZE = 12.0
ROOM = 1.04  # a little air so no renderer wraps the widest line


@dataclass(frozen=True, eq=False)  # nothing compares or hashes two: a fresh build compiles no __eq__, __hash__
class HeaderLayout:
    """The widths of the header's two columns and the scale its lines are shrunk by to fit."""

    left_width: float
    right_width: float
    scale: float


def font_for(family: FontFamily, line: HeaderLine) -> str:
    if line.bold and line.italic:
        return family.bold_italic
    if line.bold:
        return family.bold
    return family.italic if line.italic else family.regular


def line_width(line: HeaderLine, scale: float = 1.0) -> float:
    from lecturer_app.exporters.pdf_writer.fonts import string_width  # reportlab's stringWidth to the bit

    return string_width(line.text, font_for(family_names(), line), line.size * scale)


def header_layout(spec: HeaderSpec, total: float, scale: float = 1.0) -> HeaderLayout:
    """Give the right column the room its widest line needs, then shrink type if still too wide."""
    widest = max((line_width(line, scale) for line in spec.right), default=0.0) * ROOM
    left_share = min(MAX_LEFT_SHARE, max(MIN_LEFT_SHARE, 1 - widest / total if total else 1.0))
    right = total * (1 - left_share)
    if widest > right:
        largest = max(line.size for line in spec.right)
        scale = max(scale * right / widest, MIN_HEADING_SIZE / largest)
    return HeaderLayout(total * left_share, right, scale)
