"""Exam PDF blocks laid out down the page and drawn with ``exporters.pdf_writer`` (no reportlab).

Each block keeps the geometry of the reportlab flowable it replaces
(``text_block.TextBlock``, ``pdf_text.QuestionFlowable``, ``key_grid.KeyGrid``,
the header and mã đề tables), and ``flow`` places them as platypus's
SimpleDocTemplate frame does (6 pt padding, space before dropped at the top
of a page, adjacent spaces overlapped, a block that does not fit moved to
the next page), so the papers look as they did.  A block taller than an
empty page, or a table that platypus would split across pages, raises
``TooTall``: the writers then use their reportlab version, which can split.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lecturer_app.exporters.exam.text_layout import (
    Token,
    break_after,
    break_lines,
    broken,
    line_runs,
    line_width,
    option_rows,
)
from lecturer_app.exporters.pdf_writer.canvas import LinePen, PageCanvas
from lecturer_app.exporters.pdf_writer.document import PdfDocument

FRAME_PADDING = 6.0
FUZZ = 1e-6  # platypus's _FUZZ
LEFT, CENTRE, JUSTIFY = "left", "centre", "justify"
SPACE_SHRINKAGE = 0.05  # reportlab's default ParagraphStyle.spaceShrinkage


class TooTall(Exception):
    """A block that cannot be split is taller than an empty page."""


class Block:
    """A thing drawn at (0, 0) = its bottom-left corner, after ``wrap`` told its size."""

    space_before = 0.0
    space_after = 0.0
    centred = True  # platypus's default hAlign: a block narrower or wider than the frame is centred on it
    width = 0.0
    height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Block]:
        return []

    def draw(self, canvas: PageCanvas) -> None:
        raise NotImplementedError


class Gap(Block):
    """platypus's Spacer."""

    def __init__(self, height: float) -> None:
        self.width, self.height = 1.0, height

    def draw(self, canvas: PageCanvas) -> None:
        return None


def draw_line(pen: LinePen, line: Sequence[Token], x: float, y: float, word_space: float = 0.0) -> None:
    """One laid-out line with its first word at (x, y)."""
    if line:
        pen.line(line_runs(tuple(line)), x, y, word_space)


class TextLines(Block):
    """``text_block.TextBlock`` on the new canvas: words wrapped, left, centred or justified.

    It never splits (nor does TextBlock): a block that does not fit goes to the next page.
    """

    def __init__(self, words: Sequence[Token], size: float, leading: float, align: str = LEFT,
                 space_before: float = 0.0, space_after: float = 0.0, shrink: float = SPACE_SHRINKAGE) -> None:
        self.words, self.size, self.leading, self.align = tuple(words), size, leading, align
        self.space_before, self.space_after, self.shrink = space_before, space_after, shrink
        self.lines: tuple = ()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.lines = broken(self.words, avail_width, self.size, self.shrink)
        self.width, self.height = avail_width, len(self.lines) * self.leading
        return self.width, self.height

    def draw(self, canvas: PageCanvas) -> None:
        pen = canvas.lines_pen(self.size)
        y = self.height - self.size
        for line, last in self.lines:
            spare = self.width - line_width(line, self.size)
            stretch = self.align == JUSTIFY and not last and abs(spare) > 1e-8
            if (stretch or spare < -1e-8) and len(line) > 1:
                draw_line(pen, line, 0.0, y, spare / (len(line) - 1))
            else:
                draw_line(pen, line, spare / 2 if self.align == CENTRE else 0.0, y)
            y -= self.leading
        pen.close()


