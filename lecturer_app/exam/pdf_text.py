"""Fast text layout for exam questions: one flowable per question, lines drawn directly.

Imported only by the PDF writers (never at CLI start-up), so reportlab is
imported at module level here.  A paper of 24 versions × 40 questions made of
reportlab Paragraphs in Tables spends most of its time re-measuring the same
words; here each word is measured once per build (``word_width`` is cached)
and a question is laid out once per width.  Text is left-aligned; a question
never splits across pages (the caller falls back to Paragraphs for a question
taller than a page).
"""

from __future__ import annotations

import io
from functools import lru_cache

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

Token = tuple[str, str]  # (text, font name)


@lru_cache(maxsize=200_000)
def word_width(word: str, font: str, size: float) -> float:
    """The width of *word* (or any one-line text) in points, measured once per process."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(word, font, size)


def tokens(text: str, font: str) -> list[Token]:
    """Words of *text* in *font*; a newline becomes the token ("\\n", font)."""
    out: list[Token] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            out.append(("\n", font))
        out.extend((word, font) for word in line.split())
    return out


def break_lines(items: list[Token], width: float, size: float) -> tuple[tuple[Token, ...], ...]:
    """Greedy line breaking; a word longer than the line gets a line of its own.

    Cached: the same option or stem at the same width recurs in every version.
    """
    return _break_lines(tuple(items), round(width, 3), size)


@lru_cache(maxsize=50_000)
def _break_lines(items: tuple[Token, ...], width: float, size: float) -> tuple[tuple[Token, ...], ...]:
    lines: list[list[Token]] = [[]]
    used = 0.0
    for word, font in items:
        if word == "\n":
            lines.append([])
            used = 0.0
            continue
        w = word_width(word, font, size)
        space = word_width(" ", font, size) if lines[-1] else 0.0
        if lines[-1] and used + space + w > width:
            lines.append([])
            used, space = 0.0, 0.0
        lines[-1].append((word, font))
        used += space + w
    return tuple(tuple(line) for line in lines)


class Pen:
    """Writes lines into one reportlab text object, moving with relative ``Td`` operators.

    ``textOut`` would re-measure every run character by character and
    ``setTextOrigin`` writes six numbers per line; here each run is encoded
    with reportlab's own ``_formatText`` (TTF subsets) and each line start is
    a two-number move from the previous one.
    """

    def __init__(self, text_object, size: float) -> None:
        self.text = text_object
        self.size = size
        self.origin: tuple[float, float] | None = None

    def line(self, line: tuple[Token, ...], x: float, y: float) -> None:
        from reportlab.lib.rl_accel import fp_str

        if not line:
            return
        if self.origin is None:
            self.text.setTextOrigin(x, y)
        else:
            self.text._code.append(f"{fp_str(x - self.origin[0], y - self.origin[1])} Td")
        self.origin = (x, y)
        run: list[str] = []
        font = line[0][1]
        for word, word_font in line:
            if word_font != font:
                self._out(run, font, trailing=True)
                run, font = [], word_font
            run.append(word)
        self._out(run, font, trailing=False)

    def _out(self, run: list[str], font: str, *, trailing: bool) -> None:
        if self.text._fontname != font:
            self.text.setFont(font, self.size)
        text = " ".join(run) + (" " if trailing else "")
        self.text._code.append(self.text._formatText(text))


class QuestionFlowable(Flowable):
    """Stem (with its bold label), pictures, then options in 1, 2 or 4 columns.

    Args:
        head: tokens of the label and stem.
        options: tokens of each option (label included), in printed order.
        columns: option columns (1, 2 or 4).
        pictures: image bytes with their drawn size.


    It never splits: the caller uses Paragraphs instead for a question taller than a page.
    """

    def __init__(self, head, options, columns, pictures, size, leading, indent):
        super().__init__()
        self.head, self.options, self.columns = head, options, columns
        self.pictures, self.size, self.leading, self.indent = pictures, size, leading, indent
        self._laid: tuple[float, list] | None = None

    def _layout(self, width: float) -> list:
        rows: list = [("text", line, None) for line in break_lines(self.head, width, self.size)]
        rows += [("picture", data, size) for data, size in self.pictures]
        columns = max(1, self.columns)
        cell = (width - self.indent) / columns
        for start in range(0, len(self.options), columns):
            cells = [break_lines(option, cell - 4, self.size) for option in self.options[start:start + columns]]
            for line_no in range(max(len(c) for c in cells)):
                placed = [(self.indent + i * cell, c[line_no]) for i, c in enumerate(cells) if line_no < len(c)]
                rows.append(("cells", placed, None))
        return rows

    def _height(self, rows: list) -> float:
        height = 0.0
        for kind, data, size in rows:
            height += size[1] + 2 if kind == "picture" else self.leading
        return height + 2

    def wrap(self, avail_width, avail_height):  # noqa: D401 - reportlab API
        if self._laid is None or self._laid[0] != avail_width:
            self._laid = (avail_width, self._layout(avail_width))
        self.width, self.height = avail_width, self._height(self._laid[1])
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return []

    def draw(self):
        y = self.height - self.size
        text_object = self.canv.beginText()
        pen = Pen(text_object, self.size)
        for kind, data, size in self._laid[1]:
            if kind == "text":
                pen.line(data, 0.0, y)
                y -= self.leading
            elif kind == "cells":
                for x, line in data:
                    pen.line(line, x, y)
                y -= self.leading
            else:
                w, h = size
                self.canv.drawImage(ImageReader(io.BytesIO(data)), self.indent, y - h + self.size, w, h,
                                    mask="auto")
                y -= h + 2
        self.canv.drawText(text_object)
