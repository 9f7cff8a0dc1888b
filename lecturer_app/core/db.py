"""The one SQLite database: opening it, its pragmas and its migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.migrations import migrations
from lecturer_app.i18n import _


def open_database(path: Path | str | None = None) -> Database:
    """Open (or create) the database at *path*, or an in-memory one for None.

    WAL journal, foreign keys on, every pending migration applied.  The
    connection may be handed to a worker thread (one thread at a time).
    """
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    db = Database(conn, execute_plugins=False)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        reason = _("không mở được cơ sở dữ liệu ({error}); tệp bị hỏng hoặc không phải tệp dữ liệu của ứng dụng")
        raise InputFileError(Path(str(path)), "", reason.format(error=exc)) from exc
    return db
