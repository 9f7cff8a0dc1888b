"""What a backup folder holds, as read from its ``manifest.json``."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

MANIFEST = "manifest.json"
DB_FILE = "lecturer_app.sqlite3"
BLOBS = "blobs"
SETTINGS = "settings.json"
FORMAT = 1
# "auto": the daily backup at start; "manual": asked for; "before-restore": the state a restore replaced.
KINDS = ("auto", "manual", "before-restore")
PARTIAL_PREFIX = ".partial-"


@dataclass(frozen=True)
class BackupInfo:
    """One finished backup.

    Attributes:
        id: the folder name, e.g. ``2026-12-04_083000_auto`` (sorts by time).
        kind: one of ``KINDS``.
        created: local time the database snapshot was taken (ISO 8601 with offset).
        db_sha256, db_size: the database file as written.
        blob_count, blob_bytes: the blob files copied.
        records: records in the snapshot (for the list).
    """

    id: str
    kind: str
    created: str
    app_version: str
    schema_version: int
    db_sha256: str
    db_size: int
    blob_count: int
    blob_bytes: int
    records: int
    source: str
    format: int = FORMAT

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.created)

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def write_manifest(folder: Path, info: BackupInfo) -> None:
    (folder / MANIFEST).write_text(json.dumps(info.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")


def read_manifest(folder: Path) -> BackupInfo | None:
    """The manifest of *folder*, or None when it is missing, unreadable or not of a manifest's shape (an
    unfinished or damaged backup): a value of the wrong type failed every later use, ``backup list`` of all."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        known = BackupInfo.__dataclass_fields__
        info = BackupInfo(**{k: v for k, v in data.items() if k in known})
        datetime.fromisoformat(info.created)
    # RecursionError: JSON nested past the parser's depth; AttributeError: JSON that is not an object.
    except (OSError, ValueError, TypeError, RecursionError, AttributeError):
        return None
    return info if _fits(info) else None


def _fits(info: BackupInfo) -> bool:
    """Every field of *info* of its declared type (``int`` or ``str``; a bool is not an int here)."""
    for name in BackupInfo.__dataclass_fields__:
        value = getattr(info, name)
        wanted = int if name in _INTEGERS else str
        if type(value) is not wanted:
            return False
    return True


_INTEGERS = frozenset({"schema_version", "db_size", "blob_count", "blob_bytes", "records", "format"})


def list_backups(root: Path) -> list[BackupInfo]:
    """Every finished backup under *root*, newest first."""
    if not root.is_dir():
        return []
    found = []
    for folder in root.iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            info = read_manifest(folder)
            if info is not None and info.id == folder.name:
                found.append(info)
    return sorted(found, key=lambda info: (info.created_at, info.id), reverse=True)
