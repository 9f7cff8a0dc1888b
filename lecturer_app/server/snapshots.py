"""Snapshots of a read scope: a new device's first sync as one signed file (docs/design/server.md § "Snapshots").

For each set of read scopes (a role's), the server keeps the app's own
database as a new device would hold it after pulling the whole feed: the
shipped bank, then every revision of the scope that ``changes`` serves (the
same SQL filter: partitions granted, revoked signers left out), applied by
the app's store code — the revision rows with their authors' signatures,
the read tables and the search index.  A manifest names the file's sha256,
the feed position it covers, the schema and bank versions, and is signed
with the province authority's key (the key that certifies every device).

Each scope has a working replica (``snapshots/<scope>/work/``), advanced by
the new revisions of its scope when pushes go quiet (``Refresher``, in
``server run``) or when a device asks; it starts over when the set of revoked
devices, the epoch or the schema changes (a revoked device's revisions must
leave it).  It is published — copied with SQLite's backup, hashed, the
manifest signed — when the served file lags the feed by more than
``REFRESH_LAG`` revisions.  A client adopts it and pulls the rest from the
feed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:  # a POSIX server: processes sharing the data folder take turns
    import fcntl
except ImportError:  # Windows: one server process per data folder
    fcntl = None  # type: ignore[assignment]

from lecturer_app.core.store.canonical import canonical_json
from lecturer_app.core.store.db import SCHEMA_VERSION, Database
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.store.revisions import Revision
from lecturer_app.server.accounts import ROLE_SCOPES
from lecturer_app.server.context import ServerContext
from lecturer_app.server.revs import NOT_REVOKED, scope_filter
from lecturer_app.sync.signing import store_signatures
from lecturer_app.sync.trust import iso, now_utc, read_json, sign_document, write_json

# Below this many revisions in a scope the feed is about as quick, and no file is kept.
SNAPSHOT_MIN = 1_000
# A snapshot at most this many revisions behind the feed is served as it is; the client pulls the rest.
REFRESH_LAG = 1_000
# Revisions applied per transaction; the background refresh checks between pages whether a push arrived.
PAGE = 500
MANIFEST = "manifest.json"
DB_NAME = "lecturer_app.sqlite3"
WORK = "work"
# Seconds without a push before the background refresh starts: longer than a busy client takes to
# prepare its next batch, so a device pushing 100 batches is not slowed by it.
QUIET_S = 3.0
log = logging.getLogger("uvicorn.error")


@dataclass(frozen=True)
class Snapshot:
    manifest: dict[str, Any]
    path: Path


def scope_key(scopes: list[str]) -> str:
    """The folder name of a set of read scopes (``official`` is a write scope: it reads nothing more)."""
    reads = sorted(set(scopes) - {"official"})
    return hashlib.sha256(",".join(reads).encode("utf-8")).hexdigest()[:16]


def folder(ctx: ServerContext, scopes: list[str]) -> Path:
    return ctx.data_dir / "snapshots" / scope_key(scopes)


def current(ctx: ServerContext, scopes: list[str], max_lag: int | None = None) -> Snapshot | None:
    """The snapshot of *scopes*, refreshed first when it lags more than *max_lag* (REFRESH_LAG) revisions.

    None when the scope holds fewer than SNAPSHOT_MIN revisions (the feed is as quick).
    """
    allowed = REFRESH_LAG if max_lag is None else max_lag
    with _lock(ctx, scopes):  # one build per scope at a time; a second caller waits and then finds it fresh
        held = stored(ctx, scopes)
        wanted = _wanted(ctx, scopes)
        if held is not None and _reusable(held.manifest, wanted) \
                and _lag(ctx, scopes, int(held.manifest["seq"])) <= allowed:
            return held
        if _lag(ctx, scopes, 0) < SNAPSHOT_MIN:
            return None
        return _publish_work(ctx, scopes, _advance(ctx, scopes, wanted))


@contextmanager
def _lock(ctx: ServerContext, scopes: list[str]) -> Iterator[None]:
    """One builder per scope: across threads, and across server processes sharing the folder (POSIX lock).

    Several ``server run`` processes on one PostgreSQL share the data folder, hence the working replica.
    """
    where = folder(ctx, scopes)
    where.mkdir(parents=True, exist_ok=True)
    with ctx.snapshot_locks.setdefault(scope_key(scopes), threading.Lock()), open(where / ".lock", "a") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # released when the file closes
        yield


def stored(ctx: ServerContext, scopes: list[str]) -> Snapshot | None:
    """The snapshot on disk for *scopes*, as it is (no refresh)."""
    where = folder(ctx, scopes)
    if not (where / MANIFEST).is_file():
        return None
    manifest = read_json(where / MANIFEST, "snapshot")
    path = where / f"{manifest['sha256']}.sqlite3"
    return Snapshot(manifest, path) if path.is_file() else None


def _wanted(ctx: ServerContext, scopes: list[str]) -> dict[str, Any]:
    """What a snapshot must match to be served: server, epoch, schema, scopes, revoked devices."""
    meta = ctx.meta()
    with ctx.repo.transaction() as tx:
        revoked = sorted(row[0] for row in tx.rows("SELECT fingerprint FROM devices WHERE revoked = 1"))
    return {"server_id": meta["server_id"], "epoch": meta["epoch"], "schema": SCHEMA_VERSION,
            "scopes": sorted(set(scopes) - {"official"}),
            "revoked": hashlib.sha256("\n".join(revoked).encode("ascii")).hexdigest()}


def _reusable(manifest: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return all(manifest.get(key) == value for key, value in wanted.items())


def _lag(ctx: ServerContext, scopes: list[str], since: int) -> int:
    condition, params = scope_filter(scopes)
    with ctx.repo.transaction() as tx:
        row = tx.one(f"SELECT COUNT(*) FROM revisions WHERE seq > ? AND {condition} AND {NOT_REVOKED}",
                     [since, *params])
    return int(row[0]) if row else 0


def _advance(ctx: ServerContext, scopes: list[str], wanted: dict[str, Any],
             stop: Callable[[], bool] = lambda: False) -> dict[str, Any]:
    """Bring the scope's working replica up to the feed; returns what its manifest will state.

    The working replica (``<scope>/work/``) is a new device's folder (the shipped bank) kept between
    refreshes, so each applies only the revisions pushed since; it starts over when the server, epoch,
    schema or the set of revoked devices changed (a revoked device's revisions must leave it).
    """
    from lecturer_app.core.workspace import open_workspace

    work = folder(ctx, scopes) / WORK
    try:
        facts = _work_facts(work)
    except sqlite3.DatabaseError:
        facts = {}  # a damaged working copy (a failing disk): rebuilt from the log
    if facts is not None and not _reusable(facts, wanted):
        shutil.rmtree(work)
        facts = None
    workspace = open_workspace(work)
    try:
        since, count = (int(facts["seq"]), int(facts["revisions"])) if facts else (0, 0)
        top, added = _apply_feed(ctx, workspace.store, scopes, since, stop)
        facts = {**wanted, "seq": top, "revisions": count + added, "bank": _bank_versions(workspace.db)}
        with workspace.db.atomic():
            workspace.db.execute("INSERT OR REPLACE INTO meta VALUES ('snapshot_of', ?)", [json.dumps(facts)])
    finally:
        workspace.close()
    return facts


def _work_facts(work: Path) -> dict[str, Any] | None:
    if not (work / DB_NAME).is_file():
        return None
    with closing(sqlite3.connect(work / DB_NAME)) as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = 'snapshot_of'").fetchone()
    return dict(json.loads(row[0])) if row else None


def _publish_work(ctx: ServerContext, scopes: list[str], facts: dict[str, Any]) -> Snapshot:
    """A copy of the working replica (SQLite's backup: a consistent file) published under its sha256."""
    where = folder(ctx, scopes)
    fd, name = tempfile.mkstemp(prefix=".publish-", suffix=".sqlite3", dir=where)
    os.close(fd)
    try:
        with closing(sqlite3.connect(where / WORK / DB_NAME)) as source, closing(sqlite3.connect(name)) as copy:
            source.backup(copy)
        return _publish(ctx, where, Path(name), facts)
    finally:
        Path(name).unlink(missing_ok=True)


def _apply_feed(ctx: ServerContext, store: Store, scopes: list[str], since: int,
                stop: Callable[[], bool]) -> tuple[int, int]:
    """Apply what ``changes`` would serve after *since*, page by page, until *stop*; (last seq, applied)."""
    condition, params = scope_filter(scopes)
    top, count = since, 0
    while True:
        with ctx.repo.transaction() as tx:
            rows = tx.rows(f"SELECT seq, data, signer, signature FROM revisions WHERE seq > ? AND {condition} "
                           f"AND {NOT_REVOKED} ORDER BY seq LIMIT ?", [top, *params, PAGE])
        if not rows or stop():
            return top, count
        revs = [Revision.from_json(json.loads(row[1])) for row in rows]
        with store.transaction():
            # Not hashed again: the server checked each id on push, and every client taking the file hashes
            # each one (a row damaged here fails there, and that client pulls the feed).
            store.apply_verified([(rev, canonical_json(rev.body)) for rev in revs])
            store_signatures(store, [(rev.rev_id, row[2], row[3]) for rev, row in zip(revs, rows) if row[2]])
        top, count = int(rows[-1][0]), count + len(rows)


def _bank_versions(db: Database) -> list[list[str]]:
    return sorted([str(row[0]), str(row[1])] for row in db.execute("SELECT bank_id, version FROM bank_imports"))


def _publish(ctx: ServerContext, where: Path, built: Path, facts: dict[str, Any]) -> Snapshot:
    sha, size = _digest(built)
    final = where / f"{sha}.sqlite3"
    os.replace(built, final)
    manifest = sign_document(ctx.authority.key, {
        "kind": "snapshot", **facts, "sha256": sha, "size": size, "created": iso(now_utc()),
        "issuer": ctx.authority.key.fingerprint})
    write_json(where / MANIFEST, manifest)
    for old in where.glob("*.sqlite3"):
        if old != final:
            old.unlink(missing_ok=True)  # a download in progress keeps its open file; a resume gets 404
    return Snapshot(manifest, final)


def _digest(path: Path) -> tuple[str, int]:
    hasher = hashlib.sha256()
    size = 0
    with open(path, "rb") as source:
        while block := source.read(1 << 20):
            hasher.update(block)
            size += len(block)
    return hasher.hexdigest(), size


def readable(ctx: ServerContext, scopes: list[str], sha: str) -> Path | None:
    """The file of the caller's own scope snapshot named *sha*; None for any other name (as if absent)."""
    held = stored(ctx, scopes)
    if held is None or held.manifest["sha256"] != sha:
        return None
    # A file made before a device was revoked (or before a restore) holds what the feed no longer serves.
    return held.path if _reusable(held.manifest, _wanted(ctx, scopes)) else None


class Refresher:
    """Brings snapshots up to the feed in the background, once pushes have been quiet for QUIET_S seconds.

    So the next new device usually finds its snapshot ready; one that asks during a build waits for it
    (``current`` takes the scope's lock). Building in this process while a device is still pushing would
    compete with the push for the same interpreter; when a core is free as a burst of pushes begins, the
    working replicas are advanced after each push by a process of their own (``snapshot_worker``), so only
    the publishing is left for the quiet moment. Started by ``server run`` only (tests ask directly).
    """

    def __init__(self, ctx: ServerContext, quiet: float = QUIET_S, beside: Callable[[], bool] = lambda: False,
                 worker: Callable[[ServerContext, list[list[str]]], bool] | None = None) -> None:
        """*beside*: whether a burst of pushes may have a worker; *worker* runs one (``snapshot_worker``)."""
        self.ctx, self.quiet = ctx, quiet
        self.worker = worker
        self.beside: Callable[[], bool] = beside if worker else (lambda: False)
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.last_push = 0.0
        self.pushing = 0  # pushes being handled now (a push's batches come one after another)
        self._thread = threading.Thread(target=self._run, name="snapshots", daemon=True)
        self._thread.start()

    def begin(self) -> None:
        self.pushing += 1
        self.last_push = time.monotonic()

    def pushed(self) -> None:
        self.pushing -= 1
        self.last_push = time.monotonic()
        self.wake.set()

    def busy(self) -> bool:
        return self.pushing > 0 or time.monotonic() < self.last_push + self.quiet

    def close(self) -> None:
        """Stop the background thread once its current step is done (a build in progress finishes first)."""
        self.stopping.set()
        self.wake.set()
        self._thread.join()

    def _run(self) -> None:
        while self.wake.wait():
            if self.stopping.is_set():
                return
            beside = self.beside()  # decided once per burst of pushes: the load moves with the burst itself
            while self.busy() and not self.stopping.is_set():
                if beside and self.wake.is_set():
                    self.wake.clear()  # a push that ends while the worker runs sets it again
                    beside = self.advance_beside()
                else:
                    self.stopping.wait(self.quiet / 4)
            if self.stopping.is_set():  # checked before clearing: close() sets it before waking this thread
                return
            self.wake.clear()
            self._each_scope(lambda ctx, scopes: refresh(ctx, scopes, self.busy))

    def advance_beside(self) -> bool:
        """The working replicas advanced by the worker process; False when it failed (not tried again this burst)."""
        due = [scopes for scopes in role_scopes(self.ctx) if _lag(self.ctx, scopes, 0) >= SNAPSHOT_MIN]
        if not due or self.worker is None:
            return True  # nothing worth a snapshot yet: no process started
        return self.worker(self.ctx, due)

    def _each_scope(self, action: Any) -> None:
        for scopes in role_scopes(self.ctx):
            try:
                action(self.ctx, scopes)
            except Exception as exc:  # noqa: BLE001 — a failed refresh is retried after the next push
                log.warning("snapshot refresh for %s failed: %s", scopes, exc)


def feed_top(ctx: ServerContext) -> int:
    """The feed's last seq (whatever the scope): a worker watching for new pushes compares it."""
    with ctx.repo.transaction() as tx:
        row = tx.one("SELECT COALESCE(MAX(seq), 0) FROM revisions")
    return int(row[0]) if row else 0


def advance_all(ctx: ServerContext, due: list[list[str]], stop: Callable[[], bool] = lambda: False) -> None:
    """The working replicas of the scopes *due* brought up to the feed, nothing published (a push may still be
    arriving; publishing copies and hashes the whole file)."""
    for scopes in due:
        if stop():
            return
        with _lock(ctx, scopes):
            _advance(ctx, scopes, _wanted(ctx, scopes), stop)


def refresh(ctx: ServerContext, scopes: list[str], stop: Callable[[], bool] = lambda: False) -> None:
    """Apply what was pushed to the working replica; publish when the served snapshot lags REFRESH_LAG.

    Keeping the replica current makes a publish quick when one is due; not publishing after every
    small push spares copying and hashing the whole file for a hundred revisions.
    """
    with _lock(ctx, scopes):
        if _lag(ctx, scopes, 0) < SNAPSHOT_MIN:
            return
        wanted = _wanted(ctx, scopes)
        facts = _advance(ctx, scopes, wanted, stop)  # stopped between pages when a push arrives
        if stop():
            return  # the refresher comes back once pushes are quiet again
        held = stored(ctx, scopes)
        if held is None or not _reusable(held.manifest, wanted) \
                or _lag(ctx, scopes, int(held.manifest["seq"])) > REFRESH_LAG:
            _publish_work(ctx, scopes, facts)


def role_scopes(ctx: ServerContext) -> list[list[str]]:
    """The read scopes of the roles that active accounts hold, one per snapshot folder."""
    with ctx.repo.transaction() as tx:
        roles = sorted({str(row[0]) for row in tx.rows("SELECT role FROM users WHERE disabled = 0")})
    found: dict[str, list[str]] = {}
    for role in roles:
        found.setdefault(scope_key(ROLE_SCOPES[role]), ROLE_SCOPES[role])
    return list(found.values())
