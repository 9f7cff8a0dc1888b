"""Revisions signed by the device that wrote them (sync.md §3.2).

A signature is ed25519 over the rev id (which already hashes the content),
kept in ``revision_signatures`` beside the revision, never inside its hash.
Shipped-bank revisions (origin ``bank:<id>``) are trusted by their bank's
content instead, and automerge revisions by recomputing them; neither is
signed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from lecturer_app.core.store.merge import AUTOMERGE
from lecturer_app.core.store.record_store import Store
from lecturer_app.sync.keys import DeviceKey, b64, unb64, verify_signature

BANK_ORIGIN = "bank:"


def needs_signature(origin_replica: str) -> bool:
    return origin_replica != AUTOMERGE and not origin_replica.startswith(BANK_ORIGIN)


def local_replicas(store: Store) -> list[str]:
    """This database's replica id and the ids it had before it was copied ('' = before ids existed)."""
    row = store.db.execute("SELECT value FROM meta WHERE key = 'previous_replicas'").fetchone()
    return [store.device, "", *(json.loads(row[0]) if row else [])]


def sign_own_revisions(store: Store, key: DeviceKey, after_seq: int = 0) -> int:
    """Sign every unsigned revision this database minted after local *after_seq*; return how many were signed.

    A caller that signed everything up to a mark before (the push of HTTP sync) passes it: reading the whole
    log of a 50,000-question bank for nothing took a third of a second.
    """
    replicas = local_replicas(store)
    marks = ",".join("?" * len(replicas))
    rows = store.db.execute(
        f"SELECT rev_id FROM revisions WHERE seq > ? AND origin_replica IN ({marks}) "
        "AND rev_id NOT IN (SELECT rev_id FROM revision_signatures)", [after_seq, *replicas]).fetchall()
    with store.transaction():
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO revision_signatures VALUES (?, ?, ?)",
            [(rev_id, key.fingerprint, b64(key.sign(rev_id.encode("ascii")))) for (rev_id,) in rows])
    return len(rows)


def signature_of(store: Store, rev_id: str) -> tuple[str, str] | None:
    row = store.db.execute("SELECT signer, signature FROM revision_signatures WHERE rev_id = ?",
                           [rev_id]).fetchone()
    return (row[0], row[1]) if row else None


def store_signatures(store: Store, signatures: Iterable[tuple[str, str, str]]) -> None:
    """Keep (rev_id, signer, signature) received with revisions (call inside the import transaction)."""
    store.db.conn.executemany("INSERT OR IGNORE INTO revision_signatures VALUES (?, ?, ?)", list(signatures))


def signature_valid(public_b64: str, rev_id: str, signature_b64: str) -> bool:
    try:
        signature = unb64(signature_b64)
    except ValueError:
        return False
    return verify_signature(public_b64, signature, rev_id.encode("ascii"))
