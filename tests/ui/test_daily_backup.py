"""The daily backup after the first paint, and the welcome on the very first start."""

from __future__ import annotations

from lecturer_app.core.backup.manifest import list_backups
from lecturer_app.ui.app import after_first_paint
from lecturer_app.ui.backup import start_daily_backup
from lecturer_app.ui.first_run.welcome_dialog import WelcomeDialog


def test_the_first_start_of_the_day_makes_one_automatic_backup(window, qtbot):
    operation = start_daily_backup(window)
    qtbot.waitUntil(lambda: operation.is_finished, timeout=20000)

    [backup] = list_backups(window.context.workspace.data_dir / "backups")
    assert backup.kind == "auto"
    assert "Đã sao lưu tự động" in window.statusBar().currentMessage()
    assert start_daily_backup(window) is None


def test_no_backup_when_switched_off(window):
    window.context.settings.auto_backup = False

    assert start_daily_backup(window) is None


def test_a_backup_folder_that_is_not_there_is_said_in_the_status_bar(window, qtbot, tmp_path):
    blocked = tmp_path / "not a folder"
    blocked.write_text("x", encoding="utf-8")
    window.context.settings.backup_dir = str(blocked / "USB")

    operation = start_daily_backup(window)
    qtbot.waitUntil(lambda: operation.is_finished, timeout=20000)

    assert "Không sao lưu tự động được" in window.statusBar().currentMessage()
    assert window.operations.last_error_box is None


def test_after_the_first_paint_the_welcome_opens_once(window, qtbot):
    after_first_paint(window)
    qtbot.waitUntil(lambda: not window.operations.running, timeout=20000)

    [welcome] = [d for d in window.findChildren(WelcomeDialog) if d.isVisible()]
    welcome.reject()
    after_first_paint(window)
    assert [d for d in window.findChildren(WelcomeDialog) if d.isVisible()] == []
