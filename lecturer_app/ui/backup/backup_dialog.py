"""Sao lưu và khôi phục: the backup folder, the daily switch, the list of backups and what to do with one."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.backup.manifest import BackupInfo, list_backups
from lecturer_app.i18n import N_, _, ui_number
from lecturer_app.ui.backup import work
from lecturer_app.ui.backup.findings_dialog import FindingsDialog
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.operations import Operation, OperationRunner
from lecturer_app.ui.widgets.error_box import show_error
from lecturer_app.ui.widgets.folder_link import FolderLink
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

KIND_LABELS = {"auto": N_("Tự động"), "manual": N_("Thủ công"), "before-restore": N_("Trước khi khôi phục")}
COLUMNS = (N_("Thời điểm"), N_("Loại"), N_("Bản ghi"), N_("Tệp đính kèm"), N_("Dung lượng"))


class RestoreHost(Protocol):
    """What the window does around a restore into place (see ``restore_host.py``)."""

    def before_restore(self) -> bool: ...

    def after_restore(self, report=None) -> None: ...


class BackupDialog(QDialog):
    """Signals:
        restored(object): a backup was restored into the data folder (its ``RestoreReport``).
    """

    restored = Signal(object)

    def __init__(self, context: AppContext, runner: OperationRunner, host: RestoreHost,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.runner, self.host = context, runner, host
        self.backups: list[BackupInfo] = []
        self.last_box: QWidget | None = None
        self.setWindowTitle(_("Sao lưu và khôi phục"))
        self.setObjectName("backup_dialog")
        self.resize(820, 500)
        layout = QVBoxLayout(self)
        layout.addLayout(self._folder_row())
        layout.addWidget(self._hint())
        layout.addWidget(self._auto_box())
        layout.addWidget(self._table(), 1)
        layout.addLayout(self._action_row())
        layout.addWidget(self._close_box())
        self.reload()

    # Building ----------------------------------------------------------------

    def _folder_row(self) -> QHBoxLayout:
        self.folder = FolderLink(work.root_of(self.context), _("Thư mục sao lưu"))
        self.change_folder_button = QPushButton(_("Đổi thư mục…"))
        self.change_folder_button.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Thư mục sao lưu:")))
        row.addWidget(self.folder, 1)
        row.addWidget(self.change_folder_button)
        return row

    def _hint(self) -> QLabel:
        self.same_disk_hint = QLabel(_("Bản sao lưu đang nằm trên cùng ổ đĩa với dữ liệu: nó giúp khi bấm nhầm "
                                       "hoặc dữ liệu hỏng, nhưng không giúp khi ổ đĩa hỏng. Nên chọn một USB "
                                       "hoặc ổ đĩa khác."))
        self.same_disk_hint.setWordWrap(True)
        self.same_disk_hint.setObjectName("hint")
        return self.same_disk_hint

    def _auto_box(self) -> QCheckBox:
        self.auto_backup = QCheckBox(_("Tự động sao lưu mỗi ngày, lần mở ứng dụng đầu tiên "
                                       "(giữ 7 bản theo ngày và 6 bản theo tháng)"))
        self.auto_backup.setChecked(self.context.settings.auto_backup)
        self.auto_backup.toggled.connect(self._set_auto)
        return self.auto_backup

    def _table(self) -> QTableWidget:
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Danh sách bản sao lưu"))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        return self.table

    def _action_row(self) -> QHBoxLayout:
        self.backup_button = QPushButton(_("Sao lưu ngay"))
        self.verify_button = QPushButton(_("Kiểm tra bản sao lưu"))
        self.restore_button = QPushButton(_("Khôi phục…"))
        self.restore_to_button = QPushButton(_("Khôi phục vào thư mục mới…"))
        self.backup_button.clicked.connect(self.backup_now)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(self.confirm_restore)
        self.restore_to_button.clicked.connect(self._choose_restore_folder)
        row = QHBoxLayout()
        for button in (self.backup_button, self.verify_button, self.restore_button, self.restore_to_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _close_box(self) -> QDialogButtonBox:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(box)
        box.rejected.connect(self.reject)
        return box

    # State -------------------------------------------------------------------

    def reload(self) -> None:
        """Read the backup folder again and show its backups, newest first."""
        root = work.root_of(self.context)
        self.folder.set_path(root)
        self.same_disk_hint.setVisible(not self.context.settings.backup_dir)
        self.backups = list_backups(root)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            cells = (f"{info.created_at:%d/%m/%Y %H:%M}", _(KIND_LABELS.get(info.kind, info.kind)),
                     str(info.records), str(info.blob_count), size_text(info.db_size + info.blob_bytes))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.verify_button, self.restore_button, self.restore_to_button):
            button.setEnabled(chosen)

    def _set_auto(self, on: bool) -> None:
        self.context.settings.auto_backup = on
        self.context.save_settings()

    def set_backup_folder(self, folder: str) -> None:
        """Use *folder* for backups from now on ("" = the default, inside the data folder)."""
        self.context.settings.backup_dir = folder
        self.context.save_settings()
        self.reload()

    def _choose_folder(self) -> None:
        dialog = QFileDialog(self, _("Chọn thư mục sao lưu (USB, ổ đĩa khác)"), str(work.root_of(self.context)))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(self.set_backup_folder)
        dialog.open()

    # Actions -----------------------------------------------------------------

    def backup_now(self) -> Operation:
        return self.runner.run(_("Sao lưu"), lambda report: work.backup_now(self.context, "manual", report),
                               lambda _info: self.reload())

    def verify_selected(self) -> Operation | None:
        info = self.selected()
        if info is None:
            return None
        return self.runner.run(_("Kiểm tra bản sao lưu"), lambda report: work.verify(self.context, info.id, report),
                               lambda report: self._show_verified(info, report))

    def _show_verified(self, info: BackupInfo, report) -> None:
        when = f"{info.created_at:%d/%m/%Y %H:%M}"
        summary = (_("Bản sao lưu lúc {when} tốt: có thể khôi phục.") if report.ok else
                   _("Bản sao lưu lúc {when} bị hỏng: đừng khôi phục nó, hãy chọn một bản khác.")).format(when=when)
        self.last_box = FindingsDialog(_("Kiểm tra bản sao lưu"), summary, report.problems, self)
        self.last_box.open()

    def confirm_restore(self) -> QMessageBox | None:
        """Ask before replacing the data; the restore starts when the user agrees."""
        info = self.selected()
        if info is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, _("Khôi phục bản sao lưu"), _(
            "Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu lúc {when}?\n\nTrước khi khôi phục, ứng dụng sao lưu "
            "dữ liệu hiện tại (loại «Trước khi khôi phục») để bạn có thể quay lại. Các chuyên đề đang mở sẽ "
            "được lưu và đóng.").format(when=f"{info.created_at:%d/%m/%Y %H:%M}"), parent=self)
        box.addButton(_("Khôi phục"), QMessageBox.ButtonRole.AcceptRole).clicked.connect(
            lambda: self.restore(info.id))
        box.addButton(_("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.open()
        self.last_box = box
        return box

    def restore(self, backup_id: str) -> Operation | None:
        """Restore into the data folder now (after the host saved and closed the editors)."""
        if not self.host.before_restore():
            return None
        return self.runner.run(_("Khôi phục bản sao lưu"),
                               lambda report: work.restore_here(self.context, backup_id, report),
                               self._restored, self._restore_failed)

    def _restored(self, report) -> None:
        self.host.after_restore(report)
        self.reload()
        text = _("Đã khôi phục bản sao lưu lúc {when}.").format(when=f"{report.restored.created_at:%d/%m/%Y %H:%M}")
        if report.safety is not None:
            text += "\n" + _("Dữ liệu trước khi khôi phục được giữ trong bản sao lưu «{id}».").format(
                id=report.safety.id)
        self._inform(text)
        self.restored.emit(report)

    def _restore_failed(self, exc: BaseException) -> None:
        self.host.after_restore()
        self.reload()
        self.last_box = show_error(self, _("Khôi phục bản sao lưu"), exc)

    def _choose_restore_folder(self) -> None:
        dialog = QFileDialog(self, _("Chọn một thư mục mới hoặc trống"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(lambda name: self.restore_to(Path(name)))
        dialog.open()

    def restore_to(self, target: Path) -> Operation | None:
        """Write the selected backup as a new data folder at *target*."""
        info = self.selected()
        if info is None:
            return None
        return self.runner.run(_("Khôi phục vào thư mục mới"),
                               lambda report: work.restore_elsewhere(self.context, info.id, target, report),
                               lambda report: self._inform(_(
                                   "Đã khôi phục vào {path}.\nĐể mở dữ liệu này, chạy: lecturer-app --data-dir "
                                   "\"{path}\"").format(path=report.target)))

    def _inform(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, _("Sao lưu và khôi phục"), text,
                          QMessageBox.StandardButton.Close, self)
        translate_buttons(box)
        box.open()
        self.last_box = box


def size_text(size: int) -> str:
    """"4,5 MB" (in English "4.5 MB"): a size with the UI language's decimal mark."""
    units = ("B", "KB", "MB", "GB")
    value, index = float(size), 0
    while value >= 1024 and index < len(units) - 1:
        value, index = value / 1024, index + 1
    number = str(int(value)) if index == 0 else ui_number(f"{value:.1f}".replace(".", ","))
    return f"{number} {units[index]}"

