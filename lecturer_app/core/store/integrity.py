"""`lecturer-app check`: is the database whole and does every blob match its hash?"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from lecturer_app.core.store import materialize
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.record_store import Store
from lecturer_app.i18n import _


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    revisions: int = 0
    records: int = 0
    blobs: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, object]:
        return {"ok": self.ok, "problems": self.problems, "revisions": self.revisions,
                "records": self.records, "blobs": self.blobs}


def check_workspace(store: Store, blobs: BlobStore,
                    progress: Callable[[int, int, str], None] | None = None) -> CheckReport:
    """Run every check; *progress(done, total, stage)* is called before each stage (and may raise to stop)."""
    report = CheckReport()
    stages = ((_check_sqlite, _("Kiểm tra tệp cơ sở dữ liệu")), (_check_revisions, _("Kiểm tra các phiên bản")),
              (_check_heads_and_tables, _("Kiểm tra các bảng dữ liệu")))
    for index, (stage, text) in enumerate(stages):
        if progress is not None:
            progress(index, len(stages) + 1, text)
        stage(store, report)
    if progress is not None:
        progress(len(stages), len(stages) + 1, _("Kiểm tra tệp đính kèm"))
    _check_blobs(store, blobs, report)
    return report


def _check_sqlite(store: Store, report: CheckReport) -> None:
    result = store.db.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        report.problems.extend(f"SQLite: {row[0]}" for row in result)
    for row in store.db.execute("PRAGMA foreign_key_check").fetchall():
        report.problems.append(f"SQLite: khóa ngoại hỏng ở bảng {row[0]} (rowid {row[1]})")


def _check_revisions(store: Store, report: CheckReport) -> None:
    for _seq, rev in store.log.since(0, limit=-1):
        report.revisions += 1
        if rev.computed_id() != rev.rev_id:
            report.problems.append(f"phiên bản {rev.rev_id} của bản ghi {rev.record_id}: nội dung không khớp mã băm")


def _check_heads_and_tables(store: Store, report: CheckReport) -> None:
    db = store.db
    stale = db.execute(
        "SELECT h.record_id, h.rev_id FROM heads h JOIN revision_parents p ON p.parent_id = h.rev_id"
    ).fetchall()
    for record_id, rev_id in stale:
        report.problems.append(f"bản ghi {record_id}: phiên bản đầu {rev_id} đã có phiên bản sau")
    for record_id, rtype, head_rev, deleted in db.execute(
            "SELECT id, type, head_rev, deleted FROM records").fetchall():
        report.records += 1
        heads = store.log.heads(record_id)
        if not heads or heads[0].rev_id != head_rev:
            report.problems.append(f"bản ghi {record_id}: phiên bản hiển thị không đúng")
            continue
        table = materialize.TABLES.get(rtype)
        if table is None:
            continue
        row = db.execute(f"SELECT body FROM {table} WHERE id = ?", [record_id]).fetchone()
        if deleted and row is not None:
            report.problems.append(f"bản ghi {record_id} đã xóa nhưng vẫn còn trong bảng {table}")
        elif not deleted and (row is None or json.loads(row[0]) != heads[0].body):
            report.problems.append(f"bản ghi {record_id}: bảng {table} không khớp lịch sử phiên bản")
    orphan_heads = db.execute(
        "SELECT COUNT(*) FROM heads WHERE rev_id NOT IN (SELECT rev_id FROM revisions)").fetchone()[0]
    if orphan_heads:
        report.problems.append(f"{orphan_heads} phiên bản đầu trỏ tới phiên bản không tồn tại")


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


def _check_blobs(store: Store, blobs: BlobStore, report: CheckReport) -> None:
    referenced: set[str] = set()
    for table in sorted(set(materialize.TABLES.values())):
        for (body,) in store.db.execute(f"SELECT body FROM {table}").fetchall():
            referenced |= _hashes_in(json.loads(body))
    for sha256 in sorted(referenced):
        report.blobs += 1
        if not blobs.has(sha256):
            report.problems.append(f"thiếu tệp dữ liệu {sha256}")
        elif not blobs.verify(sha256):
            report.problems.append(f"tệp dữ liệu {sha256} bị hỏng (mã băm không khớp)")
