"""What a write changed: the records, by type, between two points of the change feed.

The change feed is the local arrival order of revisions (``revisions.seq``).
A :class:`ChangeSet` is what Anki calls ``OpChanges``: an operation returns
one, and each view refreshes only when it touches what the view shows,
whichever connection (the GUI's, a worker's, a sync) wrote it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lecturer_app.core.store.db import Database


@dataclass(frozen=True)
class ChangeSet:
    """Records whose revisions arrived after ``after`` up to ``upto`` (feed positions).

    Attributes:
        after: the feed position the change set starts after (exclusive).
        upto: the last feed position it covers; the next change set starts after it.
        records: record type → ids of the records of that type that changed.
    """

    after: int
    upto: int
    records: dict[str, frozenset[str]] = field(default_factory=dict)
    everything: bool = False  # the data was replaced (a restored backup): every view reloads

    def __bool__(self) -> bool:
        return self.everything or bool(self.records)

    def touches(self, *record_types: str) -> bool:
        """True when a record of one of *record_types* changed."""
        return self.everything or any(t in self.records for t in record_types)

    def ids(self, record_type: str) -> frozenset[str]:
        return self.records.get(record_type, frozenset())


def last_seq(db: Database) -> int:
    """The newest position of the change feed (0 for an empty store)."""
    return int(db.execute("SELECT COALESCE(MAX(seq), 0) FROM revisions").fetchone()[0])


def changes_since(db: Database, seq: int) -> ChangeSet:
    """The records whose revisions arrived after *seq* (everything, when the feed went back: data replaced)."""
    newest = last_seq(db)
    if newest < seq:
        return ChangeSet(seq, newest, everything=True)
    by_type: dict[str, set[str]] = {}
    upto = seq
    for row_seq, record_id, record_type in db.execute(
            "SELECT seq, record_id, type FROM revisions WHERE seq > ? ORDER BY seq", [seq]):
        by_type.setdefault(record_type, set()).add(record_id)
        upto = row_seq
    return ChangeSet(seq, upto, {t: frozenset(ids) for t, ids in by_type.items()})


def changed_after(db: Database, record_ids: Sequence[str], seq: int) -> bool:
    """Whether a revision of one of *record_ids* arrived after feed position *seq*, by any connection.

    An edit, a deletion, its undo and a revision a sync brings each add one, so
    this tells whether what was read of these records at *seq* still holds
    (one look-up per record in the ``revisions_record`` index).
    """
    ids = list(dict.fromkeys(record_ids))
    return any(db.execute(f"SELECT 1 FROM revisions WHERE record_id IN ({','.join('?' * len(part))}) AND seq > ? "
                          "LIMIT 1", [*part, seq]).fetchone() is not None
               for part in (ids[start:start + 500] for start in range(0, len(ids), 500)))


def type_changed_after(db: Database, record_types: Sequence[str], seq: int) -> bool:
    """Whether a revision of a record of one of *record_types* arrived after feed position *seq* (or the data
    was replaced: the feed went back)."""
    if last_seq(db) < seq:
        return True
    marks = ",".join("?" * len(record_types))
    return db.execute(f"SELECT 1 FROM revisions WHERE seq > ? AND type IN ({marks}) LIMIT 1",
                      [seq, *record_types]).fetchone() is not None
