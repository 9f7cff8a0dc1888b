"""A folder shown as selectable text with a button that opens it in the file manager."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lecturer_app.i18n import _


class FolderLink(QWidget):
    """Shows *path*; "Mở thư mục" opens it (creating it first, so the button always does something)."""

    def __init__(self, path: Path, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.label = QLabel(str(path))
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(accessible_name)
        self.open_button = QPushButton(_("Mở thư mục"))
        self.open_button.clicked.connect(self.open_folder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)

    def set_path(self, path: Path) -> None:
        self.path = path
        self.label.setText(str(path))

    def open_folder(self) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
