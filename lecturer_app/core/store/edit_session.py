"""What an editor has changed since the last named version, and writing it.

An editor *stages* the records it changed; :meth:`EditSession.flush` writes
them as autosave revisions (the GUI calls it ~2 s after the first unsaved
edit, so a killed app loses at most that much typing).  The session also
remembers each touched record as it was at the last named version (its
*baseline*), so "Lưu phiên bản" can write one named revision per touched
record and "Không lưu" can put every touched record back.  Revisions are
immutable: nothing here rewrites history, it only appends.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lecturer_app.core.model import Record
from lecturer_app.core.store import summaries
from lecturer_app.core.store.record_store import Store

# Stored in Vietnamese whatever the interface's language (core/store/summaries.py).
AUTOSAVE_SUMMARY = summaries.AUTOSAVE
DISCARD_SUMMARY = summaries.DISCARD


@dataclass
class EditSession:
    """The unsaved state of one editor over *store*.

    Attributes:
        pending: staged records not yet written, by id.
        baseline: each touched record at the last named version (None = it did not exist).
    """

    store: Store
    pending: dict[str, Record] = field(default_factory=dict)
    baseline: dict[str, Record | None] = field(default_factory=dict)

    def _remember(self, record: Record) -> None:
        if record.id and record.id not in self.baseline:
            stored = self.store.get(type(record), record.id)
            self.baseline[record.id] = copy.deepcopy(stored)

    def stage(self, record: Record) -> None:
        """Note that *record* changed; it is written at the next flush."""
        if not record.id:
            raise ValueError("stage a record that has an id (save new records with save_now)")
        self._remember(record)
        self.pending[record.id] = record

    def save_now(self, record: Record, summary: str = AUTOSAVE_SUMMARY) -> None:
        """Write *record* at once (structure changes: new, moved or revived records)."""
        if record.id:
            self._remember(record)
        self.pending.pop(record.id, None)
        new = not record.id
        self.store.save(record, summary=summary)
        if new:
            self.baseline.setdefault(record.id, None)

    def delete_now(self, record: Record, summary: str) -> None:
        """Delete *record* at once (a tombstone revision; restorable)."""
        self._remember(record)
        self.pending.pop(record.id, None)
        self.store.delete(record.id, summary=summary)

    @property
    def has_pending(self) -> bool:
        return bool(self.pending)

    @property
    def has_unversioned(self) -> bool:
        """True when something changed since the last named version."""
        return bool(self.pending) or any(self._differs(rid, old) for rid, old in self.baseline.items())

    def _differs(self, record_id: str, old: Record | None) -> bool:
        if old is None:
            return self.store.record_type(record_id) is not None and not self._is_deleted(record_id)
        current = self.store.get(type(old), record_id)
        return current is None or current.to_body() != old.to_body()

    def _is_deleted(self, record_id: str) -> bool:
        row = self.store.db.execute("SELECT deleted FROM records WHERE id = ?", [record_id]).fetchone()
        return bool(row and row[0])

    def flush(self, summary: str = AUTOSAVE_SUMMARY) -> int:
        """Write every staged record in one transaction; returns how many changed."""
        if not self.pending:
            return 0
        written = 0
        with self.store.transaction():
            for record in list(self.pending.values()):
                if self.store.save(record, summary=summary) is not None:
                    written += 1
        self.pending.clear()
        return written

    def save_version(self, name: str) -> int:
        """A named revision of every record touched since the last version.

        Records already autosaved get a revision with the same content and the
        name (``Store.restore`` of their head), so the name marks the state.
        Returns the number of named revisions written.
        """
        count = 0
        with self.store.transaction():
            staged = set(self.pending)
            count += self.flush(name)
            for record_id, old in self.baseline.items():
                if record_id in staged or not self._differs(record_id, old):
                    continue
                heads = self.store.log.heads(record_id)
                if heads and not heads[0].deleted:
                    self.store.restore(record_id, heads[0].rev_id, summary=name)
                    count += 1
        self.baseline.clear()
        return count

    def discard(self) -> None:
        """Put every touched record back as it was at the last named version."""
        self.pending.clear()
        with self.store.transaction():
            for record_id, old in self.baseline.items():
                if old is None:
                    if self.store.record_type(record_id) and not self._is_deleted(record_id):
                        self.store.delete(record_id, summary=DISCARD_SUMMARY)
                elif self._differs(record_id, old):
                    self.store.save(copy.deepcopy(old), summary=DISCARD_SUMMARY)
        self.baseline.clear()
