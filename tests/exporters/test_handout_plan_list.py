"""Issue #15 item 13: the handout of a topic with no files or links lists the plan's "Tài liệu" section, and says so."""

from __future__ import annotations

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.exporters.handout_pdf import (
    PLAN_LIST,
    collect_materials,
    handout_story,
)

DOCUMENTS = """**1. Tài liệu bắt buộc**
- Giáo trình *Học tập nghị quyết* (Nxb Chính trị quốc gia Sự thật, 2021).

**2. Tài liệu tham khảo**
1. Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.
2. Lịch sử Đảng bộ tỉnh (bản đã xuất bản của địa phương).
"""


@pytest.fixture
def topic_with_a_document_list(workspace):
    """AB-02: its skeleton plan, with documents named in "IV. TÀI LIỆU"; no deck, no attachment."""
    bank = LessonBank(workspace.store)
    topic = bank.require_topic("AB-02")
    section = next(s for s in bank.sections(bank.plan(topic.id).id) if s.kind == "tai_lieu")
    assert section.heading == "IV. TÀI LIỆU"
    section.body = DOCUMENTS
    workspace.store.save(section)
    return topic


def test_the_documents_named_in_the_plan_are_listed_with_codes_and_a_note(workspace, topic_with_a_document_list):
    handout = collect_materials(LessonBank(workspace.store), topic_with_a_document_list)
    assert [(m.code, m.title, m.url, m.source) for m in handout.materials] == [
        ("AB-02-1", "Giáo trình Học tập nghị quyết (Nxb Chính trị quốc gia Sự thật, 2021).", "", PLAN_LIST),
        ("AB-02-2", "Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.", "", PLAN_LIST),
        ("AB-02-3", "Lịch sử Đảng bộ tỉnh (bản đã xuất bản của địa phương).", "", PLAN_LIST),
    ]
    assert "IV. TÀI LIỆU" in handout.note() and "giáo án viết" in handout.note()


def test_the_printed_page_carries_the_note_and_no_empty_handout_message(workspace, topic_with_a_document_list):
    handout = collect_materials(LessonBank(workspace.store), topic_with_a_document_list)
    texts = [getattr(flowable, "text", "") for flowable in handout_story(handout, 400)]
    assert any("IV. TÀI LIỆU" in t for t in texts)
    assert not any("chưa có tài liệu" in t for t in texts)


def test_a_topic_with_links_keeps_its_links_and_no_note(workspace, topic_with_a_document_list):
    bank = LessonBank(workspace.store)
    section = next(s for s in bank.sections(bank.plan(topic_with_a_document_list.id).id) if s.kind == "tai_lieu")
    section.body += "- Cổng thông tin: https://dangcongsan.vn\n"
    workspace.store.save(section)
    handout = collect_materials(bank, topic_with_a_document_list)
    assert [m.url for m in handout.materials] == ["https://dangcongsan.vn"] and handout.note() == ""


def test_in_the_english_ui_the_notice_is_english_and_the_printed_note_vietnamese(workspace, topic_with_a_document_list):
    from lecturer_app import i18n
    from lecturer_app.core.resources import resource_path

    i18n.setup("en", resource_path("translations"))
    try:
        handout = collect_materials(LessonBank(workspace.store), topic_with_a_document_list)
        texts = [getattr(flowable, "text", "") for flowable in handout_story(handout, 400)]
        assert "IV. TÀI LIỆU" in handout.note() and "giáo án viết" not in handout.note()  # shown on screen
        assert any("«IV. TÀI LIỆU» của giáo án viết" in t for t in texts)  # printed for learners
    finally:
        i18n.setup("vi", None)
