"""A tab's placeholder that builds the real widget when first shown (on the next event-loop turn) or asked for.

Feature packages add workspaces at startup; building one (its tables,
editors and models) costs tens of milliseconds, which must neither delay the
bank appearing nor add to another startup step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyWidget(QWidget):
    """Holds ``factory()``'s widget once built; until then, an empty page."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._widget: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def widget(self) -> QWidget:
        """The real widget, built now if it was not yet."""
        if self._widget is None:
            self._widget = self._factory()
            self._layout.addWidget(self._widget)
            if self.isVisible():  # Qt would show a child added to a shown widget only on the next turn
                self._widget.show()
        return self._widget

    def built_widget(self) -> QWidget | None:
        """The real widget if something has needed it already, else None (nothing is built)."""
        return self._widget

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._widget is None:
            QTimer.singleShot(0, self, self.widget)