class Question(Block):
    """``pdf_text.QuestionFlowable`` on the new canvas: stem, pictures, options in 1, 2 or 4 columns."""

    def __init__(self, head: Sequence[Token], options: list[Sequence[Token]], columns: int,
                 pictures: list[tuple[bytes, tuple[float, float]]], size: float, leading: float,
                 indent: float, label: int = 0) -> None:
        """*label*: how many of *head*'s first tokens are the "Câu n (… điểm)." label (``break_after``)."""
        self.head, self.options, self.columns, self.label = head, options, columns, label
        self.pictures, self.size, self.leading, self.indent = pictures, size, leading, indent
        self.laid: tuple[float, list] | None = None

    def _layout(self, width: float) -> list:
        rows: list = [("text", line, None) for line in self._head_lines(width)]
        rows += [("picture", data, size) for data, size in self.pictures]
        return rows + option_rows(self.options, self.columns, width, self.indent, self.size)

    def _head_lines(self, width: float) -> tuple[tuple[Token, ...], ...]:
        if self.label:
            return break_after(tuple(self.head[:self.label]), tuple(self.head[self.label:]), width, self.size)
        return break_lines(self.head, width, self.size)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.laid is None or self.laid[0] != avail_width:  # else laid out and measured at this width
            self.laid = (avail_width, self._layout(avail_width))
            height = 0.0
            for kind, _data, size in self.laid[1]:
                height += size[1] + 2 if kind == "picture" else self.leading
            self.width, self.height = avail_width, height + 2
        return self.width, self.height

    def draw(self, canvas: PageCanvas) -> None:
        assert self.laid is not None, "flow wraps a block before drawing it"
        y = self.height - self.size
        pen = canvas.lines_pen(self.size)
        pictures = []
        for kind, data, size in self.laid[1]:  # draw_line's work inline: the laid-out lines are tuples
            if kind == "text":
                if data:
                    pen.line(line_runs(data), 0.0, y)
                y -= self.leading
            elif kind == "cells":
                for x, line in data:
                    if line:
                        pen.line(line_runs(line), x, y)
                y -= self.leading
            else:
                w, h = size
                pictures.append((data, self.indent, y - h + self.size, w, h))
                y -= h + 2
        pen.close()
        for data, x, y0, w, h in pictures:
            canvas.drawImage(data, x, y0, w, h)


class Cell:
    """A table cell: blocks stacked from the top, with platypus's default paddings unless given."""

    def __init__(self, blocks: list[Block], left: float = 6.0, right: float = 6.0, top: float = 3.0,
                 bottom: float = 3.0) -> None:
        self.blocks, self.left, self.right, self.top, self.bottom = blocks, left, right, top, bottom

    def measure(self, width: float) -> tuple[list[tuple[float, float]], float]:
        """Each block's size and the content height as platypus's ``Table._listCellGeom`` adds them."""
        sizes = [block.wrap(width - self.left - self.right, 72000) for block in self.blocks]
        if not self.blocks:
            return sizes, 0.0
        total = sum(h + b.space_before + b.space_after for (_w, h), b in zip(sizes, self.blocks))
        return sizes, total - self.blocks[0].space_before - self.blocks[-1].space_after


class Table(Block):
    """One-row-per-list table: column widths fixed, cells aligned left or centred, top or middle.

    *boxes* are (column, row, line width) cells outlined; *grid* a line width for every cell edge.
    """

    def __init__(self, rows: list[list[Cell]], widths: list[float], valign: str = "TOP", align: str = "LEFT",
                 boxes: Sequence[tuple[int, int, float]] = (), grid: float = 0.0,
                 spans: Sequence[tuple[int, int]] = ()) -> None:
        self.rows, self.widths, self.valign, self.align = rows, widths, valign, align
        self.boxes, self.grid = boxes, grid
        self.width = sum(widths)
        self.splits_in_platypus = len(rows) > 1  # platypus splits a table between rows
        # (first row, last row) of each first-column cell spanning rows: it is drawn over all of them,
        # and, as in platypus, neither it nor the cells it covers sets a row's height.
        self.span_end = {start: end for start, end in spans}
        covered = {row for start, end in spans for row in range(start, end + 1)}
        self.heights = [self._row_height(row, index in covered) for index, row in enumerate(rows)]
        self.height = sum(self.heights)
        for start, end in spans:
            need = rows[start][0].measure(widths[0])[1] + rows[start][0].top + rows[start][0].bottom
            if need > sum(self.heights[start:end + 1]) + FUZZ:
                raise TooTall("a spanned cell taller than its rows")

    def _row_height(self, row: list[Cell], spanned: bool) -> float:
        cells = list(zip(row, self.widths))[1 if spanned else 0:]
        return max(cell.measure(w)[1] + cell.top + cell.bottom for cell, w in cells)

    def draw(self, canvas: PageCanvas) -> None:
        top = self.height
        covered = {row for start, end in self.span_end.items() for row in range(start + 1, end + 1)}
        for index, (row, height) in enumerate(zip(self.rows, self.heights)):
            x = 0.0
            for column, (cell, width) in enumerate(zip(row, self.widths)):
                if column == 0 and index in covered:
                    x += width
                    continue
                tall = sum(self.heights[index:self.span_end[index] + 1]) if column == 0 and index in self.span_end \
                    else height
                self._draw_cell(canvas, cell, x, top - tall, width, tall)
                x += width
            top -= height
        self._draw_lines(canvas)

    def _draw_cell(self, canvas: PageCanvas, cell: Cell, x: float, bottom: float, width: float,
                   height: float) -> None:
        sizes, content = cell.measure(width)
        if self.valign == "TOP":
            y = bottom + height - cell.top
        else:
            y = bottom + (height + cell.bottom - cell.top + content) / 2.0
        if cell.blocks:
            y += cell.blocks[0].space_before
        for block, (w, h) in zip(cell.blocks, sizes):
            left = x + cell.left if self.align == "LEFT" else x + (width + cell.left - cell.right - w) / 2.0
            y -= block.space_before + h
            _draw_at(canvas, block, left, y)
            y -= block.space_after

    def _draw_lines(self, canvas: PageCanvas) -> None:
        edges = [0.0]
        for width in self.widths:
            edges.append(edges[-1] + width)
        tops = [self.height]
        for height in self.heights:
            tops.append(tops[-1] - height)
        for column, row, line in self.boxes:
            canvas.setLineWidth(line)
            canvas.rect(edges[column], tops[row + 1], self.widths[column], self.heights[row])
        if self.grid:
            self._draw_grid(canvas, edges, tops)

    def _draw_grid(self, canvas: PageCanvas, edges: list[float], tops: list[float]) -> None:
        """Every cell edge, except the row lines a spanned first-column cell covers (its SPAN)."""
        canvas.setLineWidth(self.grid)
        canvas.setLineCap(1)
        segments = [(edges[0], y, edges[-1], y) for y in (tops[0], tops[-1])]
        spanned = {row for start, end in self.span_end.items() for row in range(start + 1, end + 1)}
        for row in range(1, len(self.rows)):
            start = edges[1] if row in spanned else edges[0]
            segments.append((start, tops[row], edges[-1], tops[row]))
        segments += [(x, tops[0], x, tops[-1]) for x in edges]
        canvas.lines(segments)


