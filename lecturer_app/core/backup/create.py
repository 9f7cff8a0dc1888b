"""Making a backup: snapshot the database, copy the blobs, write the manifest, rename into place."""

from __future__ import annotations

import os
import shutil
import time
from datetime import datetime
from pathlib import Path

from lecturer_app import __version__
from lecturer_app.core.backup import retention
from lecturer_app.core.backup.errors import BackupError
from lecturer_app.core.backup.files import (
    Progress,
    blob_files,
    connect,
    copy_database,
    copy_verified,
    fsync_file,
    link_or_copy,
    sha256_of,
)
from lecturer_app.core.backup.manifest import (
    BLOBS,
    DB_FILE,
    KINDS,
    PARTIAL_PREFIX,
    SETTINGS,
    BackupInfo,
    list_backups,
    write_manifest,
)
from lecturer_app.core.errors import os_error_reason
from lecturer_app.i18n import _

# An unfinished folder this old belongs to no running backup (one takes seconds); it is removed.
STALE_PARTIAL_S = 6 * 3600


def create_backup(data_dir: Path, root: Path, kind: str = "manual", *, now: datetime | None = None,
                  progress: Progress | None = None) -> BackupInfo:
    """Back up *data_dir* into a new folder under *root*; returns its manifest.

    Everything is written into ``.partial-<id>`` and renamed when complete,
    so a backup that is killed leaves no folder that looks finished.  The
    database is copied before the blobs: a blob is stored before any record
    names it and is never deleted, so every blob the snapshot needs exists
    by the time the blobs are copied.  Old backups are pruned afterwards.
    """
    from lecturer_app.core.workspace import DB_NAME

    if kind not in KINDS:
        raise ValueError(kind)
    database = data_dir / DB_NAME
    if not database.is_file():
        raise BackupError(_("Không có dữ liệu để sao lưu: không thấy tệp {path}.").format(path=database))
    now = now or datetime.now().astimezone()
    staging = _prepare(root, now, kind)
    try:
        info = _fill(staging, data_dir, root, kind, now, progress)
        os.replace(staging, root / info.id)
    except OSError as exc:  # a full backup disk, a USB stick pulled: said in words, naming the file
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(_("Không sao lưu được vào {path}: {reason}").format(
            path=exc.filename or root, reason=os_error_reason(exc))) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    prune(root)
    return info


def _prepare(root: Path, now: datetime, kind: str) -> Path:
    try:
        root.mkdir(parents=True, exist_ok=True)
        _remove_stale_partials(root)
        backup_id = _new_id(root, now, kind)
        staging = root / f"{PARTIAL_PREFIX}{backup_id}"
        (staging / BLOBS).mkdir(parents=True)
    except OSError as exc:
        raise BackupError(_("Không ghi được vào thư mục sao lưu {path}: {reason}").format(
            path=root, reason=os_error_reason(exc))) from exc
    return staging


def _fill(staging: Path, data_dir: Path, root: Path, kind: str, now: datetime,
          progress: Progress | None) -> BackupInfo:
    from lecturer_app.core.workspace import DB_NAME

    records, schema = snapshot_database(data_dir / DB_NAME, staging / DB_FILE)
    previous = list_backups(root)
    count, size = _copy_blobs(data_dir / BLOBS, staging / BLOBS, previous[0].id if previous else None, root,
                              progress)
    if (data_dir / SETTINGS).is_file():
        shutil.copy2(data_dir / SETTINGS, staging / SETTINGS)
    info = BackupInfo(id=staging.name.removeprefix(PARTIAL_PREFIX), kind=kind, created=now.isoformat(),
                      app_version=__version__, schema_version=schema, db_sha256=sha256_of(staging / DB_FILE),
                      db_size=(staging / DB_FILE).stat().st_size, blob_count=count, blob_bytes=size,
                      records=records, source=str(data_dir))
    write_manifest(staging, info)
    fsync_file(staging / "manifest.json")
    return info


def snapshot_database(source: Path, target: Path) -> tuple[int, int]:
    """Copy the live database to *target* as one self-contained file; returns (records, schema version)."""
    src, dst = connect(source), connect(target)
    try:
        copy_database(src, dst)
        # The copy carries the live file's WAL flag; a backup is one file that opens read-only anywhere.
        dst.execute("PRAGMA journal_mode = DELETE")
        records = dst.execute("SELECT COUNT(*) FROM records").fetchone()[0]
        schema = dst.execute("PRAGMA user_version").fetchone()[0]
    finally:
        dst.close()
        src.close()
    fsync_file(target)
    return records, schema


def _copy_blobs(source: Path, target: Path, previous_id: str | None, root: Path,
                progress: Progress | None) -> tuple[int, int]:
    files = list(blob_files(source))
    count = size = 0
    for index, blob in enumerate(files):
        if progress is not None:
            progress(index, len(files), _("Sao chép tệp đính kèm"))
        folder = target / blob.parent.name
        folder.mkdir(exist_ok=True)
        earlier = root / previous_id / BLOBS / blob.parent.name / blob.name if previous_id else None
        if earlier is not None and earlier.is_file():
            link_or_copy(earlier, folder / blob.name)
        elif not copy_verified(blob, folder / blob.name):
            continue  # a damaged blob is not carried into the backup; verify names what is missing
        count += 1
        size += (folder / blob.name).stat().st_size
    return count, size


def _new_id(root: Path, now: datetime, kind: str) -> str:
    base = f"{now.strftime('%Y-%m-%d_%H%M%S')}_{kind}"
    candidate, number = base, 1
    while (root / candidate).exists() or (root / f"{PARTIAL_PREFIX}{candidate}").exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _remove_stale_partials(root: Path) -> None:
    for folder in root.glob(f"{PARTIAL_PREFIX}*"):
        if time.time() - folder.stat().st_mtime > STALE_PARTIAL_S:
            shutil.rmtree(folder, ignore_errors=True)


def prune(root: Path) -> list[BackupInfo]:
    """Delete the backups the retention policy lets go; returns them."""
    gone = retention.to_prune(list_backups(root))
    for info in gone:
        shutil.rmtree(root / info.id, ignore_errors=True)
    return gone


def backup_due(root: Path, now: datetime | None = None) -> bool:
    """True when no automatic backup was made on *now*'s day (the daily backup at the first start)."""
    today = (now or datetime.now().astimezone()).date()
    return not any(b.kind == "auto" and b.created_at.date() == today for b in list_backups(root))
