"""Measuring and wrapping slide text exactly as PowerPoint will: Liberation Sans metrics.

Liberation Sans is metric-compatible with Arial (the font the PPTX names), so
widths measured here with reportlab's ``stringWidth`` are the widths a
renderer uses.  Widths scale linearly with size, so one cache of 1-pt widths
serves every size.

reportlab's width of every character of the usual ranges (Latin, Vietnamese,
punctuation, arrows, shapes) is kept in ``resources/fonts/liberation/
sans-widths.json`` (``scripts/sans_widths.py``): loading reportlab and
parsing four TrueType files cost a tenth of a deck export.  Text with any
other character is measured by reportlab, so the result is always its own.
"""

from __future__ import annotations

from functools import lru_cache

SANS = "LiberationSans"
SANS_BOLD = "LiberationSans-Bold"
SANS_ITALIC = "LiberationSans-Italic"
SANS_BOLD_ITALIC = "LiberationSans-BoldItalic"
FONT_NAMES = (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC)
WIDTH_SLACK = 0.985        # wrap a little early so renderers never wrap one word later than we do


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    for name in FONT_NAMES:
        register_font(name)


def register_font(name: str) -> None:
    """Load the Liberation Sans face *name* (one of ``FONT_NAMES``) unless loaded: ~20 ms of parsing each.

    The GUI loads them one per event-loop turn while it starts, so none holds the window for long.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from lecturer_app.core.resources import resource_path

    if name not in pdfmetrics.getRegisteredFontNames():
        style = name.split("-")[1] if "-" in name else "Regular"
        path = resource_path("fonts", "liberation", f"LiberationSans-{style}.ttf")
        pdfmetrics.registerFont(TTFont(name, str(path)))


def _font_name(bold: bool, italic: bool) -> str:
    if bold and italic:
        return SANS_BOLD_ITALIC
    return SANS_BOLD if bold else (SANS_ITALIC if italic else SANS)


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width in points of *text* set in Liberation Sans (= Arial metrics)."""
    widths = _width_table()[_font_name(bold, italic)]
    try:
        return sum([widths[c] for c in text]) * size / 1000
    except KeyError:
        return _reportlab_width(text, _font_name(bold, italic), size)


def _reportlab_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register_fonts()
    return stringWidth(text, font, size)


@lru_cache(maxsize=1)
def _width_table() -> dict[str, dict[str, float]]:
    """Per font: character → reportlab's width at 1000 pt, for the ranges ``scripts/sans_widths.py`` wrote."""
    import json

    from lecturer_app.core.resources import resource_path

    stored = json.loads(resource_path("fonts", "liberation", "sans-widths.json").read_text(encoding="utf-8"))
    tables: dict[str, dict[str, float]] = {}
    for font, ranges in stored.items():
        table = tables.setdefault(font, {})
        for start, run in ranges.items():   # zipped, not a comprehension: half the time of every first export
            first = int(start, 16)
            table.update(zip(map(chr, range(first, first + len(run))), run))
    return tables


def wrap_text(text: str, width: float, size: float, *, bold: bool = False, italic: bool = False) -> list[str]:
    """Greedy word wrap of *text* into lines at most *width* points wide.

    A word longer than a line (a URL) is broken between characters.  Shrinking
    a slide's text to fit wraps each paragraph at several sizes, so the words
    and their 1-pt widths are kept per paragraph (``_word_widths``) and each
    size only multiplies: the same products, sums and lines as measuring
    every word again, in a third of a deck's layout time.
    """
    limit = width * WIDTH_SLACK
    name = _font_name(bold, italic)
    space = _unit_width(" ", name) * size
    lines: list[str] = []
    words: list[str] = []
    current_width = 0.0
    for word, unit in _word_widths(text, name):
        word_width = unit * size
        if words and current_width + space + word_width <= limit:
            words.append(word)
            current_width = current_width + space + word_width
            continue
        if words:
            lines.append(" ".join(words))
        if word_width > limit and len(word) > 1:
            word, word_width = _break_word(word, limit, _measurer(size, bold, italic), lines)
        words, current_width = [word], word_width
    if words or not lines:
        lines.append(" ".join(words))
    return lines


@lru_cache(maxsize=4096)
def _word_widths(text: str, font: str) -> tuple[tuple[str, float], ...]:
    """The words of *text* with their widths at 1 pt."""
    return tuple((word, _unit_width(word, font)) for word in text.split())


def _break_word(word: str, limit: float, measure, lines: list[str]) -> tuple[str, float]:
    """Lines of *word*'s longest prefixes appended to *lines*; its last piece and that piece's width."""
    word_width = measure(word)
    while word_width > limit and len(word) > 1:
        head = _longest_prefix(word, limit, measure)
        lines.append(head)
        word = word[len(head):]
        word_width = measure(word)
    return word, word_width


def _measurer(size: float, bold: bool, italic: bool):
    name = _font_name(bold, italic)
    return lambda s: _unit_width(s, name) * size


@lru_cache(maxsize=65536)
def _unit_width(text: str, font: str) -> float:
    """Width at 1 pt; widths scale linearly with size, so one cache serves every size."""
    widths = _width_table()[font]
    try:
        return sum([widths[c] for c in text]) / 1000
    except KeyError:
        return _reportlab_width(text, font, 1.0)


def _longest_prefix(word: str, limit: float, measure) -> str:
    end = 1
    while end < len(word) and measure(word[: end + 1]) <= limit:
        end += 1
    return word[:end]
