"""Record identifiers: UUIDv7 for local records, UUIDv5 for shipped-bank records.

Python 3.11 has no ``uuid.uuid7``; the layout below follows RFC 9562 §5.7
(48-bit Unix milliseconds, version 7, 74 random bits).
"""

from __future__ import annotations

import os
import time


def uuid7(now_ms: int | None = None) -> str:
    """A new time-ordered UUIDv7 as a string."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    digits = f"{value:032x}"
    # Formatted here rather than by uuid.UUID: the uuid module (and platform, which it loads) is
    # otherwise needed only by the bank importer, and the desktop app's start should not pay for it.
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def short_replica(replica_id: str) -> str:
    """8 characters that tell machines apart: the random end of a UUIDv7 replica id.

    Its first 8 characters are its creation time in steps of 65.5 seconds, the same for every machine a class
    sets up together.  Anything else (the merge's "automerge") is cut to its first 8.
    """
    return replica_id[-8:] if replica_id.count("-") == 4 else replica_id[:8]


def bank_record_id(bank_id: str, kind: str, key: str) -> str:
    """The stable id of a shipped-bank record: UUIDv5(bank id, "kind:key").

    Two machines importing the same bank derive the same ids.
    """
    import uuid

    return str(uuid.uuid5(uuid.UUID(bank_id), f"{kind}:{key}"))


def is_uuid(value: str) -> bool:
    """True when *value* parses as a UUID: ``uuid.UUID``'s own test of a hex string, without loading uuid.

    Every open checks the shipped bank's id, and uuid loads platform: a tenth of a short command's imports.
    """
    try:
        digits = value.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "")
        if len(digits) != 32:
            return False
        int(digits, 16)
    except (ValueError, AttributeError, TypeError):
        return False
    return True
