"""A data folder at schema 14 migrates to 17 (issue #16, size) and reads, searches and syncs as before.

Migration 015 keeps a record's heads by revision seq (``head_seqs``) and a
question's topics by question row (``question_topic_rows``), with views under
the old names, and makes ``records``, ``search_rows`` and
``revision_signatures`` WITHOUT ROWID tables; migration 016 stores plan
sections and slides once (``plan_section_rows``, ``slide_rows`` and views).
The schema-14 folder is made by today's code and turned back into schema
14's layout by SQL; the test first checks that layout against the one
migrations 001–014 make.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

from sqlite_utils import Database as UtilsDatabase

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import PlanSection, Question, Slide, SlideDeck, Topic, WrittenPlan
from lecturer_app.core.questions.query import QuestionFilter, QuestionOrder, level_matrix, query_ids, query_rows
from lecturer_app.core.store.db import SCHEMA_VERSION
from lecturer_app.core.store.integrity import check_database
from lecturer_app.core.store.migrations import migrations
from lecturer_app.core.store.revisions import Revision
from lecturer_app.core.store.search import search
from lecturer_app.core.workspace import DB_NAME, open_workspace
from lecturer_app.sync.bundle_export import export_bundle
from lecturer_app.sync.bundle_import import import_bundle
from lecturer_app.sync.device import open_device
from lecturer_app.sync.digest import sync_digest

# Schema 14's tables as migrations 001–014 left them, filled from today's tables and views.
_TO_SCHEMA_14 = """
CREATE TABLE heads_new (record_id TEXT NOT NULL, rev_id TEXT NOT NULL, PRIMARY KEY (record_id, rev_id)) WITHOUT ROWID;
INSERT INTO heads_new SELECT record_id, rev_id FROM heads;
DROP VIEW heads; DROP TABLE head_seqs; ALTER TABLE heads_new RENAME TO heads;
CREATE TABLE question_topics_new (question_id TEXT NOT NULL REFERENCES question_rows(id) ON DELETE CASCADE,
  topic_id TEXT NOT NULL, PRIMARY KEY (question_id, topic_id)) WITHOUT ROWID;
INSERT INTO question_topics_new SELECT question_id, topic_id FROM question_topics;
DROP VIEW question_topics; DROP TABLE question_topic_rows;
ALTER TABLE question_topics_new RENAME TO question_topics;
CREATE INDEX question_topics_topic ON question_topics(topic_id);
CREATE TABLE records_old (id TEXT PRIMARY KEY, type TEXT NOT NULL, head_rev TEXT NOT NULL, deleted INTEGER NOT NULL,
  conflict INTEGER NOT NULL, hlc TEXT NOT NULL, scope TEXT NOT NULL DEFAULT 'bank');
INSERT INTO records_old SELECT * FROM records; DROP TABLE records; ALTER TABLE records_old RENAME TO records;
CREATE INDEX records_type ON records(type);
CREATE INDEX records_in_conflict ON records(hlc, id) WHERE conflict = 1;
CREATE TABLE search_rows_old (record_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL,
  fts_table TEXT NOT NULL DEFAULT 'search_index');
INSERT INTO search_rows_old SELECT * FROM search_rows; DROP TABLE search_rows;
ALTER TABLE search_rows_old RENAME TO search_rows;
CREATE TABLE signatures_old (rev_id TEXT PRIMARY KEY, signer TEXT NOT NULL, signature TEXT NOT NULL);
INSERT INTO signatures_old SELECT * FROM revision_signatures; DROP TABLE revision_signatures;
ALTER TABLE signatures_old RENAME TO revision_signatures;
CREATE TABLE plan_sections_old (id TEXT PRIMARY KEY, plan_id TEXT, topic_id TEXT, position TEXT, kind TEXT,
  heading TEXT, body TEXT NOT NULL);
INSERT INTO plan_sections_old (rowid, id, plan_id, topic_id, position, kind, heading, body)
  SELECT t.row, v.* FROM plan_sections v JOIN plan_section_rows t ON t.id = v.id;
DROP VIEW plan_sections; DROP TABLE plan_section_rows; ALTER TABLE plan_sections_old RENAME TO plan_sections;
CREATE INDEX idx_plan_sections_plan_id ON plan_sections(plan_id);
CREATE INDEX idx_plan_sections_topic_id ON plan_sections(topic_id);
CREATE TABLE slides_old (id TEXT PRIMARY KEY, deck_id TEXT, topic_id TEXT, position TEXT, layout TEXT, title TEXT,
  body TEXT NOT NULL);
