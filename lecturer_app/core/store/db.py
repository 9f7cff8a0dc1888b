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
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.i18n import _

if TYPE_CHECKING:
    import sqlite_utils

# The number of registered migrations (core/store/migrations.py); a test keeps them equal.
SCHEMA_VERSION = 17
# How long a writer waits for another one (an import in another window or process) to commit.
BUSY_TIMEOUT_S = 30.0
# A long import (catalogue, questions) writes in batches: one transaction holds the write lock about
# this long; then other writers, waiting on the busy timeout, get a pause longer than SQLite's longest
# retry sleep (100 ms) to take their turn.
BATCH_SECONDS = 1.0
PAUSE_SECONDS = 0.12
# SQLite's primary result codes that mean a damaged file, and one that means "another writer holds the lock".
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
# A running import refreshes its notice each batch (about every second); an older one was left by a killed process.
ACTIVITY_FRESH_S = 60.0


class DatabaseDamaged(UserFacingError):
    """The database file has damaged pages or text that is not UTF-8: ``lecturer-app check`` diagnoses it."""


class DamagedFile(InputFileError, DatabaseDamaged):
    """The file cannot even be opened as this app's database (damaged header, not a database)."""


class DatabaseBusy(UserFacingError):
    """Another writer kept the database locked for longer than :data:`BUSY_TIMEOUT_S`."""


