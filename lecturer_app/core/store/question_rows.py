"""The questions' read rows and full-text rows, stored without repeating the revision log (issue #16).

A bank is mostly questions, and each question was stored four times: its
body in the revision log and again in the read table, and its texts in the
full-text index's own copy (exact and folded) besides the index itself.
Now:

* ``question_rows`` holds the columns queries filter and sort on and the
  ``seq`` of the displayed head revision; the view ``questions`` joins the
  body from the log (an integer-key look-up), so every reader of
  ``questions`` sees the columns it always saw;
* the full-text index is four contentless (FTS5 ``content=''``) one-column
  tables, one per text searched (``INDEX_TABLES``: exact and folded stem,
  exact and folded options/answers/guide), keeping only which rows hold a
  word (``detail=none``): questions are matched word by word, never by phrase,
  never ranked, and a query names one text at a time, so neither word
  positions nor column lists are needed (migration 013: 25 → 15 MB at 50,000
  questions, with prefix indexes up to 6 letters, which make every
  search-as-you-type prefix of a Vietnamese syllable a look-up).  Their
  rowid is ``question_rows.row``; the texts a hit shows are cut again from
  the body.

A contentless FTS5 table forgets a row only when told the very texts it
indexed (SQLite 3.40 has no ``contentless_delete``): :func:`clear` derives
them again from the body the read row points at, with the same functions.
Changing how a question's texts are formed (``question_texts``, ``fold``,
``search_form``) therefore needs a migration that rebuilds the index
(``rebuild``), as changing any index definition does.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, Protocol

from lecturer_app.core.model import Question
from lecturer_app.core.store.canonical import canonical_json
from lecturer_app.core.text.normalize import fold_each, search_form

# The index table of each text a question is searched by, in the order of ``indexed_texts``.
INDEX_TABLES = {"title": "question_words_exact_title", "body": "question_words_exact_body",
                "title_f": "question_words_folded_title", "body_f": "question_words_folded_body"}
FTS_DEFINITION = (
    "CREATE VIRTUAL TABLE {name} USING fts5(words, content='', detail=none, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4 5 6')"
)
# The one-table index that migration 012 made (four columns, detail=column); rebuild() replaces it.
_OLD_INDEX = "question_index"
_ROW_SQL = ("INSERT INTO question_rows (row, id, type, level, status, stem_folded, rev_seq) "
            "VALUES (?, ?, ?, ?, ?, ?, (SELECT seq FROM revisions WHERE rev_id = ?))")
_INDEX_SQL = "INSERT INTO {name} (rowid, words) VALUES (?, ?)"
_FORGET_SQL = "INSERT INTO {name} ({name}, rowid, words) VALUES ('delete', ?, ?)"
_WITH_BODY = "SELECT q.row, q.id, r.body FROM question_rows q LEFT JOIN revisions r ON r.seq = q.rev_seq"


class Executor(Protocol):
    """What these functions need of a connection: ``Database`` and ``sqlite3.Connection`` both qualify."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> sqlite3.Cursor: ...

    def executemany(self, sql: str, rows: Any, /) -> sqlite3.Cursor: ...


def question_texts(body: dict[str, Any]) -> tuple[str, str, str]:
    """(first topic id, title, body text) a question is searched by: its stem; options, answers, guide."""
    options = "\n".join(o.get("text", "") for o in body.get("options", []))
    topic_ids = body.get("topic_ids") or [""]
    text = "\n".join([options, "\n".join(body.get("answers", [])), body.get("guide", "")])
    return topic_ids[0], body.get("stem", ""), text


def indexed_texts(body: dict[str, Any]) -> list[str]:
    """The four texts the index holds for a question: exact and folded title and body."""
    _topic, title, text = question_texts(body)
    return [search_form(title), search_form(text), *fold_each([title, text])]  # folded in one call, as fold() each


