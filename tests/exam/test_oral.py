"""Vấn đáp cards: the mix, no repeated question, distinct cards, and the printed set."""

from __future__ import annotations

import subprocess
from collections import Counter

import pytest

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Question
from lecturer_app.exam.oral import PRACTICE, THEORY, draw_oral_cards, kind_of, parse_mix
from lecturer_app.exporters.exam.oral_pdf import write_answer_guide, write_oral_cards


def _oral(store) -> list[Question]:
    return [q for q in store.select(Question) if q.type == "oral"]


def test_twenty_cards_from_forty_questions_repeat_no_question(exam_bank):
    questions = _oral(exam_bank)
    assert len(questions) == 40
    oral_set = draw_oral_cards(questions, 20, seed=1)
    used = [q.id for card in oral_set.cards for q in card.questions]
    assert len(used) == 40 and len(set(used)) == 40
    assert oral_set.warnings == []
    for card in oral_set.cards:
        assert [kind_of(q) for q in card.questions] == [THEORY, PRACTICE]


def test_a_small_pool_reuses_questions_says_so_and_keeps_cards_distinct(exam_bank):
    questions = _oral(exam_bank)[:12]  # 6 lý thuyết + 6 liên hệ
    oral_set = draw_oral_cards(questions, 10, seed=2)
    assert oral_set.warnings
    cards = [frozenset(q.id for q in card.questions) for card in oral_set.cards]
    assert len(set(cards)) == 10
    uses = Counter(q.id for card in oral_set.cards for q in card.questions)
    assert max(uses.values()) <= 2


def test_the_mix_is_configurable(exam_bank):
    mix = parse_mix("lý thuyết=2, lien he=1")
    oral_set = draw_oral_cards(_oral(exam_bank), 6, seed=3, mix=mix)
    assert all([kind_of(q) for q in c.questions] == [THEORY, THEORY, PRACTICE] for c in oral_set.cards)
    with pytest.raises(UserFacingError):
        parse_mix("thực hành=1")


def test_cards_print_two_or_four_to_a_page_with_titles(exam_bank, tmp_path):
    oral_set = draw_oral_cards(_oral(exam_bank), 20, seed=1)
    for per_page, pages in ((2, 10), (4, 5)):
        pdf = write_oral_cards(oral_set.cards, tmp_path / f"phieu{per_page}.pdf", per_page=per_page)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert text.count("\f") == pages
        assert "PHIẾU CÂU HỎI THI VẤN ĐÁP – Phiếu số 01" in text
        assert "Phiếu số 20" in text
        for card in oral_set.cards:
            for question in card.questions:
                assert question.stem in text
    guide = write_answer_guide(oral_set.cards, tmp_path / "huong_dan.pdf")
    text = subprocess.run(["pdftotext", str(guide), "-"], capture_output=True, text=True, check=True).stdout
    assert "Hướng dẫn trả lời câu 07" in " ".join(text.split())
    for pdf in (guide, tmp_path / "phieu2.pdf", tmp_path / "phieu4.pdf"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert all(" yes yes " in row for row in fonts.splitlines()[2:]), fonts
