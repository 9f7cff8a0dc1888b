"""Option order and balanced keys, pinned down where mutation testing found the suite silent (docs/testing.md)."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from lecturer_app.core.model import Option, Question
from lecturer_app.exam.keying import balanced_slots, correct_slots, key_of, shuffled_order


def question(kind: str = "single_choice", correct: tuple[int, ...] = (0,), pinned: tuple[int, ...] = (),
             n: int = 4) -> Question:
    return Question(type=kind, stem="?", options=[
        Option(f"o{i}", correct=i in correct, pinned=i in pinned) for i in range(n)])


def orders(q: Question, seeds: int = 20, **kw) -> list[list[int]]:
    return [shuffled_order(q, random.Random(seed), **kw) for seed in range(seeds)]


@pytest.mark.parametrize("kind", ["single_choice", "multiple_choice"])
def test_choice_options_are_shuffled_by_default_and_every_option_moves_somewhere(kind):
    seen = orders(question(kind))
    assert all(sorted(order) == [0, 1, 2, 3] for order in seen)
    for slot in range(4):
        assert len({order[slot] for order in seen}) > 1, f"position {slot} never changes"


def test_without_shuffling_the_bank_order_is_printed():
    assert orders(question(), shuffle=False) == [[0, 1, 2, 3]] * 20


def test_around_a_pinned_option_the_free_ones_still_move():
    seen = orders(question(pinned=(3,)))
    assert {order[3] for order in seen} == {3}
    for slot in range(3):
        assert {order[slot] for order in seen} == {0, 1, 2}


@pytest.mark.parametrize("kind", ["true_false_4", "short_answer", "essay", "oral"])
def test_statements_and_free_answer_questions_keep_their_order(kind):
    assert orders(question(kind)) == [[0, 1, 2, 3]] * 20


def test_only_a_single_choice_question_with_one_correct_option_takes_part_in_balancing():
    assert correct_slots(question("multiple_choice", correct=(2,))) == set()
    assert correct_slots(question("single_choice", correct=(0, 2))) == set()
    assert correct_slots(question("single_choice", correct=())) == set()
    assert correct_slots(question("single_choice", correct=(2,))) == {0, 1, 2, 3}


def test_the_key_of_a_short_answer_is_its_first_accepted_answer_and_an_essay_has_none():
    short = Question(type="short_answer", answers=["Hồ Chí Minh", "Nguyễn Ái Quốc"])
    assert key_of(short, []) == "Hồ Chí Minh"
    assert key_of(Question(type="short_answer"), []) == ""
    assert key_of(Question(type="essay", stem="Trình bày…"), []) == ""


@pytest.mark.parametrize("n", range(2, 26))
def test_a_balanced_key_keeps_every_letter_within_the_strict_share(n):
    slots = balanced_slots([{0, 1, 2, 3}] * n, random.Random(n))
    counts = Counter(slots)
    assert set(counts) <= {0, 1, 2, 3}
    assert all(n // 4 <= counts[letter] <= -(-n // 4) for letter in range(4)), counts
    assert all(not (slots[i] == slots[i + 1] == slots[i + 2]) for i in range(n - 2))


def test_questions_outside_balancing_keep_their_place_and_do_not_count():
    feasible = [set(), {0, 1, 2, 3}, {0, 1, 2, 3}, set(), {0, 1, 2, 3}, {0, 1, 2, 3}]
    slots = balanced_slots(feasible, random.Random(1))
    assert slots[0] == slots[3] == -1
    assert sorted(s for s in slots if s >= 0) == [0, 1, 2, 3]


def test_pinned_answers_that_break_the_strict_share_fall_back_to_one_more_or_less():
    """Three of eight answers pinned at A: strict (2 each) is impossible, ±1 is found."""
    feasible = [{0}, {0, 1, 2, 3}, {0, 1, 2, 3}, {0}, {0, 1, 2, 3}, {0, 1, 2, 3}, {0}, {0, 1, 2, 3}]
    slots = balanced_slots(feasible, random.Random(4))
    assert slots is not None
    counts = Counter(slots)
    assert counts[0] == 3 and all(1 <= counts[letter] <= 3 for letter in (1, 2, 3))
    assert all(slot in allowed for slot, allowed in zip(slots, feasible))


def test_options_beyond_d_are_allowed_but_not_balanced():
    feasible = [{0, 1, 2, 3, 4}] * 8
    slots = balanced_slots(feasible, random.Random(2))
    counts = Counter(slots)
    assert sum(counts[letter] for letter in range(4)) + counts[4] == 8
    assert all(counts[letter] <= 3 for letter in range(4))
