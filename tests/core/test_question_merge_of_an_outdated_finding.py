"""A merge of duplicates found by a check refuses when one of them changed after that check, on a real file
written through two stores (as the window and the CLI, or a sync, do)."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Option, Question
from lecturer_app.core.questions.dedupe import FindingOutdated, merge_duplicates
from lecturer_app.core.questions.query import questions_and_seq
from lecturer_app.core.store.changes import changed_after, last_seq, type_changed_after
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.record_store import Store


@pytest.fixture
def stores(tmp_path):
    """Two stores on one database file: this window's, and another writer's."""
    here, there = open_database(tmp_path / "bank.db"), open_database(tmp_path / "bank.db")
    yield Store(here), Store(there)
    here.close()
    there.close()


@pytest.fixture
def pair(stores) -> tuple[Question, Question]:
    made = tuple(Question(type="single_choice", stem=stem, options=[Option("1930", True), Option("1945")])
                 for stem in ("Đảng ra đời năm nào?", "Đảng được ra đời năm nào?"))
    for question in made:
        stores[0].save(question)
    return made


def edit_elsewhere(store: Store, question_id: str) -> None:
    edited = store.require(Question, question_id)
    edited.stem = "Thủ đô của Việt Nam là thành phố nào?"
    store.save(edited)


def test_the_questions_are_read_with_the_feed_position_they_show(stores, pair):
    questions, seq = questions_and_seq(stores[0])
    assert [q.id for q in questions] == [q.id for q in pair] and seq == last_seq(stores[0].db)


@pytest.mark.parametrize("change", ["edit", "delete", "undelete"])
def test_a_merge_refuses_when_a_question_changed_elsewhere_after_the_check(stores, pair, change):
    here, there = stores
    keep, drop = pair
    if change == "undelete":
        there.delete(drop.id)
    _questions, checked_at = questions_and_seq(here)
    if change == "edit":
        edit_elsewhere(there, drop.id)
    elif change == "delete":
        there.delete(drop.id)
    else:
        from lecturer_app.core.bank.history import undelete

        undelete(there, [drop.id], summary="Hoàn tác xóa câu hỏi")
    histories = {q.id: len(here.history(q.id)) for q in pair}
    with pytest.raises(FindingOutdated, match="đã được sửa, xóa hoặc đồng bộ về sau lần kiểm tra"):
        merge_duplicates(here, keep.id, [drop.id], checked_at=checked_at)
    assert {q.id: len(here.history(q.id)) for q in pair} == histories  # nothing written


def test_a_merge_goes_ahead_when_only_other_questions_changed(stores, pair):
    here, there = stores
    keep, drop = pair
    _questions, checked_at = questions_and_seq(here)
    there.save(Question(type="essay", stem="Một câu khác"))
    merge_duplicates(here, keep.id, [drop.id], checked_at=checked_at)
    assert here.get(Question, drop.id) is None


def test_changed_after_looks_at_the_records_asked_and_type_changed_after_at_their_type(stores, pair):
    here, there = stores
    seq = last_seq(here.db)
    assert not changed_after(here.db, [q.id for q in pair], seq)
    assert not type_changed_after(here.db, ("question",), seq)
    edit_elsewhere(there, pair[0].id)
    assert changed_after(here.db, [pair[0].id], seq) and not changed_after(here.db, [pair[1].id], seq)
    assert type_changed_after(here.db, ("question",), seq) and not type_changed_after(here.db, ("topic",), seq)
