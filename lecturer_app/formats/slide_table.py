"""The geometry of a slide's table (``Slide.table``): column widths, row heights, rows per page.

Columns get room for their widest word first, the rest in proportion to how
much more their longest cell needs (as the plan tables in the DOCX/PDF do).
``slide_layout`` tries sizes from the theme's table size down to its minimum
with these functions and turns the result into a ``TableFrame`` per page.
Text is measured as ``text_measure.wrap_text`` wraps it (Liberation Sans).
"""

from __future__ import annotations

from lecturer_app.core.model import SlideTable
from lecturer_app.core.text.normalize import nfc
from lecturer_app.formats.text_measure import WIDTH_SLACK, text_width, wrap_text

PAD = 5.0              # points inside each cell, every side
MIN_SIZE = 16.0        # smaller table text cannot be read from the back of a lecture hall


def clean(table: SlideTable | None) -> SlideTable | None:
    """Rows padded to one width, each cell on one line of text; None when there is nothing to draw."""
    if table is None or not table.rows or table.columns == 0:
        return None
    width = table.columns
    rows = [[" ".join(nfc(cell).split()) for cell in row] + [""] * (width - len(row)) for row in table.rows]
    return SlideTable(rows, table.header, [m for m in table.merges if _merge_ok(m, len(rows), width)])


def _merge_ok(merge: list[int], rows: int, columns: int) -> bool:
    if len(merge) != 4:
        return False
    row, column, down, across = merge
    return 0 <= row and 0 <= column and down >= 1 and across >= 1 and row + down <= rows and column + across <= columns


def spans(table: SlideTable) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) of each cell drawn → (rows, columns) it covers; covered cells are absent."""
    found = {(r, c): (1, 1) for r in range(len(table.rows)) for c in range(table.columns)}
    for row, column, down, across in table.merges:
        for r in range(row, row + down):
            for c in range(column, column + across):
                found.pop((r, c), None)
        found[(row, column)] = (down, across)
    return found


def _room(text: str, size: float, bold: bool, *, word: bool) -> float:
    """Room for *text* on one line (or its widest word), as ``wrap_text`` wraps (a little early)."""
    pieces = text.split() if word else [text]
    return max((text_width(piece, size, bold=bold) for piece in pieces), default=0.0) / WIDTH_SLACK + 0.5


def column_widths(table: SlideTable, total: float, size: float) -> list[float]:
    """Widths summing to *total*: each column's widest word first, the rest by how much more it needs."""
    count = table.columns
    across = {(m[0], m[1]) for m in table.merges if m[3] > 1}
    least, most = [2 * PAD] * count, [2 * PAD] * count
    for r, row in enumerate(table.rows):
        bold = table.header and r == 0
        for c, text in enumerate(row):
            if (r, c) in across:
                continue   # a cell across columns does not size any one of them
            least[c] = max(least[c], _room(text, size, bold, word=True) + 2 * PAD)
            most[c] = max(most[c], _room(text, size, bold, word=False) + 2 * PAD)
    if sum(most) <= total:
        return [w + (total - sum(most)) * w / sum(most) for w in most]
    if sum(least) >= total:
        return [total * w / sum(least) for w in least]
    extra = [high - low for high, low in zip(most, least)]
    return [low + (total - sum(least)) * more / sum(extra) for low, more in zip(least, extra)]


def cell_lines(table: SlideTable, row: int, column: int, width: float, size: float) -> list[str]:
    text = table.rows[row][column]
    return wrap_text(text, width - 2 * PAD, size, bold=table.header and row == 0) if text else []


def row_heights(table: SlideTable, widths: list[float], size: float, line_height: float) -> list[float]:
    """Each row as tall as its tallest single-row cell (a cell down several rows fits in their sum, loosely)."""
    heights = [size * line_height + 2 * PAD] * len(table.rows)
    for (r, c), (down, across) in spans(table).items():
        if down == 1:
            lines = cell_lines(table, r, c, sum(widths[c:c + across]), size)
            heights[r] = max(heights[r], len(lines) * size * line_height + 2 * PAD)
    return heights


def split_rows(table: SlideTable, heights: list[float], first: float, later: float) -> list[list[int]]:
    """Row indexes per page (*first* and *later* are the heights available); the header row is on every page."""
    header = [0] if table.header and len(table.rows) > 1 else []
    pages: list[list[int]] = [list(header)]
    room = first
    for index in range(len(header), len(table.rows)):
        used = sum(heights[r] for r in pages[-1])
        if used + heights[index] > room and len(pages[-1]) > len(header):
            pages.append(list(header))
            room = later
        pages[-1].append(index)
    return pages
