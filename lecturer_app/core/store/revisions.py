"""Immutable, content-hashed revisions and per-record heads (sync.md §3.2–3.3).

A revision is never changed once written.  Its id is the sha256 of the
canonical JSON of everything it says, so two replicas that create the same
revision agree on its id, and replication is a set union on ids.

The hashed form has a version, ``v``.  Version 1 (every revision made now)
hashes ``v``, the record id and type, the sorted parents, the generation,
the body, ``deleted``, author, device, the replica that minted it and that
replica's counter (``origin_replica``, ``origin_seq``: the version vectors
of sync are built from these), the clock stamp and the summary.  Version 0,
written before the sync format was settled, hashes the same without ``v``
and the two origin fields; such revisions are still read and verified.
A signature, when there is one, is over the id and is not part of it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lecturer_app.core.store.canonical import canonical_json, content_hash, sha256_hex
from lecturer_app.core.store.db import Database
from lecturer_app.core.store.scopes import BANK, CONFIDENTIAL_TYPES, scope_of

_IN_BATCH = 500  # ids per "IN (…)" query
# A line ending "pragma: no mutate (SQL text)" holds only the text of an SQL statement: mutation testing
# skips it, because changing its letter case changes nothing (SQLite ignores the case of keywords and
# names) and no test could tell the two apart (docs/testing.md counts these lines).
FORMAT = 1  # the hashed form revisions are made in (see the module docstring)


@dataclass(frozen=True)
class Revision:
    """One immutable, content-hashed revision of a record (the unit the log stores and sync sends)."""

    record_id: str
    type: str
    parents: tuple[str, ...]
    generation: int
    body: dict[str, Any]
    deleted: bool
    author: str
    device: str
    hlc: str
    summary: str = ""
    rev_id: str = field(default="")
    origin_replica: str = ""
    origin_seq: int = 0
    format: int = FORMAT

    def hashed_content(self) -> dict[str, Any]:
        content: dict[str, Any] = {
            "record_id": self.record_id,
            "type": self.type,
            "parents": sorted(self.parents),
            "generation": self.generation,
            "body": self.body,
            "deleted": self.deleted,
            "author": self.author,
            "device": self.device,
            "hlc": self.hlc,
            "summary": self.summary,
        }
        if self.format >= 1:
            content.update(v=self.format, origin_replica=self.origin_replica, origin_seq=self.origin_seq)
        return content

    def computed_id(self) -> str:
        return content_hash(self.hashed_content())

    def computed_id_with_body(self, body_json: str) -> str:
        """:meth:`computed_id`, given the body's canonical JSON already encoded (a save encodes it once).

        The hashed keys sort ``author``, ``body``, …: the only text before the
        body is the author, a JSON string whose quotes are escaped, so the
        first ``"body":null`` of the encoded placeholder is the top-level body.
        """
        content = self.hashed_content()
        content["body"] = None
        text = canonical_json(content).replace('"body":null', '"body":' + body_json, 1)
        return sha256_hex(text.encode("utf-8"))

    @classmethod
    def create(cls, *, body_json: str = "", **fields: Any) -> Revision:
        """A revision with its id computed from its content (*body_json*: the body already encoded)."""
        fields["parents"] = tuple(sorted(fields.get("parents", ())))
        draft = cls(**fields)
        rev_id = draft.computed_id_with_body(body_json) if body_json else draft.computed_id()
        # Set on the draft no one else has seen yet: dataclasses.replace built a second revision, reading
        # every field again (an import makes 10,000 revisions).
        object.__setattr__(draft, "rev_id", rev_id)
        return draft

    def to_json(self) -> dict[str, Any]:
        """The revision as a JSON object (the form bundles and the CLI carry)."""
        return {"rev_id": self.rev_id, **self.hashed_content()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Revision:
        return cls(
            record_id=data["record_id"], type=data["type"], parents=tuple(sorted(data["parents"])),
            generation=int(data["generation"]), body=data["body"], deleted=bool(data["deleted"]),
            author=data["author"], device=data["device"], hlc=data["hlc"],
            summary=data.get("summary", ""), rev_id=data["rev_id"],
            origin_replica=data.get("origin_replica", ""), origin_seq=int(data.get("origin_seq", 0)),
            format=int(data.get("v", 0)),
        )


class FirstRevisions:
    """Mints the first revisions of new records of one type, author, device and summary (a bulk save).

    Such revisions differ only in record id, stamp, counter and body, so the
    canonical JSON their ids hash is one text with those four filled in: the
    keys sort the same way every time and each value is encoded alone as the
    whole would encode it.  The text is made once (with markers no value can
    encode to, checked) instead of a dict built and encoded for each of an
    import's 10,000 revisions; the ids are :meth:`Revision.create`'s.
    """

    _MARKS = {"body": "\x00body", "hlc": "\x00hlc", "origin_seq": "\x00seq", "record_id": "\x00id"}

    def __init__(self, *, type: str, author: str, device: str, summary: str, origin_replica: str) -> None:
        self.fields: dict[str, Any] = {"type": type, "parents": (), "generation": 1, "deleted": False, "author": author,
                       "device": device, "summary": summary, "origin_replica": origin_replica}
        template = Revision(**self.fields, body={}, record_id="", hlc="", origin_seq=0).hashed_content()
        template.update(self._MARKS)
        text = canonical_json(template)
        marks = [canonical_json(mark) for mark in self._MARKS.values()]
        # In key order: body, hlc, origin_seq, record_id.  A value holding a marker's text would break the
        # split: then every id is hashed the long way.
        self.parts: list[str] | None = None
        if all(text.count(mark) == 1 for mark in marks):
            parts = [text]
            for mark in marks:
                parts[-1:] = parts[-1].split(mark)
            self.parts = parts
        self.blank_row, self.places = self._laid_out()

    def _laid_out(self) -> tuple[list[Any] | None, tuple[int, ...]]:
        """The ``revisions`` row :func:`_row` lays out for these revisions, and where a new record's own values go.

        _row is the one place that knows the columns' order: its row of a
        revision with a marker for each value a record has of its own (id,
        record id, stamp, body, counter) shows where each goes.  A marker that
        is not found exactly once (a text holding one) leaves no blank row:
        then each row is _row's of the minted revision.
        """
        marks = ("\x00rev", "\x00id", "\x00hlc", "\x00body", -1)
        blank = Revision(**self.fields, body={}, record_id="\x00id", hlc="\x00hlc", origin_seq=-1, rev_id="\x00rev")
        row = _row(blank, "\x00body")
        if self.parts is None or any(row.count(mark) != 1 for mark in marks):
            return None, ()
        return row, tuple(row.index(mark) for mark in marks)

    def mint(self, record_id: str, hlc: str, origin_seq: int, body: dict[str, Any], body_json: str) -> Revision:
        """The revision of *body* (*body_json*: its canonical JSON) for new record *record_id*."""
        if self.parts is None:
            return Revision.create(**self.fields, record_id=record_id, hlc=hlc, origin_seq=origin_seq, body=body,
                                   body_json=body_json)
        return Revision(**self.fields, record_id=record_id, hlc=hlc, origin_seq=origin_seq, body=body,
                        rev_id=self._hashed(record_id, hlc, origin_seq, body_json))

    def row(self, record_id: str, hlc: str, origin_seq: int, body_json: str) -> list[Any]:
        """The ``revisions`` row of :meth:`mint`'s revision, made from the body's canonical JSON alone.

        For a bulk save whose bodies were encoded elsewhere (an import's second process): no body dict here.
        """
        if self.blank_row is None:
            return _row(self.mint(record_id, hlc, origin_seq, json.loads(body_json), body_json), body_json)
        row = self.blank_row.copy()
        rev_at, record_at, hlc_at, body_at, seq_at = self.places
        row[rev_at] = self._hashed(record_id, hlc, origin_seq, body_json)
        row[record_at], row[hlc_at], row[body_at], row[seq_at] = record_id, hlc, body_json, origin_seq
        return row

    def _hashed(self, record_id: str, hlc: str, origin_seq: int, body_json: str) -> str:
        p = self.parts
        assert p is not None
        text = (p[0] + body_json + p[1] + canonical_json(hlc) + p[2] + str(origin_seq) + p[3]
                + canonical_json(record_id) + p[4])
        return sha256_hex(text.encode("utf-8"))


_INSERT_SQL = ("INSERT INTO revisions (rev_id, record_id, type, parents, generation, body, deleted, author, device, "
               "hlc, summary, format, origin_replica, origin_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
# A record's heads are kept by revision seq (head_seqs, migration 015; the view ``heads`` shows the rev ids).
# A parent not held here has no seq, and so was no head.
_FORGET_HEAD_SQL = ("DELETE FROM head_seqs WHERE record_id = ? AND seq = "
                    "(SELECT seq FROM revisions WHERE rev_id = ?)")
_RECORDS_SQL = ("INSERT OR REPLACE INTO records (id, type, head_rev, deleted, conflict, hlc, scope) "
                "VALUES (?,?,?,?,?,?,?)")


def _row(rev: Revision, body_json: str) -> list[Any]:
    """The ``revisions`` row of *rev* (*body_json*: its body's canonical JSON when already encoded, else "")."""
    parents = json.dumps(sorted(rev.parents)) if rev.parents else "[]"  # the first revision of each record
    return [rev.rev_id, rev.record_id, rev.type, parents, rev.generation,
            body_json or canonical_json(rev.body), int(rev.deleted), rev.author, rev.device, rev.hlc, rev.summary,
            rev.format, rev.origin_replica, rev.origin_seq]


def display_order_key(rev: Revision) -> tuple[bool, int, str]:
    """CouchDB's winner rule: not deleted > higher generation > greater rev_id."""
    return (not rev.deleted, rev.generation, rev.rev_id)


class RevisionLog:
    """Reads and appends revisions; keeps ``heads`` and ``records`` current."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, rev_id: str) -> Revision | None:
        row = self.db.execute(
            "SELECT * FROM revisions WHERE rev_id = ?",  # pragma: no mutate (SQL text)
            [rev_id]).fetchone()
        return self._from_row(row) if row else None

    def history(self, record_id: str) -> list[Revision]:
        """Every revision of a record, oldest local arrival first."""
        rows = self.db.execute(
            "SELECT * FROM revisions WHERE record_id = ? ORDER BY seq",  # pragma: no mutate (SQL text)
            [record_id]).fetchall()
        return [self._from_row(row) for row in rows]

    def heads(self, record_id: str) -> list[Revision]:
        rows = self.db.execute(
            "SELECT r.* FROM head_seqs h JOIN revisions r ON r.seq = h.seq "  # pragma: no mutate (SQL text)
            "WHERE h.record_id = ?",  # pragma: no mutate (SQL text)
            [record_id],
        ).fetchall()
        return sorted((self._from_row(row) for row in rows), key=display_order_key, reverse=True)

    def insert(self, rev: Revision, *, verify: bool = True, body_json: str = "", known_check: bool = False) -> bool:
        """Insert *rev* unless present; update heads.  Returns False if it existed.

        Call inside a transaction.  Raises ValueError when the id does not
        match the content (a corrupt or forged revision); *verify* may be
        False only for a revision this process has just created (it cannot
        exist yet, nor have children), or with *known_check* for one whose
        id the caller has already verified.
        """
        if verify and rev.computed_id() != rev.rev_id:
            raise ValueError(f"revision {rev.rev_id} does not match its content")
        arrived = verify or known_check
        if arrived and self.db.execute(
                "SELECT 1 FROM revisions WHERE rev_id = ?",  # pragma: no mutate (SQL text)
                [rev.rev_id]).fetchone():
            return False
        seq = self.db.execute(_INSERT_SQL, _row(rev, body_json)).lastrowid
        for parent in rev.parents:
            self.db.execute(
                "INSERT OR IGNORE INTO revision_parents VALUES (?, ?)",  # pragma: no mutate (SQL text)
                [rev.rev_id, parent])
            self.db.execute(_FORGET_HEAD_SQL, [rev.record_id, parent])
        # A revision that arrives after its children (sync) is never a head.
        superseded = arrived and self.db.execute(
            "SELECT 1 FROM revision_parents WHERE parent_id = ? LIMIT 1",  # pragma: no mutate (SQL text)
            [rev.rev_id]).fetchone()
        if not superseded:
            self.db.execute(
                "INSERT OR IGNORE INTO head_seqs VALUES (?, ?)",  # pragma: no mutate (SQL text)
                [rev.record_id, seq])
        return True

    def insert_fresh_many(self, revisions: Sequence[Revision], body_jsons: Sequence[str]) -> None:
        """Insert revisions just minted for records new here, and their ``heads`` and ``records`` rows.

        Each is the first revision of its record (no parents), so it is that
        record's only head and displayed state: one ``executemany`` per table.
        A new record cannot own an attachment yet, so no partition changes.
        """
        self.insert_first_rows(
            [_row(rev, body_json) for rev, body_json in zip(revisions, body_jsons, strict=True)],
            [scope_of(rev.type, rev.record_id, rev.body, self._scope_of_record) for rev in revisions])

    def insert_first_rows(self, rows: Sequence[list[Any]], scopes: Sequence[str]) -> None:
        """:meth:`insert_fresh_many` of ``revisions`` rows (``FirstRevisions.row``) and each record's partition."""
        before = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM revisions").fetchone()[0]
        self.db.executemany(_INSERT_SQL, rows)
        # Every revision that arrived just now is its new record's only head.
        self.db.execute(
            "INSERT INTO head_seqs SELECT record_id, seq FROM revisions WHERE seq > ?",  # pragma: no mutate (SQL text)
            [before])
        # Row fields: 0 rev id, 1 record id, 2 type, 9 hlc.
        self.db.executemany(_RECORDS_SQL, [(row[1], row[2], row[0], 0, 0, row[9], scope)
                                           for row, scope in zip(rows, scopes, strict=True)])

    def known(self, rev_ids: list[str]) -> set[str]:
        """Which of *rev_ids* this replica holds (one query per 500 ids)."""
        found: set[str] = set()
        for start in range(0, len(rev_ids), _IN_BATCH):
            part = rev_ids[start:start + _IN_BATCH]
            rows = self.db.execute(f"SELECT rev_id FROM revisions WHERE rev_id IN ({','.join('?' * len(part))})",
                                   part)
            found.update(row[0] for row in rows)
        return found

    def insert_new(self, revisions: list[tuple[Revision, str]]) -> None:
        """Insert revisions that arrived from elsewhere, none held here yet, with their bodies' canonical JSON.

        The batch form of :meth:`insert` (a bundle brings thousands): the
        caller has verified every id and filtered out known ones.  Call inside
        a transaction.  Heads end as :meth:`insert` leaves them one by one: a
        revision is a head unless some revision held names it as a parent.
        """
        if not revisions:
            return
        conn = self.db.conn
        conn.executemany(_INSERT_SQL, [_row(rev, body_json) for rev, body_json in revisions])
        links = [(rev.rev_id, rev.record_id, parent) for rev, _body in revisions for parent in rev.parents]
        conn.executemany(
            "INSERT OR IGNORE INTO revision_parents VALUES (?, ?)",  # pragma: no mutate (SQL text)
            [(r, p) for r, _rec, p in links])
        conn.executemany(_FORGET_HEAD_SQL, [(rec, p) for _r, rec, p in links])
        ids = [rev.rev_id for rev, _body in revisions]
        with_children: set[str] = set()
        for start in range(0, len(ids), _IN_BATCH):
            part = ids[start:start + _IN_BATCH]
            rows = self.db.execute(
                "SELECT DISTINCT parent_id FROM revision_parents WHERE parent_id IN "  # pragma: no mutate (SQL text)
                f"({','.join('?' * len(part))})", part)
            with_children.update(row[0] for row in rows)
        conn.executemany(
            "INSERT OR IGNORE INTO head_seqs SELECT ?, seq FROM revisions WHERE rev_id = ?",  # pragma: no mutate
            [(rev.record_id, rev.rev_id) for rev, _body in revisions if rev.rev_id not in with_children])

    def with_several_heads(self, record_ids: list[str]) -> list[str]:
        """Those of *record_ids* that have more than one head (the only ones a merge can concern)."""
        found: list[str] = []
        for start in range(0, len(record_ids), _IN_BATCH):
            part = record_ids[start:start + _IN_BATCH]
            rows = self.db.execute(f"SELECT record_id FROM head_seqs WHERE record_id IN ({','.join('?' * len(part))}) "
                                   "GROUP BY record_id HAVING COUNT(*) > 1",  # pragma: no mutate (SQL text)
                                   part)
            found.extend(row[0] for row in rows)
        return sorted(found)

    def refresh_record(self, record_id: str, heads: list[Revision] | None = None) -> Revision | None:
        """Recompute the displayed head of a record (from *heads* when known); return it."""
        heads = self.heads(record_id) if heads is None else heads
        if not heads:
            return None
        shown = heads[0]
        self.db.execute(
            _RECORDS_SQL,
            [record_id, shown.type, shown.rev_id, int(shown.deleted), int(len(heads) > 1),
             max(h.hlc for h in heads), scope_of(shown.type, record_id, shown.body, self._scope_of_record)],
        )
        if shown.type in CONFIDENTIAL_TYPES:
            self.adopt_attachments(record_id)
        return shown

    def refresh_new_records(self, revisions: list[Revision]) -> None:
        """:meth:`refresh_record` for records first seen here, each with its one revision as only head.

        One statement for the batch.  An attachment whose exam arrives in the
        same batch is put in the exam's partition by :meth:`adopt_attachments`
        once its read row exists (the caller does that).
        """
        self.db.conn.executemany(_RECORDS_SQL, [
            (rev.record_id, rev.type, rev.rev_id, int(rev.deleted), 0, rev.hlc,
             scope_of(rev.type, rev.record_id, rev.body, self._scope_of_record)) for rev in revisions])

    def adopt_attachments(self, exam_id: str) -> None:
        """Attachments that arrived before their exam take its partition now."""
        self.db.execute(
            "UPDATE records SET scope = ? WHERE type = 'attachment' AND id IN "  # pragma: no mutate (SQL text)
            "(SELECT id FROM attachments WHERE owner_id = ?)",  # pragma: no mutate (SQL text)
            [f"exam:{exam_id}", exam_id])

    def ancestors(self, rev_id: str) -> set[str]:
        """*rev_id* and every revision it descends from that this replica holds."""
        rows = self.db.execute(
            "WITH RECURSIVE up(id) AS (SELECT ? UNION "  # pragma: no mutate (SQL text)
            "SELECT p.parent_id FROM revision_parents p JOIN up ON p.rev_id = up.id) "  # pragma: no mutate (SQL text)
            "SELECT id FROM up JOIN revisions r ON r.rev_id = up.id",  # pragma: no mutate (SQL text)
            [rev_id]).fetchall()
        return {row[0] for row in rows}

    def _scope_of_record(self, record_id: str) -> str:
        row = self.db.execute(
            "SELECT scope FROM records WHERE id = ?",  # pragma: no mutate (SQL text)
            [record_id]).fetchone()
        return row[0] if row else BANK

    def head_rev_ids(self, record_id: str) -> list[str]:
        rows = self.db.execute(
            "SELECT r.rev_id FROM head_seqs h JOIN revisions r ON r.seq = h.seq "  # pragma: no mutate (SQL text)
            "WHERE h.record_id = ? ORDER BY r.rev_id",  # pragma: no mutate (SQL text)
            [record_id])
        return [row[0] for row in rows.fetchall()]

    def since(self, seq: int, limit: int = 1000) -> list[tuple[int, Revision]]:
        """The local change feed: revisions that arrived after *seq*."""
        rows = self.db.execute(
            "SELECT * FROM revisions WHERE seq > ? ORDER BY seq LIMIT ?",  # pragma: no mutate (SQL text)
            [seq, limit]).fetchall()
        return [(row[0], self._from_row(row)) for row in rows]

    @staticmethod
    def _from_row(row: tuple[Any, ...]) -> Revision:
        (_seq, rev_id, record_id, rtype, parents, generation, body, deleted,
         author, device, hlc, summary, form, origin_replica, origin_seq) = row
        return Revision(
            record_id=record_id, type=rtype, parents=tuple(json.loads(parents)), generation=generation,
            body=json.loads(body), deleted=bool(deleted), author=author, device=device, hlc=hlc,
            summary=summary, rev_id=rev_id, origin_replica=origin_replica, origin_seq=origin_seq, format=form,
        )