class Rule(Block):
    """platypus's HRFlowable: a line at the bottom of a box as tall as the line is thick."""

    def __init__(self, width: float, thickness: float, space_before: float, space_after: float) -> None:
        self.width, self.height, self.thickness = width, thickness, thickness
        self.space_before, self.space_after = space_before, space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.drawn = min(self.width, avail_width)
        return self.drawn, self.thickness

    def draw(self, canvas: PageCanvas) -> None:
        canvas.saveState()
        canvas.setLineWidth(self.thickness)
        canvas.setLineCap(1)
        canvas.line(0, 0, self.drawn, 0)
        canvas.restoreState()


class Marker(Block):
    """An empty line whose centre is remembered when placed (where the page count goes)."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.found: tuple[float, float] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return self.width, self.height

    def place(self, x: float, y: float) -> None:
        self.found = (x + self.width / 2, y + self.height * 0.25)

    def draw(self, canvas: PageCanvas) -> None:
        return None


def _draw_at(canvas: PageCanvas, block: Block, x: float, y: float) -> None:
    if isinstance(block, Marker):
        block.place(x, y)
        return
    canvas.saveState()
    canvas.translate(x, y)
    block.draw(canvas)
    canvas.restoreState()


class Margins:
    """A page's margins in points (the frame's padding comes on top)."""

    def __init__(self, top: float, left: float, bottom: float, right: float) -> None:
        self.top, self.left, self.bottom, self.right = top, left, bottom, right


def flow(doc: PdfDocument, story: list[Block], margins: Margins,
         on_page: Callable[[PageCanvas, int, int], None] | None = None) -> list[PageCanvas]:
    """Place *story* on as many pages as it needs (platypus's frame rules); then ``on_page(canvas, n, pages)``."""
    page_w, page_h = doc.size
    width = page_w - margins.left - margins.right
    x = margins.left + FRAME_PADDING
    top = page_h - margins.top - FRAME_PADDING
    bottom = margins.bottom + FRAME_PADDING
    avail = width - 2 * FRAME_PADDING
    pending = list(story)
    pages: list[PageCanvas] = []
    while pending:
        canvas = doc.new_page()
        pages.append(canvas)
        y, at_top, previous_after = top, True, 0.0
        while pending:
            block = pending[0]
            space = 0.0 if at_top else max(block.space_before - previous_after, 0.0)
            w, h = block.wrap(avail, y - bottom - space)
            if y - space - h < bottom - FUZZ:
                parts = block.split(avail, y - bottom - space)
                if parts:
                    pending[0:1] = parts
                    continue
                if at_top or getattr(block, "splits_in_platypus", False):
                    raise TooTall(f"{type(block).__name__} of {h:.0f} pt on a page of {top - bottom:.0f} pt")
                break
            y -= space + h
            left = x + (avail - w) / 2 if block.centred else x
            _draw_at(canvas, block, left, y)
            y -= block.space_after
            previous_after = block.space_after
            at_top = False
            pending.pop(0)
    for number, canvas in enumerate(pages, start=1):
        if on_page is not None:
            on_page(canvas, number, len(pages))
    return pages
