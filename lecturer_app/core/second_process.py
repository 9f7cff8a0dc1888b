"""The one way this app runs work in a forked second process, and the jobs built on it.

These jobs use a second core when one is free (``core.second_core``):
``questions check`` and the Moodle XML export compute half of their result
in a child (:func:`start`, :class:`Forked`); a bundle import sends batches
of signatures to a child that answers each (``sync.signature_checks``); an
exam build has a child write versions' files, the two processes taking
them one at a time from a :class:`SharedQueue` (``exporters.exam.version_files``);
a question import keys half its questions in a child
(``core.questions.dedupe.dedupe_keys``) and has another make the bodies it
writes (``importers.questions.bodies_ahead``).  All go through
:class:`Child`: fork, two pipes carrying pickled messages, and a reap that
never leaves a zombie, whether the child ends, fails or is killed.

The child must not use the parent's database connection (SQLite forbids
carrying one across a fork): it opens its own.  It leaves with
``os._exit``, running none of the parent's exit handlers or finalisers; its
exit code says whether its work ran to the end.
"""

from __future__ import annotations

import os
import select
import signal
from collections.abc import Callable
from typing import IO, Any, Generic, TypeVar

from lecturer_app.core.second_core import RunQueue, can_fork_safely, spare_core

T = TypeVar("T")


def second_core_free(samples: RunQueue | None = None) -> bool:
    """Whether forking is safe here and a core is free now (the policy: ``core.second_core``).

    *samples*: the run queue as the caller sampled it around its own work, instead of samples taken here.
    """
    return can_fork_safely() and (spare_core() if samples is None else spare_core(samples=samples))


class Channel:
    """The child's end of the pipes: receive what the parent sends, send answers back."""

    def __init__(self, inbox: IO[bytes], outbox: IO[bytes]) -> None:
        self._inbox, self._outbox = inbox, outbox

    def receive(self) -> Any:
        """The parent's next message; EOFError once the parent has sent its last."""
        import pickle  # here and in the methods below: an exam build sends no messages (its start paid 1.4 ms)

        return pickle.load(self._inbox)  # noqa: S301 - our own parent's bytes

    def send(self, message: Any) -> None:
        import pickle

        pickle.dump(message, self._outbox, protocol=pickle.HIGHEST_PROTOCOL)
        self._outbox.flush()


class Child:
    """A forked child running ``main(channel)``; the parent's handle on it."""

    def __init__(self, pid: int, to_child: IO[bytes], from_child: IO[bytes]) -> None:
        self.pid, self._to_child, self._from_child = pid, to_child, from_child
        self._reaped: bool | None = None  # the exit verdict once reaped

    @classmethod
    def fork(cls, main: Callable[[Channel], None], *, answers_bytes: int = 0) -> Child:
        """Fork a child that runs *main* and exits 0 when it returns.  OSError when the system refuses.

        *answers_bytes*: how much the child may send before the parent reads (the pipe's buffer, 64 KB by
        default; Linux grants up to ``/proc/sys/fs/pipe-max-size``, 1 MB by default): a child working ahead
        of its parent is otherwise stopped at its first large answer until the parent wants it.
        """
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        if answers_bytes:
            _enlarge(up_w, answers_bytes)
        try:
            pid = os.fork()
        except OSError:
            for fd in (down_r, down_w, up_r, up_w):
                os.close(fd)
            raise
        if pid == 0:  # the child
            os.close(down_w)
            os.close(up_r)
            _child_main(main, Channel(os.fdopen(down_r, "rb"), os.fdopen(up_w, "wb")))
        os.close(down_r)
        os.close(up_w)
        return cls(pid, os.fdopen(down_w, "wb"), os.fdopen(up_r, "rb"))

    def send(self, message: Any) -> None:
        """One message to the child; OSError (a broken pipe) when it is gone."""
        import pickle

        pickle.dump(message, self._to_child, protocol=pickle.HIGHEST_PROTOCOL)
        self._to_child.flush()

    def receive(self) -> Any:
        """The child's next message; EOFError when it left without sending one."""
        import pickle

        return pickle.load(self._from_child)  # noqa: S301 - our own child's bytes

    def answer_waiting(self) -> bool:
        """Whether the child has sent something not read yet (bytes already buffered here are not looked at).

        Lets a parent that shares work with the child do the next piece itself rather than wait.
        """
        try:
            return bool(select.select([self._from_child], [], [], 0)[0])
        except (OSError, ValueError):  # closed: let the next receive find out
            return True

    def finish_sending(self) -> None:
        """No more messages: the child's next ``receive`` raises EOFError."""
        _close(self._to_child)

    def wait(self) -> bool:
        """Reap the child; True when its work ran to the end (exit code 0)."""
        if self._reaped is None:
            self.finish_sending()
            _close(self._from_child)
            try:
                _, status = os.waitpid(self.pid, 0)
                self._reaped = os.waitstatus_to_exitcode(status) == 0
            except ChildProcessError:
                self._reaped = False
        return self._reaped

    def kill(self) -> None:
        """Stop the child now and reap it (its work is not wanted); harmless once it has been reaped."""
        if self._reaped is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.wait()


