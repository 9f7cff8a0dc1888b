"""Content-addressed blob files: ``blobs/ab/<sha256>`` (sync.md §3.5).

A blob is written to a temporary file in the same folder, fsynced and renamed
into place, so a crash never leaves a half-written blob under its final name.
Reads verify the hash.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lecturer_app.core.errors import UserFacingError
from lecturer_app.i18n import _

CHUNK = 1 << 20


class BlobError(UserFacingError):
    """A blob is missing or its bytes do not match its name."""


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise BlobError(_("không phải mã sha256 hợp lệ: {sha}").format(sha=sha256))
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put_bytes(self, data: bytes) -> str:
        """Store *data*; return its sha256."""
        digest = hashlib.sha256(data).hexdigest()
        if not self.has(digest):
            self._write(digest, [data])
        return digest

    def put_file(self, source: Path) -> tuple[str, int]:
        """Store a copy of the file at *source*, streaming; return (sha256, size)."""
        hasher = hashlib.sha256()
        size = 0
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=self.root)
        try:
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                for chunk in iter(lambda: src.read(CHUNK), b""):
                    hasher.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            digest = hasher.hexdigest()
            final = self.path(digest)
            if final.is_file():
                os.unlink(tmp_name)
            else:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp_name, final)
            return digest, size
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def read_bytes(self, sha256: str) -> bytes:
        """The blob's bytes, verified against its name."""
        try:
            data = self.path(sha256).read_bytes()
        except FileNotFoundError as exc:
            raise BlobError(_("thiếu tệp dữ liệu {sha}").format(sha=sha256)) from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobError(_("tệp dữ liệu {sha} bị hỏng (mã băm không khớp)").format(sha=sha256))
        return data

    def read_or_none(self, sha256: str) -> bytes | None:
        """The verified bytes, or None when the blob is missing or damaged.

        For renderers that skip a broken picture rather than fail a document;
        ``lecturer-app check`` reports such blobs.
        """
        try:
            return self.read_bytes(sha256)
        except BlobError:
            return None

    def open_verified(self, sha256: str) -> BinaryIO:
        """Open the blob for reading after checking its hash (streamed)."""
        if not self.verify(sha256):
            raise BlobError(_("tệp dữ liệu {sha} bị thiếu hoặc hỏng").format(sha=sha256))
        return open(self.path(sha256), "rb")

    def verify(self, sha256: str) -> bool:
        path = self.path(sha256)
        if not path.is_file():
            return False
        hasher = hashlib.sha256()
        with open(path, "rb") as src:
            for chunk in iter(lambda: src.read(CHUNK), b""):
                hasher.update(chunk)
        return hasher.hexdigest() == sha256

    def all_hashes(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2:
                for item in sorted(folder.iterdir()):
                    if not item.name.startswith("."):
                        yield item.name

    def _write(self, digest: str, chunks: list[bytes]) -> None:
        final = self.path(digest)
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=final.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp_name, final)
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise
