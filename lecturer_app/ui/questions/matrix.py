"""The topic × level count matrix: where the bank has gaps before an exam is built."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from lecturer_app.core.questions.levels import level_label
from lecturer_app.i18n import _

Index = QModelIndex | QPersistentModelIndex
GAP_COLOUR = QColor("#fde2e1")


class LevelMatrixModel(QAbstractTableModel):
    """Rows: topics; columns: the levels, "Khác" (no or unknown level) and "Tổng"; empty cells tinted."""

    def __init__(self, levels: Sequence[str] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._levels = tuple(levels)
        self._rows: list[tuple[str, str, list[int]]] = []

    def set_data(self, levels: Sequence[str], rows: list[tuple[str, str, list[int]]]) -> None:
        self.beginResetModel()
        self._levels = tuple(levels)
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._levels) + 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        code, title, counts = self._rows[index.row()]
        column = index.column()
        if not 0 <= column < len(self._levels) + 3:
            return None
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return code
            if role == Qt.ItemDataRole.ToolTipRole:
                return title
            return None
        value = counts[column - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and value == 0 and column <= len(self._levels):
            return QBrush(GAP_COLOUR)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        names = [_("Chuyên đề"), *map(level_label, self._levels), _("Khác"), _("Tổng")]
        return names[section] if 0 <= section < len(names) else None
