"""The history of everything that belongs to a topic, and going back in it.

Revisions are listed in local arrival order (``seq``).  The state of the
written plan "at" a revision is, for each section, its latest revision that
arrived no later; with concurrent edits from another machine that is the
local view at the time, which is what the lecturer saw.  :func:`undelete`
brings deleted records (the question bank's «Hoàn tác») back the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lecturer_app.core.model import PlanSection, WrittenPlan
from lecturer_app.core.store import summaries
from lecturer_app.core.store.record_store import Store

PLAN_TYPES = ("written_plan", "plan_section", "slide_deck", "slide")


@dataclass(frozen=True)
class HistoryEntry:
    """One revision of one of the topic's records, as a history list shows it."""

    seq: int
    rev_id: str
    record_id: str
    type: str
    label: str
    author: str
    device: str
    hlc: str
    summary: str
    deleted: bool


def _topic_record_ids(store: Store, topic_id: str) -> list[str]:
    # `m.type <> 'question'` (here and in plan_at) lets SQLite use records_type, which leaves questions out (m015).
    marks = ",".join("?" for _ in PLAN_TYPES)
    rows = store.db.execute(
        f"SELECT DISTINCT r.record_id FROM records m JOIN revisions r ON r.record_id = m.id WHERE m.type IN ({marks}) "
        "AND m.type <> 'question' AND json_extract(r.body, '$.topic_id') = ? "
        "UNION SELECT DISTINCT r.record_id FROM records m JOIN revisions r ON r.record_id = m.id "
        "WHERE m.type = 'attachment' AND m.type <> 'question' AND json_extract(r.body, '$.owner_id') = ?",
        [*PLAN_TYPES, topic_id, topic_id]).fetchall()
    return [topic_id] + [r[0] for r in rows]


def topic_history(store: Store, topic_id: str, limit: int = 2000) -> list[HistoryEntry]:
    """Revisions of the topic, its plan, sections, deck, slides and attachments, newest first."""
    ids = _topic_record_ids(store, topic_id)
    marks = ",".join("?" for _ in ids)
    rows = store.db.execute(
        "SELECT seq, rev_id, record_id, type, coalesce(json_extract(body, '$.heading'), "
        "json_extract(body, '$.title'), json_extract(body, '$.filename'), ''), author, device, hlc, summary, deleted "
        f"FROM revisions WHERE record_id IN ({marks}) ORDER BY seq DESC LIMIT ?", [*ids, limit]).fetchall()
    labels = _last_labels(store, ids)
    return [HistoryEntry(seq, rev, rid, rtype, label or labels.get(rid, ""), author, device, hlc, summary,
                         bool(deleted))
            for seq, rev, rid, rtype, label, author, device, hlc, summary, deleted in rows]


def _last_labels(store: Store, ids: list[str]) -> dict[str, str]:
    """A name for deleted records (their tombstone has no body): the last one they had."""
    marks = ",".join("?" for _ in ids)
    rows = store.db.execute(
        "SELECT record_id, coalesce(json_extract(body, '$.heading'), json_extract(body, '$.title'), "
        f"json_extract(body, '$.filename'), '') FROM revisions WHERE record_id IN ({marks}) AND deleted = 0 "
        "ORDER BY seq", ids).fetchall()
    return dict(rows)


def plan_at(store: Store, topic_id: str, seq: int) -> tuple[WrittenPlan | None, list[PlanSection]]:
    """The written plan and its live sections as they were once revision *seq* had arrived."""
    rows = store.db.execute(
        "SELECT r.record_id, r.type, r.body, r.deleted FROM revisions r JOIN ("
        "  SELECT record_id, MAX(seq) AS last FROM revisions WHERE seq <= ? AND record_id IN ("
        "    SELECT DISTINCT r.record_id FROM records m JOIN revisions r ON r.record_id = m.id "
        "    WHERE m.type IN ('written_plan', 'plan_section') AND m.type <> 'question' "
        "    AND json_extract(r.body, '$.topic_id') = ?"
        "  ) GROUP BY record_id"
        ") x ON x.record_id = r.record_id AND x.last = r.seq", [seq, topic_id]).fetchall()
    plan = None
    sections = []
    for record_id, rtype, body, deleted in rows:
        if deleted:
            continue
        if rtype == "written_plan":
            plan = WrittenPlan.from_body(record_id, json.loads(body))
        else:
            sections.append(PlanSection.from_body(record_id, json.loads(body)))
    if plan is not None:
        sections = [s for s in sections if s.plan_id == plan.id]
    return plan, sorted(sections, key=lambda s: s.position)


