"""Kiểm tra dữ liệu: ``check`` on a worker thread with progress, then its findings explained."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from lecturer_app.i18n import _
from lecturer_app.ui.backup import work
from lecturer_app.ui.backup.findings_dialog import FindingsDialog
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.operations import OperationRunner


def start_check(context: AppContext, runner: OperationRunner, parent: QWidget | None):
    """Run the check; the result dialog opens when it is done.  Returns the operation."""
    operation = runner.run(_("Kiểm tra dữ liệu"), lambda report: work.check_data(context, report))
    operation.succeeded.connect(lambda report: show_check_result(report, parent))
    return operation


def show_check_result(report, parent: QWidget | None) -> FindingsDialog:
    counts = _("{r} bản ghi, {v} phiên bản, {b} tệp đính kèm").format(
        r=report.records, v=report.revisions, b=report.blobs)
    if report.ok:
        summary = _("Dữ liệu toàn vẹn: không phát hiện lỗi nào ({counts}).").format(counts=counts)
    else:
        summary = _("Phát hiện {n} lỗi trong dữ liệu ({counts}). Dưới đây là ý nghĩa của từng lỗi và cách "
                    "khắc phục.").format(n=len(report.problems), counts=counts)
    dialog = FindingsDialog(_("Kiểm tra dữ liệu"), summary, report.problems, parent)
    dialog.open()
    return dialog
