"""A second process, started ahead of time, that writes some versions' files of an exam build.

The GUI builds exams on a worker thread next to Qt's threads, where forking
is not safe, and Windows has no fork.  Starting a fresh interpreter (spawn)
costs more than it saves when done at build time, so the exam workspace
starts one helper when it opens: by the time the lecturer presses "Tạo đề"
it has imported reportlab and registered the fonts, and the build hands it
the last versions (``exam.version_files``).  Spawn works the same on
Windows, macOS, Linux and in a frozen build (the entry point calls
``multiprocessing.freeze_support``); the process and its pipe are
``core.spawned_child``'s, shared with the PDF page renderer.

The helper only writes files from the data it is sent (questions, settings,
pictures read beforehand); it never opens the database or the blob store.
The bytes are those a single process writes (same code, same inputs).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from lecturer_app.core.spawned_child import READY, SpawnedChild

if TYPE_CHECKING:
    from lecturer_app.exam.draw import PaperVersion
    from lecturer_app.exporters.exam.version_writer import VersionJob

DONE = "done"


class VersionHelper:
    """One helper process; :meth:`start` it early, :meth:`stop` it when the exam workspace goes.

    ``submit`` then ``wait`` hand it versions; only one build uses it at a
    time (``claim``), a second one meanwhile writes everything itself.
    """

    def __init__(self) -> None:
        self._child = SpawnedChild(serve, name="lecturer_app exam helper")
        self._lock = threading.Lock()
        self._busy = False

    def start(self) -> None:
        """Start the process (returns at once; it warms up on its own)."""
        self._child.start()

    def wait_ready(self, timeout: float) -> bool:
        """Wait up to *timeout* seconds for the helper to be warm (tests, benchmarks)."""
        return self._child.wait_ready(timeout)

    def claim(self) -> bool:
        """True (and busy until :meth:`wait` or :meth:`stop`) when the helper is warm and free."""
        with self._lock:
            if self._busy or not self._child.ready():
                return False
            self._busy = True
            return True

    def release(self) -> None:
        """Give back a claim without using the helper."""
        with self._lock:
            self._busy = False

    def submit(self, job: VersionJob, versions: list[PaperVersion]) -> None:
        """Send the helper its versions (after :meth:`claim`)."""
        if not self._child.started or not self._busy:
            raise RuntimeError("submit() needs a successful claim() first")
        self._child.send((job, versions))

    def wait(self, check: Callable[[], None] | None = None) -> bool:
        """Block until the helper has written what it was sent; False if it failed or died.

        *check* is called before waiting and every ``CHECK_INTERVAL_S`` while
        waiting (``core.spawned_child``); it raises to abandon the wait (a
        cancelled build), and the caller then :meth:`stop` s the helper.
        """
        try:
            reply = self._child.receive(check)
        except (EOFError, OSError):
            reply = None
        with self._lock:
            self._busy = False
        if reply is None:
            self.stop()  # dead: the caller writes those versions itself
        return reply == DONE

    def stop(self) -> None:
        """End the process now (a cancelled build, the workspace closed); :meth:`start` makes a new one.

        A helper still alive 5 s after ``terminate`` is killed.
        """
        self._child.stop()
        with self._lock:
            self._busy = False


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
