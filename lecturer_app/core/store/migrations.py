"""The schema, created and changed only by registered migrations (house style R5).

Never edit a migration that has shipped; add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("lecturer_app")

# Materialized tables: one row per live record, the current body as JSON plus
# the columns queries filter and sort on.
_MATERIALIZED: dict[str, dict[str, type]] = {
    "organizations": {"name": str, "parent_id": str},
    "programs": {"code": str, "title": str, "position": str},
    "modules": {"program_id": str, "code": str, "title": str, "position": str},
    "topics": {"code": str, "title": str, "periods": int, "status": str, "sample": int},
    "written_plans": {"topic_id": str},
    "plan_sections": {"plan_id": str, "topic_id": str, "position": str, "kind": str, "heading": str},
    "slide_decks": {"topic_id": str},
    "slides": {"deck_id": str, "topic_id": str, "position": str, "layout": str, "title": str},
    "questions": {"type": str, "level": str, "status": str, "stem_folded": str},
    "attachments": {"owner_id": str, "sha256": str, "filename": str, "role": str},
}


@migrations()
def m001_revisions(db: Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE revisions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            rev_id TEXT NOT NULL UNIQUE,
            record_id TEXT NOT NULL,
            type TEXT NOT NULL,
            parents TEXT NOT NULL,
            generation INTEGER NOT NULL,
            body TEXT NOT NULL,
            deleted INTEGER NOT NULL,
            author TEXT NOT NULL,
            device TEXT NOT NULL,
            hlc TEXT NOT NULL,
            summary TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX revisions_record ON revisions(record_id, seq)")
    db.execute(
        "CREATE TABLE revision_parents (rev_id TEXT NOT NULL, parent_id TEXT NOT NULL, "
        "PRIMARY KEY (rev_id, parent_id))"
    )
    db.execute("CREATE INDEX revision_parents_parent ON revision_parents(parent_id)")
    db.execute(
        "CREATE TABLE heads (record_id TEXT NOT NULL, rev_id TEXT NOT NULL, "
        "PRIMARY KEY (record_id, rev_id))"
    )
    db.execute(
        """CREATE TABLE records (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            head_rev TEXT NOT NULL,
            deleted INTEGER NOT NULL,
            conflict INTEGER NOT NULL,
            hlc TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX records_type ON records(type)")


@migrations()
def m002_materialized(db: Database) -> None:
    for table, columns in _MATERIALIZED.items():
        db.table(table).create({"id": str, **columns, "body": str}, pk="id", not_null={"body"})
    for table, column in [
        ("modules", "program_id"), ("plan_sections", "plan_id"), ("plan_sections", "topic_id"),
        ("slides", "deck_id"), ("slides", "topic_id"), ("written_plans", "topic_id"),
        ("slide_decks", "topic_id"), ("attachments", "owner_id"), ("questions", "stem_folded"),
    ]:
        db.table(table).create_index([column])
    db.table("topics").create_index(["code"])
    db.table("programs").create_index(["code"])
    db.execute(
        "CREATE TABLE topic_programs (topic_id TEXT NOT NULL REFERENCES topics(id) ON DELETE CASCADE, "
        "program_id TEXT NOT NULL, module_id TEXT, number INTEGER, PRIMARY KEY (topic_id, program_id))"
    )
    db.execute("CREATE INDEX topic_programs_program ON topic_programs(program_id)")
    db.execute(
        "CREATE TABLE question_topics (question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE, "
        "topic_id TEXT NOT NULL, PRIMARY KEY (question_id, topic_id))"
    )
    db.execute("CREATE INDEX question_topics_topic ON question_topics(topic_id)")


@migrations()
def m003_search(db: Database) -> None:
    # Exact columns keep accents (tone placement unified); *_f columns hold
    # core.text.fold() output, which also folds đ → d.
    db.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "record_id UNINDEXED, kind UNINDEXED, topic_id UNINDEXED, "
        "title, body, title_f, body_f, "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
    )


@migrations()
def m004_bank_imports(db: Database) -> None:
    db.table("bank_imports").create(
        {"bank_id": str, "version": str, "imported_at": str, "records": int}, pk=("bank_id", "version")
    )


