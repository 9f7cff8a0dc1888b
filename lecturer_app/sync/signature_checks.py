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
memory does not grow with the bundle.  When the child is behind (``IN_FLIGHT``
batches unanswered), the next batch is checked here instead of waiting for it:
the two processes share the checks, so the import is never slower than the
slower of the two.  Otherwise — the GUI, Windows, a busy
machine, or when the child fails (it is then killed and every unanswered
batch is checked here) — each batch is checked in this process.  Either way a
signature's verdict is known (``settled``, ``finish``) before its revision
is written.
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
Batch = tuple[int, list[tuple[Check, T]]]  # (the index of its first check, its checks and their tags)


def parallel_possible() -> bool:
    """Whether a forked checker may be used now (see the module's note)."""
    return second_process.second_core_free()


class SignatureChecks(Generic[T]):
    """Collects (key, rev id, signature, tag) and reports the tags whose signatures are invalid.

    Use as a context manager (the child, if any, is killed on the way out).
    :meth:`settled` hands out the failures among the first checks added as
    soon as those have verdicts (an importer inserts a batch of revisions
    once its signatures are judged, while the child checks the next ones);
    :meth:`finish` judges the rest and calls ``on_failure`` for each failure
    not handed out yet.  Failures come in the order the checks were added,
    wherever they were checked (so a report lists them the same way every time).
    """

    def __init__(self, on_failure: Callable[[T], None] = lambda tag: None, *, parallel: bool | None = None,
                 batch: int | None = None) -> None:
        self.on_failure = on_failure
        self.batch = batch or BATCH
        self.added = 0  # checks added so far; the n-th added has index n - 1
        self._pending: list[tuple[Check, T]] = []
        self._sent: deque[Batch[T]] = deque()
        self._failed: list[tuple[int, T]] = []  # (index, tag) of failures not handed out yet
        self._child = _start_child() if (parallel_possible() if parallel is None else parallel) else None
        self.ever_forked = self._child is not None
        self.checked_forked = 0  # signatures the child answered for
        self.checked_here = 0  # signatures checked in this process

    @property
    def forked(self) -> bool:
        return self._child is not None

    def where(self) -> str:
        """Where the checks ran, for benchmarks and logs: ``here``, ``forked (N)`` or ``forked+here (N+M)``."""
        if not self.ever_forked:
            return "here"
        if not self.checked_here:
            return f"forked ({self.checked_forked})"
        return f"forked+here ({self.checked_forked}+{self.checked_here})"

    def add(self, public_b64: str, rev_id: str, signature_b64: str, tag: T) -> None:
        self._pending.append(((public_b64, rev_id, signature_b64), tag))
        self.added += 1
        if len(self._pending) >= self.batch:
            self._flush()

    def settled(self, upto: int, *, wait: bool = False) -> list[T] | None:
        """The failed tags among the first *upto* checks once all of those have verdicts, else None.

        Answers already sent back by the child are read without waiting;
        *wait* sends what is pending and waits for the answers needed.
        Each failure is handed out once.
        """
        while self._sent and self._child is not None and self._child.answer_waiting():
            self._collect()
        if wait:
            if self._pending and self.added - len(self._pending) < upto:
                self._flush()
            while self._sent and self._sent[0][0] < upto:
                self._collect()
        if (self._pending and self.added - len(self._pending) < upto) or (self._sent and self._sent[0][0] < upto):
            return None
        self._failed.sort(key=lambda item: item[0])
        count = next((n for n, (index, _tag) in enumerate(self._failed) if index >= upto), len(self._failed))
        handed, self._failed = self._failed[:count], self._failed[count:]
        return [tag for _index, tag in handed]

    def verdicts(self, upto: int) -> list[T]:
        """The failed tags among the first *upto* checks, waiting for every verdict still out."""
        failed = self.settled(upto, wait=True)
        if failed is None:  # waiting collects every answer; a gap must never read as "all signatures good"
            raise RuntimeError(f"signature verdicts missing below check {upto}")
        return failed

    def finish(self) -> None:
        """Judge everything added so far; on return every failure has been reported (or handed out)."""
        failed = self.verdicts(self.added)
        if self._child is not None:
            self._child.wait()  # the child's inbox ends, so it leaves
            self._child = None
        for tag in failed:
            self.on_failure(tag)

    def _flush(self) -> None:
        items, self._pending = self._pending, []
        if not items:
            return
        batch = (self.added - len(items), items)
        if self._child is not None and len(self._sent) >= IN_FLIGHT and not self._child.answer_waiting():
            self._check_here(batch)  # the child is behind: share the work rather than wait for it
            return
        if self._child is not None:
            try:
                self._child.send([check for check, _tag in items])
                self._sent.append(batch)
                while len(self._sent) > IN_FLIGHT:
                    self._collect()
                return
            except (OSError, EOFError, pickle.PickleError):
                self._give_up()
        self._check_here(batch)

    def _collect(self) -> None:
        first, items = self._sent[0]
        try:
            failed = self._child.receive() if self._child is not None else None
        except (OSError, EOFError, pickle.PickleError):
            failed = None
        if not isinstance(failed, list):  # the child is gone: check what it had here
            self._give_up()
            return
        self._sent.popleft()
        self.checked_forked += len(items)
        self._failed.extend((first + position, items[position][1]) for position in failed)

    def _give_up(self) -> None:
        if self._child is not None:
            self._child.kill()
            self._child = None
        while self._sent:
            self._check_here(self._sent.popleft())

    def _check_here(self, batch: Batch[T]) -> None:
        first, items = batch
        self.checked_here += len(items)
        self._failed.extend((first + position, items[position][1])
                            for position in _invalid([check for check, _tag in items]))

    def __enter__(self) -> SignatureChecks[T]:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._child is not None:
            self._child.kill()
            self._child = None


def start_checker() -> Child | None:
    """A forked checker that lives until it is waited for or killed: the server starts one before it has threads.

    The caller must know forking is safe now (``can_fork_safely``); None when no process could be made.
    """
    return _start_child()


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
