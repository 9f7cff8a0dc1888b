""""Tất cả các đáp án trên", "Cả A và B": kept in place on every paper, even when the bank forgot to pin them."""

from __future__ import annotations

import pytest
from exam_bank_data import TOPIC_CODES

from lecturer_app.core.model import Blueprint, BlueprintCell, Option, Question
from lecturer_app.core.questions.referring import refers_to_other_options
from lecturer_app.exam.draw import DrawOptions, draw_exam
from lecturer_app.exam.keying import shuffled_order
from lecturer_app.exam.pool import load_pool


@pytest.mark.parametrize("text", [
    "Tất cả các đáp án trên", "Tất cả đều đúng", "Cả A, B, C", "Cả A và B đều đúng", "Cả A, B và C đều đúng",
    "Không có đáp án nào đúng", "Không có phương án nào đúng", "Cả hai phương án trên", "A và C đều đúng",
    "Các đáp án trên đều sai", "Không phải các đáp án trên", "All of the above", "None of the above"])
def test_options_that_refer_to_the_others_are_recognised(text):
    assert refers_to_other_options(text)


@pytest.mark.parametrize("text", ["Tất cả giai cấp công nhân", "Cả nước", "Cả hai miền Nam Bắc", "Tất cả mọi người",
                                  "Không có", "A", "Chủ nghĩa Mác - Lênin"])
def test_ordinary_options_are_not_taken_for_references(text):
    assert not refers_to_other_options(text)


def test_an_unpinned_reference_keeps_its_place_when_options_are_shuffled():
    import random

    question = Question(options=[Option("x"), Option("Cả A và B đều đúng", correct=True), Option("y"), Option("z")])
    for seed in range(30):
        assert shuffled_order(question, random.Random(seed))[1] == 1


def test_the_exam_build_keeps_unpinned_references_in_place_and_names_the_questions(exam_bank):
    forgotten = []
    for question in exam_bank.select(Question):
        if any(o.pinned for o in question.options):
            for option in question.options:
                option.pinned = False  # as an import before this fix left them
            exam_bank.save(question)
            forgotten.append(question)
    blueprint = Blueprint(cells=[BlueprintCell(code, "", "single_choice", 20, 10 / 3) for code in TOPIC_CODES])
    result = draw_exam(blueprint, load_pool(exam_bank), DrawOptions(versions=6, seed=5))
    for version in result.versions:
        for printed in version.objective:
            if printed.question.id in {q.id for q in forgotten}:
                assert printed.order[3] == 3, printed.question.stem
    warned = [w for w in result.warnings if "Tất cả các phương án trên" in w]
    assert len(warned) == len(forgotten) == 6
    assert all(any(q.id[:13] in w for w in warned) for q in forgotten)