@migrations()
def m005_exam_records(db: Database) -> None:
    # Blueprints and built exams are confidential records (issue 6): their
    # read tables are separate so bank exports, which read topics and
    # questions, never see them.
    db.table("blueprints").create({"id": str, "name": str, "body": str}, pk="id", not_null={"body"})
    db.table("exams").create({"id": str, "title": str, "created": str, "body": str}, pk="id", not_null={"body"})
    db.table("exams").create_index(["created"])


@migrations()
def m006_search_rowids(db: Database) -> None:
    # FTS5 cannot index record_id, so deleting a record's entry by it scanned
    # the whole index on every save.  This table maps a record to its row.
    db.execute("CREATE TABLE search_rows (record_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL)")
    db.execute("INSERT OR REPLACE INTO search_rows SELECT record_id, rowid FROM search_index")


@migrations()
def m007_question_index(db: Database) -> None:
    # Ranking every match with bm25 over 50,000 questions took ~30 ms for a
    # common word.  Questions get their own index, searched without bm25, so
    # topics, plans and slides stay ranked and fast (docs/design/store.md).
    db.execute(
        "CREATE VIRTUAL TABLE question_index USING fts5("
        "record_id UNINDEXED, kind UNINDEXED, topic_id UNINDEXED, "
        "title, body, title_f, body_f, "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
    )
    db.execute("ALTER TABLE search_rows ADD COLUMN fts_table TEXT NOT NULL DEFAULT 'search_index'")
    db.execute("DELETE FROM search_rows WHERE record_id IN "
               "(SELECT record_id FROM search_index WHERE kind = 'question')")
    rows = db.execute(
        "SELECT record_id, kind, topic_id, title, body, title_f, body_f FROM search_index WHERE kind = 'question'"
    ).fetchall()
    for row in rows:
        cursor = db.execute("INSERT INTO question_index (record_id, kind, topic_id, title, body, title_f, body_f) "
                            "VALUES (?,?,?,?,?,?,?)", row)
        db.execute("INSERT INTO search_rows VALUES (?, ?, 'question_index')", [row[0], cursor.lastrowid])
    db.execute("DELETE FROM search_index WHERE kind = 'question'")


@migrations()
def m008_revisions_by_type(db: Database) -> None:
    # History views find a topic's plan sections and slides among all
    # revisions by type; without this index each look-up scanned the log.
    db.execute("CREATE INDEX revisions_type ON revisions(type, record_id)")


@migrations()
def m009_revision_origin(db: Database) -> None:
    # The settled hashed form (format 1) names the replica that minted a
    # revision and that replica's counter; older rows are format 0.
    db.execute("ALTER TABLE revisions ADD COLUMN format INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE revisions ADD COLUMN origin_replica TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE revisions ADD COLUMN origin_seq INTEGER NOT NULL DEFAULT 0")
    # The partition a record replicates in (sync.md §3.8): 'bank', or 'exam:<id>' for confidential exam records.
    db.execute("ALTER TABLE records ADD COLUMN scope TEXT NOT NULL DEFAULT 'bank'")
    db.execute("UPDATE records SET scope = 'exam:' || id WHERE type IN ('exam', 'blueprint')")


@migrations()
def m010_revision_signatures(db: Database) -> None:
    # Sync (issue 13): each revision is signed by the device that wrote it
    # (ed25519 over the rev id; the signature is not part of the id), and the
    # bundles a replica has imported are logged so a second import is a no-op.
    db.execute("CREATE TABLE revision_signatures (rev_id TEXT PRIMARY KEY, signer TEXT NOT NULL, "
               "signature TEXT NOT NULL)")
    db.execute("CREATE TABLE bundle_imports (bundle_id TEXT PRIMARY KEY, producer TEXT NOT NULL, "
               "imported_at TEXT NOT NULL, revisions INTEGER NOT NULL)")


@migrations()
def m011_stamp_and_conflict_indexes(db: Database) -> None:
    # Every Store reads the newest stamp when it opens (its clock must never
    # go back); without this index MAX(hlc) scanned the whole log: 89 ms at
    # 200,000 questions, the whole growth of CLI and GUI start with bank size.
    # `check` still reads the whole log, so damage there is found even though opening no longer reads it.
    db.execute("CREATE INDEX IF NOT EXISTS revisions_hlc ON revisions(hlc)")
    # The window counts conflicts as it starts and after each sync: a scan of every record (80 ms at
    # 200,000 questions) without this index, which holds only the records in conflict.
    db.execute("CREATE INDEX records_in_conflict ON records(hlc, id) WHERE conflict = 1")


