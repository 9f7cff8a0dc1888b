"""Deterministic three-way auto-merge of a record's heads (sync.md §3.3).

When a record has several heads (edited on two machines), each top-level
field of the body is merged against the lowest common ancestor (LCA): a
field that only one side changed takes that side's value; a field both
sides changed to the same value takes it; a field changed differently is a
conflict, and then nothing is merged — both heads stay and the user sees the
conflict.  Written plans and decks are split into section and slide records,
so edits to different sections never meet here.

Never merged (both heads kept): a delete against an edit (the edit is shown,
the tombstone stays in history), and the record types whose content must not
be combined piecemeal (slides, attachments).

The merge revision is a function of the head set alone: parents are the
sorted heads, author, device and origin are ``automerge``, the summary is a
fixed text, the stamp is the newest parent's.  Every replica that merges the
same heads mints the same revision id, so independent merges converge and a
merge can be checked by recomputing it.
"""

from __future__ import annotations

from typing import Any

from lecturer_app.core.store.revisions import Revision, RevisionLog

AUTOMERGE = "automerge"
# Hashed, so the same on every machine whatever its UI language.
MERGE_SUMMARY = "Tự động gộp các thay đổi không chồng lên nhau"
NEVER_MERGED = ("slide", "attachment")
_MISSING = object()


def merged_revision(log: RevisionLog, heads: list[Revision]) -> Revision | None:
    """The merge revision of *heads*, or None when they conflict (or there is nothing to merge)."""
    if len(heads) < 2 or any(h.deleted for h in heads) or heads[0].type in NEVER_MERGED:
        return None
    if len({h.type for h in heads}) > 1:
        return None
    base = lowest_common_ancestor(log, heads)
    body = merge_bodies(base.body if base else {}, [h.body for h in heads])
    if body is None:
        return None
    ordered = sorted(heads, key=lambda h: h.rev_id)
    return Revision.create(
        record_id=ordered[0].record_id, type=ordered[0].type, parents=tuple(h.rev_id for h in ordered),
        generation=1 + max(h.generation for h in ordered), body=body, deleted=False,
        author=AUTOMERGE, device=AUTOMERGE, hlc=max(h.hlc for h in ordered), summary=MERGE_SUMMARY,
        origin_replica=AUTOMERGE, origin_seq=0,
    )


def merge_bodies(base: dict[str, Any], bodies: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Field-by-field three-way merge; None when two bodies changed one field differently."""
    merged: dict[str, Any] = {}
    for key in sorted(set(base).union(*bodies)):
        value = _merge_field(base.get(key, _MISSING), [body.get(key, _MISSING) for body in bodies])
        if value is None:
            return None
        if value[0] is not _MISSING:
            merged[key] = value[0]
    return merged


def _merge_field(base: Any, values: list[Any]) -> tuple[Any] | None:
    changed = [v for v in values if v != base]
    if not changed:
        return (base,)
    first = changed[0]
    if all(v == first for v in changed):
        return (first,)
    return None


def lowest_common_ancestor(log: RevisionLog, heads: list[Revision]) -> Revision | None:
    """The newest revision every head descends from (ties: highest generation, then rev_id)."""
    common: set[str] | None = None
    for head in heads:
        ancestry = log.ancestors(head.rev_id)
        common = ancestry if common is None else common & ancestry
    if not common:
        return None
    candidates = [rev for rev_id in common if (rev := log.get(rev_id)) is not None]
    return max(candidates, key=lambda rev: (rev.generation, rev.rev_id), default=None)
