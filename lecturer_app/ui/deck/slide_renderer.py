"""Draws laid-out slide pages with QPainter: thumbnails and the large preview.

The pages come from ``core.slide_layout`` (the engine the PPTX exporter uses),
so lines break exactly where they will in the exported file.  The renderer
only paints: frames in points on a 960×540 slide are scaled to the target.
Text is drawn in Liberation Sans, the font the layout measured with.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QPixmap

from lecturer_app.core.resources import resource_path
from lecturer_app.formats.slide_layout import (
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    ImageFrame,
    QrFrame,
    RectFrame,
    SlidePage,
    TableFrame,
    TextFrame,
)

FONT_FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf",
              "LiberationSans-BoldItalic.ttf")
ImageLoader = Callable[[str], QImage | None]


def slide_font_family() -> str:
    """Register the Liberation Sans faces with Qt (once) and return the family name."""
    families = [f for f in QFontDatabase.families() if f == "Liberation Sans"]
    if families:
        return families[0]
    family = "Liberation Sans"
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", "liberation", name)))
        if font_id >= 0:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


def _color(hex_rgb: str) -> QColor:
    return QColor("#" + hex_rgb.lstrip("#"))


class SlideRenderer:
    """Paints :class:`SlidePage` objects; *load_image* returns a blob's picture or None."""

    def __init__(self, load_image: ImageLoader | None = None) -> None:
        self.family = slide_font_family()
        self._load_image = load_image or (lambda sha: None)
        self._images: dict[str, QImage | None] = {}

    def image(self, sha256: str) -> QImage | None:
        if sha256 not in self._images:
            self._images[sha256] = self._load_image(sha256)
        return self._images[sha256]

    def pixmap(self, page: SlidePage, width: int, device_pixel_ratio: float = 1.0) -> QPixmap:
        """The page drawn *width* logical pixels wide (16:9)."""
        height = round(width * SLIDE_HEIGHT / SLIDE_WIDTH)
        pixmap = QPixmap(round(width * device_pixel_ratio), round(height * device_pixel_ratio))
        pixmap.setDevicePixelRatio(device_pixel_ratio)
        pixmap.fill(Qt.GlobalColor.white)
        painter = QPainter(pixmap)
        self.paint(painter, page, QRectF(0, 0, width, height))
        painter.end()
        return pixmap

    def paint(self, painter: QPainter, page: SlidePage, target: QRectF) -> None:
        """Draw *page* scaled into *target*."""
        painter.save()
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        painter.translate(target.topLeft())
        painter.scale(target.width() / SLIDE_WIDTH, target.height() / SLIDE_HEIGHT)
        painter.setClipRect(QRectF(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT))
        painter.fillRect(QRectF(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT), _color(page.background))
        for frame in page.frames:
            if isinstance(frame, RectFrame):
                painter.fillRect(QRectF(frame.box.x, frame.box.y, frame.box.w, frame.box.h), _color(frame.color))
            elif isinstance(frame, TextFrame):
                self._text(painter, frame)
            elif isinstance(frame, ImageFrame):
                self._image(painter, frame)
            elif isinstance(frame, QrFrame):
                self._qr(painter, frame)
            elif isinstance(frame, TableFrame):
                self._table(painter, frame)
        painter.restore()

    def _table(self, painter: QPainter, frame: TableFrame) -> None:
        """Header cells filled, every cell outlined, text where the layout placed it."""
        from PySide6.QtGui import QPen

        for cell in frame.cells:
            box = QRectF(cell.box.x, cell.box.y, cell.box.w, cell.box.h)
            if cell.header:
                painter.fillRect(box, _color(frame.header_fill))
            self._text(painter, cell.text)
            painter.setPen(QPen(_color(frame.line), 1.0))
            painter.drawRect(box)

    def _font(self, painter: QPainter, size: float, bold: bool, italic: bool) -> QFont:
        font = QFont(self.family)
        # Slide units are points on a 960-wide page; make one font pixel one slide unit.
        dpi = painter.device().logicalDpiY() or 96
        font.setPointSizeF(max(size, 1.0) * 72.0 / dpi)
        font.setBold(bold)
        font.setItalic(italic)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def _text(self, painter: QPainter, frame: TextFrame) -> None:
        for line in frame.lines:
            painter.setFont(self._font(painter, line.size, line.bold, line.italic))
            painter.setPen(_color(line.color))
            if line.marker:
                painter.drawText(QPointF(line.marker_x, line.baseline), line.marker)
            painter.drawText(QPointF(line.x, line.baseline), line.text)

    def _image(self, painter: QPainter, frame: ImageFrame) -> None:
        picture = self.image(frame.sha256) if frame.sha256 else None
        if picture is None or picture.isNull():
            box = QRectF(frame.box.x, frame.box.y, frame.box.w, frame.box.h)
            painter.fillRect(box, QColor("#eeeeee"))
            painter.setPen(QColor("#888888"))
            painter.setFont(self._font(painter, 16, False, True))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             frame.filename or frame.alt or "?")
            return
        fitted = frame.fit(picture.width(), picture.height())
        painter.drawImage(QRectF(fitted.x, fitted.y, fitted.w, fitted.h), picture)

    def _qr(self, painter: QPainter, frame: QrFrame) -> None:
        import segno

        matrix = segno.make(frame.url, error="m").matrix
        cells = len(matrix) + 2  # a quiet zone of one module each side
        step = min(frame.box.w, frame.box.h) / cells
        painter.fillRect(QRectF(frame.box.x, frame.box.y, step * cells, step * cells), Qt.GlobalColor.white)
        for row, values in enumerate(matrix):
            for column, dark in enumerate(values):
                if dark:
                    painter.fillRect(QRectF(frame.box.x + (column + 1) * step, frame.box.y + (row + 1) * step,
                                            step + 0.05, step + 0.05), Qt.GlobalColor.black)
