"""What the lecturer sees when the data file is damaged: the diagnosis and the ways out.

A damaged search index is rebuilt by the app (its content comes from the
lecturer's records, which are intact); other damage is undone by restoring a
backup (``core.backup``), chosen here, and the dialog says how to do it by
hand when the backup is elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.repair import FolderCheck, backups_of, check_data_folder, restore_advice, restore_backup
from lecturer_app.i18n import _

# The diagnosis lists this many problems; `lecturer-app check` lists them all.
SHOWN_PROBLEMS = 12


class RepairDialog(QDialog):
    """The diagnosis of *folder*, with "rebuild the search index" when that repairs it and how to restore a backup.

    ``repaired`` turns true when a rebuild left the data whole; the dialog is then accepted.
    """

    def __init__(self, folder: Path, reason: str = "", parent: QWidget | None = None,
                 check: FolderCheck | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.reason = reason
        self.repaired = False
        self.setWindowTitle(_("Dữ liệu bị hỏng"))
        self.setMinimumWidth(620)
        self.summary = QLabel(wordWrap=True)
        self.details = QPlainTextEdit(readOnly=True)
        self.details.setAccessibleName(_("Chi tiết chỗ hỏng"))
        self.buttons = QDialogButtonBox()
        self.rebuild_button = QPushButton(_("Xây dựng lại chỉ mục tìm kiếm"))
        self.rebuild_button.clicked.connect(self.rebuild_search_index)
        self.restore_button = QPushButton(_("Khôi phục từ bản sao lưu…"))
        self.restore_button.clicked.connect(self.choose_backup)
        self.folder_button = QPushButton(_("Mở thư mục dữ liệu"))
        self.folder_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.reject)
        for button in (self.rebuild_button, self.restore_button, self.folder_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.details, self.buttons):
            layout.addWidget(widget)
        self.show_check(check or _checked(folder))

    def show_check(self, result: FolderCheck) -> None:
        self.findings = result
        report = result.report
        problems = report.problems[:SHOWN_PROBLEMS]
        more = len(report.problems) - len(problems)
        lines = [*([self.reason, ""] if self.reason else []), *("- " + p for p in problems)]
        if more > 0:
            lines.append(_("… và {n} lỗi khác (chạy «lecturer-app check» để xem hết).").format(n=more))
        self.details.setPlainText("\n".join(lines))
        self.rebuild_button.setVisible(bool(report.search_index_problems))
        self.backups = [] if report.ok else _backups(self.folder)
        self.restore_button.setVisible(bool(self.backups))
        if report.ok:
            self.summary.setText(_("Kiểm tra xong: dữ liệu toàn vẹn."))
        elif report.only_search_index_damaged:
            self.summary.setText(result.advice)
        else:
            self.summary.setText(restore_advice(self.folder))

    def rebuild_search_index(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.show_check(check_data_folder(self.folder, rebuild_index=True))
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self.findings.report.ok:
            self.repaired = True
            self.accept()

    def choose_backup(self) -> None:
        labels = [f"{info.id} ({info.created})" for info in self.backups]
        label, chosen = QInputDialog.getItem(self, _("Khôi phục từ bản sao lưu"),
                                             _("Chọn bản sao lưu (mới nhất ở trên cùng):"), labels, 0, False)
        if chosen:
            self.restore(self.backups[labels.index(label)].id)

    def restore(self, backup_id: str) -> None:
        """Restore *backup_id*, then check again; accepted when the data is whole."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            aside = restore_backup(self.folder, backup_id)
            self.show_check(check_data_folder(self.folder))
        except UserFacingError as exc:
            self.details.setPlainText(_("Không khôi phục được: {reason}").format(reason=exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if aside is not None:
            self.details.appendPlainText(_("Tệp hỏng được giữ lại ở {path}.").format(path=aside))
        if self.findings.report.ok:
            self.repaired = True
            self.accept()


def _checked(folder: Path) -> FolderCheck:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return check_data_folder(folder)
    finally:
        QGuiApplication.restoreOverrideCursor()


def _backups(folder: Path) -> list:
    try:
        return backups_of(folder)
    except (OSError, UserFacingError):  # an unreadable backup folder (a USB stick not plugged in): no offer
        return []


def open_repair_dialog(window) -> None:
    """The data check with its repairs, offered when an action fails on a damaged database."""
    window.repair_dialog = RepairDialog(window.context.workspace.data_dir, parent=window)
    window.repair_dialog.open()
