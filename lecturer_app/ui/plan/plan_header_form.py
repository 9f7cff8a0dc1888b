"""The header fields of a written plan (tên bài, đối tượng, người soạn…)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from lecturer_app.core.model import PLAN_HEADER_FIELDS
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import N_, _
from lecturer_app.ui.topic.undo_commands import FieldEditCommand

FIELD_LABELS = {
    "ten_bai": N_("Tên bài"),
    "chuong_trinh": N_("Chương trình"),
    "doi_tuong": N_("Đối tượng"),
    "thoi_gian": N_("Thời gian"),
    "nguoi_soan": N_("Người soạn"),
    "ngay_soan": N_("Ngày soạn"),
    "ngay_giang": N_("Ngày giảng"),
}


class PlanHeaderForm(QWidget):
    """One line edit per header field; each edit is an undo step.

    Signals:
        edited(str, str): a field changed (key, new value).
    """

    edited = Signal(str, str)

    def __init__(self, undo_stack: QUndoStack, reveal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._reveal = reveal
        self.values: dict[str, str] = {}
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key in PLAN_HEADER_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"header_{key}")
            edit.setAccessibleName(_(FIELD_LABELS[key]))
            edit.textEdited.connect(lambda text, key=key: self._on_edited(key, text))
            self.fields[key] = edit
            form.addRow(_(FIELD_LABELS[key]) + ":", edit)
        hint = QLabel(_("Các thông tin này in ở đầu giáo án viết. Mục “Người soạn” lấy từ Cài đặt nếu để trống."))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)

    def set_values(self, header: dict[str, str]) -> None:
        self.values = dict(header)
        for key, edit in self.fields.items():
            edit.setText(header.get(key, ""))
            edit.setCursorPosition(0)  # setText leaves the cursor at the end: a long value showed its last words

    def _apply_value(self, key: str, value: object) -> None:
        self._apply(key, str(value))

    def _on_edited(self, key: str, text: str) -> None:
        old = self.values.get(key, "")
        new = nfc(text)
        self.values[key] = new
        self.undo_stack.push(FieldEditCommand(
            f"header:{key}", old, new, partial(self._apply_value, key),
            _("Sửa {field}").format(field=_(FIELD_LABELS[key]).lower())))
        self.edited.emit(key, new)

    def _apply(self, key: str, value: str) -> None:
        self._reveal()
        self.values[key] = value
        self.fields[key].setText(value)
        self.edited.emit(key, value)
