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
from lecturer_app.ui.sync.drives import removable_bundles, removable_roots
from lecturer_app.ui.sync.results import export_summary, import_summary, summary_box, trust_question, want_summary
from lecturer_app.ui.widgets.error_box import show_error

# The name the CLI's help and the user guide give it (``bundle want -o WANT.json``).
WANT_NAME = "WANT.json"


def ask_want_path(proposed: Path, parent: Any) -> Path | None:
    """The save-file dialog for the want file; None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _filter = QFileDialog.getSaveFileName(parent, _("Ghi tệp «đã có» cho máy gửi"), str(proposed),
                                                  _("Tệp «đã có» (*.json)"))
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".json" else path.with_name(path.name + ".json")


class SyncActions:
    """The USB bundle actions of one main window.

    Attributes:
        window: the main window.
        find_bundles: lists .lbb files on removable drives (replaced in tests).
        find_drives: the removable drives' roots, where a want file goes by default (replaced in tests).
        ask_want_path: asks where to write the want file, from a proposed path; None when cancelled (tests too).
        last_notice: the last summary, question or error box shown.
        imported: callbacks run after each import (views need none: they follow the change feed).
    """

    def __init__(self, window: Any) -> None:
        self.window = window
        self.find_bundles: Callable[[], list[Path]] = removable_bundles
        self.find_drives: Callable[[], list[Path]] = removable_roots
        self.ask_want_path: Callable[[Path], Path | None] = lambda proposed: ask_want_path(proposed, window)
        self.last_notice: QMessageBox | None = None
        self.last_dialog: QDialog | None = None
        self.imported: list[Callable[[], None]] = []
        self.remembered = Remembered(window.context)

    # Export ----------------------------------------------------------------

    def export_bundle(self, path: Path | None = None, want: Path | None = None):
        """Ask where (unless *path*), then export; returns the operation, or None when cancelled."""
        if path is None:
            drives = self.find_drives()
            dialog = self.last_dialog = ExportBundleDialog(self._default_export_path(), self.window,
                                                           drives[0] if drives else None)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            path, want = dialog.bundle_path(), dialog.want_path()
        self.remembered.remember_folder("sync_bundle", path.parent)
        context = self.window.context
        title = _("Đang xuất gói đồng bộ {name}").format(name=path.name)
        return self.window.operations.run(title, lambda report: work.run_export(context, path, want, report),
                                          self._export_done, lambda exc: self._failed(title, exc))

    def _default_export_path(self) -> Path:
        folder = self.remembered.folder("sync_bundle", Path.home())
        return folder / f"dong-bo-{self.window.context.workspace.data_dir.name}.lbb"

    def _export_done(self, result: tuple[Any, str, int | None]) -> None:
        report, fingerprint, bank_total = result
        self._notice(summary_box(_("Xuất gói xong"), export_summary(report, fingerprint, bank_total), False,
                                 self.window))

    # Want file (the receiver's side of an incremental export) ----------------

    def write_want(self, path: Path | None = None):
        """Ask where (unless *path*; a USB stick first), then write this machine's want file; the operation or None."""
        if path is None:
            path = self.ask_want_path(self._default_want_path())
            if path is None:
                return None
        self.remembered.remember_folder("sync_want", path.parent)
        context = self.window.context
        title = _("Đang ghi tệp «đã có» {name}").format(name=path.name)
        return self.window.operations.run(title, lambda _report: work.run_want(context, path), self._want_done,
                                          lambda exc: self._failed(title, exc))

    def _want_done(self, path: Path) -> None:
        self._notice(summary_box(_("Đã ghi tệp «đã có»"), want_summary(path), False, self.window))

    def _default_want_path(self) -> Path:
        drives = self.find_drives()
        folder = drives[0] if drives else self.remembered.folder("sync_want", Path.home())
        return folder / WANT_NAME

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

    def _failed(self, title: str, exc: BaseException) -> None:
        self.last_notice = show_error(self.window, title, exc)

    def _import_failed(self, title: str, path: Path, exc: BaseException) -> None:
        from lecturer_app.sync.bundle_trust import UntrustedBundle

        if not isinstance(exc, UntrustedBundle):
            self._failed(title, exc)
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
        box = summary_box(_("Nhập gói xong"), import_summary(report), warn, self.window)
        if report.rejected:  # the summary names a few; the list names each, with who signed it and what to do
            details = box.addButton(_("Chi tiết…"), QMessageBox.ButtonRole.ActionRole)
            details.clicked.connect(lambda: self.show_refusals(report))
        self._notice(box)
        for callback in self.imported:
            callback()

    def show_refusals(self, report: Any) -> QDialog:
        """Each revision the import of *report* refused: which record, signed by whom, why, what to do."""
        from lecturer_app.ui.sync.refusals import RefusalsDialog, bundle_heading, bundle_refusals

        problems = bundle_refusals(report)
        heading = bundle_heading(problems, report.path.name)
        dialog = self.last_dialog = RefusalsDialog(heading, problems, self.window)
        dialog.open()
        return dialog

    def _notice(self, box: QMessageBox) -> None:
        self.last_notice = box
        box.open()
