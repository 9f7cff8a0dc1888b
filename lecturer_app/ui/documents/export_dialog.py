"""The "Xuất giáo án" dialog: format, slide theme and file name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from lecturer_app.core.model import Topic
from lecturer_app.formats.slide_layout import load_theme, theme_names
from lecturer_app.i18n import N_, _
from lecturer_app.ui.documents.work import EXPORT_FORMATS, ExportRequest
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

FORMAT_LABELS = {
    "pptx": N_("Giáo án điện tử (PowerPoint .pptx)"),
    "docx": N_("Giáo án viết (Word .docx)"),
    "pdf": N_("Giáo án viết (PDF)"),
    "handout": N_("Phiếu tài liệu có mã QR (PDF)"),
}
SUFFIXES = {"pptx": ".pptx", "docx": ".docx", "pdf": ".pdf", "handout": ".pdf"}


def default_file_name(topic: Topic, fmt: str) -> str:
    """``NTD-01_giao-an-dien-tu.pptx`` and the like: the code keeps files of many topics apart."""
    kind = {"pptx": "giao-an-dien-tu", "docx": "giao-an", "pdf": "giao-an", "handout": "phieu-tai-lieu"}[fmt]
    return f"{topic.code}_{kind}{SUFFIXES[fmt]}"


class ExportDialog(QDialog):
    """Choose what to export for one topic.

    Args:
        topic: the topic exported.
        folder: where the file goes by default (the settings' export folder).
        fmt: the format selected first.
    """

    def __init__(self, topic: Topic, folder: Path, fmt: str = "pptx", theme: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topic = topic
        self.setWindowTitle(_("Xuất giáo án: {code}").format(code=topic.code))
        self.format_box = QComboBox()
        for key in EXPORT_FORMATS:
            self.format_box.addItem(_(FORMAT_LABELS[key]), key)
        self.theme_box = QComboBox()
        for name in theme_names():
            self.theme_box.addItem(_(load_theme(name).label), name)  # the shipped names are in the catalogue
        if theme and self.theme_box.findData(theme) >= 0:
            self.theme_box.setCurrentIndex(self.theme_box.findData(theme))
        self.path_edit = QLineEdit(str(Path(folder) / default_file_name(topic, fmt)))
        self.path_edit.setAccessibleName(_("Tệp kết quả"))
        self.path_edit.setMinimumWidth(420)   # the whole path, not its last 20 characters
        browse = QPushButton(_("Chọn…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        translate_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout(self)
        form.addRow(_("Định dạng:"), self.format_box)
        form.addRow(_("Mẫu trình chiếu:"), self.theme_box)
        form.addRow(_("Lưu vào:"), row)
        form.addRow(buttons)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.path_edit.textChanged.connect(self._update_ok)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(fmt)))
        self._format_changed()

    @property
    def fmt(self) -> str:
        return self.format_box.currentData()

    def request(self) -> ExportRequest:
        """The user's choice (call after the dialog was accepted)."""
        theme = self.theme_box.currentData() if self.fmt == "pptx" else ""
        return ExportRequest(self.topic.code, self.fmt, Path(self.path_edit.text().strip()), theme)

    def _format_changed(self) -> None:
        self.theme_box.setEnabled(self.fmt == "pptx")
        current = Path(self.path_edit.text().strip())
        if current.name:
            self.path_edit.setText(str(current.with_name(default_file_name(self.topic, self.fmt))))
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(Path(self.path_edit.text().strip()).name))

    def _browse(self) -> None:
        suffix = SUFFIXES[self.fmt]
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Lưu thành…"), self.path_edit.text(),
                                                      f"*{suffix}")
        if chosen:
            self.path_edit.setText(chosen if chosen.lower().endswith(suffix) else chosen + suffix)