# The questions' read table and full-text index as m012 makes them (kept equal to materialize by a test).
QUESTION_ROWS_DEFINITION = (
    "CREATE TABLE question_rows (row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT, level TEXT, "
    "status TEXT, stem_folded TEXT, rev_seq INTEGER NOT NULL)"
)
QUESTIONS_VIEW = (
    "CREATE VIEW questions AS SELECT q.row AS rowid, q.id AS id, q.type AS type, q.level AS level, "
    "q.status AS status, q.stem_folded AS stem_folded, r.body AS body "
    "FROM question_rows q JOIN revisions r ON r.seq = q.rev_seq"
)
QUESTION_FTS_DEFINITION = (
    "CREATE VIRTUAL TABLE question_index USING fts5(title, body, title_f, body_f, content='', detail=column, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
)


@migrations()
def m012_smaller_questions(db: Database) -> None:
    # Issue #16: a question's body was stored twice (its head revision and the read table) and its
    # texts twice more (the index's own copy, exact and folded).  The read table keeps the columns
    # queries use and the head revision's seq; the view `questions` reads the body from the log.
    db.execute(QUESTION_ROWS_DEFINITION)
    # `row` keeps the old rowid: lists ordered by rowid keep their order (the view names it rowid).
    db.execute(
        "INSERT INTO question_rows (row, id, type, level, status, stem_folded, rev_seq) "
        "SELECT q.rowid, q.id, q.type, q.level, q.status, q.stem_folded, r.seq FROM questions q "
        "JOIN records m ON m.id = q.id JOIN revisions r ON r.rev_id = m.head_rev ORDER BY q.rowid"
    )
    _without_rowid(db, "question_topics",
                   "question_id TEXT NOT NULL REFERENCES question_rows(id) ON DELETE CASCADE, "
                   "topic_id TEXT NOT NULL, PRIMARY KEY (question_id, topic_id)",
                   "question_id IN (SELECT id FROM question_rows)")
    db.execute("CREATE INDEX question_topics_topic ON question_topics(topic_id)")
    db.execute("DROP TABLE questions")
    db.execute("CREATE INDEX question_rows_stem_folded ON question_rows(stem_folded)")
    db.execute(QUESTIONS_VIEW)
    # Heads are looked up by (record, revision) only: the key is the table.
    _without_rowid(db, "heads", "record_id TEXT NOT NULL, rev_id TEXT NOT NULL, PRIMARY KEY (record_id, rev_id)")
    # Contentless (the texts are cut from the body when needed) and without word positions (questions are
    # matched word by word, never by phrase, and never ranked).
    db.execute("DROP TABLE question_index")
    db.execute(QUESTION_FTS_DEFINITION)
    db.execute("DELETE FROM search_rows WHERE fts_table = 'question_index'")
    from lecturer_app.core.store import question_rows

    question_rows.rebuild(db.conn)


# The newest stamp every Store reads as it opens (record_store.LAST_STAMP_SQL), kept by a trigger as revisions arrive
# by any path (save, bulk save, sync apply): the clock must never go back, so it only ever rises.
LAST_STAMP_TRIGGER = (
    "CREATE TRIGGER revisions_last_stamp AFTER INSERT ON revisions BEGIN "
    "INSERT INTO meta (key, value) VALUES ('last_hlc', NEW.hlc) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE excluded.value > meta.value; END"
)


