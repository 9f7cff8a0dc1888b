"""Kiểm tra dữ liệu: the check runs through the operation runner and each finding is explained."""

from __future__ import annotations

from lecturer_app.ui.backup import run_data_check
from lecturer_app.ui.backup.findings_dialog import FindingsDialog


def _result(window) -> FindingsDialog:
    return next(d for d in window.findChildren(FindingsDialog) if d.isVisible())


def test_healthy_data_is_said_to_be_whole(window, qtbot):
    operation = run_data_check(window)
    qtbot.waitUntil(lambda: operation.is_finished, timeout=20000)

    dialog = _result(window)
    assert dialog.summary.text().startswith("Dữ liệu toàn vẹn")
    assert not dialog.copy_button.isVisibleTo(dialog)
    dialog.reject()


def test_a_missing_attachment_is_explained_with_the_way_out(window, qtbot, tmp_path):
    from lecturer_app.core.bank.attachments import add_attachment

    context = window.context
    source = tmp_path / "Ảnh.png"
    source.write_bytes(b"\x89PNG picture")
    add_attachment(context.store, context.workspace.blobs, context.bank.require_topic("AB-01").id, source)
    next(context.workspace.blobs.root.glob("*/*")).unlink()
    progress = []

    operation = run_data_check(window)
    operation.progressed.connect(lambda done, total, text: progress.append(text))
    qtbot.waitUntil(lambda: operation.is_finished, timeout=20000)

    assert progress[0] == "Kiểm tra tệp cơ sở dữ liệu"
    dialog = _result(window)
    text = dialog.details.toPlainText()
    assert "Phát hiện 1 lỗi" in dialog.summary.text()
    assert "Thiếu một tệp đính kèm" in text and "Cách khắc phục" in text and "Lấy lại từ bản sao lưu" in text
    dialog.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text().startswith("thiếu tệp dữ liệu")
    dialog.reject()


def test_many_findings_of_one_kind_are_told_once(qapp):
    from lecturer_app.ui.backup.findings_dialog import findings_html

    html = findings_html([f"thiếu tệp dữ liệu {n:064x}" for n in range(120)])

    assert html.count("<h3>") == 1 and "(120)" in html and "… và 70 lỗi cùng loại" in html


def test_a_missing_attachment_can_be_fetched_back_from_the_backups(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from lecturer_app.core.backup.create import create_backup
    from lecturer_app.core.bank.attachments import add_attachment

    context = window.context
    source = tmp_path / "Ảnh.png"
    source.write_bytes(b"\x89PNG picture")
    add_attachment(context.store, context.workspace.blobs, context.bank.require_topic("AB-01").id, source)
    create_backup(context.workspace.data_dir, context.workspace.data_dir / "backups")
    blob = next(context.workspace.blobs.root.glob("*/*"))
    blob.unlink()
    operation = run_data_check(window)
    qtbot.waitUntil(lambda: operation.is_finished, timeout=20000)
    dialog = _result(window)

    dialog.recover_button.click()

    qtbot.waitUntil(lambda: blob.is_file(), timeout=20000)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in dialog.findChildren(QMessageBox)), timeout=5000)
    [box] = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert "Đã lấy lại 1 tệp" in box.text()
    box.close()
    dialog.reject()


def test_attachments_sync_has_not_brought_yet_are_said_beside_a_whole_verdict_not_as_damage(qtbot):
    from lecturer_app.core.store.integrity import CheckReport
    from lecturer_app.ui.backup.check import show_check_result

    report = CheckReport(records=3, revisions=3, blobs=2, awaited_blobs=["ab" * 32, "cd" * 32])
    dialog = show_check_result(report, None, recover=lambda hashes, parent: None)
    qtbot.add_widget(dialog)

    summary = dialog.summary.text()
    assert summary.startswith("Dữ liệu toàn vẹn: không phát hiện lỗi nào")
    assert "2 tệp đính kèm nhận qua đồng bộ từ máy khác chưa được tải về. Đây không phải lỗi dữ liệu" in summary
    assert not dialog.details.isVisibleTo(dialog)
    assert dialog.recover_button is not None  # a file received, then deleted by hand, may be in a backup
    dialog.reject()
