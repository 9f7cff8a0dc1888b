"""The Tệp đính kèm tab: add files by dialog or drag-and-drop, open, save a copy, remove.

Files are copied into the blob store on a worker thread (a large PPTX never
freezes the window) through a second database connection, per the store rule
in docs/design/gui.md.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.bank.attachments import add_attachment, export_attachment
from lecturer_app.core.model import Attachment, Topic
from lecturer_app.core.store import summaries
from lecturer_app.i18n import _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.operations import OperationRunner
from lecturer_app.ui.topic.attachment_model import ATTACHMENT_ROLE, AttachmentModel
from lecturer_app.ui.widgets.error_box import errors_shown
from lecturer_app.ui.widgets.icons import icon


class AttachmentsPanel(QWidget):
    """The attachments of one topic.

    Signals:
        changed(): attachments were added or removed.
        opened(str): a copy was handed to the system application (its path).
    """

    changed = Signal()
    opened = Signal(str)

    def __init__(self, context: AppContext, topic: Topic, operations: OperationRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.topic = topic
        self.operations = operations
        self.setAcceptDrops(True)
        self.model = AttachmentModel(self)
        self.table = QTableView()
        self.table.setObjectName("attachment_table")
        self.table.setAccessibleName(_("Tệp đính kèm"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.empty = QLabel(_("Chưa có tệp đính kèm. Bấm “Thêm tệp…” hoặc kéo thả tệp (PowerPoint, Word, PDF, ảnh…) "
                              "vào đây."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        add_button = self._button(buttons, _("Thêm tệp…"), "add", self.choose_files)
        add_button.setToolTip(_("Thêm tệp đính kèm (hoặc kéo thả tệp vào đây)"))
        self.open_button = self._button(buttons, _("Mở"), "open", self.open_selected)
        self.copy_button = self._button(buttons, _("Lưu bản sao…"), "save", self.save_copy)
        self.remove_button = self._button(buttons, _("Xóa"), "remove", self.remove_selected)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.status)
        self.table.selectionModel().currentChanged.connect(lambda *_args: self._update_buttons())
        self.reload()

    @staticmethod
    def _button(row: QHBoxLayout, text: str, icon_name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def reload(self) -> None:
        self.model.set_attachments(self.context.bank.attachments(self.topic.id))
        has_files = bool(self.model.attachments)
        self.table.setVisible(has_files)
        self.empty.setVisible(not has_files)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """The buttons that act on one file are off until a file is chosen (they did nothing, in silence)."""
        chosen = self.selected() is not None
        hint = "" if chosen else _("Chọn một tệp trong danh sách trước")
        for button in (self.open_button, self.copy_button, self.remove_button):
            button.setEnabled(chosen)
            button.setToolTip(hint)

    def reload_if_stale(self) -> None:
        self.reload()

    def selected(self) -> Attachment | None:
        index = self.table.currentIndex()
        return index.data(ATTACHMENT_ROLE) if index.isValid() else None

    # Adding --------------------------------------------------------------------

    def _start_folder(self) -> str:
        """The export folder, else home: without one Qt starts in the working folder (the app's, on Windows)."""
        return self.context.settings.export_dir or str(Path.home())

    def choose_files(self) -> None:
        dialog = QFileDialog(self, _("Thêm tệp đính kèm"), self._start_folder())
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda files: self.add_files([Path(f) for f in files]))
        dialog.open()

    def add_files(self, paths: list[Path]):
        """Copy *paths* into the bank; on a worker thread when an operation runner is set."""
        owner, blobs = self.topic.id, self.context.workspace.blobs

        def work(report) -> int:
            with self.context.worker_store() as store:
                for done, path in enumerate(paths):
                    report(done, len(paths), path.name)
                    add_attachment(store, blobs, owner, path)
            return len(paths)

        if self.operations is None:
            add_all = [add_attachment(self.context.store, blobs, owner, p) for p in paths]
            self._added(len(add_all))
            return None
        return self.operations.run(_("Thêm tệp đính kèm"), work, self._added)

    def _added(self, _count: int) -> None:
        self.reload()
        self.changed.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        files = [p for p in paths if p.is_file()]
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # Using -----------------------------------------------------------------------

    def open_selected(self) -> Path | None:
        """Hand a copy (under its real name) to the system's application for the file."""
        item = self.selected()
        if item is None:
            return None
        folder = Path(tempfile.gettempdir()) / "lecturer_app-open" / item.sha256[:16]
        target = folder / item.filename
        if not target.is_file():
            with errors_shown(self, _("Mở tệp đính kèm")):
                target = export_attachment(self.context.workspace.blobs, item, folder)
            if not target.is_file():
                return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self.status.setText(_("Không có ứng dụng nào mở được tệp này. Bản sao nằm ở: {path}").format(path=target))
        self.opened.emit(str(target))
        return target

    def save_copy(self) -> None:
        item = self.selected()
        if item is None:
            return
        dialog = QFileDialog(self, _("Chọn thư mục lưu bản sao"), self._start_folder())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(lambda folder: self.save_copy_to(item, Path(folder)))
        dialog.open()

    def save_copy_to(self, item: Attachment, folder: Path) -> None:
        """Write a copy of *item* into *folder* and say where it went."""
        with errors_shown(self, _("Lưu bản sao")):
            target = export_attachment(self.context.workspace.blobs, item, folder)
            self.status.setText(_("Đã lưu bản sao: {path}").format(path=target))

    def remove_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        self.context.store.delete(item.id, summary=summaries.DELETE_ATTACHMENT.format(name=item.filename))
        self.reload()
        self.changed.emit()
