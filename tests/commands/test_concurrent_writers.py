"""A long import does not lock other writers out; one that waits too long is told who holds the data.

Two real processes on one data folder, as a lecturer who imports a big
catalogue from the command line while the app is open would have them.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lecturer_app.core.store import db as db_module
from lecturer_app.core.workspace import DB_NAME
from support.waiting import wait_for
from tests.support.cli_runs import run

REPO = Path(__file__).resolve().parents[2]


def write_catalog(path: Path, count: int, prefix: str) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Mã", "Tên chuyên đề", "Chương trình", "Phần", "Số tiết"])
        for i in range(count):
            writer.writerow([f"{prefix}-{i:05d}", f"Chuyên đề nhập thử {i}", "Chương trình nhập thử", f"Phần {i % 5}", "4"])
    return path


def start_cli(*argv: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "lecturer_app", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)


def test_another_writer_gets_in_while_a_long_catalogue_import_runs(data_dir, tmp_path):
    """Before: the import was one transaction; every other writer waited for all of it (or failed, locked)."""
    big = write_catalog(tmp_path / "lon.csv", 2500, "LON")
    small = write_catalog(tmp_path / "nho.csv", 1, "NHO")
    notice = data_dir / (DB_NAME + ".activity.json")
    importer = start_cli("--data-dir", str(data_dir), "catalog", "import", str(big))
    try:
        wait_for(timeout=30.0, condition=lambda: notice.exists() or importer.poll() is not None)
        other = start_cli("--data-dir", str(data_dir), "catalog", "import", str(small))
        out, err = other.communicate(timeout=60)
        assert other.returncode == 0, err
        out, err = importer.communicate(timeout=120)
    finally:
        importer.kill()
        importer.wait()
    assert importer.returncode == 0, err
    assert "Thêm mới 2500" in out
    assert not notice.exists()
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        assert conn.execute("SELECT COUNT(*) FROM topics WHERE code LIKE 'LON-%' OR code = 'NHO-00000'").fetchone()[0] == 2501
        other_written, import_ended = (conn.execute(
            "SELECT MIN(r.seq), MAX(r.seq) FROM revisions r JOIN topics t ON t.id = r.record_id WHERE t.code LIKE ?",
            [pattern]).fetchone()[i] for pattern, i in (("NHO-%", 0), ("LON-%", 1)))
    assert other_written < import_ended, "the other writer only got in after the whole import"


@pytest.fixture
def short_wait(monkeypatch):
    """Writers give up after 0.3 s instead of 30 s, so the test does not wait half a minute."""
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.3)


def test_a_writer_that_waited_too_long_is_told_which_import_holds_the_data(data_dir, tmp_path, short_wait):
    small = write_catalog(tmp_path / "nho.csv", 1, "NHO")
    holder = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    database = db_module.Database(holder, data_dir / DB_NAME)
    try:
        with database.announce("Nhập danh mục tinh.xlsx") as still_running:
            holder.execute("BEGIN IMMEDIATE")
            still_running()
            code, out, err = run("--data-dir", str(data_dir), "catalog", "import", str(small))
            holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert code == 1
    assert "Dữ liệu đang bận" in err and "«Nhập danh mục tinh.xlsx» (bắt đầu lúc" in err
    assert "database is locked" not in err and "Lỗi không mong đợi" not in err


def test_without_a_running_import_the_busy_message_still_says_what_to_do(data_dir, tmp_path, short_wait):
    small = write_catalog(tmp_path / "nho.csv", 1, "NHO")
    holder = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        code, _, err = run("--data-dir", str(data_dir), "catalog", "import", str(small))
    finally:
        holder.close()
    assert code == 1
    assert "Dữ liệu đang bận" in err and "Hãy chờ thao tác đó xong" in err


def test_a_notice_left_by_a_killed_import_is_not_shown(tmp_path):
    path = tmp_path / DB_NAME
    notice = db_module.activity_path(path)
    notice.write_text('{"what": "Nhập danh mục cũ", "pid": 1, "since": "08:00:00"}', encoding="utf-8")
    assert "Nhập danh mục cũ" in db_module.current_activity(path)
    old = time.time() - db_module.ACTIVITY_FRESH_S - 5
    os.utime(notice, (old, old))
    assert db_module.current_activity(path) == ""


def test_a_transaction_that_read_first_holds_the_write_lock_so_its_own_write_cannot_fail(tmp_path):
    """With a deferred BEGIN, another writer got in after the read and the transaction's write then failed at once."""
    path = tmp_path / "t.sqlite3"
    first, second = db_module.open_database(path), db_module.open_database(path)
    try:
        first.execute("CREATE TABLE t (x)")
        first.execute("PRAGMA busy_timeout = 100")
        with second.atomic():
            assert second.execute("SELECT COUNT(*) FROM t").fetchone() == (0,)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                first.execute("INSERT INTO t VALUES (1)")
            second.execute("INSERT INTO t VALUES (2)")
        assert first.execute("SELECT x FROM t").fetchall() == [(2,)]
    finally:
        first.close()
        second.close()
