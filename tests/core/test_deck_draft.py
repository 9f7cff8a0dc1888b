"""A draft deck from a written plan: title, Kết cấu, a group per part, questions, Kết luận."""

from __future__ import annotations

from lecturer_app.core.model import PlanSection, Topic, WrittenPlan
from lecturer_app.core.slides.deck_draft import draft_deck, sentence_case, short

CONTENT = """## ĐẶT VẤN ĐỀ
Đảng ta luôn coi trọng công tác tư tưởng. Đây là câu thứ hai.

## I. NHẬN THỨC CHUNG VỀ ĐẢNG
### 1. Khái niệm
- Ý thứ nhất của khái niệm.
  - Ý con.
### 2. Vai trò
- Vai trò **quan trọng**.

## II. GIẢI PHÁP
- Giải pháp một.
- Giải pháp hai.

## KẾT LUẬN
Chuyển đổi số là tất yếu. Câu sau.
"""


def make(content: str = CONTENT, questions: str = "1. Đảng ra đời năm nào? Vì sao?\n2. Nêu vai trò.\n"):
    topic = Topic(id="t1", code="AB-01", title="Khái quát lịch sử Đảng")
    plan = WrittenPlan(id="p1", topic_id="t1", header={"ten_bai": "Lịch sử Đảng", "chuong_trinh": "Bồi dưỡng",
                                                         "thoi_gian": "5 tiết"})
    sections = [
        PlanSection(plan_id="p1", kind="muc_tieu", heading="I. MỤC TIÊU", body="1. **Về kiến thức:** Nắm được.\n"),
        PlanSection(plan_id="p1", kind="cau_hoi", heading="VII. CÂU HỎI", body=questions),
        PlanSection(plan_id="p1", kind="noi_dung", heading="B. NỘI DUNG BÀI GIẢNG", body=content),
    ]
    return draft_deck(topic, plan, sections)


def test_the_draft_follows_the_lecture_order():
    draft = make()
    titles = [(s.layout, s.title) for s in draft.slides]
    assert titles[:3] == [("title", "LỊCH SỬ ĐẢNG"), ("bullets", "Mục tiêu"), ("bullets", "Kết cấu bài giảng")]
    assert ("key_message", "Đặt vấn đề") in titles
    assert ("section", "I. NHẬN THỨC CHUNG VỀ ĐẢNG") in titles
    assert ("bullets", "1. Khái niệm") in titles and ("bullets", "2. Vai trò") in titles
    assert titles[-2:] == [("bullets", "Câu hỏi thảo luận"), ("key_message", "Kết luận")]


def test_outline_lists_every_part_in_sentence_case():
    outline = next(s for s in make().slides if s.title == "Kết cấu bài giảng")
    assert [b.text for b in outline.bullets] == [
        "Đặt vấn đề", "I. Nhận thức chung về Đảng", "II. Giải pháp", "Kết luận"]


def test_bullets_keep_list_depth_and_drop_markup_and_notes_keep_the_full_text():
    slide = next(s for s in make().slides if s.title == "1. Khái niệm")
    assert [(b.text, b.level) for b in slide.bullets] == [("Ý thứ nhất của khái niệm.", 0), ("Ý con.", 1)]
    role = next(s for s in make().slides if s.title == "2. Vai trò")
    assert role.bullets[0].text == "Vai trò quan trọng."


def test_questions_are_kept_whole_and_conclusion_takes_its_first_sentence():
    slides = make().slides
    questions = next(s for s in slides if s.title == "Câu hỏi thảo luận")
    assert [b.text for b in questions.bullets] == ["Đảng ra đời năm nào? Vì sao?", "Nêu vai trò."]
    assert slides[-1].subtitle == "Chuyển đổi số là tất yếu."


def test_positions_increase_and_every_slide_belongs_to_the_deck():
    draft = make()
    positions = [s.position for s in draft.slides]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert {s.deck_id for s in draft.slides} == {draft.deck.id}
    assert {s.topic_id for s in draft.slides} == {"t1"}


def test_a_plan_without_content_still_gives_title_and_conclusion():
    draft = draft_deck(Topic(id="t", title="Chuyên đề"), None, [])
    assert [s.layout for s in draft.slides] == ["title", "bullets"]
    assert draft.slides[0].title == "CHUYÊN ĐỀ"


def test_sentence_case_keeps_proper_nouns_and_numbering():
    assert sentence_case("II. VAI TRÒ CỦA ĐẢNG CỘNG SẢN VIỆT NAM") == "II. Vai trò của Đảng Cộng sản Việt Nam"
    assert sentence_case("Đã viết thường") == "Đã viết thường"


def test_short_cuts_long_text_at_a_word():
    text = "một " * 60
    cut = short(text, 40)
    assert len(cut) <= 41 and cut.endswith("…") and not cut[:-1].endswith(" ")
