"""The large preview of the current slide, drawn like the thumbnails; accepts dropped images."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from lecturer_app.formats.slide_layout import SLIDE_HEIGHT, SLIDE_WIDTH, SlidePage
from lecturer_app.i18n import _
from lecturer_app.ui.deck.slide_renderer import SlideRenderer

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}


class SlidePreview(QWidget):
    """Shows the pages of one slide stacked; drop image files to add them.

    Signals:
        images_dropped(list): paths of image files dropped on the preview.
    """

    images_dropped = Signal(list)

    def __init__(self, renderer: SlideRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.pages: list[SlidePage] = []
        self.setAcceptDrops(True)
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Xem trước trang chiếu"))

    def set_pages(self, pages: list[SlidePage]) -> None:
        self.pages = pages
        self.setToolTip(_("Trang chiếu này dài, được chia thành {count} trang khi xuất.").format(count=len(pages))
                        if len(pages) > 1 else "")
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(640, 360)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if not self.pages:
            painter.setPen(QColor("#666666"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("Chọn một trang chiếu để xem trước"))
            return
        count = len(self.pages)
        gap = 8
        width = min(self.width() - 2 * gap, (self.height() - gap * (count + 1)) / count * SLIDE_WIDTH / SLIDE_HEIGHT)
        height = width * SLIDE_HEIGHT / SLIDE_WIDTH
        x = (self.width() - width) / 2
        for index, page in enumerate(self.pages):
            target = QRectF(x, gap + index * (height + gap), width, height)
            painter.fillRect(target.adjusted(2, 2, 2, 2), QColor(0, 0, 0, 40))
            self.renderer.paint(painter, page, target)
            painter.setPen(QColor("#999999"))
            painter.drawRect(target)
        painter.end()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if _image_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        paths = _image_paths(event)
        if paths:
            event.acceptProposedAction()
            self.images_dropped.emit(paths)


def _image_paths(event) -> list[Path]:
    data = event.mimeData()
    if not data.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()]
