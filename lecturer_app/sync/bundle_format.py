"""The ``.lbb`` bundle file (sync.md §3.7): a zip, split into parts for FAT32 sticks.

Members: ``revs/NNNN.jsonl`` (one revision and its author's signature per
line), ``blobs/<sha256>``, ``sealed/NNNN`` (exam members encrypted to one
recipient), ``manifest.json`` (bundle id, producer and the certificates of
every author, revocation lists, scope, what it covers, and every member's
sha256 and size) and ``manifest.sig`` (the producer's ed25519 signature of
the manifest's bytes).  Nothing else may be in a bundle.

After the zip comes a trailer: the producer's signature of a sha256 over the
file, so a flipped byte anywhere (even in zip fields no reader checks) is
caught.  Version 1 hashed every byte.  Version 2 (``stand_in_hash``) hashes
every byte except the data of the stored members the manifest lists, each
replaced by its 32-byte sha256 (the manifest's, which the reader checks the
member's bytes against anyway): an attachment's bytes are hashed once each
way, not twice, and a flipped byte among them still fails its member's hash.
Readers take both versions; the version is the signed manifest's.

A bundle larger than the part size (2 GiB, under FAT32's 4 GiB limit) is one
zip byte stream cut into ``FILE.lbb``, ``FILE.lbb.002``, ``FILE.lbb.003``…;
the reader joins them again.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import BinaryIO

from lecturer_app.core.errors import InputFileError
from lecturer_app.i18n import _

FORMAT = "lecturer-app-bundle"
VERSION = 2
FIRST_STAND_IN_VERSION = 2  # from this version on, stored members' data are hashed as their sha256
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PART_SIZE = 2 << 30  # 2 GiB
CHUNK = 1 << 20
WRITEBACK = 16 << 20  # written bytes handed to the disk at a time, while the export goes on
MEMBER_NAME = re.compile(r"^(revs/\d{4,8}\.jsonl|blobs/[0-9a-f]{64}|sealed/\d{4,8})$")
MAX_MANIFEST = 64 << 20
MAX_RATIO = 200  # a member inflating more than this is treated as a zip bomb
TRAILER_MAGIC = b"\nLBBSIG1 "
TRAILER_SIZE = len(TRAILER_MAGIC) + 88 + 1


def trailer_message(digest: bytes, version: int = 1) -> bytes:
    """What the trailer signs; the version is in it so a digest of one rule never passes for the other."""
    if version >= FIRST_STAND_IN_VERSION:
        return b"lecturer-app bundle file v2 " + digest
    return b"lecturer-app bundle file " + digest


def stand_in_hash(version: int) -> bool:
    return version >= FIRST_STAND_IN_VERSION


class BundleError(InputFileError):
    """A bundle is refused: names the bundle and the bad member (``where``)."""


def part_path(path: Path, number: int) -> Path:
    """Part 1 is the bundle's own name; the others add ``.002``, ``.003``…"""
    return path if number == 1 else path.with_name(f"{path.name}.{number:03d}")


def existing_parts(path: Path) -> list[Path]:
    parts: list[Path] = []
    while part_path(path, len(parts) + 1).is_file():
        parts.append(part_path(path, len(parts) + 1))
    return parts


