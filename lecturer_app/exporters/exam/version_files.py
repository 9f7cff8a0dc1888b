"""Each version's files (paper PDF, key PDF, optional DOCX paper), on two cores when that is safe.

A version's files depend only on the version, the settings and the
pictures, so the versions can be split between this process and a helper:
a helper process writes the last versions; a forked child and this process
take the versions one at a time from a shared queue, so both end together
however their speeds differ; this process writes the shared files
(``meanwhile``) first.  The bytes are the same either way (same code, same
inputs), which ``tests/exam/test_version_files.py`` checks.

The helper is, in order of preference:

* a process started ahead of time by the caller (``exam.version_helper``;
  the GUI's exam workspace starts one when it opens), when it is warm and
  free: spawned, so it works on Windows and in the GUI;
* a forked child, where forking is cheap and safe: Linux, a process with a
  single thread (the CLI; never the GUI, whose build runs in a worker
  thread next to Qt's), and only when a core is free (``spare_core``): on a
  busy machine the child adds its start and its own copies of the caches
  (font subsets, encoded text) to the same CPU time, and the build is slower
  than in one process (measured at load 15 on 2 cores: 6.5 s against 5.3 s).

Both need at least ``MIN_PARALLEL`` versions.  Otherwise, and whenever the
helper fails, the versions are written here one by one, so a failure is
raised with its own message.  Spawning a fresh interpreter at build time
would cost more than it saves on 24 versions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from lecturer_app.core import second_process
from lecturer_app.core.second_core import RunQueue
from lecturer_app.core.second_process import Child, SharedQueue
from lecturer_app.exam.draw import PaperVersion
from lecturer_app.exporters.exam.version_writer import (
    VersionJob,
    version_paths,
    warm_up,
    with_skeleton,
    write_version,
)

if TYPE_CHECKING:
    from lecturer_app.exporters.exam.version_helper import VersionHelper

Progress = Callable[[int, int], None]
T = TypeVar("T")

MIN_PARALLEL = 4
# The shared files and exam.json of a build cost about as much as this many versions' files.
MEANWHILE_VERSIONS = 4


def write_versions(job: VersionJob, versions: list[PaperVersion], progress: Progress | None, total: int,
                   meanwhile: Callable[[], T] | None = None,
                   helper: VersionHelper | None = None) -> tuple[list[list[Path]], T | None]:
    """Every version's files in version order, and what *meanwhile* returned.

    *meanwhile* (the build's shared files) runs in this process while the
    helper writes its versions, or first when there is no helper.  The
    helper is *helper* (a process started ahead, ``exam.version_helper``)
    when it is warm and free, else a forked child where that is safe.
    ``progress(done, total)`` is called as versions are written here.
    """
    # A fork is decided after this process's first version, by run-queue samples taken around that work.
    may_fork = job.parallel and len(versions) >= MIN_PARALLEL and second_process.can_fork_safely()
    samples = RunQueue() if may_fork else None
    job = with_skeleton(job, versions)
    if job.parallel and helper is not None and len(versions) >= MIN_PARALLEL and helper.claim():
        return _write_with(helper, job, versions, progress, total, meanwhile)
    if samples is not None:
        return _fork_when_a_core_is_free(samples, job, versions, progress, total, meanwhile)
    extra = meanwhile() if meanwhile else None
    return _write_here(job, versions, progress, total), extra


def _fork_when_a_core_is_free(samples: RunQueue, job: VersionJob, versions: list[PaperVersion],
                              progress: Progress | None, total: int,
                              meanwhile: Callable[[], T] | None) -> tuple[list[list[Path]], T | None]:
    """Write the first version here, then share the others with a forked child if a core is free, else write on here.

    The first version is written here either way, and before a fork it
    leaves the caches every version shares (font subsets, line breaks,
    encoded lines) for the child to inherit.  The run queue is sampled
    before the DOCX skeleton (by the caller), before that version and after
    it: three samples over 20 ms or more (the first version takes 20-30 ms),
    wider than the five samples 2 ms apart that ``spare_core`` takes alone,
    with no waiting (a 2 ms sleep before the third sample cost every forked
    build those 2 ms until 2026-12-05); their median still ignores one busy
    instant.
    """
    samples.sample()
    first = _write_here(job, versions[:1], progress, total)
    samples.sample()
    if second_process.second_core_free(samples):
        return _share_with_child(job, versions, first, progress, total, meanwhile)
    extra = meanwhile() if meanwhile else None
    return first + _write_here(job, versions[1:], progress, total, before=1), extra


def _share_with_child(job: VersionJob, versions: list[PaperVersion], first: list[list[Path]],
                      progress: Progress | None, total: int,
                      meanwhile: Callable[[], T] | None) -> tuple[list[list[Path]], T | None]:
    """Fork a child; it and this process (after *meanwhile*) take the versions after *first* from one queue.

    A fixed split left one process waiting for the other (a child writing on
    pages it shares copy-on-write took 10-15 ms over its first version, 6 ms
    later, and another program on its core slows it further: one build waited
    90 ms for its child).  What both processes need
    is loaded first (``warm_up``), once for both.  When the child fails, the
    versions this process did not write are written here again, so a real
    error is raised with its own message.
    """
    prefetched, rest = _prefetched(job, versions), versions[len(first):]
    try:
        queue = SharedQueue(len(rest))
    except OSError:  # no pipe: write everything here
        extra = meanwhile() if meanwhile else None
        return first + _write_here(prefetched, rest, progress, total, len(first)), extra
    try:
        warm_up()
        child = Child.fork(lambda _channel: _child_writes(prefetched, rest, queue))
    except OSError:  # no second process after all: this process takes every version
        child = None
    try:
        extra = meanwhile() if meanwhile else None
        mine = _take_and_write(prefetched, rest, queue, progress, total, before=len(first))
        helped = child is not None and child.wait()
    except BaseException:
        if child is not None:
            child.kill()  # cancelled, failed or interrupted: its work is not wanted
        raise
    finally:
        queue.close()
    if not helped:
        _write_here(prefetched, [v for number, v in enumerate(rest) if number not in mine], None, total)
    return first + [version_paths(job, v) for v in rest], extra


def _child_writes(job: VersionJob, versions: list[PaperVersion], queue: SharedQueue) -> None:
    """Runs in the forked child: write the versions it takes from *queue* (its exit code tells how it went)."""
    _take_and_write(job, versions, queue)


def _take_and_write(job: VersionJob, versions: list[PaperVersion], queue: SharedQueue,
                    progress: Progress | None = None, total: int = 0, before: int = 0) -> set[int]:
    """Write the versions whose numbers this process takes from *queue*; the numbers taken.

    Progress counts this process's versions on from *before* already written.
    """
    taken: set[int] = set()
    while (numbers := queue.take()) is not None:
        for number in numbers:
            write_version(job, versions[number])
            taken.add(number)
            if progress:
                progress(before + len(taken), total)
    return taken


def _write_here(job: VersionJob, versions: list[PaperVersion], progress: Progress | None,
                total: int, before: int = 0) -> list[list[Path]]:
    """Write *versions* here; progress counts on from *before* versions already written."""
    written = []
    for done, version in enumerate(versions, start=before + 1):
        written.append(write_version(job, version))
        if progress:
            progress(done, total)
    return written


def _write_with(helper: VersionHelper, job: VersionJob, versions: list[PaperVersion],
                progress: Progress | None, total: int, meanwhile: Callable[[], T] | None,
                first: list[list[Path]] | None = None) -> tuple[list[list[Path]], T | None]:
    """The helper writes the last versions; this process *meanwhile* and the first ones, then waits.

    *first*: the files of the first versions, already written here.
    """
    split = helper_split(len(versions), meanwhile is not None)
    mine, theirs = versions[:split], versions[split:]
    prefetched = _prefetched(job, versions)
    first = first or []
    try:
        helper.submit(prefetched, theirs)
    except OSError:  # no second process after all: write everything here
        helper.stop()
        counted = (lambda done, all_: progress(done + len(first), all_)) if progress else None
        rest = write_versions(replace(prefetched, parallel=False), versions[len(first):], counted, total, meanwhile)
        return first + rest[0], rest[1]
    try:
        extra = meanwhile() if meanwhile else None
        written = first + _write_here(prefetched, mine[len(first):], progress, total, len(first))
        # Progress is reported again while waiting: that is where a cancel is heard.
        helped = helper.wait((lambda: progress(len(mine), total)) if progress else None)
    except BaseException:
        helper.stop()  # cancelled, failed or interrupted: its work is not wanted
        raise
    if not helped:  # redo here, so a real error is raised with its message
        _write_here(prefetched, theirs, None, total)
    return written + [version_paths(job, v) for v in theirs], extra


def helper_split(count: int, meanwhile: bool) -> int:
    """How many of *count* versions this process writes; the helper writes the rest.

    *meanwhile* (the shared files and exam.json) costs about as much as
    ``MEANWHILE_VERSIONS`` versions, so the helper takes that many more.
    """
    handicap = MEANWHILE_VERSIONS if meanwhile else 0
    return max(1, min(count - 1, (count - handicap) // 2))


def _prefetched(job: VersionJob, versions: list[PaperVersion]) -> VersionJob:
    """The job with its pictures read beforehand: the child must not touch the parent's blob store or database."""
    if job.images is None:
        return job
    hashes = {ref.sha256 for v in versions for item in v.printed for ref in item.question.images}
    hashes |= {o.image.sha256 for v in versions for item in v.printed for o in item.options if o.image}
    org = job.settings.organization
    hashes |= {org.header_template} if org is not None and org.header_template else set()   # the DOCX template
    found = {sha: job.images(sha) for sha in sorted(hashes)}
    return replace(job, images=found.get)
