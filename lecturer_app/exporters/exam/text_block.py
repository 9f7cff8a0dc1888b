"""Plain headings and captions of the exam PDFs without reportlab's Paragraph machinery.

A Paragraph parses markup, measures every word and draws through a fresh
text object each time; an exam build makes about thirty per version (title,
mã đề box, part headings, "HẾT", the key's titles) with the same words in
every version.  ``TextBlock`` takes words already split into (word, font)
tokens, breaks lines with the cached ``pdf_text.break_lines`` and draws with
``pdf_text.Pen``.  It follows Paragraph's geometry (height = lines ×
leading, first baseline one font size below the top, centred lines placed
by their measured width), so papers look as they did.  Imported only by the
PDF writers, so reportlab is imported at module level.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from lecturer_app.exporters.exam.pdf_text import Pen, Token, tokens
from lecturer_app.exporters.exam.text_layout import broken as _broken
from lecturer_app.exporters.exam.text_layout import line_width

LEFT, CENTRE, JUSTIFY = "left", "centre", "justify"
SPACE_SHRINKAGE = 0.05  # reportlab's default ParagraphStyle.spaceShrinkage (rl_config.spaceShrinkage)


class TextBlock(Flowable):
    """Words in one size, wrapped to the frame, left-aligned, centred or justified, with a style's spacing.

    Args:
        words: (word, font) tokens; a ("\\n", font) token starts a new line.
        size, leading: font size and line distance.
        align: ``LEFT``, ``CENTRE`` or ``JUSTIFY`` (as Paragraph: every line but the last
            before a line break is stretched by word spacing).
        shrink: how far a line may overrun, in spaces per word (Paragraph's ``spaceShrinkage``);
            such a line is drawn from the left edge with its spaces narrowed, as Paragraph does.
        space_before, space_after: as a ParagraphStyle's.
    """

    def __init__(self, words: Sequence[Token], size: float, leading: float, align: str = LEFT,
                 space_before: float = 0.0, space_after: float = 0.0, shrink: float = SPACE_SHRINKAGE) -> None:
        super().__init__()
        self.words, self.size, self.leading, self.align = tuple(words), size, leading, align
        self.spaceBefore, self.spaceAfter, self.shrink = space_before, space_after, shrink
        self._lines: tuple = ()

    @property
    def token_parts(self) -> list[Sequence[Token]]:
        """Every word the block prints (for ``pdf_text.font_seeds``)."""
        return [self.words]

    def wrap(self, avail_width, avail_height):  # noqa: D401 - reportlab API
        self._lines = _broken(self.words, avail_width, self.size, self.shrink)
        self.width, self.height = avail_width, len(self._lines) * self.leading
        return self.width, self.height

    def draw(self):
        text_object = self.canv.beginText()
        pen = Pen(text_object, self.size)
        y = self.height - self.size
        for line, last in self._lines:
            spare = self.width - line_width(line, self.size)
            stretch = self.align == JUSTIFY and not last and abs(spare) > 1e-8
            if (stretch or spare < -1e-8) and len(line) > 1:
                text_object.setWordSpace(spare / (len(line) - 1))
                pen.line(line, 0.0, y)
                text_object.setWordSpace(0)
            else:
                pen.line(line, spare / 2 if self.align == CENTRE else 0.0, y)
            y -= self.leading
        self.canv.drawText(text_object)


def styled(style, *parts: tuple[str, str], align: str | None = None) -> TextBlock:
    """A TextBlock of (text, font) *parts* with a ParagraphStyle's size, leading and spacing.

    The alignment is the style's (left, centred or justified) unless *align* is given.
    """
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY

    words = [token for text, font in parts for token in tokens(text, font)]
    chosen = align or {TA_CENTER: CENTRE, TA_JUSTIFY: JUSTIFY}.get(style.alignment, LEFT)
    return TextBlock(words, style.fontSize, style.leading, chosen, style.spaceBefore, style.spaceAfter,
                     getattr(style, "spaceShrinkage", SPACE_SHRINKAGE))
