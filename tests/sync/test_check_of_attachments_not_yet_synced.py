"""``check`` tells an attachment sync has not brought yet from one that was lost (sync.md §3.5).

Sync sends the records first and the files after: the server may not have a
file yet (``pending_blobs``), and a bundle carries only the files its
exporter holds.  A record received that way names a file this machine never
had: that is no damage, and the next sync brings it.  A file this machine's
own records name was here (a replica stores the file before any record names
it): its loss is damage, and the way out is to copy it back from a backup,
not to restore a whole backup over the edits made since.
"""

from __future__ import annotations

from pathlib import Path

from lecturer_app.core.model import Attachment


def _attach(peer, tmp_path: Path) -> str:
    with peer.workspace() as workspace:
        sha = workspace.blobs.put_bytes(b"%PDF-1.4 tai lieu doc them" * 100)
        workspace.store.save(Attachment(owner_id="tai-lieu", sha256=sha, size=2600, filename="Tài liệu.pdf"))
    return sha


def _set_aside(peer, sha: str, tmp_path: Path) -> Path:
    path = peer.folder / "blobs" / sha[:2] / sha
    aside = tmp_path / f"{peer.folder.name}-{sha}"
    path.rename(aside)
    return aside


def test_a_file_only_another_machines_records_name_is_awaited_and_the_next_sync_brings_it(make_peer, tmp_path):
    a, b = make_peer("A"), make_peer("B")
    sha = _attach(a, tmp_path)
    aside = _set_aside(a, sha, tmp_path)  # the bundle is made where the file is not: it carries the record only
    a.ok("bundle", "export", "-o", str(tmp_path / "1.lbb"))
    aside.rename(a.folder / "blobs" / sha[:2] / sha)
    b.ok("bundle", "import", str(tmp_path / "1.lbb"), "--trust-new")

    code, out, _err = b.run("check")
    assert code == 0 and "Dữ liệu toàn vẹn" in out and sha in out
    assert "1 tệp đính kèm nhận qua đồng bộ từ máy khác chưa được tải về. Đây không phải lỗi dữ liệu" in out
    assert "khôi phục bản sao lưu gần nhất" not in out
    checked = b.json("check")
    assert checked["ok"] and checked["problems"] == [] and checked["awaited_blobs"] == [sha]

    recovered = b.json("backup", "recover")  # no backup has it: not lost, still to come
    assert recovered == {"recovered": [], "not_found": [], "awaited": [sha]}

    b.ok("bundle", "want", "-o", str(tmp_path / "want.json"))  # the next sync: B says what it lacks
    a.ok("bundle", "export", "-o", str(tmp_path / "2.lbb"), "--want", str(tmp_path / "want.json"))
    b.ok("bundle", "import", str(tmp_path / "2.lbb"), "--trust-new")
    code, out, _err = b.run("check")
    assert code == 0 and "chưa được tải về" not in out and sha not in out


def test_a_file_this_machines_records_name_is_damage_with_the_advice_to_copy_it_back(make_peer, tmp_path):
    a = make_peer("A")
    sha = _attach(a, tmp_path)
    a.ok("backup", "create")
    _set_aside(a, sha, tmp_path)

    code, out, _err = a.run("check")
    assert code == 1 and f"thiếu tệp dữ liệu {sha}" in out and "chưa được tải về" not in out
    assert "lecturer-app backup recover" in out and "lecturer-app backup restore" not in out

    a.ok("backup", "recover")
    assert a.run("check")[0] == 0


def test_a_file_received_then_lost_on_a_copied_folder_is_still_damage(make_peer, tmp_path):
    """A copied or restored folder mints under a new replica id; its own earlier records still count as its own."""
    import shutil

    a = make_peer("A")
    sha = _attach(a, tmp_path)
    shutil.copytree(a.folder, tmp_path / "A-copy")
    copy = type(a)(tmp_path / "A-copy")
    copy.ok("stats")  # opened elsewhere: a new replica id, the old one kept
    _set_aside(copy, sha, tmp_path)
    code, out, _err = copy.run("check")
    assert code == 1 and f"thiếu tệp dữ liệu {sha}" in out


def test_a_file_received_then_deleted_by_hand_comes_back_from_a_backup(make_peer, tmp_path):
    a, b = make_peer("A"), make_peer("B")
    sha = _attach(a, tmp_path)
    a.ok("bundle", "export", "-o", str(tmp_path / "1.lbb"))
    b.ok("bundle", "import", str(tmp_path / "1.lbb"), "--trust-new")
    b.ok("backup", "create")
    _set_aside(b, sha, tmp_path)
    assert b.json("check")["awaited_blobs"] == [sha]  # only A's records name it: B cannot tell it was here

    assert b.json("backup", "recover") == {"recovered": [sha], "not_found": [], "awaited": []}
    assert b.json("check")["awaited_blobs"] == [] and b.run("check")[0] == 0
