"""`lecturer-app check`: is the database whole and does every blob match its hash?

The check must work on the database it diagnoses, however damaged: it needs
no ``Store`` (a damaged page may hold its replica id or stamp), reads text that is
not UTF-8 leniently (the damaged revisions then fail their hash check, which
names them), and a step that cannot read a table is reported as a problem
while the other steps still run.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.store import materialize, question_rows
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.db import Database
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.store.revisions import RevisionLog
from lecturer_app.i18n import N_, _, ngettext

# SQLite's integrity_check lists every bad cell; the first ones say enough.
MAX_SQLITE_LINES = 20

# Findings worded for support, in the UI language; core/backup/findings.py tells their kinds
# apart by these texts (in the UI language or in Vietnamese), so it explains them in English too.
SQLITE_PROBLEM = "SQLite: {error}"  # SQLite's own words, not translated
BROKEN_FOREIGN_KEY = N_("SQLite: khóa ngoại hỏng ở bảng {table} (rowid {rowid})")
CHANGED_REVISION = N_("phiên bản {rev} của bản ghi {record}: nội dung không khớp mã băm")
STALE_HEAD = N_("bản ghi {record}: phiên bản đầu {rev} đã có phiên bản sau")
WRONG_HEAD = N_("bản ghi {record}: phiên bản hiển thị không đúng")
DELETED_STILL_SHOWN = N_("bản ghi {record} đã xóa nhưng vẫn còn trong bảng {table}")
TABLE_MISMATCH = N_("bản ghi {record}: bảng {table} không khớp lịch sử phiên bản")
# Shown through ngettext with this literal (the translation check reads literals only).
ORPHAN_HEADS = "{n} phiên bản đầu trỏ tới phiên bản không tồn tại"
MISSING_BLOB = N_("thiếu tệp dữ liệu {sha}")
DAMAGED_BLOB = N_("tệp dữ liệu {sha} bị hỏng (mã băm không khớp)")


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    revisions: int = 0
    records: int = 0
    blobs: int = 0
    # Damage that "rebuild the search index" repairs (a subset of the problems).
    search_index_problems: list[str] = field(default_factory=list)
    # Blobs that records received by sync name and that have not arrived yet (not damage: sync.md §3.5).
    awaited_blobs: list[str] = field(default_factory=list)
    # Blob files no revision refers to, and temporary files: left by imports that were killed.
    unused_blobs: list[str] = field(default_factory=list)
    leftover_files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def only_search_index_damaged(self) -> bool:
        return bool(self.problems) and len(self.problems) == len(self.search_index_problems)

    def to_json(self) -> dict[str, object]:
        return {"ok": self.ok, "problems": self.problems, "revisions": self.revisions,
                "records": self.records, "blobs": self.blobs, "search_index_ok": not self.search_index_problems,
                "awaited_blobs": self.awaited_blobs, "unused_blobs": self.unused_blobs,
                "leftover_files": self.leftover_files}


def check_workspace(store: Store, blobs: BlobStore,
                    progress: Callable[[int, int, str], None] | None = None) -> CheckReport:
    return check_database(store.db, blobs, progress)


def check_database(db: Database, blobs: BlobStore,
                   progress: Callable[[int, int, str], None] | None = None) -> CheckReport:
    """Every check over *db* and *blobs*; a step that fails to read is itself a problem.

    *progress(done, total, stage)* is called before each stage (and may raise to stop).
    """
    report = CheckReport()
    steps: list[tuple[str, str, Callable[[], None]]] = [
        ("SQLite", _("Kiểm tra tệp cơ sở dữ liệu"), lambda: _check_sqlite(db, report)),
        (_("chỉ mục tìm kiếm"), _("Kiểm tra chỉ mục tìm kiếm"), lambda: _check_search_index(db, report)),
        (_("lịch sử phiên bản"), _("Kiểm tra các phiên bản"), lambda: _check_revisions(db, report)),
        (_("bảng đọc"), _("Kiểm tra các bảng dữ liệu"), lambda: _check_heads_and_tables(db, report)),
        (_("tệp dữ liệu"), _("Kiểm tra tệp đính kèm"), lambda: _check_blobs(db, blobs, report)),
    ]
    previous = db.conn.text_factory
    db.conn.text_factory = _lenient_text
    try:
        for index, (name, text, step) in enumerate(steps):
            if progress is not None:
                progress(index, len(steps), text)
            _run_step(name, step, report)
    finally:
        db.conn.text_factory = previous
    return report


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _run_step(name: str, step: Callable[[], None], report: CheckReport) -> None:
    try:
        step()
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
        report.problems.append(_("không đọc hết được {part}: {error}").format(part=name, error=exc))


def _check_sqlite(db: Database, report: CheckReport) -> None:
    try:
        result = db.execute(f"PRAGMA integrity_check({MAX_SQLITE_LINES})").fetchall()
    except sqlite3.DatabaseError as exc:  # too damaged even to list the damage
        report.problems.append(SQLITE_PROBLEM.format(error=exc))
        report.problems.extend(_unreadable_tables(db))
        return
    if result != [("ok",)]:
        lines = [line for row in result for line in str(row[0]).splitlines() if not line.startswith("***")]
        report.problems.extend(SQLITE_PROBLEM.format(error=line) for line in lines[:MAX_SQLITE_LINES])
        report.problems.extend(_unreadable_tables(db))
    for row in db.execute("PRAGMA foreign_key_check").fetchall():
        report.problems.append(_(BROKEN_FOREIGN_KEY).format(table=row[0], rowid=row[1]))


def _unreadable_tables(db: Database) -> list[str]:
    """Which tables cannot be read to the end: names the damage for a lecturer (and for support)."""
    found = []
    names = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    for (name,) in names:
        try:
            for _row in db.execute(f'SELECT * FROM "{name}"'):
                pass
        except sqlite3.DatabaseError as exc:
            found.append(_("bảng {name} không đọc được ({error})").format(name=name, error=exc))
    return found


def search_index_damage(db: Database) -> list[str]:
    """FTS5's own integrity check of each full-text index: what it found damaged (nothing on a read-only copy,
    where FTS5 cannot run its check, which is a write)."""
    found: list[str] = []
    for name in (materialize.SEARCH_INDEX, *question_rows.INDEX_TABLES.values()):
        try:
            db.execute(f"INSERT INTO {name}({name}) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            if "readonly" in str(exc):
                continue
            found.append(_("chỉ mục tìm kiếm {name} bị hỏng ({error})").format(name=name, error=exc))
    return found


def _check_search_index(db: Database, report: CheckReport) -> None:
    """FTS5's own integrity check, then: does every indexed record have its index row?"""
    found = search_index_damage(db)
    missing = sum(db.execute(f"SELECT COUNT(*) FROM {materialize.TABLES[rtype]} WHERE id NOT IN "
                             "(SELECT record_id FROM search_rows)").fetchone()[0]
                  for rtype in materialize.INDEXED_TYPES)
    dangling = db.execute(f"SELECT COUNT(*) FROM search_rows s WHERE NOT EXISTS (SELECT 1 FROM "
                          f"{materialize.SEARCH_INDEX} f WHERE f.rowid = s.fts_rowid)").fetchone()[0]
    missing += dangling + question_rows.unindexed(db)
    if missing:
        found.append(ngettext("chỉ mục tìm kiếm thiếu {n} bản ghi", missing).format(n=missing))
    report.search_index_problems.extend(found)
    report.problems.extend(found)