@migrations()
def m013_smaller_indexes(db: Database) -> None:
    # Issue #16 (size): two of the revision log's four indexes served one query each.
    # revisions_hlc (m011) answered MAX(hlc) at open: 2 MB at 50,000 questions, 8 MB at 200,000.  A row in
    # `meta` kept by a trigger answers it now, seeded here from the log.
    db.execute("INSERT OR REPLACE INTO meta (key, value) SELECT 'last_hlc', hlc FROM revisions "
               "ORDER BY hlc DESC LIMIT 1")
    db.execute(LAST_STAMP_TRIGGER)
    db.execute("DROP INDEX revisions_hlc")
    # revisions_type (m008) found a topic's plan sections among all revisions by type (3 MB at 50,000):
    # history finds them through records(type) and revisions(record_id) now, indexes kept anyway.
    db.execute("DROP INDEX revisions_type")
    # The questions' index: four one-column tables without word positions or column lists in place of one
    # four-column table (question_rows.py): 25 → 15 MB at 50,000 questions, and the same rows found.  A
    # folder migrated from schema 11 here already has them (m012 calls the same rebuild).
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'question_index'").fetchone():
        from lecturer_app.core.store import question_rows

        question_rows.rebuild(db.conn)


@migrations()
def m014_no_stem_index(db: Database) -> None:
    # Issue #16 (size): the index of the folded stems (4 MB at 50,000 questions, 16 MB at 200,000) served
    # only the question list sorted by its stem column, and slowed it: the list reads every matching id in
    # order (query_ids), and walking the index fetched each row at random (1.0 s of CPU at 200,000 questions)
    # where a scan and a sort take 0.24 s.  Its LIKE filter cannot use an index.  Nothing else reads it.
    db.execute("DROP INDEX IF EXISTS question_rows_stem_folded")


# Migration 015's link tables (issue #16, size): a record's heads and a question's topics name the revision and
# the question by their integer row, not by 64- and 36-character text ids; views keep the old names and columns
# for every reader (sync digests, checks, queries).  Writers use the tables (revisions.py, question_rows.py).
HEADS_VIEW = ("CREATE VIEW heads AS SELECT h.record_id AS record_id, r.rev_id AS rev_id "
              "FROM head_seqs h JOIN revisions r ON r.seq = h.seq")
QUESTION_TOPICS_VIEW = ("CREATE VIEW question_topics AS SELECT q.id AS question_id, t.topic_id AS topic_id "
                        "FROM question_topic_rows t JOIN question_rows q ON q.row = t.question_row")


# Records by type, questions left out: nothing looks questions up in `records` by type (question_rows holds
# them), and they are nine in ten records.  SQLite uses a partial index only for a query that states its
# condition, so each query by type says `type <> 'question'` (history.py, official.py); in a WITHOUT ROWID
# table each index row also holds the 36-character id: all types, 3.1 MB at 50,000 questions; this 0.3 MB.
RECORDS_TYPE_INDEX = "CREATE INDEX records_type ON records(type) WHERE type <> 'question'"


@migrations()
def m015_integer_links(db: Database) -> None:
    # Issue #16 (size): 2.69 KB a question at 50,000, the target 2.5 KB.  heads held (record id, 64-character
    # revision id) for every record (6.8 MB at 50,000 questions); the revision's seq says the same in 3 bytes.
    # A head whose revision is missing (damage `check` reports) has no seq and is not carried over: the
    # record's displayed revision is then reported missing instead.
    db.execute("CREATE TABLE head_seqs (record_id TEXT NOT NULL, seq INTEGER NOT NULL, "
               "PRIMARY KEY (record_id, seq)) WITHOUT ROWID")
    db.execute("INSERT INTO head_seqs SELECT h.record_id, r.seq FROM heads h JOIN revisions r ON r.rev_id = h.rev_id")
    db.execute("DROP TABLE heads")
    db.execute(HEADS_VIEW)
    # A question's topics: (question id, topic id) twice, in the table and in its topic index (9 MB at 50,000);
    # the question's row number replaces its id in both.
    db.execute("CREATE TABLE question_topic_rows (question_row INTEGER NOT NULL REFERENCES question_rows(row) "
               "ON DELETE CASCADE, topic_id TEXT NOT NULL, PRIMARY KEY (question_row, topic_id)) WITHOUT ROWID")
    db.execute("INSERT INTO question_topic_rows SELECT q.row, t.topic_id FROM question_topics t "
               "JOIN question_rows q ON q.id = t.question_id")
    db.execute("DROP TABLE question_topics")
    db.execute("CREATE INDEX question_topic_rows_topic ON question_topic_rows(topic_id)")
    db.execute(QUESTION_TOPICS_VIEW)
    # Tables looked up by a text key had that key twice: in a rowid table and in its unique index.  Clustered
    # on the key (WITHOUT ROWID) they hold it once; records' two indexes are made again.
    _without_rowid(db, "records", "id TEXT PRIMARY KEY, type TEXT NOT NULL, head_rev TEXT NOT NULL, "
                   "deleted INTEGER NOT NULL, conflict INTEGER NOT NULL, hlc TEXT NOT NULL, "
                   "scope TEXT NOT NULL DEFAULT 'bank'")
    db.execute(RECORDS_TYPE_INDEX)
    db.execute("CREATE INDEX records_in_conflict ON records(hlc, id) WHERE conflict = 1")
    _without_rowid(db, "search_rows", "record_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL, "
                   "fts_table TEXT NOT NULL DEFAULT 'search_index'")
    _without_rowid(db, "revision_signatures", "rev_id TEXT PRIMARY KEY, signer TEXT NOT NULL, "
                   "signature TEXT NOT NULL")


