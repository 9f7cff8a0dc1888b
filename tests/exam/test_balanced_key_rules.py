"""The balanced key at its edges, and the largest question a paper can print.

Written where mutation testing found the suite silent (docs/testing.md).
A balanced key keeps every letter A–D within one of its fair share (strictly
within floor..ceil when it can) and never prints three equal letters in a row;
when no such key exists the build falls back to a plain shuffle (None here).
"""

from __future__ import annotations

import random
from itertools import groupby

import pytest

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Option, Question
from lecturer_app.exam.keying import balanced_slots, key_of

ANY = {0, 1, 2, 3}


def counts(slots: list[int]) -> list[int]:
    return [slots.count(letter) for letter in range(4)]


def longest_run(slots: list[int]) -> int:
    return max(len(list(group)) for _letter, group in groupby(slots))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n", [4, 7, 9, 13, 22, 40])
def test_every_letter_gets_its_strict_share_and_no_three_in_a_row(n, seed):
    slots = balanced_slots([ANY] * n, random.Random(seed))
    assert slots is not None
    assert all(n // 4 <= c <= -(-n // 4) for c in counts(slots)), counts(slots)
    assert longest_run(slots) <= 2


def test_four_questions_with_two_answers_fixed_at_a_use_the_relaxed_share():
    """Strictly each letter once is impossible (A twice); one more or less is allowed, down to none."""
    slots = balanced_slots([{0}, ANY, {0}, ANY], random.Random(0))
    assert slots is not None and slots[0] == slots[2] == 0 and counts(slots)[0] == 2
    assert max(counts(slots)) <= 2


def test_a_letter_no_question_can_take_makes_a_share_of_two_impossible():
    """Eight questions, D allowed nowhere: D would get 0, two under its share of 2."""
    feasible = [{0}, {1}, {0, 1, 2}, {0}, {1}, {0, 1, 2}, {0}, {1}]
    assert balanced_slots(feasible, random.Random(0)) is None


def test_a_letter_fixed_twice_its_share_makes_the_key_impossible():
    feasible = [{0}, ANY, {0}, ANY, {0}, ANY, {0}, ANY]  # A four times, share 2: more than one over
    assert balanced_slots(feasible, random.Random(0)) is None


@pytest.mark.parametrize("seed", range(4))
def test_options_past_d_are_taken_without_counting(seed):
    feasible = [{0, 1, 2, 3, 4}] * 10
    slots = balanced_slots(feasible, random.Random(seed))
    assert slots is not None and longest_run(slots) <= 2
    within = [s for s in slots if s < 4]
    assert all(len(within) // 4 - 1 <= c <= -(-len(within) // 4) + 1 for c in counts(within))


def test_three_answers_fixed_at_one_letter_in_a_row_make_the_key_impossible():
    assert balanced_slots([*[ANY] * 5, {2}, {2}, {2}, *[ANY] * 4], random.Random(0)) is None


def test_four_questions_each_fixed_to_a_different_letter_keep_them():
    assert balanced_slots([{0}, {1}, {2}, {3}], random.Random(0)) == [0, 1, 2, 3]


@pytest.mark.parametrize("seed", range(3))
def test_two_answers_fixed_at_a_in_a_row_are_allowed(seed):
    slots = balanced_slots([{0}, {0}, ANY, ANY], random.Random(seed))
    assert slots is not None and slots[:2] == [0, 0] and 0 not in slots[2:]


def test_two_fixed_a_after_another_letter_are_allowed():
    slots = balanced_slots([{1}, {0}, {0}, ANY], random.Random(0))
    assert slots is not None and slots[:3] == [1, 0, 0]


@pytest.mark.parametrize("seed", range(12))
def test_a_key_is_found_even_when_the_first_choices_must_be_undone(seed):
    """Answers fixed late in the paper: an early free choice of the same letter has to be taken back."""
    feasible = [ANY, ANY, ANY, ANY, {0, 4}, {0}, {1}, {1}]
    slots = balanced_slots(feasible, random.Random(seed))
    assert slots is not None and slots[5] == 0 and slots[6:] == [1, 1]
    within = [s for s in slots if s < 4]
    assert longest_run(slots) <= 2 and all(c <= 3 for c in counts(within))


def test_a_question_outside_balancing_does_not_rescue_an_impossible_key():
    assert balanced_slots([set(), {0}, {0}, {0}], random.Random(0)) is None


def test_answers_that_can_only_be_e_are_placed_there_and_not_counted():
    slots = balanced_slots([{4}, ANY, {4}, ANY, ANY, ANY], random.Random(0))
    assert slots is not None and slots[0] == slots[2] == 4
    assert sorted(s for s in slots if s < 4) == [0, 1, 2, 3]


# The most options a paper can print ------------------------------------------------------------------------------


def question(kind: str, n: int, stem: str = "Câu hỏi?") -> Question:
    return Question(type=kind, stem=stem, options=[Option(f"Phương án {i}", correct=i == n - 1) for i in range(n)])


@pytest.mark.parametrize("kind", ["single_choice", "multiple_choice"])
def test_eight_options_print_with_keys_a_to_h(kind):
    assert key_of(question(kind, 8), range(8)) == "H"


@pytest.mark.parametrize("kind", ["single_choice", "multiple_choice"])
def test_nine_options_are_refused_naming_the_question(kind):
    stem = "Nội dung cơ bản của Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh đốn Đảng là gì?"
    with pytest.raises(UserFacingError) as raised:
        key_of(question(kind, 9, stem), range(9))
    assert str(raised.value) == f"Câu hỏi «{stem[:60]}» có 9 phương án; đề thi in được tối đa 8 (A–H)."


def test_statements_are_not_limited_to_eight_letters():
    q = question("true_false_4", 9)
    assert key_of(q, range(9)) == "SSSSSSSSĐ"
