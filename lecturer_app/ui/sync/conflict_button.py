"""The status-bar button «Xung đột (N)»: visible only while records are in conflict; opens the conflicts dialog.

It recounts when the window's change feed brings a change set (``ui/change_feed.py``): a save, a
resolution, a bundle import or any operation that wrote — never on a timer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QPushButton

from lecturer_app.core.store.changes import ChangeSet
from lecturer_app.i18n import _
from lecturer_app.ui.sync.work import conflict_count

if TYPE_CHECKING:
    from lecturer_app.ui.sync.conflicts_dialog import ConflictsDialog


class ConflictButton(QPushButton):
    """Shows «Xung đột (N)» in *window*'s status bar; ``refresh()`` recounts."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.main_window = window
        self.dialog: ConflictsDialog | None = None
        self.setObjectName("conflicts_button")
        self.setFlat(True)
        self.setStyleSheet("color: #b03a2e; font-weight: bold")
        self.setToolTip(_("Bản ghi được sửa khác nhau ở hai máy: bấm để so và chọn bản giữ lại."))
        self.clicked.connect(self.open_dialog)
        window.statusBar().addPermanentWidget(self)
        window.changes.subscribe(self.on_changes)
        self.refresh()

    def on_changes(self, changes: ChangeSet) -> None:
        """Any written revision may start a conflict (an import) or end one (a save taking every head)."""
        if changes:
            self.refresh()
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.reload()

    def refresh(self) -> int:
        """Recount; returns N (the button hides at 0)."""
        count = conflict_count(self.main_window.context)
        self.setText(_("Xung đột ({n})").format(n=count))
        self.setAccessibleName(self.text())
        self.setVisible(count > 0)
        return count

    def open_dialog(self) -> ConflictsDialog:
        from lecturer_app.ui.sync.conflicts_dialog import ConflictsDialog

        if self.dialog is None:
            self.dialog = ConflictsDialog(self.main_window.context, self.main_window.open_topic, self.main_window)
            self.dialog.resolved.connect(self._after_resolve)
        else:
            self.dialog.reload()
        self.dialog.show()
        return self.dialog

    def _after_resolve(self, _record_id: str) -> None:
        # The resolution is this window's own write, which the feed does not push into editors: the pages
        # showing the record reload here; the count and the tree follow from the change set.
        for page in self.main_window.topic_pages():
            for editor in page.editors():
                editor.reload()
        self.main_window.changes.flush()  # the count and the tree show the resolution at once
