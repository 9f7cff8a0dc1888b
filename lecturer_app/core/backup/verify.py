"""Is a backup whole?  Its manifest, its database file's hash, and ``check`` run on the copy itself."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.backup.files import Progress, connect, sha256_of
from lecturer_app.core.backup.manifest import BLOBS, DB_FILE, MANIFEST, BackupInfo, load_manifest
from lecturer_app.core.errors import InputFileError
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.db import Database
from lecturer_app.core.store.integrity import check_workspace
from lecturer_app.core.store.record_store import Store
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
    db = Database(connect(database, read_only=True))
    try:
        return check_workspace(Store(db), BlobStore(blobs), progress=progress).problems
    except sqlite3.DatabaseError as exc:
        return [_("không đọc được cơ sở dữ liệu của bản sao lưu: {error}").format(error=exc)]
    finally:
        db.close()
