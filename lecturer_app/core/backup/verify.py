"""Is a backup whole?  Its manifest, its database file's hash, and ``check`` run on the copy itself."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.backup.files import Progress, connect, copy_backup_database, sha256_of
from lecturer_app.core.backup.manifest import BLOBS, DB_FILE, MANIFEST, BackupInfo, load_manifest
from lecturer_app.core.errors import InputFileError
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.db import SCHEMA_VERSION, Database, DatabaseDamaged, open_database
from lecturer_app.core.store.integrity import check_database
from lecturer_app.i18n import _


@dataclass
class VerifyReport:
    folder: Path
    info: BackupInfo | None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, object]:
        return {"id": self.folder.name, "ok": self.ok, "problems": self.problems,
                "records": self.info.records if self.info else None}


def verify_backup(folder: Path, progress: Progress | None = None) -> VerifyReport:
    """Check the backup in *folder* without changing it (the database is opened read-only)."""
    report = VerifyReport(folder, None)
    if not (folder / MANIFEST).is_file():
        report.problems.append(_("thiếu tệp manifest.json: bản sao lưu chưa hoàn tất hoặc không phải bản sao lưu"))
        return report
    try:
        info = report.info = load_manifest(folder)
    except InputFileError as exc:  # damaged or hostile: said naming the file, nothing else is read
        report.problems.append(str(exc))
        return report
    database = folder / DB_FILE
    if not database.is_file():
        report.problems.append(_("thiếu tệp cơ sở dữ liệu {name}").format(name=DB_FILE))
        return report
    if sha256_of(database) != info.db_sha256:
        report.problems.append(_("tệp cơ sở dữ liệu đã bị thay đổi hoặc hỏng sau khi sao lưu (mã băm không khớp)"))
        return report
    report.problems.extend(_check_copy(database, folder / BLOBS, progress))
    return report


def _check_copy(database: Path, blobs: Path, progress: Progress | None) -> list[str]:
    """``check`` on the backup's database, never changing it.

    A database of this app's schema is checked in place, read-only.  One an
    older version wrote lacks the tables later migrations added, which the
    check reads: it is checked on a migrated temporary copy, as a restore
    would bring it back (a restore migrates too).  No ``Store`` is built: it
    writes a replica id into a database that has none, which a read-only one
    refuses (integrity.py needs only the database).
    """
    try:
        if _schema_of(database) < SCHEMA_VERSION:
            return _check_migrated_copy(database, blobs, progress)
        db = Database(connect(database, read_only=True))
        try:
            return check_database(db, BlobStore(blobs), progress=progress).problems
        finally:
            db.close()
    except (sqlite3.DatabaseError, DatabaseDamaged) as exc:
        return [_("không đọc được cơ sở dữ liệu của bản sao lưu: {error}").format(error=exc)]


def _schema_of(database: Path) -> int:
    conn = connect(database, read_only=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _check_migrated_copy(database: Path, blobs: Path, progress: Progress | None) -> list[str]:
    import tempfile  # here: only a backup from an older version needs it

    with tempfile.TemporaryDirectory(prefix="lecturer-app-verify-") as work:
        copy = Path(work) / DB_FILE
        copy_backup_database(database, copy)
        db = open_database(copy)  # the migrations the restore would run
        try:
            return check_database(db, BlobStore(blobs), progress=progress).problems
        finally:
            db.close()
