"""Blobs a bundle brings: written once, while the bundle is verified, kept only when all of it is.

``BlobIntake.tap`` is the hook ``open_bundle`` calls for each member it
checks (from its checking threads too): a blob not held here is streamed to
a temporary file beside its final place in that same read, so 1 GB of attachments is read from the
stick once, not three times.  Nothing is under a blob's name until
``keep``, which runs after every check passed; ``discard`` removes whatever
was not kept (a refused or cancelled bundle leaves no trace).  Each
temporary file is made durable (``fsync``) as soon as it is written, by the
thread that wrote it — one of the verifier's two threads for a stored blob —
so ``keep`` only names them, where fsyncing 1 GB one file after another took
half a second of an import's wall time.  No thread of ours outlives the
verification: a process with a second thread must not fork, and the
signature checks that follow fork when a core is free (``core/second_core``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.i18n import _
from lecturer_app.sync.bundle_verify import OpenBundle, Sink

PREFIX = "blobs/"


class BlobIntake:
    """Temporary files of the new blobs of one bundle (see the module docstring)."""

    def __init__(self, blobs: BlobStore) -> None:
        self.blobs = blobs
        self.temps: dict[str, Path] = {}
        self.durable: set[str] = set()  # blobs whose temporary file was fsynced once written

    def tap(self, name: str) -> Sink | None:
        """Where the checked bytes of member *name* go: a temporary file for a blob new here, else nowhere.

        The verifier closes it once the member is read.  Member names are
        unique (checked before), so threads tapping at once never share a blob.
        """
        sha = name[len(PREFIX):] if name.startswith(PREFIX) else ""
        if not sha or self.blobs.has(sha) or sha in self.temps:
            return None
        final = self.blobs.path(sha)
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".incoming-", dir=final.parent)
        self.temps[sha] = Path(temp)
        return _Incoming(os.fdopen(fd, "wb"), lambda: self.durable.add(sha))

    def keep(self, bundle: OpenBundle, progress: Callable[[int, int], None] | None = None) -> int:
        """Move every verified new blob to its name (made durable first); returns how many."""
        plain = bundle.members(PREFIX)
        kept = 0
        for number, member in enumerate(plain, start=1):
            sha = member["name"][len(PREFIX):]
            if member["sha256"] != sha:  # the manifest vouches for the bytes; the name must be their hash
                raise bundle.fail(member["name"], _("tệp dữ liệu không khớp mã băm của nó"))
            temp = self.temps.pop(sha, None)
            if temp is not None and not self.blobs.has(sha):
                if sha not in self.durable:  # a tap never closed: made durable here, as it must be before its name
                    _fsync(temp)
                os.replace(temp, self.blobs.path(sha))
                kept += 1
            elif temp is not None:
                temp.unlink(missing_ok=True)
            if progress:
                progress(number, len(plain))
        return kept

    def discard(self) -> None:
        for temp in self.temps.values():
            temp.unlink(missing_ok=True)
        self.temps.clear()
        self.durable.clear()


class _Incoming:
    """A temporary blob file being written: flushed and fsynced when it is closed (*on_durable* then)."""

    def __init__(self, file: BinaryIO, on_durable: Callable[[], None]) -> None:
        self.file, self.on_durable = file, on_durable

    def write(self, data: bytes, /) -> int:
        return self.file.write(data)

    def close(self) -> None:
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
        finally:
            self.file.close()
        self.on_durable()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def store_blob(bundle: OpenBundle, blobs: BlobStore, sha: str, member: str, chunks: Iterable[bytes]) -> int:
    """Stream a blob (a sealed one, decrypted) to a temporary file and keep it only if its bytes hash to its name."""
    final = blobs.path(sha)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".incoming-", dir=final.parent)
    try:
        hasher = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                hasher.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if hasher.hexdigest() != sha:
            raise bundle.fail(member, _("tệp dữ liệu không khớp mã băm của nó"))
        os.replace(temp, final)
        return 1
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