def _check_revisions(db: Database, report: CheckReport) -> None:
    for _seq, rev in RevisionLog(db).since(0, limit=-1):
        report.revisions += 1
        if rev.computed_id() != rev.rev_id:
            report.problems.append(_(CHANGED_REVISION).format(rev=rev.rev_id, record=rev.record_id))


def _check_heads_and_tables(db: Database, report: CheckReport) -> None:
    log = RevisionLog(db)
    stale = db.execute(
        "SELECT h.record_id, h.rev_id FROM heads h JOIN revision_parents p ON p.parent_id = h.rev_id"
    ).fetchall()
    for record_id, rev_id in stale:
        report.problems.append(_(STALE_HEAD).format(record=record_id, rev=rev_id))
    for record_id, rtype, head_rev, deleted in db.execute(
            "SELECT id, type, head_rev, deleted FROM records").fetchall():
        report.records += 1
        heads = log.heads(record_id)
        if not heads or heads[0].rev_id != head_rev:
            report.problems.append(_(WRONG_HEAD).format(record=record_id))
            continue
        table = materialize.TABLES.get(rtype)
        if table is None:
            continue
        row = db.execute(f"SELECT body FROM {table} WHERE id = ?", [record_id]).fetchone()
        if deleted and row is not None:
            report.problems.append(_(DELETED_STILL_SHOWN).format(record=record_id, table=table))
        elif not deleted and (row is None or json.loads(row[0]) != heads[0].body):
            report.problems.append(_(TABLE_MISMATCH).format(record=record_id, table=table))
    orphan_heads = db.execute(
        "SELECT COUNT(*) FROM head_seqs WHERE seq NOT IN (SELECT seq FROM revisions)").fetchone()[0]
    if orphan_heads:
        report.problems.append(ngettext("{n} phiên bản đầu trỏ tới phiên bản không tồn tại", orphan_heads).format(
            n=orphan_heads))


