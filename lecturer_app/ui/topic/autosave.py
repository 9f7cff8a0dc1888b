"""Autosave for editors: staged edits reach the store ``AUTOSAVE_MS`` after the first one.

The timer is started by the first unsaved edit and not restarted by later
ones, so a killed app loses at most ``AUTOSAVE_MS`` of typing, and continuous
typing makes one revision per record per interval (docs/design/gui.md).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from lecturer_app.core.model import Record
from lecturer_app.core.store.edit_session import EditSession
from lecturer_app.core.store.record_store import Store

AUTOSAVE_MS = 2000


class Autosaver(QObject):
    """An :class:`EditSession` driven by a timer.

    Editors that keep text in widgets register a *collector* with
    :meth:`before_flush`; it copies the widget text into records and stages
    them just before writing, so nothing is serialised per keystroke.

    Signals:
        saved(int): records were written (the count).
    """

    saved = Signal(int)

    def __init__(self, store: Store, parent: QObject | None = None, delay_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(parent)
        self.session = EditSession(store)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)
        self._collectors: list[Callable[[], None]] = []
        self._touched = False

    def before_flush(self, collector: Callable[[], None]) -> None:
        self._collectors.append(collector)

    def touch(self) -> None:
        """Something changed in a widget; a flush will collect it."""
        self._touched = True
        if not self.timer.isActive():
            self.timer.start()

    def stage(self, record: Record) -> None:
        self.session.stage(record)
        self.touch()

    def save_now(self, record: Record, summary: str) -> None:
        self.session.save_now(record, summary)
        self.saved.emit(1)

    def delete_now(self, record: Record, summary: str) -> None:
        self.session.delete_now(record, summary)
        self.saved.emit(1)

    def _collect(self) -> None:
        if self._touched:
            for collector in self._collectors:
                collector()
            self._touched = False

    @property
    def has_pending(self) -> bool:
        return self._touched or self.session.has_pending

    @property
    def has_unversioned(self) -> bool:
        return self.has_pending or self.session.has_unversioned

    def flush(self) -> int:
        """Write what is staged now; returns how many records changed."""
        self.timer.stop()
        self._collect()
        count = self.session.flush()
        if count:
            self.saved.emit(count)
        return count

    def save_version(self, name: str) -> int:
        self.timer.stop()
        self._collect()
        count = self.session.save_version(name)
        if count:
            self.saved.emit(count)
        return count

    def discard(self) -> None:
        self.timer.stop()
        self._touched = False
        self.session.discard()
        self.saved.emit(0)
