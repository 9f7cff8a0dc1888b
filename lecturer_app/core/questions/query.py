"""Questions as the bank workspace lists them: filtered rows, counts, bulk edits.

Rows are read with a few ``json_extract`` columns rather than whole records,
so listing 50,000 questions stays a fraction of a second; the editor loads
the full record of the one row selected.  Bulk actions write every changed
question in one transaction (one user action = one transaction).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from lecturer_app.core.model import Question
from lecturer_app.core.store.changes import last_seq
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.normalize import fold


@dataclass(frozen=True)
class QuestionFilter:
    """What the workspace shows; empty fields do not filter."""

    program_id: str = ""
    topic_id: str = ""
    type: str = ""
    level: str = ""
    status: str = ""
    tag: str = ""
    text: str = ""
    no_topic: bool = False


@dataclass(frozen=True)
class QuestionRow:
    """One line of the list: enough to show and sort, not the whole record."""

    id: str
    type: str
    stem: str
    level: str
    status: str
    points: float
    topic_codes: str
    tags: tuple[str, ...] = field(default_factory=tuple)


_ROW_SQL = ("SELECT q.id, q.type, json_extract(q.body, '$.stem'), q.level, q.status, "
            "json_extract(q.body, '$.points'), json_extract(q.body, '$.tags'), "
            "(SELECT group_concat(t.code, ', ') FROM question_topic_rows qt JOIN topics t ON t.id = qt.topic_id "
            " WHERE qt.question_row = q.rowid) FROM questions q")
# Creation order (first local revision), stable when a question is edited.
_CREATED = "(SELECT MIN(seq) FROM revisions r WHERE r.record_id = q.id)"
# What each column of the list sorts by (the table model's columns, in order); ties go by id, which for
# questions made by this app (UUIDv7) is creation time: half the cost of creation order at 200,000.
SORT_KEYS = (
    "q.type",
    "q.stem_folded",
    "q.level",
    "(SELECT MIN(t.code) FROM question_topic_rows qt JOIN topics t ON t.id = qt.topic_id "
    "WHERE qt.question_row = q.rowid)",
    "CAST(json_extract(q.body, '$.points') AS REAL)",
    "q.status",
    "json_extract(q.body, '$.tags')",
)


@dataclass(frozen=True)
class QuestionOrder:
    """How the list is sorted: by a column of :data:`SORT_KEYS`, or (``column`` -1) in creation order."""

    column: int = -1
    descending: bool = False

    def sql(self) -> str:
        direction = " DESC" if self.descending else ""
        if not 0 <= self.column < len(SORT_KEYS):
            return _CREATED + direction
        return f"{SORT_KEYS[self.column]}{direction}, q.id"


def query_rows(store: Store, flt: QuestionFilter = QuestionFilter(), limit: int | None = None) -> list[QuestionRow]:
    """The questions matching *flt*, in creation order (stable across edits)."""
    where, params = _where(flt)
    sql = _ROW_SQL
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY " + _CREATED
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_row(r) for r in store.db.execute(sql, params).fetchall()]


def query_ids(store: Store, flt: QuestionFilter = QuestionFilter(),
              order: QuestionOrder = QuestionOrder()) -> list[str]:
    """The ids of the questions matching *flt*, in *order*: all a lazy list keeps of each (about 90 bytes).

    Its rows are read a page at a time with :func:`rows_by_id`.
    """
    sql, params = ids_sql(flt, order)
    return [row[0] for row in store.db.execute(sql, params)]


def ids_sql(flt: QuestionFilter = QuestionFilter(), order: QuestionOrder = QuestionOrder()) -> tuple[str, list[object]]:
    """The statement :func:`query_ids` runs, and its parameters."""
    where, params = _where(flt)
    sql = "SELECT q.id FROM questions q" + (" WHERE " + " AND ".join(where) if where else "")
    return sql + " ORDER BY " + order.sql(), params


def holds_at_least(store: Store, count: int) -> bool:
    """Whether the bank holds *count* questions or more, counting only that far (60 ms at 200,000 for 3,000).

    How the GUI decides to read or check a bank on a worker thread.
    """
    sql = "SELECT COUNT(*) FROM (SELECT 1 FROM questions LIMIT ?)"
    return store.db.execute(sql, [count]).fetchone()[0] >= count


def questions_and_seq(store: Store) -> tuple[list[Question], int]:
    """Every live question (in creation order) and the change feed's position they were read at.

    Read in one snapshot, so a revision that arrives after the position is
    one these questions do not show yet (``changes.changed_after``): how a
    quality finding knows it no longer holds.
    """
    with store.db.atomic(immediate=False):  # a read transaction: nothing is written between the two reads
        seq = last_seq(store.db)
        return store.select(Question, order_by="rowid"), seq


def rows_by_id(store: Store, ids: Sequence[str]) -> dict[str, QuestionRow]:
    """The list rows of the questions *ids* (a page of a lazy list); deleted ones are absent."""
    rows: dict[str, QuestionRow] = {}
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        chunk = list(ids[start:start + _IDS_PER_STATEMENT])
        sql = f"{_ROW_SQL} WHERE q.id IN ({', '.join('?' for _ in chunk)})"
        rows.update((r[0], _row(r)) for r in store.db.execute(sql, chunk))
    return rows


# Well under SQLite's limit on bound parameters (32,766 since 3.32; 999 before).
_IDS_PER_STATEMENT = 500


def _row(r: tuple) -> QuestionRow:
    return QuestionRow(r[0], r[1] or "", r[2] or "", r[3] or "", r[4] or "draft", float(r[5] or 0), r[7] or "",
                       tuple(json.loads(r[6] or "[]")))


def _where(flt: QuestionFilter) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if flt.topic_id:
        where.append("q.rowid IN (SELECT question_row FROM question_topic_rows WHERE topic_id = ?)")
        params.append(flt.topic_id)
    elif flt.program_id:
        where.append("q.rowid IN (SELECT qt.question_row FROM question_topic_rows qt JOIN topic_programs tp "
                     "ON tp.topic_id = qt.topic_id WHERE tp.program_id = ?)")
        params.append(flt.program_id)
    if flt.no_topic:
        where.append("q.rowid NOT IN (SELECT question_row FROM question_topic_rows)")
    # A topic's questions are few; a type or status may be most of the bank.  The unary + keeps SQLite walking
    # the topic's questions instead of the index by type and status (m017): 9 → 41 ms at 200,000 questions.
    walk = "+" if flt.topic_id or flt.program_id else ""
    for column, value in (("q.type", flt.type), ("q.level", flt.level), ("q.status", flt.status)):
        if value:
            where.append(f"{walk}{column} = ?")
            params.append(value)
    if flt.tag:
        where.append("EXISTS (SELECT 1 FROM json_each(q.body, '$.tags') WHERE value = ?)")
        params.append(flt.tag)
    if flt.text.strip():
        for word in fold(flt.text).split():
            where.append("q.stem_folded LIKE ? ESCAPE '\\'")
            params.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return where, params


def all_tags(store: Store) -> list[str]:
    rows = store.db.execute("SELECT DISTINCT value FROM questions, json_each(questions.body, '$.tags') "
                            "ORDER BY value").fetchall()
    return [r[0] for r in rows if r[0]]


def level_matrix(store: Store, levels: Sequence[str], program_id: str = "") -> list[tuple[str, str, list[int]]]:
    """Topic × level counts: (topic code, title, [count per level…, other/no level, total])."""
    sql = ("SELECT t.id, t.code, t.title, q.level, COUNT(*) FROM question_topic_rows qt "
           "JOIN topics t ON t.id = qt.topic_id JOIN questions q ON q.rowid = qt.question_row ")
    params: list[object] = []
    if program_id:
        sql += "WHERE t.id IN (SELECT topic_id FROM topic_programs WHERE program_id = ?) "
        params.append(program_id)
    sql += "GROUP BY t.id, q.level"
    topics = store.db.execute(
        "SELECT id, code, title FROM topics" + (" WHERE id IN (SELECT topic_id FROM topic_programs "
                                                "WHERE program_id = ?)" if program_id else "") + " ORDER BY code",
        params).fetchall()
    counts: dict[str, list[int]] = {tid: [0] * (len(levels) + 2) for tid, _c, _t in topics}
    index = {level: i for i, level in enumerate(levels)}
    for topic_id, _code, _title, level, count in store.db.execute(sql, params).fetchall():
        row = counts.setdefault(topic_id, [0] * (len(levels) + 2))
        row[index.get(level or "", len(levels))] += count
        row[-1] += count
    return [(code, title, counts[tid]) for tid, code, title in topics]


# --- Bulk actions --------------------------------------------------------------


def _update(store: Store, ids: Iterable[str], change, summary: str) -> int:
    changed = 0
    with store.transaction():
        for question_id in ids:
            question = store.get(Question, question_id)
            if question is None:
                continue
            change(question)
            if store.save(question, summary=summary) is not None:
                changed += 1
    return changed


def move_to_topic(store: Store, ids: Iterable[str], topic_id: str) -> int:
    """Link the questions to *topic_id* only (Chuyển chuyên đề)."""
    def change(q: Question) -> None:
        q.topic_ids = [topic_id]
    return _update(store, ids, change, "Chuyển chuyên đề")


def set_level(store: Store, ids: Iterable[str], level: str) -> int:
    def change(q: Question) -> None:
        q.level = level
    return _update(store, ids, change, f"Đặt mức độ {level}")


def set_status(store: Store, ids: Iterable[str], status: str) -> int:
    def change(q: Question) -> None:
        q.status = status
    return _update(store, ids, change, "Duyệt câu hỏi" if status == "approved" else "Chuyển về nháp")


def delete_questions(store: Store, ids: Sequence[str], *, summary: str,
                     progress: Callable[[int, int], None] | None = None) -> int:
    """Delete the questions *ids* (tombstones: ``core.bank.history.undelete`` brings them back); returns how many.

    One transaction, so a *progress* that raises (Hủy) deletes nothing.  An id
    that is no question here, or one already deleted, is passed over.
    """
    deleted = 0
    with store.transaction():
        for done, question_id in enumerate(ids, 1):
            if _is_live_question(store, question_id):
                store.delete(question_id, summary=summary)
                deleted += 1
            if progress is not None:
                progress(done, len(ids))
    return deleted


def _is_live_question(store: Store, question_id: str) -> bool:
    row = store.db.execute("SELECT 1 FROM records WHERE id = ? AND type = 'question' AND deleted = 0",
                           [question_id]).fetchone()
    return row is not None
