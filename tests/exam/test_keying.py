"""Option order and the balanced key."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from lecturer_app.core.model import Option, Question
from lecturer_app.exam.keying import (
    balanced_slots,
    correct_slots,
    key_of,
    order_with_correct_at,
    shuffled_order,
)


def _question(correct: int = 0, pinned: tuple[int, ...] = (), n: int = 4) -> Question:
    return Question(type="single_choice", stem="?", options=[
        Option(f"o{i}", correct=(i == correct), pinned=(i in pinned)) for i in range(n)])


def test_pinned_options_keep_their_place_when_shuffled():
    question = _question(pinned=(3,))
    for seed in range(30):
        order = shuffled_order(question, random.Random(seed))
        assert order[3] == 3
        assert sorted(order) == [0, 1, 2, 3]


def test_a_pinned_correct_option_can_only_stay_where_it_is():
    assert correct_slots(_question(correct=3, pinned=(3,))) == {3}
    assert correct_slots(_question(correct=1, pinned=(3,))) == {0, 1, 2}


def test_the_key_follows_the_printed_order():
    question = _question(correct=2)
    order = order_with_correct_at(question, 0, random.Random(3))
    assert order[0] == 2
    assert key_of(question, order) == "A"


@pytest.mark.parametrize("n", [1, 5, 13, 40, 41, 63])
def test_a_balanced_key_gives_each_letter_its_fair_share_and_no_runs_of_three(n):
    slots = balanced_slots([{0, 1, 2, 3}] * n, random.Random(n))
    assert slots is not None
    counts = Counter(slots)
    for letter in range(4):
        assert abs(counts[letter] - n / 4) <= 1
    assert all(not (slots[i] == slots[i + 1] == slots[i + 2]) for i in range(n - 2))


def test_balancing_works_around_pinned_answers():
    feasible = [{3} if i % 5 == 4 else {0, 1, 2, 3} for i in range(40)]
    slots = balanced_slots(feasible, random.Random(0))
    assert slots is not None
    assert all(slot in allowed for slot, allowed in zip(slots, feasible))
    assert all(abs(count - 10) <= 1 for count in Counter(slots).values())


def test_runs_forced_by_pinned_answers_make_balancing_fail_rather_than_lie():
    assert balanced_slots([{3}] * 6 + [{0, 1, 2, 3}] * 34, random.Random(0)) is None


def test_an_impossible_balance_is_reported_as_none():
    assert balanced_slots([{0}] * 8, random.Random(0)) is None
