"""Which replica a database is, and noticing when it was copied (sync.md §3.1).

Each database has a random ``replica_id`` (``meta``) that names the revisions
it mints.  Two machines must never mint under one id, yet a data folder is
easily copied (a USB stick, a restored disk image).  So the id is bound to
the machine and the folder: ``meta.replica_binding`` is a hash of the id,
this machine's fingerprint and the folder's path.  A database opened where
the binding does not match is a copy: it gets a new replica id (the old one
is kept in ``meta.previous_replicas``) and its revision counter starts over.
Nothing else changes: the revisions it holds keep their ids.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from lecturer_app.core.store.db import Database
from lecturer_app.core.store.ids import uuid7

_MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


@dataclass(frozen=True)
class ReplicaCheck:
    """The replica id in force, and the one it replaced when the database was found to be a copy."""

    replica_id: str
    copied_from: str | None = None


def machine_fingerprint() -> str:
    """A stable id of this machine: the OS's machine id where there is one, else the network card."""
    for path in _MACHINE_ID_FILES:
        try:
            value = path.read_text(encoding="ascii").strip()
        except OSError:
            continue
        if value:
            return value
    if sys.platform == "win32":
        value = _windows_machine_guid()
        if value:
            return value
    import uuid  # here: the last resort (uuid loads platform); every open imported it

    return f"node-{uuid.getnode():012x}"


def _windows_machine_guid() -> str:
    if sys.platform != "win32":  # also tells the type checker the rest is Windows-only
        return ""
    try:
        import winreg

        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography")
        return str(winreg.QueryValueEx(key, "MachineGuid")[0])
    except OSError:
        return ""


def binding(replica_id: str, fingerprint: str, folder: Path) -> str:
    text = "\n".join((replica_id, fingerprint, str(folder.resolve())))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ensure_replica(db: Database, folder: Path, fingerprint: str | None = None) -> ReplicaCheck:
    """Bind the database to this machine and *folder*; give a copied database a new replica id."""
    fingerprint = machine_fingerprint() if fingerprint is None else fingerprint
    meta = _replica_meta(db)
    current = meta.get("replica_id")
    if current is not None and meta.get("replica_binding") == binding(current, fingerprint, folder):
        return ReplicaCheck(current)   # the usual start: nothing to write, so no wait for another writer
    # Read again under the write lock: two first starts at once must not both mint a replica id.
    with db.atomic():
        meta = _replica_meta(db)
        current = meta.get("replica_id")
        if current is None:
            current = uuid7()
            db.execute("INSERT INTO meta VALUES ('replica_id', ?)", [current])
        elif meta.get("replica_binding") not in (None, binding(current, fingerprint, folder)):
            return _renew(db, folder, fingerprint, current, meta.get("previous_replicas", "[]"))
        _set(db, "replica_binding", binding(current, fingerprint, folder))
    return ReplicaCheck(current)


def _replica_meta(db: Database) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM meta WHERE key IN "
                           "('replica_id', 'replica_binding', 'previous_replicas')").fetchall())


def _renew(db: Database, folder: Path, fingerprint: str, old: str, previous: str) -> ReplicaCheck:
    new = uuid7()
    _set(db, "replica_id", new)
    _set(db, "replica_binding", binding(new, fingerprint, folder))
    _set(db, "previous_replicas", json.dumps([*json.loads(previous), old]))
    db.execute("DELETE FROM meta WHERE key = 'origin_seq'")
    return ReplicaCheck(new, copied_from=old)


def _set(db: Database, key: str, value: str) -> None:
    db.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
