"""Revision members deflated ahead and held until the attachments before them in the bundle are written.

The export writes the plain attachments first, on a worker thread, while the
main thread reads the revision lines from SQLite (the connection belongs to
it) and another worker deflates and hashes them (zlib, sha256 and file
writes release the GIL): on two cores the lines, their deflating and the
copy of the attachments overlap instead of following one another.  A
deflated member cannot go into the zip until the attachments ahead of it are
in, so it waits here, in memory, up to ``HOLD`` bytes (its deflated size; the
revision members of a 50,000-question bank are about 17 MB): past that the
deflating worker waits for the attachments, so memory stays bounded whatever
the bank.  Once the attachments are in, members are written as they come.

A member's local header carries its CRC-32 and sizes (it is whole before it
is written), so no data descriptor follows it; ``zipfile`` reads both forms.
"""

from __future__ import annotations

import hashlib
import threading
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

HOLD = 64 << 20
DATE = (1980, 1, 1, 0, 0, 0)


class Stopped(Exception):
    """The export gave up (an error or a cancel elsewhere): the waiting worker ends without writing."""


@dataclass(frozen=True)
class Prepared:
    """A member deflated in memory: its deflated data, and the CRC-32, size and sha256 of its bytes."""

    name: str
    data: bytes
    crc: int
    size: int
    sha256: str


def prepare(name: str, data: bytes, level: int) -> Prepared:
    """Deflate *data* as ``zipfile`` does (raw deflate stream at *level*), with its checks."""
    deflater = zlib.compressobj(level, zlib.DEFLATED, -15)
    packed = deflater.compress(data) + deflater.flush()
    return Prepared(name, packed, zlib.crc32(data), len(data), hashlib.sha256(data).hexdigest())


def write_prepared(zf: zipfile.ZipFile, member: Prepared) -> zipfile.ZipInfo:
    """Append *member* to *zf* (open for writing, no member handle open) as ``ZipFile.open(…, "w")`` would.

    ``zipfile`` has no call for data deflated beforehand: this writes the local
    header and the data to the zip's stream and records the entry for the central
    directory, the same attributes its own writer keeps.
    """
    if getattr(zf, "_writing", False):  # noqa: B009 (zipfile's own private guard against two writers)
        raise ValueError("another zip member is being written")
    info = zipfile.ZipInfo(member.name, date_time=DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16  # what ZipFile.open(…, "w") gives a member: rw-------
    info.CRC, info.compress_size, info.file_size = member.crc, len(member.data), member.size
    assert zf.fp is not None
    info.header_offset = zf.fp.tell()
    zf.fp.write(info.FileHeader())
    zf.fp.write(member.data)
    zf.start_dir = zf.fp.tell()
    zf.filelist.append(info)
    zf.NameToInfo[info.filename] = info
    setattr(zf, "_didModify", True)  # noqa: B010 (zipfile's private flag: close() writes the central directory)
    return info


class HeldMembers:
    """Prepared members kept in order until ``release``; then written through *write* as they come."""

    def __init__(self, write: Callable[[Prepared], object], hold: int = HOLD) -> None:
        self._write = write
        self._hold = hold
        self._held: list[Prepared] = []
        self._size = 0
        self._open = threading.Event()
        self.stopped = threading.Event()

    def put(self, member: Prepared) -> None:
        """Hold *member* while the attachments are being written and room is left; else wait, then write."""
        if not self._open.is_set() and self._size + len(member.data) <= self._hold:
            self._held.append(member)
            self._size += len(member.data)
            return
        while not self._open.wait(0.1):
            if self.stopped.is_set():
                raise Stopped
        self.flush()
        self._write(member)

    def release(self) -> None:
        """The attachments are written: members may follow them."""
        self._open.set()

    def stop(self) -> None:
        self.stopped.set()

    def flush(self) -> None:
        """Write the held members, in order (after ``release``; never while ``put`` runs in another thread)."""
        held, self._held, self._size = self._held, [], 0
        for member in held:
            self._write(member)
