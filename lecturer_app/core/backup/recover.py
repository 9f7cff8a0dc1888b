"""Getting lost or damaged attachment files back from the backups, without touching anything else.

A missing blob is usually one file deleted by hand; restoring a whole
backup for it would also undo every edit since.  Blobs are named by their
hash, so any backup holding a file of that name holds the right bytes
(checked again on the way).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lecturer_app.core.backup.files import Progress, copy_verified
from lecturer_app.core.backup.findings import BLOB_FINDINGS, is_finding
from lecturer_app.core.backup.manifest import BLOBS, list_backups
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.i18n import _

_SHA256 = re.compile(r"\b[0-9a-f]{64}\b")


@dataclass
class RecoverReport:
    recovered: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    # Files sync has not brought yet that no backup holds either: not lost, the next sync brings them.
    awaited: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"recovered": self.recovered, "not_found": self.not_found, "awaited": self.awaited}


def blob_hashes(problems: Iterable[str]) -> list[str]:
    """The blobs named by ``check`` findings about missing or damaged files."""
    named = [p for p in problems if is_finding(p, *BLOB_FINDINGS)]
    found = [m.group(0) for p in named for m in [_SHA256.search(p)] if m]
    return sorted(set(found))


def recover_blobs(blobs: BlobStore, root: Path, hashes: Iterable[str],
                  progress: Progress | None = None, awaited: Iterable[str] = ()) -> RecoverReport:
    """Copy each blob of *hashes* that is missing or damaged here from the newest backup that has it whole.

    *awaited* (``CheckReport.awaited_blobs``) are looked for too: a file received, then deleted by hand, is in
    the backups made meanwhile; one that no backup holds is listed apart, as still to come by sync.
    """
    report = RecoverReport()
    backups = list_backups(root)
    still_to_come = set(awaited)
    wanted = sorted(set(hashes) | still_to_come)
    for index, sha256 in enumerate(wanted):
        if progress is not None:
            progress(index, len(wanted), _("Tìm tệp trong các bản sao lưu"))
        if blobs.verify(sha256):
            continue
        target = blobs.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        sources = (root / b.id / BLOBS / sha256[:2] / sha256 for b in backups)
        if any(source.is_file() and copy_verified(source, target) for source in sources):
            report.recovered.append(sha256)
        else:
            (report.awaited if sha256 in still_to_come else report.not_found).append(sha256)
    return report
