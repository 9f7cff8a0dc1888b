"""The topics field of the oral cards, the quiz and the exam blueprint's quick fill: codes, typed or chosen.

The line edit stays, for the lecturer who knows the codes (and for tests);
beside it «Chọn…» opens the bank's topics to tick (``TopicCodesDialog``), and
while typing, a completer offers the topics whose code or title holds the
part being typed (the part between two commas), without accents.  Both write
through the line edit's own editing, so Ctrl+Z takes a choice back.

``codes()`` is what the screens read: the stored codes, or a UserFacingError
naming each code the bank does not have (core/bank/topic_codes.py).

The list shows each topic's questions of the types the screen draws
(*question_types*), counted through the app's one background-operation helper
(``ui/operations.OperationRunner``, its own, with no progress dialog) on a
connection of its own (the store rule of ui/operations.py), and kept until the
store changes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.bank.topic_codes import QuestionCount, TopicCatalogue, question_counts, split_codes
from lecturer_app.core.store.changes import last_seq
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.record_store import Store
from lecturer_app.i18n import _
from lecturer_app.ui.operations import OperationRunner
from lecturer_app.ui.widgets.searchable_combo import FoldedFilter
from lecturer_app.ui.widgets.topic_codes_dialog import TopicCodesDialog

POPUP_MAX_WIDTH = 640  # fits beside the bank tree on a 1280-pixel screen; longer titles are elided
log = logging.getLogger(__name__)
Counts = dict[str, QuestionCount]


def current_part(text: str, cursor: int) -> tuple[int, int]:
    """The span of the comma-separated part of *text* the cursor is in (commas excluded)."""
    start = text.rfind(",", 0, cursor) + 1
    end = text.find(",", cursor)
    return start, len(text) if end < 0 else end


class _CodesLine(QLineEdit):
    """A line edit that says when Ctrl+Z or Ctrl+Shift+Z is changing its text: that is no typing to complete."""

    undoing = False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        self.undoing = event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
        try:
            super().keyPressEvent(event)
        finally:
            self.undoing = False


def _count_apart(path: Path, types: tuple[str, ...]) -> Counts:
    """On a worker thread: each topic's questions, counted on a connection of its own, closed after."""
    db = open_database(path)
    try:
        return question_counts(db, types)
    finally:
        db.close()


