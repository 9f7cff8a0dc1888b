"""The partition each record replicates in (sync.md §3.8).

``bank`` holds the shared lesson bank and question banks; each exam and
each blueprint is a confidential partition of its own, ``exam:<id>``, which
reaches only devices holding that scope.  The sync layer adds the province
prefix from the certificates; the store only needs to tell the partitions
apart, so that nothing confidential leaves by accident.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

BANK = "bank"
CONFIDENTIAL_TYPES = ("exam", "blueprint")
# Official (chính thức) markings are read by everyone with the bank but
# written only by province editors: a certificate needs this scope to sign one.
OFFICIAL = "official"
OFFICIAL_TYPES = ("official_mark",)


def scope_of(record_type: str, record_id: str, body: dict[str, Any],
             owner_scope: Callable[[str], str] | None = None) -> str:
    """The partition of a record: ``exam:<id>`` for exams and blueprints, else ``bank``.

    An attachment takes its owner's partition when *owner_scope* can tell it,
    so a file kept with an exam never travels with the bank.
    """
    if record_type in CONFIDENTIAL_TYPES:
        return f"exam:{record_id}"
    if record_type == "attachment" and owner_scope is not None:
        owner = str(body.get("owner_id") or "")
        return owner_scope(owner) if owner else BANK
    return BANK


def write_scope_of(record_type: str, record_id: str, body: dict[str, Any],
                   owner_scope: Callable[[str], str] | None = None) -> str:
    """The scope a writer's certificate must hold: ``official`` for official marks, else the partition."""
    if record_type in OFFICIAL_TYPES:
        return OFFICIAL
    return scope_of(record_type, record_id, body, owner_scope)


def is_confidential(scope: str) -> bool:
    return scope.startswith("exam:")
