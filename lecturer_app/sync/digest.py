"""``sync digest``: a short fingerprint of a replica's state, equal on two machines in the same state.

Only content counts — revision ids and heads of the records in the default
(bank) partition — nothing machine-specific (no replica id, sequence numbers
or local arrival order), so two machines can be compared by eye.
"""

from __future__ import annotations

import hashlib
from typing import Any

from lecturer_app.core.store.db import Database
from lecturer_app.core.store.scopes import BANK


def sync_digest(db: Database, scope: str = BANK) -> dict[str, Any]:
    """``{"revisions": count, "digest": sha256 of sorted rev ids, "heads": sha256 of sorted record→head}``."""
    rev_ids = [row[0] for row in db.execute(
        "SELECT r.rev_id FROM revisions r JOIN records c ON c.id = r.record_id WHERE c.scope = ? "
        "ORDER BY r.rev_id", [scope])]
    heads = [f"{record}\t{head}" for record, head in db.execute(
        "SELECT h.record_id, h.rev_id FROM heads h JOIN records c ON c.id = h.record_id WHERE c.scope = ? "
        "ORDER BY h.record_id, h.rev_id", [scope])]
    return {"scope": scope, "revisions": len(rev_ids), "digest": _sha("\n".join(rev_ids)),
            "heads": _sha("\n".join(heads))}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def revision_count(db: Database, scope: str = BANK) -> int:
    """The revisions of records in *scope* (``sync_digest``'s count without hashing the ids): a full bundle's most."""
    return int(db.execute("SELECT COUNT(*) FROM revisions r JOIN records c ON c.id = r.record_id WHERE c.scope = ?",
                          [scope]).fetchone()[0])
