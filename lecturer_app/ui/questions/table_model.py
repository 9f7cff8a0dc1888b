"""The question bank as a table read from SQL a page at a time: small and smooth at 200,000 questions.

The model keeps only the ids of the listed questions, in order (about 90
bytes each; whoever fills it runs the query that finds and sorts them, on a
worker for a big bank).  The rows it shows are read ``PAGE`` at a time by
id, on the GUI thread (a page is a few milliseconds of indexed look-ups),
and the last ``CACHED_PAGES`` are kept.  Clicking a column header asks the
owner, through ``sort_requested``, to read the ids again in ``order``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from lecturer_app.core.labels import question_status_label, type_label
from lecturer_app.core.questions.levels import level_label
from lecturer_app.core.questions.query import QuestionOrder, QuestionRow, rows_by_id
from lecturer_app.core.questions.rules import format_points
from lecturer_app.core.store.record_store import Store
from lecturer_app.i18n import N_, NC_, _, ui_number

PAGE = 200
CACHED_PAGES = 16
ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (N_("Loại"), NC_("column header", "Câu hỏi"), N_("Mức độ"), N_("Chuyên đề"), N_("Điểm"), N_("Trạng thái"),
           N_("Thẻ"))
# The narrowest the stem column (1) gets beside the others (px): about 35 letters, enough to tell questions apart.
STEM_MINIMUM = 240
# Looking a few ids up one by one is cheaper than indexing every listed id.
_FEW = 8

Index = QModelIndex | QPersistentModelIndex


class QuestionTableModel(QAbstractTableModel):
    """Rows are questions, by id; their :class:`QuestionRow` is read from *store* when first shown.

    Signals:
        sort_requested(): the user chose another order (``order``); the owner reads the ids again.
    """

    sort_requested = Signal()

    def __init__(self, store: Store | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.order = QuestionOrder()
        self._ids: list[str] = []
        self._pages: OrderedDict[int, list[QuestionRow | None]] = OrderedDict()

    def set_ids(self, ids: list[str]) -> None:
        """List the questions *ids*, in this order (nothing is read until a row is shown)."""
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()

    def reload_rows(self) -> None:
        """Read the shown rows again: questions were edited, but the list holds the same ones."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    @property
    def total(self) -> int:
        return len(self._ids)

    @property
    def ids(self) -> Sequence[str]:
        return self._ids

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_at(self, row: int) -> QuestionRow | None:
        """The list row shown at *row* (read with its page); None if the question was deleted meanwhile."""
        number, offset = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
        else:
            self._pages.move_to_end(number)
        return page[offset]

    def _read_page(self, number: int) -> list[QuestionRow | None]:
        ids = self._ids[number * PAGE:(number + 1) * PAGE]
        found = rows_by_id(self.store, ids) if self.store is not None and ids else {}
        page = [found.get(question_id) for question_id in ids]
        self._pages[number] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    def row_of(self, question_id: str) -> int:
        """The row of a question; -1 if it is not listed."""
        return self.rows_of([question_id]).get(question_id, -1)

    def rows_of(self, question_ids: Iterable[str]) -> dict[str, int]:
        """The rows of those of *question_ids* that are listed (one pass over the list, no index kept)."""
        wanted = set(question_ids)
        if len(wanted) <= _FEW:
            return {qid: self._ids.index(qid) for qid in wanted if qid in self._ids}
        return {qid: row for row, qid in enumerate(self._ids) if qid in wanted}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids) or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.TextAlignmentRole):
            return None  # asked for every visible cell and role: no page is read for these
        row = self.row_at(index.row())
        if row is None:
            return _("(đã xóa)") if role == Qt.ItemDataRole.DisplayRole and index.column() == 1 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return row.stem
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
            return ui_number(format_points(row.points))
        if column == 5:
            return question_status_label(row.status)
        return ", ".join(row.tags)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt's sort request (a header click): remembered in ``order``; the owner reads the ids again."""
        wanted = QuestionOrder(column if 0 <= column < len(COLUMNS) else -1,
                               order == Qt.SortOrder.DescendingOrder and 0 <= column < len(COLUMNS))
        if wanted != self.order:
            self.order = wanted
            self.sort_requested.emit()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
