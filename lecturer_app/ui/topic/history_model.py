"""A topic's revisions as a table: time, author, device, what, summary."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt

from lecturer_app.core.bank.history import HistoryEntry
from lecturer_app.core.store.ids import short_replica
from lecturer_app.core.store.summaries import summary_text
from lecturer_app.i18n import N_, NC_, _
from lecturer_app.ui.widgets.row_table_model import ROW_ROLE, RowTableModel

ENTRY_ROLE = ROW_ROLE
# A moment and who made it: the plan header's «Thời gian» is a duration, its «Người soạn» "Prepared by".
COLUMNS = (NC_("history column", "Thời gian"), NC_("history column", "Người soạn"), N_("Máy"), N_("Mục"),
           N_("Thay đổi"))
TYPE_LABELS = {
    "topic": N_("Thông tin chuyên đề"), "written_plan": N_("Giáo án viết (phần đầu)"),
    "plan_section": N_("Mục giáo án"), "slide_deck": N_("Giáo án điện tử"), "slide": N_("Trang chiếu"),
    "attachment": NC_("record kind", "Tệp đính kèm"),
}



def local_time(hlc: str) -> str:
    """"2026-11-26T11:38:10.123Z-0000" → "26/11/2026 18:38" in the computer's time zone."""
    try:
        moment = datetime.strptime(hlc[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return hlc
    return moment.astimezone().strftime("%d/%m/%Y %H:%M:%S")


class HistoryModel(RowTableModel):
    """Rows are :class:`HistoryEntry` objects, newest first."""

    COLUMNS = COLUMNS

    def __init__(self, this_device: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        self.this_device = this_device

    @property
    def entries(self) -> list[HistoryEntry]:
        return self.rows

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.set_rows(entries)

    def cell(self, entry: HistoryEntry, column: int) -> str:
        return self._cell(entry, column)

    def role_data(self, entry: HistoryEntry, column: int, role: int) -> Any:
        return entry.rev_id if role == Qt.ItemDataRole.ToolTipRole else None

    def _cell(self, entry: HistoryEntry, column: int) -> str:
        if column == 0:
            return local_time(entry.hlc)
        if column == 1:
            return entry.author or _("(không rõ)")
        if column == 2:
            return _("máy này") if entry.device == self.this_device else short_replica(entry.device)
        if column == 3:
            kind = _(TYPE_LABELS.get(entry.type, entry.type))
            return f"{kind}: {entry.label}" if entry.label else kind
        summary = summary_text(entry.summary) or _("(không ghi chú)")
        return _("Đã xóa — {summary}").format(summary=summary) if entry.deleted else summary
