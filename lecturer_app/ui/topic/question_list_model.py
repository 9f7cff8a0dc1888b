"""A topic's questions as a read-only table, handed to the view in batches."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from lecturer_app.core.labels import question_status_label, type_label
from lecturer_app.core.model import Question
from lecturer_app.i18n import N_, NC_, _

BATCH = 200
QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (N_("STT"), N_("Loại"), N_("Mức độ"), NC_("column header", "Câu hỏi"), N_("Trạng thái"))

Index = QModelIndex | QPersistentModelIndex


class QuestionListModel(QAbstractTableModel):
    """Rows are questions; ``fetchMore`` reveals them ``BATCH`` at a time so a view never waits."""

    def __init__(self, questions: list[Question] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Question] = []
        self._shown = 0
        self.set_questions(questions or [])

    def set_questions(self, questions: list[Question]) -> None:
        self.beginResetModel()
        self._all = list(questions)
        self._shown = min(BATCH, len(self._all))
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._all)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802 (Qt API)
        return not parent.isValid() and self._shown < len(self._all)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802 (Qt API)
        if parent.isValid():
            return
        more = min(BATCH, len(self._all) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        question = self._all[index.row()]
        if role == QUESTION_ROLE:
            return question
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell(index.row(), index.column(), question)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return question.stem
        return None

    @staticmethod
    def _cell(row: int, column: int, question: Question) -> str:
        if column == 0:
            return str(row + 1)
        if column == 1:
            return type_label(question.type)
        if column == 2:
            return question.level
        if column == 3:
            return " ".join(question.stem.split())
        return question_status_label(question.status)
