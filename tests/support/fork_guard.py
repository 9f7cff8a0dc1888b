"""Tests that need this process to fork, and the native threads other tests leave running.

The app forks a helper only from a single-threaded process (``second_core.can_fork_safely``: a fork
copies the calling thread alone, so a lock another thread held stays locked in the child).  Once a
test in the same pytest process has started a thread that outlives it (OpenCV's thread pool, a
library's worker), every later test of the forked path cannot run; it skipped silently, and only
someone reading the skip count noticed.  :class:`ThreadWatch` remembers which test left the
threads; :func:`require_single_thread` turns the skip into a failure naming that test when the run
is strict (CI, or ``LECTURER_APP_STRICT_FORK=1``, which ``.ci/run`` sets).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Generator, Mapping, MutableMapping
from pathlib import Path

import pytest

from lecturer_app.core.second_core import can_fork_safely

STRICT_VARIABLE = "LECTURER_APP_STRICT_FORK"
# Numerical libraries that start threads of their own: numpy's OpenBLAS (and the copy opencv-python
# bundles) starts one per core when imported, OpenCV's parallel_for its pool when first used.  Test
# modules import numpy and cv2 at collection, so without these no forking test ever ran in a whole
# run.  One thread each changes no result the tests check (no BLAS product there is big enough to be
# split across threads, and OpenCV's splits are by rows, each row computed as alone).
SINGLE_THREADED_LIBRARIES = {"OPENBLAS_NUM_THREADS": "1", "OPENCV_FOR_THREADS_NUM": "1"}
PLUGIN_NAME = "lecturer_app_thread_watch"
_TASKS = Path("/proc/self/task")


def strict(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether a forking test that cannot fork fails instead of skipping: on CI, or when asked."""
    return environ.get(STRICT_VARIABLE) == "1" or environ.get("CI", "").lower() not in ("", "0", "false")


def keep_libraries_single_threaded(environ: MutableMapping[str, str] = os.environ) -> None:
    """Ask numpy's and OpenCV's libraries for no threads of their own (before either is imported)."""
    for name, value in SINGLE_THREADED_LIBRARIES.items():
        environ.setdefault(name, value)


def thread_names() -> list[str]:
    """The names of this process's threads (the kernel's ``comm``; the main thread's is the program's)."""
    names = []
    for task in sorted(_TASKS.iterdir(), key=lambda path: int(path.name)):
        try:
            names.append((task / "comm").read_text(encoding="utf-8", errors="replace").strip())
        except OSError:  # the thread ended while it was listed
            continue
    return names


class ThreadWatch:
    """A pytest plugin: which test (or the collection) left the threads this process runs now besides its own.

    Only on Linux, where ``/proc/self/task`` lists the threads; elsewhere the app never forks anyway.
    """

    def __init__(self) -> None:
        self.left_by: str | None = None  # None while the process runs a single thread

    def _look(self, after: str) -> None:
        alone = len(os.listdir(_TASKS)) == 1
        if alone:
            self.left_by = None
        elif self.left_by is None:
            self.left_by = after

    def pytest_collection_finish(self) -> None:
        self._look("the collection (a module that starts a thread when imported)")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, object, object]:
        try:
            return (yield)
        finally:
            self._look(item.nodeid)


def register(config: pytest.Config) -> None:
    """Watch the threads of this test process (Linux only)."""
    if _TASKS.is_dir():
        config.pluginmanager.register(ThreadWatch(), PLUGIN_NAME)


def require_single_thread(config: pytest.Config) -> None:
    """Skip (or, when :func:`strict`, fail) the current test unless this process may fork now."""
    if can_fork_safely():
        return
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        pytest.skip("no forked helper here (not Linux)")
    watch = config.pluginmanager.get_plugin(PLUGIN_NAME)
    left_by = getattr(watch, "left_by", None) or "this test's own setup"
    message = (f"no forked helper: this process runs other threads ({', '.join(thread_names()[1:])}), "
               f"left running by {left_by}")
    if strict():
        pytest.fail(f"{message}; {STRICT_VARIABLE}=1 (or CI) makes this a failure, not a skip", pytrace=False)
    pytest.skip(message)
