"""Per-section diffs of written plans, and the topic history that feeds them."""

from __future__ import annotations

from lecturer_app.core.bank.history import (
    plan_at,
    restore_plan_at,
    restore_revision,
    topic_history,
)
from lecturer_app.core.model import PlanSection, Topic, WrittenPlan
from lecturer_app.core.plans.diff import (
    ADDED,
    CHANGED,
    REMOVED,
    SAME,
    diff_plan,
    line_diff,
)


def test_line_diff_pairs_changed_lines_side_by_side():
    rows = line_diff("Một\nHai\nBa\n", "Một\nHai sửa\nBa\nBốn\n")
    assert [(r.kind, r.left, r.right) for r in rows] == [
        ("equal", "Một", "Một"), ("replace", "Hai", "Hai sửa"), ("equal", "Ba", "Ba"), ("insert", "", "Bốn")]


def test_sections_are_matched_by_id_so_a_rename_is_a_change():
    a = PlanSection(id="s1", heading="I. MỤC TIÊU", body="x\n")
    b = PlanSection(id="s2", heading="II. PHƯƠNG PHÁP", body="y\n")
    c = PlanSection(id="s3", heading="Mới", body="z\n")
    renamed = PlanSection(id="s1", heading="I. MỤC TIÊU BÀI HỌC", body="x\n")
    result = diff_plan([a, b], [renamed, c])
    assert [(d.record_id, d.status) for d in result] == [("s1", CHANGED), ("s2", REMOVED), ("s3", ADDED)]
    assert result[0].old_heading == "I. MỤC TIÊU"
    assert diff_plan([a], [a])[0].status == SAME


def _plan(store):
    topic = Topic(code="AB-01", title="Lịch sử Đảng")
    store.save(topic)
    plan = WrittenPlan(topic_id=topic.id, header={"ten_bai": "Lịch sử Đảng"})
    store.save(plan, summary="tạo")
    section = PlanSection(plan_id=plan.id, topic_id=topic.id, position="V", heading="I. MỤC TIÊU", body="Bản 1\n")
    store.save(section, summary="tạo")
    return topic, plan, section


def test_history_lists_the_topics_records_newest_first_and_deleted_ones_keep_their_name(store):
    topic, plan, section = _plan(store)
    store.delete(section.id, summary="Xóa mục")
    entries = topic_history(store, topic.id)
    assert entries[0].summary == "Xóa mục" and entries[0].deleted and entries[0].label == "I. MỤC TIÊU"
    assert {e.record_id for e in entries} == {topic.id, plan.id, section.id}
    assert [e.seq for e in entries] == sorted((e.seq for e in entries), reverse=True)


def test_plan_at_a_point_and_restoring_the_whole_plan(store):
    topic, plan, section = _plan(store)
    first = topic_history(store, topic.id)[0].seq
    section.body = "Bản 2\n"
    store.save(section, summary="sửa")
    extra = PlanSection(plan_id=plan.id, topic_id=topic.id, position="W", heading="Thêm", body="")
    store.save(extra)
    _, sections = plan_at(store, topic.id, first)
    assert [(s.heading, s.body) for s in sections] == [("I. MỤC TIÊU", "Bản 1\n")]
    restore_plan_at(store, topic.id, first, "Khôi phục")
    assert store.get(PlanSection, section.id).body == "Bản 1\n"
    assert store.get(PlanSection, extra.id) is None


def test_restoring_a_deletion_brings_the_content_back(store):
    topic, _plan_, section = _plan(store)
    store.delete(section.id, summary="Xóa mục")
    restore_revision(store, topic_history(store, topic.id)[0])
    assert store.get(PlanSection, section.id).body == "Bản 1\n"
