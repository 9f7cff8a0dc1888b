"""Deleting questions from the bank and bringing them back («Hoàn tác», `questions restore`), on a real store."""

from __future__ import annotations

import pytest

from lecturer_app.core.bank.history import undelete
from lecturer_app.core.model import Option, Question, Topic
from lecturer_app.core.questions.query import QuestionFilter, delete_questions, query_ids
from lecturer_app.core.store.search import search


@pytest.fixture
def topic(store) -> Topic:
    topic = Topic(code="LS-01", title="Lịch sử Đảng")
    store.save(topic)
    return topic


@pytest.fixture
def questions(store, topic) -> list[Question]:
    made = [Question(type="single_choice", stem="Đảng Cộng sản Việt Nam ra đời năm nào?", level="Biết",
                     topic_ids=[topic.id], status="approved", tags=["lịch sử"],
                     options=[Option("1930", True), Option("1945")]),
            Question(type="essay", stem="Phân tích vai trò của Hội nghị thành lập Đảng.", level="Vận dụng",
                     topic_ids=[topic.id], points=3),
            Question(type="single_choice", stem="Câu giữ lại", options=[Option("x", True), Option("y")])]
    for question in made:
        store.save(question)
    return made


def _stems(store, text: str) -> list[str]:
    return [hit.title for hit in search(store.db, text, kinds=("question",))]


def test_deleting_removes_the_questions_from_the_list_and_the_search(store, topic, questions):
    gone = [questions[0].id, questions[1].id]
    assert delete_questions(store, gone, summary="Xóa câu hỏi") == 2
    assert query_ids(store, QuestionFilter()) == [questions[2].id]
    assert query_ids(store, QuestionFilter(topic_id=topic.id)) == []
    assert _stems(store, "ra doi nam nao") == []


def test_undo_brings_back_the_same_questions_as_they_were(store, topic, questions):
    gone = [questions[0].id, questions[1].id]
    before = {q.id: q.to_body() for q in questions[:2]}
    delete_questions(store, gone, summary="Xóa câu hỏi")
    assert sorted(undelete(store, gone, summary="Hoàn tác xóa câu hỏi")) == sorted(gone)
    for question_id in gone:  # same id, same body: stem, options, level, status, points, topic links, tags
        assert store.require(Question, question_id).to_body() == before[question_id]
    assert sorted(query_ids(store, QuestionFilter(topic_id=topic.id))) == sorted(gone)
    assert sorted(query_ids(store, QuestionFilter())) == sorted(q.id for q in questions)
    assert _stems(store, "ra doi nam nao") == ["Đảng Cộng sản Việt Nam ra đời năm nào?"]
    assert _stems(store, "hoi nghi thanh lap") == ["Phân tích vai trò của Hội nghị thành lập Đảng."]


def test_the_history_shows_the_deletion_then_the_undo_as_a_new_revision_on_the_tombstone(store, questions):
    question_id = questions[0].id
    delete_questions(store, [question_id], summary="Xóa câu hỏi")
    undelete(store, [question_id], summary="Hoàn tác xóa câu hỏi")
    history = store.history(question_id)
    assert [(rev.summary, rev.deleted) for rev in history[-2:]] == [("Xóa câu hỏi", True),
                                                                   ("Hoàn tác xóa câu hỏi", False)]
    tombstone, undo = history[-2:]
    assert undo.parents == (tombstone.rev_id,) and undo.body == history[-3].body  # so sync carries the undo
    assert store.log.head_rev_ids(question_id) == [undo.rev_id]


def test_undo_leaves_a_question_that_is_not_deleted_as_it_is(store, questions):
    kept = questions[2].id
    revisions = len(store.history(kept))
    assert undelete(store, [kept], summary="Hoàn tác xóa câu hỏi") == []
    assert len(store.history(kept)) == revisions


