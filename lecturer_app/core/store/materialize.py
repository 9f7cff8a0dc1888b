"""Keeps the per-type read tables and the search index equal to the displayed heads.

The revision log is the truth; these tables are derived from it and can be
rebuilt at any time (``Store.rebuild_materialized``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from lecturer_app.core.store import question_rows
from lecturer_app.core.store.canonical import canonical_json
from lecturer_app.core.store.db import Database
from lecturer_app.core.text.normalize import fold, search_form

TABLES: dict[str, str] = {
    "organization": "organizations",
    "program": "programs",
    "module": "modules",
    "topic": "topics",
    "written_plan": "written_plans",
    "plan_section": "plan_sections",
    "slide_deck": "slide_decks",
    "slide": "slides",
    "question": "questions",
    "attachment": "attachments",
    "blueprint": "blueprints",
    "exam": "exams",
}

# Plan sections and slides are stored once (migration 016), as questions are: their read rows keep the columns
# queries use and the displayed head's seq, and the views ``plan_sections`` and ``slides`` add the body from
# the log.  Their read rows are written here.
ROW_TABLES = {"plan_section": "plan_section_rows", "slide": "slide_rows"}

# The tables the read rows are written to (``questions``, ``question_topics``, ``plan_sections`` and ``slides``
# are views over some of them), full-text indexes aside.
WRITTEN_TABLES = ("topic_programs", "question_topic_rows", "question_rows", "search_index", "search_rows",
                  *sorted({ROW_TABLES.get(rtype, table) for rtype, table in TABLES.items() if table != "questions"}))

Columns = Callable[[dict[str, Any]], dict[str, Any]]

# The full-text index of topics, plan sections and slides; questions are many and are searched unranked, in
# question_rows.INDEX_TABLES.
SEARCH_INDEX = "search_index"


def _fts_table(name: str) -> str:
    if name != SEARCH_INDEX:
        raise ValueError(f"unknown index {name!r}")
    return name


def _pick(*names: str) -> Columns:
    return lambda body: {name: body.get(name) for name in names}


_COLUMNS: dict[str, Columns] = {
    "organization": _pick("name", "parent_id"),
    "program": _pick("code", "title", "position"),
    "module": _pick("program_id", "code", "title", "position"),
    "topic": lambda b: {"code": b.get("code"), "title": b.get("title"), "periods": b.get("periods") or 0,
                        "status": b.get("status"), "sample": int(bool(b.get("sample")))},
    "written_plan": _pick("topic_id"),
    "plan_section": _pick("plan_id", "topic_id", "position", "kind", "heading"),
    "slide_deck": _pick("topic_id"),
    "slide": _pick("deck_id", "topic_id", "position", "layout", "title"),
    "question": lambda b: {"type": b.get("type"), "level": b.get("level"), "status": b.get("status"),
                           "stem_folded": fold(b.get("stem", ""))},
    "attachment": _pick("owner_id", "sha256", "filename", "role"),
    "blueprint": _pick("name"),
    "exam": _pick("title", "created"),
}


def _bullets_text(bullets: list[dict[str, Any]]) -> str:
    return "\n".join(b.get("text", "") for b in bullets or [])


def _search_entry(rtype: str, body: dict[str, Any]) -> tuple[str, str, str, str] | None:
    """(kind, topic_id, title, body text) indexed for a record, or None."""
    if rtype == "topic":
        extra = " ".join(filter(None, [body.get("code", ""), body.get("audience", ""), body.get("legal_basis", "")]))
        return "topic", "", body.get("title", ""), extra
    if rtype == "plan_section":
        return "plan", body.get("topic_id", ""), body.get("heading", ""), body.get("body", "")
    if rtype == "slide":
        table = "\n".join(" ".join(row) for row in (body.get("table") or {}).get("rows", []))
        text = "\n".join([body.get("subtitle", ""), _bullets_text(body.get("bullets", [])),
                          _bullets_text(body.get("right_bullets", [])), table, body.get("notes", "")])
        return "slide", body.get("topic_id", ""), body.get("title", ""), text
    return None


def clear(db: Database, record_id: str, rtype: str) -> None:
    table = TABLES.get(rtype)
    if table is None:
        return
    if rtype == "question":
        question_rows.clear(db, record_id)
        return
    if rtype == "topic":
        db.execute("DELETE FROM topic_programs WHERE topic_id = ?", [record_id])
    db.execute(f"DELETE FROM {ROW_TABLES.get(rtype, table)} WHERE id = ?", [record_id])
    row = db.execute("SELECT fts_rowid, fts_table FROM search_rows WHERE record_id = ?", [record_id]).fetchone()
    if row:
        db.execute(f"DELETE FROM {_fts_table(row[1])} WHERE rowid = ?", [row[0]])
        db.execute("DELETE FROM search_rows WHERE record_id = ?", [record_id])


def write(db: Database, record_id: str, rtype: str, body: dict[str, Any], body_json: str = "",
          *, rev_id: str, fresh: bool = False) -> None:
    """Replace the read rows of one record with *body*, the body of its displayed head *rev_id*.

    *body_json* is the body's canonical JSON, if known; *fresh* says the
    record has never been written here, so there is nothing to clear.
    """
    if not fresh:
        clear(db, record_id, rtype)
    table = TABLES.get(rtype)
    if table is None:
        return
    if rtype == "question":
        question_rows.write(db, [(record_id, body, rev_id)])
        return
    sql, values = _read_row(record_id, rtype, body, body_json, rev_id)
    db.execute(sql, values)
    for sql, values in _link_rows(record_id, rtype, body):
        db.execute(sql, values)
    _index(db, record_id, rtype, body)


def write_fresh_many(db: Database, rows: Sequence[tuple[str, str, dict[str, Any], str, str]],
                     question_index: question_rows.IndexLater | None = None) -> None:
    """:func:`write` with ``fresh=True`` for each (record id, type, body, body JSON, rev id) of a bulk save.

    One ``executemany`` per table instead of several statements per record;
    the rows written are the same (a test rebuilds the read tables and compares).
    With *question_index*, the questions' index rows are held there (``question_rows.IndexLater``).
    """
    tables: dict[str, list[list[Any]]] = {}
    links: dict[str, list[list[Any]]] = {}
    question_rows.write(db, [(record_id, body, rev_id) for record_id, rtype, body, _json, rev_id in rows
                          if rtype == "question"], question_index)
    for record_id, rtype, body, body_json, rev_id in rows:
        if rtype not in TABLES or rtype == "question":
            continue
        sql, values = _read_row(record_id, rtype, body, body_json, rev_id)
        tables.setdefault(sql, []).append(values)
        for sql, values in _link_rows(record_id, rtype, body):
            links.setdefault(sql, []).append(values)
    for sql, values_list in (*tables.items(), *links.items()):
        db.executemany(sql, values_list)
    _index_many(db, [(record_id, rtype, body) for record_id, rtype, body, _json, _rev in rows])


def _read_row(record_id: str, rtype: str, body: dict[str, Any], body_json: str, rev_id: str) -> tuple[str, list[Any]]:
    """The statement and values that write a record's read row: its columns and body, or (ROW_TABLES) its
    columns and the seq of its displayed head *rev_id*."""
    row = {"id": record_id, **_COLUMNS[rtype](body)}
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    if rtype in ROW_TABLES:
        return (f"INSERT INTO {ROW_TABLES[rtype]} ({names}, rev_seq) VALUES ({marks}, "
                "(SELECT seq FROM revisions WHERE rev_id = ?))", [*row.values(), rev_id])
    return (f"INSERT INTO {TABLES[rtype]} ({names}, body) VALUES ({marks}, ?)",
            [*row.values(), body_json or canonical_json(body)])


_INDEX_SQL = "INSERT INTO {table} (rowid, record_id, kind, topic_id, title, body, title_f, body_f) " \
             "VALUES (?,?,?,?,?,?,?,?)"


def _index_values(record_id: str, rtype: str, body: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The full-text table of a record and its row (rowid left out), or None when it is not indexed."""
    entry = _search_entry(rtype, body)
    if entry is None:
        return None
    kind, topic_id, title, text = entry
    return SEARCH_INDEX, [record_id, kind, topic_id, search_form(title), search_form(text), fold(title), fold(text)]


