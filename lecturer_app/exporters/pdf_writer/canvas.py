"""One page's drawing operators, with the handful of reportlab canvas calls the exam PDFs make.

Coordinates are PDF points from the bottom-left corner, as on a reportlab
canvas, so drawing code moved here keeps its numbers.  ``lines`` gives a
``LinePen`` that writes many lines of text in one text object.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from lecturer_app.exporters.pdf_writer.fonts import encoded, number, string_width


class Document(Protocol):
    """What a page needs of its document (``document.PdfDocument``): where lines and pictures are recorded."""

    shown: set[tuple[tuple[str, str], ...]]

    def image_resource(self, data: bytes) -> tuple[str, object]: ...

KAPPA = 0.5522847498  # Bézier handle length of a quarter circle, as a share of the radius


def colour(value: str) -> tuple[float, float, float]:
    """"black", "white" or "#rrggbb" → RGB in 0..1."""
    named = {"black": "#000000", "white": "#ffffff"}
    text = named.get(value, value).lstrip("#")
    return int(text[0:2], 16) / 255, int(text[2:4], 16) / 255, int(text[4:6], 16) / 255


class PageCanvas:
    """Operators of one page; fonts and pictures are registered with the document."""

    def __init__(self, doc: Document, size: tuple[float, float]) -> None:
        self.doc = doc
        self.width, self.height = size
        self.ops: list[str] = []
        self.font, self.size = "", 12.0

    def content(self) -> bytes:
        return "\n".join(self.ops).encode("latin-1")

    # --- state -------------------------------------------------------------------------------------
    def saveState(self) -> None:  # noqa: N802 - the reportlab name the drawing code uses
        self.ops.append("q")

    def restoreState(self) -> None:  # noqa: N802
        self.ops.append("Q")

    def translate(self, x: float, y: float) -> None:
        self.ops.append(_translation(x, y))

    def setLineWidth(self, width: float) -> None:  # noqa: N802
        self.ops.append(f"{number(width)} w")

    def setLineCap(self, cap: int) -> None:  # noqa: N802
        self.ops.append(f"{cap} J")

    def setDash(self, on: float | None = None, off: float | None = None) -> None:  # noqa: N802
        self.ops.append(f"[{number(on)} {number(off)}] 0 d" if on is not None and off is not None else "[] 0 d")

    def setFillColor(self, value: str) -> None:  # noqa: N802
        self.ops.append(" ".join(number(round(c, 4)) for c in colour(value)) + " rg")

    def setStrokeColor(self, value: str) -> None:  # noqa: N802
        self.ops.append(" ".join(number(round(c, 4)) for c in colour(value)) + " RG")

    # --- shapes ------------------------------------------------------------------------------------
    def rect(self, x: float, y: float, width: float, height: float, stroke: int = 1, fill: int = 0) -> None:
        self.ops.append(f"{number(x)} {number(y)} {number(width)} {number(height)} re {_paint(stroke, fill)}")

    def rects(self, boxes: list[tuple[float, float, float, float]], stroke: int = 0, fill: int = 1) -> None:
        """Many rectangles painted as one path (a QR code's modules)."""
        parts = [f"{number(x)} {number(y)} {number(w)} {number(h)} re" for x, y, w, h in boxes]
        self.ops.append("\n".join(parts) + " " + _paint(stroke, fill))

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.ops.append(f"{number(x1)} {number(y1)} m {number(x2)} {number(y2)} l S")

    def lines(self, segments: list[tuple[float, float, float, float]]) -> None:
        """Many straight segments stroked as one path."""
        self.ops.append(" ".join(f"{number(a)} {number(b)} m {number(c)} {number(d)} l"
                                 for a, b, c, d in segments) + " S")

    def circle(self, cx: float, cy: float, r: float, stroke: int = 1, fill: int = 0) -> None:
        k = r * KAPPA
        n = number
        self.ops.append(
            f"{n(cx + r)} {n(cy)} m "
            f"{n(cx + r)} {n(cy + k)} {n(cx + k)} {n(cy + r)} {n(cx)} {n(cy + r)} c "
            f"{n(cx - k)} {n(cy + r)} {n(cx - r)} {n(cy + k)} {n(cx - r)} {n(cy)} c "
            f"{n(cx - r)} {n(cy - k)} {n(cx - k)} {n(cy - r)} {n(cx)} {n(cy - r)} c "
            f"{n(cx + k)} {n(cy - r)} {n(cx + r)} {n(cy - k)} {n(cx + r)} {n(cy)} c "
            f"{_paint(stroke, fill)}")

    def drawImage(self, data: bytes, x: float, y: float, width: float, height: float) -> None:  # noqa: N802
        name, _image = self.doc.image_resource(data)
        self.ops.append(f"q {number(width)} 0 0 {number(height)} {number(x)} {number(y)} cm /{name} Do Q")

    # --- text --------------------------------------------------------------------------------------
    def setFont(self, font: str, size: float) -> None:  # noqa: N802
        self.font, self.size = font, size

    def stringWidth(self, text: str, font: str, size: float) -> float:  # noqa: N802
        return string_width(text, font, size)

    def drawString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        pen = self.lines_pen(self.size)
        pen.run(self.font, text, x, y)
        pen.close()

    def drawCentredString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        self.drawString(x - string_width(text, self.font, self.size) / 2, y, text)

    def drawRightString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        self.drawString(x - string_width(text, self.font, self.size), y, text)

    def lines_pen(self, size: float) -> LinePen:
        return LinePen(self, size)


class LinePen:
    """Lines of text in one text object: each line start a relative ``Td`` move from the last.

    ``close`` ends the text object (call it once all lines are written).
    """

    def __init__(self, canvas: PageCanvas, size: float) -> None:
        self.canvas, self.size = canvas, size
        self.ops = canvas.ops
        self.ops.append("BT")
        self.x, self.y = 0.0, 0.0  # where the last line started (the next Td is relative to it)
        self.font = ""
        self.shown = canvas.doc.shown

    def line(self, runs: tuple[tuple[str, str], ...], x: float, y: float, word_space: float = 0.0) -> None:
        """(font, text) *runs* from (x, y); *word_space* widens (or narrows) every space."""
        self.shown.add(runs)
        ops, self.font = line_operators(runs, self.font, self.size, word_space, x - self.x, y - self.y)
        self.ops.append(ops)
        self.x, self.y = x, y

    def run(self, font: str, text: str, x: float, y: float) -> None:
        self.line(((font, text),), x, y)

    def close(self) -> None:
        self.ops.append("ET")


@lru_cache(maxsize=50_000)
def line_operators(runs: tuple[tuple[str, str], ...], font: str, size: float, word_space: float,
                   dx: float, dy: float) -> tuple[str, str]:
    """The move to a line (``Td``) and its ``runs_operators``: the same line one leading below the last recurs
    in every version of a build."""
    ops, font = runs_operators(runs, font, size, word_space)
    return f"{number(dx)} {number(dy)} Td {ops}", font


@lru_cache(maxsize=50_000)
def runs_operators(runs: tuple[tuple[str, str], ...], font: str, size: float,
                   word_space: float) -> tuple[str, str]:
    """(operators, font after) showing *runs* when *font* is the current one: made once per build for a line.

    Font resources are named after the font (``/LiberationSerif-Bold``), so the operators are the
    same in every document.
    """
    out = []
    for run_font, text in runs:
        if run_font != font:
            out.append(f"/{run_font} {number(size)} Tf")
            font = run_font
        if not word_space or " " not in text:
            out.append(f"<{encoded(run_font, text)}> Tj")
            continue
        # Identity-H strings have no single-byte space for Tw: the extra space follows each space glyph.
        gap = number(-word_space * 1000 / size)
        words = text.split(" ")
        parts = [f"<{encoded(run_font, word + ' ')}> {gap}" for word in words[:-1]]
        out.append("[" + " ".join(parts) + f" <{encoded(run_font, words[-1])}>] TJ")
    return " ".join(out), font


@lru_cache(maxsize=10_000)
def _translation(x: float, y: float) -> str:
    """The ``cm`` operator moving the origin to (x, y): every version places its blocks at the same points."""
    return f"1 0 0 1 {number(x)} {number(y)} cm"


def _paint(stroke: int, fill: int) -> str:
    if stroke and fill:
        return "B"
    return "f" if fill else ("S" if stroke else "n")
