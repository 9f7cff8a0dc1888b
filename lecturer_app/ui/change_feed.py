"""The views' one source of "what changed": change sets read from the store's change feed.

Every write makes revisions, and ``Store.changes_since(seq)`` says which
records of which types arrived after a point of the feed, whichever
connection wrote them (the GUI's, an operation's worker connection, a bundle
import).  ``ChangeFeed`` hands each subscribed view that change set,
and the view refreshes only when it touches what the view shows — nothing
polls on a timer:

- a commit of the GUI's own store is noticed through ``Store.commit_listeners``
  (read on the next turn of the event loop, so a burst of saves is one check);
- an operation (worker connection) is noticed when it finishes;
- ``check()`` may be called by anyone who wrote elsewhere; ``replaced()``
  after the data was swapped wholesale (a restored backup).

``ChangeFeed.own``, during each emission, says the change set was read after the GUI's own
store committed (not after another writer): an editor need not reload what
it has just saved itself.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer

from lecturer_app.core.store.changes import ChangeSet, last_seq
from lecturer_app.core.store.record_store import Store

# What the bank tree shows (programs, topics and their counts of sections, slides and questions).
TREE_TYPES = ("organization", "program", "module", "topic", "written_plan", "plan_section", "slide_deck", "slide",
              "question")
# Records edited on a topic page, and the read table that says their topic.
_ON_TOPIC_PAGE = {"written_plan": "written_plans", "plan_section": "plan_sections", "slide_deck": "slide_decks",
                  "slide": "slides"}


class ChangeFeed(QObject):
    """Calls each subscriber with the change set of every new stretch of the feed; ``own`` is set meanwhile.

    Subscribers are plain Python callables (``subscribe``), not a Qt signal: a
    change set is handed to a few views synchronously, and PySide's signal
    machinery crashed at exit when carrying it (seen with PySide 6 here).

    Args:
        store: the GUI thread's store (its commits are listened to; the feed is read through it).
    """


    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.seq = last_seq(store.db)
        self.own = False  # the change set being handed out was read after our own commit
        self.subscribers: list[Callable[[ChangeSet], None]] = []
        self._pending = False
        self._soon = QTimer(self)  # one zero-delay shot per burst of commits (not a poll: it runs only when asked)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self._deferred)
        # The store outlives windows: it holds only a weak reference, and none to a deleted Qt object.
        store.commit_listeners.append(_weak_listener(self))

    def _committed(self) -> None:
        """Our store committed: read the feed once the current event is handled."""
        if not self._pending:
            self._pending = True
            self._soon.start()

    def _deferred(self) -> None:
        if self._pending:
            self._pending = False
            self._emit(foreign=False)

    def flush(self) -> None:
        """Read now what our own commits changed (after an explicit action whose result should show at once)."""
        self._deferred()

    def check(self) -> None:
        """Read the feed now (something may have written on another connection); emit if it moved.

        A slot: returns nothing (PySide mishandles values returned by slots).
        """
        self._emit(foreign=True)

    def watch(self, operation: QObject) -> None:
        """Read the feed when *operation* (``ui/operations.py``) finishes: it wrote on its own connection."""
        operation.finished.connect(self.check)  # type: ignore[attr-defined]

    def replaced(self) -> None:
        """The data was replaced (a restored backup): every view reloads, and the feed starts again here."""
        self.seq = last_seq(self.store.db)
        self.own = False
        self._hand_out(ChangeSet(self.seq, self.seq, everything=True))

    def _emit(self, foreign: bool) -> None:
        changes = self.store.changes_since(self.seq)
        if changes:
            self.seq = changes.upto
            self.own = not foreign
            self._hand_out(changes)

    def subscribe(self, callback: Callable[[ChangeSet], None]) -> None:
        """Call *callback(change_set)* for every change set from now on (views: refresh if it touches you)."""
        self.subscribers.append(callback)

    def _hand_out(self, changes: ChangeSet) -> None:
        for callback in list(self.subscribers):
            callback(changes)


def topics_touched(store: Store, changes: ChangeSet) -> set[str] | None:
    """The topics whose page shows something in *changes*; None when that cannot be told (reload all)."""
    if changes.everything:
        return None
    topics = set(changes.ids("topic"))
    for rtype, table in _ON_TOPIC_PAGE.items():
        ids = sorted(changes.ids(rtype))
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            rows = store.db.execute(f"SELECT id, topic_id FROM {table} WHERE id IN ({','.join('?' * len(part))})",
                                    part).fetchall()
            if len(rows) < len(part):
                return None  # a deleted section or slide: its topic is no longer written down
            topics.update(row[1] for row in rows)
    return topics


def _weak_listener(feed: ChangeFeed) -> Callable[[], None]:
    ref = weakref.ref(feed)

    def committed() -> None:
        alive = ref()
        if alive is not None and shiboken6.isValid(alive):
            alive._committed()

    return committed
