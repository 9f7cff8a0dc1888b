"""Snapshots' working replicas advanced by a process of their own, beside a push (design: server.md § Snapshots).

``server run`` handles pushes on one interpreter: building a snapshot there
(the app's store code applying every revision of a scope) competed with the
push for it, so the build waited for three quiet seconds after the last
push, and a new device syncing right after a big push waited for all of it
(7 s of its 9 s at 10,000 questions).  When a core is free as a burst of
pushes begins (``core.second_core.spare_core``), the server runs
``python -m lecturer_app.server.snapshot_worker DATA_DIR SCOPES…`` after the
first push instead: it applies what arrives to each scope's working replica
until the feed has been still for three seconds, and exits.  Publishing
(copy, hash, the signed manifest) stays with the server, once pushes are
quiet or a device asks; a device asking while the worker applies a page
waits for it on the scope's file lock, then finds the replica current.

A PostgreSQL URL goes to the worker in its environment, not on its command
line (``ps`` shows that to every user of the machine).  The worker stops
between pages when the server that started it has gone.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lecturer_app.core.second_core import spare_core
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.server import snapshots
from lecturer_app.server.context import ServerContext, read_config
from lecturer_app.server.repository import Repository
from lecturer_app.sync.trust import load_authority

DATABASE_ENV = "LECTURER_APP_SNAPSHOT_DATABASE"
POLL_S = 0.25  # how often a waiting worker looks for new revisions
log = logging.getLogger("uvicorn.error")


def wanted(read_loadavg: Callable[[], str] | None = None) -> bool:
    """Whether to advance beside the pushes: a core is free besides the push and this Python can run ``-m``.

    Asked as a push has just been answered, when the pushing device (or this server) is running: that one
    thread is the push itself, which the worker is meant to run beside, so it is not counted against it.
    """
    if getattr(sys, "frozen", False):
        return False
    return spare_core(lambda: _besides_the_push((read_loadavg or _proc_loadavg)()))


def _proc_loadavg() -> str:
    with open("/proc/loadavg", encoding="ascii") as text:
        return text.read()


def _besides_the_push(loadavg: str) -> str:
    """``/proc/loadavg`` with one runnable thread (the push's) taken out of its fourth field."""
    fields = loadavg.split()
    running, total = fields[3].split("/")
    fields[3] = f"{max(int(running) - 1, 1)}/{total}"
    return " ".join(fields)


def run_beside(ctx: ServerContext, due: list[list[str]]) -> bool:
    """Run the worker on *ctx*'s folder for the scopes *due* and wait for it; False when it failed (logged:
    the server's own refresh then does the work, as without a worker)."""
    env = {key: value for key, value in os.environ.items() if key != DATABASE_ENV}
    if ctx.database:
        env[DATABASE_ENV] = ctx.database
    command = [sys.executable, "-m", __name__, str(ctx.data_dir), *(",".join(scopes) for scopes in due)]
    done = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        log.warning("snapshot worker failed (%s): %s", done.returncode, lines[-1] if lines else "no message")
    return done.returncode == 0


def _context(data_dir: Path) -> ServerContext:
    """The server folder as the worker needs it: no migration, no identity written (the server did both)."""
    config = read_config(data_dir)
    database = os.environ.get(DATABASE_ENV) or config.get("database")
    repo = Repository(database or str(data_dir / "server.sqlite3"))
    authority = load_authority(Path(config.get("authority") or data_dir / "authority"))
    return ServerContext(data_dir, repo, authority, BlobStore(data_dir / "blobs"), str(config.get("name", "")),
                         database=database)


def main(argv: list[str]) -> int:
    """``DATA_DIR SCOPES…``, each set of read scopes comma-separated (the server chose those due).

    Stays while revisions keep arriving (a start costs half a second of imports: one worker per burst of
    pushes, not one per batch), and leaves once the feed has not grown for ``QUIET_S`` seconds.
    """
    parent = os.getppid()
    gone = lambda: os.getppid() != parent  # noqa: E731 - the server that started this worker has ended
    ctx = _context(Path(argv[0]))
    due = [scopes.split(",") for scopes in argv[1:]]
    try:
        applied, still_since = -1, time.monotonic()
        while not gone() and time.monotonic() < still_since + snapshots.QUIET_S:
            top = snapshots.feed_top(ctx)
            if top != applied:
                snapshots.advance_all(ctx, due, stop=gone)
                applied, still_since = top, time.monotonic()
            time.sleep(POLL_S)
    finally:
        ctx.repo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
