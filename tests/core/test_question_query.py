"""The bank workspace's lists, counts and bulk actions, without any widget."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Membership, Option, Program, Question, Topic
from lecturer_app.core.questions.query import (
    QuestionFilter,
    all_tags,
    level_matrix,
    move_to_topic,
    query_rows,
    set_level,
    set_status,
)


@pytest.fixture
def bank(store):
    program = Program(code="NTD", title="Nhận thức về Đảng")
    store.save(program)
    t1 = Topic(code="NTD-01", title="Lịch sử Đảng", memberships=[Membership(program.id)])
    t2 = Topic(code="CDS-01", title="Chuyển đổi số")
    store.save(t1), store.save(t2)
    questions = [
        Question(type="single_choice", stem="Đảng ra đời năm nào?", level="Nhận biết", topic_ids=[t1.id],
                 tags=["ôn tập"], options=[Option("1930", True), Option("1945")]),
        Question(type="essay", stem="Phân tích vai trò của Đảng", level="Vận dụng", topic_ids=[t1.id]),
        Question(type="short_answer", stem="Chuyển đổi số là gì?", level="Nhận biết", topic_ids=[t2.id],
                 answers=["x"]),
        Question(type="essay", stem="Câu chưa gắn chuyên đề"),
    ]
    for q in questions:
        store.save(q)
    return store, program, t1, t2, questions


def stems(rows):
    return [r.stem for r in rows]


def test_filters_combine_by_program_topic_type_level_tag_and_folded_text(bank):
    store, program, t1, t2, qs = bank
    assert len(query_rows(store)) == 4
    assert stems(query_rows(store, QuestionFilter(program_id=program.id))) == [qs[0].stem, qs[1].stem]
    assert stems(query_rows(store, QuestionFilter(topic_id=t2.id))) == [qs[2].stem]
    assert stems(query_rows(store, QuestionFilter(type="essay", level="Vận dụng"))) == [qs[1].stem]
    assert stems(query_rows(store, QuestionFilter(tag="ôn tập"))) == [qs[0].stem]
    assert stems(query_rows(store, QuestionFilter(text="dang RA doi"))) == [qs[0].stem]
    assert stems(query_rows(store, QuestionFilter(text="100%_"))) == []
    assert stems(query_rows(store, QuestionFilter(no_topic=True))) == [qs[3].stem]
    assert query_rows(store, QuestionFilter(topic_id=t1.id))[0].topic_codes == "NTD-01"
    assert all_tags(store) == ["ôn tập"]


def test_the_matrix_counts_topics_by_level_with_a_column_for_others_and_total(bank):
    store, program, t1, t2, qs = bank
    levels = ("Nhận biết", "Thông hiểu", "Vận dụng", "Vận dụng cao")
    matrix = {code: counts for code, _title, counts in level_matrix(store, levels)}
    assert matrix == {"NTD-01": [1, 0, 1, 0, 0, 2], "CDS-01": [1, 0, 0, 0, 0, 1]}
    assert [code for code, _t, _c in level_matrix(store, levels, program.id)] == ["NTD-01"]


def test_bulk_actions_change_every_selected_question_in_one_go(bank):
    store, program, t1, t2, qs = bank
    ids = [qs[0].id, qs[1].id]
    assert move_to_topic(store, ids, t2.id) == 2
    assert set_level(store, ids, "Thông hiểu") == 2
    assert set_status(store, ids, "approved") == 2
    rows = query_rows(store, QuestionFilter(topic_id=t2.id, status="approved", level="Thông hiểu"))
    assert sorted(stems(rows)) == sorted([qs[0].stem, qs[1].stem])
    assert set_status(store, ids, "approved") == 0
