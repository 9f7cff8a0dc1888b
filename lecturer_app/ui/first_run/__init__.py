"""The first-run welcome: who writes, for which organisation, where the data lives, how to get the province's bank.

Shown once on the first start (``settings.welcome_done``), skippable, and
again from Trợ giúp › Hướng dẫn bắt đầu.
"""

from __future__ import annotations

from lecturer_app.i18n import _


def show_welcome(window):
    """Open the welcome dialog over *window* (not blocking); returns it."""
    from PySide6.QtCore import Qt

    from lecturer_app.ui.first_run.welcome_dialog import WelcomeDialog

    dialog = WelcomeDialog(window.context, window.operations, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.catalog_imported.connect(lambda _report: window.bank_changed.emit())
    dialog.usb_requested.connect(lambda: _import_bundle(window))
    server = getattr(window, "open_server_settings", None)  # installed by ui/sync, as in the settings dialog
    if server is not None:
        dialog.server_requested.connect(server)
    else:
        dialog.server_button.hide()
    dialog.finished.connect(lambda _result: window.statusBar().showMessage(
        _("Mở lại hướng dẫn này trong Trợ giúp › Hướng dẫn bắt đầu."), 8000))
    dialog.open()
    return dialog


def _import_bundle(window):
    from lecturer_app.ui.sync import import_bundle_from

    return import_bundle_from(window)


def show_welcome_if_new(window):
    """The welcome dialog on the first start only; returns it, or None."""
    if window.context.settings.welcome_done:
        return None
    return show_welcome(window)
