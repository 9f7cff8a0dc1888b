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
from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from lecturer_app.exporters.exam.text_layout import (  # noqa: F401  (re-exported for the flowables' users)
    Token,
    break_lines,
    line_runs,
    option_rows,
    tokens,
    word_width,
)


class _ScratchDocument:
    """A stand-in document: reportlab keys a font's subset state by any weak-referenceable object."""


@lru_cache(maxsize=64)
def seeded_codes(font: str, seed: str) -> dict[str, tuple[int, int]]:
    """``char -> (subset, code)`` that *font* gives the characters of *seed* in a fresh document.

    A document whose first text in *font* is *seed* (``seed_fonts``) gets
    exactly these codes, so a run made only of seeded characters encodes to
    the same bytes in every paper of a build and is encoded once.
    """
    from reportlab.pdfbase.pdfmetrics import getFont

    ttf, scratch = getFont(font), _ScratchDocument()
    ttf.splitString(seed, scratch)
    assignments = ttf.state.pop(scratch).assignments
    return {chr(char): divmod(code, 256) for char, code in assignments.items()}


@lru_cache(maxsize=100_000)
def encoded_run(font: str, seed: str, text: str) -> tuple[tuple[int, str], ...] | None:
    """(subset, escaped bytes) chunks of *text* in a document seeded with *seed*; None if a character is unseeded."""
    from reportlab.lib.rl_accel import escapePDF

    codes = seeded_codes(font, seed)
    chunks: list[tuple[int, bytearray]] = []
    for char in text:
        found = codes.get(char)
        if found is None:
            return None
        subset, code = found
        if not chunks or chunks[-1][0] != subset:
            chunks.append((subset, bytearray()))
        chunks[-1][1].append(code)
    return tuple((subset, escapePDF(bytes(data))) for subset, data in chunks)


def seed_fonts(canvas, seeds: dict[str, str]) -> None:
    """Give each font's *seeds* characters their subset codes first (call before any text is drawn).

    The subsets then come out the same in every paper of a build whatever
    the question order, and ``Pen`` can reuse encoded runs (``encoded_run``).
    """
    from reportlab.pdfbase.pdfmetrics import getFont

    for font, seed in sorted(seeds.items()):
        getFont(font).splitString(seed, canvas._doc)
    canvas.font_seeds = dict(seeds)


def font_seeds(flowables, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The characters each font prints in the fast blocks of *flowables* (and *extra*), sorted, plus the digits.

    Blocks with ``token_parts`` (question blocks, the key grid) are read; the
    digits are added to every font because the mã đề (the only text that
    differs between versions' headings) is made of them.
    """
    unique: set[Token] = set()
    for flowable in flowables:
        for part in getattr(flowable, "token_parts", ()):
            unique.update(part)
    chars: dict[str, set[str]] = {font: set(more) for font, more in (extra or {}).items()}
    for word, font in unique:
        chars.setdefault(font, set()).update(word)
    return {font: "".join(sorted(found | set("0123456789"))) for font, found in chars.items()}


class Pen:
    """Writes lines into one reportlab text object, moving with relative ``Td`` operators.

    ``textOut`` would re-measure every run character by character and
    ``setTextOrigin`` writes six numbers per line; here each line start is a
    two-number move from the previous one, and a run of seeded characters
    (``seed_fonts``) is encoded once per build (``encoded_run``); other runs
    go through reportlab's own ``_formatText`` (TTF subsets).
    """

    def __init__(self, text_object, size: float) -> None:
        self.text = text_object
        self.size = size
        self.origin: tuple[float, float] | None = None
        canvas = text_object._canvas
        self.seeds: dict[str, str] = getattr(canvas, "font_seeds", {})
        # "/F1+0 13 Tf 15.6 TL" by (font, subset, size, leading), made once per document.
        self.switches: dict[tuple, str] = canvas.__dict__.setdefault("pen_font_switches", {})

    def line(self, line: tuple[Token, ...], x: float, y: float) -> None:
        """Draw *line* with its first word at (x, y) of the text object's space."""
        from reportlab.lib.rl_accel import fp_str

        if not line:
            return
        text_object, size, seeds = self.text, self.size, self.seeds
        code = text_object._code
        if self.origin is None:
            text_object.setTextOrigin(x, y)
        else:
            code.append(f"{fp_str(x - self.origin[0], y - self.origin[1])} Td")
        self.origin = (x, y)
        for font, text in line_runs(line):
            if text_object._fontname != font or text_object._fontsize != size:
                text_object.setFont(font, size)  # a new text object starts in the canvas's font and size
            seed = seeds.get(font)
            chunks = encoded_run(font, seed, text) if seed else None
            if chunks is None:
                code.append(text_object._formatText(text))
            elif len(chunks) == 1:
                subset, escaped = chunks[0]
                if subset != text_object._curSubset:
                    code.append(f"{self._switch(font, subset)} ({escaped}) Tj")
                    text_object._curSubset = subset
                else:
                    code.append(f"({escaped}) Tj")
            else:
                code.append(" ".join(self._operators(chunks, font)))

    def _operators(self, chunks: tuple[tuple[int, str], ...], font: str) -> list[str]:
        """What ``_formatText`` writes for these chunks: a subset switch when needed, then ``Tj``."""
        text_object, out = self.text, []
        for subset, escaped in chunks:
            if subset != text_object._curSubset:
                out.append(self._switch(font, subset))
                text_object._curSubset = subset
            out.append(f"({escaped}) Tj")
        return out

    def _switch(self, font: str, subset: int) -> str:
        """"/F1+0 13 Tf 15.6 TL" for this font subset, size and leading; made once per document."""
        text_object = self.text
        key = (font, subset, text_object._fontsize, text_object._leading)
        switch = self.switches.get(key)
        if switch is None:
            from reportlab.lib.rl_accel import fp_str
            from reportlab.pdfbase.pdfmetrics import getFont

            name = getFont(font).getSubsetInternalName(subset, text_object._canvas._doc)
            switch = self.switches[key] = f"{name} {fp_str(key[2])} Tf {fp_str(key[3])} TL"
        return switch


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

    @property
    def token_parts(self) -> list[Sequence[Token]]:
        """The head's and each option's tokens: every word the block prints (for ``font_seeds``)."""
        return [self.head, *self.options]

    def _layout(self, width: float) -> list:
        rows: list = [("text", line, None) for line in break_lines(self.head, width, self.size)]
        rows += [("picture", data, size) for data, size in self.pictures]
        return rows + option_rows(self.options, self.columns, width, self.indent, self.size)

    def _height(self, rows: list) -> float:
        height = 0.0
        for kind, _data, size in rows:
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
        assert self._laid is not None, "reportlab calls wrap() before draw()"
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
