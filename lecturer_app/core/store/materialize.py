"""Keeps the per-type read tables and the search index equal to the displayed heads.

The revision log is the truth; these tables are derived from it and can be
rebuilt at any time (``Store.rebuild_materialized``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

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

Columns = Callable[[dict[str, Any]], dict[str, Any]]

# Two full-text indexes: questions are many and are searched unranked.
SEARCH_INDEX = "search_index"
QUESTION_INDEX = "question_index"


def _fts_table(name: str) -> str:
    if name not in (SEARCH_INDEX, QUESTION_INDEX):
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
    if rtype == "question":
        options = "\n".join(o.get("text", "") for o in body.get("options", []))
        topic_ids = body.get("topic_ids") or [""]
        text = "\n".join([options, "\n".join(body.get("answers", [])), body.get("guide", "")])
        return "question", topic_ids[0], body.get("stem", ""), text
    return None


def clear(db: Database, record_id: str, rtype: str) -> None:
    table = TABLES.get(rtype)
    if table is None:
        return
    if rtype == "topic":
        db.execute("DELETE FROM topic_programs WHERE topic_id = ?", [record_id])
    if rtype == "question":
        db.execute("DELETE FROM question_topics WHERE question_id = ?", [record_id])
    db.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
    row = db.execute("SELECT fts_rowid, fts_table FROM search_rows WHERE record_id = ?", [record_id]).fetchone()
    if row:
        db.execute(f"DELETE FROM {_fts_table(row[1])} WHERE rowid = ?", [row[0]])
        db.execute("DELETE FROM search_rows WHERE record_id = ?", [record_id])


def write(db: Database, record_id: str, rtype: str, body: dict[str, Any], body_json: str = "",
          *, fresh: bool = False) -> None:
    """Replace the read rows of one record with *body* (*body_json*: its canonical JSON, if known).

    *fresh* says the record has never been written here, so there is nothing to clear.
    """
    if not fresh:
        clear(db, record_id, rtype)
    table = TABLES.get(rtype)
    if table is None:
        return
    row = {"id": record_id, **_COLUMNS[rtype](body), "body": body_json or canonical_json(body)}
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    _write_links(db, record_id, rtype, body)
    _index(db, record_id, rtype, body)


def write_new_many(db: Database, items: list[tuple[str, str, dict[str, Any], str]]) -> None:
    """:func:`write` with *fresh* for many records never written here: (id, type, body, body_json) each.

    One statement per table instead of five per record (a bundle brings
    tens of thousands); the rows are the same as :func:`write` makes.
    """
    tables: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
    programs: list[tuple[Any, ...]] = []
    topics: list[tuple[str, str]] = []
    indexed: dict[str, list[tuple[str, ...]]] = {SEARCH_INDEX: [], QUESTION_INDEX: []}
    for record_id, rtype, body, body_json in items:
        table = TABLES.get(rtype)
        if table is None:
            continue
        row = {"id": record_id, **_COLUMNS[rtype](body), "body": body_json or canonical_json(body)}
        tables.setdefault((table, tuple(row)), []).append(tuple(row.values()))
        if rtype == "topic":
            programs += [(record_id, m.get("program_id"), m.get("module_id"), m.get("number"))
                         for m in body.get("memberships", [])]
        elif rtype == "question":
            topics += [(record_id, topic_id) for topic_id in dict.fromkeys(body.get("topic_ids", []))]
        entry = _search_entry(rtype, body)
        if entry is not None:
            kind, topic_id, title, text = entry
            indexed[QUESTION_INDEX if kind == "question" else SEARCH_INDEX].append(
                (record_id, kind, topic_id, search_form(title), search_form(text), fold(title), fold(text)))
    for (table, columns), rows in tables.items():
        db.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                            rows)
    db.conn.executemany("INSERT OR REPLACE INTO topic_programs VALUES (?,?,?,?)", programs)
    db.conn.executemany("INSERT INTO question_topics VALUES (?, ?)", topics)
    for name, entries in indexed.items():
        _index_many(db, name, entries)


def _index_many(db: Database, name: str, entries: list[tuple[str, ...]]) -> None:
    if not entries:
        return
    table = _fts_table(name)
    last = db.execute(f"SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT 1").fetchone()
    first = (last[0] if last else 0) + 1
    db.conn.executemany(f"INSERT INTO {table} (rowid, record_id, kind, topic_id, title, body, title_f, body_f) "
                        "VALUES (?,?,?,?,?,?,?,?)", [(first + n, *entry) for n, entry in enumerate(entries)])
    db.conn.executemany("INSERT INTO search_rows VALUES (?, ?, ?)",
                        [(entry[0], first + n, table) for n, entry in enumerate(entries)])


def _index(db: Database, record_id: str, rtype: str, body: dict[str, Any]) -> None:
    entry = _search_entry(rtype, body)
    if entry is not None:
        kind, topic_id, title, text = entry
        table = QUESTION_INDEX if kind == "question" else SEARCH_INDEX
        cursor = db.execute(
            f"INSERT INTO {table} (record_id, kind, topic_id, title, body, title_f, body_f) "
            "VALUES (?,?,?,?,?,?,?)",
            [record_id, kind, topic_id, search_form(title), search_form(text), fold(title), fold(text)],
        )
        db.execute("INSERT INTO search_rows VALUES (?, ?, ?)", [record_id, cursor.lastrowid, table])


def _write_links(db: Database, record_id: str, rtype: str, body: dict[str, Any]) -> None:
    if rtype == "topic":
        for m in body.get("memberships", []):
            db.execute(
                "INSERT OR REPLACE INTO topic_programs VALUES (?,?,?,?)",
                [record_id, m.get("program_id"), m.get("module_id"), m.get("number")],
            )
    elif rtype == "question":
        for topic_id in dict.fromkeys(body.get("topic_ids", [])):
            db.execute("INSERT INTO question_topics VALUES (?, ?)", [record_id, topic_id])


# The full-text tables' definition (migrations 003 and 007 made them so; kept equal by a test).
FTS_DEFINITION = (
    "CREATE VIRTUAL TABLE {name} USING fts5("
    "record_id UNINDEXED, kind UNINDEXED, topic_id UNINDEXED, "
    "title, body, title_f, body_f, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
)
INDEXED_TYPES = ("topic", "plan_section", "slide", "question")


def rebuild_search_index(db: Database) -> int:
    """Drop both full-text indexes and fill them again from the read tables; returns the records indexed.

    Dropping (rather than deleting rows) also gets rid of damaged index pages
    that FTS5 itself can no longer read.
    """
    count = 0
    with db.atomic():
        for name in (SEARCH_INDEX, QUESTION_INDEX):
            db.execute(f"DROP TABLE IF EXISTS {_fts_table(name)}")
            db.execute(FTS_DEFINITION.format(name=name))
        db.execute("DELETE FROM search_rows")
        for rtype in INDEXED_TYPES:
            for record_id, body in db.execute(f"SELECT id, body FROM {TABLES[rtype]}").fetchall():
                _index(db, record_id, rtype, json.loads(body))
                count += 1
    return count