# Migration 016's read rows of plan sections and slides: the columns of _MATERIALIZED and the displayed head's seq;
# the views under the old names add the body from the log (as `questions` does), columns in the old order.
STORED_ONCE = {"plan_sections": "plan_section_rows", "slides": "slide_rows"}
STORED_ONCE_ROWS = ("CREATE TABLE {rows} (row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, {columns}, "
                    "rev_seq INTEGER NOT NULL)")
STORED_ONCE_VIEW = ("CREATE VIEW {table} AS SELECT t.id AS id, {columns}, r.body AS body "
                    "FROM {rows} t JOIN revisions r ON r.seq = t.rev_seq")


@migrations()
def m016_sections_and_slides_stored_once(db: Database) -> None:
    # Issue #16 (size): a plan section's and a slide's body were stored twice, in the log and in the read table
    # (4.7 MB at 50,000 questions with 5,000 slides and 1,000 sections).  `row` keeps the old rowid, so a
    # scan of the view meets the rows in the order the table gave them.
    for table, rows in STORED_ONCE.items():
        names = list(_MATERIALIZED[table])
        db.execute(STORED_ONCE_ROWS.format(rows=rows, columns=", ".join(f"{name} TEXT" for name in names)))
        db.execute(f"INSERT INTO {rows} (row, id, {', '.join(names)}, rev_seq) "
                   f"SELECT t.rowid, t.id, {', '.join('t.' + name for name in names)}, r.seq FROM {table} t "
                   "JOIN records m ON m.id = t.id JOIN revisions r ON r.rev_id = m.head_rev ORDER BY t.rowid")
        db.execute(f"DROP TABLE {table}")
        db.execute(STORED_ONCE_VIEW.format(table=table, rows=rows,
                                           columns=", ".join(f"t.{name} AS {name}" for name in names)))
    for rows, column in [("plan_section_rows", "plan_id"), ("plan_section_rows", "topic_id"),
                         ("slide_rows", "deck_id"), ("slide_rows", "topic_id")]:
        db.execute(f"CREATE INDEX {rows}_{column} ON {rows}({column})")


# The topic picker counts each topic's questions of the types its screen draws, reviewed and drafts
# (core/bank/topic_codes.question_counts); the question list filters by type and status.
QUESTION_TYPE_STATUS_INDEX = "CREATE INDEX question_rows_type_status ON question_rows(type, status)"


@migrations()
def m017_questions_by_type_and_status(db: Database) -> None:
    # Without it the count walked every question's topic link and fetched its row for the type and status
    # (0.3 s at 200,000 questions whatever the types asked); with it SQLite reads only the rows of those types
    # from the index, which holds the row number too (covering): the oral cards' picker reads its oral
    # questions only.  A folder upgraded from any schema gets it here, once (docs/design/store.md).
    db.execute(QUESTION_TYPE_STATUS_INDEX)


def _without_rowid(db: Database, table: str, columns: str, where: str = "1") -> None:
    """Rebuild *table* as a WITHOUT ROWID table of *columns* (its rows kept where *where* holds)."""
    db.execute(f"CREATE TABLE {table}_new ({columns}) WITHOUT ROWID")
    db.execute(f"INSERT INTO {table}_new SELECT * FROM {table} WHERE {where}")
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
