"""Backups bring back a lost data folder whole, and refuse what is damaged."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from backup_helpers import content_of

from lecturer_app.core.backup.create import backup_due, create_backup
from lecturer_app.core.backup.errors import BackupError
from lecturer_app.core.backup.manifest import list_backups
from lecturer_app.core.backup.restore import restore_in_place, restore_to_folder
from lecturer_app.core.backup.verify import verify_backup
from lecturer_app.core.settings import load_settings, save_settings
from lecturer_app.core.store.integrity import check_workspace
from lecturer_app.core.workspace import DB_NAME, open_workspace


def reopen(folder: Path):
    return open_workspace(folder, import_shipped_bank=False)


def test_restore_brings_back_everything_after_the_database_is_deleted(full_workspace):
    data = full_workspace.data_dir
    before = content_of(full_workspace.db)
    assert before["attachments"] and before["questions"] and before["slides"] and before["plan_sections"]
    info = create_backup(data, data / "backups")
    full_workspace.close()
    for leftover in data.glob(DB_NAME + "*"):
        leftover.unlink()

    report = restore_in_place(data, data / "backups", info.id)

    assert report.safety is None  # there was nothing left to keep
    restored = reopen(data)
    try:
        assert content_of(restored.db) == before
        assert check_workspace(restored.store, restored.blobs).ok
    finally:
        restored.close()


def test_restore_brings_back_attachments_deleted_with_the_database(full_workspace):
    import shutil

    data = full_workspace.data_dir
    info = create_backup(data, tmp_root := data.parent / "sao lưu")
    full_workspace.close()
    shutil.rmtree(data)

    restore_in_place(data, tmp_root, info.id)

    restored = reopen(data)
    try:
        assert check_workspace(restored.store, restored.blobs).ok
        assert check_workspace(restored.store, restored.blobs).blobs == 2
    finally:
        restored.close()


def test_restore_in_place_backs_up_the_current_state_first(full_workspace):
    from lecturer_app.core.model import Topic

    data, root = full_workspace.data_dir, full_workspace.data_dir / "backups"
    info = create_backup(data, root)
    full_workspace.store.save(Topic(code="MOI-01", title="Chuyên đề viết sau bản sao lưu"))
    full_workspace.close()

    report = restore_in_place(data, root, info.id)

    assert report.safety is not None and report.safety.kind == "before-restore"
    assert "MOI-01" not in _topic_codes(data)
    restore_in_place(data, root, report.safety.id)
    assert "MOI-01" in _topic_codes(data)


def _topic_codes(data: Path) -> set[str]:
    conn = sqlite3.connect(data / DB_NAME)
    try:
        return {row[0] for row in conn.execute("SELECT json_extract(body, '$.code') FROM topics")}
    finally:
        conn.close()


def test_an_app_that_keeps_the_database_open_reads_the_restored_data(full_workspace):
    from lecturer_app.core.model import Topic

    data, root = full_workspace.data_dir, full_workspace.data_dir / "backups"
    info = create_backup(data, root)
    full_workspace.store.save(Topic(code="MOI-02", title="Sẽ mất khi khôi phục"))

    restore_in_place(data, root, info.id)

    codes = {row[0] for row in full_workspace.db.execute("SELECT json_extract(body, '$.code') FROM topics")}
    assert "MOI-02" not in codes and "AB-01" in codes
    assert check_workspace(full_workspace.store, full_workspace.blobs).ok


def test_restore_keeps_this_computers_backup_settings(full_workspace, tmp_path):
    data = full_workspace.data_dir
    settings = full_workspace.settings
    settings.author_name = "Nguyễn Thị Hoa"
    save_settings(settings, full_workspace.settings_path)
    info = create_backup(data, data / "backups")
    settings.author_name, settings.backup_dir = "Người khác", str(tmp_path / "USB")
    save_settings(settings, full_workspace.settings_path)

    restore_in_place(data, data / "backups", info.id)

    restored = load_settings(full_workspace.settings_path)
    assert (restored.author_name, restored.backup_dir) == ("Nguyễn Thị Hoa", str(tmp_path / "USB"))


def test_restore_into_a_new_folder_leaves_the_data_folder_alone(full_workspace, tmp_path):
    data = full_workspace.data_dir
    before = content_of(full_workspace.db)
    info = create_backup(data, data / "backups")
    target = tmp_path / "Thư mục mới có dấu cách"

    restore_to_folder(data / "backups", info.id, target)

    copy = reopen(target)
    try:
        assert content_of(copy.db) == before
        assert check_workspace(copy.store, copy.blobs).ok
    finally:
        copy.close()
    with pytest.raises(BackupError, match="không trống"):
        restore_to_folder(data / "backups", info.id, target)


def test_a_damaged_backup_is_found_and_never_restored(full_workspace):
    data, root = full_workspace.data_dir, full_workspace.data_dir / "backups"
    info = create_backup(data, root)
    database = root / info.id / "lecturer_app.sqlite3"
    raw = bytearray(database.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    database.write_bytes(bytes(raw))

    report = verify_backup(root / info.id)

    assert not report.ok and "mã băm không khớp" in report.problems[0]
    with pytest.raises(BackupError, match="bị hỏng"):
        restore_in_place(data, root, info.id)
    assert check_workspace(full_workspace.store, full_workspace.blobs).ok


def test_verify_finds_an_attachment_missing_from_the_backup(full_workspace):
    data, root = full_workspace.data_dir, full_workspace.data_dir / "backups"
    info = create_backup(data, root)
    next((root / info.id / "blobs").glob("*/*")).unlink()

    report = verify_backup(root / info.id)

    assert [p for p in report.problems if p.startswith("thiếu tệp dữ liệu")]


def test_a_damaged_attachment_is_not_carried_into_the_backup(full_workspace):
    data, root = full_workspace.data_dir, full_workspace.data_dir / "backups"
    blob = next(full_workspace.blobs.root.glob("*/*"))
    blob.write_bytes(b"bit rot")

    info = create_backup(data, root)

    assert info.blob_count == 1
    assert not verify_backup(root / info.id).ok


def test_unchanged_attachments_are_shared_with_the_previous_backup(full_workspace):
    data, root = full_workspace.data_dir, full_workspace.data_dir / "backups"
    first = create_backup(data, root)
    second = create_backup(data, root)

    for blob in (root / second.id / "blobs").glob("*/*"):
        earlier = root / first.id / "blobs" / blob.parent.name / blob.name
        assert blob.stat().st_ino == earlier.stat().st_ino
    assert verify_backup(root / second.id).ok


def test_a_backup_is_due_once_a_day(full_workspace):
    data, root = full_workspace.data_dir, full_workspace.data_dir / "backups"
    morning = datetime(2026, 3, 5, 8, 0).astimezone()
    assert backup_due(root, morning)
    create_backup(data, root, "manual", now=morning)
    assert backup_due(root, morning), "a manual backup does not replace the daily one"
    create_backup(data, root, "auto", now=morning)
    assert not backup_due(root, morning + timedelta(hours=9))
    assert backup_due(root, morning + timedelta(days=1))


def test_backups_are_listed_newest_first_with_their_content(full_workspace):
    data, root = full_workspace.data_dir, full_workspace.data_dir / "backups"
    day = datetime(2026, 3, 5, 8, 0).astimezone()
    older = create_backup(data, root, "auto", now=day)
    newer = create_backup(data, root, "manual", now=day + timedelta(hours=1))
    same_second = create_backup(data, root, "manual", now=day + timedelta(hours=1))

    listed = list_backups(root)

    assert [b.id for b in listed][-1] == older.id and {newer.id, same_second.id} == {b.id for b in listed[:2]}
    assert newer.id != same_second.id
    assert listed[0].records == full_workspace.db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    assert listed[0].blob_count == 2


def test_there_is_nothing_to_back_up_without_a_database(tmp_path):
    with pytest.raises(BackupError, match="Không có dữ liệu"):
        create_backup(tmp_path / "trống", tmp_path / "backups")


def test_a_restored_database_mints_under_a_new_replica_id(full_workspace):
    """A restore rewinds the counter: the old id would reuse (replica, seq) pairs already given out."""
    import json

    from lecturer_app.core.model import Topic

    data, root = full_workspace.data_dir, full_workspace.data_dir / "backups"
    old = full_workspace.store.device
    info = create_backup(data, root)
    full_workspace.store.save(Topic(code="SAU-01", title="Sau bản sao lưu"))
    full_workspace.close()

    report = restore_in_place(data, root, info.id)

    restored = reopen(data)
    try:
        assert restored.store.device == report.replica_id != old
        previous = restored.db.execute("SELECT value FROM meta WHERE key = 'previous_replicas'").fetchone()[0]
        assert old in json.loads(previous)
        assert restored.store.save(Topic(code="SAU-02", title="Sau khi khôi phục")).origin_replica != old
    finally:
        restored.close()
