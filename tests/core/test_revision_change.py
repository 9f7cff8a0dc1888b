"""What a revision changed in a slide, a deck, or a plain record, read from the real revision log."""

from __future__ import annotations

from lecturer_app.core.bank.history import topic_history
from lecturer_app.core.bank.revision_change import field_changes, revision_change
from lecturer_app.core.model import Bullet, ImageRef, PlanSection, Slide, SlideDeck, SlideTable, Topic, WrittenPlan
from lecturer_app.core.plans.diff import ADDED, CHANGED, REMOVED, SAME
from lecturer_app.core.plans.slide_diff import MOVED, diff_deck, slide_diff, slide_text


def _deck(store):
    topic = Topic(code="AB-01", title="Lịch sử Đảng")
    store.save(topic)
    deck = SlideDeck(topic_id=topic.id, title="Bài giảng")
    store.save(deck)
    slides = [Slide(deck_id=deck.id, topic_id=topic.id, position=p, title=t, notes=f"Ghi chú {t}")
              for p, t in (("B", "Mở đầu"), ("D", "Nội dung"), ("F", "Kết luận"))]
    for slide in slides:
        store.save(slide, summary="tạo")
    return topic, deck, slides


def _parts(diff):
    return {part.name: [(r.kind, r.left, r.right) for r in part.rows] for part in diff.parts}


def test_a_slide_is_compared_part_by_part_as_text_lines():
    before = Slide(id="s", title="Cũ", bullets=[Bullet(text="Ý một"), Bullet(text="Ý con", level=1)],
                   notes="Nói chậm", table=SlideTable(rows=[["A", "B"], ["1", "2"]]),
                   images=[ImageRef(filename="ban-do.png")])
    after = Slide(id="s", title="Mới", layout="table", bullets=[Bullet(text="Ý một")], notes="Nói chậm",
                  table=SlideTable(rows=[["A", "B"], ["1", "3"]]))
    diff = slide_diff(before, after, 2, 2)
    assert diff.status == CHANGED and not diff.moved
    assert (diff.old_title, diff.title, diff.old_layout, diff.layout) == ("Cũ", "Mới", "bullets", "table")
    parts = _parts(diff)
    assert parts["title"] == [("replace", "Cũ", "Mới")]
    assert parts["bullets"] == [("equal", "• Ý một", "• Ý một"), ("delete", "\u00a0" * 4 + "• Ý con", "")]
    assert parts["table"] == [("equal", "A | B", "A | B"), ("replace", "1 | 2", "1 | 3")]
    assert parts["images"] == [("delete", "ban-do.png", "")]
    assert parts["notes"] == [("equal", "Nói chậm", "Nói chậm")]
    assert "subtitle" not in parts and "url" not in parts
    assert slide_text(None)["title"] == ""


def test_a_deck_diff_says_which_slides_came_went_or_moved():
    a, b, c, d = (Slide(id=x, title=x.upper()) for x in "abcd")
    result = diff_deck([a, b, c], [c, a, d])
    assert [(s.record_id, s.status, s.old_number, s.number) for s in result] == [
        ("c", MOVED, 3, 1), ("b", REMOVED, 2, 0), ("a", SAME, 2, 2), ("d", ADDED, 0, 3)]


def test_one_slide_revision_shows_that_slides_old_and_new_title_and_notes(store):
    topic, _deck_, slides = _deck(store)
    slides[1].title, slides[1].notes = "Nội dung chính", "Nhấn mạnh ý hai"
    store.save(slides[1], summary="sửa trang")
    change = revision_change(store, topic.id, [topic_history(store, topic.id)[0]])
    assert change.sections is None and change.records == []
    [diff] = change.slides
    assert (diff.status, diff.number, diff.old_title, diff.title) == (CHANGED, 2, "Nội dung", "Nội dung chính")
    assert _parts(diff)["notes"] == [("replace", "Ghi chú Nội dung", "Nhấn mạnh ý hai")]


def test_a_deleted_slide_shows_its_last_content_and_a_moved_one_its_places(store):
    topic, _deck_, slides = _deck(store)
    store.delete(slides[0].id, summary="xóa trang")
    [deleted] = revision_change(store, topic.id, [topic_history(store, topic.id)[0]]).slides
    assert (deleted.status, deleted.old_number, deleted.title) == (REMOVED, 1, "Mở đầu")
    assert _parts(deleted)["notes"] == [("delete", "Ghi chú Mở đầu", "")]
    slides[2].position = "A"
    store.save(slides[2], summary="chuyển trang")
    [moved] = revision_change(store, topic.id, [topic_history(store, topic.id)[0]]).slides
    assert (moved.status, moved.old_number, moved.number) == (MOVED, 2, 1)


