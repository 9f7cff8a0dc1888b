"""Lost or damaged attachment files come back from the backups; nothing else changes."""

from __future__ import annotations

from backup_helpers import content_of

from lecturer_app.core.backup.create import create_backup
from lecturer_app.core.backup.recover import blob_hashes, recover_blobs
from lecturer_app.core.model import Topic
from lecturer_app.core.store.integrity import check_workspace


def test_a_deleted_and_a_damaged_attachment_come_back_and_later_edits_stay(full_workspace):
    data, root = full_workspace.data_dir, full_workspace.data_dir / "backups"
    create_backup(data, root)
    full_workspace.store.save(Topic(code="SAU-01", title="Viết sau bản sao lưu"))
    deleted, damaged = sorted(full_workspace.blobs.root.glob("*/*"))
    deleted.unlink()
    damaged.write_bytes(b"bit rot")
    before = content_of(full_workspace.db)
    problems = check_workspace(full_workspace.store, full_workspace.blobs).problems
    assert len(blob_hashes(problems)) == 2

    report = recover_blobs(full_workspace.blobs, root, blob_hashes(problems))

    assert sorted(report.recovered) == sorted([deleted.name, damaged.name]) and report.not_found == []
    assert check_workspace(full_workspace.store, full_workspace.blobs).ok
    assert content_of(full_workspace.db) == before


def test_a_file_no_backup_has_is_named(full_workspace, tmp_path):
    blob = next(full_workspace.blobs.root.glob("*/*"))
    blob.unlink()

    report = recover_blobs(full_workspace.blobs, tmp_path / "no backups", [blob.name])

    assert report.not_found == [blob.name] and not blob.exists()


def test_a_damaged_copy_in_a_backup_is_not_used(full_workspace):
    data, root = full_workspace.data_dir, full_workspace.data_dir / "backups"
    info = create_backup(data, root)
    blob = next(full_workspace.blobs.root.glob("*/*"))
    (root / info.id / "blobs" / blob.parent.name / blob.name).unlink()
    (root / info.id / "blobs" / blob.parent.name / blob.name).write_bytes(b"also damaged")
    blob.unlink()

    report = recover_blobs(full_workspace.blobs, root, [blob.name])

    assert report.not_found == [blob.name]
