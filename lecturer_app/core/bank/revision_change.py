"""What one revision of a topic changed, or what changed between two: the History tab's lower pane.

The written plan is compared section by section (:func:`diff_plan`), the deck
slide by slide (:func:`diff_deck`), and any other record (topic info, deck
settings, attachments, the plan's header) field by field.  Everything here is
read from the revision log, so a deleted slide still shows its last content.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lecturer_app.core.bank.history import HistoryEntry, plan_at
from lecturer_app.core.model import RECORD_CLASSES, Slide
from lecturer_app.core.plans.diff import SectionDiff, diff_plan
from lecturer_app.core.plans.slide_diff import SlideDiff, diff_deck, slide_diff
from lecturer_app.core.store.record_store import Store

PLAN_KINDS = ("written_plan", "plan_section")
SLIDE_KINDS = ("slide", "slide_deck")
# The records a topic has one of (a plan header, deck settings: at most a few), in the order the pane lists them.
TOPIC_PARTS = ("topic", "written_plan", "slide_deck")
# Links between records, not content a lecturer edits.
LINK_FIELDS = frozenset({"topic_id", "owner_id", "deck_id", "plan_id"})


@dataclass(frozen=True)
class FieldChange:
    """One field of a record (a nested key as "header.ten_bai") with its old and new value."""

    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordChange:
    """The changed fields of one record that is neither a plan section nor a slide."""

    record_id: str
    type: str
    label: str
    fields: list[FieldChange]
    created: bool = False
    deleted: bool = False


@dataclass
class RevisionChange:
    """The lower pane's content: *sections* and *slides* are None when the selection does not concern them."""

    older: int
    newer: int
    sections: list[SectionDiff] | None = None
    slides: list[SlideDiff] | None = None
    records: list[RecordChange] = field(default_factory=list)


def body_at(store: Store, record_id: str, seq: int) -> dict[str, Any] | None:
    """The record's body as it was once revision *seq* had arrived; None if it was absent or deleted."""
    row = store.db.execute(
        "SELECT body, deleted FROM revisions WHERE record_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1",
        [record_id, seq]).fetchone()
    if row is None or row[1] or row[0] is None:
        return None
    return dict(json.loads(row[0]))


def topic_slide_ids(store: Store, topic_id: str) -> list[str]:
    """Every slide that ever belonged to the topic, deleted ones included (a scan of the slides' revisions)."""
    # `m.type <> 'question'` lets SQLite use records_type, which leaves questions out (m015), as in plan_at.
    rows = store.db.execute(
        "SELECT DISTINCT r.record_id FROM records m JOIN revisions r ON r.record_id = m.id "
        "WHERE m.type = 'slide' AND m.type <> 'question' AND json_extract(r.body, '$.topic_id') = ?",
        [topic_id]).fetchall()
    return [r[0] for r in rows]


def slides_at(store: Store, topic_id: str, seq: int, slide_ids: list[str] | None = None) -> list[Slide]:
    """The topic's live slides, in deck order, as they were once revision *seq* had arrived.

    *slide_ids* (from :func:`topic_slide_ids`) spares the scan when two moments are compared.
    """
    ids = topic_slide_ids(store, topic_id) if slide_ids is None else slide_ids
    slides = []
    for record_id in ids:
        # By the revisions_record index: one short lookup per slide.
        row = store.db.execute(
            "SELECT body, deleted FROM revisions WHERE record_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1",
            [record_id, seq]).fetchone()
        if row is not None and not row[1] and row[0] is not None:
            slides.append(Slide.from_body(record_id, json.loads(row[0])))
    return sorted(slides, key=lambda s: (s.deck_id, s.position, s.id))


def topic_parts(store: Store, topic_id: str) -> list[tuple[str, str]]:
    """(id, type) of the topic and of every written plan and deck that ever belonged to it, in TOPIC_PARTS order."""
    # A scan of the plans' and decks' revisions (records_type, as topic_slide_ids): one or two per topic.
    rows = store.db.execute(
        "SELECT r.record_id, m.type FROM records m JOIN revisions r ON r.record_id = m.id "
        "WHERE m.type IN ('written_plan', 'slide_deck') AND m.type <> 'question' "
        "AND json_extract(r.body, '$.topic_id') = ? GROUP BY r.record_id, m.type ORDER BY MIN(r.seq)",
        [topic_id]).fetchall()
    return [(topic_id, "topic"), *sorted(((i, t) for i, t in rows), key=lambda part: TOPIC_PARTS.index(part[1]))]


def _decks(store: Store, topic_id: str, older: int, newer: int) -> tuple[list[Slide], list[Slide]]:
    ids = topic_slide_ids(store, topic_id)
    return slides_at(store, topic_id, older, ids), slides_at(store, topic_id, newer, ids)


def _flat(body: dict[str, Any] | None) -> dict[str, Any]:
    # One level of nesting is spread out (the plan's header) so a change names the field the lecturer typed in.
    flat: dict[str, Any] = {}
    for key, value in (body or {}).items():
        if key in LINK_FIELDS:
            continue
        if isinstance(value, dict):
            flat.update({f"{key}.{inner}": v for inner, v in value.items()})
        else:
            flat[key] = value
    return flat


