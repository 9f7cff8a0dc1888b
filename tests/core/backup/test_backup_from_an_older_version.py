"""A backup made by an older version of the app verifies and restores.

An older backup differs in its database, not in its manifest: the manifest's
fields are the same since backups began (5eccf61; ``git log -S replica --
lecturer_app/core/backup/manifest.py`` finds no replica field ever), and its
``schema_version`` says which schema the database was written at.  Two such
backups are built here from a current one, their manifest rewritten as the
old version wrote it (same keys, that schema version, the database's hash
and size):

* the database at schema 11 (tests/core/data/store_m011.sql, written by the
  schema-11 code), without the tables later versions added: verify read it
  with today's queries ("no such table: question_rows") and refused it, so
  the restore, which migrates, was never reached;
* a database whose ``meta`` has no ``replica_id`` (never opened through a
  ``Store``): verify built a ``Store`` on the read-only copy, which tried to
  write a replica id ("attempt to write a readonly database").
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from lecturer_app.core.backup.create import create_backup
from lecturer_app.core.backup.manifest import list_backups
from lecturer_app.core.backup.restore import restore_in_place, restore_to_folder
from lecturer_app.core.backup.verify import verify_backup
from lecturer_app.core.model import Question
from lecturer_app.core.store.db import SCHEMA_VERSION
from lecturer_app.core.store.integrity import check_workspace
from lecturer_app.core.workspace import open_workspace

OLD_SCHEMA = Path(__file__).parents[1] / "data" / "store_m011.sql"


def _as_the_old_version_wrote_it(folder: Path) -> None:
    """The manifest of *folder* rewritten for the database now in it, as ``write_manifest`` wrote it then."""
    database = folder / "lecturer_app.sqlite3"
    conn = sqlite3.connect(database)
    try:
        schema = conn.execute("PRAGMA user_version").fetchone()[0]
        records = conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    finally:
        conn.close()
    manifest = folder / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data.update(schema_version=schema, records=records, db_sha256=hashlib.sha256(database.read_bytes()).hexdigest(),
                db_size=database.stat().st_size, app_version="0.1.0")
    manifest.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _backup_with_schema_11(workspace) -> tuple[Path, str]:
    root = workspace.data_dir.parent / "sao_luu"
    info = create_backup(workspace.data_dir, root, "manual")
    database = root / info.id / "lecturer_app.sqlite3"
    database.unlink()
    conn = sqlite3.connect(database)
    conn.executescript(OLD_SCHEMA.read_text(encoding="utf-8"))
    conn.close()
    _as_the_old_version_wrote_it(root / info.id)
    return root, info.id


def _backup_without_replica_id(workspace) -> tuple[Path, str]:
    root = workspace.data_dir.parent / "sao_luu"
    info = create_backup(workspace.data_dir, root, "manual")
    conn = sqlite3.connect(root / info.id / "lecturer_app.sqlite3")
    with conn:
        conn.execute("DELETE FROM meta WHERE key IN ('replica_id', 'replica_binding', 'previous_replicas')")
    conn.close()
    _as_the_old_version_wrote_it(root / info.id)
    return root, info.id


def test_a_backup_at_an_older_schema_verifies_without_being_changed(workspace):
    root, backup_id = _backup_with_schema_11(workspace)
    before = (root / backup_id / "lecturer_app.sqlite3").read_bytes()
    assert json.loads((root / backup_id / "manifest.json").read_text(encoding="utf-8"))["schema_version"] == 11

    report = verify_backup(root / backup_id)

    assert report.problems == [] and report.info.schema_version == 11 < SCHEMA_VERSION
    assert (root / backup_id / "lecturer_app.sqlite3").read_bytes() == before  # checked on a migrated copy
    assert [p.name for p in (root / backup_id).iterdir() if p.name.startswith("lecturer_app.sqlite3-")] == []
    assert [info.id for info in list_backups(root)] == [backup_id]


def test_a_backup_at_an_older_schema_restores_migrated_with_its_questions(workspace, tmp_path):
    root, backup_id = _backup_with_schema_11(workspace)
    conn = sqlite3.connect(root / backup_id / "lecturer_app.sqlite3")
    questions = dict(conn.execute("SELECT id, body FROM questions").fetchall())
    conn.close()
    folder = workspace.data_dir
    workspace.close()

    restore_in_place(folder, root, backup_id)
    restore_to_folder(root, backup_id, tmp_path / "moi")

    for data_dir in (folder, tmp_path / "moi"):
        restored = open_workspace(data_dir, import_shipped_bank=False)
        try:
            assert restored.db.schema_version() == SCHEMA_VERSION
            assert {q.id for q in restored.store.select(Question)} == set(questions)
            assert check_workspace(restored.store, restored.blobs).ok
        finally:
            restored.close()


def test_a_backup_whose_database_has_no_replica_id_verifies_and_restores_under_a_new_one(workspace):
    root, backup_id = _backup_without_replica_id(workspace)
    assert verify_backup(root / backup_id).problems == []
    folder = workspace.data_dir
    old_replica = workspace.replica.replica_id
    workspace.close()

    report = restore_in_place(folder, root, backup_id)

    restored = open_workspace(folder, import_shipped_bank=False)
    try:
        assert restored.replica.replica_id == report.replica_id != old_replica
        assert check_workspace(restored.store, restored.blobs).ok
    finally:
        restored.close()
