"""A combo box the lecturer can type into to find an item, with or without accents.

``make_searchable(combo)`` turns a filled QComboBox (say, the 125 topics) into
one whose text field filters the list as you type: "chuyen doi" finds
"Chuyển đổi số", "NTD-0" finds the NTD topics.  The chosen item is still
``currentIndex()``/``currentData()``; text that matches no item is put back
to the current item when the field loses focus.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from lecturer_app.core.text.normalize import fold


class FoldedFilter(QSortFilterProxyModel):
    """Rows whose text contains every typed word, compared without accents or case."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_text(self, text: str) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt before 6.10 (the project allows 6.8)
            self.words = fold(text).split()
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        self.words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 (Qt API)
        text = fold(str(self.sourceModel().index(row, 0, parent).data() or ""))
        return all(word in text for word in self.words)


def make_searchable(combo: QComboBox) -> QCompleter:
    """Let *combo* be searched by typing; returns its completer."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    proxy = FoldedFilter(combo)
    proxy.setSourceModel(combo.model())
    completer = QCompleter(proxy, combo)
    completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    line = combo.lineEdit()
    assert line is not None  # an editable combo always has one

    def typed(text: str) -> None:
        proxy.set_text(text)
        completer.complete()

    line.textEdited.connect(typed)
    # Show a long title from its start (its code), not scrolled to its last words.
    combo.currentIndexChanged.connect(lambda _index: line.setCursorPosition(0))
    # QComboBox maps a completer's choice through the proxy to its own row by itself.
    def put_back() -> None:  # typed text that chose nothing shows the current item again
        line.setText(combo.currentText())
        line.setCursorPosition(0)

    line.editingFinished.connect(put_back)
    line.setCursorPosition(0)
    return completer
