"""A push batch's JSON built from the local log's stored text: bodies are spliced in, not decoded and encoded again.

A full push sends every revision of the bank (50,000 questions); reading each
into a ``Revision`` decoded its body, and sending it encoded the body again —
most of the client's time.  The log keeps each body as canonical JSON, so a
revision's wire form is its small fields encoded with the body spliced in:
the same JSON object ``Revision.to_json`` gives.  A body is decoded only where
something must be read from it (its partition when the record is not known
here, the files it names).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from lecturer_app.core.store.canonical import canonical_json

_COLUMNS = ("seq, rev_id, record_id, type, parents, generation, body, deleted, author, device, hlc, summary, "
            "format, origin_replica, origin_seq")


@dataclass(frozen=True)
class Outgoing:
    """One revision of the local log as it will be sent."""

    seq: int
    rev_id: str
    record_id: str
    type: str
    origin_replica: str
    body_json: str
    text: str  # the JSON object of Revision.to_json()

    @cached_property
    def body(self) -> dict[str, Any]:
        return dict(json.loads(self.body_json))


def read_page(db: Any, after: int, limit: int) -> list[Outgoing]:
    """The local log's revisions after seq *after*, at most *limit* of them."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM revisions WHERE seq > ? ORDER BY seq LIMIT ?", [after, limit])
    return [_outgoing(row) for row in rows.fetchall()]


def _outgoing(row: tuple[Any, ...]) -> Outgoing:
    (seq, rev_id, record_id, rtype, parents, generation, body, deleted, author, device, hlc, summary, form,
     origin_replica, origin_seq) = row
    fields: dict[str, Any] = {"rev_id": rev_id, "record_id": record_id, "type": rtype,
                              "parents": sorted(json.loads(parents)), "generation": generation, "body": None,
                              "deleted": bool(deleted), "author": author, "device": device, "hlc": hlc,
                              "summary": summary}
    if form >= 1:
        fields.update(v=form, origin_replica=origin_replica, origin_seq=origin_seq)
    # Keys are sorted and only "author" (a string: its quotes escaped) comes before "body", so the first
    # "body":null is the top-level one.
    text = canonical_json(fields).replace('"body":null', '"body":' + body, 1)
    return Outgoing(seq, rev_id, record_id, rtype, origin_replica, body, text)


def batch_json(revisions: list[Outgoing], signatures: dict[str, dict[str, str]],
               certificates: list[dict[str, Any]]) -> str:
    """The body of ``POST /v1/revs``: ``{items: [{rev, sig}], certificates}``."""
    items = ",".join(f'{{"rev":{rev.text},"sig":{json.dumps(signatures.get(rev.rev_id))}}}' for rev in revisions)
    return f'{{"items":[{items}],"certificates":{json.dumps(certificates, ensure_ascii=False)}}}'