def _hashes_in(value: object) -> set[str]:
    """Every ``sha256`` value anywhere inside a record body."""
    found: set[str] = set()
    if isinstance(value, dict):
        if isinstance(value.get("sha256"), str) and value["sha256"]:
            found.add(value["sha256"])
        for item in value.values():
            found |= _hashes_in(item)
    elif isinstance(value, list):
        for item in value:
            found |= _hashes_in(item)
    return found


def _check_blobs(db: Database, blobs: BlobStore, report: CheckReport) -> None:
    referenced: set[str] = set()
    for table in sorted(set(materialize.TABLES.values())):
        for (body,) in db.execute(f"SELECT body FROM {table}").fetchall():
            referenced |= _hashes_in(json.loads(body))
    findings: list[tuple[str, str]] = []  # (blob, problem), in the order of the blobs
    for sha256 in sorted(referenced):
        report.blobs += 1
        if not blobs.has(sha256):
            findings.append((sha256, _(MISSING_BLOB).format(sha=sha256)))
        elif not blobs.verify(sha256):
            findings.append((sha256, _(DAMAGED_BLOB).format(sha=sha256)))
    try:
        named, named_here = _named_blobs(db)
    except BaseException:  # a revision unreadable: every missing blob stays damage, and the step says why
        report.problems.extend(problem for _sha, problem in findings)
        raise
    # A missing blob that only other machines' records name has not arrived yet (metadata syncs first, the blob
    # after); one this replica's records name was here: it stores a blob before any record names it.
    report.awaited_blobs = [sha for sha, _problem in findings if not blobs.has(sha) and sha not in named_here]
    awaited = set(report.awaited_blobs)
    report.problems.extend(problem for sha, problem in findings if sha not in awaited)
    report.unused_blobs = [sha for sha in blobs.all_hashes() if sha not in named]
    report.leftover_files = [str(path) for path in _temporary_files(blobs.root)]


def _named_blobs(db: Database) -> tuple[set[str], set[str]]:
    """The blobs any revision names (old ones included: a restore may need those), and those that a revision
    minted by this database's replica (now or before it was copied or restored) names."""
    here = _own_replicas(db)
    named: set[str] = set()
    named_here: set[str] = set()
    rows = db.execute("SELECT body, CASE WHEN origin_replica = '' THEN device ELSE origin_replica END "
                      "FROM revisions WHERE body LIKE '%\"sha256\"%'").fetchall()
    for body, replica in rows:
        hashes = _hashes_in(json.loads(body))
        named |= hashes
        if replica in here or not here:  # no replica id readable: every missing blob counts as damage
            named_here |= hashes
    return named, named_here


def _own_replicas(db: Database) -> set[str]:
    """This database's replica id and the ones it had before (core/store/replica.py); empty when unreadable."""
    meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('replica_id', 'previous_replicas')"))
    try:
        previous = json.loads(meta.get("previous_replicas", "[]"))
    except ValueError:
        previous = []
    own = {str(r) for r in previous if isinstance(r, str)} if isinstance(previous, list) else set()
    return own | {meta["replica_id"]} if "replica_id" in meta else set()


def _temporary_files(root: Path) -> list[Path]:
    """Files a blob write leaves when it is killed before its rename (``.incoming-…``)."""
    if not root.is_dir():
        return []
    return sorted(root.glob(".incoming-*")) + sorted(root.glob("??/.incoming-*"))
