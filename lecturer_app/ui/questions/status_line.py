"""The line under the question list: what the last action did, with «Hoàn tác» while it can be undone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lecturer_app.i18n import _


class StatusLine(QWidget):
    """«Đã xóa N câu hỏi.» / «Đã gộp N câu hỏi.» and the button that undoes it.

    One undo is held, that of the last thing said: any later message ends
    the offer, so «Hoàn tác» never undoes something older than what it sits
    beside.

    Attributes:
        label: the message.
        undo_button: «Hoàn tác», shown only while there is something to undo.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.undo_button = QPushButton(_("Hoàn tác"))
        self.undo_button.setToolTip(_("Đưa các câu vừa xóa hoặc vừa gộp trở lại như cũ (Ctrl+Z trong danh sách)"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        self._undo: Callable[[], None] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)

    def tell(self, text: str, undo: Callable[[], None] | None = None) -> None:
        """Say *text*; with *undo*, offer «Hoàn tác» beside it until the next message."""
        self.label.setText(text)
        self._undo = undo
        self.undo_button.setVisible(undo is not None)

    def undo(self) -> None:
        """Run the undo on offer, once (a second click or Ctrl+Z does nothing)."""
        undo, self._undo = self._undo, None
        if undo is not None:
            self.undo_button.hide()
            undo()
