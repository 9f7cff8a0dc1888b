"""The ed25519 checks of pushed revisions, shared with a second process that ``server run`` starts.

Verifying each revision's signature was 45 % of the server's time for a
push, and ``cryptography``'s ``verify`` holds the GIL, so a thread does not
use the second core.  A server is multi-threaded once uvicorn runs, and
forking a threaded process is unsafe, so the checker child is forked once,
when ``server run`` starts and the process still has one thread
(``start``), and lives as long as the server.  It is the bundle importer's
own checker (``sync/signature_checks``), which answers each batch it is sent
with the positions that failed.

A pushed batch's checks are split: the child takes the larger share, this
process checks the rest meanwhile, then reads the child's answer (waiting
releases the GIL, so the next batch of a pipelined push is decoded and
hashed meanwhile).  One batch at a time uses the child; another waits for
it rather than checking everything here, which would hold the GIL as long
and leave the second core idle.  Without a child (tests, Windows, a child
that failed — it is then killed and never used again) every check runs
here.  The verdicts never depend on whether a child ran.
"""

from __future__ import annotations

import os
import pickle
import threading
from typing import Any, Protocol

from lecturer_app.core.second_core import can_fork_safely
from lecturer_app.sync import revision_trust
from lecturer_app.sync.signature_checks import Check, start_checker

# The child's share of a batch: this process also decodes, hashes and stores (the pushing client's own work
# runs beside it on a one-machine test), so it takes the smaller share.
CHILD_SHARE = 0.75
# A child that does not answer within this time is given up (every batch is then checked here).
WAIT_S = 120.0


class Checker(Protocol):
    """The forked checker of ``sync/signature_checks`` (a ``core.second_process.Child``) as used here."""

    def send(self, message: Any) -> None: ...
    def receive(self) -> Any: ...
    def wait(self) -> bool: ...
    def kill(self) -> None: ...


class Verifier:
    """``invalid(checks)``: the positions of the signatures that do not verify."""

    def __init__(self, child: Checker | None = None) -> None:
        self._child = child
        self._lock = threading.Lock()

    @classmethod
    def start(cls) -> Verifier:
        """A verifier with a checker child, when this process may fork now (Linux, a single thread) and has
        a second core (how busy the machine is now does not matter: the child lives as long as the server)."""
        return cls(start_checker() if can_fork_safely() and (os.cpu_count() or 1) >= 2 else None)

    @property
    def forked(self) -> bool:
        return self._child is not None

    def invalid(self, checks: list[Check]) -> set[int]:
        if self._child is None or len(checks) < 2 or not self._lock.acquire(timeout=WAIT_S):
            return _invalid_here(checks, 0)
        try:
            return self._split(checks)
        finally:
            self._lock.release()

    def _split(self, checks: list[Check]) -> set[int]:
        cut = int(len(checks) * CHILD_SHARE)
        child = self._child
        if child is None:  # given up by the batch that held the lock before this one
            return _invalid_here(checks, 0)
        try:
            child.send(checks[:cut])
        except (OSError, pickle.PickleError):
            self._give_up()
            return _invalid_here(checks, 0)
        failed = _invalid_here(checks[cut:], cut)
        try:
            answer = child.receive()
        except (OSError, EOFError, pickle.PickleError, ValueError):
            self._give_up()
            return failed | _invalid_here(checks[:cut], 0)
        if not isinstance(answer, list) or not all(isinstance(n, int) and 0 <= n < cut for n in answer):
            self._give_up()
            return failed | _invalid_here(checks[:cut], 0)
        return failed | set(answer)

    def _give_up(self) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.kill()

    def close(self) -> None:
        with self._lock:
            child, self._child = self._child, None
        if child is not None:
            child.wait()  # its inbox ends, so it leaves


def _invalid_here(checks: list[Check], offset: int) -> set[int]:
    # Through revision_trust's name, so a test that slows or fails signatures there sees the server's checks too.
    return {offset + n for n, (key, rev_id, signature) in enumerate(checks)
            if not revision_trust.signature_valid(key, rev_id, signature)}