def _index(db: Database, record_id: str, rtype: str, body: dict[str, Any]) -> None:
    found = _index_values(record_id, rtype, body)
    if found is not None:
        table, values = found
        cursor = db.execute(_INDEX_SQL.format(table=table), [None, *values])
        db.execute("INSERT INTO search_rows VALUES (?, ?, ?)", [record_id, cursor.lastrowid, table])


def _index_many(db: Database, records: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
    """:func:`_index` for many records: rowids are numbered here, so each table takes one ``executemany``."""
    rows: dict[str, list[list[Any]]] = {}
    for record_id, rtype, body in records:
        found = _index_values(record_id, rtype, body)
        if found is not None:
            rows.setdefault(found[0], []).append(found[1])
    for table, values_list in rows.items():
        # FTS5 numbers a row after the largest rowid, as here; read in rowid order, this is one look-up.
        last = db.execute(f"SELECT rowid FROM {_fts_table(table)} ORDER BY rowid DESC LIMIT 1").fetchone()
        first = (last[0] if last else 0) + 1
        db.executemany(_INDEX_SQL.format(table=table),
                       ([first + n, *values] for n, values in enumerate(values_list)))
        db.executemany("INSERT INTO search_rows VALUES (?, ?, ?)",
                       ((values[0], first + n, table) for n, values in enumerate(values_list)))


def _link_rows(record_id: str, rtype: str, body: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """The statements and values that write a record's link rows (programs of a topic, topics of a question)."""
    if rtype == "topic":
        return [("INSERT OR REPLACE INTO topic_programs VALUES (?,?,?,?)",
                 [record_id, m.get("program_id"), m.get("module_id"), m.get("number")])
                for m in body.get("memberships", [])]
    return []


# The definition of search_index (migration 003 made it so; kept equal by a test); the questions' index tables
# have their own (question_rows.FTS_DEFINITION, migration 013).
FTS_DEFINITION = (
    "CREATE VIRTUAL TABLE {name} USING fts5("
    "record_id UNINDEXED, kind UNINDEXED, topic_id UNINDEXED, "
    "title, body, title_f, body_f, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
)
# The types search_index holds (each with a search_rows row); questions are in question_rows.INDEX_TABLES.
INDEXED_TYPES = ("topic", "plan_section", "slide")


def rebuild_search_index(db: Database) -> int:
    """Drop both full-text indexes and fill them again from the read tables; returns the records indexed.

    Dropping (rather than deleting rows) also gets rid of damaged index pages
    that FTS5 itself can no longer read.
    """
    with db.atomic():
        db.execute(f"DROP TABLE IF EXISTS {SEARCH_INDEX}")
        db.execute(FTS_DEFINITION.format(name=SEARCH_INDEX))
        db.execute("DELETE FROM search_rows")
        count = question_rows.rebuild(db)
        for rtype in INDEXED_TYPES:
            rows = db.execute(f"SELECT id, body FROM {TABLES[rtype]}").fetchall()
            _index_many(db, [(record_id, rtype, json.loads(body)) for record_id, body in rows])
            count += len(rows)
    return count
