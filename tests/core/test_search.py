import pytest

from lecturer_app.core.model import Option, PlanSection, Question, Topic
from lecturer_app.core.store.search import search


@pytest.fixture
def bank(store):
    topics = {
        "DANG": Topic(code="NTD-01", title="Khái quát lịch sử Đảng Cộng sản Việt Nam"),
        "CDS": Topic(code="DP-01", title="Chuyển đổi số trong công tác tư tưởng"),
        "NQ": Topic(code="NQ-01", title="Học tập, quán triệt Nghị quyết Đại hội"),
        "DANGX": Topic(code="X-01", title="Đặng Thai Mai và văn học"),
    }
    for t in topics.values():
        store.save(t)
    store.save(PlanSection(plan_id="p", topic_id=topics["CDS"].id, heading="I. MỤC TIÊU",
                           body="Nắm vững vai trò của dữ liệu số trong tuyên truyền."))
    store.save(Question(stem="Hội nghị thành lập Đảng diễn ra năm nào?", topic_ids=[topics["DANG"].id],
                        options=[Option("1930", True), Option("1945")]))
    return topics


def test_unaccented_query_finds_d_with_stroke(store, bank):
    hits = search(store.db, "dang")
    codes = {h.topic_code for h in hits if h.kind == "topic"}
    assert "NTD-01" in codes


def test_multi_word_unaccented_query(store, bank):
    hits = search(store.db, "chuyen doi so")
    assert hits and hits[0].topic_code == "DP-01" and hits[0].kind == "topic"
    assert search(store.db, "nghi quyet")[0].topic_code == "NQ-01"


def test_exact_accent_matches_rank_first(store, bank):
    hits = search(store.db, "Đặng")
    assert hits[0].topic_code == "X-01" and hits[0].exact
    assert any(h.topic_code == "NTD-01" and not h.exact for h in hits)


def test_prefix_matching_for_search_as_you_type(store, bank):
    assert any(h.topic_code == "DP-01" for h in search(store.db, "chuyen d"))


def test_hits_cover_plan_sections_and_questions_with_marked_snippets(store, bank):
    plan_hit = [h for h in search(store.db, "du lieu so") if h.kind == "plan"][0]
    assert plan_hit.topic_code == "DP-01"
    assert "[dữ]" in plan_hit.snippet and "[liệu]" in plan_hit.snippet
    question_hit = [h for h in search(store.db, "hoi nghi thanh lap") if h.kind == "question"][0]
    assert question_hit.topic_code == "NTD-01"


def test_deleted_records_leave_the_index(store, bank):
    store.delete(bank["CDS"].id)
    assert not [h for h in search(store.db, "chuyen doi so") if h.kind == "topic"]


def test_edited_text_is_found_by_its_new_words_only(store, bank):
    t = bank["NQ"]
    t.title = "Quy định những điều đảng viên không được làm"
    store.save(t)
    assert not [h for h in search(store.db, "nghi quyet") if h.kind == "topic"]
    assert search(store.db, "dieu dang vien")[0].topic_code == "NQ-01"


def test_old_and_new_tone_placement_find_each_other(store):
    store.save(Topic(code="H-01", title="Giữ gìn hoà bình"))
    hits = search(store.db, "hòa bình")
    assert hits and hits[0].exact


def test_empty_or_punctuation_query_finds_nothing(store, bank):
    assert search(store.db, "") == []
    assert search(store.db, '"*') == []


def test_a_word_with_an_underscore_finds_its_question_and_a_lone_underscore_finds_nothing(store):
    """The question index keeps no word positions: "ma_so" must not be asked as a phrase (an SQLite error)."""
    store.save(Question(stem="Mã số ma_so của chi bộ?"))
    assert [hit.title for hit in search(store.db, "ma_so", kinds=("question",))] == ["Mã số ma_so của chi bộ?"]
    assert search(store.db, "_", kinds=("question",)) == []


def test_a_snippet_marks_a_match_far_into_a_long_text_and_words_across_chunk_cuts():
    from lecturer_app.core.store.search import make_snippet

    text = "Mở đầu. " * 700 + "Vai trò của Đảng viên trong chi bộ."
    snippet = make_snippet(text, ["dang", "vien"])
    assert "[Đảng] [viên]" in snippet and snippet.startswith("…")
    assert make_snippet("ab " * 1000 + "x" * 3000 + " dangvien", ["dangvien"]).endswith("[dangvien]")
