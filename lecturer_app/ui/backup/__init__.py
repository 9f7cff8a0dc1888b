"""Sao lưu và khôi phục, Kiểm tra dữ liệu, and the daily backup at start (docs/design/backup.md).

``install_backup_actions(window)`` puts the two actions in Công cụ; the
composition root calls ``start_daily_backup(window)`` after the first paint.
"""

from __future__ import annotations

from PySide6.QtGui import QAction

from lecturer_app.i18n import _


def install_backup_actions(window) -> None:
    menu = window.menu("tools")
    window.backup_action = QAction(_("&Sao lưu và khôi phục…"), window)
    window.backup_action.triggered.connect(lambda: open_backup_dialog(window))
    window.check_data_action = QAction(_("&Kiểm tra dữ liệu"), window)
    window.check_data_action.triggered.connect(lambda: run_data_check(window))
    menu.addAction(window.backup_action)
    menu.addAction(window.check_data_action)


def open_backup_dialog(window):
    from lecturer_app.ui.backup.backup_dialog import BackupDialog
    from lecturer_app.ui.backup.restore_host import WindowRestoreHost

    dialog = BackupDialog(window.context, window.operations, WindowRestoreHost(window), window)
    dialog.open()
    return dialog


def run_data_check(window):
    from lecturer_app.ui.backup.check import start_check

    return start_check(window.context, window.operations, window)


def start_daily_backup(window):
    from lecturer_app.ui.backup.daily import start_daily_backup as start

    return start(window)
