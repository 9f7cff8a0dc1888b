"""A new device's first sync from the server's signed snapshot (docs/design/server.md § "Snapshots").

Taken only when this folder has never pulled from this server (cursor 0) and
holds nothing from elsewhere: the shipped bank and, at most, its own edits.
The manifest must be signed by the province authority this device trusts,
name this server and epoch, this app's schema and shipped bank; the file must
hash to the manifest's sha256; every revision in it must hash to its id and
every record be in a partition this device's certificate reads.  Then this
device's own revisions (and signatures) and its replica identity (``meta``)
are written into the file, and the file replaces the database's content in
one step (SQLite's backup: all or nothing).  The feed after the snapshot's
position is pulled as usual; own edits are pushed as usual.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from lecturer_app.core.store.db import SCHEMA_VERSION, Database, open_database
from lecturer_app.core.store.merge import AUTOMERGE
from lecturer_app.core.store.record_store import Store, verified_body_json
from lecturer_app.core.store.revisions import Revision, RevisionLog
from lecturer_app.i18n import _
from lecturer_app.sync import resumable
from lecturer_app.sync.answer_shapes import MANIFEST, checked
from lecturer_app.sync.device import Device
from lecturer_app.sync.http_auth import check
from lecturer_app.sync.keys import sync_dir
from lecturer_app.sync.server_answers import ask
from lecturer_app.sync.signing import BANK_ORIGIN, local_replicas, store_signatures
from lecturer_app.sync.trust import document_signed_by, grants

# Own revisions carried into a snapshot at most: past this, pulling the feed costs no more.
MAX_OWN = 2_000
# Passes at carrying own edits while another connection keeps saving, before the snapshot is given up.
CARRY_ATTEMPTS = 5
Progress = Callable[[int, int], None]
# Suffix of a downloaded snapshot while it is checked and made the database (never resumed).
TAKING = ".taking"


class SnapshotRefused(Exception):
    """The snapshot cannot be taken (the first sync then pulls the feed); the message says why."""


def eligible(store: Store) -> bool:
    """True when this folder holds only the shipped bank, merges and at most MAX_OWN revisions of its own."""
    own = local_replicas(store)
    marks = ",".join("?" * len(own))
    foreign = store.db.execute(
        f"SELECT 1 FROM revisions WHERE origin_replica NOT IN ({marks}) AND origin_replica != ? "
        "AND origin_replica NOT LIKE ? LIMIT 1", [*own, AUTOMERGE, BANK_ORIGIN + "%"]).fetchone()
    mine = store.db.execute(f"SELECT COUNT(*) FROM revisions WHERE origin_replica IN ({marks})", own).fetchone()
    return foreign is None and int(mine[0]) <= MAX_OWN


# The server may bring the snapshot up to date before answering (tens of seconds for a large bank on a busy
# server): still far less than pulling and checking the whole feed, which is the alternative.
MANIFEST_TIMEOUT = httpx.Timeout(900.0, connect=10.0)


def offered(http: httpx.Client) -> dict[str, Any] | None:
    """The server's manifest for this account's scope, or None (an older server, or a small scope)."""
    doing = _("hỏi bản chụp dữ liệu cho máy mới")
    answer = ask(http, "GET", "/v1/snapshot", doing, timeout=MANIFEST_TIMEOUT)
    if answer.status_code == 401:
        check(answer)  # an expired session: renewed and the exchange run again (http_auth)
    if answer.status_code != 200:
        return None  # none offered, or the server could not make one: the feed is pulled
    return checked(answer, MANIFEST, doing)


def manifest_problem(device: Device, manifest: dict[str, Any], server_id: str, epoch: str) -> str | None:
    """Why *manifest* cannot be taken here, or None."""
    anchors = [str(anchor.get("public_key", "")) for anchor in device.trust.anchors()]
    if manifest.get("kind") != "snapshot" or not any(document_signed_by(manifest, key) for key in anchors):
        return "not signed by the trusted authority"
    if (manifest.get("server_id"), manifest.get("epoch")) != (server_id, epoch):
        return "another server or epoch"
    if manifest.get("schema") != SCHEMA_VERSION or manifest.get("schema") != device.store.db.schema_version():
        return "another database schema"
    bank = sorted([str(b), str(v)] for b, v in device.store.db.execute("SELECT bank_id, version FROM bank_imports"))
    if manifest.get("bank") != bank:
        return "another shipped bank version"
    return None


def download(http: httpx.Client, data_dir: Path, manifest: dict[str, Any], progress: Progress) -> Path:
    """The snapshot file in ``sync/``, resumed with Range after a cut; checked against the manifest's sha256.

    The part kept from a cut (the line, Hủy, the machine killed) is resumed only while the mark that the
    snapshot was asked for is unsaved (http_client): a cut is not an answer, the next sync asks again.
    """
    sha = str(manifest["sha256"])
    partial = sync_dir(data_dir) / f".snapshot-{sha}"
    discard_parts(data_dir, keep=partial)  # a cut-off download of an older snapshot, or one killed while taken
    got = resumable.fetch(http, f"/v1/snapshot/{sha}", partial, progress, int(manifest["size"]))
    if got is None:
        raise SnapshotRefused("the server no longer has this snapshot")
    if got != sha:
        partial.unlink(missing_ok=True)
        raise SnapshotRefused("the file does not hash to the manifest's sha256")
    return partial


def set_aside(path: Path) -> Path:
    """The downloaded *path* under the name of a file being taken: adopting writes into it, so a machine killed
    meanwhile must not leave it where the next sync would resume it (it is discarded and fetched again)."""
    taken = path.with_name(path.name + TAKING)
    path.replace(taken)
    return taken


def discard_parts(data_dir: Path, keep: Path | None = None) -> None:
    """Every snapshot file left in ``sync/`` but *keep*: parts no longer wanted (the server offers another
    snapshot or none, or this folder pulled the feed instead) and files a killed sync was taking."""
    for stale in sync_dir(data_dir).glob(".snapshot-*"):
        if stale != keep:
            stale.unlink(missing_ok=True)


def adopt(device: Device, path: Path, manifest: dict[str, Any], scopes: list[str]) -> int:
    """Check *path*, carry this device's own revisions and identity into it, then make it the database.

    Returns the local seq of the last revision that came with the snapshot (the push mark: what follows
    is this device's own and still to be pushed).
    """
    store = device.store
    snap = open_database(path)
    try:
        _check_contents(snap, scopes)  # the slow part (every id hashed) before own edits are read
        top = int(snap.execute("SELECT COALESCE(MAX(seq), 0) FROM revisions").fetchone()[0])
        _carry_identity(store.db, snap)
        _carry_own_revisions(store, Store(snap, author=store.author))
        snap.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _replace(store, snap.conn)
    finally:
        snap.close()
    return top


def _carry_own_revisions(store: Store, carried: Store) -> None:
    """This device's revisions into the snapshot, again while another connection (the GUI) keeps committing.

    ``PRAGMA data_version`` changes when another connection commits: an edit saved while the revisions were
    being carried is carried on the next pass (carrying is insert-or-ignore), so the replacement that follows
    at once does not drop it.  A folder that never stops changing keeps its database (the feed is pulled).
    """
    for _attempt in range(CARRY_ATTEMPTS):
        version = _data_version(store.db)
        own = _own_revisions(store)
        with carried.transaction():
            carried.apply_verified([(rev, body) for rev, body, _sig in own])
            store_signatures(carried, [(rev.rev_id, *sig) for rev, _body, sig in own if sig])
        if _data_version(store.db) == version:
            return
    raise SnapshotRefused("this folder kept changing while its own edits were carried")


def _data_version(db: Database) -> int:
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def _own_revisions(store: Store) -> list[tuple[Revision, str, tuple[str, str] | None]]:
    own = local_replicas(store)
    marks = ",".join("?" * len(own))
    rows = store.db.execute(f"SELECT * FROM revisions WHERE origin_replica IN ({marks}) ORDER BY seq", own)
    revs = [RevisionLog._from_row(row) for row in rows]
    sigs = {row[0]: (row[1], row[2]) for row in store.db.execute(
        f"SELECT s.rev_id, s.signer, s.signature FROM revision_signatures s JOIN revisions r USING (rev_id) "
        f"WHERE r.origin_replica IN ({marks})", own)}
    return [(rev, verified_body_json(rev), sigs.get(rev.rev_id)) for rev in revs]


def _check_contents(snap: Database, scopes: list[str]) -> None:
    """Every revision hashes to its id; every record is in a partition *scopes* read."""
    for (scope,) in snap.execute("SELECT DISTINCT scope FROM records"):
        if not grants(scopes, str(scope)):
            raise SnapshotRefused(f"a record outside this device's scopes ({scope})")
    cursor = snap.execute("SELECT * FROM revisions")
    while rows := cursor.fetchmany(2_000):
        for row in rows:
            if _row_id(row) != row[1]:
                raise SnapshotRefused(f"revision {row[1]} does not match its content")


def _row_id(row: tuple[Any, ...]) -> str:
    """The content hash of a stored revision row, from its body text as stored (canonical JSON)."""
    (_seq, rev_id, record_id, rtype, parents, generation, body, deleted,
     author, device, hlc, summary, form, origin_replica, origin_seq) = row
    rev = Revision(record_id=record_id, type=rtype, parents=tuple(json.loads(parents)), generation=generation,
                   body={}, deleted=bool(deleted), author=author, device=device, hlc=hlc, summary=summary,
                   rev_id=rev_id, origin_replica=origin_replica, origin_seq=origin_seq, format=form)
    return rev.computed_id_with_body(body)


def _carry_identity(mine: Database, snap: Database) -> None:
    """This database's replica id, its binding and its revision counter replace the builder's.

    The newest stamp (``meta.last_hlc``, which the clock starts from) is the newer of this database's and the
    snapshot log's: the trigger that keeps it sees only the revisions inserted from here on.
    """
    rows = mine.execute("SELECT key, value FROM meta").fetchall()
    with snap.atomic():
        snap.execute("DELETE FROM meta")
        snap.executemany("INSERT INTO meta VALUES (?, ?)", rows)
        snap.execute("INSERT INTO meta (key, value) SELECT 'last_hlc', MAX(hlc) FROM revisions WHERE hlc IS NOT NULL "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE excluded.value > meta.value")


def _replace(store: Store, source: sqlite3.Connection) -> None:
    """The database's whole content becomes *source*'s, in one write transaction (a crash keeps the old)."""
    source.backup(store.db.conn)
    last = store.last_stamp()
    if last:
        store.clock.observe(last)
    for listener in list(store.commit_listeners):
        listener()


def remove(path: Path) -> None:
    """The downloaded file and what SQLite made beside it."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
