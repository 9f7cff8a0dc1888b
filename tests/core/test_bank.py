"""LessonBank reads: counts without loading records."""

from __future__ import annotations

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import Question, Topic


def test_question_count_counts_the_topics_questions_and_no_others(store):
    first, second = Topic(code="A-01", title="Một"), Topic(code="A-02", title="Hai")
    store.save(first)
    store.save(second)
    for n in range(3):
        store.save(Question(type="essay", stem=f"Câu {n}", topic_ids=[first.id]))
    store.save(Question(type="essay", stem="Câu chung", topic_ids=[first.id, second.id]))
    bank = LessonBank(store)
    assert bank.question_count(first.id) == len(bank.questions(first.id)) == 4
    assert bank.question_count(second.id) == 1
    assert bank.question_count("khong-co") == 0
