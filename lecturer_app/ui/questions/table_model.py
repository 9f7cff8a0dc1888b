"""The question bank as a table: light rows, revealed in batches (smooth with 50,000 rows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from lecturer_app.core.labels import question_status_label, type_label
from lecturer_app.core.questions.levels import level_label
from lecturer_app.core.questions.query import QuestionRow
from lecturer_app.core.questions.rules import format_points
from lecturer_app.i18n import N_, _

BATCH = 500
ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (N_("Loại"), N_("Câu hỏi"), N_("Mức độ"), N_("Chuyên đề"), N_("Điểm"), N_("Trạng thái"), N_("Thẻ"))

Index = QModelIndex | QPersistentModelIndex


class QuestionTableModel(QAbstractTableModel):
    """Rows are :class:`QuestionRow`; ``fetchMore`` hands them to the view ``BATCH`` at a time."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QuestionRow] = []
        self._shown = 0

    def set_rows(self, rows: list[QuestionRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._shown = min(BATCH, len(rows))
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> QuestionRow:
        return self._rows[row]

    def row_of(self, question_id: str) -> int:
        """The visible row of a question, fetching more batches until it is shown; -1 if absent."""
        for index, row in enumerate(self._rows):
            if row.id == question_id:
                while self._shown <= index:
                    self.fetchMore()
                return index
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802 (Qt API)
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802 (Qt API)
        if parent.isValid():
            return
        more = min(BATCH, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return row.stem
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: QuestionRow, column: int) -> str:
        if column == 0:
            return type_label(row.type)
        if column == 1:
            return " ".join(row.stem.split())[:200]
        if column == 2:
            return level_label(row.level)
        if column == 3:
            return row.topic_codes
        if column == 4:
            return format_points(row.points)
        if column == 5:
            return question_status_label(row.status)
        return ", ".join(row.tags)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
