"""Đồng bộ bằng USB in the GUI: bundle export/import (Tệp menu), the «Xung đột (N)» button, .lbb files opened.

``install(window)`` adds the two menu actions, the status-bar conflicts
button, and the opener for ``.lbb`` files (``lecturer-app FILE.lbb`` and a
double-click go through ``window.file_openers``).  The work runs through
``window.operations`` with progress and Hủy (``ui/operations.py``).
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
                             (_("Nhập gói đồng bộ…"), "sync_import", lambda: actions.import_bundle())):
        action = QAction(text, window)
        action.setObjectName(f"file_{name}")
        action.triggered.connect(slot)
        file_menu.insertAction(quit_action, action)
    if quit_action is not None:
        file_menu.insertSeparator(quit_action)
    window.conflicts_button = ConflictButton(window)
    window.file_openers = {**getattr(window, "file_openers", {}), ".lbb": actions.import_bundle}
    window.sync_actions = actions
    return actions


def import_bundle_from(window: Any):
    """Start the bundle import of *window* (the first-run dialog's USB button); None when sync is not installed."""
    actions = getattr(window, "sync_actions", None)
    return actions.import_bundle() if actions is not None else None