class SharedQueue:
    """Numbers 0 … count-1 that this process and a child forked after the queue's making take in turn.

    Each number is taken once, by whichever process asks first, so two
    processes of unequal speed (a forked child writing on memory it shares
    copy-on-write runs slower than its parent; another program may share its
    core) end their shares of the work together instead of one waiting for
    the other.  The numbers are two bytes each in a pipe filled before the
    fork, its writing end closed: a read of two bytes takes one number whole
    (reads from a pipe do not interleave), an empty pipe reads as the end.
    Up to ``TICKETS`` numbers fit in one atomic write, which fits in the
    smallest pipe Linux makes (the only system that forks here); a larger
    count is handed out in runs (:meth:`take` returns a range).
    """

    TICKETS = 2048  # 4096 bytes: Linux's PIPE_BUF (one atomic write) and its smallest pipe (one page)

    def __init__(self, count: int) -> None:
        """OSError when the system gives no pipe."""
        self._count = count
        self._run = -(-count // self.TICKETS) if count else 1   # numbers per ticket, rounded up
        self._read, write = os.pipe()
        try:
            os.write(write, b"".join(n.to_bytes(2, "big") for n in range(-(-count // self._run))))
        except OSError:
            os.close(self._read)
            raise
        finally:
            os.close(write)

    def take(self) -> range | None:
        """The next numbers (one, unless the count exceeds ``TICKETS``), or None once all are taken."""
        ticket = os.read(self._read, 2)
        if not ticket:
            return None
        start = int.from_bytes(ticket, "big") * self._run
        return range(start, min(start + self._run, self._count))

    def close(self) -> None:
        """This process's end of the queue (the other process keeps its own)."""
        os.close(self._read)


def _enlarge(pipe: int, size: int) -> None:
    """Ask for a pipe buffer of *size* bytes, or the largest allowed; the default buffer serves otherwise."""
    import fcntl

    try:
        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, size)
    except (OSError, AttributeError):  # above the system's limit, or not Linux
        try:
            with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as limit:
                fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, min(size, int(limit.read())))
        except (OSError, ValueError, AttributeError):
            pass


def _close(stream: IO[bytes]) -> None:
    try:
        stream.close()
    except OSError:  # a pipe whose reader is gone cannot flush: nothing is waiting for those bytes
        pass


def _child_main(main: Callable[[Channel], None], channel: Channel) -> None:
    """Runs in the forked child: *main*, then leave without the parent's exit handlers."""
    code = 1
    try:
        main(channel)
        code = 0
    finally:
        os._exit(code)


class Forked(Generic[T]):
    """A forked child computing one value (:func:`start`)."""

    def __init__(self, child: Child) -> None:
        self._child = child

    def result(self) -> T | None:
        """The child's value, or None when it failed (the caller then computes it itself)."""
        import pickle

        try:
            value = self._child.receive()
        except (EOFError, OSError, pickle.UnpicklingError):
            value = None
        return value if self._child.wait() else None

    def stop(self) -> None:
        """Kill the child and reap it (the parent failed or was interrupted: its value is not wanted)."""
        self._child.kill()


def start(work: Callable[[], T], samples: RunQueue | None = None) -> Forked[T] | None:
    """Fork a child that runs *work* and sends back its value; None when no child is wanted or possible.

    *samples*: the run queue as the caller sampled it around its own work (:func:`second_core_free`).
    """
    if not second_core_free(samples):
        return None
    try:
        return Forked(Child.fork(lambda channel: channel.send(work())))
    except OSError:
        return None
