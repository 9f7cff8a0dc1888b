"""Which blobs records reference: every ``sha256`` value anywhere in a body."""

from __future__ import annotations

import json
from typing import Any

from lecturer_app.core.store.record_store import Store


def hashes_in(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        sha = value.get("sha256")
        if isinstance(sha, str) and len(sha) == 64:
            found.add(sha)
        for item in value.values():
            found |= hashes_in(item)
    elif isinstance(value, list):
        for item in value:
            found |= hashes_in(item)
    return found


def referenced_blobs(store: Store, scope_like: str = "%") -> set[str]:
    """Blobs referenced by any revision of a record whose partition matches *scope_like* (SQL LIKE)."""
    found: set[str] = set()
    rows = store.db.execute("SELECT r.body FROM revisions r JOIN records c ON c.id = r.record_id "
                            "WHERE c.scope LIKE ? AND r.body LIKE '%sha256%'", [scope_like])
    for (body,) in rows:
        found |= hashes_in(json.loads(body))
    return found


def referenced_since(store: Store, seq: int) -> set[str]:
    """Blobs referenced by the revisions that arrived after local *seq* (the ones a sync just brought)."""
    found: set[str] = set()
    rows = store.db.execute("SELECT body FROM revisions WHERE seq > ? AND body LIKE '%sha256%'", [seq])
    for (body,) in rows:
        found |= hashes_in(json.loads(body))
    return found