class TopicCodesField(QWidget):
    """A line edit of comma-separated topic codes, a «Chọn…» button, and a completer.

    ``text()``, ``setText()`` and ``line.textChanged`` are the line edit's, so a
    screen reads the field as it read its QLineEdit.
    """

    counted = Signal(object)  # the question counts, read (None: the read failed)

    def __init__(self, store: Store, text: str = "", parent: QWidget | None = None, *,
                 question_types: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.store = store
        self.question_types = tuple(question_types)  # the types the screen draws (none: all)
        self._counts: Counts | None = None
        self._counts_seq = self._counting_seq = -1
        self._runner = OperationRunner(self)  # the count of each topic's questions (0.1 s at 200,000 for the exam)
        self._catalogue: TopicCatalogue | None = None
        self._seq = -1
        self._writing = False  # our own insert() is no typing to complete
        self._code_of: dict[str, str] = {}  # the completer's rows' labels → codes
        self.line = _CodesLine(text, self)
        self.line.setPlaceholderText(_("Mã chuyên đề, cách nhau bằng dấu phẩy"))
        self.choose_button = QPushButton(_("Chọn…"), self)
        self.choose_button.setToolTip(_("Chọn chuyên đề trong danh sách của ngân hàng"))
        self.choose_button.setAccessibleName(_("Chọn chuyên đề"))
        self.choose_button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.choose_button)
        self.setFocusProxy(self.line)
        self.completer = self._make_completer()

    # The line edit's reading and writing ------------------------------------

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:  # noqa: N802 (QLineEdit's name: the screens used one)
        self.line.setText(text)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt API)
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)  # what a screen reader reads when the field takes the focus

    def catalogue(self) -> TopicCatalogue:
        """The bank's topics and codes, read again only when the store changed (a topic added in another tab)."""
        seq = last_seq(self.store.db)
        if self._catalogue is None or seq != self._seq:
            self._catalogue, self._seq = TopicCatalogue.of(LessonBank(self.store)), seq
            self._fill_completer(self._catalogue)
        return self._catalogue

    def codes(self) -> list[str]:
        """The stored codes typed, each once; a UserFacingError names every code the bank does not have."""
        return self.catalogue().resolve(self.line.text())

    def _replace(self, start: int, end: int, text: str) -> None:
        """Put *text* in place of ``line.text()[start:end]`` as an edit Ctrl+Z takes back (setText would not)."""
        self._writing = True
        try:
            self.line.setSelection(start, end - start)
            self.line.insert(text)
        finally:
            self._writing = False

    # «Chọn…» -----------------------------------------------------------------

    def choose(self) -> None:
        """Open the list of topics, ticked as typed; «Đồng ý» writes the ticked codes in the field."""
        dialog = self.dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.write_chosen(dialog.chosen_codes())

    def dialog(self) -> TopicCodesDialog:
        catalogue = self.catalogue()
        typed = split_codes(self.line.text())
        chosen = {code for part in typed if (code := catalogue.lookup(part))}
        dialog = TopicCodesDialog(catalogue, chosen, unknown=catalogue.unknown(self.line.text()),
                                  counts=self.question_counts(), parent=self)
        self.counted.connect(dialog.set_counts)
        return dialog

    def question_counts(self) -> Counts | None:
        """Each topic's questions, if counted since the store last changed; else None, the count started."""
        seq = last_seq(self.store.db)
        if self._counts is not None and self._counts_seq == seq:
            return self._counts
        path = self.store.db.path
        if path is None:  # an in-memory store (tests) has no second connection: small, counted here
            self._counts, self._counts_seq = question_counts(self.store.db, self.question_types), seq
            return self._counts
        if self._counting_seq != seq:
            self._counting_seq = seq
            types = self.question_types
            self._runner.run(_("Đang đếm câu hỏi của các chuyên đề"), lambda _report: _count_apart(path, types),
                             on_success=lambda counts: self._counted(seq, counts),
                             on_error=lambda exc: self._not_counted(seq, exc), dialog=False)
        return None

    def _not_counted(self, seq: int, error: BaseException) -> None:
        """The list stays usable without its counts; the log says why they are missing."""
        log.error("counting the questions of each topic failed", exc_info=error)
        self._counted(seq, None)

    def _counted(self, seq: int, counts: Counts | None) -> None:
        if seq == self._counting_seq:
            self._counting_seq = -1
        if counts is not None:
            self._counts, self._counts_seq = counts, seq
        self.counted.emit(counts)

    def write_chosen(self, chosen: list[str]) -> None:
        """The typed codes the list does not show (programs', mistyped) stay; topics as ticked, typed ones first."""
        catalogue = self.catalogue()
        topics = catalogue.topic_codes()
        kept: list[str] = []
        for part in split_codes(self.line.text()):
            code = catalogue.lookup(part)
            if code is None or code not in topics:
                kept.append(part)
            elif code in chosen:
                kept.append(code)
        codes = list(dict.fromkeys([*kept, *chosen]))
        self._replace(0, len(self.line.text()), ", ".join(codes))

    # The completer -----------------------------------------------------------

    def _make_completer(self) -> QCompleter:
        self._model = QStandardItemModel(self)
        self._filter = FoldedFilter(self)
        self._filter.setSourceModel(self._model)
        completer = QCompleter(self._filter, self)
        # The filter chooses the rows (any word, no accents); the completer only shows them.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setWidget(self.line)
        completer.activated.connect(self._completed)  # the row's text: its label, "CODE — title"
        self.line.textEdited.connect(self._typed)
        return completer

    def _fill_completer(self, catalogue: TopicCatalogue) -> None:
        self._model.clear()
        self._code_of = {choice.label: choice.code for choice in catalogue.topics}
        for choice in catalogue.topics:
            item = QStandardItem(choice.label)
            item.setEditable(False)
            self._model.appendRow(item)

    def _typed(self, text: str) -> None:
        if self._writing or self.line.undoing:
            return
        start, end = current_part(text, self.line.cursorPosition())
        part = text[start:end].strip()
        self.catalogue()  # a topic added since the last look is offered too
        self._filter.set_text(part)
        popup = self.completer.popup()
        if popup is None:
            return
        if not part or self._filter.rowCount() == 0:
            popup.hide()
            return
        # As wide as the titles need (up to POPUP_MAX_WIDTH), not the line edit's 170 pixels in the exam's row.
        rect = self.line.rect()
        wanted = popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 8
        rect.setWidth(max(rect.width(), min(wanted, POPUP_MAX_WIDTH)))
        self.completer.complete(rect)

    def _completed(self, label: str) -> None:
        code = self._code_of.get(label)
        if code is None:
            return
        start, end = current_part(self.line.text(), self.line.cursorPosition())
        self._replace(start, end, (" " if start else "") + code)
