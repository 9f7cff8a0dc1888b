"""Only reviewed questions go into exams unless drafts are explicitly included (issue #12, item 9).

Imported questions arrive as drafts (Nháp), often without a level; they must
not reach an official paper, nor pass for reviewed questions in the
blueprint's counts.
"""

from __future__ import annotations

import pytest

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Blueprint, BlueprintCell, Option, Question, Topic
from lecturer_app.exam.blueprint import check_blueprint, quick_blueprint
from lecturer_app.exam.draw import DrawOptions, draw_exam
from lecturer_app.exam.oral import draw_oral_cards
from lecturer_app.exam.pool import load_pool


def _question(topic: Topic, n: int, status: str, level: str = "Nhận biết", qtype: str = "single_choice"):
    options = [Option(f"Phương án {n}-{k}", correct=(k == 0)) for k in range(4)] if qtype != "oral" else []
    return Question(type=qtype, stem=f"Câu {status} số {n}?", options=options, level=level,
                    topic_ids=[topic.id], points=0.25, status=status)


@pytest.fixture
def mixed_bank(store):
    """Topic DT-01: 4 reviewed and 6 draft (imported, no level) single-choice questions, 2 + 3 oral."""
    topic = Topic(code="DT-01", title="Chuyên đề có câu nháp")
    with store.transaction():
        store.save(topic)
        for n in range(4):
            store.save(_question(topic, n, "approved"))
        for n in range(6):
            store.save(_question(topic, n, "draft", level=""))
        for n in range(2):
            store.save(_question(topic, n, "approved", qtype="oral"))
        for n in range(3):
            store.save(_question(topic, n, "draft", qtype="oral"))
    return store


def _cell(count: int) -> Blueprint:
    return Blueprint(total_points=count * 0.25,
                     cells=[BlueprintCell(topic_code="DT-01", level="", type="single_choice", count=count,
                                          points=count * 0.25)])


def test_a_draw_never_uses_drafts_by_default(mixed_bank):
    result = draw_exam(_cell(4), load_pool(mixed_bank), DrawOptions(versions=2, seed=3))
    assert {d.question.status for d in result.drawn} == {"approved"}
    assert not any("nháp" in w for w in result.warnings)


def test_the_blueprint_counts_drafts_apart_from_reviewed_questions(mixed_bank):
    check = check_blueprint(_cell(5), load_pool(mixed_bank))
    status = check.cells[0]
    assert (status.available, status.drafts) == (4, 6)
    assert not status.fillable
    assert any("4 câu đã duyệt" in p and "6 câu nháp" in p for p in check.problems)


def test_drafts_are_drawn_only_when_included_and_the_build_says_so(mixed_bank):
    pool = load_pool(mixed_bank, include_drafts=True)
    assert check_blueprint(_cell(10), pool).ok
    result = draw_exam(_cell(10), pool, DrawOptions(versions=1, seed=1))
    assert sum(d.question.status == "draft" for d in result.drawn) == 6
    assert any("6 câu nháp chưa duyệt" in w for w in result.warnings)


def test_the_quick_blueprint_names_the_drafts_it_did_not_use(mixed_bank):
    with pytest.raises(UserFacingError, match="6 câu nháp chưa duyệt"):
        quick_blueprint(load_pool(mixed_bank), ["DT-01"], mc=8)
    assert sum(c.count for c in quick_blueprint(load_pool(mixed_bank, include_drafts=True), ["DT-01"], 8).cells) == 8


def test_oral_cards_draw_from_reviewed_questions_only_by_default(mixed_bank):
    questions = load_pool(mixed_bank, ["DT-01"]).questions()
    assert {q.status for q in questions} == {"approved"}
    cards = draw_oral_cards(questions, 2, 0, (("lý thuyết", 1),))
    assert all(q.status == "approved" for card in cards.cards for q in card.questions)
    assert len(load_pool(mixed_bank, ["DT-01"], include_drafts=True).questions()) == 15
