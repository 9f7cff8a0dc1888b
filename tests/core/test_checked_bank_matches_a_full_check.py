"""A CheckedBank, updated after each change, finds exactly what a whole check of the bank finds, in the same order.

Random sequences of edits, deletions, their undo and imports are written to a
real database file (some through a second connection, as another window, the
CLI or a sync write); after each step the bank kept up to date is compared
with ``check_questions`` of every question read afresh in row order.  The
words come from a small vocabulary, so duplicate keys collide and block words
change ranks (a word going from one question to two, a common word losing a
question) all the time.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from lecturer_app.core.bank.history import undelete
from lecturer_app.core.model import Option, Question
from lecturer_app.core.questions.checked_bank import CheckedBank
from lecturer_app.core.questions.fields import question_fields
from lecturer_app.core.questions.quality import Folded, check_questions, scan_blocks
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.record_store import Store

LEVELS = ("Nhận biết", "Thông hiểu", "Vận dụng")
WORDS = ("Đảng", "Cộng", "sản", "Việt", "Nam", "ra", "đời", "năm", "nào", "Hồ", "Chí", "Minh", "cách", "mạng",
         "tháng", "Tám", "độc", "lập", "dân", "tộc", "chủ", "nghĩa", "xã", "hội", "đổi", "mới", "kinh", "tế",
         "văn", "hóa", "a", "y", "là", "của", "và", "những", "vai", "trò", "lãnh", "đạo")
THRESHOLD = 85.0


@pytest.fixture
def stores(tmp_path) -> Iterator[tuple[Store, Store]]:
    """This window's store and another writer's, on one database file."""
    here, there = open_database(tmp_path / "bank.db"), open_database(tmp_path / "bank.db")
    yield Store(here), Store(there)
    here.close()
    there.close()


def word(rng: random.Random) -> str:
    """A common word mostly; sometimes one of many rare ones (held by one question, then two, then one again)."""
    return rng.choice(WORDS) if rng.random() < 0.85 else f"từ{rng.randrange(150)}"


def sentence(rng: random.Random) -> str:
    return " ".join(word(rng) for _ in range(rng.randint(3, 9))) + "?"


def new_question(rng: random.Random, like: Question | None = None) -> Question:
    """A random question, or a copy of *like* (an exact duplicate) or of *like* with one word changed (a near one)."""
    if like is not None:
        words = like.stem.split()
        if rng.random() < 0.5:
            words[rng.randrange(len(words))] = word(rng)
        return Question(type=like.type, stem=" ".join(words), level=like.level, topic_ids=list(like.topic_ids),
                        options=[Option(o.text, o.correct) for o in like.options])
    options = [Option(word(rng) + " " + word(rng), n == 0) for n in range(rng.randint(2, 4))]
    if rng.random() < 0.1:
        options.append(Option("Tất cả các phương án trên", False))  # unpinned: a finding of its own
    return Question(type="single_choice", stem=sentence(rng), options=options,
                    level=rng.choice((*LEVELS, "", "Sáng tạo")), topic_ids=["t1"] if rng.random() < 0.8 else [])


def live(store: Store) -> list[Question]:
    return store.select(Question, order_by="rowid")


def edit(rng: random.Random, store: Store, question: Question, others: list[Question]) -> None:
    kind = rng.randrange(5)
    if kind == 0:
        question.stem = sentence(rng)
    elif kind == 1:  # one word of the stem: the near duplicates and block words move a little
        words = question.stem.split()
        words[rng.randrange(len(words))] = word(rng)
        question.stem = " ".join(words)
    elif kind == 2:  # the texts of another question: an exact duplicate
        model = rng.choice(others)
        question.stem, question.options = model.stem, [Option(o.text, o.correct) for o in model.options]
    elif kind == 3:
        question.level = rng.choice((*LEVELS, "", "Sáng tạo"))
    else:
        for option in question.options:
            option.correct = rng.random() < 0.4
    store.save(question)


def step(rng: random.Random, stores: tuple[Store, Store], deleted: list[str]) -> str:
    """One random change, written by one of the two stores; what it was."""
    store = rng.choice(stores)
    questions = live(store)
    choice = rng.random()
    if choice < 0.45 and questions:
        edit(rng, store, rng.choice(questions), questions)
        return "edit"
    if choice < 0.65 and questions:
        gone = rng.sample([q.id for q in questions], min(len(questions), rng.randint(1, 3)))
        for question_id in gone:
            store.delete(question_id)
        deleted.extend(gone)
        return "delete"
    if choice < 0.75 and deleted:
        back = [deleted.pop(rng.randrange(len(deleted)))]
        undelete(store, back, summary="Hoàn tác xóa")
        return "undelete"
    made = [new_question(rng, rng.choice(questions) if questions and rng.random() < 0.6 else None)
            for _ in range(rng.randint(1, 6))]
    store.save_many(made)
    return "import"


def blocks_of_a_scan(questions: list[Question]) -> list[list[str]]:
    texts = [Folded.of(question_fields(q)).text for q in questions]
    return [[questions[i].id for i in block] for block in scan_blocks(texts)]


@pytest.mark.parametrize("rare", [64, 3], ids=["rare words indexed", "most words common"])
@pytest.mark.parametrize("seed", range(5))
def test_after_every_change_the_kept_check_equals_a_full_check_of_the_bank(stores, seed, rare):
    """*rare*: words held by that many questions or fewer have their holders indexed; a commoner word's
    choosers are found through the blocks (a small limit makes the small bank's words common)."""
    rng = random.Random(seed)
    here = stores[0]
    here.save_many([new_question(rng) for _ in range(40)])
    bank = CheckedBank(LEVELS, THRESHOLD, rare=rare)
    seen: set[str] = set()
    deleted: list[str] = []
    for number in range(80):
        what = step(rng, stores, deleted) if number else "first check"
        kept = bank.update(here)
        questions = live(here)
        full = check_questions(questions, levels=LEVELS, threshold=THRESHOLD)
        assert kept.findings == full, f"step {number}: {what}"
        assert kept.count == len(questions)
        assert {q for f in full for q in f.question_ids} == set(kept.questions)
        assert all(kept.questions[q.id] == q for q in questions if q.id in kept.questions)  # as they are now
        # What later steps build on holds too, though this step's findings may not show it: the blocks.
        assert bank.blocks() == blocks_of_a_scan(questions), f"step {number}: {what}"
        seen.update(f.code for f in full)
    # The run met what it is about: findings of one question, exact and near duplicates.
    assert {"exact_duplicate", "near_duplicate", "missing_level", "unknown_level"} <= seen


def test_after_one_save_only_that_question_is_read_and_checked_again(stores):
    rng = random.Random(7)
    here = stores[0]
    here.save_many([new_question(rng) for _ in range(50)])
    bank = CheckedBank(LEVELS, THRESHOLD)
    assert bank.update(here).rechecked == 50
    edited = live(here)[10]
    edited.stem = "Câu hỏi đã sửa?"
    here.save(edited)
    assert bank.update(here).rechecked == 1
    assert bank.update(here).rechecked == 0  # nothing written since


def test_an_error_halfway_leaves_nothing_half_updated(stores, monkeypatch):
    rng = random.Random(8)
    here = stores[0]
    here.save_many([new_question(rng) for _ in range(20)])
    bank = CheckedBank(LEVELS, THRESHOLD)
    bank.update(here)
    edited = live(here)[3]
    edited.stem = "Câu hỏi đã sửa?"
    here.save(edited)
    with monkeypatch.context() as patched:
        patched.setattr(CheckedBank, "_findings", lambda self: (_ for _ in ()).throw(OSError("disk")))
        with pytest.raises(OSError):
            bank.update(here)
    again = bank.update(here)
    assert again.rechecked == 20  # everything read again
    assert again.findings == check_questions(live(here), levels=LEVELS, threshold=THRESHOLD)


def test_a_bank_mostly_written_over_is_read_in_one_scan_and_still_equals_a_full_check(stores):
    """More than half the bank written since (a restored backup, a big import): the rows are read in one scan."""
    rng = random.Random(9)
    here = stores[0]
    here.save_many([new_question(rng) for _ in range(30)])
    bank = CheckedBank(LEVELS, THRESHOLD)
    bank.update(here)
    questions = live(here)
    for question in questions[:20]:
        edit(rng, here, question, questions)
    here.save_many([new_question(rng, rng.choice(questions)) for _ in range(5)])
    again = bank.update(here)
    assert again.rechecked > again.count // 2  # the scan was taken
    assert again.findings == check_questions(live(here), levels=LEVELS, threshold=THRESHOLD)
    assert bank.blocks() == blocks_of_a_scan(live(here))
