"""A topic's revisions as a table: time, author, device, what, summary."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from lecturer_app.core.topic_history import HistoryEntry
from lecturer_app.i18n import N_, _

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (N_("Thời gian"), N_("Người soạn"), N_("Máy"), N_("Mục"), N_("Thay đổi"))
TYPE_LABELS = {
    "topic": N_("Thông tin chuyên đề"), "written_plan": N_("Giáo án viết (phần đầu)"),
    "plan_section": N_("Mục giáo án"), "slide_deck": N_("Giáo án điện tử"), "slide": N_("Trang chiếu"),
    "attachment": N_("Tệp đính kèm"),
}

Index = QModelIndex | QPersistentModelIndex


def local_time(hlc: str) -> str:
    """"2026-11-26T11:38:10.123Z-0000" → "26/11/2026 18:38" in the computer's time zone."""
    try:
        moment = datetime.strptime(hlc[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return hlc
    return moment.astimezone().strftime("%d/%m/%Y %H:%M:%S")


class HistoryModel(QAbstractTableModel):
    """Rows are :class:`HistoryEntry` objects, newest first."""

    def __init__(self, this_device: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[HistoryEntry] = []
        self.this_device = this_device

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == ENTRY_ROLE:
            return entry
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.rev_id
        return None

    def _cell(self, entry: HistoryEntry, column: int) -> str:
        if column == 0:
            return local_time(entry.hlc)
        if column == 1:
            return entry.author or _("(không rõ)")
        if column == 2:
            return _("máy này") if entry.device == self.this_device else entry.device[:8]
        if column == 3:
            kind = _(TYPE_LABELS.get(entry.type, entry.type))
            return f"{kind}: {entry.label}" if entry.label else kind
        summary = entry.summary or _("(không ghi chú)")
        return _("Đã xóa — {summary}").format(summary=summary) if entry.deleted else summary
