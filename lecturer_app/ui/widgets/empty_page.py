"""The page an editor shows while its topic has nothing to edit yet: what is missing and how to start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


def empty_page(message: str, *buttons: QPushButton) -> QWidget:
    """*message* centred, the *buttons* under it, a little above the middle of the page."""
    page = QWidget()
    label = QLabel(message)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.addWidget(label)
    for button in buttons:
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
    layout.addStretch(2)
    return page
