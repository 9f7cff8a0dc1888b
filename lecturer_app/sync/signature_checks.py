"""Revision signatures of one import, checked in batches — on a second core when one is free.

Verifying ed25519 signatures is the largest single CPU cost of judging a
bundle (about 0.1 ms each: 56,641 of them in the benchmark's bundle) and
needs nothing but the key, the id and the signature, so it can run beside
the parsing and hashing of the next lines.  A thread would not do: even
where ``verify`` lets the GIL go, the thread must take it back after each
0.1 ms check from a thread busy parsing, which yields it only every switch
interval (5 ms).  So where forking is safe and a core is free (``core/second_core.py``: Linux, the single-thread
CLI, load below cores − 1) a forked child checks the batches this process
sends it through a pipe and answers each with the positions that failed.
Only the batches not answered yet are held (at most ``IN_FLIGHT`` + 1), so
memory does not grow with the bundle.  Otherwise — the GUI, Windows, a busy
machine, or when the child fails (it is then killed and every unanswered
batch is checked here) — each batch is checked in this process.  Either way
``finish`` returns only when every signature has been judged, before
anything is written.
"""

from __future__ import annotations

import pickle
from collections import deque
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from lecturer_app.core import second_process
from lecturer_app.core.second_process import Channel, Child
from lecturer_app.sync.signing import signature_valid

T = TypeVar("T")
BATCH = 2000  # signatures per message to the child
IN_FLIGHT = 2  # batches sent and not yet answered before this process waits for an answer
Check = tuple[str, str, str]  # public key (base64), rev id, signature (base64)


def parallel_possible() -> bool:
    """Whether a forked checker may be used now (see the module's note)."""
    return second_process.second_core_free()


class SignatureChecks(Generic[T]):
    """Collects (key, rev id, signature, tag) and calls ``on_failure(tag)`` for each invalid signature.

    Use as a context manager (the child, if any, is killed on the way out);
    call :meth:`finish` before relying on the verdicts.
    """

    def __init__(self, on_failure: Callable[[T], None], *, parallel: bool | None = None,
                 batch: int | None = None) -> None:
        self.on_failure = on_failure
        self.batch = batch or BATCH
        self._pending: list[tuple[Check, T]] = []
        self._sent: deque[list[tuple[Check, T]]] = deque()
        self._child = _start_child() if (parallel_possible() if parallel is None else parallel) else None

    @property
    def forked(self) -> bool:
        return self._child is not None

    def add(self, public_b64: str, rev_id: str, signature_b64: str, tag: T) -> None:
        self._pending.append(((public_b64, rev_id, signature_b64), tag))
        if len(self._pending) >= self.batch:
            self._flush()

    def finish(self) -> None:
        """Judge everything added so far; on return every failure has been reported."""
        self._flush()
        while self._sent:
            self._collect()
        if self._child is not None:
            self._child.wait()  # the child's inbox ends, so it leaves
            self._child = None

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        if self._child is not None:
            try:
                self._child.send([check for check, _tag in batch])
                self._sent.append(batch)
                while len(self._sent) > IN_FLIGHT:
                    self._collect()
                return
            except (OSError, EOFError, pickle.PickleError):
                self._give_up()
        self._check_here(batch)

    def _collect(self) -> None:
        batch = self._sent[0]
        try:
            failed = self._child.receive() if self._child is not None else None
        except (OSError, EOFError, pickle.PickleError):
            failed = None
        if not isinstance(failed, list):  # the child is gone: check what it had here
            self._give_up()
            return
        self._sent.popleft()
        for position in failed:
            self.on_failure(batch[position][1])

    def _give_up(self) -> None:
        if self._child is not None:
            self._child.kill()
            self._child = None
        while self._sent:
            self._check_here(self._sent.popleft())

    def _check_here(self, batch: list[tuple[Check, T]]) -> None:
        for position in _invalid([check for check, _tag in batch]):
            self.on_failure(batch[position][1])

    def __enter__(self) -> SignatureChecks[T]:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._child is not None:
            self._child.kill()
            self._child = None


def _invalid(checks: list[Check]) -> list[int]:
    return [n for n, (key, rev_id, signature) in enumerate(checks) if not signature_valid(key, rev_id, signature)]


def _start_child() -> Child | None:
    try:
        return Child.fork(_answer_batches)
    except OSError:  # no second process after all: check here
        return None


def _answer_batches(channel: Channel) -> None:
    """Runs in the forked child: answer each batch with the positions that failed, until the parent's last."""
    while True:
        try:
            checks = channel.receive()
        except EOFError:
            return
        channel.send(_invalid(checks))
