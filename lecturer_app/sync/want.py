"""The return trip (sync.md §3.7): ``want.json`` says what a replica holds, so the next export sends only the rest.

Revisions are named compactly: per origin replica, the ranges of origin
sequence numbers held; automerge revisions (all numbered 0) by id.  Blobs:
the hashes the replica's records reference but it lacks.  Sending too much
is harmless (import is a set union); sending too little is what this avoids
by describing exactly what is held rather than a high-water mark.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.merge import AUTOMERGE
from lecturer_app.core.store.record_store import Store
from lecturer_app.i18n import _
from lecturer_app.sync.blob_refs import referenced_blobs
from lecturer_app.sync.trust import read_json

KIND = "want"


def held_ranges(store: Store) -> dict[str, list[list[int]]]:
    """origin replica → sorted, merged [low, high] ranges of the origin_seq values held here."""
    ranges: dict[str, list[list[int]]] = {}
    rows = store.db.execute("SELECT origin_replica, origin_seq FROM revisions WHERE origin_replica != ? "
                            "ORDER BY origin_replica, origin_seq", [AUTOMERGE])
    for origin, seq in rows:
        spans = ranges.setdefault(origin, [])
        if spans and seq <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], seq)
        else:
            spans.append([seq, seq])
    return ranges


def make_want(store: Store, blobs: BlobStore) -> dict[str, Any]:
    merges = [row[0] for row in store.db.execute(
        "SELECT rev_id FROM revisions WHERE origin_replica = ? ORDER BY rev_id", [AUTOMERGE])]
    missing = sorted(sha for sha in referenced_blobs(store) if not blobs.has(sha))
    return {"kind": KIND, "version": 1, "replica": store.device, "held": held_ranges(store),
            "merges": merges, "missing_blobs": missing}


def read_want(path: Path, sender: str | None = None) -> Want:
    """The want file *path*; an InputFileError naming it when damaged, or when written by *sender* itself.

    *sender* is the exporting replica: its own want file would make an empty bundle that looks right.
    """
    data = read_json(path, KIND)
    try:
        want = Want(data)
    except (AttributeError, TypeError, ValueError) as exc:  # held/merges/missing_blobs of the wrong shape
        raise InputFileError(path, "", _("tệp «đã có» bị hỏng ({error})").format(error=exc)) from exc
    if sender is not None and want.replica == sender:
        raise InputFileError(path, "", _("tệp «đã có» này do chính máy này ghi; hãy dùng tệp do máy nhận ghi"))
    return want


class Want:
    """A receiver's want file, asked per revision."""

    def __init__(self, data: dict[str, Any]) -> None:
        """Raises TypeError or ValueError when a part has the wrong shape (checked now, not mid-export)."""
        self.replica = data.get("replica")
        self.held = {str(origin): [_span(span) for span in spans] for origin, spans in data.get("held", {}).items()}
        self.merges = set(_strings(data.get("merges", [])))
        self.missing_blobs = set(_strings(data.get("missing_blobs", [])))

    def has(self, origin_replica: str, origin_seq: int, rev_id: str) -> bool:
        if origin_replica == AUTOMERGE:
            return rev_id in self.merges
        return any(low <= origin_seq <= high for low, high in self.held.get(origin_replica, ()))


def _span(span: Any) -> tuple[int, int]:
    low, high = span  # ValueError or TypeError unless a pair
    if not (type(low) is int and type(high) is int):  # bool is an int subclass: not a sequence number
        raise TypeError(_("khoảng số phiên bản không phải hai số nguyên: {span}").format(span=span))
    return low, high


def _strings(items: Any) -> list[str]:
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise TypeError(_("danh sách không phải các chuỗi ký tự"))
    return items
