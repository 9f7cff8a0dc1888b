"""The slides of a deck as a list model with thumbnails; drag-and-drop reorders.

Thumbnails are laid out by ``core.slide_layout`` and painted by
``SlideRenderer`` only when a row is shown, and cached by the slide's content,
so a long deck opens at once and editing one slide redraws one thumbnail.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPixmap

from lecturer_app.core.model import Slide
from lecturer_app.formats.slide_layout import SlidePage, Theme, layout_slide
from lecturer_app.i18n import N_, _, ngettext
from lecturer_app.ui.deck.slide_renderer import SlideRenderer

SLIDE_ROLE = Qt.ItemDataRole.UserRole + 1
PAGES_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-lecturer-app-slide-rows"
THUMB_SIZE = QSize(208, 117)
LAYOUT_LABELS = {
    "title": N_("Trang tiêu đề"), "bullets": N_("Tiêu đề và các ý"), "two_columns": N_("Hai cột"),
    "image": N_("Hình ảnh"), "section": N_("Tiêu đề phần"), "key_message": N_("Thông điệp chính"),
    "table": N_("Bảng"),
    "qr": N_("Mã QR / tài liệu"),
}

Index = QModelIndex | QPersistentModelIndex


class SlideListModel(QAbstractListModel):
    """Rows are slides in deck order.

    Signals:
        move_requested(int, int): a drag asked to move row *from* to before row *to*.
    """

    move_requested = Signal(int, int)

    def __init__(self, renderer: SlideRenderer, theme: Theme, footer: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.theme = theme
        self.footer = footer
        self.slides: list[Slide] = []
        self._pages: dict[str, tuple[str, list[SlidePage]]] = {}
        self._thumbs: dict[str, tuple[str, QPixmap]] = {}

    def set_slides(self, slides: list[Slide]) -> None:
        self.beginResetModel()
        self.slides = list(slides)
        self.endResetModel()

    def set_theme(self, theme: Theme) -> None:
        self.beginResetModel()
        self.theme = theme
        self._pages.clear()
        self._thumbs.clear()
        self.endResetModel()

    def slide_changed(self, slide_id: str) -> None:
        """Redraw one row (its cache entry is keyed by content, so it renews itself)."""
        for row, slide in enumerate(self.slides):
            if slide.id == slide_id:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    def _key(self, slide: Slide, number: int) -> str:
        return json.dumps([slide.to_body(), self.theme.name, self.footer, number], sort_keys=True,
                          ensure_ascii=False)

    def pages(self, row: int) -> list[SlidePage]:
        """The laid-out pages of the slide at *row* (cached by content)."""
        slide = self.slides[row]
        key = self._key(slide, row + 1)
        cached = self._pages.get(slide.id)
        if cached is None or cached[0] != key:
            cached = (key, layout_slide(slide, self.theme, footer=self.footer, number=row + 1))
            self._pages[slide.id] = cached
        return cached[1]

    def thumbnail(self, row: int) -> QPixmap:
        slide = self.slides[row]
        key = self._key(slide, row + 1)
        cached = self._thumbs.get(slide.id)
        if cached is None or cached[0] != key:
            cached = (key, self.renderer.pixmap(self.pages(row)[0], THUMB_SIZE.width()))
            self._thumbs[slide.id] = cached
        return cached[1]

    # Qt model API ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.slides)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.slides):
            return None
        row = index.row()
        slide = self.slides[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            title = slide.title.strip() or _("(chưa có tiêu đề)")
            extra = len(self.pages(row)) - 1
            more = ngettext(" (+{count} trang tiếp)", extra).format(count=extra) if extra > 0 else ""
            return f"{row + 1}. {title}{more}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(LAYOUT_LABELS.get(slide.layout, slide.layout))
        if role == SLIDE_ROLE:
            return slide
        if role == PAGES_ROLE:
            return self.pages(row)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt API)
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt API)
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt API)
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME_TYPE, QByteArray(json.dumps(rows).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        rows = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self.slides))
        if len(rows) == 1:
            self.move_requested.emit(rows[0], target)
        # The editor moves the slide itself (an undo step); the view must not remove the row.
        return False