class SplitWriter:
    """A write-only stream cut into temporary part files of at most *part_size* bytes.

    Not seekable, so ``zipfile`` streams (data descriptors).  ``commit`` fsyncs
    and renames the parts to their final names, part 1 last, so the bundle's
    own name appears only when every byte is on the stick.
    """

    def __init__(self, path: Path, part_size: int = PART_SIZE) -> None:
        self.path = Path(path)
        self.part_size = part_size
        self.temps: list[Path] = []
        self._out: BinaryIO | None = None
        self._in_part = 0
        self._handed = 0  # bytes of the current part already handed to the disk
        self._written = 0
        self.hasher = hashlib.sha256()
        self._held = False

    def hold_hash(self) -> None:
        """Stop hashing what is written: a stored member's data, hashed by its writer (format version 2)."""
        self._held = True

    def resume_hash(self, stand_in: bytes) -> None:
        """Hash *stand_in* (the held data's sha256) in place of the held bytes, then hash again."""
        self.hasher.update(stand_in)
        self._held = False

    def _next_part(self) -> None:
        self._close_part()
        temp = self.path.with_name(f".{self.path.name}.{len(self.temps) + 1:03d}.partial")
        self._out = open(temp, "wb")
        self.temps.append(temp)  # only once it exists: a part that could not be made is not counted, nor retried
        self._in_part = 0
        self._handed = 0

    def _close_part(self) -> None:
        if self._out is not None:
            self._out.flush()
            os.fsync(self._out.fileno())
            self._out.close()
            self._out = None

    def write(self, data: bytes) -> int:
        if not self._held:
            self.hasher.update(data)
        view = memoryview(data)
        while view:
            if self._out is None or self._in_part >= self.part_size:
                self._next_part()
            assert self._out is not None
            take = min(len(view), self.part_size - self._in_part)
            self._out.write(view[:take])
            self._in_part += take
            self._written += take
            view = view[take:]
            if self._in_part - self._handed >= WRITEBACK:
                self._write_back()
        return len(data)

    def _write_back(self) -> None:
        """Start writing what this part holds since the last call, without waiting for it.

        The disk then works while the export computes, and the ``fsync`` of ``commit``
        finds little left to write (``cp`` + ``sync`` pays the write at its end).  On
        Linux, ``POSIX_FADV_DONTNEED`` on dirty pages starts their write-back and keeps
        them; elsewhere this does nothing.
        """
        assert self._out is not None
        if not hasattr(os, "posix_fadvise"):
            return
        self._out.flush()
        os.posix_fadvise(self._out.fileno(), self._handed, self._in_part - self._handed, os.POSIX_FADV_DONTNEED)
        self._handed = self._in_part

    def tell(self) -> int:
        return self._written

    def seek(self, *args: object) -> int:
        raise OSError("not seekable")

    def flush(self) -> None:
        if self._out is not None:
            self._out.flush()

    def close(self) -> None:
        """Nothing: ``commit`` or ``abort`` ends the parts (zipfile never closes a stream it was given)."""

    def commit(self) -> list[Path]:
        """Make the parts final; stale parts of an older, longer bundle of that name are removed."""
        self._close_part()
        finals = [part_path(self.path, n) for n in range(1, len(self.temps) + 1)]
        stale = len(self.temps) + 1
        while part_path(self.path, stale).is_file():
            part_path(self.path, stale).unlink()
            stale += 1
        for temp, final in reversed(list(zip(self.temps, finals, strict=True))):
            os.replace(temp, final)
        _fsync_dir(self.path.parent)
        return finals

    def abort(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
        for temp in self.temps:
            temp.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; its rename is durable enough
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class PartsReader:
    """The parts of a bundle read as one seekable byte stream."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.parts = existing_parts(self.path)
        if not self.parts:
            raise BundleError(self.path, "", _("không tìm thấy tệp gói"))
        self.sizes = [p.stat().st_size for p in self.parts]
        self.size = sum(self.sizes)
        self.files = [open(p, "rb") for p in self.parts]
        self.pos = 0

    def seekable(self) -> bool:
        return True

    def hide_tail(self, count: int) -> bytes:
        """Read the last *count* bytes and end the stream before them (the trailer)."""
        if self.size < count:
            return b""
        self.seek(self.size - count)
        tail = self.read(count)
        self.size -= count
        self.pos = 0
        return tail

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.pos, 2: self.size}[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def read(self, n: int = -1) -> bytes:
        n = self.size - self.pos if n is None or n < 0 else min(n, max(0, self.size - self.pos))
        chunks = []
        while n > 0:
            index, offset = self._locate(self.pos)
            handle = self.files[index]
            handle.seek(offset)
            data = handle.read(min(n, self.sizes[index] - offset))
            if not data:
                break
            chunks.append(data)
            self.pos += len(data)
            n -= len(data)
        return b"".join(chunks)

    def _locate(self, pos: int) -> tuple[int, int]:
        for index, size in enumerate(self.sizes):
            if pos < size:
                return index, pos
            pos -= size
        return len(self.sizes) - 1, self.sizes[-1]

    def close(self) -> None:
        for handle in self.files:
            handle.close()

    def __enter__(self) -> PartsReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
