"""Writes laid-out slide pages (``core.slide_layout``) into a .pptx.

Every frame is placed exactly where the layout engine put it: decorations as
rectangles, text as text boxes with the engine's type sizes, exact line
spacing and zero insets (so PowerPoint wraps where the engine wrapped),
pictures fitted with their aspect kept, QR codes as PNG pictures.  Titles go
into the title placeholder so PowerPoint's outline and screen readers see
them, and bullet levels are paragraph levels so an import reads them back.

The package is written directly (``pptx_package``: python-pptx's shared
parts stored once, ``pptx_shapes``: the slides' XML), without importing
python-pptx: the same parts python-pptx wrote, in a third of the time.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.safe_write import write_bytes
from lecturer_app.core.slides.themes import Theme
from lecturer_app.core.text.normalize import nfc
from lecturer_app.exporters.office_properties import stamp_time
from lecturer_app.exporters.picture_fit import display_size, fitted
from lecturer_app.exporters.pptx_package import PptxPackage, notes_xml
from lecturer_app.exporters.pptx_shapes import (
    SlideRelationships,
    picture_xml,
    rect_xml,
    slide_xml,
    table_xml,
    textbox_xml,
    title_xml,
)
from lecturer_app.formats.pictures import oversized
from lecturer_app.formats.slide_layout import ImageFrame, QrFrame, RectFrame, SlidePage, TableFrame, TextFrame

ImageSource = Callable[[str], "bytes | None"]
FIRST_SHAPE_ID = 3   # 1 is the shape tree, 2 the layout's title placeholder


@dataclass
class PptxWriteReport:
    """What the writer could not do exactly (missing pictures), for the user."""

    pages: int = 0
    missing_images: list[str] = field(default_factory=list)


def write_pptx(pages: list[SlidePage], path: Path, *, theme: Theme, images: ImageSource,
               title: str = "", author: str = "") -> PptxWriteReport:
    """Write *pages* to *path* (written to a temporary name, then renamed).

    Args:
        pages: from ``layout_deck``.
        theme: the theme the pages were laid out with (its font name is written).
        images: returns the bytes of a picture by sha256, or None when missing.
        title, author: document properties.
    """
    package = PptxPackage()
    report = PptxWriteReport(pages=len(pages))
    for page in pages:
        _SlideWriter(package, theme, images, report).write(page)
    write_bytes(Path(path), package.to_bytes(theme, title=title, author=author, when=stamp_time()))
    return report


class _SlideWriter:
    """One page's shapes, in drawing order, with their shape ids and relationships."""

    def __init__(self, package: PptxPackage, theme: Theme, images: ImageSource, report: PptxWriteReport) -> None:
        self.package, self.theme, self.images, self.report = package, theme, images, report
        self.shapes: list[str] = []
        self.relationships = SlideRelationships()
        self._next_id = FIRST_SHAPE_ID

    def write(self, page: SlidePage) -> None:
        used_title = False
        for frame in page.frames:
            if isinstance(frame, TextFrame) and frame.role == "title" and not used_title:
                self.shapes.append(title_xml(frame, self.theme))
                used_title = True
            else:
                self._add(frame)
        notes = notes_xml(nfc(page.notes)) if page.notes.strip() else ""
        self.package.add_slide(slide_xml(page.background, self.shapes), self.relationships.items, notes)

    def _add(self, frame) -> None:
        if isinstance(frame, RectFrame):
            self.shapes.append(rect_xml(frame.box, frame.color, self._take_id()))
        elif isinstance(frame, TextFrame):
            self.shapes.append(textbox_xml(frame, self.theme, self._take_id()))
        elif isinstance(frame, ImageFrame):
            self._picture(frame)
        elif isinstance(frame, QrFrame):
            self._qr(frame)
        elif isinstance(frame, TableFrame):
            self.shapes.append(table_xml(frame, self.theme, self._take_id()))

    def _take_id(self) -> int:
        self._next_id += 1
        return self._next_id - 1

    def _picture(self, frame: ImageFrame) -> None:
        """The picture fitted in its frame, or reported missing."""
        data = self.images(frame.sha256)
        # A picture stored before import checked its pixel count would take gigabytes to place: it is reported.
        size = display_size(data) if data and not oversized(data) else None
        box = frame.fit(*size) if size else None
        picture = fitted(data, box.w, box.h) if data and box else None   # ≤ 220 dpi on the slide, JPEG for photos
        if picture is None or box is None:
            self.report.missing_images.append(frame.filename or frame.sha256)
            return
        extension = "jpg" if picture.format == "jpeg" else "png"
        embed = self.relationships.to("image", "../" + self.package.picture(picture.data, extension)[4:])
        shape_id = self._take_id()
        self.shapes.append(picture_xml(shape_id, f"image {shape_id}", frame.alt or f"image.{extension}", embed, box))

    def _qr(self, frame: QrFrame) -> None:
        embed = self.relationships.to("image", "../" + self.package.picture(qr_png(frame.url), "png")[4:])
        link = self.relationships.to("hyperlink", frame.url, external=True)
        shape_id = self._take_id()
        self.shapes.append(picture_xml(shape_id, f"qr {shape_id}", frame.url, embed, frame.box, link))


def qr_png(url: str, scale: int = 10) -> bytes:
    """A QR code for *url* as PNG bytes (error correction M, quiet zone 2)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
