"""The revision repository: the server's one storage interface, on SQLite or PostgreSQL.

Everything the server remembers is here or in the blob folder, so several
server processes may share one PostgreSQL database (sync.md §3.6, issue
item 9).  SQL is written once with ``?`` placeholders and the few common
constructs both engines understand (``ON CONFLICT``); ``schema.py`` holds
the per-engine DDL.  Writers of revisions are serialized (SQLite has one
writer; PostgreSQL takes a table lock) so that ``seq`` is assigned in commit
order and a ``changes?since=`` reader never skips a row committed late.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lecturer_app.server.schema import MIGRATIONS, statements

Row = tuple[Any, ...]


class RepositoryBusy(Exception):
    """Another process held the database's write lock past the busy timeout (answered 503, retry later)."""


class Tx:
    """One transaction: ``rows(sql, params)``, ``one(sql, params)``, ``run(sql, params)``."""

    def __init__(self, cursor: Any, engine: str) -> None:
        self.cursor = cursor
        self.engine = engine

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s") if self.engine == "postgresql" else sql

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        self.cursor.execute(self._sql(sql), tuple(params))
        return int(self.cursor.rowcount or 0)

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for many rows (a pushed batch's inserts: one call instead of one per revision)."""
        if rows:
            self.cursor.executemany(self._sql(sql), [tuple(row) for row in rows])

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        self.cursor.execute(self._sql(sql), tuple(params))
        return [tuple(row) for row in self.cursor.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def lock_revisions(self) -> None:
        if self.engine == "postgresql":
            self.cursor.execute("LOCK TABLE revisions IN SHARE ROW EXCLUSIVE MODE")


class Repository:
    """Opens transactions on the configured engine; ``url`` is a file path or ``postgresql://…``."""

    def __init__(self, url: str, busy_seconds: float = 30.0) -> None:
        self.url = url
        self.engine = "postgresql" if url.startswith(("postgresql://", "postgres://")) else "sqlite"
        self.busy_seconds = busy_seconds
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue()
        self._lock = threading.Lock()
        # SQLite has one writer, and its busy handler polls with growing sleeps: under a few hundred clients
        # some writers lost every race and timed out (500s in the load test). Writers of this process
        # queue here instead, so only other processes ever meet the busy timeout.
        self._sqlite_writer = threading.Lock()

    def _connect(self) -> Any:
        if self.engine == "postgresql":
            import psycopg

            return psycopg.connect(self.url, autocommit=False)
        conn = sqlite3.connect(self.url, timeout=self.busy_seconds, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(f"PRAGMA busy_timeout={int(self.busy_seconds * 1000)}")
        return conn

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Tx]:
        if write and self.engine == "sqlite":
            with self._sqlite_writer:
                with self._transaction(write) as tx:
                    yield tx
        else:
            with self._transaction(write) as tx:
                yield tx

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Tx]:
        try:
            conn = self._pool.get_nowait()
        except queue.Empty:
            conn = self._connect()
        ok = False
        try:
            cursor = conn.cursor()
            if self.engine == "sqlite":
                _begin(cursor, write)
            yield Tx(cursor, self.engine)
            conn.commit() if self.engine == "postgresql" else cursor.execute("COMMIT")
            ok = True
        finally:
            if not ok:
                _rollback(conn, self.engine)
        self._pool.put(conn)

    def close(self) -> None:
        while not self._pool.empty():
            self._pool.get_nowait().close()

    def migrate(self) -> int:
        """Apply the migrations not yet applied; returns the schema version."""
        with self._lock, self.transaction(write=True) as tx:
            tx.run("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY)")
            done = {row[0] for row in tx.rows("SELECT name FROM schema_migrations")}
            for name, migration in MIGRATIONS:
                if name not in done:
                    for sql in statements(self.engine, migration):
                        tx.run(sql)
                    tx.run("INSERT INTO schema_migrations VALUES (?)", [name])
        return len(MIGRATIONS)


def _begin(cursor: sqlite3.Cursor, write: bool) -> None:
    try:
        cursor.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise RepositoryBusy(str(exc)) from exc
        raise


def _rollback(conn: Any, engine: str) -> None:
    try:
        conn.rollback() if engine == "postgresql" else conn.execute("ROLLBACK")
    except Exception:  # noqa: BLE001 - the connection is dropped below anyway
        pass
    conn.close()


def open_repository(data_dir: Path, url: str | None) -> Repository:
    """The repository of a server data folder: *url* (PostgreSQL) or ``DIR/server.sqlite3``."""
    repo = Repository(url or str(Path(data_dir) / "server.sqlite3"))
    repo.migrate()
    return repo
