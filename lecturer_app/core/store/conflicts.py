"""Records in conflict: listing them, showing their heads side by side, resolving one.

A record is in conflict when it has several heads that the auto-merge could
not combine (``core/store/merge.py``): the same field edited differently, an
edit against a delete, two versions of a slide or attachment.  Nothing is
ever picked silently: every head stays until the user resolves, and the
resolution is a revision whose parents are all the heads, so it ends the
conflict on every replica it reaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lecturer_app.core.store import summaries
from lecturer_app.core.store.record_store import RecordNotFound, Store
from lecturer_app.core.store.revisions import Revision
from lecturer_app.i18n import _

_TITLE_FIELDS = ("title", "heading", "stem", "name", "filename", "code")


@dataclass(frozen=True)
class Head:
    rev_id: str
    author: str
    device: str
    time: str
    deleted: bool

    def to_json(self) -> dict[str, Any]:
        return {"rev_id": self.rev_id, "author": self.author, "device": self.device, "time": self.time,
                "deleted": self.deleted}


@dataclass(frozen=True)
class Conflict:
    record_id: str
    type: str
    title: str
    heads: tuple[Head, ...]

    def to_json(self) -> dict[str, Any]:
        return {"record_id": self.record_id, "type": self.type, "title": self.title,
                "heads": [head.to_json() for head in self.heads]}


def conflict_count(store: Store) -> int:
    return int(store.db.execute("SELECT COUNT(*) FROM records WHERE conflict = 1").fetchone()[0])


def list_conflicts(store: Store) -> list[Conflict]:
    """Every record in conflict, oldest change first; heads in display order."""
    rows = store.db.execute("SELECT id FROM records WHERE conflict = 1 ORDER BY hlc, id").fetchall()
    return [_conflict(store.log.heads(row[0])) for row in rows]


def heads_of(store: Store, record_id: str) -> list[Revision]:
    """The heads of a record in conflict (display order); raises when it is not in conflict."""
    heads = store.log.heads(record_id)
    if not heads:
        raise RecordNotFound(record_id)
    if len(heads) < 2:
        from lecturer_app.core.errors import UserFacingError

        raise UserFacingError(_("Bản ghi {id} không có xung đột.").format(id=record_id))
    return heads


def differing_fields(heads: list[Revision]) -> list[str]:
    """The body fields whose value is not the same in every head."""
    keys = sorted(set().union(*(head.body for head in heads)))
    return [key for key in keys if len({_key(head.body.get(key)) for head in heads}) > 1]


def resolve(store: Store, record_id: str, take_rev_id: str) -> Revision:
    """Keep head *take_rev_id* (a prefix is enough): a new revision whose parents are all the heads."""
    heads = heads_of(store, record_id)
    matches = [head for head in heads if head.rev_id.startswith(take_rev_id)]
    if len(matches) != 1:
        from lecturer_app.core.errors import UserFacingError

        raise UserFacingError(_("'{rev}' không khớp đúng một bản đang xung đột của bản ghi {id}.").format(
            rev=take_rev_id, id=record_id))
    return store.restore(record_id, matches[0].rev_id, summary=summaries.RESOLVE_CONFLICT)


def record_title(body: Any) -> str:
    """What a person calls the record of *body*: its title, heading, stem, name, file name or code ("" if none)."""
    if not isinstance(body, dict):  # a peer's revision refused for its shape may carry anything
        return ""
    return next((str(body[f]) for f in _TITLE_FIELDS if body.get(f)), "")


def _conflict(heads: list[Revision]) -> Conflict:
    shown = heads[0]
    return Conflict(shown.record_id, shown.type, record_title(shown.body), tuple(
        Head(h.rev_id, h.author, h.device, h.hlc, h.deleted) for h in heads))


def _key(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True, ensure_ascii=False)
