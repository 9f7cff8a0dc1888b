"""The «Bản chính thức» indicator on a topic page's toolbar.

Hidden while the topic has no official version; «✓ Bản chính thức» when
the page shows exactly the official content; «Có bản chính thức mới (N)»
when N records differ (an editor's newer mark, a new shipped bank, or the
lecturer's own later draft).  Clicking opens ``OfficialDialog``.  The status
is computed on a worker thread (it reads the shipped bank) when the page
opens, after each server sync and after adopting.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from shiboken6 import isValid

from lecturer_app.core.bank.shipped_offers import ShippedBank
from lecturer_app.i18n import _
from lecturer_app.ui.sync import official_work
from lecturer_app.ui.sync.official_dialog import OfficialDialog


class OfficialIndicator:
    """The indicator of one topic page.

    Attributes:
        action: the toolbar action.
        status: the last OfficialStatus computed (None before the first).
        dialog: the dialog, once opened.
    """

    def __init__(self, window: Any, page: Any, shipped: ShippedBank | None = None) -> None:
        self.window = window
        self.page = page
        self.shipped = shipped or ShippedBank()  # the window's one, read once for every page
        self.status: Any = None
        self.dialog: OfficialDialog | None = None
        self.operation: Any = None
        self.action = QAction(_("Bản chính thức"), page)
        self.action.setObjectName("official_indicator")
        self.action.setVisible(False)
        self.action.triggered.connect(self.open_dialog)
        actions = page.toolbar.actions()
        # First on the toolbar, so a narrow window never hides it in the overflow menu.
        page.toolbar.insertAction(actions[0] if actions else None, self.action)
        page.official_indicator = self

    def refresh(self) -> Any:
        """Recompute the status in the background; returns the operation."""
        context, topic_id, shipped = self.window.context, self.page.topic.id, self.shipped
        self.operation = self.window.operations.run(
            _("Kiểm tra bản chính thức"), lambda report: official_work.run_status(context, topic_id, shipped, report),
            self.show_status, lambda exc: None, dialog=False)
        return self.operation

    def show_status(self, status: Any) -> None:
        if not isValid(self.action):
            return  # the page was closed while the status was computed
        self.status = status
        differing = len(status.updates)
        official = status.mark is not None or differing
        self.action.setVisible(bool(official))
        if differing:
            self.action.setText(_("Có bản chính thức mới ({n})").format(n=differing))
            self.action.setToolTip(_("Bản chính thức khác bản bạn đang dùng ở {n} mục: bấm để so và áp dụng.").format(
                n=differing))
        else:
            self.action.setText(_("✓ Bản chính thức"))
            self.action.setToolTip(_("Chuyên đề đang dùng đúng bản chính thức của tỉnh."))
        self.page.refresh_toolbar()
        if self.dialog is not None:
            self.dialog.show_status(status)

    def open_dialog(self) -> OfficialDialog:
        if self.dialog is None:
            self.dialog = OfficialDialog(self.page.topic.title, self.window)
            self.dialog.adopt_requested.connect(self.adopt)
        if self.status is not None:
            self.dialog.show_status(self.status)
        self.dialog.show()
        return self.dialog

    def adopt(self, record_ids: list[str] | None) -> Any:
        """Adopt the official content (all, or *record_ids*) in the background; the operation."""
        self.page.flush()
        context, topic_id = self.window.context, self.page.topic.id
        self.operation = self.window.operations.run(
            _("Áp dụng bản chính thức"),
            lambda report: official_work.run_adopt(context, topic_id, record_ids, report), self._adopted)
        return self.operation

    def _adopted(self, status: Any) -> None:
        for editor in self.page.editors():
            editor.reload()
        self.window.bank_changed.emit()
        self.show_status(status)


def install_indicator(window: Any, page: Any, shipped: ShippedBank | None = None) -> OfficialIndicator:
    """The topic page hook: add the indicator and compute its status (*shipped*: the window's shipped bank)."""
    indicator = OfficialIndicator(window, page, shipped)
    indicator.refresh()
    sync = getattr(window, "background_sync", None)
    if sync is not None:
        def after_sync(_report: Any) -> None:
            indicator.refresh()

        sync.synced.connect(after_sync)
        page.destroyed.connect(lambda *_args: sync.synced.disconnect(after_sync))
    return indicator
