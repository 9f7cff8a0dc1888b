"""The database layer: schema version, migrations only when behind, transactions."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from lecturer_app.core.store.db import SCHEMA_VERSION, Database, open_database


def test_a_new_database_has_every_migration_applied_and_the_version_stamped(tmp_path):
    from lecturer_app.core.store.migrations import migrations

    db = open_database(tmp_path / "a.sqlite3")
    assert db.schema_version() == SCHEMA_VERSION
    assert len(migrations.applied(db.utils)) == SCHEMA_VERSION  # bump SCHEMA_VERSION with each new migration
    assert migrations.pending(db.utils) == []
    db.close()


def test_a_database_from_before_the_stamp_is_checked_and_stamped(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 0")
    db = open_database(path)
    assert db.schema_version() == SCHEMA_VERSION
    db.close()


def test_opening_a_current_database_does_not_import_sqlite_utils(tmp_path):
    path = tmp_path / "current.sqlite3"
    open_database(path).close()
    code = ("import sys; from lecturer_app.core.store.db import open_database; "
            f"open_database({str(path)!r}).execute('SELECT COUNT(*) FROM revisions').fetchone(); "
            "print('sqlite_utils' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_statements_outside_a_transaction_are_committed_at_once(tmp_path):
    db = open_database(tmp_path / "a.sqlite3")
    db.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
    other = sqlite3.connect(tmp_path / "a.sqlite3")
    assert other.execute("SELECT value FROM meta WHERE key = 'k'").fetchone() == ("v",)
    other.close()
    db.close()


def test_atomic_is_all_or_nothing_and_nests_as_savepoints():
    db = Database(sqlite3.connect(":memory:"))
    db.execute("CREATE TABLE t (n INTEGER)")
    with db.atomic():
        db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ValueError), db.atomic():
            db.execute("INSERT INTO t VALUES (2)")
            raise ValueError("hủy phần trong")
        db.execute("INSERT INTO t VALUES (3)")
    assert [n for (n,) in db.execute("SELECT n FROM t ORDER BY n")] == [1, 3]
    with pytest.raises(ValueError), db.atomic():
        db.execute("INSERT INTO t VALUES (4)")
        raise ValueError("hủy cả giao dịch")
    assert [n for (n,) in db.execute("SELECT n FROM t ORDER BY n")] == [1, 3]
    assert not db.conn.in_transaction


def test_a_larger_cache_holds_for_its_block_only_even_when_the_block_fails(tmp_path):
    """An import lets the page cache grow for its writes (issue #16), then gives the memory back."""
    db = open_database(tmp_path / "a.sqlite3")
    default = db.execute("PRAGMA cache_size").fetchone()[0]
    with db.larger_cache(32):
        assert db.execute("PRAGMA cache_size").fetchone()[0] == -32 * 1024
    assert db.execute("PRAGMA cache_size").fetchone()[0] == default
    with pytest.raises(sqlite3.IntegrityError), db.atomic(), db.larger_cache(8):
        db.execute("INSERT INTO meta VALUES ('k', 'v')")
        db.execute("INSERT INTO meta VALUES ('k', 'v')")
    assert db.execute("PRAGMA cache_size").fetchone()[0] == default
    assert db.execute("SELECT COUNT(*) FROM meta WHERE key = 'k'").fetchone()[0] == 0
    db.close()
