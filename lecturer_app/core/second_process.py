"""Half of a bank-wide job in a forked child, when a core is free: the same result, sooner.

``questions check`` and the Moodle XML export read every question; on the
2-core machine the second core was idle while they ran (issue #16).  Where
forking is cheap and safe (Linux, a process with a single thread: the CLI,
never the GUI) and the last minute's load leaves a core free
(``core.second_core``), :func:`start` forks a child that computes a value and
sends it back pickled through a pipe; the parent computes its own half
meanwhile and :meth:`Forked.result` collects the child's.  A child that
fails, or no child at all, gives ``None``: the caller then does that half
itself, so an error is raised in the parent with its own message and the
result never depends on whether a child ran.

The child must not use the parent's database connection (SQLite forbids
carrying one across a fork): it opens its own.  It leaves with
``os._exit``, running none of the parent's exit handlers or finalisers.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from typing import Generic, TypeVar

from lecturer_app.core.second_core import can_fork_safely, spare_core

T = TypeVar("T")


class Forked(Generic[T]):
    """A forked child computing one value (:func:`start`)."""

    def __init__(self, pid: int, reader: int) -> None:
        self._pid, self._reader = pid, reader

    def result(self) -> T | None:
        """The child's value, or None when it failed (the caller then computes it itself)."""
        chunks = []
        with os.fdopen(self._reader, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(self._pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not chunks:
            return None
        return pickle.loads(b"".join(chunks))  # noqa: S301 - our own child's bytes

    def stop(self) -> None:
        """Kill the child and reap it (the parent failed or was interrupted: its value is not wanted)."""
        try:
            os.close(self._reader)
        except OSError:
            pass
        try:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def start(work: Callable[[], T]) -> Forked[T] | None:
    """Fork a child that runs *work* and sends back its value; None when no child is wanted or possible."""
    if not (can_fork_safely() and spare_core()):
        return None
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:  # the child
        code = 1
        try:
            os.close(reader)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    return Forked(pid, reader)
