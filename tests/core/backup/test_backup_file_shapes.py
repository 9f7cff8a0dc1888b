"""A backup folder whose files have the wrong shape (the input fuzzer's backup seeds, docs/design/hardening.md):
a manifest of the wrong shape makes that backup unfinished, never every backup unlistable; a broken settings
file refuses the restore before anything is written; a damaged search index is not brought back."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from lecturer_app.core.backup.create import create_backup
from lecturer_app.core.backup.manifest import list_backups
from lecturer_app.core.backup.restore import restore_in_place, restore_to_folder
from lecturer_app.core.backup.verify import verify_backup
from lecturer_app.core.errors import InputFileError
from lecturer_app.core.settings import load_settings
from lecturer_app.core.store.integrity import check_workspace
from lecturer_app.core.workspace import DB_NAME, open_workspace


def _two_backups(workspace) -> tuple[Path, str, str]:
    root = workspace.data_dir.parent / "sao_luu"
    first = create_backup(workspace.data_dir, root, "manual")
    (root / first.id).rename(root / "2020-01-01_000000_manual")  # an older one, under its own name
    manifest = root / "2020-01-01_000000_manual" / "manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text(encoding="utf-8")),
                                    "id": "2020-01-01_000000_manual"}), encoding="utf-8")
    second = create_backup(workspace.data_dir, root, "manual")
    return root, "2020-01-01_000000_manual", second.id


@pytest.mark.parametrize("damage", [{"created": [1, 2]}, {"records": "x"}, {"db_size": 1.5}, {"created": "hôm qua"},
                                    {"blob_count": None}, {"schema_version": True}])
def test_a_manifest_of_the_wrong_shape_leaves_that_backup_out_of_the_list_and_the_others_in(workspace, damage):
    root, old, new = _two_backups(workspace)
    manifest = root / new / "manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text(encoding="utf-8")), **damage}), encoding="utf-8")

    assert [info.id for info in list_backups(root)] == [old]
    assert not verify_backup(root / new).ok and verify_backup(root / old).ok


@pytest.mark.parametrize("text", ["[" * 1000 + "]" * 1000, "[]", '{"language": 5}', '{"auto_backup": "có"}',
                                  '{"schema_version": 0}', '{"author_name": ' + "9" * 5000 + "}"])
def test_a_backup_with_a_broken_settings_file_is_refused_before_anything_is_written(workspace, text):
    root, _old, new = _two_backups(workspace)
    (root / new / "settings.json").write_text(text, encoding="utf-8")
    data = workspace.data_dir
    workspace.close()
    before = (data / DB_NAME).read_bytes()

    for restore in (lambda: restore_in_place(data, root, new),
                    lambda: restore_to_folder(root, new, data.parent / "moi")):
        with pytest.raises(InputFileError, match="settings.json"):
            restore()
    assert (data / DB_NAME).read_bytes() == before
    assert not (data.parent / "moi").exists()
    assert [info.id for info in list_backups(root)] == [new, _old]  # no safety backup was made either


def test_load_settings_names_the_file_for_a_value_of_the_wrong_type(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"welcome_done": "rồi"}', encoding="utf-8")
    with pytest.raises(InputFileError, match="welcome_done"):
        load_settings(path)


def test_a_restore_rebuilds_a_search_index_the_backup_brought_damaged(workspace):
    root, _old, new = _two_backups(workspace)
    database = root / new / DB_NAME
    connection = sqlite3.connect(database)
    with connection:
        connection.execute("DELETE FROM search_index_data WHERE id > 10")  # FTS5's pages: its own check fails
    connection.close()
    manifest = root / new / "manifest.json"  # the backup made consistent again: its hash matches its database
    data = database.read_bytes()
    manifest.write_text(json.dumps({**json.loads(manifest.read_text(encoding="utf-8")),
                                    "db_sha256": hashlib.sha256(data).hexdigest(), "db_size": len(data)}),
                        encoding="utf-8")
    assert verify_backup(root / new).ok  # a read-only copy cannot run FTS5's check
    folder = workspace.data_dir
    workspace.close()

    restore_in_place(folder, root, new)

    restored = open_workspace(folder, import_shipped_bank=False)
    try:
        assert check_workspace(restored.store, restored.blobs).ok
    finally:
        restored.close()
