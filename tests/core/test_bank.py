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


def test_content_counts_are_what_reading_the_records_would_count_deleted_ones_left_out(store):
    from lecturer_app.core.model import PlanSection, Slide, SlideDeck, WrittenPlan

    topic, other = Topic(code="B-01", title="Một"), Topic(code="B-02", title="Hai")
    store.save_many([topic, other])
    plan, deck = WrittenPlan(topic_id=topic.id), SlideDeck(topic_id=topic.id, title="Bài")
    store.save_many([plan, deck, WrittenPlan(topic_id=other.id)])
    sections = [PlanSection(plan_id=plan.id, topic_id=topic.id, heading=f"Mục {n}", position=n) for n in range(3)]
    slides = [Slide(deck_id=deck.id, topic_id=topic.id, title=f"Trang {n}", position=n) for n in range(5)]
    store.save_many([*sections, *slides, Question(type="essay", stem="Câu", topic_ids=[topic.id])])
    store.delete(slides[0].id)
    bank = LessonBank(store)
    assert bank.content_counts(topic.id) == (len(bank.sections(plan.id)), len(bank.slides(deck.id)),
                                             len(bank.questions(topic.id)), len(bank.attachments(topic.id)))
    assert bank.content_counts(topic.id) == (3, 4, 1, 0)
    assert bank.content_counts(other.id) == (0, 0, 0, 0)
