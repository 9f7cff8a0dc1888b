"""The one SQLite database: opening it, its pragmas, transactions and its migrations.

The store and the queries only need ``execute`` and ``atomic``, so the
connection is wrapped here; sqlite-utils' ``Database`` over the same
connection (``db.utils``) is made on demand for the migrations and table
operations.  Importing sqlite-utils costs ~75 ms (it pulls in click,
dateutil and pluggy), which the desktop app's start would otherwise pay
every time although the schema is almost always current: the schema version
is stamped in ``PRAGMA user_version`` and the migrations run only when it
is behind.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lecturer_app.core.errors import InputFileError
from lecturer_app.i18n import _

if TYPE_CHECKING:
    import sqlite_utils

# The number of registered migrations (core/store/migrations.py); a test keeps them equal.
SCHEMA_VERSION = 10


class Database:
    """One connection in autocommit mode; :meth:`atomic` makes transactions (savepoints when nested)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        conn.isolation_level = None  # statements commit themselves unless atomic() opened a transaction
        self.conn = conn
        self._savepoints = itertools.count(1)

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    @contextmanager
    def atomic(self, *, immediate: bool = False) -> Iterator[Database]:
        """All or nothing: a transaction, or a savepoint inside one already open.

        *immediate* takes the write lock at the start (``BEGIN IMMEDIATE``), so
        what is read inside the transaction cannot change before it writes
        (another process waits for the lock instead of writing in between)."""
        if self.conn.in_transaction:
            savepoint = f"sp_{next(self._savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                # A RAISE(ROLLBACK) can end the whole transaction; then there is no savepoint left to undo.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self.conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    @cached_property
    def utils(self) -> sqlite_utils.Database:
        """sqlite-utils' Database over this connection (tables, indexes, migrations)."""
        from sqlite_utils import Database as UtilsDatabase

        return UtilsDatabase(self.conn, execute_plugins=False)

    def schema_version(self) -> int:
        return self.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()


def open_database(path: Path | str | None = None) -> Database:
    """Open (or create) the database at *path*, or an in-memory one for None.

    WAL journal, foreign keys on, every pending migration applied.  The
    connection may be handed to a worker thread (one thread at a time).
    """
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    db = Database(conn)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        reason = _("không mở được cơ sở dữ liệu ({error}); tệp bị hỏng hoặc không phải tệp dữ liệu của ứng dụng")
        raise InputFileError(Path(str(path)), "", reason.format(error=exc)) from exc
    return db


def migrate(db: Database) -> None:
    """Apply the pending migrations when the stamped schema version is behind this app's."""
    version = db.schema_version()
    if version >= SCHEMA_VERSION:
        return  # current, or made by a newer app that knows more migrations: nothing of ours is pending
    from lecturer_app.core.store.migrations import migrations

    migrations.apply(db.utils)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
