"""Whether work may go to a forked second process: the one policy for every command that forks.

Forking is cheap and safe only on Linux, in a process with a single thread
(the CLI; never the GUI, whose slow work runs in a worker thread next to
Qt's), and it pays only when a core is free: on a busy machine the child's
start and its own caches add to the same CPU time (measured at load 15 on
2 cores: an exam build 6.5 s forked against 5.3 s in one process).

"A core is free" is judged by what runs *now* — the kernel's count of
runnable threads (``/proc/loadavg``'s fourth field), sampled a few times —
not by the last minute's load average: that average still holds the work
of a command that has just ended, so the next command started right after
it (a benchmark's next round, an import after an export) used to see a
busy machine and stay in one process.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

SAMPLES = 5
SAMPLE_GAP_S = 0.002  # a run queue sampled over ~10 ms: one busy instant does not decide


def spare_core(read_loadavg: Callable[[], str] | None = None) -> bool:
    """Whether a second process would have a core to itself now: the others running leave one free besides ours."""
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    running = _running_now(read_loadavg or _read_loadavg)
    if running is None:  # no run queue to read: fall back on the last minute's load
        return _last_minute_load() <= cores - 1
    others = running - 1  # the count includes this thread, which is running while it reads
    return others <= cores - 2


def _running_now(read: Callable[[], str]) -> int | None:
    """The median number of runnable threads over a few samples, or None where the kernel does not say."""
    counts = []
    for n in range(SAMPLES):
        if n:
            time.sleep(SAMPLE_GAP_S)
        try:
            counts.append(int(read().split()[3].split("/")[0]))
        except (OSError, IndexError, ValueError):
            return None
    return round(statistics.median(counts))


def _read_loadavg() -> str:
    with open("/proc/loadavg", encoding="ascii") as text:
        return text.read()


def _last_minute_load() -> float:
    try:
        return os.getloadavg()[0]
    except (OSError, AttributeError):  # no load average here (Windows): assume the machine is busy
        return float("inf")


def can_fork_safely() -> bool:
    """Linux and a process with a single thread (a fork copies only the calling thread)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False
