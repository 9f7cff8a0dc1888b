"""Taking a ``.lbb`` bundle in (sync.md §3.7 import order).

1. open and verify: member names, manifest signature, whole-file signature,
   every member's size and hash (bundle_verify.py) — nothing written yet;
2. trust: the producer's certificate chain, revocation lists (the bundle's
   own are honoured at once), expiry; unknown devices refused with their
   fingerprints unless ``trust_new``;
3. judge each new revision (revision_trust.py); rejected ones are listed;
4. keep each blob that verifies (content-addressed: harmless if unused);
5. insert-or-ignore the accepted revisions, their signatures and the bundle
   id in one transaction through ``Store.apply_all`` (which also auto-merges).

Importing a bundle again is a no-op; any order of bundles gives the same state.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.revisions import FORMAT, Revision
from lecturer_app.i18n import _
from lecturer_app.sync.bundle_format import CHUNK, BundleError
from lecturer_app.sync.bundle_trust import check_signers, honour_crls
from lecturer_app.sync.bundle_verify import OpenBundle, open_bundle
from lecturer_app.sync.device import Device
from lecturer_app.sync.revision_trust import RevisionJudge
from lecturer_app.sync.seal import TAG, Opener, SealError
from lecturer_app.sync.signing import store_signatures
from lecturer_app.sync.trust import now_utc

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    path: Path
    bundle_id: str
    producer: str
    dry_run: bool = False
    already_imported: bool = False
    revisions_new: int = 0
    revisions_known: int = 0
    blobs_new: int = 0
    conflicts_new: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    sealed: str = "none"  # none | opened | for_other
    new_devices: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "bundle_id": self.bundle_id, "producer": self.producer,
                "dry_run": self.dry_run, "already_imported": self.already_imported,
                "revisions_new": self.revisions_new, "revisions_known": self.revisions_known,
                "blobs_new": self.blobs_new, "conflicts_new": self.conflicts_new, "rejected": self.rejected,
                "sealed": self.sealed, "new_devices": self.new_devices}


@dataclass
class _Lines:
    """The bundle's revisions (with their signature entries) and the sealed blobs' names."""

    items: list[tuple[Revision, dict[str, Any] | None]] = field(default_factory=list)
    sealed_blobs: dict[str, str] = field(default_factory=dict)
    bad: list[dict[str, str]] = field(default_factory=list)


def import_bundle(device: Device, blobs: BlobStore, path: Path, *, dry_run: bool = False,
                  trust_new: bool = False, now: datetime | None = None,
                  progress: Progress | None = None) -> ImportReport:
    """Verify the bundle at *path* completely, then take what it brings (nothing when *dry_run*).

    *progress* is called (members verified, members) during verification,
    then (blobs kept, blobs); raising from it cancels — during verification
    before anything is written, later before the revisions are (the blobs
    kept by then are content-addressed and harmless).  Raises BundleError
    (UntrustedBundle for unknown devices, with their fingerprints).
    """
    with open_bundle(Path(path), progress=progress) as bundle:
        manifest = bundle.manifest
        report = ImportReport(Path(path), str(manifest.get("bundle_id", "")), bundle.producer["fingerprint"],
                              dry_run=dry_run)
        crls = honour_crls(device.trust, manifest)
        signers, unknown = check_signers(device.trust, bundle, now or now_utc(), trust_new,
                                        own=device.key.fingerprint)
        report.new_devices = unknown
        lines = _read_lines(device, bundle, report)
        accepted = _judge(device, lines, signers, report)
        report.already_imported = _seen(device, report.bundle_id)
        if dry_run:
            return report
        report.blobs_new = _keep_blobs(bundle, blobs, lines, device, report, progress)
        _apply(device, accepted, report)
        _remember(device, bundle, signers, unknown, crls)
    return report


def _read_lines(device: Device, bundle: OpenBundle, report: ImportReport) -> _Lines:
    lines = _Lines()
    for member in sorted(bundle.members("revs/"), key=lambda m: m["name"]):
        _parse(bundle, member["name"], _split_lines(bundle.chunks(member["name"])), lines)
    sealed = bundle.manifest.get("sealed")
    if sealed:
        if sealed.get("recipient") != device.key.fingerprint:
            report.sealed = "for_other"
        else:
            report.sealed = "opened"
            opener = Opener(device.key, sealed["ephemeral_key"], report.bundle_id)
            plain = _opened(bundle, opener, "sealed/0001")
            index, *rest = list(_split_lines(plain)) or [b"{}"]
            lines.sealed_blobs = dict(json.loads(index).get("blobs", {}))
            _parse(bundle, "sealed/0001", rest, lines)
    return lines


def _opened(bundle: OpenBundle, opener: Opener, name: str) -> Iterator[bytes]:
    try:
        yield from opener.open(int(name[-4:]), name, _pieces(bundle.chunks(name), CHUNK + TAG))
    except SealError as exc:
        raise bundle.fail(name, _("không giải mã được phần niêm phong")) from exc


def _pieces(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    buffer = b""
    for data in chunks:
        buffer += data
        while len(buffer) >= size:
            yield buffer[:size]
            buffer = buffer[size:]
    if buffer:
        yield buffer


def _split_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    rest = b""
    for data in chunks:
        rest += data
        *whole, rest = rest.split(b"\n")
        yield from (line for line in whole if line.strip())
    if rest.strip():
        yield rest


def _parse(bundle: OpenBundle, member: str, raw_lines: Iterable[bytes], lines: _Lines) -> None:
    for number, raw in enumerate(raw_lines, start=1):
        try:
            line = json.loads(raw.decode("utf-8"))
            data = line["rev"]
            rev = Revision.from_json(data)
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise bundle.fail(f"{member}:{number}", _("dòng phiên bản hỏng ({error})").format(error=exc)) from exc
        if rev.format > FORMAT:
            lines.bad.append(_rejection(rev, _("phiên bản do ứng dụng mới hơn tạo; hãy cập nhật ứng dụng")))
        elif rev.computed_id() != rev.rev_id:
            lines.bad.append(_rejection(rev, _("mã phiên bản không khớp nội dung")))
        else:
            lines.items.append((rev, line.get("sig")))


def _rejection(rev: Revision, reason: str) -> dict[str, str]:
    return {"rev_id": rev.rev_id, "record_id": rev.record_id, "type": rev.type, "reason": reason}


def _judge(device: Device, lines: _Lines, signers: dict[str, tuple[str, list[str]]],
           report: ImportReport) -> list[tuple[Revision, dict[str, Any] | None]]:
    store = device.store
    in_bundle = {rev.rev_id: rev for rev, _sig in lines.items}
    shipped: list[set[str]] = []

    def shipped_ids() -> set[str]:
        if not shipped:
            shipped.append(_shipped_bank_ids())
        return shipped[0]

    judge = RevisionJudge(signers, lambda rev_id: in_bundle.get(rev_id) or store.log.get(rev_id), shipped_ids)
    accepted, seen = [], set()
    for rev, sig in lines.items:
        if rev.rev_id in seen:
            continue
        seen.add(rev.rev_id)
        if store.log.get(rev.rev_id) is not None:
            report.revisions_known += 1
        elif (reason := judge.reason(rev, sig)) is not None:
            report.rejected.append(_rejection(rev, reason))
        else:
            accepted.append((rev, sig))
    report.rejected.extend(lines.bad)
    report.revisions_new = len(accepted)
    return accepted


def _shipped_bank_ids() -> set[str]:
    from lecturer_app.core.bank.shipped_import import shipped_revisions
    from lecturer_app.core.resources import bank_path

    return {rev.rev_id for rev in shipped_revisions(bank_path())[1]}


def _seen(device: Device, bundle_id: str) -> bool:
    return device.store.db.execute("SELECT 1 FROM bundle_imports WHERE bundle_id = ?", [bundle_id]).fetchone() \
        is not None


def _keep_blobs(bundle: OpenBundle, blobs: BlobStore, lines: _Lines, device: Device, report: ImportReport,
                progress: Progress | None) -> int:
    added = 0
    plain = bundle.members("blobs/")
    for number, member in enumerate(plain, start=1):
        sha = member["name"][len("blobs/"):]
        if not blobs.has(sha):
            added += _store_blob(bundle, blobs, sha, member["name"], bundle.chunks(member["name"]))
        if progress:
            progress(number, len(plain))
    if report.sealed == "opened":
        opener = Opener(device.key, bundle.manifest["sealed"]["ephemeral_key"], report.bundle_id)
        for name, sha in sorted(lines.sealed_blobs.items()):
            if not blobs.has(sha) and bundle.zf.NameToInfo.get(name) is not None:
                added += _store_blob(bundle, blobs, sha, name, _opened(bundle, opener, name))
    return added


def _store_blob(bundle: OpenBundle, blobs: BlobStore, sha: str, member: str, chunks: Iterable[bytes]) -> int:
    """Stream a blob to a temporary file and keep it only if its bytes hash to its name."""
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


def _apply(device: Device, accepted: list[tuple[Revision, dict[str, Any] | None]], report: ImportReport) -> None:
    store = device.store
    touched = sorted({rev.record_id for rev, _sig in accepted})
    with store.transaction():
        before = _conflicted(store, touched)
        store.apply_all([rev for rev, _sig in accepted])
        store_signatures(store, [(rev.rev_id, sig["signer"], sig["signature"]) for rev, sig in accepted if sig])
        store.db.execute("INSERT OR IGNORE INTO bundle_imports VALUES (?, ?, ?, ?)",
                         [report.bundle_id, report.producer, store.clock.now(), report.revisions_new])
        report.conflicts_new = len(_conflicted(store, touched) - before)


def _conflicted(store: Any, record_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(record_ids), 500):
        part = record_ids[start:start + 500]
        rows = store.db.execute(f"SELECT id FROM records WHERE conflict = 1 AND id IN ({','.join('?' * len(part))})",
                                part)
        found.update(row[0] for row in rows)
    return found


def _remember(device: Device, bundle: OpenBundle, signers: dict[str, tuple[str, list[str]]],
              unknown: list[str], crls: list[dict[str, Any]]) -> None:
    for crl in crls:
        device.trust.add_crl(crl)
    devices = {**bundle.manifest.get("devices", {}), bundle.producer["fingerprint"]: bundle.producer}
    for fp, entry in sorted(devices.items()):
        if fp in signers and fp != device.key.fingerprint:
            device.trust.remember(fp, entry["public_key"], entry.get("certificate"), accepted=fp in unknown)


def verify_only(device: Device, path: Path, *, now: datetime | None = None) -> dict[str, Any]:
    """``bundle verify``: integrity (raises BundleError) and what trusting it would need; writes nothing."""
    with open_bundle(Path(path)) as bundle:
        manifest = bundle.manifest
        honour_crls(device.trust, manifest)
        try:
            check_signers(device.trust, bundle, now or now_utc(), trust_new=False, own=device.key.fingerprint)
            untrusted: list[str] = []
        except BundleError as exc:
            untrusted = list(getattr(exc, "fingerprints", [])) or [str(exc)]
        return {"path": str(path), "ok": True, "bundle_id": manifest.get("bundle_id"),
                "producer": bundle.producer["fingerprint"], "created": manifest.get("created"),
                "scope": manifest.get("scope"), "members": len(manifest["members"]),
                "revision_members": len(bundle.members("revs/")), "blobs": len(bundle.members("blobs/")),
                "sealed_for": (manifest.get("sealed") or {}).get("recipient"), "untrusted": untrusted}
