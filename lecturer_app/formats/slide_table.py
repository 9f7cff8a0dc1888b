"""Laying out a slide's table (``Slide.table``): column widths, type size, rows per page.

Columns get room for their widest word first, the rest in proportion to how
much more their longest cell needs (as the plan tables in the DOCX/PDF do).
The type shrinks from the theme's table size to its minimum; a table that
still does not fit continues on "(tiếp)" pages, its header row repeated.
Text above the table (subtitle, bullets) shares the first page when it fits
in the top third, else it gets pages of its own before the table.
"""

from __future__ import annotations

from lecturer_app.core.model import Slide, SlideTable
from lecturer_app.core.slides.themes import Theme
from lecturer_app.core.text.normalize import nfc
from lecturer_app.formats.slide_layout import (
    LINE_HEIGHT,
    SIZE_STEP,
    Box,
    Frame,
    TableCell,
    TableFrame,
    _Block,
    _body_box,
    _bullet_blocks,
    _column_pages,
    _frame,
    _place,
    _Style,
    fit_blocks,
)
from lecturer_app.formats.text_measure import WIDTH_SLACK, text_width

PAD = 5.0              # points inside each cell, every side
GAP = 14.0             # between the text above and the table
TEXT_SHARE = 1 / 3     # the most of the body the text above may take on the table's page
MIN_SIZE = 16.0        # smaller table text cannot be read from the back of a lecture hall


def table_body(slide: Slide, theme: Theme) -> list[list[Frame]]:
    """The pages of a table slide's body."""
    area = _body_box()
    blocks = _bullet_blocks(slide.bullets)
    if slide.subtitle.strip():
        blocks.insert(0, _Block(nfc(slide.subtitle), bullet=False, italic=True))
    table = _clean(slide.table)
    if table is None:
        return _column_pages(theme, [("body", blocks, area)], (theme.size("body") - 4, theme.size("body_min")))
    text_pages, area = _text_above(blocks, area, theme)
    pages = table_pages(table, area, theme)
    if len(text_pages) == 1 and area.y > _body_box().y:   # the text fitted above the table
        pages[0] = [*text_pages.pop(), *pages[0]]
    return [*text_pages, *pages]


def _clean(table: SlideTable | None) -> SlideTable | None:
    """Rows padded to one width; None when there is nothing to draw."""
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


def _text_above(blocks: list[_Block], area: Box, theme: Theme) -> tuple[list[list[Frame]], Box]:
    """Pages of text before the table, and the box left for the table on the last of them."""
    if not blocks:
        return [], area
    style = _Style(theme.color("text"), least=theme.size("level_min"))
    top = Box(area.x, area.y, area.w, area.h * TEXT_SHARE)
    _size, pages = fit_blocks(blocks, top, (theme.size("body") - 4, theme.size("body_min")), style)
    if len(pages) == 1:
        used = sum(p.height for p in pages[0])
        rest = Box(area.x, area.y + used + GAP, area.w, area.h - used - GAP)
        return [[_frame("body", top, pages[0], style)]], rest
    return _column_pages(theme, [("body", blocks, area)], (theme.size("body") - 4, theme.size("body_min"))), area


def table_pages(table: SlideTable, area: Box, theme: Theme) -> list[list[Frame]]:
    """The table in *area* (first page) and the whole body box (later pages), largest size that fits best."""
    largest = theme.size("body") - 8
    smallest = max(MIN_SIZE, theme.size("level_min"))
    size = largest
    while True:
        widths = _column_widths(table, area.w, size)
        heights = _row_heights(table, widths, size)
        pages = _split_rows(table, heights, area.h, _body_box().h)
        if len(pages) == 1 or size <= smallest:
            break
        size = max(smallest, size - SIZE_STEP)
    boxes = [area] + [_body_box()] * (len(pages) - 1)
    return [[_table_frame(table, rows, widths, heights, size, box, theme)] for rows, box in zip(pages, boxes)]


def _cell_width(text: str, size: float, bold: bool, *, word: bool) -> float:
    """Room for *text* on one line (or its widest word), as ``wrap_text`` wraps (a little early)."""
    if not word:
        return text_width(text, size, bold=bold) / WIDTH_SLACK + 0.5
    return max((text_width(piece, size, bold=bold) for piece in text.split()), default=0.0) / WIDTH_SLACK + 0.5


