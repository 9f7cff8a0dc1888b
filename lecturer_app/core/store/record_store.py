"""The store: records saved as revisions, read from materialized tables.

``Store`` is the one entry to writing.  Every public write runs in one
transaction, so a failure leaves nothing half-written.  Saving a record whose
body has not changed writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Question, Record, record_from_body
from lecturer_app.core.store import materialize, question_rows, summaries
from lecturer_app.core.store.bulk import gc_paused
from lecturer_app.core.store.canonical import canonical_json
from lecturer_app.core.store.changes import ChangeSet, changes_since, last_seq
from lecturer_app.core.store.db import Database
from lecturer_app.core.store.hlc import HybridClock, parse_stamp
from lecturer_app.core.store.ids import uuid7
from lecturer_app.core.store.merge import merged_revision
from lecturer_app.core.store.revisions import FirstRevisions, Revision, RevisionLog
from lecturer_app.core.store.scopes import CONFIDENTIAL_TYPES, scope_of
from lecturer_app.core.text.normalize import json_may_hold_xml_illegal, scrub_xml_illegal

R = TypeVar("R", bound=Record)
# New records per bulk write in save_many: large enough that statements cost nothing, small enough to hold.
BULK_ROWS = 1000
# The newest stamp, read by every Store as it opens: one row of `meta` that a trigger on the log keeps (m013),
# not a scan of the log.
LAST_STAMP_SQL = "SELECT value FROM meta WHERE key = 'last_hlc'"
T = TypeVar("T")


class RecordNotFound(UserFacingError, LookupError):
    """No record (or revision) with the given id or code; ``args[0]`` is what was asked for."""

    def __str__(self) -> str:
        from lecturer_app.i18n import _

        return _("Không tìm thấy: {name}").format(name=self.args[0] if self.args else "")


class Store:
    """Revisioned records over one injected ``Database``.

    Args:
        db: the open database (``core.db.open_database``).
        author: the user name written into new revisions (người soạn).
        clock: the hybrid clock; one is made from the last stored stamp if omitted.
    """

    def __init__(self, db: Database, *, author: str = "", clock: HybridClock | None = None) -> None:
        self.db = db
        self.log = RevisionLog(db)
        self.author = author
        # Called (no arguments, on the writing thread) after each outermost transaction commits:
        # the GUI's change feed reads ``changes_since`` then, instead of polling.
        self.commit_listeners: list[Callable[[], None]] = []
        self.device = self._replica_id()
        self.clock = clock or HybridClock(self._clock_start())

    # Transactions ----------------------------------------------------------

    @contextmanager
    def transaction(self, *, immediate: bool = True) -> Iterator[None]:
        """One atomic unit; nested calls become savepoints (see ``Database.atomic`` for *immediate*).

        When the outermost one commits, the commit listeners are told (a view's change feed).
        """
        outermost = not self.db.conn.in_transaction
        with self.db.atomic(immediate=immediate):
            yield
        if outermost:
            for listener in list(self.commit_listeners):
                listener()

    def run(self, operation: Callable[[Store], T]) -> tuple[T, ChangeSet]:
        """Run *operation* in one transaction; return its value and what it changed.

        The way an operation reports its changes to the views (Anki's
        ``OpChanges``): a view refreshes only when the change set touches it.
        """
        before = last_seq(self.db)
        with self.transaction():
            value = operation(self)
        return value, changes_since(self.db, before)

    def changes_since(self, seq: int) -> ChangeSet:
        """Every record changed after feed position *seq*, by any connection (sync, a worker)."""
        return changes_since(self.db, seq)

    # Writing ---------------------------------------------------------------

    def save(self, record: Record, *, summary: str = "", author: str | None = None) -> Revision | None:
        """Write *record* as a new revision; None when nothing changed.

        A record without an id gets a new UUIDv7.
        """
        with self.transaction():
            return self._save(record, summary, author)

    def save_many(self, records: Iterable[Record], *, summary: str = "", author: str | None = None,
                  question_index: question_rows.IndexLater | None = None) -> list[Revision | None]:
        """Save several records in one transaction (imports): all or nothing.

        Records without an id (new ones: an import's questions) are written
        :data:`BULK_ROWS` at a time with one ``executemany`` per table; the
        others as :meth:`save` writes them, in the order given.

        *question_index* is for a caller whose open transaction is the unit,
        rolled back whole if this raises (an import's batch, saved a chunk at
        a time): the new questions' index rows are held there for the caller
        to write before it commits (``question_rows.IndexLater``), and no
        savepoint is taken, whose start and end would each make every
        full-text table write what it holds as a segment of its own (issue #16).
        """
        if question_index is None:
            with self.transaction():
                return self._save_all(records, summary, author, None)
        if not self.db.conn.in_transaction:
            raise RuntimeError("save_many(question_index=...) needs the caller's open transaction")
        return self._save_all(records, summary, author, question_index)

    def _save_all(self, records: Iterable[Record], summary: str, author: str | None,
                  question_index: question_rows.IndexLater | None) -> list[Revision | None]:
        saved: list[Revision | None] = []
        fresh: list[Record] = []
        for record in records:
            if record.id:
                saved += self._save_fresh(fresh, summary, author, question_index)
                fresh = []
                saved.append(self._save(record, summary, author))
                continue
            record.id = uuid7()  # now a repeat of the same object in *records* is saved as unchanged
            fresh.append(record)
            if len(fresh) == BULK_ROWS:
                saved += self._save_fresh(fresh, summary, author, question_index)
                fresh = []
        saved += self._save_fresh(fresh, summary, author, question_index)
        return saved

    def _save_fresh(self, records: Sequence[Record], summary: str, author: str | None,
                    question_index: question_rows.IndexLater | None = None) -> list[Revision]:
        """The first revision of each of *records* (new ids), written one statement per table."""
        if not records:
            return []
        bodies = [record.to_body() for record in records]
        body_jsons = [canonical_json(body) for body in bodies]  # encoded once: id, log and read table
        first_seq = self._next_origin_seq(len(records))
        author = self.author if author is None else author
        minters: dict[str, FirstRevisions] = {}
        revisions = []
        for n, (record, body, body_json) in enumerate(zip(records, bodies, body_jsons, strict=True)):
            minter = minters.get(record.TYPE)
            if minter is None:
                minter = minters[record.TYPE] = FirstRevisions(type=record.TYPE, author=author, device=self.device,
                                                               summary=summary, origin_replica=self.device)
            revisions.append(minter.mint(record.id, self.clock.now(), first_seq + n, body, body_json))
        self.log.insert_fresh_many(revisions, body_jsons)
        materialize.write_fresh_many(self.db, [(rev.record_id, rev.type, rev.body, body_json, rev.rev_id)
                                               for rev, body_json in zip(revisions, body_jsons, strict=True)],
                                     question_index)
        return revisions

    def save_prepared(self, questions: Sequence[Question], prepared: Sequence[tuple[str, question_rows.Prepared]], *,
                      summary: str, question_index: question_rows.IndexLater) -> None:
        """Write new *questions* (no id yet) whose bodies were encoded beforehand, maybe by another process.

        *prepared* holds, for each question, its body's canonical JSON and its
        ``question_rows.prepare`` (``prepare_question``).  What is stored is
        what :meth:`save_many` with the same *question_index* stores: each
        gets a UUIDv7, a stamp and a counter here, in order, and its first
        revision.  Inside the caller's open transaction, rolled back whole if
        this raises; an import's bodies are made beside it (issue #16).
        """
        if not self.db.conn.in_transaction:
            raise RuntimeError("save_prepared needs the caller's open transaction")
        if not questions:
            return
        first_seq = self._next_origin_seq(len(questions))
        minter = FirstRevisions(type=Question.TYPE, author=self.author, device=self.device, summary=summary,
                                origin_replica=self.device)
        rows, read_rows, scopes = [], [], []
        for n, (question, (body_json, parts)) in enumerate(zip(questions, prepared, strict=True)):
            if question.id or question.TYPE != Question.TYPE:
                raise ValueError("save_prepared writes new questions only")
            question.id = uuid7()
            row = minter.row(question.id, self.clock.now(), first_seq + n, body_json)
            rows.append(row)
            read_rows.append((question.id, row[0], parts))
            scopes.append(scope_of(Question.TYPE, question.id, {}))  # a question's partition needs no body
        self.log.insert_first_rows(rows, scopes)
        question_rows.write_prepared(self.db, read_rows, question_index)

    def _save(self, record: Record, summary: str, author: str | None) -> Revision | None:
        is_new = not record.id
        if is_new:
            record.id = uuid7()
        body = record.to_body()
        heads = [] if is_new else self.log.heads(record.id)
        if len(heads) == 1 and not heads[0].deleted and heads[0].body == body:
            return None
        return self._append(record.id, record.TYPE, heads, body, False, summary, author)

    def delete(self, record_id: str, *, summary: str = "") -> Revision:
        """Write a tombstone revision; the history stays and restore works."""
        with self.transaction():
            heads = self._require_heads(record_id)
            return self._append(record_id, heads[0].type, heads, {}, True, summary, None)

    def restore(self, record_id: str, rev_id: str, *, summary: str = "") -> Revision:
        """Make an older revision's content current again, as a new revision."""
        with self.transaction():
            old = self.log.get(rev_id)
            if old is None or old.record_id != record_id:
                raise RecordNotFound(rev_id)
            heads = self._require_heads(record_id)
            note = summary or summaries.RESTORE_REVISION.format(rev=rev_id[:10])
            return self._append(record_id, old.type, heads, old.body, old.deleted, note, None)

    def adopt(self, record_id: str, source: Revision, *, summary: str) -> Revision:
        """Make *source*'s content current as a new revision whose parents are every head and *source*.

        Adopting an official or shipped version: *source* (verified and
        taken first when it is new here) and the lecturer's own work both
        stay in the history, so nothing is lost and restore brings either back.
        """
        with self.transaction():
            if source.record_id != record_id:
                raise RecordNotFound(source.rev_id)
            if self.log.get(source.rev_id) is None:
                self.log.insert(source)
                self.clock.observe(source.hlc)
            parents = {h.rev_id: h for h in self._require_heads(record_id)}
            parents.setdefault(source.rev_id, source)
            return self._append(record_id, source.type, list(parents.values()), source.body, source.deleted,
                                summary, None)

    def apply_all(self, revisions: Iterable[Revision],
                  skip: Callable[[Revision], bool] | None = None) -> tuple[list[Revision], ChangeSet]:
        """Take revisions made elsewhere: verify every one, then insert-or-ignore them in one transaction.

        The one path for the shipped bank and sync: nothing is written unless
        every id matches its content, so a damaged or forged batch leaves the
        database as it was.  *skip* may turn a verified revision away (the
        bank never overwrites local work).  Returns the revisions that were
        new here, and what changed.

        Raises:
            ValueError: a revision's id does not match its content.
        """
        return self.apply_verified([(rev, verified_body_json(rev)) for rev in revisions], skip)

    def apply_verified(self, prepared: list[tuple[Revision, str]],
                       skip: Callable[[Revision], bool] | None = None) -> tuple[list[Revision], ChangeSet]:
        """:meth:`apply_all` for pairs the caller made with :func:`verified_body_json` (each id hashed once)."""
        before = last_seq(self.db)
        with self.transaction():
            added = self._take(prepared, skip)
            self.automerge({rev.record_id for rev in added})
        return added, changes_since(self.db, before)

    def apply_batches(self, batches: Iterable[Sequence[Revision]], *,
                      ids_checked: bool = False) -> tuple[int, ChangeSet]:
        """:meth:`apply_all` for a stream too large to hold: batch by batch, in one transaction.

        Memory stays that of one batch.  Each id is checked against its
        content as its batch arrives, so all-or-nothing rests on the one
        transaction: a mismatch (ValueError) rolls every batch back.  A bundle
        import verifies the whole stream in a first pass before calling this,
        and passes *ids_checked*: the revisions are parsed again from bytes
        re-hashed against its signed manifest as they are read (a change fails
        the transaction), so their ids need not be hashed a second time; only
        each body is encoded, for the log and the read tables.
        Returns how many revisions were new here, and what changed.
        """
        encode = _body_json if ids_checked else verified_body_json
        return self.apply_prepared_batches([(rev, encode(rev)) for rev in batch] for batch in batches)

    def apply_prepared_batches(self, batches: Iterable[Sequence[tuple[Revision, str]]]) -> tuple[int, ChangeSet]:
        """:meth:`apply_batches` for (revision, its body's canonical JSON) pairs whose ids the caller checked.

        A bundle import checks each id as it reads the line, with the one
        encoding of its body (``verified_body_json``), and passes that on:
        nothing is hashed or encoded again here.
        """
        before = last_seq(self.db)
        touched: set[str] = set()
        count = 0
        with self.transaction():
            for batch in batches:
                added = self._take(list(batch), None)
                touched.update(rev.record_id for rev in added)
                count += len(added)
            self.automerge(touched)
        return count, changes_since(self.db, before)

    def _take(self, prepared: list[tuple[Revision, str]], skip: Callable[[Revision], bool] | None) -> list[Revision]:
        """Insert the revisions of *prepared* not held yet, then refresh the read rows of their records."""
        if skip is not None:  # asked of every revision, known ones included (the bank counts them)
            prepared = [(rev, body_json) for rev, body_json in prepared if not skip(rev)]
        known = self.log.known([rev.rev_id for rev, _body in prepared])
        new: dict[str, tuple[Revision, str]] = {}
        for rev, body_json in prepared:
            if rev.rev_id not in known and rev.rev_id not in new:
                new[rev.rev_id] = (rev, body_json)
        if not new:
            return []
        by_record: dict[str, list[tuple[Revision, str]]] = {}
        for rev, body_json in new.values():
            by_record.setdefault(rev.record_id, []).append((rev, body_json))
        existing = self._existing_records(list(by_record))
        self.log.insert_new(list(new.values()))
        for rev, _body in new.values():
            self.clock.observe(rev.hlc)
        first_seen, known_before = [], []
        for record_id, arrived in by_record.items():
            if record_id not in existing and len(arrived) == 1:
                first_seen.append(arrived[0])  # a record first seen here with one revision: its only head
            else:
                known_before.append(record_id)
        self._rematerialize_many(known_before)
        self.log.refresh_new_records([rev for rev, _body in first_seen])
        materialize.write_fresh_many(self.db, [(rev.record_id, rev.type, rev.body, body_json, rev.rev_id)
                                               for rev, body_json in first_seen if not rev.deleted])
        for rev, _body in first_seen:
            if rev.type in CONFIDENTIAL_TYPES:  # its attachments' read rows exist only now
                self.log.adopt_attachments(rev.record_id)
        return [rev for rev, _body in new.values()]

    def _existing_records(self, record_ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(record_ids), 500):
            part = record_ids[start:start + 500]
            rows = self.db.execute(f"SELECT id FROM records WHERE id IN ({','.join('?' * len(part))})", part)
            found.update(row[0] for row in rows)
        return found

    def automerge(self, record_ids: Iterable[str]) -> list[Revision]:
        """Merge the heads of each record where no two changed the same field (core/store/merge.py).

        Every replica runs this after taking revisions from elsewhere, so all
        of them mint the same merge revisions and converge.
        """
        merges = []
        with self.transaction():
            for record_id in self.log.with_several_heads(sorted(record_ids)):
                merge = merged_revision(self.log, self.log.heads(record_id))
                if merge is not None and self.log.insert(merge, verify=False, known_check=True):
                    self._rematerialize(record_id)
                    merges.append(merge)
        return merges

    def apply(self, rev: Revision) -> bool:
        """Take a revision made elsewhere (shipped bank, sync); False if known."""
        with self.transaction():
            if not self.log.insert(rev):
                return False
            self.clock.observe(rev.hlc)
            self._rematerialize(rev.record_id)
            return True

    def _append(self, record_id: str, rtype: str, heads: list[Revision], body: dict, deleted: bool,
                summary: str, author: str | None) -> Revision:
        body_json = canonical_json(body)  # encoded once: for the id, the log and the read table
        rev = Revision.create(
            record_id=record_id, type=rtype, parents=tuple(h.rev_id for h in heads),
            generation=1 + max((h.generation for h in heads), default=0), body=body, deleted=deleted,
            author=self.author if author is None else author, device=self.device, hlc=self.clock.now(),
            summary=summary, origin_replica=self.device, origin_seq=self._next_origin_seq(), body_json=body_json,
        )
        self.log.insert(rev, verify=False, body_json=body_json)
        # A child of every current head is, once inserted, the only head.
        self._rematerialize(record_id, [rev], body_json, fresh=not heads)
        return rev

    def _rematerialize(self, record_id: str, heads: list[Revision] | None = None, body_json: str = "",
                       *, fresh: bool = False) -> None:
        shown = self.log.refresh_record(record_id, heads)
        if shown is not None:
            self._show(record_id, shown, body_json, fresh=fresh)

    def _show(self, record_id: str, shown: Revision, body_json: str, *, fresh: bool) -> None:
        """The read rows of *record_id* become those of its displayed head *shown*."""
        if shown.deleted:
            materialize.clear(self.db, record_id, shown.type)
        else:
            materialize.write(self.db, record_id, shown.type, shown.body, body_json, rev_id=shown.rev_id,
                              fresh=fresh)

    def _rematerialize_many(self, record_ids: list[str]) -> None:
        """:meth:`_rematerialize` for records already held; their questions' rows are cleared and written at once.

        One by one, each question's old index rows were removed and its new ones
        added in turn, which makes FTS5 write a segment per question and table
        (``question_rows.clear_many``).
        """
        questions = []
        for record_id in record_ids:
            shown = self.log.refresh_record(record_id)
            if shown is not None and shown.type == "question":
                questions.append(shown)
            elif shown is not None:
                self._show(record_id, shown, "", fresh=False)
        question_rows.clear_many(self.db, [rev.record_id for rev in questions])
        question_rows.write(self.db, [(rev.record_id, rev.body, rev.rev_id) for rev in questions if not rev.deleted])

    def _require_heads(self, record_id: str) -> list[Revision]:
        heads = self.log.heads(record_id)
        if not heads:
            raise RecordNotFound(record_id)
        return heads

    # Reading ---------------------------------------------------------------

    def get(self, cls: type[R], record_id: str) -> R | None:
        """The current (displayed) state of a live record of class *cls*."""
        table = materialize.TABLES[cls.TYPE]
        row = self.db.execute(f"SELECT body FROM {table} WHERE id = ?", [record_id]).fetchone()
        return cls.from_body(record_id, json.loads(row[0])) if row else None

    def require(self, cls: type[R], record_id: str) -> R:
        record = self.get(cls, record_id)
        if record is None:
            raise RecordNotFound(record_id)
        return record

    def select(self, cls: type[R], where: str = "", params: list | None = None, order_by: str = "") -> list[R]:
        """Live records of *cls* from its read table, filtered by SQL on its columns."""
        rows = self.db.execute(_select_sql(cls, where, order_by), params or []).fetchall()
        with gc_paused():
            return [cls.from_body(rid, json.loads(body)) for rid, body in rows]

    def iter_select(self, cls: type[R], where: str = "", params: list | None = None, order_by: str = "",
                    *, batch: int = 1000, xml_safe: bool = False) -> Iterator[R]:
        """The records :meth:`select` returns, read *batch* rows at a time: memory independent of their number.

        For exports and listings that handle one record at a time; the
        caller must not write to the store while iterating.  With *xml_safe*,
        a record whose stored JSON may hold a character XML cannot is
        scrubbed (``scrub_xml_illegal``): every string yielded is XML-safe.
        """
        cursor = self.db.execute(_select_sql(cls, where, order_by), params or [])
        while rows := cursor.fetchmany(batch):
            with gc_paused():
                records = [cls.from_body(rid, json.loads(body)) for rid, body in rows]
            if xml_safe:
                for record, (_rid, body) in zip(records, rows, strict=True):
                    if json_may_hold_xml_illegal(body):
                        scrub_xml_illegal(record)
            yield from records

    def iter_bodies(self, cls: type[Record], where: str = "", params: list | None = None, order_by: str = "",
                    *, batch: int = 1000, xml_safe: bool = False) -> Iterator[tuple[str, dict]]:
        """(id, body) of the records :meth:`iter_select` returns, the bodies as stored: no dataclass per record.

        For a command that needs a few fields of every record (``questions
        list --json``, a Moodle XML export): building the record would cost
        more than reading it.  A key the body lacks has the class's default
        value.  *xml_safe* (exports) as for :meth:`iter_select`: the few
        bodies whose JSON may hold a character XML cannot are scrubbed; they
        are decoded one by one, as there (a batch decoded at once raised an
        export's peak with the bank's size).
        """
        cursor = self.db.execute(_select_sql(cls, where, order_by), params or [])
        while rows := cursor.fetchmany(batch):
            if xml_safe:
                yield from _xml_safe_bodies(rows)
                continue
            with gc_paused():
                bodies = list(zip([row[0] for row in rows], _bodies(rows), strict=True))
            yield from bodies

    def iter_bodies_with(self, cls: type[Record], columns: Sequence[str], where: str = "",
                         params: list | None = None, order_by: str = "", *,
                         batch: int = 1000) -> Iterator[tuple[str, dict, tuple]]:
        """:meth:`iter_bodies`, each body with the values of its read table's *columns*: (id, body, values)."""
        sql = _select_sql(cls, where, order_by).replace("SELECT id, body", "SELECT id, body, " + ", ".join(columns), 1)
        cursor = self.db.execute(sql, params or [])
        while rows := cursor.fetchmany(batch):
            with gc_paused():
                bodies = [(row[0], body, row[2:]) for row, body in zip(rows, _bodies(rows), strict=True)]
            yield from bodies

    def history(self, record_id: str) -> list[Revision]:
        revisions = self.log.history(record_id)
        if not revisions:
            raise RecordNotFound(record_id)
        return revisions

    def record_type(self, record_id: str) -> str | None:
        row = self.db.execute("SELECT type FROM records WHERE id = ?", [record_id]).fetchone()
        return row[0] if row else None

    def load_any(self, record_id: str) -> Record | None:
        """The displayed state of a record of any type, deleted ones excluded."""
        heads = self.log.heads(record_id)
        if not heads or heads[0].deleted:
            return None
        return record_from_body(heads[0].type, record_id, heads[0].body)

    def counts(self) -> dict[str, int]:
        """Live records per type."""
        rows = self.db.execute(
            "SELECT type, COUNT(*) FROM records WHERE deleted = 0 GROUP BY type"
        ).fetchall()
        return {rtype: count for rtype, count in rows}

    # Maintenance -----------------------------------------------------------

    def rebuild_materialized(self) -> None:
        """Rebuild every read table and the search index from the revision log."""
        with self.transaction():
            for table in materialize.WRITTEN_TABLES:
                self.db.execute(f"DELETE FROM {table}")
            question_rows.forget_all(self.db)
            for (record_id,) in self.db.execute("SELECT DISTINCT record_id FROM head_seqs").fetchall():
                self._rematerialize(record_id)

    def _next_origin_seq(self, count: int = 1) -> int:
        """The first of this replica's next *count* revision numbers (one per revision it mints, inside the write)."""
        row = self.db.execute(
            "INSERT INTO meta VALUES ('origin_seq', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + ? RETURNING value",
            [str(count), count]).fetchone()
        return int(row[0]) - count + 1

    def _replica_id(self) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'replica_id'").fetchone()
        if row:
            return row[0]
        replica = uuid7()
        with self.transaction():
            self.db.execute("INSERT INTO meta VALUES ('replica_id', ?)", [replica])
        return replica

    def last_stamp(self) -> str | None:
        """The newest stamp in the log (kept in ``meta`` by a trigger, so no scan of the log)."""
        row = self.db.execute(LAST_STAMP_SQL).fetchone()
        return row[0] if row and row[0] else None

    def _clock_start(self) -> str | None:
        """Where this store's clock starts: the newest stamp, unless a peer's clock put it too far ahead.

        Then the clock starts from this replica's own newest stamp (its own stamps never go back, even
        after its wall clock was set back), so a revision from a machine years ahead does not date every
        later edit here (hlc.py).  Own revisions are the newest ones by seq: the walk back stops at the first.
        """
        last = self.last_stamp()
        if last is None or HybridClock().within_reach(parse_stamp(last)[0]):
            return last
        row = self.db.execute("SELECT hlc FROM revisions WHERE origin_replica = ? ORDER BY seq DESC LIMIT 1",
                              [self.device]).fetchone()
        return str(row[0]) if row else None


def verified_body_json(rev: Revision) -> str:
    """The canonical JSON of *rev*'s body, encoded once for its id check, the log and the read table.

    Raises:
        ValueError: the id does not match the content.
    """
    body_json = canonical_json(rev.body)
    if rev.computed_id_with_body(body_json) != rev.rev_id:
        raise ValueError(f"revision {rev.rev_id} does not match its content")
    return body_json


def _body_json(rev: Revision) -> str:
    return canonical_json(rev.body)


def _xml_safe_bodies(rows: Sequence[Sequence]) -> Iterator[tuple[str, dict]]:
    """(id, body) of each row, the few bodies whose JSON may hold what XML cannot scrubbed."""
    for record_id, text in rows:
        body = json.loads(text)
        if json_may_hold_xml_illegal(text):
            scrub_xml_illegal(body)
        yield record_id, body


def _bodies(rows: Sequence[Sequence]) -> list[dict]:
    """The JSON bodies in the second column of *rows*, decoded with one call (a call per row cost more)."""
    return json.loads("[" + ",".join(row[1] for row in rows) + "]")


def _select_sql(cls: type[Record], where: str, order_by: str) -> str:
    sql = f"SELECT id, body FROM {materialize.TABLES[cls.TYPE]}"
    if where:
        sql += f" WHERE {where}"
    if order_by:
        sql += f" ORDER BY {order_by}"
    return sql