def restore_revision(store: Store, entry: HistoryEntry) -> None:
    """Make *entry*'s content current; for a deletion, bring back the content it removed."""
    rev_id = content_before(store, entry.record_id, entry.seq) if entry.deleted else entry.rev_id
    if rev_id is None:
        return
    summary = summaries.RESTORED_FROM.format(summary=entry.summary or entry.label)[:200]
    store.restore(entry.record_id, rev_id, summary=summary)


def content_before(store: Store, record_id: str, seq: int) -> str | None:
    """The revision holding what a deletion arriving as *seq* removed: the record's last live one before it."""
    row = store.db.execute(
        "SELECT rev_id FROM revisions WHERE record_id = ? AND seq < ? AND deleted = 0 ORDER BY seq DESC LIMIT 1",
        [record_id, seq]).fetchone()
    return row[0] if row else None


def undelete(store: Store, record_ids: Sequence[str], *, summary: str,
             progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Bring deleted records back as they were just before their deletion; returns the ids brought back.

    The same restore as the topic's Lịch sử (:func:`restore_revision` of a
    deletion): each comes back as a new revision on top of its tombstone, so
    its id, body and links are those it had, and sync carries the undo like
    any edit.  A record that is not deleted now (brought back meanwhile, or
    never deleted) is left as it is.  One transaction: all or nothing, so a
    cancelled *progress* (it may raise) brings nothing back.
    """
    restored: list[str] = []
    with store.transaction():
        for done, record_id in enumerate(record_ids, 1):
            rev_id = _deleted_content(store, record_id)
            if rev_id is not None:
                store.restore(record_id, rev_id, summary=summary)
                restored.append(record_id)
            if progress is not None:
                progress(done, len(record_ids))
    return restored


def _deleted_content(store: Store, record_id: str) -> str | None:
    """What :func:`content_before` the displayed tombstone of *record_id*; None when it is not deleted."""
    row = store.db.execute(
        "SELECT v.seq FROM records m JOIN revisions v ON v.rev_id = m.head_rev WHERE m.id = ? AND m.deleted = 1",
        [record_id]).fetchone()
    return content_before(store, record_id, row[0]) if row else None


def restore_plan_at(store: Store, topic_id: str, seq: int, summary: str) -> int:
    """Put the whole written plan back as it was at *seq* (one transaction); returns records written."""
    plan, sections = plan_at(store, topic_id, seq)
    wanted = {s.id: s for s in sections}
    if plan is not None:
        wanted[plan.id] = plan  # type: ignore[assignment]
    written = 0
    with store.transaction():
        current = store.select(PlanSection, "topic_id = ?", [topic_id])
        for section in current:
            if section.id not in wanted:
                store.delete(section.id, summary=summary)
                written += 1
        for record in wanted.values():
            if store.save(record, summary=summary) is not None:
                written += 1
    return written


@dataclass(frozen=True)
class DeletedRecord:
    """A record whose displayed revision is a deletion, named by the content it had before."""

    record_id: str
    deleted_at: str  # the deletion's time stamp (hlc)
    author: str  # who deleted it
    label: str  # what it was called: a question's stem, else its title, heading or file name


def deleted_records(store: Store, rtype: str) -> list[DeletedRecord]:
    """The deleted records of type *rtype* (e.g. "question"), the latest deleted first.

    One query: each tombstone joined to what :func:`content_before` it (the
    record's last live revision before the deletion, found through the
    ``revisions_record`` index), for its label; none (a record that arrived
    deleted) gives "".  A query per deleted record made ``questions deleted``
    cost two round trips each.
    """
    rows = store.db.execute(
        "SELECT m.id, v.hlc, v.author, coalesce(json_extract(b.body, '$.stem'), json_extract(b.body, '$.title'), "
        "json_extract(b.body, '$.heading'), json_extract(b.body, '$.filename'), '') "
        "FROM records m JOIN revisions v ON v.rev_id = m.head_rev "
        "LEFT JOIN revisions b ON b.rev_id = (SELECT p.rev_id FROM revisions p WHERE p.record_id = m.id "
        "AND p.seq < v.seq AND p.deleted = 0 ORDER BY p.seq DESC LIMIT 1) "
        "WHERE m.type = ? AND m.deleted = 1 ORDER BY v.seq DESC", [rtype]).fetchall()
    return [DeletedRecord(record_id, hlc, author, label) for record_id, hlc, author, label in rows]
