"""The answer to a finished action: what was done, and a button that opens the result.

Lesson export already ends with such a notice (``ui/documents/results.py``);
"Tạo đề", "Nhập vào ngân hàng" and "Ghi bảng điểm…" use this one, so no
action a lecturer starts ends in silence.  The notice is not modal: the
lecturer may keep working and close it later.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from lecturer_app.i18n import _
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

OpenAction = tuple[str, Callable[[], object]]


def open_path(path: Path) -> bool:
    """Open *path* (a file or a folder) with the system's program for it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class DoneNotice(QMessageBox):
    """An information box with one button per way of opening the result, and Đóng.

    Attributes:
        open_buttons: the "Mở…" buttons, in the order given.
    """

    def __init__(self, title: str, text: str, actions: list[OpenAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setIcon(QMessageBox.Icon.Information)
        self.setText(text)
        self.open_buttons: list[QPushButton] = []
        for label, action in actions:
            button = self.addButton(label, QMessageBox.ButtonRole.ActionRole)
            button.clicked.connect(action)
            self.open_buttons.append(button)
        self.addButton(QMessageBox.StandardButton.Close)
        translate_buttons(self)


def notify_done(parent: QWidget, title: str, text: str, actions: list[OpenAction]) -> DoneNotice:
    """Show a :class:`DoneNotice` without blocking; returns it."""
    box = DoneNotice(title, text, actions, parent)
    box.open()
    return box


def file_actions(path: Path, opener: Callable[[Path], object] = open_path) -> list[OpenAction]:
    """"Mở tệp" and "Mở thư mục" for a written file."""
    return [(_("Mở tệp"), lambda: opener(path)), (_("Mở thư mục"), lambda: opener(path.parent))]