def test_two_revisions_compare_the_whole_deck_between_them(store):
    topic, _deck_, slides = _deck(store)
    first = topic_history(store, topic.id)[0]
    store.save(Slide(deck_id=slides[0].deck_id, topic_id=topic.id, position="E", title="Thêm"), summary="thêm")
    slides[0].title = "Mở đầu mới"
    store.save(slides[0], summary="sửa")
    change = revision_change(store, topic.id, [topic_history(store, topic.id)[0], first])
    assert [(s.title, s.status) for s in change.slides if s.changed] == [("Mở đầu mới", CHANGED), ("Thêm", ADDED)]


def test_topic_info_is_summarised_field_by_field_not_as_a_plan_diff(store):
    topic, _deck_, _slides = _deck(store)
    topic.title, topic.periods = "Lịch sử Đảng Cộng sản Việt Nam", 4
    store.save(topic, summary="đổi tên")
    change = revision_change(store, topic.id, [topic_history(store, topic.id)[0]])
    assert change.sections is None and change.slides is None
    [record] = change.records
    assert [(f.name, f.old, f.new) for f in record.fields] == [
        ("title", "Lịch sử Đảng", "Lịch sử Đảng Cộng sản Việt Nam"), ("periods", 0, 4)]
    assert not record.created and not record.deleted


def test_field_changes_spread_the_plans_header_and_skip_links():
    changes = field_changes({"topic_id": "t", "header": {"ten_bai": "A"}}, {"topic_id": "u", "header": {"ten_bai": "B"}})
    assert [(c.name, c.old, c.new) for c in changes] == [("header.ten_bai", "A", "B")]


def _plan(store):
    topic = Topic(code="AB-02", title="Xây dựng Đảng")
    store.save(topic)
    plan = WrittenPlan(topic_id=topic.id, header={"ten_bai": "Bài 1", "thoi_gian": "4 tiết"})
    store.save(plan, summary="tạo")
    section = PlanSection(plan_id=plan.id, topic_id=topic.id, position="B", kind="muc_tieu", heading="Mục tiêu",
                          body="Nắm vững nội dung.")
    store.save(section, summary="tạo mục")
    return topic, plan, section


def _fields(record):
    return [(f.name, f.old, f.new) for f in record.fields]


def test_two_section_revisions_compare_the_plans_header_between_them_too(store):
    topic, plan, section = _plan(store)
    first = topic_history(store, topic.id)[0]  # the section as made
    plan.header = {**plan.header, "ten_bai": "Bài 1: Đảng và Nhà nước"}
    store.save(plan, summary="đổi tên bài")
    section.body = "Nắm vững và vận dụng nội dung."
    store.save(section, summary="sửa mục")
    change = revision_change(store, topic.id, [topic_history(store, topic.id)[0], first])
    assert [(d.heading, d.status) for d in change.sections] == [("Mục tiêu", CHANGED)]
    [header] = change.records
    assert (header.type, header.record_id) == ("written_plan", plan.id)
    assert _fields(header) == [("header.ten_bai", "Bài 1", "Bài 1: Đảng và Nhà nước")]


def test_two_header_revisions_compare_the_header_between_them_not_only_one_of_them(store):
    topic, plan, _section = _plan(store)
    for name in ("Bài 1 (sửa)", "Bài 1 (sửa lần hai)"):
        plan.header = {**plan.header, "ten_bai": name}
        store.save(plan, summary=name)
    newest, older = topic_history(store, topic.id)[0], topic_history(store, topic.id)[2]
    assert (newest.summary, older.summary) == ("Bài 1 (sửa lần hai)", "tạo mục")
    [header] = revision_change(store, topic.id, [newest, older]).records
    assert _fields(header) == [("header.ten_bai", "Bài 1", "Bài 1 (sửa lần hai)")]


def test_two_slide_revisions_show_the_deck_settings_and_topic_info_changed_between_them(store):
    topic, deck, slides = _deck(store)
    first = topic_history(store, topic.id)[0]
    deck.theme = "tuong_phan_cao"
    store.save(deck, summary="đổi mẫu")
    topic.title = "Lịch sử Đảng Cộng sản Việt Nam"
    store.save(topic, summary="đổi tên")
    slides[2].title = "Kết luận chung"
    store.save(slides[2], summary="sửa trang")
    change = revision_change(store, topic.id, [topic_history(store, topic.id)[0], first])
    assert [(s.title, s.status) for s in change.slides if s.changed] == [("Kết luận chung", CHANGED)]
    assert [(r.type, _fields(r)) for r in change.records] == [
        ("topic", [("title", "Lịch sử Đảng", "Lịch sử Đảng Cộng sản Việt Nam")]),
        ("slide_deck", [("theme", "", "tuong_phan_cao")])]


def test_two_revisions_list_no_topic_info_plan_header_or_deck_settings_unchanged_between_them(store):
    topic, _deck_, slides = _deck(store)
    first = topic_history(store, topic.id)[0]
    slides[0].title = "Mở đầu mới"
    store.save(slides[0], summary="sửa")
    assert revision_change(store, topic.id, [topic_history(store, topic.id)[0], first]).records == []