class IndexLater:
    """Index rows of questions written fresh, held to be written together at the end of a bulk write.

    Every statement that opens a statement journal (an upsert, an insert that
    fires a trigger: the revision log's) makes each full-text table write the
    rows it holds as a new segment, merged again later.  An import writes a
    few hundred questions at a time, each time such statements first: holding
    the index rows of its whole transaction and writing them last (rows in
    ascending order) makes one segment a table, not one per chunk.  Only for
    questions written fresh (nothing clears them meanwhile); :meth:`write`
    must run inside the same transaction, before it commits.
    """

    def __init__(self) -> None:
        self.rows: list[tuple[int, list[str]]] = []

    def write(self, db: Executor) -> None:
        """Write the rows held (one ``executemany`` per table) and forget them."""
        _index(db, self.rows)
        self.rows = []


# What a question's read row, topic links and index rows are made of, cut from its body (:func:`prepare`):
# type, level, status, topic ids (each once, in order), and the four texts of ``indexed_texts``.
Prepared = tuple[Any, Any, Any, list[str], list[str]]


def prepare(body: dict[str, Any]) -> Prepared:
    """The parts of *body* :func:`write_prepared` writes (an import makes them in a second process)."""
    return (body.get("type"), body.get("level"), body.get("status"), list(dict.fromkeys(body.get("topic_ids", []))),
            indexed_texts(body))


def prepare_question(question: Question, source: str = "") -> tuple[str, Prepared]:
    """A new question's body as canonical JSON and its :func:`prepare`, for ``Store.save_prepared``.

    *source* is given to a question that names none (an import's file name), as the importer would.
    """
    question.source = question.source or source
    body = question.to_body()
    return canonical_json(body), prepare(body)


def write(db: Executor, rows: Sequence[tuple[str, dict[str, Any], str]], index_later: IndexLater | None = None) -> None:
    """Read rows, topic links and index rows of questions written fresh: (record id, body, head rev id).

    With *index_later*, the index rows are held there for the caller to write.
    """
    write_prepared(db, [(record_id, rev_id, prepare(body)) for record_id, body, rev_id in rows], index_later)


def write_prepared(db: Executor, rows: Sequence[tuple[str, str, Prepared]],
                   index_later: IndexLater | None = None) -> None:
    """:func:`write` of (record id, head rev id, the body's :func:`prepare`) for each question written fresh.

    Rows are numbered here, after the largest (as SQLite would number them), so each table takes one
    ``executemany``.
    """
    if not rows:
        return
    last = db.execute("SELECT MAX(row) FROM question_rows").fetchone()[0] or 0
    numbered = [(last + 1 + n, record_id, rev_id, parts) for n, (record_id, rev_id, parts) in enumerate(rows)]
    # The folded stem is the index's folded title (texts[2]): folded once, not once per table.
    db.executemany(_ROW_SQL, [(row, record_id, kind, level, status, texts[2], rev_id)
                              for row, record_id, rev_id, (kind, level, status, _topics, texts) in numbered])
    db.executemany("INSERT INTO question_topic_rows VALUES (?, ?)",
                   [(row, topic_id) for row, _id, _rev, parts in numbered for topic_id in parts[3]])
    indexed = [(row, parts[4]) for row, _id, _rev, parts in numbered]
    if index_later is None:
        _index(db, indexed)
    else:
        index_later.rows += indexed


def _index(db: Executor, rows: Sequence[tuple[int, list[str]]]) -> None:
    """Index rows (row, the four texts of ``indexed_texts``): one ``executemany`` per table."""
    for n, name in enumerate(INDEX_TABLES.values()):
        db.executemany(_INDEX_SQL.format(name=name), [(row, texts[n]) for row, texts in rows])


def clear(db: Executor, record_id: str) -> None:
    """Remove a question's read row, links and index row (the index is told the texts it held)."""
    found = db.execute(_WITH_BODY + " WHERE q.id = ?", [record_id]).fetchone()
    if found is not None:
        _forget(db, *found)