class Database:
    """One connection in autocommit mode; :meth:`atomic` makes transactions (savepoints when nested)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        conn.isolation_level = None  # statements commit themselves unless atomic() opened a transaction
        self.conn = conn
        self.path = path
        self._savepoints = itertools.count(1)

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> sqlite3.Cursor:
        """One statement for many rows (bulk saves): prepared once, no Python round trip per row."""
        return self.conn.executemany(sql, rows)

    @contextmanager
    def atomic(self, *, immediate: bool = True) -> Iterator[Database]:
        """All or nothing: a transaction, or a savepoint inside one already open.

        *immediate* (the default) takes the write lock at the start (``BEGIN
        IMMEDIATE``), so what is read inside the transaction cannot change
        before it writes (another process waits for the lock, up to the busy
        timeout, instead of writing in between; a deferred transaction that
        read first then failed at once with "database is locked").  Pass
        False only for a transaction that never writes."""
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
        # IMMEDIATE (the default) takes the write lock now, waiting (busy timeout) for another writer: a deferred
        # transaction that read first would fail at once with "database is locked" once that writer committed.
        try:
            self.conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
        except sqlite3.OperationalError as exc:
            error = busy_error(exc, self.path)
            if error is exc:
                raise
            raise error from exc
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    @contextmanager
    def larger_cache(self, mebibytes: int) -> Iterator[None]:
        """Let the page cache hold up to *mebibytes* for the block (a bulk write), then give it back.

        A transaction that changes more pages than the cache holds (2 MB by default) writes the
        oldest out to the WAL before its commit, and again as they change: a 10,000-question import
        changes about 30 MB, and its inserts took twice as long (issue #16).  Memory is taken only
        as pages are used, and freed when the size is set back.
        """
        before = self.execute("PRAGMA cache_size").fetchone()[0]
        self.execute(f"PRAGMA cache_size = {-int(mebibytes) * 1024}")
        try:
            yield
        finally:
            self.execute(f"PRAGMA cache_size = {int(before)}")

    @contextmanager
    def announce(self, what: str) -> Iterator[Callable[[], None]]:
        """Let writers that must wait know that *what* (an import) is writing here.

        Yields the function to call inside each of the import's transactions, once it holds the
        write lock (a waiting import must not replace the notice of the one it waits for); the
        calls keep the notice fresh, and a notice left by a killed process goes stale.
        """
        notice = activity_path(self.path)
        if notice is None:
            yield lambda: None
            return
        started = time.strftime("%H:%M:%S")
        mine = {"what": what, "pid": os.getpid(), "since": started}

        def refresh() -> None:
            notice.write_text(json.dumps(mine, ensure_ascii=False), encoding="utf-8")

        try:
            yield refresh
        finally:
            if _read_notice(notice) == mine:
                notice.unlink(missing_ok=True)

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
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_S)
    db = Database(conn, None if path is None else Path(path))
    try:
        db.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            _use_wal(db)
            db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        busy = user_error(exc, path)
        if isinstance(busy, DatabaseBusy):
            raise busy from exc
        reason = _("không mở được cơ sở dữ liệu ({error}); tệp bị hỏng hoặc không phải tệp dữ liệu của ứng dụng")
        raise DamagedFile(Path(str(path)), "", reason.format(error=exc)) from exc
    return db


def _use_wal(db: Database) -> None:
    """Switch the file to WAL, waiting like any writer when another process holds it.

    The switch needs the file to itself, and SQLite answers "database is
    locked" at once, without its busy handler, while a second process is
    opening or migrating a new file: two first starts at once failed so.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not isinstance(user_error(exc), DatabaseBusy) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def migrate(db: Database) -> None:
    """Apply the pending migrations when the stamped schema version is behind this app's."""
    if db.schema_version() >= SCHEMA_VERSION:
        return  # current, or made by a newer app that knows more migrations: nothing of ours is pending
    from lecturer_app.core.store.migrations import migrations

    # One transaction holding the write lock: a second process starting at the same moment (two first
    # starts) waits here, then finds the schema made, instead of running the same migrations beside it.
    with db.atomic():
        if db.schema_version() >= SCHEMA_VERSION:
            return
        migrations.apply(db.utils)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def user_error(exc: BaseException, path: Path | str | None = None) -> UserFacingError | None:
    """The message a user gets for a SQLite failure: damaged file, or busy; None for other errors."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return None
    text = str(exc)
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    where = f" ({path})" if path else ""
    if code in _DAMAGE_CODES or "malformed" in text or text.startswith("Could not decode"):
        return DatabaseDamaged(_(
            "Tệp dữ liệu bị hỏng{where}: {error}. Chạy «lecturer-app check» để xem chỗ hỏng; chỉ mục tìm kiếm "
            "hỏng thì sửa được bằng «lecturer-app check --rebuild-search-index», phần khác thì khôi phục từ "
            "bản sao lưu.").format(where=where, error=text))
    if code in _BUSY_CODES or "database is locked" in text:
        return DatabaseBusy(_(
            "Dữ liệu đang bận{where}: một thao tác khác (ví dụ một lần nhập ở cửa sổ hay dòng lệnh khác) đang "
            "ghi vào dữ liệu đã hơn {seconds:.0f} giây. Hãy chờ thao tác đó xong rồi thử lại.").format(
            where=where, seconds=BUSY_TIMEOUT_S))
    return None


def activity_path(db_path: Path | None) -> Path | None:
    """The notice a long write (an import) leaves next to the database while it runs."""
    return None if db_path is None else db_path.with_name(db_path.name + ".activity.json")


def current_activity(db_path: Path | None) -> str:
    """What a running import announced (:meth:`Database.announce`), or "" when nothing fresh did."""
    notice = activity_path(db_path)
    try:
        if notice is None or time.time() - notice.stat().st_mtime > ACTIVITY_FRESH_S:
            return ""
        data = _read_notice(notice)
        return _("«{what}» (bắt đầu lúc {since})").format(what=data["what"], since=data["since"])
    except (OSError, KeyError, TypeError):
        return ""


def _read_notice(notice: Path) -> dict:
    try:
        return json.loads(notice.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def busy_error(exc: sqlite3.OperationalError, db_path: Path | None) -> Exception:
    """*exc* as the message a waiting writer shows: which import holds the data, when it announced itself."""
    known = user_error(exc)
    if not isinstance(known, DatabaseBusy):
        return exc
    running = current_activity(db_path)
    if not running:
        return known
    return DatabaseBusy(_(
        "Dữ liệu đang bận: đang có một lần nhập khác chạy, {running}. Hãy chờ lần nhập đó xong (đã chờ "
        "{seconds:.0f} giây) rồi thử lại.").format(running=running, seconds=BUSY_TIMEOUT_S))
