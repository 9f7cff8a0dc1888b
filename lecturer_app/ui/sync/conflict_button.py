"""The status-bar button «Xung đột (N)»: visible only while records are in conflict; opens the conflicts dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from lecturer_app.i18n import _
from lecturer_app.ui.sync.work import conflict_count

if TYPE_CHECKING:
    from lecturer_app.ui.sync.conflicts_dialog import ConflictsDialog

# Saves happen in many editors; a cheap COUNT this often keeps the button true without wiring each one.
POLL_MS = 5000


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
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        window.statusBar().addPermanentWidget(self)
        window.bank_changed.connect(self.refresh)
        self.refresh()

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
            self.dialog.resolved.connect(lambda _record: self._after_resolve())
        else:
            self.dialog.reload()
        self.dialog.show()
        return self.dialog

    def _after_resolve(self) -> None:
        for page in self.main_window.topic_pages():
            for editor in page.editors():
                editor.reload()
        self.main_window.bank_changed.emit()  # refreshes the bank tree and this button
