"""The exam PDFs' shared pieces for ``pdf_writer``: text styles, the organisation's header, the key grid.

They give ``pdf_parts`` (reportlab ParagraphStyles) its numbers, and mirror ``pdf_header`` and
``key_grid`` number for number, so the papers and keys drawn without
reportlab look as they did.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from lecturer_app.exporters.exam.page_flow import (
    CENTRE,
    JUSTIFY,
    Block,
    Cell,
    Rule,
    Table,
    TextLines,
)
from lecturer_app.exporters.exam.text_layout import tokens, word_width
from lecturer_app.exporters.pdf_fonts import FontFamily, family_names
from lecturer_app.exporters.pdf_writer.canvas import PageCanvas

BODY_SIZE = 13.0
MM = 72 / 25.4  # points per millimetre (``pdf_parts`` gives the reportlab writers the same)


class TextStyle:
    """A ParagraphStyle's few numbers: size, leading, alignment and the space around."""

    def __init__(self, size: float, leading: float, align: str = JUSTIFY, space_before: float = 0.0,
                 space_after: float = 2.0) -> None:
        self.size, self.leading, self.align = size, leading, align
        self.space_before, self.space_after = space_before, space_after


class PageStyles:
    """``pdf_parts.make_styles`` without reportlab: the body and its centred, title and small variants."""

    def __init__(self, family: FontFamily, body: TextStyle, centre: TextStyle, title: TextStyle,
                 small: TextStyle) -> None:
        self.family, self.body, self.centre, self.title, self.small = family, body, centre, title, small


def page_styles(size: float = BODY_SIZE) -> PageStyles:
    body = TextStyle(size, size * 1.3)
    return PageStyles(family_names(), body, TextStyle(size, size * 1.3, CENTRE),
                      TextStyle(size + 2, (size + 2) * 1.3, CENTRE, space_before=6),
                      TextStyle(size - 2, (size - 2) * 1.3))


def styled(style: TextStyle, *parts: tuple[str, str], align: str | None = None) -> TextLines:
    """Text in (text, font) *parts* with *style*'s size, leading, alignment and spacing (``text_block.styled``)."""
    words = [token for text, font in parts for token in tokens(text, font)]
    return TextLines(words, style.size, style.leading, align or style.align, style.space_before, style.space_after)


def org_header(organization, width: float, *, scale: float = 0.85, on=None) -> Table:
    """The organisation's two header columns (``pdf_header.header_flowable``)."""
    from lecturer_app.core.org_header import header_spec
    from lecturer_app.exporters.header_layout import font_for, header_layout, line_width

    spec = header_spec(organization, on=on)
    family = family_names()
    layout = header_layout(spec, width, scale)

    def column(lines) -> Cell:
        blocks: list[Block] = []
        for line in lines:
            size = line.size * layout.scale
            blocks.append(TextLines(tokens(line.text, font_for(family, line)), size, size * 1.25, CENTRE))
            if line.rule_below:
                blocks.append(Rule(line_width(line, layout.scale) * line.rule_share, 0.7, 2, 4))
        return Cell(blocks, left=0, right=0)

    return Table([[column(spec.left), column(spec.right)]], [layout.left_width, layout.right_width],
                 align="CENTER")


FONT_SIZE = 11.0
ROW_HEIGHT = 18.0
BASELINE = 4.0
GRID_WIDTH = 0.5
HEADER_FILL = "#eeeeee"


class KeyTable(Block):
    """``key_grid.KeyGrid`` on the new canvas: "Câu | 1 … 10" bold on grey, "Đáp án | A …" under it."""

    def __init__(self, rows: list[list[str]], width: float, first: float, regular: str, bold: str) -> None:
        self.rows, self.regular, self.bold = rows, regular, bold
        columns = len(rows[0]) - 1 if rows else 0
        self.columns = [first] + [(width - first) / columns] * columns if columns else [width]
        self.width, self.height = width, ROW_HEIGHT * len(rows)

    def draw(self, canvas: PageCanvas) -> None:
        canvas.saveState()
        canvas.setFillColor(HEADER_FILL)
        for row in range(0, len(self.rows), 2):
            canvas.rect(0, self.height - (row + 1) * ROW_HEIGHT, self.width, ROW_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor("black")
        self._text(canvas)
        self._grid(canvas)
        canvas.restoreState()

    def _text(self, canvas: PageCanvas) -> None:
        pen = canvas.lines_pen(FONT_SIZE)
        for index, row in enumerate(self.rows):
            font = self.bold if index % 2 == 0 else self.regular
            y, x = self.height - (index + 1) * ROW_HEIGHT + BASELINE, 0.0
            for cell, width in zip(row, self.columns):
                if cell:
                    runs, half = _key_cell(cell, font)
                    pen.line(runs, x + width / 2 - half, y)
                x += width
        pen.close()

    def _grid(self, canvas: PageCanvas) -> None:
        canvas.setLineCap(1)
        canvas.setLineWidth(GRID_WIDTH)
        segments = [(0.0, row * ROW_HEIGHT, self.width, row * ROW_HEIGHT) for row in range(len(self.rows) + 1)]
        x = 0.0
        for width in [0.0, *self.columns]:
            x += width
            segments.append((x, 0.0, x, self.height))
        canvas.lines(segments)


@lru_cache(maxsize=1024)
def _key_cell(cell: str, font: str) -> tuple[tuple[tuple[str, str], ...], float]:
    """A key cell's (font, text) runs and half its width: "Câu", the numbers and the letters recur in every key."""
    return ((font, cell),), word_width(cell, font, FONT_SIZE) / 2


def guide_table(rows: Sequence[tuple[str, str, str]], width: float, styles: PageStyles, mm: float) -> Table:
    """The key's "Câu | Ý | Điểm" table (``keys.essay_guide_table``): a Câu cell spans its ý rows."""
    bold, regular = styles.family.bold, styles.family.regular
    header = [Cell([styled(styles.centre, (h, bold))]) for h in ("Câu", "Ý", "Điểm")]
    body = [[Cell([styled(styles.centre, (c, regular))]), Cell([styled(styles.body, (i, regular))]),
             Cell([styled(styles.centre, (p, regular))])] for c, i, p in rows]
    starts = [index for index, (label, _i, _p) in enumerate(rows) if label] + [len(rows)]
    spans = [(start + 1, end) for start, end in zip(starts, starts[1:]) if end - start > 1]
    return Table([header, *body], [28 * mm, width - 48 * mm, 20 * mm], grid=0.5, spans=spans)
