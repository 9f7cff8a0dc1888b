"""A copied data folder gets a new replica id, so two machines never mint under one."""

from __future__ import annotations

import shutil

from lecturer_app.core.model import Topic
from lecturer_app.core.store.replica import ReplicaCheck, ensure_replica
from lecturer_app.core.workspace import open_workspace


def _replica(workspace) -> str:
    return workspace.store.device


def test_reopening_the_same_folder_keeps_the_replica(tmp_path):
    first = open_workspace(tmp_path / "data", import_shipped_bank=False)
    replica = _replica(first)
    first.close()
    again = open_workspace(tmp_path / "data", import_shipped_bank=False)
    assert _replica(again) == replica and again.replica.copied_from is None
    again.close()


def test_a_copied_folder_gets_a_new_replica_and_keeps_every_revision(tmp_path):
    original = open_workspace(tmp_path / "a", import_shipped_bank=False)
    saved = original.store.save(Topic(code="X", title="Bài"))
    replica = _replica(original)
    original.close()
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    copy = open_workspace(tmp_path / "b", import_shipped_bank=False)
    assert _replica(copy) != replica and copy.replica.copied_from == replica
    assert copy.store.log.get(saved.rev_id) == saved
    minted = copy.store.save(Topic(code="Y", title="Bài mới"))
    assert minted.origin_replica == _replica(copy) and minted.origin_seq == 1
    copy.close()
    back = open_workspace(tmp_path / "a", import_shipped_bank=False)
    assert _replica(back) == replica  # the original stays who it was
    back.close()


def test_the_same_folder_on_another_machine_is_a_copy(tmp_path):
    workspace = open_workspace(tmp_path / "data", import_shipped_bank=False)
    before = _replica(workspace)
    check = ensure_replica(workspace.db, tmp_path / "data", fingerprint="another-machine")
    assert check.copied_from == before and check.replica_id != before
    workspace.close()


def test_a_database_from_before_the_binding_adopts_it_without_renewing(tmp_path):
    workspace = open_workspace(tmp_path / "data", import_shipped_bank=False)
    before = _replica(workspace)
    workspace.db.execute("DELETE FROM meta WHERE key = 'replica_binding'")
    workspace.close()
    again = open_workspace(tmp_path / "data", import_shipped_bank=False)
    assert _replica(again) == before and again.replica.copied_from is None
    again.close()


def test_opening_a_bound_folder_writes_nothing_so_it_never_waits_for_another_writer(tmp_path):
    import sqlite3

    workspace = open_workspace(tmp_path / "data", import_shipped_bank=False)
    before = _replica(workspace)
    writer = sqlite3.connect(tmp_path / "data" / "lecturer_app.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")   # a long import in another process holds the write lock
    workspace.db.execute("PRAGMA busy_timeout = 0")   # waiting would fail at once instead of hiding it
    try:
        assert ensure_replica(workspace.db, tmp_path / "data") == ReplicaCheck(before)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        workspace.close()
