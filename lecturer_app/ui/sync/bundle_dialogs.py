"""The two small dialogs before a bundle operation: where to export (and the receiver's want file), what to import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.i18n import _
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

BUNDLE_FILTER = "*.lbb"


class ExportBundleDialog(QDialog):
    """Asks for the bundle file and, optionally, the receiver's want file (then only what it lacks is sent)."""

    def __init__(self, default_path: Path, parent: QWidget | None = None, want_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.want_folder = want_folder  # where «Chọn tệp «đã có»…» starts: the stick the receiver wrote it on
        self.setWindowTitle(_("Xuất gói đồng bộ (USB)"))
        self.setMinimumWidth(560)
        intro = QLabel(_("Gói đồng bộ (.lbb) chứa mọi thay đổi của ngân hàng bài giảng trên máy này, có chữ ký "
                         "của máy. Chép gói vào USB rồi nhập ở máy kia. Đề thi không bao giờ nằm trong gói này."))
        intro.setWordWrap(True)
        self.path_edit = QLineEdit(str(default_path))
        self.path_edit.setAccessibleName(_("Tệp gói sẽ ghi"))
        self.want_edit = QLineEdit()
        self.want_edit.setPlaceholderText(_("(không bắt buộc) gửi tất cả"))
        self.want_edit.setAccessibleName(_("Tệp danh sách đã có của máy nhận"))
        form = QFormLayout()
        form.addRow(_("Lưu gói vào:"), _with_button(self.path_edit, _("Chọn…"), self._choose_path))
        form.addRow(_("Chỉ xuất phần máy nhận chưa có:"),
                    _with_button(self.want_edit, _("Chọn tệp «đã có»…"), self._choose_want))
        hint = QLabel(_("Tệp «đã có» (WANT.json) do máy nhận ghi bằng Tệp › Ghi tệp «đã có» cho máy gửi… "
                        "(hoặc lệnh «lecturer-app bundle want»); có nó, gói chỉ chứa những gì máy nhận còn thiếu."))
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        translate_buttons(self.buttons)  # first: it would put the stock «Đồng ý» over «Xuất gói»
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Xuất gói"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    def bundle_path(self) -> Path:
        path = Path(self.path_edit.text().strip())
        return path if path.suffix.lower() == ".lbb" else path.with_name(path.name + ".lbb")

    def want_path(self) -> Path | None:
        text = self.want_edit.text().strip()
        return Path(text) if text else None

    def _choose_path(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Lưu gói đồng bộ"), self.path_edit.text(),
                                                      _("Gói đồng bộ ({pattern})").format(pattern=BUNDLE_FILTER))
        if chosen:
            self.path_edit.setText(chosen)

    def _choose_want(self) -> None:
        start = str(self.want_folder) if self.want_folder is not None else ""
        chosen, _filter = QFileDialog.getOpenFileName(self, _("Chọn tệp «đã có» của máy nhận"), start,
                                                      _("Danh sách đã có (*.json)"))
        if chosen:
            self.want_edit.setText(chosen)


class ImportBundleDialog(QDialog):
    """Offers the bundles found on removable drives, or any file chosen with «Chọn tệp khác…»."""

    def __init__(self, found: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Nhập gói đồng bộ"))
        self.setMinimumWidth(560)
        self.chosen: Path | None = None
        heading = QLabel(_("Gói đồng bộ tìm thấy trên USB:") if found else
                         _("Không thấy gói đồng bộ (.lbb) nào trên USB đang cắm. Hãy chọn tệp gói."))
        heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Gói đồng bộ trên USB"))
        for path in found:
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.list.addItem(item)
        self.list.setVisible(bool(found))
        if found:
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.other_button = self.buttons.addButton(_("Chọn tệp khác…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton(_("Nhập"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(bool(found))
        translate_buttons(self.buttons)
        self.other_button.clicked.connect(self._choose_other)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        item = self.list.currentItem()
        if self.chosen is None and item is not None:
            self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
        if self.chosen is not None:
            super().accept()

    def choose(self, path: Path) -> None:
        """Take *path* and close (what «Chọn tệp khác…» does once a file is picked)."""
        self.chosen = path
        self.accept()

    def _choose_other(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, _("Chọn gói đồng bộ"), "",
                                                      _("Gói đồng bộ ({pattern})").format(pattern=BUNDLE_FILTER))
        if chosen:
            self.choose(Path(chosen))


def _with_button(edit: QLineEdit, text: str, slot) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    button = QPushButton(text)
    button.clicked.connect(slot)
    row.addWidget(button)
    return holder
