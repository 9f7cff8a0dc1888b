"""Writing a ``.lbb`` bundle, streamed (sync.md §3.7).

Revisions are read from the database in batches and blobs copied in 1 MiB
chunks, hashing as they go (or, for a blob an earlier export hashed, checked
by its CRC-32 and size: ``blob_checks.py``), so memory does not grow with the
attachments.  The plain attachments are written first, by a worker thread,
while the revision lines are read and deflated (``held_members.py``).
The manifest (with every member's hash) is written last, then its
signature.  Everything goes to temporary part files that are renamed only
when complete: a full disk or a pulled stick leaves no bundle under the
final name.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.store.blobs import CHUNK, BlobError, BlobStore
from lecturer_app.i18n import _
from lecturer_app.sync.blob_checks import FILE_NAME as CHECKS_FILE
from lecturer_app.sync.blob_checks import BlobChecks
from lecturer_app.sync.bundle_format import (
    FORMAT,
    MANIFEST,
    PART_SIZE,
    SIGNATURE,
    TRAILER_MAGIC,
    VERSION,
    SplitWriter,
    trailer_message,
)
from lecturer_app.sync.device import Device
from lecturer_app.sync.held_members import HeldMembers, Prepared, Stopped, prepare, write_prepared
from lecturer_app.sync.keys import b64
from lecturer_app.sync.seal import Sealer
from lecturer_app.sync.selection import (
    Selection,
    covers,
    finish_blobs,
    line_bytes,
    make_selection,
    plain_blobs_ahead,
    selected_lines,
)
from lecturer_app.sync.signing import sign_own_revisions
from lecturer_app.sync.trust import TrustError, iso, now_utc
from lecturer_app.sync.want import Want
from lecturer_app.sync.write_behind import WriteBehind

LINES_PER_MEMBER = 5000
DEFLATE_LEVEL = 1
Progress = Callable[[int, int], None]


@dataclass
class ExportReport:
    path: Path
    parts: list[Path]
    bundle_id: str
    revisions: int = 0
    blobs: int = 0
    sealed_revisions: int = 0
    sealed_blobs: int = 0
    unsigned_skipped: int = 0
    recipient: str | None = None
    members: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "parts": [str(p) for p in self.parts], "bundle_id": self.bundle_id,
                "revisions": self.revisions, "blobs": self.blobs, "sealed_revisions": self.sealed_revisions,
                "sealed_blobs": self.sealed_blobs, "unsigned_skipped": self.unsigned_skipped,
                "recipient": self.recipient}


class _Writer:
    """Adds members to the zip, hashing each one, and keeps the manifest's member list.

    A stored member's data is hashed once: its sha256 stands in for its bytes in
    the whole-file hash (format version 2, ``bundle_format.stand_in_hash``).
    """

    def __init__(self, zf: zipfile.ZipFile, stream: SplitWriter, progress: Progress | None) -> None:
        self.zf = zf
        self.stream = stream
        self.members: list[dict[str, Any]] = []
        self.progress = progress
        self.handed = 0  # members added or queued, for progress
        self._lock = threading.Lock()  # members come from the attachment worker and the deflating one

    def add(self, name: str, chunks: Iterable[bytes | memoryview], *, compress: bool, large: bool = False,
            sha256: str = "") -> zipfile.ZipInfo:
        """Add a member; *sha256* is its hash when *chunks* already check their bytes against it."""
        info = self._write(name, chunks, compress=compress, large=large, sha256=sha256)
        self._handed()
        return info

    def _handed(self) -> None:
        with self._lock:
            self.handed += 1
            handed = self.handed
        if self.progress:
            self.progress(handed, 0)

    def _write(self, name: str, chunks: Iterable[bytes | memoryview], *, compress: bool, large: bool = False,
               sha256: str = "") -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        # Revision text: the fastest deflate level keeps most of the gain at a fraction of the time.
        setattr(info, "_compresslevel", DEFLATE_LEVEL)  # noqa: B010 (zipfile reads this private field)
        hasher, size = hashlib.sha256(), 0
        with self.zf.open(info, "w", force_zip64=large) as out:  # the local header is written here
            if not compress:
                self.stream.hold_hash()
            for chunk in chunks:
                if not sha256:
                    hasher.update(chunk)
                size += len(chunk)
                out.write(chunk)
            digest = sha256 or hasher.hexdigest()
            if not compress:
                self.stream.resume_hash(bytes.fromhex(digest))  # before the data descriptor
        self.members.append({"name": name, "sha256": digest, "size": size})
        return info  # its CRC and sizes are set when the member is closed

    def write_prepared(self, member: Prepared) -> None:
        write_prepared(self.zf, member)
        self.members.append({"name": member.name, "sha256": member.sha256, "size": member.size})

    def add_lines(self, lines: Iterable[bytes], first_number: int, held: HeldMembers) -> tuple[int, int]:
        """jsonl members of LINES_PER_MEMBER lines; returns (lines written, next member number).

        A worker deflates and hashes each member while SQLite builds the next one's lines, and hands it to
        *held*, which writes it once the attachments ahead of it are in.
        """
        batch: list[bytes] = []
        count, number = 0, first_number
        with WriteBehind() as behind:
            try:
                for line in lines:
                    batch.append(line)
                    count += 1
                    if len(batch) == LINES_PER_MEMBER:
                        self._hand(behind, held, f"revs/{number:04d}.jsonl", b"".join(batch))  # one write, not 5,000
                        batch, number = [], number + 1
                if batch:
                    self._hand(behind, held, f"revs/{number:04d}.jsonl", b"".join(batch))
                    number += 1
            except BaseException:
                held.stop()  # a worker waiting for the attachments gives up
                raise
        return count, number

    def _hand(self, behind: WriteBehind, held: HeldMembers, name: str, data: bytes) -> None:
        behind.submit(lambda: held.put(prepare(name, data, DEFLATE_LEVEL)))
        self._handed()


def _blob_chunks(blobs: BlobStore, sha256: str) -> Iterator[bytes]:
    """The blob's bytes, read once and hashed on the way; a damaged blob fails the export at its end.

    Sealed blobs only (the sealer keeps a chunk past the next): the plain ones reuse one buffer (``_read_chunks``).
    """
    hasher = hashlib.sha256()
    try:
        src = open(blobs.path(sha256), "rb")
    except FileNotFoundError as exc:
        raise BlobError(_("tệp dữ liệu {sha} bị thiếu hoặc hỏng").format(sha=sha256)) from exc
    with src:
        for chunk in iter(lambda: src.read(CHUNK), b""):
            hasher.update(chunk)
            yield chunk
    if hasher.hexdigest() != sha256:
        raise BlobError(_("tệp dữ liệu {sha} bị thiếu hoặc hỏng").format(sha=sha256))


def export_bundle(device: Device, blobs: BlobStore, path: Path, *, want: Want | None = None,
                  scopes: list[str] | None = None, recipient: dict[str, Any] | None = None,
                  part_size: int = PART_SIZE, progress: Progress | None = None) -> ExportReport:
    """Write a bundle of what the receiver (per *want*) lacks in *scopes*; seal exam scopes to *recipient*.

    *recipient* is a certificate (``--for CERT.json``), checked against this
    device's trust anchors.  *progress* is called per member; raising from it
    cancels, leaving nothing under *path*.
    """
    store = device.store
    if not Path(path).parent.is_dir():  # a stick pulled out, a mistyped folder: said before any work
        raise UserFacingError(_("Không có thư mục {folder} để ghi gói (USB đã rút ra, hoặc đường dẫn sai); "
                                "hãy cắm lại USB hoặc chọn nơi lưu khác.").format(folder=Path(path).parent))
    if recipient is not None:
        _check_recipient(device, recipient)
    sign_own_revisions(store, device.key)
    selection = make_selection(store, scopes, recipient, want)
    report = ExportReport(Path(path), [], str(uuid.uuid4()), recipient=recipient.get("subject") if recipient else None)
    writer = SplitWriter(Path(path), part_size)
    checks = BlobChecks(device.trust.folder / CHECKS_FILE)
    try:
        with zipfile.ZipFile(writer, "w", allowZip64=True) as zf:
            _write_members(device, blobs, _Writer(zf, writer, progress), selection, recipient, report, checks)
        signature = b64(device.key.sign(trailer_message(writer.hasher.digest(), VERSION)))
        writer.write(TRAILER_MAGIC + signature.encode("ascii") + b"\n")
        report.parts = writer.commit()
    except BaseException:
        writer.abort()
        raise
    checks.save()
    return report


def _write_members(device: Device, blobs: BlobStore, out: _Writer, selection: Selection,
                   recipient: dict[str, Any] | None, report: ExportReport, checks: BlobChecks) -> None:
    zf, store = out.zf, device.store
    first = sorted(sha for sha in plain_blobs_ahead(store, selection) if blobs.has(sha))
    held = HeldMembers(out.write_prepared)
    with _blobs_beside(out, blobs, first, checks, held):
        report.revisions, _next = out.add_lines(selected_lines(store, selection, sealed=False), 1, held)
    held.flush()
    sealed_lines = list(selected_lines(store, selection, sealed=True)) if recipient else []
    finish_blobs(store, selection)
    # A blob the lines name that the list ahead missed (a revision written meanwhile) follows them.
    late = sorted(sha for sha in selection.plain_blobs.difference(first) if blobs.has(sha))
    selection.plain_blobs.update(first)  # sent in the clear already: never sealed as well
    selection.sealed_blobs -= selection.plain_blobs
    _write_blobs(out, blobs, late, checks)
    report.blobs = len(first) + len(late)
    sealed_info = None
    if sealed_lines:
        sealed_info = _write_sealed(blobs, out, selection, recipient or {}, sealed_lines, report)
    report.unsigned_skipped = selection.unsigned
    manifest = _manifest(device, selection, out.members, report, sealed_info)
    data = line_bytes(manifest)
    zf.writestr(zipfile.ZipInfo(MANIFEST, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    zf.writestr(zipfile.ZipInfo(SIGNATURE, date_time=(1980, 1, 1, 0, 0, 0)), b64(device.key.sign(data)))
    report.members = out.members


@contextmanager
def _blobs_beside(out: _Writer, blobs: BlobStore, plain: Sequence[str], checks: BlobChecks,
                  held: HeldMembers) -> Iterator[None]:
    """Write the blob members *plain* on a worker thread during the ``with`` body; then let *held* write.

    An error in the body stops the worker at its next chunk; the worker's error is raised on leaving.
    """
    with WriteBehind(depth=1) as worker:
        worker.submit(lambda: _write_blobs(out, blobs, plain, checks, held))
        try:
            yield
        except BaseException:
            held.stop()
            raise


def _write_blobs(out: _Writer, blobs: BlobStore, plain: Sequence[str], checks: BlobChecks,
                 held: HeldMembers | None = None) -> None:
    """Stored members ``blobs/<sha256>``, each read, checked and written in turn; *held* is released at the end.

    Read by the thread that writes, through one reused buffer: the lines and their deflating use the other
    core meanwhile, and a separate reader thread (before session 7) cost ≈ 0.2 CPU seconds per GB more in
    hand-offs between the two.
    """
    buffer = bytearray(CHUNK)
    try:
        for sha in plain:
            chunks = _read_chunks(blobs, sha, not checks.has(sha), buffer)
            if held is not None:
                chunks = _until_stopped(chunks, held)
            info = out.add(f"blobs/{sha}", chunks, compress=False, large=_large(blobs, sha), sha256=sha)
            checks.confirm(sha, info.CRC, info.file_size)
    finally:
        if held is not None:
            held.release()


def _read_chunks(blobs: BlobStore, sha256: str, verify: bool, buffer: bytearray) -> Iterator[memoryview]:
    """The blob's bytes in *buffer* (each view valid until the next); *verify*: hashed, failing at the end if they
    do not hash to *sha256* (a blob an earlier export verified is checked by its CRC-32 instead: blob_checks.py)."""
    hasher = hashlib.sha256() if verify else None
    try:
        src = open(blobs.path(sha256), "rb", buffering=0)
    except OSError as exc:
        raise BlobError(_("tệp dữ liệu {sha} bị thiếu hoặc hỏng").format(sha=sha256)) from exc
    with src:
        while count := src.readinto(buffer):
            view = memoryview(buffer)[:count]
            if hasher is not None:
                hasher.update(view)
            yield view
    if hasher is not None and hasher.hexdigest() != sha256:
        raise BlobError(_("tệp dữ liệu {sha} bị thiếu hoặc hỏng").format(sha=sha256))


def _until_stopped(chunks: Iterator[memoryview], held: HeldMembers) -> Iterator[memoryview]:
    """*chunks* until the export stops elsewhere (an error or a cancel on the main thread)."""
    for chunk in chunks:
        if held.stopped.is_set():
            raise Stopped
        yield chunk


def _large(blobs: BlobStore, sha: str) -> bool:
    return blobs.path(sha).stat().st_size >= (1 << 31) - (1 << 20)


def _write_sealed(blobs: BlobStore, out: _Writer, selection: Selection, recipient: dict[str, Any],
                  lines: list[bytes], report: ExportReport) -> dict[str, Any]:
    sealer = Sealer(recipient["encryption_key"], report.bundle_id)
    names = {sha: f"sealed/{n:04d}" for n, sha in enumerate(
        sorted(s for s in selection.sealed_blobs if blobs.has(s)), start=2)}
    index = {"blobs": {name: sha for sha, name in names.items()}}
    payload = [line_bytes(index), *lines]
    out.add("sealed/0001", sealer.seal(1, "sealed/0001", payload), compress=False)
    for sha, name in names.items():
        out.add(name, sealer.seal(int(name[-4:]), name, _blob_chunks(blobs, sha)), compress=False,
                large=_large(blobs, sha))
    report.sealed_revisions, report.sealed_blobs = len(lines), len(names)
    return {"recipient": recipient["subject"], "ephemeral_key": sealer.ephemeral_b64,
            "scopes": selection.sealed_scopes}


def _manifest(device: Device, selection: Selection, members: list[dict[str, Any]], report: ExportReport,
              sealed: dict[str, Any] | None) -> dict[str, Any]:
    own = device.trust.certificate()
    known = device.trust.devices()
    devices = {}
    for fp in sorted(selection.signers):
        if fp == device.key.fingerprint:
            devices[fp] = {"public_key": device.key.public_b64, "certificate": own}
        elif fp in known:
            devices[fp] = {"public_key": known[fp]["public_key"], "certificate": known[fp].get("certificate")}
    return {"format": FORMAT, "version": VERSION, "bundle_id": report.bundle_id, "created": iso(now_utc()),
            "producer": {"fingerprint": device.key.fingerprint, "public_key": device.key.public_b64,
                         "replica_id": device.replica_id, "certificate": own},
            "devices": devices, "crls": list(device.trust.crls().values()), "scope": selection.plain_scopes,
            "covers": covers(selection), "members": members, "sealed": sealed}


def _check_recipient(device: Device, recipient: dict[str, Any]) -> None:
    problem = device.trust.certificate_problem(recipient, now_utc())
    if problem is not None:
        raise TrustError(_("Không gửi được cho chứng chỉ này: {problem}.").format(problem=problem))
    if not recipient.get("encryption_key"):
        raise TrustError(_("Chứng chỉ người nhận không có khóa mã hóa."))
