"""Measuring and breaking exam text into lines, without any PDF library.

Shared by the reportlab flowables (``pdf_text``, ``text_block``, used by the
oral exam, thu hoạch and the papers' rare platypus fallback) and by the
exam PDFs drawn with ``exporters.pdf_writer`` (``page_flow``).  Widths come
from ``pdf_writer.fonts.string_width``, which gives reportlab's
``stringWidth`` to the bit, so both break lines at the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from lecturer_app.exporters.pdf_writer.fonts import string_width

Token = tuple[str, str]  # (text, font name)


@lru_cache(maxsize=200_000)
def word_width(word: str, font: str, size: float) -> float:
    """The width of *word* (or any one-line text) in points, measured once per process."""
    return string_width(word, font, size)


@lru_cache(maxsize=100_000)
def tokens(text: str, font: str) -> tuple[Token, ...]:
    """Words of *text* in *font*; a newline becomes the token ("\\n", font).

    Cached: every version of a build prints the same stems and options.
    """
    out: list[Token] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            out.append(("\n", font))
        out.extend((word, font) for word in line.split())
    return tuple(out)


@lru_cache(maxsize=100_000)
def line_runs(line: tuple[Token, ...]) -> tuple[tuple[str, str], ...]:
    """(font, text) runs of a laid-out line: words in one font joined by spaces.

    A run followed by a run in another font keeps its trailing space, so the
    space is printed (and measured) in the font of the word before it.
    """
    runs: list[tuple[str, str]] = []
    words: list[str] = []
    font = line[0][1] if line else ""
    for word, word_font in line:
        if word_font != font:
            runs.append((font, " ".join(words) + " "))
            words, font = [], word_font
        words.append(word)
    if words:
        runs.append((font, " ".join(words)))
    return tuple(runs)


def break_lines(items: Sequence[Token], width: float, size: float,
                shrink: float = 0.0) -> tuple[tuple[Token, ...], ...]:
    """Greedy line breaking; a word longer than the line gets a line of its own.

    *shrink* lets a line overrun by that share of a space per word already on
    it, as reportlab's Paragraph does (``spaceShrinkage``; the drawing then
    narrows the spaces).  Cached: the same option or stem at the same width
    recurs in every version.
    """
    return _break_lines(tuple(items), round(width, 3), size, shrink)


def break_after(prefix: tuple[Token, ...], rest: tuple[Token, ...], width: float,
                size: float) -> tuple[tuple[Token, ...], ...]:
    """``break_lines(prefix + rest)``, with the lines of *rest* cached on where *prefix* ends its first line.

    A question's head is its label ("Câu 12 (0,25 điểm).", a new number in
    each version) then its stem: the stem's lines depend on the label only
    through the width it takes, which is the same for every label of as many
    digits (Liberation's digits are all as wide), so they are broken once
    per build instead of once per version.  Same arithmetic, same lines.
    """
    width = round(width, 3)
    lines, used = _prefix_laid(prefix, width, size)
    if len(lines) != 1 or not lines[0]:
        return _break_lines(prefix + rest, width, size, 0.0)
    head = lines[0]
    following = _continued(rest, width, size, used, len(head))
    return ((*head, *following[0]), *following[1:])


@lru_cache(maxsize=10_000)
def _prefix_laid(prefix: tuple[Token, ...], width: float, size: float) -> tuple[tuple[tuple[Token, ...], ...], float]:
    lines, used = _laid(prefix, width, size, 0.0, None, 0.0)
    return tuple(tuple(line) for line in lines), used


@lru_cache(maxsize=50_000)
def _continued(rest: tuple[Token, ...], width: float, size: float, used: float,
               count: int) -> tuple[tuple[Token, ...], ...]:
    """The lines of *rest* when its first line already holds *count* words *used* points wide (not returned)."""
    started: list[Token] = [("", "")] * count  # stand-ins for the words before
    lines, _used = _laid(rest, width, size, 0.0, started, used)
    return (tuple(lines[0][count:]), *(tuple(line) for line in lines[1:]))


@lru_cache(maxsize=50_000)
def _break_lines(items: tuple[Token, ...], width: float, size: float,
                 shrink: float) -> tuple[tuple[Token, ...], ...]:
    return tuple(tuple(line) for line in _laid(items, width, size, shrink, None, 0.0)[0])


def _laid(items: tuple[Token, ...], width: float, size: float, shrink: float,
          started: list[Token] | None, used: float) -> tuple[list[list[Token]], float]:
    """Greedy breaking of *items*, the first line starting with *started* words *used* points wide."""
    lines: list[list[Token]] = [list(started or [])]
    for word, font in items:
        if word == "\n":
            lines.append([])
            used = 0.0
            continue
        w = word_width(word, font, size)
        space = word_width(" ", font, size) if lines[-1] else 0.0
        if lines[-1] and used + space + w > width + shrink * space * len(lines[-1]):
            lines.append([])
            used, space = 0.0, 0.0
        lines[-1].append((word, font))
        used += space + w
    return lines, used


@lru_cache(maxsize=20_000)
def line_width(line: tuple[Token, ...], size: float) -> float:
    """Printed width of a laid-out line: its words plus one space (in the font before it) between them.

    Cached: heading lines (title, class, time, the organisation's) are measured again in every version.
    """
    width = 0.0
    for index, (word, font) in enumerate(line):
        if index:
            width += word_width(" ", line[index - 1][1], size)
        width += word_width(word, font, size)
    return width


@lru_cache(maxsize=10_000)
def broken(words: tuple[Token, ...], width: float, size: float,
           shrink: float) -> tuple[tuple[tuple[Token, ...], bool], ...]:
    """(line, ends a paragraph) pairs: each newline-separated part broken on its own.

    Cached: a paper's and a key's heading lines (title, class, time) are the same in every version.
    """
    parts: list[list[Token]] = [[]]
    for token in words:
        if token[0] == "\n":
            parts.append([])
        else:
            parts[-1].append(token)
    lines: list[tuple[tuple[Token, ...], bool]] = []
    for part in parts:
        found = break_lines(part, width, size, shrink)
        lines += [(line, index == len(found) - 1) for index, line in enumerate(found)]
    return tuple(lines)


def key_rows(key: list[str], columns: int) -> list[list[str]]:
    """Rows "Câu, 1 … n" / "Đáp án, A …", *columns* questions a band, short bands padded with ""."""
    rows: list[list[str]] = []
    for start in range(0, len(key), columns):
        band = key[start:start + columns]
        pad = [""] * (columns - len(band))
        rows.append(["Câu", *[str(start + i + 1) for i in range(len(band))], *pad])
        rows.append(["Đáp án", *band, *pad])
    return rows


def option_rows(options: Sequence[Sequence[Token]], columns: int, width: float, indent: float,
                size: float) -> list[tuple[str, list[tuple[float, tuple[Token, ...]]], None]]:
    """A question's options as drawn rows: up to *columns* options side by side, their lines at each depth.

    Each row is ("cells", [(x, line), ...], None), x from the question's left edge; an option's cell is
    its column's width less 4 pt.  The reportlab flowable and the ``page_flow`` block both draw these.
    """
    columns = max(1, columns)
    cell = (width - indent) / columns
    inner = round(cell - 4, 3)  # break_lines's rounding, done once for every cell
    rows: list[tuple[str, list[tuple[float, tuple[Token, ...]]], None]] = []
    if columns == 1:  # one option a row (long options): each of its lines is a row of one cell
        x = indent + 0 * cell  # as the general case computes the first column's x
        for option in options:
            rows += [("cells", [(x, line)], None) for line in _break_lines(tuple(option), inner, size, 0.0)]
        return rows
    for start in range(0, len(options), columns):
        cells = [_break_lines(tuple(option), inner, size, 0.0) for option in options[start:start + columns]]
        for line_no in range(max(map(len, cells))):
            rows.append(("cells", [(indent + i * cell, c[line_no]) for i, c in enumerate(cells) if line_no < len(c)],
                         None))
    return rows
