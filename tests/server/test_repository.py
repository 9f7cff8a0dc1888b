"""The SQLite repository under many writers (found by the 200-client load test: 'database is locked' → 500)."""

from __future__ import annotations

import threading
import time

import pytest

from lecturer_app.server.repository import Repository, RepositoryBusy


def _write(repo: Repository, key: str, hold: float) -> None:
    with repo.transaction(write=True) as tx:
        tx.run("INSERT INTO meta VALUES (?, ?)", [key, "v"])
        time.sleep(hold)


def test_writers_of_one_process_queue_instead_of_timing_out(tmp_path):
    repo = Repository(str(tmp_path / "s.sqlite3"), busy_seconds=0.05)
    repo.migrate()
    failures: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            _write(repo, f"k{number}", hold=0.02)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with repo.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM meta WHERE key LIKE 'k%'")[0] == 20
    repo.close()


def test_a_writer_held_up_by_another_process_is_told_busy_not_crashed(tmp_path):
    path = str(tmp_path / "s.sqlite3")
    holder, waiter = Repository(path), Repository(path, busy_seconds=0.05)
    holder.migrate()
    with holder.transaction(write=True) as tx:
        tx.run("INSERT INTO meta VALUES ('a', 'b')")
        with pytest.raises(RepositoryBusy):
            _write(waiter, "c", hold=0)
    holder.close()
    waiter.close()
