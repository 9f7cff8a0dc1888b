"""Tree rows as tall as their wrapped text, so long titles are read whole.

Qt asks an item delegate for a row's size without telling it the column's
width, so a tree with word wrap on still draws one line and cuts the rest.
:class:`WrappingDelegate` measures the text at the width the column really
has (minus the branch indentation); :func:`wrap_tree_text` installs it and
lays the rows out again whenever the column is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from lecturer_app.ui.widgets.qt_values import DECORATION_ROLE, DISPLAY_ROLE, ELIDE_NONE, TEXT_WORD_WRAP

PADDING = 6  # the style's text margins, both sides together


class WrappingDelegate(QStyledItemDelegate):
    """Sizes the cells of *column* to their text wrapped at the column's width."""

    def __init__(self, tree: QTreeView, column: int = 0) -> None:
        super().__init__(tree)
        self.tree, self.column = tree, column

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt API)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() != self.column:
            return hint
        width = self.tree.header().sectionSize(self.column) - self._indent(index) - PADDING
        text = str(index.data(DISPLAY_ROLE) or "")
        if width <= 0 or not text:
            return hint
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)  # the row's own font (programs are bold)
        decoration = styled.decorationSize.width() + PADDING if index.data(DECORATION_ROLE) else 0
        box = QFontMetrics(styled.font).boundingRect(QRect(0, 0, max(1, width - decoration), 100_000),
                                                     TEXT_WORD_WRAP, text)
        return QSize(hint.width(), max(hint.height(), box.height() + PADDING))

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt API)
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText  # never elided: the view's mode (below)

    def _indent(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        root = self.tree.indentation() if self.tree.rootIsDecorated() else 0
        return root + depth * self.tree.indentation()


def wrap_tree_text(tree: QTreeView, column: int = 0) -> WrappingDelegate:
    """Let *tree* show the whole text of *column*, wrapped; returns the delegate."""
    delegate = WrappingDelegate(tree, column)
    # For that column only: the other columns keep Qt's own delegate, with no Python call per cell and role
    # (the bank tree's first layout asked this one about ~450 cells, a third of building the window).
    tree.setItemDelegateForColumn(column, delegate)
    tree.setUniformRowHeights(False)
    tree.setWordWrap(True)
    tree.setProperty("textElideMode", ELIDE_NONE)  # the int: Qt.TextElideMode would build Qt's enums (qt_values.py)
    def relayout(section: int, _old: int, _new: int) -> None:
        if section == column:
            tree.scheduleDelayedItemsLayout()

    tree.header().sectionResized.connect(relayout)
    return delegate