def test_deleting_passes_over_a_question_already_deleted(store, questions):
    delete_questions(store, [questions[0].id], summary="Xóa câu hỏi")
    assert delete_questions(store, [questions[0].id, questions[1].id], summary="Xóa câu hỏi") == 1
    assert sum(rev.deleted for rev in store.history(questions[0].id)) == 1


def test_an_edit_before_the_deletion_is_what_comes_back(store, questions):
    question = questions[1]
    question.stem = "Phân tích ý nghĩa lịch sử của Hội nghị thành lập Đảng."
    store.save(question)
    delete_questions(store, [question.id], summary="Xóa câu hỏi")
    undelete(store, [question.id], summary="Hoàn tác xóa câu hỏi")
    assert store.require(Question, question.id).stem == "Phân tích ý nghĩa lịch sử của Hội nghị thành lập Đảng."


class Cancelled(Exception):
    pass


def _cancel_at_second(done: int, total: int) -> None:
    if done == 2:
        raise Cancelled


def test_a_cancelled_deletion_deletes_nothing_and_a_cancelled_undo_brings_nothing_back(store, questions):
    ids = [q.id for q in questions]
    with pytest.raises(Cancelled):
        delete_questions(store, ids, summary="Xóa câu hỏi", progress=_cancel_at_second)
    assert sorted(query_ids(store, QuestionFilter())) == sorted(ids)
    delete_questions(store, ids, summary="Xóa câu hỏi")
    with pytest.raises(Cancelled):
        undelete(store, ids, summary="Hoàn tác xóa câu hỏi", progress=_cancel_at_second)
    assert query_ids(store, QuestionFilter()) == []


@pytest.fixture
def file_store(tmp_path):
    from lecturer_app.core.store.db import open_database
    from lecturer_app.core.store.record_store import Store

    database = open_database(tmp_path / "lecturer.db")
    yield Store(database, author="Nguyễn Văn A")
    database.close()


def _deleted_history(store) -> tuple[list[Question], list[str]]:
    """Four questions: the first deleted, brought back, edited and deleted again; two more deleted; one kept."""
    made = [Question(type="essay", stem=f"Câu {n}") for n in range(4)]
    for question in made:
        store.save(question)
    delete_questions(store, [made[0].id], summary="Xóa câu hỏi")
    undelete(store, [made[0].id], summary="Hoàn tác xóa câu hỏi")
    made[0].stem = "Câu 0, sửa sau khi khôi phục"
    store.save(made[0])
    delete_questions(store, [made[1].id, made[2].id], summary="Xóa câu hỏi")
    delete_questions(store, [made[0].id], summary="Xóa câu hỏi")
    return made, [made[0].id, made[1].id, made[2].id]


def test_the_deleted_list_names_each_question_by_its_last_content_latest_deletion_first(file_store):
    from lecturer_app.core.bank.history import deleted_records

    made, _gone = _deleted_history(file_store)
    found = deleted_records(file_store, "question")
    assert [(d.record_id, d.label, d.author) for d in found] == [
        (made[0].id, "Câu 0, sửa sau khi khôi phục", "Nguyễn Văn A"),  # deleted twice: named as last seen
        (made[2].id, "Câu 2", "Nguyễn Văn A"), (made[1].id, "Câu 1", "Nguyễn Văn A")]
    tombstones = {d.record_id: file_store.log.heads(d.record_id)[0] for d in found}
    assert all(tombstones[d.record_id].deleted and d.deleted_at == tombstones[d.record_id].hlc for d in found)


def test_the_deleted_list_is_read_in_one_query_however_many_were_deleted(file_store):
    from lecturer_app.core.bank.history import deleted_records

    _deleted_history(file_store)
    statements: list[str] = []
    file_store.db.conn.set_trace_callback(statements.append)
    try:
        assert len(deleted_records(file_store, "question")) == 3
    finally:
        file_store.db.conn.set_trace_callback(None)
    assert len(statements) == 1, statements
