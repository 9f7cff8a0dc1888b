"""The bảng đáp án of a key PDF drawn straight onto the canvas.

It looks like the platypus Table it replaces (rows "Câu | 1 … 10" in bold on
grey, "Đáp án | A …" under them, a 0,5 pt grid) but costs a tenth: one text
object for all cells (``pdf_text.Pen``, encoded runs reused across the
build's keys) and one path for the grid instead of a cell-by-cell Table.
Imported only by the key writer, so reportlab is imported at module level.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from lecturer_app.exporters.exam.pdf_text import Pen, Token, word_width
from lecturer_app.exporters.exam.text_layout import key_rows  # noqa: F401  (re-exported)

FONT_SIZE = 11.0
ROW_HEIGHT = 18.0  # the Table's: leading 12 + padding 3 above and below
BASELINE = 4.0  # from a row's bottom: padding 3 + leading 12 − size 11 (the Table's bottom alignment)
GRID_WIDTH = 0.5
HEADER_FILL = "#eeeeee"


class KeyGrid(Flowable):
    """Key rows in a grid; column 0 is *first* wide, the others share the rest of *width*.

    Even rows (the question numbers) are bold on grey; odd rows (letters) regular.
    """

    def __init__(self, rows: list[list[str]], width: float, first: float, regular: str, bold: str) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # as a Table: a grid wider than the frame overhangs both sides equally
        self.rows, self.regular, self.bold = rows, regular, bold
        columns = len(rows[0]) - 1 if rows else 0
        self.columns = [first] + [(width - first) / columns] * columns if columns else [width]
        self.width, self.height = width, ROW_HEIGHT * len(rows)

    def _font(self, row: int) -> str:
        return self.bold if row % 2 == 0 else self.regular

    @property
    def token_parts(self) -> list[Sequence[Token]]:
        """Every cell's text with its font (for ``pdf_text.font_seeds``)."""
        return [[(cell, self._font(r)) for cell in row if cell] for r, row in enumerate(self.rows)]

    def wrap(self, avail_width, avail_height):  # noqa: D401 - reportlab API
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(HEADER_FILL)
        for row in range(0, len(self.rows), 2):
            canvas.rect(0, self.height - (row + 1) * ROW_HEIGHT, self.width, ROW_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor("black")
        self._draw_text()
        self._draw_grid()
        canvas.restoreState()

    def _draw_text(self) -> None:
        text_object = self.canv.beginText()
        pen = Pen(text_object, FONT_SIZE)
        for index, row in enumerate(self.rows):
            font, y = self._font(index), self.height - (index + 1) * ROW_HEIGHT + BASELINE
            x = 0.0
            for cell, width in zip(row, self.columns):
                if cell:
                    centre = x + width / 2
                    pen.line(((cell, font),), centre - word_width(cell, font, FONT_SIZE) / 2, y)
                x += width
        self.canv.drawText(text_object)

    def _draw_grid(self) -> None:
        canvas = self.canv
        canvas.setLineCap(1)
        canvas.setLineWidth(GRID_WIDTH)
        canvas.setStrokeColor("black")
        path = canvas.beginPath()
        for row in range(len(self.rows) + 1):
            path.moveTo(0, row * ROW_HEIGHT)
            path.lineTo(self.width, row * ROW_HEIGHT)
        x = 0.0
        for width in [0.0, *self.columns]:
            x += width
            path.moveTo(x, 0)
            path.lineTo(x, self.height)
        canvas.drawPath(path, stroke=1, fill=0)
