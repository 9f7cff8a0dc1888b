"""Migration 017: questions indexed by (type, status), so the topic picker counts only the types it draws.

A folder at schema 16 is made by today's code and turned back into schema
16 by SQL (the index dropped, the migration's record and the stamp taken
back), as test_store_upgrade.py does for schema 13.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lecturer_app.core.bank.topic_codes import QuestionCount, question_counts, question_counts_sql
from lecturer_app.core.model import Question, Topic
from lecturer_app.core.questions.query import QuestionFilter, ids_sql, query_ids
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.db import SCHEMA_VERSION, open_database
from lecturer_app.core.store.integrity import check_database
from lecturer_app.core.store.migrations import migrations
from lecturer_app.core.store.record_store import Store

INDEX = "question_rows_type_status"
MIGRATION = "m017_questions_by_type_and_status"


def _indexes(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def _bank(path: Path) -> Store:
    store = Store(open_database(path))
    topic = Topic(code="NTD-01", title="Nguyên tắc tổ chức của Đảng")
    store.save(topic)
    questions = [Question(type="oral", stem="Trình bày nguyên tắc tập trung dân chủ?", status="approved"),
                 Question(type="oral", stem="Chi bộ sinh hoạt thế nào?"),
                 Question(type="single_choice", stem="Đảng ra đời năm nào?", status="approved")]
    for question in questions:
        question.topic_ids = [topic.id]
    store.save_many(questions)
    return store


def _as_schema_16(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"DROP INDEX {INDEX}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [MIGRATION])
    conn.execute("PRAGMA user_version = 16")
    conn.commit()
    conn.close()


def test_a_new_database_has_the_index(tmp_path):
    db = open_database(tmp_path / "lecturer_app.sqlite3")
    assert INDEX in _indexes(db.conn)
    db.close()


def test_a_schema_16_folder_gets_the_index_once_and_counts_and_lists_as_before(tmp_path):
    path = tmp_path / "lecturer_app.sqlite3"
    store = _bank(path)
    store.db.close()
    _as_schema_16(path)

    conn = sqlite3.connect(path)
    assert INDEX not in _indexes(conn)
    before = {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
              for table in ("revisions", "question_rows", "question_topic_rows", "records")}
    conn.close()

    store = Store(open_database(path))
    assert store.db.schema_version() == SCHEMA_VERSION == 17
    assert INDEX in _indexes(store.db.conn)
    assert {table: store.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in before} == before
    assert question_counts(store.db, ("oral",)) == {"NTD-01": QuestionCount(reviewed=1, drafts=1)}
    assert len(query_ids(store, QuestionFilter(type="oral"))) == 2
    assert check_database(store.db, BlobStore(tmp_path / "blobs")).problems == []
    store.db.close()

    store = Store(open_database(path))  # the second open finds the schema current: the migration ran once
    ran = store.db.execute("SELECT COUNT(*) FROM _sqlite_migrations WHERE name = ?", [MIGRATION]).fetchone()[0]
    assert ran == 1
    assert migrations.pending(store.db.utils) == []
    store.db.close()


def test_the_count_of_the_oral_cards_reads_only_the_oral_questions_from_the_index(store):
    """The plan SQLite chooses for the picker's count: the index by type, not a walk of every topic link."""
    sql = question_counts_sql(1)  # the very statement question_counts runs
    plan = " | ".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql, ["oral"]))
    assert f"SEARCH q USING COVERING INDEX {INDEX} (type=?)" in plan
    assert "SCAN qt" not in plan


def test_a_topic_filter_keeps_walking_the_topics_questions_not_the_index_by_type(store):
    """The list filtered by topic and type reads the topic's questions (few), not every question of the type."""
    sql, params = ids_sql(QuestionFilter(topic_id="t", type="single_choice", status="approved"))
    plan = " | ".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert INDEX not in plan
    assert "question_topic_rows_topic (topic_id=?)" in plan
