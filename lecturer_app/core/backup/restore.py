"""Restoring a backup: into the data folder (after backing up what is there) or into a new folder."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from lecturer_app.core.backup.create import create_backup
from lecturer_app.core.backup.errors import BackupError
from lecturer_app.core.backup.files import Progress, blob_files, copy_backup_database
from lecturer_app.core.backup.manifest import BLOBS, DB_FILE, SETTINGS, BackupInfo
from lecturer_app.core.backup.verify import verify_backup
from lecturer_app.core.settings import load_settings, save_settings
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.integrity import search_index_damage
from lecturer_app.core.store.materialize import rebuild_search_index
from lecturer_app.core.store.replica import ensure_replica
from lecturer_app.i18n import _

# Settings that describe this computer, not the data: a restore keeps the current ones.
MACHINE_SETTINGS = ("backup_dir", "auto_backup")


@dataclass
class RestoreReport:
    """Attributes:
        restored: the backup brought back.
        target: the data folder it was written into.
        safety: the backup of the state it replaced (None for a new folder or when there was no data).
        replica_id: the replica id the restored database mints under from now on (in place only).
    """

    restored: BackupInfo
    target: Path
    safety: BackupInfo | None = None
    replica_id: str = ""

    def to_json(self) -> dict[str, object]:
        return {"restored": self.restored.id, "target": str(self.target),
                "safety_backup": self.safety.id if self.safety else None}


def restore_in_place(data_dir: Path, root: Path, backup_id: str, progress: Progress | None = None) -> RestoreReport:
    """Replace the data folder's database (and settings) with the backup's; blobs are added, never removed.

    The current state is backed up first (kind "before-restore").  The
    database is written with SQLite's backup API through a connection, so
    an app that still has the file open reads the restored data afterwards
    instead of a file swapped under it.
    """
    from lecturer_app.core.workspace import DB_NAME

    info = _verified(root, backup_id, progress)
    load_settings(root / backup_id / SETTINGS)  # a broken settings file refuses the restore before anything is written
    live = data_dir / DB_NAME
    safety = create_backup(data_dir, root, "before-restore", progress=progress) if live.is_file() else None
    if not live.is_file():
        _remove_orphan_journal(live)
    data_dir.mkdir(parents=True, exist_ok=True)
    _add_blobs(root / backup_id / BLOBS, data_dir / BLOBS, progress)
    _write_database(root / backup_id / DB_FILE, live)
    replica_id = _new_replica(live)
    _restore_settings(root / backup_id / SETTINGS, data_dir / SETTINGS)
    return RestoreReport(info, data_dir, safety, replica_id)


def restore_to_folder(root: Path, backup_id: str, target: Path, progress: Progress | None = None) -> RestoreReport:
    """Write the backup as a complete data folder at *target* (which must be new or empty)."""
    from lecturer_app.core.workspace import DB_NAME

    info = _verified(root, backup_id, progress)
    load_settings(root / backup_id / SETTINGS)  # a broken settings file would make a folder no start could open
    if target.exists() and any(target.iterdir()):
        raise BackupError(_("Thư mục {path} không trống: hãy chọn một thư mục mới hoặc trống.").format(path=target))
    target.mkdir(parents=True, exist_ok=True)
    _add_blobs(root / backup_id / BLOBS, target / BLOBS, progress)
    _write_database(root / backup_id / DB_FILE, target / DB_NAME)
    if (root / backup_id / SETTINGS).is_file():
        shutil.copy2(root / backup_id / SETTINGS, target / SETTINGS)
    return RestoreReport(info, target)


def _verified(root: Path, backup_id: str, progress: Progress | None) -> BackupInfo:
    folder = root / backup_id
    if not backup_id or not folder.is_dir():
        raise BackupError(_("Không có bản sao lưu «{id}» trong {root}.").format(id=backup_id, root=root))
    report = verify_backup(folder, progress)
    if not report.ok or report.info is None:
        raise BackupError(_("Bản sao lưu «{id}» bị hỏng, không khôi phục: {problems}").format(
            id=backup_id, problems="; ".join(report.problems[:5])))
    return report.info


def _remove_orphan_journal(live: Path) -> None:
    """A WAL file left without its database belongs to the lost file; applied to the restored one it corrupts it."""
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)


def _add_blobs(source: Path, target: Path, progress: Progress | None) -> None:
    files = list(blob_files(source))
    for index, blob in enumerate(files):
        if progress is not None:
            progress(index, len(files), _("Khôi phục tệp đính kèm"))
        destination = target / blob.parent.name / blob.name
        if not destination.is_file():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(blob, destination)  # a copy, not a link: the data never shares a file with a backup


def _write_database(backup: Path, live: Path) -> None:
    copy_backup_database(backup, live)
    db = open_database(live)  # WAL again, and the migrations a backup from an older version needs
    try:
        # A backup is verified on a read-only copy, where FTS5 cannot check its indexes: checked here, and
        # rebuilt from the (verified) read tables when damaged, so a restore never brings a broken search back.
        if search_index_damage(db):
            rebuild_search_index(db)
    finally:
        db.close()


def _new_replica(live: Path) -> str:
    """Give the restored database a new replica id, as a copy gets (core/store/replica.py).

    A restore rewinds the revision counter: under the old id the next
    revisions would reuse (replica, seq) pairs that revisions made after the
    backup already had, and may already have been synced.  Marking the
    binding stale makes ``ensure_replica`` treat the database as the copy
    from the past that it is.
    """
    db = open_database(live)
    try:
        db.execute("INSERT INTO meta VALUES ('replica_binding', 'restored from a backup') "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        return ensure_replica(db, live.parent).replica_id
    finally:
        db.close()


def _restore_settings(backup: Path, live: Path) -> None:
    if not backup.is_file():
        return
    current = load_settings(live)
    restored = load_settings(backup)
    for name in MACHINE_SETTINGS:
        setattr(restored, name, getattr(current, name))
    save_settings(restored, live)