def clear_many(db: Executor, record_ids: Sequence[str]) -> None:
    """:func:`clear` for many questions, in the index's row order.

    FTS5 writes out the rows it holds in memory whenever a row number is not
    above the previous one it was given; clearing in row order (and writing
    the new rows afterwards, numbered above every row) lets it keep them all
    until the commit, instead of making a segment per question and table
    (clearing and writing 100 edited questions one by one took 5× the CPU).
    """
    found: list[tuple[int, str, str | None]] = []
    for start in range(0, len(record_ids), 500):
        part = list(record_ids[start:start + 500])
        found += db.execute(_WITH_BODY + f" WHERE q.id IN ({','.join('?' * len(part))})", part).fetchall()
    for row, record_id, body in sorted(found):
        _forget(db, row, record_id, body)


def _forget(db: Executor, row: int, record_id: str, body: str | None) -> None:
    if body is not None:  # without its revision the texts are unknown: `check` then reports the stale row
        for name, text in zip(INDEX_TABLES.values(), indexed_texts(json.loads(body)), strict=True):
            db.execute(_FORGET_SQL.format(name=name), [row, text])
    db.execute("DELETE FROM question_topic_rows WHERE question_row = ?", [row])
    db.execute("DELETE FROM question_rows WHERE row = ?", [row])


def rebuild(db: Executor) -> int:
    """Make the index again from the read rows (after damage, or a change to how texts are formed)."""
    for name in (_OLD_INDEX, *INDEX_TABLES.values()):
        db.execute(f"DROP TABLE IF EXISTS {name}")
    for name in INDEX_TABLES.values():
        db.execute(FTS_DEFINITION.format(name=name))
    count = 0
    cursor = db.execute(_WITH_BODY + " WHERE r.body IS NOT NULL ORDER BY q.row")
    while batch := cursor.fetchmany(1000):
        _index(db, [(row, indexed_texts(json.loads(body))) for row, _id, body in batch])
        count += len(batch)
    return count


def heads(db: Executor) -> dict[str, tuple[int, int]]:
    """Each live question's id → (its read row, its head revision's feed position).

    Together they fix what a read of the bank in row order returns (the row
    is the order, the revision the body): a question whose pair differs from
    the one read before was written since, whatever wrote it.  One scan of the
    read table, ~30 ms at 50,000 questions.
    """
    rows = db.execute("SELECT id, row, rev_seq FROM question_rows").fetchall()
    return {qid: (row, seq) for qid, row, seq in rows}


def forget_all(db: Executor) -> None:
    """Empty the index (contentless tables cannot be emptied by DELETE)."""
    for name in INDEX_TABLES.values():
        db.execute(f"INSERT INTO {name} ({name}) VALUES ('delete-all')")


def hits(db: Executor, rows: Sequence[int]) -> list[tuple[str, str, str, str, str]]:
    """(record id, kind, topic id, title, body text) of index rows *rows*, in the order given."""
    if not rows:
        return []
    found = db.execute(_WITH_BODY + f" WHERE q.row IN ({','.join('?' for _ in rows)})", list(rows)).fetchall()
    by_row = {}
    for row, record_id, body in found:
        topic_id, title, text = question_texts(json.loads(body) if body else {})
        by_row[row] = (record_id, "question", topic_id, search_form(title), search_form(text))
    return [by_row[row] for row in rows if row in by_row]


def unindexed(db: Executor) -> int:
    """Read rows missing from an index table, and index rows without a read row (both mean search misses)."""
    tables = list(INDEX_TABLES.values())
    missing = db.execute("SELECT COUNT(*) FROM question_rows WHERE "
                         + " OR ".join(f"row NOT IN (SELECT rowid FROM {name})" for name in tables))
    dangling = db.execute("SELECT COUNT(*) FROM (" + " UNION ".join(f"SELECT rowid FROM {name}" for name in tables)
                          + ") WHERE rowid NOT IN (SELECT row FROM question_rows)")
    return missing.fetchone()[0] + dangling.fetchone()[0]
