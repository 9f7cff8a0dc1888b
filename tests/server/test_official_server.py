"""Official (chính thức) marks through the server (issue #14 item 4), on SQLite and on PostgreSQL."""

from __future__ import annotations

from lecturer_app.core.bank.official import mark_official
from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import PlanSection


def _topic_with_content(workspace):
    bank = LessonBank(workspace.store)
    for topic in bank.topics():
        plan = bank.plan(topic.id)
        if plan and len(bank.sections(plan.id)) >= 3:
            return topic, bank.sections(plan.id)[1]
    raise AssertionError("the shipped bank has a topic with content")


def test_an_editor_publishes_an_official_version_and_a_lecturer_adopts_it(server, make_peer):
    editor_pw = server.add_user("bientap", "bien_tap_tinh")
    lecturer_pw = server.add_user("lan", "giang_vien")
    editor, lecturer = make_peer("editor"), make_peer("lecturer")
    editor.ok("sync", "login", server.url, "--user", "bientap", "--password-file", editor_pw)
    lecturer.ok("sync", "login", server.url, "--user", "lan", "--password-file", lecturer_pw)
    with lecturer.workspace() as workspace:
        topic, section = _topic_with_content(workspace)
        section.body = "Bản nháp của giảng viên."
        workspace.store.save(section)
    with editor.workspace() as workspace:
        section.body = "Bản đã duyệt."
        workspace.store.save(section)
    editor.ok("official", "mark", topic.code)
    assert editor.json("sync", "now")["pushed"] == 2 and editor.json("sync", "now")["rejected"] == []

    lecturer.json("sync", "now")
    status = lecturer.json("official", "show", topic.code)
    assert [u["record_id"] for u in status["updates"]] == [section.id]
    lecturer.ok("official", "adopt", topic.code)
    pushed = lecturer.json("sync", "now")
    assert pushed["pushed"] >= 1 and pushed["rejected"] == []
    editor.json("sync", "now")
    for peer in (editor, lecturer):
        assert peer.json("official", "show", topic.code)["official"] is True
        with peer.workspace() as workspace:
            assert workspace.store.require(PlanSection, section.id).body == "Bản đã duyệt."
    assert editor.json("sync", "digest") == lecturer.json("sync", "digest")


def test_the_server_refuses_an_official_mark_from_a_lecturer(server, make_peer):
    password = server.add_user("lan", "giang_vien")
    lecturer = make_peer("lecturer")
    lecturer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    with lecturer.workspace() as workspace:
        topic, _section = _topic_with_content(workspace)
        forged = mark_official(workspace.store, topic.id, "giả")
    result = lecturer.json("sync", "now")
    assert [(r["rev_id"], r["status"]) for r in result["rejected"]] == [(forged.rev_id, "forbidden")]
    other = make_peer("other")
    other.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    other.json("sync", "now")
    assert other.json("official", "list") == []
