"""What a backup folder holds, as read from its ``manifest.json``."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.json_reading import read_json_file
from lecturer_app.i18n import N_, _

MANIFEST = "manifest.json"
DB_FILE = "lecturer_app.sqlite3"
BLOBS = "blobs"
SETTINGS = "settings.json"
FORMAT = 1
# "auto": the daily backup at start; "manual": asked for; "before-restore": the state a restore replaced.
KINDS = ("auto", "manual", "before-restore")
PARTIAL_PREFIX = ".partial-"
# A manifest is about 500 bytes; every listing reads each backup's, so a huge one is refused unread.
MAX_MANIFEST_BYTES = 1024 * 1024
NOT_A_MANIFEST = N_("không phải bản kê của một bản sao lưu (thiếu mục hoặc mục sai kiểu)")


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


def load_manifest(folder: Path) -> BackupInfo:
    """The manifest of *folder*; an ``InputFileError`` naming it when it is missing, not plain JSON (nested or
    numbered to harm) or not of a manifest's shape: a value of the wrong type failed every later use."""
    path = folder / MANIFEST
    data = read_json_file(path, MAX_MANIFEST_BYTES)
    try:
        info = BackupInfo(**{k: v for k, v in data.items() if k in BackupInfo.__dataclass_fields__})
        shaped = _fits(info)
        datetime.fromisoformat(info.created)
    # AttributeError: JSON that is not an object; TypeError: a field missing; ValueError: no date.
    except (AttributeError, TypeError, ValueError) as exc:
        raise InputFileError(path, "", _(NOT_A_MANIFEST)) from exc
    if not shaped:
        raise InputFileError(path, "", _(NOT_A_MANIFEST))
    return info


def read_manifest(folder: Path) -> BackupInfo | None:
    """The manifest of *folder*, or None when :func:`load_manifest` refuses it (an unfinished or damaged backup)."""
    try:
        return load_manifest(folder)
    except InputFileError:
        return None


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
