"""Bundle export and import for one window: dialogs on the GUI thread, the work through ``window.run_operation``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QMessageBox

from lecturer_app.i18n import _
from lecturer_app.ui.remembered import Remembered
from lecturer_app.ui.sync import work
from lecturer_app.ui.sync.bundle_dialogs import ExportBundleDialog, ImportBundleDialog
from lecturer_app.ui.sync.drives import removable_bundles
from lecturer_app.ui.sync.results import export_summary, import_summary, summary_box, trust_question
from lecturer_app.ui.widgets.error_box import show_error


class SyncActions:
    """The USB bundle actions of one main window.

    Attributes:
        window: the main window.
        find_bundles: lists .lbb files on removable drives (replaced in tests).
        last_notice: the last summary, question or error box shown.
        imported: callbacks run after each import (views need none: they follow the change feed).
    """

    def __init__(self, window: Any) -> None:
        self.window = window
        self.find_bundles: Callable[[], list[Path]] = removable_bundles
        self.last_notice: QMessageBox | None = None
        self.last_dialog: QDialog | None = None
        self.imported: list[Callable[[], None]] = []
        self.remembered = Remembered(window.context)

    # Export ----------------------------------------------------------------

    def export_bundle(self, path: Path | None = None, want: Path | None = None):
        """Ask where (unless *path*), then export; returns the operation, or None when cancelled."""
        if path is None:
            dialog = self.last_dialog = ExportBundleDialog(self._default_export_path(), self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            path, want = dialog.bundle_path(), dialog.want_path()
        self.remembered.remember_folder("sync_bundle", path.parent)
        context = self.window.context
        return self.window.run_operation(_("Đang xuất gói đồng bộ {name}").format(name=path.name),
                                         lambda report: work.run_export(context, path, want, report),
                                         self._export_done)

    def _default_export_path(self) -> Path:
        folder = self.remembered.folder("sync_bundle", Path.home())
        return folder / f"dong-bo-{self.window.context.workspace.data_dir.name}.lbb"

    def _export_done(self, result: tuple[Any, str]) -> None:
        report, fingerprint = result
        self._notice(summary_box(_("Xuất gói xong"), export_summary(report, fingerprint), False, self.window))

    # Import ----------------------------------------------------------------

    def import_bundle(self, path: Path | None = None, trust_new: bool = False):
        """Choose a bundle (unless *path*: the sticks' bundles are offered), then import; the operation or None."""
        if path is None:
            dialog = self.last_dialog = ImportBundleDialog(self.find_bundles(), self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
                return None
            path = dialog.chosen
        for page in getattr(self.window, "topic_pages", list)():
            page.flush()  # pending edits become revisions first, so a merge sees them
        context = self.window.context
        title = _("Đang nhập gói đồng bộ {name}").format(name=path.name)
        operation = self.window.operations.run(
            title, lambda report: work.run_import(context, path, trust_new, report), self._import_done,
            lambda exc: self._import_failed(title, path, exc))
        return operation

    def _import_failed(self, title: str, path: Path, exc: BaseException) -> None:
        from lecturer_app.sync.bundle_trust import UntrustedBundle

        if not isinstance(exc, UntrustedBundle):
            self.last_notice = show_error(self.window, title, exc)
            return
        box = self.last_notice = trust_question(exc.fingerprints, self.window)
        box.finished.connect(lambda answer: self._trust_answered(path, answer))
        box.open()

    def _trust_answered(self, path: Path, answer: int) -> None:
        if answer == QMessageBox.StandardButton.Yes:
            self.import_bundle(path, trust_new=True)
        else:
            self.window.statusBar().showMessage(_("Không nhập gói {name}.").format(name=path.name), 8000)

    def _import_done(self, report: Any) -> None:
        self.window.changes.check()  # the import wrote on a worker connection: views refresh from the change set
        warn = bool(report.rejected or report.conflicts_new)
        self._notice(summary_box(_("Nhập gói xong"), import_summary(report), warn, self.window))
        for callback in self.imported:
            callback()

    def _notice(self, box: QMessageBox) -> None:
        self.last_notice = box
        box.open()
