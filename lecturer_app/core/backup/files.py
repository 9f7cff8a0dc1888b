"""File plumbing shared by backup and restore: hashing, syncing, copying blobs and databases."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

CHUNK = 1 << 20

Progress = Callable[[int, int, str], None]


def sha256_of(path: Path) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as src:
        for chunk in iter(lambda: src.read(CHUNK), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def blob_files(root: Path) -> Iterator[Path]:
    """The blob files under *root* (``ab/<sha256>``), skipping unfinished ``.incoming-`` files."""
    if not root.is_dir():
        return
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and len(folder.name) == 2:
            for item in sorted(folder.iterdir()):
                if item.is_file() and not item.name.startswith("."):
                    yield item


def copy_verified(source: Path, target: Path) -> bool:
    """Copy a blob, hashing it on the way; False (and nothing written) when its bytes do not match its name."""
    hasher = hashlib.sha256()
    partial = target.with_name("." + target.name + ".part")
    with open(source, "rb") as src, open(partial, "wb") as out:
        for chunk in iter(lambda: src.read(CHUNK), b""):
            hasher.update(chunk)
            out.write(chunk)
    if hasher.hexdigest() != source.name:
        partial.unlink()
        return False
    os.replace(partial, target)
    return True


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link to an unchanging file of an earlier backup (no space used), or a copy where links fail (FAT)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain connection (no migrations): read-only through a URI, so a backup is never changed by reading it."""
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    return sqlite3.connect(str(path), timeout=30)


def copy_database(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup, in one step: one read transaction, so the copy is one consistent moment.

    Writers in other processes go on (WAL); a copy in several steps would
    restart on every write and might never finish.
    """
    source.backup(target, pages=-1)


def copy_backup_database(backup: Path, target: Path) -> None:
    """A backup's database file copied to *target* (a new file), the backup opened read-only."""
    source, copy = connect(backup, read_only=True), connect(target)
    try:
        copy_database(source, copy)
    finally:
        copy.close()
        source.close()
