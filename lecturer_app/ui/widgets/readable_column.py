"""One column of a table that takes the room the others leave, but never less than a readable width.

Qt's ``Stretch`` mode gives a column what is left, which on a 1280×720
laptop beside the topic tree and the question editor is nothing: the stem of
a question, what a lecturer reads, shrank to a dozen letters while the type
column kept its fixed width.  Here the column is as wide as the view allows
and at least *minimum* pixels; below that the table scrolls sideways, so the
columns after it (level, points…) are still there, one scroll away.

A *yielding* column (a learner's name, which wraps) gives up its room first,
down to a floor (its longest word), before the readable one goes below its
minimum: in English at 1280×720 the grading grid of a class of forty, its
vertical scroll bar shown, was 113 pixels too wide with the name at its
preferred width.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QTableView


class ReadableColumn(QObject):
    """Keeps column *column* of *view* at the width the other columns leave, and at least *minimum* pixels.

    *column* -1: none until :meth:`set_column` (a view whose model, and so its last column, comes later).
    """

    def __init__(self, view: QTableView, column: int, minimum: int) -> None:
        super().__init__(view)
        self._view, self._column, self._minimum = view, column, minimum
        self._yielding = -1  # the column that gives way first (none)
        self._preferred = self._floor = 0  # its width when there is room, and the least it may have
        self._fitting = False  # the sections resized here are not the user's
        view.viewport().installEventFilter(self)
        view.horizontalHeader().sectionResized.connect(self._on_section_resized)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def set_column(self, column: int) -> None:
        """Make *column* the readable one (a model with another number of columns was set) and fit it."""
        self._column = column
        self.fit()

    def set_yielding(self, column: int, preferred: int, floor: int) -> None:
        """Let *column* shrink from *preferred* towards *floor* pixels while the readable column is at its minimum."""
        self._yielding, self._preferred, self._floor = column, preferred, min(floor, preferred)
        self.fit()

    def _on_section_resized(self, section: int, _old: int, new: int) -> None:
        if self._fitting:
            return
        if section == self._yielding:  # the lecturer dragged it: that is its width from now on
            self._preferred = self._floor = new
        if section != self._column:  # the user widened another column: this one gives up the room
            self.fit()

    def fit(self) -> None:
        """Set the column to the room left by the other shown columns (at least the minimum)."""
        header = self._view.horizontalHeader()
        if not 0 <= self._column < header.count():  # no column yet (set_column names it once a model is set)
            return
        yielding = self._yielding if 0 <= self._yielding < header.count() and self._yielding != self._column else -1
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c not in (self._column, yielding) and not header.isSectionHidden(c))
        room = self._view.viewport().width() - others
        self._fitting = True
        try:
            if yielding >= 0:
                width = max(self._floor, min(self._preferred, room - self._minimum))
                header.resizeSection(yielding, width)
                room -= width
            header.resizeSection(self._column, max(self._minimum, room))
        finally:
            self._fitting = False


def label_width(view: QAbstractItemView, labels: Iterable[str], padding: int = 20) -> int:
    """The width a column needs to show the longest of *labels* whole in *view*'s font (not a scan of rows)."""
    metrics = view.fontMetrics()
    return max((metrics.horizontalAdvance(label) for label in labels), default=0) + padding
