"""The one way this app runs a long-lived child process started with spawn, and talks to it over a pipe.

Two children live beside the app for a while and are asked for work again
and again: the exam build's version writer (``exporters.exam.version_helper``,
started ahead, warm when the build comes) and the PDF page renderer
(``importers.omr.pdfium_worker``, started at the first PDF page PDFium draws,
ended at a page's deadline).  Both are started with spawn, never fork: the
GUI asks for them from a worker thread beside Qt's threads (a fork copies
the calling thread alone), and Windows has no fork.  Spawn runs the app's
main module again under another name, so a script keeps its work under
``if __name__ == "__main__"`` (``python -m lecturer_app``, pytest), and the
packed app's entry point calls ``multiprocessing.freeze_support``.

:class:`SpawnedChild` is the plumbing they share: the child runs
``target(conn, *args)`` and sends :data:`READY` once warm; the parent sends
and receives pickled messages, waits calling a ``check`` that may raise (the
GUI's Hủy) every :data:`CHECK_INTERVAL_S`, optionally up to a deadline, and
stops the child at once whatever it is doing.  What the messages mean is
each user's own protocol.  Forked children that compute one result are
``core.second_process``'s.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

READY = "ready"  # the child's first message: warm, ready for work
CHECK_INTERVAL_S = 0.1  # how often a wait calls its check (Hủy in the GUI), and the worst delay it adds
LATE = ("late",)  # what :meth:`SpawnedChild.receive` returns when its time ran out first
STOP_SECONDS = 5.0  # how long a terminated child may take to go before it is killed


class SpawnedChild:
    """One child process at a time running ``target(conn, *args)``; :meth:`start` makes a new one after :meth:`stop`.

    :meth:`ready` may be asked from two threads (the exam workspace's and its build's); the rest is one
    thread's at a time, or its user's lock's.
    """

    def __init__(self, target: Callable[..., None], args: tuple[Any, ...] = (), *, name: str) -> None:
        self._target, self._args, self._name = target, args, name
        self._process: Any = None
        self._conn: Connection | None = None
        self._ready = False
        self._reading = threading.Lock()  # :meth:`ready` reads READY once, and never from a stopped child

    @property
    def started(self) -> bool:
        """Whether a child was started and not stopped since (it may have died on its own meanwhile)."""
        return self._process is not None

    def start(self) -> None:
        """Start the child (returns at once; it warms up on its own); nothing when one is started already."""
        if self._process is not None:
            return
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=self._target, args=(theirs, *self._args), daemon=True, name=self._name)
        try:
            process.start()
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()  # the child holds its own copy: this end closed, its death reads as EOF here
        self._process, self._conn = process, ours

    def ready(self) -> bool:
        """Whether the child is alive and has said :data:`READY`, looked at without waiting."""
        with self._reading:
            process, conn = self._process, self._conn
            if process is None or not process.is_alive() or conn is None:
                return False
            if not self._ready:
                try:
                    self._ready = conn.poll() and conn.recv() == READY
                except (EOFError, OSError):
                    return False
            return self._ready

    def wait_ready(self, seconds: float, check: Callable[[], None] | None = None) -> bool:
        """Wait up to *seconds* for the child's :data:`READY` (not at all once it came): whether it is ready."""
        if not self._ready:
            try:
                self.wait(check, seconds)
            except (EOFError, OSError):  # none started, or stopped meanwhile
                return False
        return self.ready()

    def send(self, message: Any) -> None:
        """*message* to the child; EOFError when none is started, OSError when it is gone."""
        self._connection().send(message)

    def receive(self, check: Callable[[], None] | None = None, seconds: float | None = None) -> Any:
        """The child's next message, or :data:`LATE` when none came within *seconds* (None: no limit).

        EOFError or OSError when the child is gone (or none is started); whatever *check* raises.
        """
        if self.wait(check, seconds):
            return self._connection().recv()
        return LATE

    def wait(self, check: Callable[[], None] | None = None, seconds: float | None = None) -> bool:
        """Wait until a message from the child is there to read, or *seconds* have passed (False; None: no limit).

        *check* is called first and every :data:`CHECK_INTERVAL_S`; it raises to abandon the wait (the caller
        then stops the child).  A child that died counts as a message (the read finds EOF).
        """
        conn = self._connection()
        deadline = None if seconds is None else time.monotonic() + seconds
        while True:
            if check is not None:
                check()
            left = CHECK_INTERVAL_S if deadline is None else min(CHECK_INTERVAL_S, deadline - time.monotonic())
            if left <= 0:
                return False
            if conn.poll(left):
                return True

    def stop(self) -> None:
        """End the child now (it may be working: nothing it holds is wanted); terminate, then kill if it stays."""
        with self._reading:  # not while :meth:`ready` reads: a READY read then would count for the next child
            process, conn = self._process, self._conn
            self._process, self._conn, self._ready = None, None, False
        if conn is not None:
            conn.close()
        if process is not None:
            process.terminate()
            process.join(STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()

    def _connection(self) -> Connection:
        if self._conn is None:
            raise EOFError("no child process is running")
        return self._conn
