"""Hybrid logical clock: wall time that never goes backwards on one replica.

Stamps look like ``2026-11-26T11:20:00.123Z-0000`` so they sort as text and
read as a date.  They order the display only; correctness never depends on
them (sync.md §3.9).

A stamp seen from elsewhere moves this clock only when it is at most
``MAX_AHEAD_MS`` past this machine's wall time: a peer whose clock is years
ahead would otherwise stamp every later edit here, and show it («sửa lúc …»,
Lịch sử), in that year (docs/design/sync.md § "Clocks").  The clock's own
stamps still never go back, and the counter never passes ``MAX_COUNTER`` (its
four digits keep stamps sorting as text): past it the milliseconds move on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

# How far past this machine's wall time a stamp from elsewhere may carry the clock: clocks of office PCs
# without time sync drift by minutes (Anki refuses to sync past the same 5 minutes); beyond that the other
# clock is wrong (a wrong year, a time zone taken as UTC) and following it would date every later edit here.
MAX_AHEAD_MS = 5 * 60 * 1000
MAX_COUNTER = 9999


def format_stamp(ms: int, counter: int = 0) -> str:
    return _wall_text(ms) + f"{counter:04d}"


def _wall_text(ms: int) -> str:
    """The stamp of *ms* up to its counter: ``2026-11-26T11:20:00.123Z-``."""
    moment = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z-"


def parse_stamp(stamp: str) -> tuple[int, int]:
    """Return (milliseconds, counter) of *stamp*."""
    wall, _, counter = stamp.rpartition("-")
    moment = datetime.fromisoformat(wall.replace("Z", "+00:00"))
    return int(moment.timestamp() * 1000), int(counter)


def stamp_from_iso(iso: str) -> str:
    """A stamp for a fixed ISO date such as a bank's ``published`` time."""
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_stamp(int(moment.timestamp() * 1000))


class HybridClock:
    """Issues increasing stamps; :meth:`observe` folds in stamps seen elsewhere."""

    def __init__(self, last: str | None = None, wall_ms: Callable[[], int] | None = None) -> None:
        self._wall_ms = wall_ms or (lambda: int(time.time() * 1000))
        self._ms, self._counter = parse_stamp(last) if last else (0, 0)
        # The date part of the last stamp issued, kept: a bulk save stamps thousands of revisions within a few
        # milliseconds, and formatting the date was most of each stamp's cost.
        self._text_ms, self._text = -1, ""

    def now(self) -> str:
        wall = self._wall_ms()
        if wall > self._ms:
            self._ms, self._counter = wall, 0
        elif self._counter < MAX_COUNTER:
            self._counter += 1
        else:  # a clock held ahead of the wall: "-10000" would sort before "-9999"
            self._ms, self._counter = self._ms + 1, 0
        if self._ms != self._text_ms:
            self._text_ms, self._text = self._ms, _wall_text(self._ms)
        return self._text + f"{self._counter:04d}"

    def observe(self, stamp: str) -> bool:
        """Fold in a stamp made elsewhere; False (the clock unmoved) when it lies too far ahead to follow."""
        ms, counter = parse_stamp(stamp)
        if not self.within_reach(ms):
            return False
        if (ms, counter) > (self._ms, self._counter):
            self._ms, self._counter = ms, counter
        return True

    def within_reach(self, ms: int) -> bool:
        """Whether a stamp of *ms* may carry this clock: no more than MAX_AHEAD_MS past the wall time."""
        return ms <= self._wall_ms() + MAX_AHEAD_MS
