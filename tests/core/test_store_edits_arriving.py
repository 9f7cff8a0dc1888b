"""Edits of questions already held, arriving from another replica: read rows and index follow, in one pass."""

from lecturer_app.core.model import Question, Topic
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.question_rows import INDEX_TABLES
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.store.search import search


def _two_replicas_sharing(count: int) -> tuple[Store, Store, list[Question]]:
    """A source with *count* questions and a copy that took them all."""
    source, copy = Store(open_database(None), author="Máy nguồn"), Store(open_database(None), author="Máy khác")
    topic = Topic(code="T-01", title="Chủ đề")
    source.save(topic)
    questions = [Question(stem=f"Câu hỏi cũ số {n} về ngọn cờ", topic_ids=[topic.id]) for n in range(count)]
    source.save_many(questions)
    copy.apply_all([rev for _seq, rev in source.log.since(0)])
    return source, copy, questions


def _edit_all(source: Store, questions: list[Question]) -> list:
    before = source.log.since(0)[-1][0]
    for question in reversed(questions):  # the copy's index rows are not in the order of the edits
        question.stem = question.stem.replace("cũ", "mới sửa")
        source.save(question)
    return [rev for _seq, rev in source.log.since(before)]


def test_edited_questions_arriving_replace_their_rows_and_index_entries():
    source, copy, questions = _two_replicas_sharing(30)
    copy.apply_all(_edit_all(source, questions))
    assert {hit.record_id for hit in search(copy.db, "mới sửa", limit=100)} == {q.id for q in questions}
    assert search(copy.db, "cũ", limit=100) == []
    assert sorted(q.stem for q in copy.select(Question)) == sorted(q.stem for q in questions)
    shown = copy.db.execute("SELECT id, body FROM questions ORDER BY id").fetchall()
    copy.rebuild_materialized()
    assert copy.db.execute("SELECT id, body FROM questions ORDER BY id").fetchall() == shown
    assert {hit.record_id for hit in search(copy.db, "mới sửa", limit=100)} == {q.id for q in questions}


def test_the_index_is_told_of_every_removal_in_row_order_before_any_new_row():
    """FTS5 writes out what it holds in memory whenever a row number is not above the last one it was given:
    removals interleaved with additions made a segment per question and table (5× the CPU for 100 edits)."""
    source, copy, questions = _two_replicas_sharing(20)
    statements: list[str] = []
    copy.db.conn.set_trace_callback(statements.append)
    copy.apply_all(_edit_all(source, questions))
    copy.db.conn.set_trace_callback(None)
    table = INDEX_TABLES["title"]
    touching = [sql for sql in statements if f"INSERT INTO {table} " in sql]
    removals = [n for n, sql in enumerate(touching) if "'delete'" in sql]
    assert len(removals) == len(questions)
    assert removals == list(range(len(questions)))  # every removal first, then the new rows
    rows = [int(sql.split("VALUES ('delete', ")[1].split(",")[0]) for sql in touching[:len(questions)]]
    assert rows == sorted(rows)
