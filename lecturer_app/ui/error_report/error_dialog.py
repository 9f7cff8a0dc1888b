"""The unexpected-error dialog: what happened to the user's work, the way out, details for support, the log file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.i18n import _
from lecturer_app.ui.widgets.folder_link import FolderLink


class ErrorDialog(QDialog):
    """Shown once per unexpected error (more errors meanwhile only go to the log).

    Signals:
        quit_requested(): the user chose "Đóng ứng dụng".
    """

    quit_requested = Signal()

    def __init__(self, saved_text: str, details: str, log_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(_("Lỗi không mong đợi"))
        self.setObjectName("error_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = QLabel(_(
            "<p><b>Ứng dụng gặp một lỗi không lường trước.</b></p><p>{saved}</p>"
            "<p><b>Cách xử lý:</b> bấm «Tiếp tục làm việc» để làm tiếp. Nếu lỗi lặp lại, hãy lưu phiên bản "
            "(Ctrl+S), đóng rồi mở lại ứng dụng. Khi cần hỗ trợ, bấm «Sao chép chi tiết» và gửi nội dung đó "
            "cho người phụ trách kỹ thuật, kèm tệp nhật ký trong thư mục:</p>").format(saved=saved_text))
        self.message.setWordWrap(True)
        self.log_folder = FolderLink(log_path.parent, _("Thư mục nhật ký"))
        self.log_folder.setToolTip(str(log_path))
        self.detail_view = QPlainTextEdit(details)
        self.detail_view.setReadOnly(True)
        self.detail_view.setVisible(False)
        self.detail_view.setAccessibleName(_("Chi tiết lỗi"))
        text = QVBoxLayout()
        text.addWidget(self.message)
        text.addWidget(self.log_folder)
        top = QHBoxLayout()
        top.addWidget(self._icon_label(), 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.detail_view, 1)
        layout.addWidget(self._buttons())
        self.setMinimumWidth(620)

    def _icon_label(self) -> QLabel:
        label = QLabel()
        label.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        return label

    def _buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox()
        self.continue_button = self.buttons.addButton(_("Tiếp tục làm việc"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button = self.buttons.addButton(_("Sao chép chi tiết"), QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button = self.buttons.addButton(_("Xem chi tiết"), QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button: QPushButton = self.buttons.addButton(_("Đóng ứng dụng"),
                                                                QDialogButtonBox.ButtonRole.DestructiveRole)
        self.continue_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_details)
        self.show_button.clicked.connect(lambda: self.detail_view.setVisible(not self.detail_view.isVisible()))
        self.quit_button.clicked.connect(self._quit)
        self.buttons.accepted.connect(self.accept)
        return self.buttons

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(_("Đã sao chép"))

    def _quit(self) -> None:
        self.accept()
        self.quit_requested.emit()
