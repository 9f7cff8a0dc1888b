"""A second process, started ahead of time, that writes some versions' files of an exam build.

The GUI builds exams on a worker thread next to Qt's threads, where forking
is not safe, and Windows has no fork.  Starting a fresh interpreter (spawn)
costs more than it saves when done at build time, so the exam workspace
starts one helper when it opens: by the time the lecturer presses "Tạo đề"
it has imported reportlab and registered the fonts, and the build hands it
the last versions (``exam.version_files``).  Spawn works the same on
Windows, macOS, Linux and in a frozen build (the entry point calls
``multiprocessing.freeze_support``).

The helper only writes files from the data it is sent (questions, settings,
pictures read beforehand); it never opens the database or the blob store.
The bytes are those a single process writes (same code, same inputs).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lecturer_app.exam.draw import PaperVersion
    from lecturer_app.exporters.exam.version_writer import VersionJob

READY = "ready"
DONE = "done"
CHECK_INTERVAL_S = 0.1


class VersionHelper:
    """One helper process; :meth:`start` it early, :meth:`stop` it when the exam workspace goes.

    ``submit`` then ``wait`` hand it versions; only one build uses it at a
    time (``claim``), a second one meanwhile writes everything itself.
    """

    def __init__(self) -> None:
        self._process: Any = None
        self._conn: Connection | None = None
        self._ready = False
        self._lock = threading.Lock()
        self._busy = False

    def start(self) -> None:
        """Start the process (returns at once; it warms up on its own)."""
        if self._process is not None:
            return
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        self._process = context.Process(target=serve, args=(theirs,), daemon=True, name="lecturer_app exam helper")
        self._process.start()
        theirs.close()
        self._conn = ours

    def wait_ready(self, timeout: float) -> bool:
        """Wait up to *timeout* seconds for the helper to be warm (tests, benchmarks)."""
        if self._conn is not None and not self._ready:
            try:
                self._conn.poll(timeout)
            except (EOFError, OSError):
                return False
        with self._lock:
            return self._is_ready()

    def claim(self) -> bool:
        """True (and busy until :meth:`wait` or :meth:`stop`) when the helper is warm and free."""
        with self._lock:
            if self._busy or not self._is_ready():
                return False
            self._busy = True
            return True

    def release(self) -> None:
        """Give back a claim without using the helper."""
        with self._lock:
            self._busy = False

    def submit(self, job: VersionJob, versions: list[PaperVersion]) -> None:
        """Send the helper its versions (after :meth:`claim`)."""
        if self._conn is None or not self._busy:
            raise RuntimeError("submit() needs a successful claim() first")
        self._conn.send((job, versions))

    def wait(self, check: Callable[[], None] | None = None) -> bool:
        """Block until the helper has written what it was sent; False if it failed or died.

        *check* is called before waiting and every ``CHECK_INTERVAL_S`` while
        waiting; it raises to abandon the wait (a cancelled build), and the
        caller then :meth:`stop` s the helper.
        """
        try:
            reply = self._receive(check) if self._conn is not None else None
        except (EOFError, OSError):
            reply = None
        with self._lock:
            self._busy = False
        if reply is None:
            self.stop()  # dead: the caller writes those versions itself
        return reply == DONE

    def _receive(self, check: Callable[[], None] | None) -> Any:
        assert self._conn is not None, "only called while the helper is running"
        while True:
            if check is not None:
                check()
            if self._conn.poll(CHECK_INTERVAL_S):
                return self._conn.recv()

    def stop(self) -> None:
        """End the process now (a cancelled build, the workspace closed); :meth:`start` makes a new one."""
        process, conn = self._process, self._conn
        self._process, self._conn, self._ready = None, None, False
        with self._lock:
            self._busy = False
        if conn is not None:
            conn.close()
        if process is not None:
            process.terminate()
            process.join(5)

    def _is_ready(self) -> bool:
        if self._process is None or not self._process.is_alive() or self._conn is None:
            return False
        if not self._ready:
            try:
                self._ready = self._conn.poll() and self._conn.recv() == READY
            except (EOFError, OSError):
                return False
        return self._ready


def serve(conn: Connection) -> None:
    """The helper's life: warm up, say so, then write each job sent until the pipe closes."""
    from lecturer_app.exporters.exam.version_writer import warm_up, write_version

    warm_up()
    conn.send(READY)
    while True:
        try:
            job, versions = conn.recv()
        except (EOFError, OSError):
            return
        try:
            for version in versions:
                write_version(job, version)
        except Exception as exc:  # noqa: BLE001 - reported back; the build redoes the versions and raises
            conn.send(f"failed: {type(exc).__name__}: {exc}")
            continue
        conn.send(DONE)
