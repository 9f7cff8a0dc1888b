"""Official (chính thức) versions over USB bundles (issue #14 item 4; docs/design/sync.md § "Official versions")."""

from __future__ import annotations

from lecturer_app.core.bank.official import mark_official
from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import PlanSection
from lecturer_app.sync.device import open_device
from lecturer_app.sync.signing import sign_own_revisions


def first_section(workspace) -> tuple[str, PlanSection]:
    """The first topic with plan content, and its second section."""
    bank = LessonBank(workspace.store)
    for topic in bank.topics():
        plan = bank.plan(topic.id)
        sections = bank.sections(plan.id) if plan else []
        if len(sections) >= 3:
            return topic.code, sections[1]
    raise AssertionError("the shipped bank has a topic with content")


def edit_section(peer, text: str) -> tuple[str, str]:
    with peer.workspace() as workspace:
        code, section = first_section(workspace)
        section.body = text
        workspace.store.save(section)
        return code, section.id


def test_an_editor_marks_a_topic_official_and_a_lecturer_sees_it_beside_the_draft_and_adopts_it(
        make_peer, authority, tmp_path):
    editor, lecturer = make_peer("editor"), make_peer("lecturer")
    authority.certify(editor, scopes="bank,official")
    authority.certify(lecturer)
    code, section_id = edit_section(lecturer, "Bản nháp của giảng viên.")
    edit_section(editor, "Nội dung biên tập viên tỉnh đã duyệt.")
    editor.ok("official", "mark", code, "--note", "Duyệt năm 2026")
    editor.ok("bundle", "export", "-o", str(tmp_path / "editor.lbb"))

    imported = lecturer.json("bundle", "import", str(tmp_path / "editor.lbb"))
    assert imported["rejected"] == []
    status = lecturer.json("official", "show", code)
    assert status["official"] is False and status["note"] == "Duyệt năm 2026"
    assert [u["record_id"] for u in status["updates"]] == [section_id]
    shown = lecturer.ok("official", "show", code)
    assert "Bản nháp của giảng viên." in shown and "Nội dung biên tập viên tỉnh đã duyệt." in shown
    assert any(item["topic_id"] == status["topic_id"] for item in lecturer.json("official", "list"))

    assert lecturer.json("official", "adopt", code)["adopted"] == [section_id]
    assert lecturer.json("official", "show", code)["official"] is True
    assert lecturer.json("conflicts", "list") == []
    with lecturer.workspace() as workspace:
        assert workspace.store.require(PlanSection, section_id).body == "Nội dung biên tập viên tỉnh đã duyệt."
        head = workspace.store.log.heads(section_id)[0]
        parents = [workspace.store.log.get(p).body["body"] for p in head.parents]
        assert sorted(parents) == ["Bản nháp của giảng viên.", "Nội dung biên tập viên tỉnh đã duyệt."]


def test_a_lecturer_device_cannot_mark_and_a_forged_mark_is_refused_by_the_importer(make_peer, authority, tmp_path):
    lecturer, other = make_peer("lecturer"), make_peer("other")
    authority.certify(lecturer)
    authority.certify(other)
    with lecturer.workspace() as workspace:
        code = first_section(workspace)[0]
    code_, _out, err = lecturer.run("official", "mark", code)
    assert code_ != 0 and "biên tập viên tỉnh" in err
    # Bypassing the command: the mark is written and signed by the lecturer's own key.
    with lecturer.workspace() as workspace:
        topic = LessonBank(workspace.store).topic_by_code(code)
        forged = mark_official(workspace.store, topic.id, "giả")
        sign_own_revisions(workspace.store, open_device(workspace.data_dir, workspace.store).key)
    lecturer.ok("bundle", "export", "-o", str(tmp_path / "forged.lbb"))

    result = other.json("bundle", "import", str(tmp_path / "forged.lbb"))
    assert [r["rev_id"] for r in result["rejected"]] == [forged.rev_id]
    assert "official" in result["rejected"][0]["reason"]
    assert other.json("official", "list") == []


def test_a_mark_relayed_by_a_lecturer_keeps_the_editors_signature(make_peer, authority, tmp_path):
    editor, relay, last = make_peer("editor"), make_peer("relay"), make_peer("last")
    authority.certify(editor, scopes="bank,official")
    authority.certify(relay)
    authority.certify(last)
    with editor.workspace() as workspace:
        code = first_section(workspace)[0]
    editor.ok("official", "mark", code)
    editor.ok("bundle", "export", "-o", str(tmp_path / "editor.lbb"))
    relay.ok("bundle", "import", str(tmp_path / "editor.lbb"))
    relay.ok("bundle", "export", "-o", str(tmp_path / "relay.lbb"))
    assert last.json("bundle", "import", str(tmp_path / "relay.lbb"))["rejected"] == []
    assert last.json("official", "show", code)["official"] is True
    assert last.json("sync", "digest") == editor.json("sync", "digest")
