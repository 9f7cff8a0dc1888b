"""`lecturer-app backup`: create, list, verify and restore from the command line."""

from __future__ import annotations

import json

from tests.support.cli_runs import run


def test_backup_then_lose_the_database_then_restore(data_dir):
    _, stats_before, _ = run("--data-dir", str(data_dir), "stats", "--json")
    code, out, err = run("--data-dir", str(data_dir), "backup", "create", "--json")
    assert code == 0, err
    created = json.loads(out)
    (data_dir / "lecturer_app.sqlite3").unlink()
    for leftover in data_dir.glob("lecturer_app.sqlite3-*"):
        leftover.unlink()

    code, out, err = run("--data-dir", str(data_dir), "backup", "restore", created["id"], "--yes", "--json")

    assert code == 0, err
    assert json.loads(out)["safety_backup"] is None
    assert run("--data-dir", str(data_dir), "stats", "--json")[1] == stats_before
    assert run("--data-dir", str(data_dir), "check")[0] == 0


def test_list_and_verify(data_dir):
    run("--data-dir", str(data_dir), "backup", "create", "--kind", "auto")

    code, out, _ = run("--data-dir", str(data_dir), "backup", "list", "--json")
    [listed] = json.loads(out)
    assert code == 0 and listed["kind"] == "auto" and listed["records"] > 100
    code, out, _ = run("--data-dir", str(data_dir), "backup", "verify", "--json")
    assert code == 0 and json.loads(out) == [{"id": listed["id"], "ok": True, "problems": [],
                                             "records": listed["records"]}]
    code, out, _ = run("--data-dir", str(data_dir), "backup", "list")
    assert listed["id"] in out


def test_a_damaged_backup_fails_verify(data_dir):
    code, out, _ = run("--data-dir", str(data_dir), "backup", "create", "--json")
    database = data_dir / "backups" / json.loads(out)["id"] / "lecturer_app.sqlite3"
    database.write_bytes(database.read_bytes()[:-4096])

    code, out, _ = run("--data-dir", str(data_dir), "backup", "verify")

    assert code == 1 and "HỎNG" in out


def test_restore_into_place_asks_for_yes(data_dir):
    _, out, _ = run("--data-dir", str(data_dir), "backup", "create", "--json")

    code, _, err = run("--data-dir", str(data_dir), "backup", "restore", json.loads(out)["id"])

    assert code == 1 and "--yes" in err and "Traceback" not in err


def test_restore_into_a_new_folder_and_a_chosen_backup_folder(data_dir, tmp_path):
    usb = tmp_path / "USB sao lưu"
    _, out, _ = run("--data-dir", str(data_dir), "backup", "create", "--dir", str(usb), "--json")
    backup_id = json.loads(out)["id"]
    assert (usb / backup_id / "manifest.json").is_file()
    target = tmp_path / "Dữ liệu khôi phục"

    code, out, err = run("--data-dir", str(data_dir), "backup", "restore", backup_id, "--dir", str(usb),
                         "--to", str(target))

    assert code == 0, err
    assert run("--data-dir", str(target), "check")[0] == 0


def test_restoring_an_unknown_backup_names_it(data_dir):
    code, _, err = run("--data-dir", str(data_dir), "backup", "restore", "không-có", "--yes")

    assert code == 1 and "không-có" in err


def test_recover_brings_back_a_deleted_attachment(data_dir, tmp_path):
    from lecturer_app.core.bank.attachments import add_attachment
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.workspace import open_workspace

    source = tmp_path / "Ảnh.png"
    source.write_bytes(b"\x89PNG picture")
    workspace = open_workspace(data_dir)
    topic = LessonBank(workspace.store).topics()[0]
    attachment = add_attachment(workspace.store, workspace.blobs, topic.id, source)
    workspace.close()
    run("--data-dir", str(data_dir), "backup", "create")
    (data_dir / "blobs" / attachment.sha256[:2] / attachment.sha256).unlink()
    assert run("--data-dir", str(data_dir), "check")[0] == 1

    code, out, err = run("--data-dir", str(data_dir), "backup", "recover", "--json")

    assert code == 0, err
    assert json.loads(out) == {"recovered": [attachment.sha256], "not_found": [], "awaited": []}
    assert run("--data-dir", str(data_dir), "check")[0] == 0