def field_changes(before: dict[str, Any] | None, after: dict[str, Any] | None,
                  order: Sequence[str] = ()) -> list[FieldChange]:
    """The fields whose value differs, in *order* (a record class's field order), unknown ones last."""
    old, new = _flat(before), _flat(after)
    names = list(new) + [name for name in old if name not in new]
    rank = {name: index for index, name in enumerate(order)}
    # Bodies are stored with sorted keys; the class's own order reads as the editor's form does.
    names.sort(key=lambda name: rank.get(name.split(".", 1)[0], len(rank)))
    return [FieldChange(name, old.get(name), new.get(name)) for name in names if old.get(name) != new.get(name)]


def record_change(store: Store, entry: HistoryEntry, older: int, newer: int) -> RecordChange:
    """*entry*'s record compared between the two moments, field by field."""
    return _compared(store, entry.record_id, entry.type, older, newer, entry.label)


def _compared(store: Store, record_id: str, rtype: str, older: int, newer: int, label: str | None = None
              ) -> RecordChange:
    """The record compared between the two moments; *label* None: its title at the later (else the earlier)."""
    before, after = body_at(store, record_id, older), body_at(store, record_id, newer)
    kind = RECORD_CLASSES.get(rtype)
    order = list(kind.defaults()) if kind is not None else []
    if label is None:
        label = str((after or before or {}).get("title", ""))
    return RecordChange(record_id, rtype, label, field_changes(before, after, order),
                        created=before is None and after is not None, deleted=after is None and before is not None)


def _numbered(slides: list[Slide], record_id: str) -> tuple[Slide | None, int]:
    """The slide with *record_id* and its number (from 1) among the slides of its own deck."""
    for slide in slides:
        if slide.id == record_id:
            deck = [s.id for s in slides if s.deck_id == slide.deck_id]
            return slide, deck.index(record_id) + 1
    return None, 0


def _one_slide(store: Store, topic_id: str, entry: HistoryEntry) -> SlideDiff:
    old_deck, new_deck = _decks(store, topic_id, entry.seq - 1, entry.seq)
    before, old_number = _numbered(old_deck, entry.record_id)
    after, number = _numbered(new_deck, entry.record_id)
    if before is None and entry.deleted:
        # Deleted before this tombstone arrived (a second deletion from another machine): show the last content.
        last = body_at(store, entry.record_id, entry.seq - 1)
        before = Slide.from_body(entry.record_id, last) if last is not None else None
    return slide_diff(before, after, old_number, number)


def revision_change(store: Store, topic_id: str, chosen: list[HistoryEntry]) -> RevisionChange:
    """What one chosen revision changed (against the moment before it), or what changed between two."""
    if len(chosen) == 1:
        return _single(store, topic_id, chosen[0])
    older, newer = min(e.seq for e in chosen), max(e.seq for e in chosen)
    change = RevisionChange(older, newer)
    kinds = {e.type for e in chosen}
    if kinds & set(PLAN_KINDS):
        change.sections = diff_plan(plan_at(store, topic_id, older)[1], plan_at(store, topic_id, newer)[1])
    if kinds & set(SLIDE_KINDS):
        change.slides = diff_deck(*_decks(store, topic_id, older, newer))
    change.records = _records_between(store, topic_id, chosen, older, newer)
    return change


def _records_between(store: Store, topic_id: str, chosen: list[HistoryEntry], older: int, newer: int
                     ) -> list[RecordChange]:
    """Topic info, plan header and deck settings changed between the two moments (whatever rows were chosen, as
    the deck's slides are), then the chosen attachments; a chosen record is listed even when it did not change."""
    labels = {e.record_id: e.label for e in chosen if e.type not in ("plan_section", "slide")}
    changes = []
    for record_id, rtype in topic_parts(store, topic_id):
        was_chosen = record_id in labels
        change = _compared(store, record_id, rtype, older, newer, labels.pop(record_id, None))
        if change.fields or was_chosen:
            changes.append(change)
    for entry in chosen:
        if entry.record_id in labels:  # an attachment (each once, though both rows may be its own)
            changes.append(record_change(store, entry, older, newer))
            del labels[entry.record_id]
    return changes


def _single(store: Store, topic_id: str, entry: HistoryEntry) -> RevisionChange:
    older, newer = entry.seq - 1, entry.seq
    change = RevisionChange(older, newer)
    if entry.type in PLAN_KINDS:
        change.sections = diff_plan(plan_at(store, topic_id, older)[1], plan_at(store, topic_id, newer)[1])
    if entry.type == "slide":
        change.slides = [_one_slide(store, topic_id, entry)]
    elif entry.type != "plan_section":
        # The plan's header, deck settings, topic info, attachments: field by field.
        change.records.append(record_change(store, entry, older, newer))
    return change
