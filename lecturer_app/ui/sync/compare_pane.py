"""The list of records beside their comparison: shared by the conflicts and the official-version dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QSplitter, QTextBrowser


def compare_pane(list_name: str, view_name: str,
                 on_select: Callable[[], None]) -> tuple[QListWidget, QTextBrowser, QSplitter]:
    """A list (named *list_name* for screen readers) left of a comparison view; *on_select* runs on each pick."""
    records = QListWidget()
    records.setAccessibleName(list_name)
    records.currentItemChanged.connect(lambda _item, _old: on_select())
    view = QTextBrowser()
    view.setAccessibleName(view_name)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(records)
    splitter.addWidget(view)
    splitter.setSizes([320, 780])
    return records, view, splitter