INSERT INTO slides_old (rowid, id, deck_id, topic_id, position, layout, title, body)
  SELECT t.row, v.* FROM slides v JOIN slide_rows t ON t.id = v.id;
DROP VIEW slides; DROP TABLE slide_rows; ALTER TABLE slides_old RENAME TO slides;
CREATE INDEX idx_slides_deck_id ON slides(deck_id);
CREATE INDEX idx_slides_topic_id ON slides(topic_id);
DROP INDEX question_rows_type_status;
DELETE FROM _sqlite_migrations WHERE name IN ('m015_integer_links', 'm016_sections_and_slides_stored_once',
  'm017_questions_by_type_and_status');
PRAGMA user_version = 14;
"""
_CHANGED = ("heads", "question_topics", "records", "search_rows", "revision_signatures", "plan_sections", "slides")


def _layout(conn: sqlite3.Connection) -> dict[str, object]:
    """Columns, WITHOUT ROWID or not, and indexes (name, unique, columns, partial) of the tables 015–016 change."""
    layout: dict[str, object] = {}
    for table in _CHANGED:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        indexes = sorted((name, unique, partial, [c[2] for c in conn.execute(f"PRAGMA index_info('{name}')")])
                         for _seq, name, unique, _origin, partial in conn.execute(f"PRAGMA index_list('{table}')")
                         if not name.startswith("sqlite_autoindex"))
        layout[table] = (conn.execute(f"PRAGMA table_info('{table}')").fetchall(), sql.endswith("WITHOUT ROWID"),
                         indexes, conn.execute(f"PRAGMA foreign_key_list('{table}')").fetchall())
    return layout


def _readings(workspace) -> dict[str, object]:
    """What readers see: the views and tables under their old names, lists, search hits, the sync digest."""
    db = workspace.store.db
    topic_id = db.execute("SELECT id FROM topics WHERE code = 'T-01'").fetchone()[0]
    deck_id = db.execute("SELECT id FROM slide_decks").fetchone()[0]
    return {
        "heads": db.execute("SELECT record_id, rev_id FROM heads ORDER BY 1, 2").fetchall(),
        "topics": db.execute("SELECT question_id, topic_id FROM question_topics ORDER BY 1, 2").fetchall(),
        "records": db.execute("SELECT * FROM records ORDER BY id").fetchall(),
        "search_rows": db.execute("SELECT * FROM search_rows ORDER BY record_id").fetchall(),
        "read tables": [db.execute(f"SELECT * FROM {table}").fetchall() for table in ("plan_sections", "slides")],
        "deck": [(s.id, s.title) for s in LessonBank(workspace.store).slides(deck_id)],
        "summaries": [(s.topic.code, s.sections, s.slides, s.questions)
                      for s in LessonBank(workspace.store).summaries()],
        "digest": sync_digest(db),
        "rows": query_rows(workspace.store),
        "by_topic": [query_ids(workspace.store, QuestionFilter(topic_id=topic_id), QuestionOrder(column))
                     for column in (-1, 3)],
        "no_topic": query_ids(workspace.store, QuestionFilter(no_topic=True)),
        "matrix": level_matrix(workspace.store, ["Nhận biết", "Thông hiểu"]),
        "hits": [json.dumps([asdict(hit) for hit in search(db, words)], ensure_ascii=False, default=str)
                 for words in ("dang", "chi bo", "to chuc", "Của")],
        "heads_api": [workspace.store.log.head_rev_ids(rid) for (rid,) in db.execute("SELECT id FROM records")],
    }


def _fill(workspace) -> None:
    store = workspace.store
    first, second = Topic(code="T-01", title="Tổ chức Đảng", periods=5), Topic(code="T-02", title="Chi bộ", periods=4)
    base = store.save(first)
    store.save(second)
    store.save(Topic(id=first.id, code="T-01", title="Tổ chức của Đảng", periods=5))
    theirs = Revision.create(record_id=first.id, type="topic", parents=(base.rev_id,), generation=2,
                             body={**base.body, "title": "Của máy khác"}, deleted=False, author="B",
                             device="other", hlc="2030-01-01T00:00:00.000Z-0000")
    store.apply(theirs)  # a conflict: two heads
    store.save_many([Question(stem=f"Chi bộ đảng {n} tổ chức sinh hoạt?", level="Nhận biết",
                              topic_ids=[first.id, second.id][: n % 3]) for n in range(7)])
    edited = Question(stem="Đảng viên dự bị?", level="Thông hiểu", topic_ids=[first.id])
    store.save(edited)
    edited.stem = "Đảng viên chính thức?"
    store.save(edited)
    gone = Question(stem="Đoàn thanh niên?", topic_ids=[second.id])
    store.save(gone)
    store.delete(gone.id)
    plan, deck = WrittenPlan(topic_id=first.id), SlideDeck(topic_id=first.id, title="Bài giảng")
    store.save_many([plan, deck])
    sections = [PlanSection(plan_id=plan.id, topic_id=first.id, position=p, kind="content", heading=f"Mục {p}",
                            body="Nội dung tổ chức") for p in ("a", "b", "c")]
    slides = [Slide(deck_id=deck.id, topic_id=first.id, position=p, title=f"Trang {p} chi bộ") for p in "dcba"]
    store.save_many([*sections, *slides])
    slides[1].title = "Trang đã sửa"
    store.save(slides[1])
    store.delete(slides[2].id)
    store.delete(sections[0].id)


def _schema_14_layout(tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "m014.sqlite3"
    conn = sqlite3.connect(path)
    migrations.apply(UtilsDatabase(conn), stop_before="m015_integer_links")
    try:
        return _layout(conn)
    finally:
        conn.close()


def test_a_schema_14_folder_migrates_and_reads_searches_and_syncs_as_before(tmp_path):
    folder = tmp_path / "old"
    workspace = open_workspace(folder, import_shipped_bank=False)
    _fill(workspace)
    before = _readings(workspace)
    assert len(before["heads"]) == len(before["records"]) + 1 and before["digest"]["revisions"] > 0
    workspace.close()
    conn = sqlite3.connect(folder / DB_NAME)
    conn.executescript(_TO_SCHEMA_14)
    assert _layout(conn) == _schema_14_layout(tmp_path)
    conn.close()

    workspace = open_workspace(folder, import_shipped_bank=False)
    db = workspace.store.db
    assert db.schema_version() == SCHEMA_VERSION == 17
    assert _readings(workspace) == before
    assert check_database(db, workspace.blobs).problems == []
    assert {row[0] for row in db.execute("SELECT type FROM sqlite_master WHERE name IN "
                                         "('heads', 'question_topics', 'plan_sections', 'slides')")} == {"view"}

    # Written to after the upgrade: an edit ends the conflict, a question changes topic.
    topic = db.execute("SELECT id FROM topics WHERE code = 'T-01'").fetchone()[0]
    workspace.store.save(Topic(id=topic, code="T-01", title="Đã hợp nhất", periods=5))
    question = workspace.store.require(Question, search(db, "dang vien chinh thuc")[0].record_id)
    question.topic_ids = []
    workspace.store.save(question)
    assert workspace.store.log.head_rev_ids(topic) == [workspace.store.log.heads(topic)[0].rev_id]
    assert question.id in query_ids(workspace.store, QuestionFilter(no_topic=True))

    # Synced: a new replica takes the migrated one's bundle and ends with the same revisions and heads.
    device = open_device(folder, workspace.store)
    bundle = tmp_path / "old.lecturer-bundle"
    export_bundle(device, workspace.blobs, bundle)
    other = open_workspace(tmp_path / "new", import_shipped_bank=False)
    import_bundle(open_device(tmp_path / "new", other.store), other.blobs, bundle, trust_new=True)
    assert sync_digest(other.store.db) == sync_digest(db)
    assert (other.store.db.execute("SELECT * FROM heads ORDER BY 1, 2").fetchall()
            == db.execute("SELECT * FROM heads ORDER BY 1, 2").fetchall())
    assert (other.store.db.execute("SELECT * FROM question_topics ORDER BY 1, 2").fetchall()
            == db.execute("SELECT * FROM question_topics ORDER BY 1, 2").fetchall())
    assert check_database(other.store.db, other.blobs).problems == []
    other.close()
    workspace.close()
