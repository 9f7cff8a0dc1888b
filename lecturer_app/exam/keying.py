"""Option order and answer keys of one printed question, and the balanced key.

A balanced key (HC-Mix convention, exam-formats.md §1) gives every letter
within ±1 of its fair share of the multiple-choice part and never three equal
letters in a row.  It is found by a small depth-first search over the letters
each question can take (pinned options limit them), so it also works when a
few questions are fixed.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Option, Question
from lecturer_app.core.questions.referring import refers_to_other_options
from lecturer_app.i18n import _

LETTERS = "ABCDEFGH"
BALANCED_LETTERS = 4
_SEARCH_BUDGET = 20_000


def held(option: Option) -> bool:
    """An option that keeps its place: pinned in the bank, or one that refers to the others
    ("Tất cả các đáp án trên"), even when the bank did not pin it (the build warns)."""
    return option.pinned or refers_to_other_options(option.text)


def shuffled_order(question: Question, rng: random.Random, *, shuffle: bool = True) -> list[int]:
    """Option indexes in printed order; pinned options keep their place."""
    count = len(question.options)
    if not shuffle or question.type in ("true_false_4", "short_answer", "essay", "oral"):
        return list(range(count))
    free = [i for i, option in enumerate(question.options) if not held(option)]
    moved = free[:]
    rng.shuffle(moved)
    order = list(range(count))
    for slot, index in zip(free, moved):
        order[slot] = index
    return order


def correct_slots(question: Question) -> set[int]:
    """Printed positions the single correct option may take."""
    correct = [i for i, option in enumerate(question.options) if option.correct]
    if question.type != "single_choice" or len(correct) != 1:
        return set()
    if held(question.options[correct[0]]):
        return {correct[0]}
    return {i for i, option in enumerate(question.options) if not held(option)}


def order_with_correct_at(question: Question, slot: int, rng: random.Random) -> list[int]:
    """A shuffled order that prints the correct option at position *slot*."""
    correct = next(i for i, option in enumerate(question.options) if option.correct)
    order = list(range(len(question.options)))
    free_slots = [i for i, option in enumerate(question.options) if not held(option)]
    others = [i for i in free_slots if i != correct]
    rng.shuffle(others)
    for position in free_slots:
        order[position] = correct if position == slot else others.pop()
    return order


def key_of(question: Question, order: Sequence[int]) -> str:
    """The answer as printed: "B", "AC", "ĐSĐS", the short answer, or "" for essays."""
    options = [question.options[i] for i in order]
    if len(options) > len(LETTERS) and question.type in ("single_choice", "multiple_choice"):
        # Saved before the rule existed: never print a paper whose key cannot be written.
        raise UserFacingError(_("Câu hỏi «{stem}» có {n} phương án; đề thi in được tối đa {max} (A–H).").format(
            stem=question.stem[:60], n=len(options), max=len(LETTERS)))
    if question.type == "single_choice" or question.type == "multiple_choice":
        return "".join(LETTERS[pos] for pos, option in enumerate(options) if option.correct)
    if question.type == "true_false_4":
        return "".join("Đ" if option.correct else "S" for option in options)
    if question.type == "short_answer":
        return question.answers[0] if question.answers else ""
    return ""


def balanced_slots(feasible: Sequence[set[int]], rng: random.Random) -> list[int] | None:
    """One correct position per question, balanced and without runs of three.

    *feasible* holds, per question, the positions its correct option may
    take.  Returns None when no balanced assignment exists (or none is found
    within the search budget), so the caller can fall back to a plain shuffle.
    """
    counted = sum(1 for slots in feasible if slots)
    share = counted / BALANCED_LETTERS
    strict = (int(share), -(-counted // BALANCED_LETTERS))
    relaxed = (max(0, math.ceil(share - 1)), math.floor(share + 1))
    for low, high in (strict, relaxed):
        found = _Search(list(feasible), low, high, rng).run()
        if found is not None:
            return found
    return None


class _Search:
    """Depth-first search with a node budget; letters beyond D are not balanced."""

    def __init__(self, feasible: list[set[int]], low: int, high: int, rng: random.Random) -> None:
        self.feasible = feasible
        self.low = low
        self.high = high
        self.rng = rng
        self.counts = [0] * BALANCED_LETTERS
        self.chosen: list[int] = []
        self.budget = _SEARCH_BUDGET
        # How many questions from each index on take a balanced letter: counted once, not at every step.
        self.remaining = [0] * (len(feasible) + 1)
        for index in range(len(feasible) - 1, -1, -1):
            self.remaining[index] = self.remaining[index + 1] + (1 if feasible[index] else 0)

    def run(self) -> list[int] | None:
        return self.chosen if self._step(0) else None

    def _room(self, index: int) -> bool:
        return sum(max(0, self.low - count) for count in self.counts) <= self.remaining[index]

    def _candidates(self, index: int) -> list[int]:
        slots = sorted(self.feasible[index])
        self.rng.shuffle(slots)
        slots.sort(key=lambda s: self.counts[s] if s < BALANCED_LETTERS else self.high)
        run = self.chosen[-2:]
        return [s for s in slots if not (len(run) == 2 and run[0] == run[1] == s)
                and (s >= BALANCED_LETTERS or self.counts[s] < self.high)]

    def _step(self, index: int) -> bool:
        if index == len(self.feasible):
            return all(count >= self.low for count in self.counts)
        self.budget -= 1
        if self.budget < 0 or not self._room(index):
            return False
        if not self.feasible[index]:
            self.chosen.append(-1)
            if self._step(index + 1):
                return True
            self.chosen.pop()
            return False
        for slot in self._candidates(index):
            self.chosen.append(slot)
            if slot < BALANCED_LETTERS:
                self.counts[slot] += 1
            if self._step(index + 1):
                return True
            if slot < BALANCED_LETTERS:
                self.counts[slot] -= 1
            self.chosen.pop()
        return False
