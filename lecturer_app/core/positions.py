"""Fractional indexes: order keys that allow insertion between any two.

Keys are strings over a 62-character alphabet that sort with plain string
comparison (and with SQLite's BINARY collation).  Moving or inserting one item
writes one record, so reordering on two machines rarely conflicts.
"""

from __future__ import annotations

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_BASE = len(DIGITS)


def between(before: str | None, after: str | None) -> str:
    """A key strictly between *before* and *after* (either may be None)."""
    low = before or ""
    high = after
    if high is not None and low >= high:
        raise ValueError(f"position {low!r} is not before {high!r}")
    key = ""
    index = 0
    while True:
        if high is not None and index >= len(high):
            raise ValueError(f"no position fits between {before!r} and {after!r}")
        lo_digit = DIGITS.index(low[index]) if index < len(low) else 0
        hi_digit = DIGITS.index(high[index]) if high is not None else _BASE
        if hi_digit - lo_digit > 1:
            candidate = key + DIGITS[(lo_digit + hi_digit) // 2]
            if candidate > low and (high is None or candidate < high):
                return candidate
        key += DIGITS[lo_digit]
        if hi_digit > lo_digit:
            # From here on the upper bound no longer constrains the suffix.
            high = None
        index += 1


def spread(count: int) -> list[str]:
    """*count* increasing keys, evenly spaced, for building a list at once."""
    keys: list[str] = []
    width = 1
    while _BASE**width <= count:
        width += 1
    step = _BASE**width // (count + 1)
    for i in range(1, count + 1):
        value = i * step
        digits = []
        for _ in range(width):
            digits.append(DIGITS[value % _BASE])
            value //= _BASE
        keys.append("".join(reversed(digits)))
    return keys
