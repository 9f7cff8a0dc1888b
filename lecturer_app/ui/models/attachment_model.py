"""A topic's attachments as a table: name, kind, size."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from lecturer_app.core.attachments import human_size
from lecturer_app.core.model import Attachment
from lecturer_app.i18n import N_, _

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (N_("Tên tệp"), N_("Loại"), N_("Dung lượng"))
ROLE_LABELS = {"original_pptx": N_("Bản trình chiếu gốc"), "original_docx": N_("Bản Word gốc"),
               "material": N_("Tài liệu"), "image": N_("Ảnh")}

Index = QModelIndex | QPersistentModelIndex


class AttachmentModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.attachments: list[Attachment] = []

    def set_attachments(self, attachments: list[Attachment]) -> None:
        self.beginResetModel()
        self.attachments = list(attachments)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.attachments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.attachments):
            return None
        item = self.attachments[index.row()]
        if role == ATTACHMENT_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (item.filename, _(ROLE_LABELS.get(item.role, item.role)), human_size(item.size))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.mime
        return None
