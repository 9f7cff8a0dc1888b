"""The blueprint table: one row per cell, with the live count of bank questions that fit it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from lecturer_app.core.labels import QUESTION_TYPE_LABELS, type_label
from lecturer_app.core.model import Blueprint, BlueprintCell
from lecturer_app.exam.blueprint import check_blueprint
from lecturer_app.exam.pool import PAPER_TYPES, QuestionPool
from lecturer_app.exam.vn_numbers import decimal_comma, parse_decimal
from lecturer_app.i18n import N_, _, ui_number

# "Có trong ngân hàng" counts the questions a draw may use (reviewed ones, unless drafts are included);
# drafts that fit a cell are counted in their own column so they never pass for reviewed questions.
COLUMNS = (N_("Chuyên đề"), N_("Mức độ"), N_("Dạng câu hỏi"), N_("Số câu"), N_("Điểm"), N_("Có trong ngân hàng"),
           N_("Câu nháp (chưa duyệt)"))
TOPIC, LEVEL, TYPE, COUNT, POINTS, AVAILABLE, DRAFTS = range(len(COLUMNS))
READ_ONLY = (AVAILABLE, DRAFTS)
UNFILLABLE = QColor("#f8d7da")
Index = QModelIndex | QPersistentModelIndex


class BlueprintModel(QAbstractTableModel):
    """Editable cells of a ``Blueprint``; the last columns are the bank's counts for each cell.

    Signals:
        changed(): a cell was edited, added or removed (the check should be redone).
    """

    changed = Signal()

    def __init__(self, pool: QuestionPool, blueprint: Blueprint | None = None, parent=None) -> None:
        super().__init__(parent)
        self.pool = pool
        self.blueprint = blueprint or Blueprint()
        self._available: list[int] = []
        self._drafts: list[int] = []
        self._recount()

    # Qt API ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.blueprint.cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return two_lines(_(COLUMNS[section]))
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if index.column() in READ_ONLY else base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.blueprint.cells):
            return None
        cell = self.blueprint.cells[index.row()]
        available = self._available[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == DRAFTS:
                return str(self._drafts[index.row()])
            return self._display(cell, index.column(), available, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.BackgroundRole and available < cell.count:
            return QBrush(UNFILLABLE)
        if role == Qt.ItemDataRole.ToolTipRole and available < cell.count:
            return _("Không đủ câu hỏi: cần {need}, ngân hàng có {have}.").format(need=cell.count, have=available)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TOPIC:
            return self.pool.topic_titles.get(cell.topic_code, _("Không có chuyên đề này trong ngân hàng."))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (COUNT, POINTS, *READ_ONLY):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() in READ_ONLY:
            return False
        cell = self.blueprint.cells[index.row()]
        try:
            _apply(cell, index.column(), str(value))
        except ValueError:
            return False
        self._recount()
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), DRAFTS))
        self.changed.emit()
        return True

    # Editing -----------------------------------------------------------------

    def set_blueprint(self, blueprint: Blueprint) -> None:
        self.beginResetModel()
        self.blueprint = blueprint
        self._recount()
        self.endResetModel()
        self.changed.emit()

    def add_cell(self, cell: BlueprintCell) -> int:
        row = len(self.blueprint.cells)
        self.beginInsertRows(QModelIndex(), row, row)
        self.blueprint.cells.append(cell)
        self._recount()
        self.endInsertRows()
        self.changed.emit()
        return row

    def remove_row(self, row: int) -> None:
        if not 0 <= row < len(self.blueprint.cells):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.blueprint.cells[row]
        self._recount()
        self.endRemoveRows()
        self.changed.emit()

    def available(self, row: int) -> int:
        return self._available[row]

    def set_pool(self, pool: QuestionPool) -> None:
        """Count the cells against *pool* (the bank read again after a change)."""
        self.beginResetModel()
        self.pool = pool
        self._recount()
        self.endResetModel()
        self.changed.emit()

    def set_include_drafts(self, include: bool) -> None:
        """Let draws use draft questions too (or not), and recount every cell."""
        self.pool.include_drafts = include
        self._recount()
        if self.blueprint.cells:
            self.dataChanged.emit(self.index(0, AVAILABLE), self.index(len(self.blueprint.cells) - 1, DRAFTS))
        self.changed.emit()

    def problems(self) -> list[str]:
        return check_blueprint(self.blueprint, self.pool).problems

    def _recount(self) -> None:
        self._available = [len(self.pool.matching(cell)) for cell in self.blueprint.cells]
        self._drafts = [len(self.pool.drafts_matching(cell)) for cell in self.blueprint.cells]

    @staticmethod
    def _display(cell: BlueprintCell, column: int, available: int, edit: bool) -> Any:
        values = {TOPIC: cell.topic_code, LEVEL: cell.level or ("" if edit else _("mọi mức độ")),
                  TYPE: type_label(cell.type), COUNT: str(cell.count),
                  POINTS: ui_number(decimal_comma(cell.points)), AVAILABLE: str(available)}
        return values[column]


def _apply(cell: BlueprintCell, column: int, value: str) -> None:
    """Write an edited text into *cell*; ValueError when it is not acceptable."""
    value = value.strip()
    if column == TOPIC:
        cell.topic_code = value
    elif column == LEVEL:
        cell.level = value
    elif column == TYPE:
        by_label = {name: qtype for qtype, label in QUESTION_TYPE_LABELS.items() if qtype in PAPER_TYPES
                    for name in (label, _(label))}
        qtype = by_label.get(value, value if value in PAPER_TYPES else "")
        if not qtype:
            raise ValueError(value)
        cell.type = qtype
    elif column == COUNT:
        count = int(value)
        if count < 0:
            raise ValueError(value)
        cell.count = count
    elif column == POINTS:
        points = parse_decimal(value)
        if points is None or points < 0:
            raise ValueError(value)
        cell.points = points


def two_lines(label: str, longest: int = 5) -> str:
    """*label* on two lines, broken at the space that makes its longer line shortest, when longer than *longest*.

    A header is as wide as its longest line, and most columns hold a few digits or a short code: with
    one-line headers the bank's counts were past the table's right edge on a laptop screen (1366 and 1280
    pixels), behind a scroll bar.
    """
    if len(label) <= longest or not {" ", "-"} & set(label[:-1]):  # a hyphen ending it is no break
        return label
    # A break at a space drops it; one after a hyphen keeps it ("Multiple-" / "choice score").
    breaks = [(i, i + 1) for i, char in enumerate(label) if char == " "]
    breaks += [(i + 1, i + 1) for i, char in enumerate(label[:-1]) if char == "-"]
    end, start = min(breaks, key=lambda b: max(b[0], len(label) - b[1]))
    return f"{label[:end]}\n{label[start:]}"


def three_lines(label: str, longest: int = 5) -> str:
    """*label* on up to three lines, its longest line as short as it can be (at least as short as on two).

    The grading grid has more columns than the blueprint: "Multiple-choice score" on two lines still took
    88 pixels for a mark of four characters, at 1280×720 in English past the grid's right edge.
    """
    head, _newline, tail = two_lines(label, longest).partition("\n")
    if not tail:
        return label
    candidates = (f"{head}\n{tail}", f"{two_lines(head, longest)}\n{tail}", f"{head}\n{two_lines(tail, longest)}")
    # The fewest lines among those whose longest line is shortest (min keeps the first of equals).
    return min(candidates, key=lambda text: max(len(line) for line in text.split("\n")))