def _column_widths(table: SlideTable, total: float, size: float) -> list[float]:
    count = table.columns
    spanned = {(m[0], m[1]) for m in table.merges if m[3] > 1}
    least, most = [2 * PAD] * count, [2 * PAD] * count
    for r, row in enumerate(table.rows):
        bold = table.header and r == 0
        for c, text in enumerate(row):
            if (r, c) in spanned:
                continue   # a cell across columns does not size any one of them
            least[c] = max(least[c], _cell_width(text, size, bold, word=True) + 2 * PAD)
            most[c] = max(most[c], _cell_width(text, size, bold, word=False) + 2 * PAD)
    if sum(most) <= total:
        return [w + (total - sum(most)) * w / sum(most) for w in most]
    if sum(least) >= total:
        return [total * w / sum(least) for w in least]
    extra = [high - low for high, low in zip(most, least)]
    return [low + (total - sum(least)) * more / sum(extra) for low, more in zip(least, extra)]


def _spans(table: SlideTable) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) of each cell drawn → (rows, columns) it covers; covered cells are absent."""
    spans = {(r, c): (1, 1) for r in range(len(table.rows)) for c in range(table.columns)}
    for row, column, down, across in table.merges:
        for r in range(row, row + down):
            for c in range(column, column + across):
                spans.pop((r, c), None)
        spans[(row, column)] = (down, across)
    return spans


def _row_heights(table: SlideTable, widths: list[float], size: float) -> list[float]:
    heights = [size * LINE_HEIGHT + 2 * PAD] * len(table.rows)
    for (r, c), (down, across) in _spans(table).items():
        if down > 1:
            continue   # a cell down several rows fits in their sum (checked loosely)
        lines = _lines(table, r, c, sum(widths[c:c + across]), size)
        heights[r] = max(heights[r], len(lines) * size * LINE_HEIGHT + 2 * PAD)
    return heights


def _lines(table: SlideTable, row: int, column: int, width: float, size: float) -> list[str]:
    from lecturer_app.formats.text_measure import wrap_text

    text = table.rows[row][column]
    return wrap_text(text, width - 2 * PAD, size, bold=table.header and row == 0) if text.strip() else []


def _split_rows(table: SlideTable, heights: list[float], first: float, later: float) -> list[list[int]]:
    """Row indexes per page; the header row (when there is one) is on every page."""
    header = [0] if table.header and len(table.rows) > 1 else []
    body = list(range(len(header), len(table.rows)))
    pages: list[list[int]] = [list(header)]
    room = first
    for index in body:
        used = sum(heights[r] for r in pages[-1])
        if used + heights[index] > room and len(pages[-1]) > len(header):
            pages.append(list(header))
            room = later
        pages[-1].append(index)
    return pages


def _table_frame(table: SlideTable, rows: list[int], widths: list[float], heights: list[float], size: float,
                 box: Box, theme: Theme) -> TableFrame:
    spans = _spans(table)
    page_heights = [heights[r] for r in rows]
    cells = []
    y = box.y
    for position, r in enumerate(rows):
        x = box.x
        for c in range(table.columns):
            if (r, c) in spans:
                down, across = spans[(r, c)]
                down = min(down, len(rows) - position)   # a merge cut by a page break ends there
                cell_box = Box(x, y, sum(widths[c:c + across]), sum(page_heights[position:position + down]))
                cells.append(_cell(table, r, c, down, across, cell_box, size, theme))
            x += widths[c]
        y += heights[r]
    frame_box = Box(box.x, box.y, sum(widths), sum(page_heights))
    return TableFrame(frame_box, tuple(widths), tuple(page_heights), tuple(cells), theme.color("text"),
                      theme.color("accent"), tuple(rows))


def _cell(table: SlideTable, r: int, c: int, down: int, across: int, box: Box, size: float,
          theme: Theme) -> TableCell:
    header = table.header and r == 0
    color = theme.color("background") if header else theme.color("text")
    style = _Style(color, level_step=False)
    inner = Box(box.x + PAD, box.y + PAD, max(1.0, box.w - 2 * PAD), max(1.0, box.h - 2 * PAD))
    text = table.rows[r][c]
    blocks = [_Block(text, bullet=False, bold=header)] if text else []
    frame = _frame("cell", inner, _place(blocks, inner.w, size, style), style)
    return TableCell(r, c, down, across, box, frame, header)
