"""What an export remembers of the attachments it has verified: each one's CRC-32 and size.

An attachment's file is named by its sha256, and the first export that sends
it hashes every byte to check the name (a damaged file fails that export).
The zip's CRC-32 of the same bytes, which the exporter computes anyway, is
then kept here; a later export checks the bytes against that CRC-32 and size
instead of hashing them again, so a file damaged since (flipped, zeroed or cut
short) still fails the export, at a quarter of the cost.  A CRC-32 is no
defence against someone who rewrites the store on purpose, and need not be:
the receiver checks every member's bytes against its sha256 before writing
anything (``bundle_verify.py``), so no damaged attachment can enter another
replica either way.

The file (``<data_dir>/sync/blob-checks.json``) is only a cache: lost,
unreadable or stale, the next export hashes the attachments again.
"""

from __future__ import annotations

import json
from pathlib import Path

from lecturer_app.core.store.blobs import BlobError
from lecturer_app.i18n import _
from lecturer_app.sync.trust import write_json

FILE_NAME = "blob-checks.json"
VERSION = 1


class BlobChecks:
    """sha256 → (CRC-32, size) of attachments whose bytes an export has hashed to their name."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.known: dict[str, tuple[int, int]] = _load(self.path)
        self._new = False

    def has(self, sha256: str) -> bool:
        return sha256 in self.known

    def confirm(self, sha256: str, crc: int, size: int) -> None:
        """After a blob was written: check a known one's CRC-32 and size, remember a newly hashed one's."""
        known = self.known.get(sha256)
        if known is None:
            self.known[sha256] = (crc, size)
            self._new = True
        elif known != (crc, size):
            raise BlobError(_("tệp dữ liệu {sha} bị thiếu hoặc hỏng").format(sha=sha256))

    def save(self) -> None:
        """Keep what this export learnt (after its bundle is complete)."""
        if not self._new:
            return
        checks = {sha: list(value) for sha, value in sorted(self.known.items())}
        try:
            write_json(self.path, {"version": VERSION, "checks": checks})
        except OSError:
            return  # only a cache: the bundle is complete, and the next export hashes again
        self._new = False


def _load(path: Path) -> dict[str, tuple[int, int]]:
    """The remembered checks; none when the file is missing, damaged or of another version."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return {}
        return {str(sha): (int(crc), int(size)) for sha, (crc, size) in data["checks"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
