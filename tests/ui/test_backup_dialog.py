"""Sao lưu và khôi phục: list, back up now, check a backup, restore in place (after a backup) or elsewhere."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from lecturer_app.core.backup.create import create_backup
from lecturer_app.core.backup.manifest import list_backups
from lecturer_app.core.model import Topic
from lecturer_app.core.settings import load_settings
from lecturer_app.ui.backup import open_backup_dialog
from lecturer_app.ui.backup.backup_dialog import BackupDialog, size_text
from lecturer_app.ui.backup.findings_dialog import FindingsDialog


class Host:
    """Records the window's part of a restore."""

    def __init__(self) -> None:
        self.steps: list[str] = []

    def before_restore(self) -> bool:
        self.steps.append("before")
        return True

    def after_restore(self, report=None) -> None:
        self.steps.append("after")


@pytest.fixture
def backups_made(context):
    data = context.workspace.data_dir
    day = datetime(2026, 3, 5, 8, 0).astimezone()
    return [create_backup(data, data / "backups", kind, now=day + timedelta(days=n))
            for n, kind in enumerate(("auto", "manual"))]


@pytest.fixture
def dialog(qtbot, context, backups_made):
    from lecturer_app.ui.operations import OperationRunner

    runner = OperationRunner()
    host = Host()
    widget = BackupDialog(context, runner, host)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    runner.wait_all()


def test_backups_are_listed_newest_first_in_vietnamese(dialog):
    rows = [[dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
            for r in range(dialog.table.rowCount())]
    assert [r[:2] for r in rows] == [["06/03/2026 08:00", "Thủ công"], ["05/03/2026 08:00", "Tự động"]]
    assert dialog.selected().kind == "manual"
    assert dialog.same_disk_hint.isVisibleTo(dialog)


def test_back_up_now_adds_a_row(dialog, qtbot):
    with qtbot.waitSignal(dialog.backup_now().finished, timeout=20000):
        pass
    assert dialog.table.rowCount() == 3


def test_checking_a_good_backup_says_it_can_be_restored(dialog, qtbot):
    with qtbot.waitSignal(dialog.verify_selected().finished, timeout=20000):
        pass
    assert isinstance(dialog.last_box, FindingsDialog) and "tốt" in dialog.last_box.summary.text()
    dialog.last_box.reject()


def test_checking_a_damaged_backup_explains_what_is_missing(dialog, qtbot, context):
    info = dialog.selected()
    (context.workspace.data_dir / "backups" / info.id / "lecturer_app.sqlite3").write_bytes(b"not a database")
    with qtbot.waitSignal(dialog.verify_selected().finished, timeout=20000):
        pass
    assert "bị hỏng" in dialog.last_box.summary.text()
    assert "mã băm không khớp" in dialog.last_box.details.toPlainText()
    dialog.last_box.reject()


def test_restore_asks_first_and_cancel_changes_nothing(dialog, context):
    box = dialog.confirm_restore()
    assert "sao lưu dữ liệu hiện tại" in box.text()
    assert sorted(b.text() for b in box.buttons()) == ["Hủy", "Khôi phục"]
    next(b for b in box.buttons() if b.text() == "Hủy").click()
    assert dialog.host.steps == [] and len(list_backups(context.workspace.data_dir / "backups")) == 2


def test_restore_in_place_backs_up_first_then_brings_the_data_back(dialog, context, qtbot):
    context.store.save(Topic(code="SAU-01", title="Viết sau bản sao lưu"))
    dialog.table.selectRow(1)
    box = dialog.confirm_restore()

    with qtbot.waitSignal(dialog.restored, timeout=20000) as restored:
        next(b for b in box.buttons() if b.text() == "Khôi phục").click()

    assert dialog.host.steps == ["before", "after"]
    assert context.bank.topic_by_code("SAU-01") is None and context.bank.topic_by_code("AB-01") is not None
    assert restored.args[0].safety.kind == "before-restore"
    assert [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())][0] == "Trước khi khôi phục"
    assert isinstance(dialog.last_box, QMessageBox) and "Đã khôi phục" in dialog.last_box.text()
    dialog.last_box.close()


def test_restore_into_a_new_folder(dialog, qtbot, tmp_path):
    target = tmp_path / "Bản khôi phục"
    with qtbot.waitSignal(dialog.restore_to(target).finished, timeout=20000):
        pass
    assert (target / "lecturer_app.sqlite3").is_file()
    assert "--data-dir" in dialog.last_box.text()
    dialog.last_box.close()


def test_choosing_another_backup_folder_is_saved_and_lists_it(dialog, context, tmp_path):
    usb = tmp_path / "USB"
    dialog.set_backup_folder(str(usb))
    assert load_settings(context.workspace.settings_path).backup_dir == str(usb)
    assert dialog.table.rowCount() == 0 and not dialog.same_disk_hint.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()


def test_the_daily_backup_can_be_switched_off(dialog, context):
    dialog.auto_backup.setChecked(False)
    assert load_settings(context.workspace.settings_path).auto_backup is False


def test_sizes_are_written_the_vietnamese_way():
    assert [size_text(n) for n in (512, 1536, 4_718_592)] == ["512 B", "1,5 KB", "4,5 MB"]


def test_the_tools_menu_opens_it_and_restoring_closes_the_open_topics(window, qtbot, backups_made):
    page = window.open_topic(window.context.bank.require_topic("AB-01").id)
    assert page is not None
    titles = [a.text() for a in window.menu("tools").actions()]
    assert "&Sao lưu và khôi phục…" in titles and "&Kiểm tra dữ liệu" in titles

    before_device = window.context.store.device
    dialog = open_backup_dialog(window)
    with qtbot.waitSignal(dialog.restored, timeout=20000):
        dialog.restore(dialog.selected().id)

    assert window.topic_pages() == []
    minted = window.context.store.save(Topic(code="SAU-02", title="Viết sau khi khôi phục"))
    assert minted.origin_replica == window.context.store.device != before_device
    dialog.last_box.close()
    dialog.reject()
