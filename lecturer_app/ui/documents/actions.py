"""Xuất/Nhập for one window: dialogs on the GUI thread, the work through ``window.run_operation``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from lecturer_app.core.model import Topic
from lecturer_app.i18n import _
from lecturer_app.ui.documents import work
from lecturer_app.ui.documents.export_dialog import ExportDialog
from lecturer_app.ui.documents.results import ExportDoneBox, ImportDoneBox, open_folder
from lecturer_app.ui.remembered import Remembered
from lecturer_app.ui.widgets.stock_buttons import translate_buttons


class DocumentActions:
    """The document actions of one main window.

    Attributes:
        window: the main window (extension API of ``ui/main_window.py``).
        opener: shows a folder (replaced in tests: it starts the system file manager).
        last_notice: the summary box shown after the last export or import.
    """

    def __init__(self, window: Any) -> None:
        self.window = window
        self.opener = open_folder
        self.last_notice: QMessageBox | None = None
        self.remembered = Remembered(window.context)

    # Export -----------------------------------------------------------------

    def export_topic(self, topic: Topic | None, fmt: str = "pptx", request: work.ExportRequest | None = None):
        """Ask what to export (unless *request* is given) and run it; returns the operation or None."""
        if topic is None:
            return self._no_topic()
        if request is None:
            folder = self.remembered.folder(f"export_{fmt}", self._export_folder())
            dialog = ExportDialog(topic, folder, fmt, self._deck_theme(topic), self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            request = dialog.request()
            # Slides, plans and handouts often go to different folders: each kind remembers its own.
            self.remembered.remember_folder(f"export_{request.fmt}", request.path.parent)
        context = self.window.context
        return self.window.run_operation(_("Đang xuất {name}").format(name=request.path.name),
                                         lambda report: work.run_export(context, request, report),
                                         self._export_done)

    def _export_done(self, result: dict[str, Any]) -> None:
        self._notice(ExportDoneBox(result, self.window, self.opener))

    def _export_folder(self) -> Path:
        folder = self.window.context.settings.export_dir
        return Path(folder) if folder else Path.home() / "Documents"

    def _deck_theme(self, topic: Topic) -> str:
        deck = self.window.context.bank.deck(topic.id)
        return deck.theme if deck else ""

    # Import -----------------------------------------------------------------

    def import_topic(self, topic: Topic | None, path: Path | None = None, confirm: bool = True):
        """Choose a .pptx/.docx (unless *path*), confirm replacing, then import; returns the operation."""
        if topic is None:
            return self._no_topic()
        if path is None:
            # Not "": Qt starts in the working folder, on Windows the app's installation folder.
            folder = self.remembered.folder("import", self._export_folder())
            chosen, _filter = QFileDialog.getOpenFileName(self.window, _("Nhập giáo án từ tệp"), str(folder),
                                                          _("Giáo án (*.pptx *.docx)"))
            if not chosen:
                return None
            path = Path(chosen)
            self.remembered.remember_folder("import", path.parent)
        if confirm and work.has_existing(self.window.context, topic.id, path.suffix.lower()) \
                and not self._confirm_replace(topic, path):
            return None
        page = self._page_of(topic)
        if page is not None:
            page.flush()   # pending edits become a revision first, so history keeps them under the import
        context = self.window.context
        return self.window.run_operation(_("Đang nhập {name}").format(name=path.name),
                                         lambda report: work.run_import(context, topic.code, path, report),
                                         lambda result: self._import_done(result, topic))

    def _import_done(self, result: dict[str, Any], topic: Topic) -> None:
        page = self._page_of(topic)
        if page is not None:
            for editor in page.editors():
                editor.reload()
            if hasattr(page, "attachments"):
                page.attachments.reload()
        if hasattr(self.window, "bank_changed"):
            self.window.bank_changed.emit()
        self._notice(ImportDoneBox(result, self.window))

    def _page_of(self, topic: Topic):
        """The open topic page of *topic*, if any."""
        pages = self.window.topic_pages() if hasattr(self.window, "topic_pages") else []
        return next((page for page in pages if page.topic.id == topic.id), None)

    def _confirm_replace(self, topic: Topic, path: Path) -> bool:
        what = _("giáo án điện tử") if path.suffix.lower() == ".pptx" else _("giáo án viết")
        box = QMessageBox(QMessageBox.Icon.Question, _("Thay nội dung?"),
                          _("{code} đã có {what}. Nội dung nhập sẽ thay thế; bản cũ vẫn xem và khôi phục được "
                            "trong Lịch sử.").format(code=topic.code, what=what),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        translate_buttons(box)
        return box.exec() == QMessageBox.StandardButton.Yes

    # Shared -----------------------------------------------------------------

    def _notice(self, box: QMessageBox) -> None:
        if self.last_notice is not None:
            self.last_notice.close()
        self.last_notice = box
        box.open()

    def _no_topic(self) -> None:
        parent: QWidget = self.window
        if hasattr(self.window, "statusBar"):
            self.window.statusBar().showMessage(_("Hãy mở một chuyên đề trước."), 5000)
        else:
            QMessageBox.information(parent, _("Chưa chọn chuyên đề"), _("Hãy mở một chuyên đề trước."))
        return None
