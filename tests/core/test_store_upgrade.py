"""A data folder made at schema 11 (before questions were stored once) opens, migrates and keeps everything.

The database is tests/core/data/store_m011.sql, written by the schema-11 code
(scripts/make_store_upgrade_fixture.py): a topic, a question edited once, a
deleted question, ten questions saved in bulk, a deck with a slide.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from lecturer_app.core.model import Question
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.db import SCHEMA_VERSION, open_database
from lecturer_app.core.store.integrity import check_database
from lecturer_app.core.store.record_store import LAST_STAMP_SQL, Store
from lecturer_app.core.store.search import search

FIXTURE = Path(__file__).parent / "data" / "store_m011.sql"


@pytest.fixture
def old_folder(tmp_path: Path) -> Path:
    path = tmp_path / "lecturer_app.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    conn.close()
    return path


def _as_written(path: Path) -> dict[str, object]:
    """What schema 11 holds: every revision row, and each live question's body in its read table."""
    conn = sqlite3.connect(path)
    try:
        return {"version": conn.execute("PRAGMA user_version").fetchone()[0],
                "revisions": conn.execute("SELECT * FROM revisions ORDER BY seq").fetchall(),
                "questions": dict(conn.execute("SELECT id, body FROM questions").fetchall()),
                "order": [row[0] for row in conn.execute("SELECT id FROM questions ORDER BY rowid DESC")]}
    finally:
        conn.close()


def test_an_old_folder_is_migrated_with_its_history_read_rows_and_search_intact(old_folder, tmp_path):
    before = _as_written(old_folder)
    assert before["version"] == 11 < SCHEMA_VERSION and len(before["questions"]) == 11

    store = Store(open_database(old_folder))
    assert store.db.schema_version() == SCHEMA_VERSION
    assert "question_rows_type_status" in _indexes(store.db.conn)  # m017, made after m012 made the table
    rows = store.db.execute("SELECT * FROM revisions ORDER BY seq").fetchall()
    assert rows == before["revisions"]  # the log, and so every revision id, is untouched
    assert dict(store.db.execute("SELECT id, body FROM questions").fetchall()) == before["questions"]
    assert [q.id for q in store.select(Question, order_by="rowid DESC")] == before["order"]  # lists keep their order
    assert check_database(store.db, BlobStore(tmp_path / "blobs")).problems == []
    newest = max(row[0] for row in store.db.execute("SELECT hlc FROM revisions"))
    assert store.db.execute(LAST_STAMP_SQL).fetchone()[0] == newest  # the stamp a store opens with (m013)

    hits = search(store.db, "nguyen tac to chuc co ban")
    assert [hit.title for hit in hits] == ["Nguyên tắc tổ chức cơ bản của Đảng là gì?"]
    assert search(store.db, "tap trung dan chu") == []  # the text before the edit is not found
    assert search(store.db, "doan thanh nien") == []  # nor the deleted question
    assert len(search(store.db, "chi bo sinh hoat", kinds=("question",))) == 10
    assert [hit.kind for hit in search(store.db, "kiem tra giam sat")] == ["slide"]
    edited = hits[0].record_id
    assert [rev.summary for rev in store.history(edited)] == ["", "Sửa câu hỏi"]


def test_questions_migrated_from_an_old_folder_can_be_edited_deleted_and_added_to(old_folder, tmp_path):
    store = Store(open_database(old_folder))
    edited = store.require(Question, search(store.db, "nguyen tac to chuc")[0].record_id)
    edited.stem = "Đảng tổ chức theo nguyên tắc nào?"
    store.save(edited)
    store.delete(search(store.db, "chi bo sinh hoat", limit=1)[0].record_id)
    store.save(Question(stem="Nguyên tắc tự phê bình và phê bình?"))

    assert check_database(store.db, BlobStore(tmp_path / "blobs")).problems == []
    assert [hit.title for hit in search(store.db, "nguyen tac")] == [
        "Nguyên tắc tự phê bình và phê bình?", "Đảng tổ chức theo nguyên tắc nào?"]
    assert search(store.db, "to chuc co ban cua dang") == []  # the edit's old text left the index
    assert len(search(store.db, "chi bo sinh hoat", kinds=("question",))) == 9
    stored = store.db.execute("SELECT body FROM questions WHERE id = ?", [edited.id]).fetchone()[0]
    assert json.loads(stored)["stem"] == "Đảng tổ chức theo nguyên tắc nào?"


def test_a_question_stores_its_body_once(store):
    question = Question(stem="Chi bộ là gì?")
    store.save(question)
    columns = [row[1] for row in store.db.execute("PRAGMA table_info(question_rows)")]
    assert "body" not in columns
    body = store.db.execute("SELECT body FROM questions WHERE id = ?", [question.id]).fetchone()[0]
    logged = store.db.execute("SELECT body FROM revisions WHERE record_id = ?", [question.id]).fetchone()[0]
    assert body == logged


def test_questions_are_listed_in_the_order_they_were_last_written(store):
    first, second, third = (Question(stem=f"Câu {n}?") for n in range(3))
    for question in (first, second, third):
        store.save(question)
    first.stem = "Câu đã sửa?"
    store.save(first)
    assert [q.id for q in store.select(Question, order_by="rowid")] == [second.id, third.id, first.id]


def _indexes(conn) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_schema_13_folder_loses_the_stem_index_and_lists_sorted_by_stem_keep_their_order(tmp_path):
    """Migration 014 (issue #16, size): the folded-stem index goes; the list sorted by its stem column is the
    same (ties by id), and nothing else changes."""
    from lecturer_app.core.questions.query import QuestionOrder, query_ids

    path = tmp_path / "lecturer_app.sqlite3"
    store = Store(open_database(path))
    stems = ["Đảng ra đời năm nào?", "Ai là người sáng lập?", "dang ra doi nam nao?", "Ấn định ngày nào?", "Bác Hồ"]
    store.save_many([Question(stem=stem) for stem in stems])
    store.db.close()
    # The same folder as schema 13 left it: the index there, the stamp at 13, migration 014 not applied.
    conn = sqlite3.connect(path)
    conn.execute("CREATE INDEX question_rows_stem_folded ON question_rows(stem_folded)")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm014_no_stem_index'")
    conn.execute("PRAGMA user_version = 13")
    conn.commit()
    before = {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
              for table in ("revisions", "question_rows", "records", "heads")}
    conn.close()

    store = Store(open_database(path))
    assert store.db.schema_version() == SCHEMA_VERSION
    assert "question_rows_stem_folded" not in _indexes(store.db.conn)
    assert {table: store.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in before} == before
    rows = sorted(store.db.execute("SELECT id, stem_folded FROM question_rows").fetchall())  # by id
    assert len({stem for _id, stem in rows}) < len(rows)  # a tie, broken by id
    for descending in (False, True):
        expected = [qid for qid, _stem in sorted(rows, key=lambda row: row[1], reverse=descending)]  # stable
        assert query_ids(store, order=QuestionOrder(1, descending)) == expected
    assert check_database(store.db, BlobStore(tmp_path / "blobs")).problems == []


def test_a_new_folder_has_no_stem_index(tmp_path):
    store = Store(open_database(tmp_path / "lecturer_app.sqlite3"))
    assert "question_rows_stem_folded" not in _indexes(store.db.conn)
