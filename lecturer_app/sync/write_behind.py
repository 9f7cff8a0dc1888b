"""Calls run in order by one worker thread while the caller prepares the next one.

The export deflates, hashes and writes one revision member (zlib, sha256 and
file writes release the GIL) while SQLite builds the next member's lines, so
on two cores the two overlap.  At most ``depth`` calls wait, so memory stays a
few members.  The worker's first error is raised in the caller (at the next
``submit`` or on leaving the ``with``); after it the remaining calls are
skipped.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable


class WriteBehind:
    def __init__(self, depth: int = 2) -> None:
        self._queue: queue.Queue[Callable[[], object] | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bundle-write-behind", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (call := self._queue.get()) is not None:
            if self._error is None:
                try:
                    call()
                except BaseException as exc:  # noqa: BLE001 (raised again in the caller's thread)
                    self._error = exc

    def submit(self, call: Callable[[], object]) -> None:
        """Queue *call* (waits while ``depth`` calls are pending); raises the worker's error, if any."""
        self._raise()
        self._queue.put(call)

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def __enter__(self) -> WriteBehind:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        """Wait for the queued calls; raise the worker's error unless the caller is already raising one."""
        self._queue.put(None)
        self._thread.join()
        if exc_type is None:
            self._raise()
