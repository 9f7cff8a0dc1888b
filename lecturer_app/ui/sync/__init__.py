"""Sync in the GUI: USB bundles, the «Xung đột (N)» button, .lbb files opened, and the province server.

``install(window)`` adds the bundle actions (export, import, and the
receiver's «đã có» want file for a smaller next export), the status-bar conflicts
button, and the opener for ``.lbb`` files (``lecturer-app FILE.lbb`` and a
double-click go through ``window.file_openers``).  The work runs through
``window.operations`` with progress and Hủy (``ui/operations.py``).  For the
server: «Máy chủ đồng bộ…» and «Đồng bộ ngay» in the Tệp menu (and a button
in Cài đặt), and the background sync that keeps the status bar's label
(``background.py``, ``server_dialog.py``).
"""

from __future__ import annotations

from typing import Any

from lecturer_app.i18n import _


def install(window: Any) -> Any:
    """Wire the sync actions into *window*; returns the ``SyncActions`` (tests use it)."""
    from PySide6.QtGui import QAction

    from lecturer_app.ui.sync.actions import SyncActions
    from lecturer_app.ui.sync.conflict_button import ConflictButton

    actions = SyncActions(window)
    file_menu = window.menu("file")
    quit_action = file_menu.actions()[-1] if file_menu.actions() else None
    for text, name, slot in ((_("Xuất gói đồng bộ (USB)…"), "sync_export", lambda: actions.export_bundle()),
                             (_("Nhập gói đồng bộ…"), "sync_import", lambda: actions.import_bundle()),
                             (_("Ghi tệp «đã có» cho máy gửi…"), "sync_want", lambda: actions.write_want())):
        action = QAction(text, window)
        action.setObjectName(f"file_{name}")
        action.triggered.connect(slot)
        file_menu.insertAction(quit_action, action)
    if quit_action is not None:
        file_menu.insertSeparator(quit_action)
    window.conflicts_button = ConflictButton(window)
    window.file_openers = {**getattr(window, "file_openers", {}), ".lbb": actions.import_bundle}
    window.sync_actions = actions
    install_server_sync(window, quit_action)
    return actions


def install_server_sync(window: Any, before: Any = None) -> Any:
    """The background sync with the province server, its menu actions and settings page; the BackgroundSync."""
    from PySide6.QtGui import QAction

    from lecturer_app.ui.sync.background import BackgroundSync

    sync = window.background_sync = BackgroundSync(window, window.sync_label)
    sync.synced.connect(lambda _report: getattr(window, "conflicts_button", None) and window.conflicts_button.refresh())
    window.open_server_settings = lambda: open_server_settings(window)
    file_menu = window.menu("file")
    for text, name, slot in ((_("Máy chủ đồng bộ…"), "server_settings", window.open_server_settings),
                             (_("Đồng bộ ngay"), "sync_now", sync.sync_now)):
        action = QAction(text, window)
        action.setObjectName(f"file_{name}")
        action.triggered.connect(slot)
        file_menu.insertAction(before, action)
    _install_official_indicator(window)
    _announce_bank_update(window)
    if sync.configured:
        sync.start()
    return sync


def _install_official_indicator(window: Any) -> None:
    """Each topic page's «Bản chính thức» indicator; the shipped bank they compare with is read once, after startup."""
    from lecturer_app.core.bank.shipped_offers import ShippedBank
    from lecturer_app.ui.sync.official_indicator import install_indicator

    shipped = window.shipped_bank = ShippedBank()
    window.topic_page_hooks.append(lambda page: install_indicator(window, page, shipped))
    started_up = getattr(window, "started_up", None)
    if started_up is not None:
        started_up.connect(lambda: _read_shipped_bank(window, shipped))


def _read_shipped_bank(window: Any, shipped: Any) -> None:
    """Read the shipped bank on a worker while the lecturer has not opened a topic yet.

    Otherwise the first topic page's status read it (~50 ms of CPU in Python) while the page was built,
    and the two threads took turns with the GIL.  A failure is left to the status that needs the bank.
    """
    window.operations.run(_("Đọc ngân hàng chuyên đề kèm ứng dụng"), lambda _report: shipped.revisions_of(""),
                          on_error=lambda _exc: None, dialog=False)


def open_server_settings(window: Any) -> Any:
    """Show the «Máy chủ đồng bộ» settings page (one per window); returns it."""
    from lecturer_app.ui.sync.server_dialog import ServerSettingsDialog

    dialog = getattr(window, "server_settings_dialog", None)
    if dialog is None:
        dialog = window.server_settings_dialog = ServerSettingsDialog(window)
    dialog.show_state()
    dialog.show()
    return dialog


def import_bundle_from(window: Any):
    """Start the bundle import of *window* (the first-run dialog's USB button); None when sync is not installed."""
    actions = getattr(window, "sync_actions", None)
    return actions.import_bundle() if actions is not None else None


def _announce_bank_update(window: Any) -> None:
    """After an app update brought a new shipped bank: what was updated and what waits to be adopted."""
    report = window.context.workspace.bank_update_report
    if report is None:
        return
    text = _("Ngân hàng chuyên đề mới ({version}): cập nhật {n} mục; {k} mục bạn đã sửa có bản mới để "
             "áp dụng (nút «Có bản chính thức mới» trên trang chuyên đề).").format(
        version=report.bank.version, n=len(report.upgraded), k=len(report.kept_local))
    window.statusBar().showMessage(text, 30000)
