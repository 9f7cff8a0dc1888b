"""The "Tiến trình lên lớp" step table edited as a grid.

Every cell edit and every added or removed row is an undo step on the owning
editor's stack.  The table is written back into the section body with
``core.markdown_table``, keeping the text around it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.text.markdown_table import MarkdownTable
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _
from lecturer_app.ui.topic.undo_commands import CallbackCommand, FieldEditCommand
from lecturer_app.ui.widgets.icons import icon


class StepTableEditor(QWidget):
    """Edits a :class:`MarkdownTable`.

    Signals:
        edited(): the table changed (read it with :attr:`table`).
    """

    edited = Signal()

    def __init__(self, undo_stack: QUndoStack, reveal: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._reveal = reveal
        self.table = MarkdownTable()
        self._loading = False
        self.grid = QTableWidget()
        self.grid.setObjectName("step_table")
        self.grid.setAccessibleName(_("Bảng tiến trình lên lớp"))
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.itemChanged.connect(self._on_item_changed)
        add = QPushButton(icon("add"), _("Thêm bước"))
        add.clicked.connect(self.add_row)
        remove = QPushButton(icon("remove"), _("Xóa bước"))
        remove.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)

    def set_table(self, table: MarkdownTable) -> None:
        self.table = table
        self._refresh()

    def _refresh(self) -> None:
        self._loading = True
        self.grid.clear()
        self.grid.setColumnCount(len(self.table.header))
        self.grid.setHorizontalHeaderLabels(self.table.header)
        self.grid.setRowCount(len(self.table.rows))
        for r, row in enumerate(self.table.rows):
            for c, text in enumerate(row):
                self.grid.setItem(r, c, QTableWidgetItem(text))
        self._fit_columns()
        self._loading = False

    def _fit_columns(self) -> None:
        """The column with the most text (Nội dung) takes the room; the others keep a narrow width."""
        header = self.grid.horizontalHeader()
        count = len(self.table.header)
        lengths = [sum(len(row[c]) for row in self.table.rows if c < len(row)) for c in range(count)]
        widest = lengths.index(max(lengths)) if any(lengths) else 0
        metrics = self.grid.fontMetrics()
        for column in range(count):
            if column == widest:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = metrics.horizontalAdvance(self.table.header[column]) + 24
            self.grid.setColumnWidth(column, max(70, min(title, 105)))

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        row, column = item.row(), item.column()
        old = self.table.rows[row][column]
        new = nfc(item.text())
        if new == old:
            return
        self.table.rows[row][column] = new
        self.undo_stack.push(FieldEditCommand(
            f"cell:{id(self)}:{row}:{column}", old, new, lambda value: self._set_cell(row, column, value),
            _("Sửa ô bảng")))
        self.edited.emit()

    def _set_cell(self, row: int, column: int, value: object) -> None:
        self._reveal()
        self.table.rows[row][column] = str(value)
        self._refresh()
        self.edited.emit()

    def add_row(self) -> None:
        at = self.grid.currentRow() + 1 if self.grid.currentRow() >= 0 else len(self.table.rows)
        blank = [""] * len(self.table.header)
        self.undo_stack.push(CallbackCommand(
            _("Thêm bước"), lambda: self._insert(at, list(blank)), lambda: self._remove(at)))

    def remove_row(self) -> None:
        at = self.grid.currentRow()
        if at < 0:
            return
        saved = list(self.table.rows[at])
        self.undo_stack.push(CallbackCommand(
            _("Xóa bước"), lambda: self._remove(at), lambda: self._insert(at, list(saved))))

    def _insert(self, at: int, row: list[str]) -> None:
        self._reveal()
        self.table.rows.insert(at, row)
        self._refresh()
        self.edited.emit()

    def _remove(self, at: int) -> None:
        self._reveal()
        del self.table.rows[at]
        self._refresh()
        self.edited.emit()
