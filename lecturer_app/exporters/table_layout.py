"""Column widths of a plan table, shared by the PDF and DOCX writers.

Widths follow the browsers' automatic table layout: every column first gets
room for its widest word (so "Phương tiện" never prints as "Phươ/ng"), then
the remaining width goes to the columns in proportion to how much more their
longest cell would need to stand on one line.  Text is measured in Liberation
Serif, which has the metrics of Times New Roman (the font the DOCX names).
"""

from __future__ import annotations

from lecturer_app.exporters import markdown_blocks as md
from lecturer_app.exporters.pdf_fonts import serif

CELL_PADDING = 12.0   # points, left + right: reportlab's default 6 + 6; Word's 0.08" + 0.08" ≈ 11.5


def column_widths(table: md.Table, total: float, size: float) -> list[float]:
    """Widths in points of *table*'s columns, summing to *total*, for text of *size* points."""
    count = len(table.rows[0])
    least = [_widest_word(table, column, size) + CELL_PADDING for column in range(count)]
    most = [max(_longest_line(table, column, size) + CELL_PADDING, low) for column, low in zip(range(count), least)]
    if sum(most) <= total:
        return _spread(most, most, total)
    if sum(least) >= total:
        # Too many columns for the page: words must break somewhere; share by need.
        return [total * low / sum(least) for low in least]
    room = total - sum(least)
    extra = [high - low for high, low in zip(most, least)]
    return [low + room * more / sum(extra) for low, more in zip(least, extra)]


def _spread(widths: list[float], weights: list[float], total: float) -> list[float]:
    """Grow *widths* to *total* in proportion to *weights*."""
    room = total - sum(widths)
    return [width + room * weight / sum(weights) for width, weight in zip(widths, weights)]


def _cells(table: md.Table, column: int):
    for index, row in enumerate(table.rows):
        yield row[column], table.header and index == 0


def _width(spans: tuple[md.Span, ...], size: float, bold_row: bool, *, word: bool) -> float:
    """The widest word (or the whole text) of a cell, each span in its own face."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    family = serif()
    if not word:
        return sum(stringWidth(span.text, _face(family, span, bold_row), size) for span in spans)
    return max((stringWidth(piece, _face(family, span, bold_row), size)
                for span in spans for piece in span.text.split()), default=0.0)


def _face(family, span: md.Span, bold_row: bool) -> str:
    bold = span.bold or bold_row
    if bold and span.italic:
        return family.bold_italic
    if bold:
        return family.bold
    return family.italic if span.italic else family.regular


def _widest_word(table: md.Table, column: int, size: float) -> float:
    return max((_width(cell, size, bold, word=True) for cell, bold in _cells(table, column)), default=0.0)


def _longest_line(table: md.Table, column: int, size: float) -> float:
    return max((_width(cell, size, bold, word=False) for cell, bold in _cells(table, column)), default=0.0)
