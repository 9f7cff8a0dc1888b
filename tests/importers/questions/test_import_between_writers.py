"""A batched question import and another writer on the same data folder.

Each batch checks the bank for its questions inside the batch's write
transaction.  What another writer did between two batches (another import,
a lecturer deleting one of two copies of a question) never lets the import
add a question the bank already holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.core.model import Option, Question
from lecturer_app.core.questions.dedupe import dedupe_key
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.record_store import Store
from lecturer_app.importers.questions import commit as commit_module
from lecturer_app.importers.questions import read_questions
from lecturer_app.importers.questions.commit import commit_import, plan_import

SHARED = "Câu hỏi chung: Đại hội VI của Đảng họp năm nào?"


def bank_file(path: Path, count: int) -> Path:
    """*count* distinct questions, the shared question last (it falls in the last batch)."""
    items = [f"Câu {n}: Câu hỏi số {n} về lịch sử Đảng?\nA. Năm {n}\nB. Năm {n + 1}\nĐáp án: B\n"
             for n in range(1, count)]
    items.append(f"Câu {count}: {SHARED}\nA. 1976\nB. 1986\nĐáp án: B\n")
    path.write_text("".join(items), encoding="utf-8")
    return path


def shared_question() -> Question:
    """The shared question as a lecturer typed it (the same question for the bank: same words)."""
    return Question(stem=SHARED, type="single_choice",
                    options=[Option("1976"), Option("1986", correct=True)])


@pytest.fixture
def writers(tmp_path):
    """Two connections to one database file: the import's and another writer's (the GUI, a command)."""
    path = tmp_path / "ngan_hang.db"
    first, second = open_database(path), open_database(path)
    yield Store(first, author="Người nhập"), Store(second, author="Người khác")
    first.close()
    second.close()


def copies_of_the_shared_question(store: Store) -> list[Question]:
    key = dedupe_key(shared_question())
    return [q for q in store.select(Question) if dedupe_key(q) == key]


def test_deleting_one_of_two_copies_between_batches_does_not_let_the_import_add_a_third(
        writers, tmp_path, monkeypatch):
    """The bank gets two copies of a question after the import was planned (a sync, a lecturer typing
    it again); between two batches the other writer deletes one of them.  The other copy is still in
    the bank: the import skips the question instead of writing it a second time."""
    importer, other = writers
    monkeypatch.setattr(commit_module, "BATCH_SECONDS", 0.0)  # one chunk (25 questions) per batch
    monkeypatch.setattr(commit_module._BatchWriter, "CHUNK", 25)
    plan = plan_import(read_questions(bank_file(tmp_path / "ngan_hang.txt", 60)), importer)
    assert len(plan.new) == 60
    first_copy, second_copy = shared_question(), shared_question()
    other.save_many([first_copy, second_copy])
    real_sleep, pauses = commit_module.time.sleep, []

    def other_writer_deletes_the_first_copy(seconds):
        pauses.append(seconds)
        if len(pauses) == 1:
            other.delete(first_copy.id, summary="Xóa bản trùng")
        real_sleep(seconds)

    monkeypatch.setattr(commit_module.time, "sleep", other_writer_deletes_the_first_copy)
    saved = commit_import(plan, importer, None)
    assert len(pauses) >= 2, "the shared question must come in a later batch than the deletion"
    assert [q.id for q in copies_of_the_shared_question(other)] == [second_copy.id]
    assert len(saved) == 59
    skipped = [p for p in plan.skipped if "đã có trong ngân hàng" in p.reason]
    assert [p.where for p in skipped] == [plan.result.items[-1].location]
    assert second_copy.id in skipped[0].reason


def test_a_copy_another_writer_edits_into_the_same_question_keeps_it_known_after_the_first_is_deleted(
        writers, tmp_path, monkeypatch):
    """Another writer edits a question into the same words as one already in the bank, then deletes the
    first: the edited question still holds those words, so the import does not add them again."""
    importer, other = writers
    monkeypatch.setattr(commit_module, "BATCH_SECONDS", 0.0)
    monkeypatch.setattr(commit_module._BatchWriter, "CHUNK", 25)  # one chunk (25 questions) per batch
    plan = plan_import(read_questions(bank_file(tmp_path / "ngan_hang.txt", 80)), importer)
    first_copy = shared_question()
    edited = Question(stem="Một câu khác?", type="single_choice", options=[Option("Có", correct=True), Option("Không")])
    other.save_many([first_copy, edited])
    real_sleep, pauses = commit_module.time.sleep, []

    def other_writer_edits_then_deletes(seconds):
        pauses.append(seconds)
        if len(pauses) == 1:
            edited.stem, edited.options = SHARED, [Option("1976"), Option("1986", correct=True)]
            other.save(edited, summary="Sửa thành câu trùng")
        elif len(pauses) == 2:
            other.delete(first_copy.id, summary="Xóa bản trùng")
        real_sleep(seconds)

    monkeypatch.setattr(commit_module.time, "sleep", other_writer_edits_then_deletes)
    commit_import(plan, importer, None)
    assert len(pauses) >= 3
    assert [q.id for q in copies_of_the_shared_question(other)] == [edited.id]
