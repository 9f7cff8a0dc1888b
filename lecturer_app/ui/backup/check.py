"""Kiểm tra dữ liệu: ``check`` on a worker thread with progress, then its findings explained."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from lecturer_app.core.backup.findings import awaited_note
from lecturer_app.core.backup.recover import blob_hashes
from lecturer_app.i18n import _, ngettext
from lecturer_app.ui.backup import work
from lecturer_app.ui.backup.findings_dialog import FindingsDialog
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.operations import OperationRunner
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

Recover = Callable[[list[str], QWidget], object]


def start_check(context: AppContext, runner: OperationRunner, parent: QWidget | None):
    """Run the check; the result dialog opens when it is done.  Returns the operation."""
    operation = runner.run(_("Kiểm tra dữ liệu"), lambda report: work.check_data(context, report))
    operation.succeeded.connect(lambda report: show_check_result(
        report, parent, lambda hashes, dialog: start_recover(context, runner, dialog, hashes, report.awaited_blobs)))
    return operation


def start_recover(context: AppContext, runner: OperationRunner, parent: QWidget | None, hashes: list[str],
                  awaited: list[str] | None = None):
    """Copy the missing or damaged attachment files (and those sync has not brought yet, *awaited*) back from the
    backups; says how it went."""
    def done(result) -> None:
        recovered = len(result.recovered)
        text = ngettext("Đã lấy lại {n} tệp đính kèm từ bản sao lưu.", recovered).format(n=recovered)
        if result.not_found:
            text += " " + ngettext("{m} tệp không có trong bản sao lưu nào: hãy khôi phục bản sao lưu gần nhất còn "
                            "tốt, hoặc thêm lại tệp đó.", len(result.not_found)).format(m=len(result.not_found))
        if result.awaited:
            text += " " + ngettext("{m} tệp nhận qua đồng bộ chưa có trong bản sao lưu nào: lần đồng bộ sau sẽ mang "
                                   "tới.", len(result.awaited)).format(m=len(result.awaited))
        box = QMessageBox(QMessageBox.Icon.Information, _("Lấy lại từ bản sao lưu"), text,
                          QMessageBox.StandardButton.Close, parent)
        translate_buttons(box)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    return runner.run(_("Lấy lại từ bản sao lưu"), lambda report: work.recover(context, hashes, report, awaited or []),
                      done)


def show_check_result(report, parent: QWidget | None, recover: Recover | None = None) -> FindingsDialog:
    counts = _("{r} bản ghi, {v} phiên bản, {b} tệp đính kèm").format(
        r=report.records, v=report.revisions, b=report.blobs)
    if report.ok:
        summary = _("Dữ liệu toàn vẹn: không phát hiện lỗi nào ({counts}).").format(counts=counts)
    else:
        summary = _("Phát hiện {n} lỗi trong dữ liệu ({counts}). Dưới đây là ý nghĩa của từng lỗi và cách "
                    "khắc phục.").format(n=len(report.problems), counts=counts)
    if report.awaited_blobs:  # not damage: said beside the verdict, never as a finding
        summary += "\n\n" + awaited_note(len(report.awaited_blobs))
    dialog = FindingsDialog(_("Kiểm tra dữ liệu"), summary, report.problems, parent)
    hashes = blob_hashes(report.problems)
    if (hashes or report.awaited_blobs) and recover is not None:  # a file received then lost may be in a backup
        dialog.recover_button = dialog.add_action(_("Lấy lại từ bản sao lưu"), lambda: recover(hashes, dialog))
    dialog.open()
    return dialog
