"""Attachments read and hashed by a worker thread while the exporter writes the chunk before.

Reading a file, sha256, the zip's CRC-32 and writing all release the GIL, so
on two cores the read and hash of one chunk overlap the CRC and write of the
previous one, and an export of attachments costs about one copy of their
bytes, not the sum of its steps.  The chunks live in a fixed ring of reused
buffers: memory stays ``DEPTH`` MiB whatever the attachments, and no fresh
pages are faulted in per chunk.  A blob whose bytes do not hash to its name
(damaged or missing) fails the export at its end, as the plain read did.  A
blob an earlier export verified (``blob_checks.py``) is read without hashing:
the writer checks its CRC-32 and size instead.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lecturer_app.core.store.blobs import CHUNK, BlobError
from lecturer_app.i18n import _

DEPTH = 4


class _Stopped(Exception):
    """The writer gave up (error or cancel): the worker ends without reading further."""


class ReadAhead:
    """Reads *blobs* — (sha256, path, whether to hash) in the order the writer will ask for them — ahead.

    Use as a context manager; ``chunks(sha)`` yields each blob's bytes as
    memoryviews valid until the next one is asked for.
    """

    def __init__(self, blobs: list[tuple[str, Path, bool]]) -> None:
        self._buffers = [bytearray(CHUNK) for _n in range(DEPTH)]
        self._free: queue.Queue[int] = queue.Queue()
        self._ready: queue.Queue[tuple[Any, ...]] = queue.Queue()
        for index in range(DEPTH):
            self._free.put(index)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(list(blobs),), name="bundle-read-ahead", daemon=True)
        self._thread.start()

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self, blobs: list[tuple[str, Path, bool]]) -> None:
        try:
            for sha, path, verify in blobs:
                self._ready.put(("end", sha, self._read(sha, path, verify)))
        except BaseException as exc:  # noqa: BLE001 (handed to the writer, which raises it)
            self._ready.put(("error", exc))

    def _read(self, sha: str, path: Path, verify: bool) -> bool:
        """Queue the blob's chunks; whether its bytes hash to *sha* (True when not *verify*: it exists)."""
        hasher = hashlib.sha256() if verify else None
        try:
            src = open(path, "rb", buffering=0)
        except OSError:
            return False
        with src:
            while True:
                index = self._take()
                count = src.readinto(self._buffers[index])
                if not count:
                    self._free.put(index)
                    return hasher is None or hasher.hexdigest() == sha
                if hasher is not None:
                    hasher.update(memoryview(self._buffers[index])[:count])
                self._ready.put(("chunk", index, count))

    def _take(self) -> int:
        while not self._stop.is_set():
            try:
                return self._free.get(timeout=0.1)
            except queue.Empty:
                continue
        raise _Stopped

    def chunks(self, sha: str) -> Iterator[memoryview]:
        """The next blob's bytes; raises BlobError at its end when they do not hash to *sha*."""
        while True:
            item = self._ready.get()
            if item[0] == "error":
                raise item[1]
            if item[0] == "end":
                if item[1] != sha or not item[2]:
                    raise BlobError(_("tệp dữ liệu {sha} bị thiếu hoặc hỏng").format(sha=sha))
                return
            try:
                yield memoryview(self._buffers[item[1]])[:item[2]]
            finally:
                self._free.put(item[1])
