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

The samples are taken ``SAMPLE_GAP_S`` apart, or, by a caller that has work
to do either way (an exam build writes its first version whether it forks
or not), around that work (:class:`RunQueue`): the same spread without the
waiting.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

SAMPLES = 5
SAMPLE_GAP_S = 0.002  # a run queue sampled over ~10 ms: one busy instant does not decide


class RunQueue:
    """Samples of the number of runnable threads, taken when the caller says (the first one now)."""

    def __init__(self, read_loadavg: Callable[[], str] | None = None) -> None:
        self._read = read_loadavg or _read_loadavg
        self._counts: list[int] | None = []
        self.sample()

    def sample(self) -> None:
        """One more sample (none once the kernel has not said: the verdict then falls back on the load)."""
        if self._counts is None:
            return
        try:
            self._counts.append(int(self._read().split()[3].split("/")[0]))
        except (OSError, IndexError, ValueError):
            self._counts = None

    def __len__(self) -> int:
        """How many samples there are (none where the kernel does not say)."""
        return len(self._counts or ())

    def running(self) -> int | None:
        """The median of the samples (their middle one), or None where the kernel does not say."""
        if not self._counts:
            return None
        return sorted(self._counts)[len(self._counts) // 2]  # statistics.median's import cost a build 1.5 ms


def spare_core(read_loadavg: Callable[[], str] | None = None, samples: RunQueue | None = None) -> bool:
    """Whether a second process would have a core to itself now: the others running leave one free besides ours.

    *samples* are the caller's (taken around its own work); without them,
    ``SAMPLES`` are taken here, ``SAMPLE_GAP_S`` apart.
    """
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    if samples is None:
        samples = RunQueue(read_loadavg)
        for _ in range(SAMPLES - 1):
            time.sleep(SAMPLE_GAP_S)
            samples.sample()
    running = samples.running()
    if running is None:  # no run queue to read: fall back on the last minute's load
        return _last_minute_load() <= cores - 1
    others = running - 1  # the count includes this thread, which is running while it reads
    return others <= cores - 2


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
