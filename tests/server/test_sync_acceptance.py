"""Issue #14 acceptance, as a new user would, on SQLite and on PostgreSQL."""

from __future__ import annotations

from lecturer_app.core.model import PlanSection, Topic
from support.peers import edit_section_and_title


def test_two_folders_edit_while_the_server_is_stopped_then_sync_to_one_state_with_the_conflict_on_both(
        server, make_peer):
    password = server.add_user("lan", "giang_vien")
    a, b = make_peer("A"), make_peer("B")
    for peer in (a, b):
        peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    server.stop()
    topic_id, section_a = edit_section_and_title(a, 1, "Tiêu đề sửa ở máy A")
    _topic, section_b = edit_section_and_title(b, 2, "Tiêu đề sửa ở máy B")
    code, _out, err = a.run("sync", "now")
    assert code != 0 and "tiếp tục từ chỗ dừng" in err  # offline: a clear message, nothing lost
    assert "máy chủ không nhận kết nối" in err and "Errno" not in err  # said in Vietnamese, not httpx's English
    server.start()

    first = a.json("sync", "now")
    second = b.json("sync", "now")
    third = a.json("sync", "now")
    assert first["pushed"] == 2 and second["pulled"] >= 2 and third["pulled"] >= 1
    assert second["conflicts"] == 1 and third["conflicts"] == 1 and not second["rejected"]
    assert a.json("sync", "digest") == b.json("sync", "digest")
    for peer in (a, b):
        (conflict,) = peer.json("conflicts", "list")
        assert conflict["record_id"] == topic_id and len(conflict["heads"]) == 2
        with peer.workspace() as workspace:
            assert "Thêm ở máy A" in workspace.store.require(PlanSection, section_a).body
            assert "Thêm ở máy B" in workspace.store.require(PlanSection, section_b).body
        assert peer.json("sync", "status")["pending"] >= 0
    again = b.json("sync", "now")
    assert again["pulled"] == 0 and again["pushed"] == 0  # nothing left: a second sync is a no-op


def test_a_resolution_and_an_attachment_reach_the_other_folder(server, make_peer):
    password = server.add_user("lan", "giang_vien")
    a, b = make_peer("A"), make_peer("B")
    for peer in (a, b):
        peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    data = "Tệp đính kèm thử ".encode() * 5000
    with a.workspace() as workspace:
        sha = workspace.blobs.put_bytes(data)
        topic = Topic(code="DINH-KEM-1", title="Có tệp", extra={"attachment": {"sha256": sha, "filename": "tệp.pdf"}})
        workspace.store.save(topic)
    assert a.json("sync", "now")["blobs_out"] == 1
    result = b.json("sync", "now")
    assert result["blobs_in"] == 1 and result["pulled"] >= 1
    with b.workspace() as workspace:
        assert workspace.blobs.read_bytes(sha) == data
        assert workspace.store.require(Topic, topic.id).title == "Có tệp"
    assert a.json("sync", "digest") == b.json("sync", "digest")
