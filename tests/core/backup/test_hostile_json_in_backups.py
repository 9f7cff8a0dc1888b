"""settings.json and a backup's manifest.json are read through the one bounded JSON reader
(core/json_reading.py): JSON nested a thousand deep or holding a 5,000-digit number is refused with a
Vietnamese message naming the file, and nothing is changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lecturer_app.core.backup.create import create_backup
from lecturer_app.core.backup.errors import BackupError
from lecturer_app.core.backup.manifest import list_backups
from lecturer_app.core.backup.restore import restore_in_place
from lecturer_app.core.backup.verify import verify_backup
from lecturer_app.core.errors import InputFileError
from lecturer_app.core.settings import Settings, load_settings, save_settings
from lecturer_app.core.workspace import DB_NAME

HOSTILE = {
    "nested": ("[" * 1000 + "]" * 1000, "không phải tệp JSON hợp lệ (lồng nhau quá sâu)"),
    "5000 digits": ('{"schema_version": ' + "9" * 5000 + "}", "không phải tệp JSON hợp lệ (có số dài 5000 chữ số)"),
    "1e999": ('{"schema_version": 1e999}', "không phải tệp JSON hợp lệ (giá trị 1e999 không phải số hợp lệ)"),
}


def _folder_state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_settings_file_is_refused_naming_it_and_left_as_it_is(tmp_path, name):
    text, says = HOSTILE[name]
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as refused:
        load_settings(path)
    assert str(refused.value) == f"{path}: tệp cài đặt bị hỏng: {says}"
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("name", HOSTILE)
def test_a_backup_whose_manifest_is_hostile_is_refused_naming_it_and_nothing_is_restored(workspace, name):
    text, says = HOSTILE[name]
    root = workspace.data_dir.parent / "sao_luu"
    backup = create_backup(workspace.data_dir, root, "manual")
    manifest = root / backup.id / "manifest.json"
    manifest.write_text(text, encoding="utf-8")
    data = workspace.data_dir
    workspace.close()
    before = _folder_state(data)

    report = verify_backup(root / backup.id)
    assert report.problems == [f"{manifest}: {says}"]
    assert list_backups(root) == []  # an unfinished backup: not offered
    with pytest.raises(BackupError, match="manifest.json: " + says.replace("(", r"\(").replace(")", r"\)")):
        restore_in_place(data, root, backup.id)
    assert _folder_state(data) == before and manifest.read_text(encoding="utf-8") == text


def test_settings_and_manifests_the_app_writes_read_back_unchanged(workspace, tmp_path):
    settings = Settings(author_name="Nguyễn Văn A", backup_dir="D:/Sao lưu", extra={"khác": [1, 2.5, None]})
    save_settings(settings, tmp_path / "settings.json")
    written = (tmp_path / "settings.json").read_bytes()
    assert load_settings(tmp_path / "settings.json") == settings
    save_settings(load_settings(tmp_path / "settings.json"), tmp_path / "settings.json")
    assert (tmp_path / "settings.json").read_bytes() == written  # byte-identical round trip

    root = tmp_path / "sao_luu"
    info = create_backup(workspace.data_dir, root, "manual")
    assert list_backups(root) == [info] and verify_backup(root / info.id).ok
    assert json.loads((root / info.id / "manifest.json").read_text(encoding="utf-8")) == info.to_json()
    assert (workspace.data_dir / DB_NAME).is_file()
