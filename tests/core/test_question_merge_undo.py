"""Undoing a merge of duplicate questions («Gộp», then «Hoàn tác»), on a real store."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Option, Question, Topic
from lecturer_app.core.questions.dedupe import MergeEditedSince, merge_duplicates, unmerge
from lecturer_app.core.questions.query import QuestionFilter, query_ids
from lecturer_app.core.store.search import search

UNDO = "Hoàn tác gộp câu hỏi"


@pytest.fixture
def topics(store) -> list[Topic]:
    made = [Topic(code="LS-01", title="Lịch sử Đảng"), Topic(code="LS-02", title="Cách mạng tháng Tám")]
    for topic in made:
        store.save(topic)
    return made


@pytest.fixture
def pair(store, topics) -> tuple[Question, Question]:
    keep = Question(type="single_choice", stem="Đảng Cộng sản Việt Nam ra đời năm nào?", level="Biết",
                    topic_ids=[topics[0].id], tags=["chương 1"], options=[Option("1930", True), Option("1945")])
    drop = Question(type="single_choice", stem="Đảng Cộng sản Việt Nam được ra đời năm nào?", level="Biết",
                    topic_ids=[topics[1].id], tags=["ôn tập"], options=[Option("1930", True), Option("1945")])
    store.save(keep), store.save(drop)
    return keep, drop


def _bodies(store, *questions: Question) -> dict[str, dict]:
    return {q.id: store.require(Question, q.id).to_body() for q in questions}


def _found(store, text: str) -> set[str]:
    return {hit.record_id for hit in search(store.db, text, kinds=("question",))}


def test_the_merge_keeps_one_question_with_both_topics_and_tags_and_deletes_the_other(store, topics, pair):
    keep, drop = pair
    merge = merge_duplicates(store, keep.id, [drop.id])
    kept = store.require(Question, keep.id)
    assert kept.topic_ids == [topics[0].id, topics[1].id] and kept.tags == ["chương 1", "ôn tập"]
    assert store.get(Question, drop.id) is None
    assert merge.keep_id == keep.id and merge.drop_ids == (drop.id,)
    assert merge.after_rev == store.history(keep.id)[-1].rev_id != merge.before_rev


def test_undo_puts_both_questions_back_exactly_as_before_listed_and_searchable(store, topics, pair):
    keep, drop = pair
    before = _bodies(store, keep, drop)
    merge = merge_duplicates(store, keep.id, [drop.id])
    assert unmerge(store, merge, summary=UNDO) == [keep.id, drop.id]
    assert _bodies(store, keep, drop) == before  # stems, options, topics, tags: all as they were
    assert sorted(query_ids(store, QuestionFilter())) == sorted([keep.id, drop.id])
    assert query_ids(store, QuestionFilter(topic_id=topics[1].id)) == [drop.id]  # the kept one lost LS-02 again
    assert _found(store, "duoc ra doi") == {drop.id}


def test_the_undo_is_a_new_revision_on_each_question_so_sync_carries_it(store, pair):
    keep, drop = pair
    merge = merge_duplicates(store, keep.id, [drop.id])
    unmerge(store, merge, summary=UNDO)
    kept_history, dropped_history = store.history(keep.id), store.history(drop.id)
    assert [(r.summary, r.deleted) for r in kept_history[-2:]] == [("Gộp câu hỏi trùng", False), (UNDO, False)]
    assert kept_history[-1].parents == (merge.after_rev,) and kept_history[-1].body == kept_history[-3].body
    assert [(r.summary, r.deleted) for r in dropped_history[-2:]][1] == (UNDO, False)
    assert dropped_history[-2].deleted and dropped_history[-1].body == dropped_history[-3].body


def test_undo_after_the_kept_question_was_edited_refuses_and_changes_nothing(store, pair):
    keep, drop = pair
    merge = merge_duplicates(store, keep.id, [drop.id])
    edited = store.require(Question, keep.id)
    edited.stem = "Đảng Cộng sản Việt Nam ra đời vào ngày, tháng, năm nào?"
    store.save(edited, summary="Sửa câu hỏi")
    revisions = {q.id: len(store.history(q.id)) for q in pair}
    with pytest.raises(MergeEditedSince, match="đã được sửa sau khi gộp"):
        unmerge(store, merge, summary=UNDO)
    assert store.require(Question, keep.id).stem == edited.stem  # the edit is not thrown away
    assert store.get(Question, drop.id) is None  # all or nothing: the other stays deleted too
    assert {q.id: len(store.history(q.id)) for q in pair} == revisions


def test_a_merge_that_changes_nothing_in_the_kept_question_is_undone_by_bringing_the_other_back(store, pair):
    keep, drop = pair
    twin = Question(type="single_choice", stem=keep.stem, level="Biết", topic_ids=list(keep.topic_ids),
                    tags=list(keep.tags), options=[Option("1930", True), Option("1945")])
    store.save(twin)
    revisions = len(store.history(keep.id))
    merge = merge_duplicates(store, keep.id, [twin.id])
    assert merge.after_rev == merge.before_rev and len(store.history(keep.id)) == revisions
    assert unmerge(store, merge, summary=UNDO) == [keep.id, twin.id]
    assert len(store.history(keep.id)) == revisions and store.get(Question, twin.id) is not None
