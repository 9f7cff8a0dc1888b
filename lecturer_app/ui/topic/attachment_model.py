"""A topic's attachments as a table: name, kind, size."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from lecturer_app.core.bank.attachments import human_size
from lecturer_app.core.model import Attachment
from lecturer_app.i18n import N_, _
from lecturer_app.ui.widgets.row_table_model import ROW_ROLE, RowTableModel

ATTACHMENT_ROLE = ROW_ROLE
ROLE_LABELS = {"original_pptx": N_("Bản trình chiếu gốc"), "original_docx": N_("Bản Word gốc"),
               "material": N_("Tài liệu"), "image": N_("Ảnh")}


class AttachmentModel(RowTableModel):
    """Rows are :class:`Attachment` records."""

    COLUMNS = (N_("Tên tệp"), N_("Loại"), N_("Dung lượng"))

    @property
    def attachments(self) -> list[Attachment]:
        return self.rows

    def set_attachments(self, attachments: list[Attachment]) -> None:
        self.set_rows(attachments)

    def cell(self, item: Attachment, column: int) -> str:
        return (item.filename, _(ROLE_LABELS.get(item.role, item.role)), human_size(item.size))[column]

    def role_data(self, item: Attachment, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.mime
        return None
