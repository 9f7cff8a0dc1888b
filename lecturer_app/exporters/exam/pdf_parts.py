"""Reportlab pieces shared by the exam PDFs: styles, numbered canvas, escaped paragraphs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lecturer_app.exporters.exam.page_parts import BODY_SIZE, CENTRE, TextStyle, page_styles

# MM is defined in page_parts, so the papers and keys drawn with pdf_writer need not load this module.
from lecturer_app.exporters.exam.page_parts import MM as MM
from lecturer_app.exporters.pdf_fonts import FontFamily, serif
from lecturer_app.exporters.xml_text import escape


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of the platypus exam writers, in one family."""

    family: FontFamily
    body: Any  # reportlab ParagraphStyle (reportlab has no type information)
    centre: Any  # reportlab ParagraphStyle (reportlab has no type information)
    centre_bold: Any  # reportlab ParagraphStyle (reportlab has no type information)
    title: Any  # reportlab ParagraphStyle (reportlab has no type information)
    italic_centre: Any  # reportlab ParagraphStyle (reportlab has no type information)
    small: Any  # reportlab ParagraphStyle (reportlab has no type information)


def make_styles(size: float = BODY_SIZE) -> Styles:
    """reportlab ParagraphStyles with the sizes, leading and spacing of ``page_parts.page_styles``.

    The numbers come from there, so the papers platypus still lays out (the
    rare cases ``page_flow`` leaves to it) and those drawn without reportlab
    cannot drift apart.
    """
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    family, numbers = serif(), page_styles(size)

    def style(name: str, font: str, of: TextStyle) -> Any:
        return ParagraphStyle(name, fontName=font, fontSize=of.size, leading=of.leading,
                              alignment=TA_CENTER if of.align == CENTRE else TA_JUSTIFY,
                              spaceBefore=of.space_before, spaceAfter=of.space_after)

    return Styles(
        family=family,
        body=style("body", family.regular, numbers.body),
        centre=style("centre", family.regular, numbers.centre),
        centre_bold=style("centre_bold", family.bold, numbers.centre),
        title=style("title", family.bold, numbers.title),
        italic_centre=style("italic_centre", family.italic, numbers.centre),
        small=style("small", family.regular, numbers.small),
    )


def text(value: str) -> str:
    """Plain text made safe for a reportlab Paragraph, newlines kept."""
    return escape(value).replace("\n", "<br/>")


def org_header(organization, width: float, styles: Styles, *, scale: float = 0.85, on=None):
    """The organisation's header table (exporters.pdf_header sets its fonts and columns)."""
    from lecturer_app.core.org_header import header_spec
    from lecturer_app.exporters.pdf_header import header_flowable

    return header_flowable(header_spec(organization, on=on), width, scale=scale)


def numbered_canvas(footer, seeds: dict[str, str] | None = None):
    """A Canvas class that draws ``footer(canvas, page, pages)`` once the page count is known.

    *seeds* (``pdf_text.font_seeds``) are given their font codes before anything is drawn.
    """
    from reportlab.pdfgen.canvas import Canvas

    from lecturer_app.exporters.exam.pdf_text import seed_fonts

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []
            seed_fonts(self, seeds or {})

        def showPage(self):  # noqa: N802 - reportlab API
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            pages = len(self._saved)
            for number, state in enumerate(self._saved, start=1):
                self.__dict__.update(state)
                footer(self, number, pages)
                super().showPage()
            super().save()

    return NumberedCanvas


def seeded_canvas(seeds: dict[str, str]):
    """A Canvas class that gives *seeds* (``pdf_text.font_seeds``) their font codes before anything is drawn."""
    from reportlab.pdfgen.canvas import Canvas

    from lecturer_app.exporters.exam.pdf_text import seed_fonts

    class SeededCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            seed_fonts(self, seeds)

    return SeededCanvas


def page_count_slot(height: float):
    """An empty line whose centre the footer callback can find after layout.

    The page count is known only when the document is finished; the
    numbered canvas calls the footer then, and the footer writes
    "(Đề có 04 trang)" at ``canvas.page_count_slot`` on page 1.
    """
    from reportlab.platypus import Flowable

    class PageCountSlot(Flowable):
        def wrap(self, avail_width, avail_height):
            self.width, self.height = avail_width, height
            return self.width, self.height

        def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - reportlab API
            canvas.page_count_slot = (x + self.width / 2, y + height * 0.25)

        def draw(self):
            return None

    return PageCountSlot()
