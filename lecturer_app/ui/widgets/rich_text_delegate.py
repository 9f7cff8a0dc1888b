"""An item delegate that paints the model's HTML role (bold search marks)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem


class RichTextDelegate(QStyledItemDelegate):
    """Paints ``index.data(html_role)`` as rich text, word-wrapped to the column width."""

    def __init__(self, html_role: int, parent=None) -> None:
        super().__init__(parent)
        self._role = html_role
        self._heights: dict[tuple[str, int], int] = {}

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(self._role) or "")
        doc.setTextWidth(max(option.rect.width() - 8, 80))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        painter.setClipRect(0, 0, option.rect.width() - 4, option.rect.height() - 2)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt API)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        self.initStyleOption(option, index)
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 300
        key = (index.data(self._role) or "", width)
        if key not in self._heights:
            if len(self._heights) > 2000:
                self._heights.clear()
            option.rect.setWidth(width)
            self._heights[key] = int(self._document(option, index).size().height()) + 6
        return QSize(width, self._heights[key])
