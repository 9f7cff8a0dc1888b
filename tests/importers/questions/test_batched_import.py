"""A long question import writes in batches: other writers get in, and an interruption leaves whole questions.

Issue #12 point 19: the import held the write lock for its whole run, so the
GUI saving a plan or a command editing topics waited for all of it (or failed
with "database is locked").  Point 10 still holds: two imports of the same
file add each question once.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lecturer_app.core.model import Question, Topic
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.workspace import DB_NAME, open_workspace
from lecturer_app.importers.questions import commit as commit_module
from lecturer_app.importers.questions import read_questions
from lecturer_app.importers.questions.commit import ImportInterrupted, commit_import, plan_import
from support.waiting import wait_for

REPO = Path(__file__).resolve().parents[3]
QUESTIONS = 3000


def big_bank(path: Path, count: int = QUESTIONS) -> Path:
    path.write_text("".join(f"Câu {n}: Câu hỏi số {n} về lịch sử Đảng?\nA. Năm {n}\nB. Năm {n + 1}\nĐáp án: B\n"
                            for n in range(1, count + 1)), encoding="utf-8")
    return path


@pytest.fixture
def data(mini_data_dir) -> Path:
    """A data folder past its first start (the bank's topics are in)."""
    return mini_data_dir


# The CLI with batches of 0.05 s instead of 1 s: on a fast machine 3,000 questions fit in one 1 s batch,
# and the test would see no batch boundary.
SHORT_BATCHES = ("import sys; from lecturer_app.importers.questions import commit; commit.BATCH_SECONDS = 0.05; "
                 "from lecturer_app.cli import main; sys.exit(main(sys.argv[1:]))")


def start_import(data: Path, source: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", SHORT_BATCHES, "--data-dir", str(data), "questions", "import",
                             str(source)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")


def imported_count(data: Path) -> int:
    with sqlite3.connect(data / DB_NAME) as conn:
        return conn.execute("SELECT COUNT(*) FROM questions WHERE json_extract(body, '$.stem') LIKE 'Câu hỏi số %'"
                            ).fetchone()[0]


def test_the_gui_saves_a_topic_while_a_long_question_import_runs(data, tmp_path):
    """Before: the import was one transaction; the save waited for the whole import (or failed, locked)."""
    importer = start_import(data, big_bank(tmp_path / "ngan_hang.txt"))
    try:
        wait_for(timeout=120.0, condition=lambda: imported_count(data) > 0 or importer.poll() is not None)
        workspace = open_workspace(data, import_shipped_bank=False)  # the app, open on the same data folder
        try:
            topic = workspace.store.select(Topic)[0]
            topic.title += " (sửa trong lúc nhập)"
            saved = workspace.store.save(topic, summary="Sửa khi đang nhập")
        finally:
            workspace.close()
        out, err = importer.communicate(timeout=300)
    finally:
        importer.kill()
        importer.wait()
    assert importer.returncode == 0, err
    assert imported_count(data) == QUESTIONS
    with sqlite3.connect(data / DB_NAME) as conn:
        import_ended = conn.execute("SELECT MAX(r.seq) FROM revisions r JOIN questions q ON q.id = r.record_id"
                                    ).fetchone()[0]
        other_written = conn.execute("SELECT seq FROM revisions WHERE rev_id = ?", [saved.rev_id]).fetchone()[0]
    assert other_written < import_ended, "the topic was only saved after the whole import"


def test_a_killed_import_leaves_whole_questions_and_importing_again_adds_the_rest(data, tmp_path):
    source = big_bank(tmp_path / "ngan_hang.txt")
    importer = start_import(data, source)
    wait_for(timeout=120.0, condition=lambda: imported_count(data) > 0 or importer.poll() is not None)
    importer.send_signal(signal.SIGKILL)
    importer.communicate()
    left = imported_count(data)
    assert 0 < left < QUESTIONS, "the import finished before it was killed; the test needs a bigger file"
    workspace = open_workspace(data, import_shipped_bank=False)
    try:
        for question in workspace.store.select(Question):
            if question.stem.startswith("Câu hỏi số "):
                n = int(question.stem.split()[3])
                assert [(o.text, o.correct) for o in question.options] == [(f"Năm {n}", False), (f"Năm {n + 1}", True)]
    finally:
        workspace.close()
    again = start_import(data, source)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert imported_count(data) == QUESTIONS
    assert out.count("đã có trong ngân hàng") == left


def test_an_error_after_some_batches_keeps_them_and_says_how_many_were_written(store: Store, tmp_path, monkeypatch):
    monkeypatch.setattr(commit_module, "BATCH_SECONDS", 0.0)  # one chunk per batch
    monkeypatch.setattr(commit_module, "PAUSE_SECONDS", 0.0)
    monkeypatch.setattr(commit_module._BatchWriter, "CHUNK", 25)  # four batches of the 100 questions
    plan = plan_import(read_questions(big_bank(tmp_path / "ngan_hang.txt", 100)), store)
    real_save, calls = store.save_prepared, []

    def disk_full_on_the_third_batch(questions, bodies, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise sqlite3.OperationalError("database or disk is full")
        return real_save(questions, bodies, **kwargs)

    monkeypatch.setattr(store, "save_prepared", disk_full_on_the_third_batch)
    with pytest.raises(ImportInterrupted) as raised:
        commit_import(plan, store, None)
    written = 2 * commit_module._BatchWriter.CHUNK
    assert (raised.value.written, raised.value.planned) == (written, 100)
    assert f"{written}/100" in str(raised.value) and "disk is full" in str(raised.value)
    assert len(store.select(Question)) == written == len(plan.new)
    assert {q.id for q in store.select(Question)} == {item.question.id for item in plan.new}


def test_an_error_in_the_first_batch_writes_nothing_and_is_raised_as_it_is(store: Store, tmp_path, monkeypatch):
    plan = plan_import(read_questions(big_bank(tmp_path / "ngan_hang.txt", 10)), store)

    def disk_full(questions, bodies, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "save_prepared", disk_full)
    with pytest.raises(sqlite3.OperationalError):
        commit_import(plan, store, None)
    assert store.select(Question) == [] and plan.new == []


def test_a_question_another_import_added_between_two_batches_is_skipped(store: Store, tmp_path, monkeypatch):
    """Each batch checks the bank again: what another import wrote meanwhile is not written twice."""
    monkeypatch.setattr(commit_module, "BATCH_SECONDS", 0.0)
    monkeypatch.setattr(commit_module._BatchWriter, "CHUNK", 25)  # three batches of the 60 questions
    source = big_bank(tmp_path / "ngan_hang.txt", 60)
    plan = plan_import(read_questions(source), store)
    other = plan_import(read_questions(source), store)
    real_sleep = commit_module.time.sleep

    def other_import_in_the_pause(seconds):
        if other.new:  # the other import writes the last 10 questions during the first pause
            tail = other.new[50:]
            other.new = []
            store.save_many([item.question for item in tail])
        real_sleep(seconds)

    monkeypatch.setattr(commit_module.time, "sleep", other_import_in_the_pause)
    saved = commit_import(plan, store, None)
    assert len(saved) == 50
    assert len(store.select(Question)) == 60
    assert sum("đã có trong ngân hàng" in p.reason for p in plan.skipped) == 10


def test_each_imported_question_is_folded_for_its_dedupe_key_once_to_plan_and_never_again(tmp_path, monkeypatch):
    """Issue #16: each batch read the questions of the batch before back from the bank to know their keys,
    and the commit folded every question again for the key the plan had already made."""
    from lecturer_app.core.questions import dedupe

    monkeypatch.setattr(commit_module, "BATCH_SECONDS", 0.0)  # one chunk of questions per batch
    monkeypatch.setattr(commit_module, "PAUSE_SECONDS", 0.0)
    monkeypatch.setattr(commit_module._BatchWriter, "CHUNK", 25)
    store = Store(open_workspace(tmp_path / "data", import_shipped_bank=False).db)
    plan = plan_import(read_questions(big_bank(tmp_path / "bank.txt", 100)), store)
    keyed = []
    monkeypatch.setattr(dedupe, "key_of", lambda *texts, original=dedupe.key_of: keyed.append(1) or original(*texts))
    # dedupe_key folds a question's texts in one call (folds_and_words): count those calls too.
    monkeypatch.setattr(dedupe, "folds_and_words", lambda texts, original=dedupe.folds_and_words:
                        keyed.append(1) or original(texts))
    assert len(commit_import(plan, store, None)) == 100
    assert keyed == []  # the commit checks the plan's keys against the bank; none read back, none folded again
    again = plan_import(read_questions(big_bank(tmp_path / "bank.txt", 100)), store)
    assert again.new == [] and len(again.skipped) == 100


def test_the_commit_reads_the_bank_s_questions_again_only_for_what_changed_since_the_plan(tmp_path, monkeypatch):
    """Issue #16: the plan and then the commit each read and folded every question of the bank (the import's
    super-linear part on a large bank); the commit now starts from the plan's keys."""
    from lecturer_app.core.questions import dedupe

    store = Store(open_workspace(tmp_path / "data", import_shipped_bank=False).db)
    store.save_many([Question(stem=f"Câu có sẵn {n}?", type="essay") for n in range(30)])
    plan = plan_import(read_questions(big_bank(tmp_path / "bank.txt", 20)), store)
    edited = store.select(Question)[0]
    edited.stem = "Câu có sẵn, sửa sau khi xem trước?"
    store.save(edited)
    bank_read: list[str] = []
    monkeypatch.setattr(dedupe, "key_of", lambda stem, *rest, original=dedupe.key_of: bank_read.append(stem)
                        or original(stem, *rest))
    assert len(commit_import(plan, store, None)) == 20
    assert bank_read == [edited.stem]  # only the question changed since the plan


def full_text_segments(store: Store) -> dict[str, int]:
    from lecturer_app.core.store.question_rows import INDEX_TABLES

    return {name: store.db.execute(f"SELECT COUNT(DISTINCT segid) FROM {name}_idx").fetchone()[0]
            for name in INDEX_TABLES.values()}


def test_a_batch_writes_its_questions_full_text_rows_last_as_one_segment_a_table(store: Store, tmp_path, monkeypatch):
    """Issue #16: each chunk's first statements (an upsert, an insert firing the revision log's trigger) made
    every full-text table write the rows it held as a segment of its own, merged again later; a batch now
    writes its questions' index rows last, one segment a table, and every question is found."""
    from lecturer_app.core.store.search import search

    monkeypatch.setattr(commit_module, "BATCH_SECONDS", 60.0)  # one batch, whatever the machine's speed
    monkeypatch.setattr(commit_module._BatchWriter, "CHUNK", 10)  # of three chunks (fewer than FTS5 merges)
    plan = plan_import(read_questions(big_bank(tmp_path / "ngan_hang.txt", 30)), store)
    before = full_text_segments(store)
    assert len(commit_import(plan, store, None)) == 30
    assert full_text_segments(store) == {name: count + 1 for name, count in before.items()}
    for n in (1, 15, 30):
        assert [hit.title for hit in search(store.db, f"cau hoi so {n} lich su dang", kinds=("question",))] == [
            f"Câu hỏi số {n} về lịch sử Đảng?"]


def test_a_bulk_save_that_leaves_index_rows_to_the_caller_needs_the_caller_s_transaction(store: Store):
    from lecturer_app.core.store.question_rows import IndexLater

    with pytest.raises(RuntimeError):
        store.save_many([Question(stem="Câu hỏi?", type="essay")], question_index=IndexLater())
    assert store.select(Question) == []
