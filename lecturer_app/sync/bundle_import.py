"""Taking a ``.lbb`` bundle in (sync.md §3.7 import order).

1. open and verify: member names, manifest signature, every member's size
   and hash, whole-file signature (bundle_verify.py) — in one read, new
   blobs streamed to temporary files on the way; nothing else written yet;
2. trust: the producer's certificate chain, revocation lists (the bundle's
   own are honoured at once), expiry; unknown devices refused with their
   fingerprints unless ``trust_new``;
3. judge each new revision (revision_trust.py), streaming: only the ids of
   accepted revisions are kept; rejected ones are listed;
4. keep each blob that verifies (content-addressed: harmless if unused);
5. read the revision lines again (re-checked against the manifest) and
   insert-or-ignore the accepted ones, batch by batch, with their signatures
   and the bundle id, in one transaction through ``Store.apply_batches``
   (which also auto-merges).

Importing a bundle again is a no-op; any order of bundles gives the same state.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.merge import AUTOMERGE
from lecturer_app.core.store.revisions import FORMAT, Revision
from lecturer_app.i18n import _
from lecturer_app.sync.blob_intake import BlobIntake, store_blob
from lecturer_app.sync.bundle_format import CHUNK, BundleError
from lecturer_app.sync.bundle_trust import check_signers, honour_crls
from lecturer_app.sync.bundle_verify import OpenBundle, open_bundle
from lecturer_app.sync.device import Device
from lecturer_app.sync.revision_trust import RevisionJudge, invalid_signature
from lecturer_app.sync.seal import TAG, Opener, SealError
from lecturer_app.sync.signature_checks import SignatureChecks
from lecturer_app.sync.signing import store_signatures
from lecturer_app.sync.trust import now_utc

Progress = Callable[[int, int], None]
BATCH = 2000  # revisions parsed, judged and inserted at a time


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
    # Where the revision signatures were checked (SignatureChecks.where): for benchmarks, not in the JSON.
    signature_checks: str = "none"

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "bundle_id": self.bundle_id, "producer": self.producer,
                "dry_run": self.dry_run, "already_imported": self.already_imported,
                "revisions_new": self.revisions_new, "revisions_known": self.revisions_known,
                "blobs_new": self.blobs_new, "conflicts_new": self.conflicts_new, "rejected": self.rejected,
                "sealed": self.sealed, "new_devices": self.new_devices}


@dataclass
class _Verdict:
    """What the first pass decided, kept small: the ids to take (not the revisions) and their records."""

    accepted: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)
    sealed_blobs: dict[str, str] = field(default_factory=dict)


Parsed = tuple[Revision, dict[str, Any] | None]


def import_bundle(device: Device, blobs: BlobStore, path: Path, *, dry_run: bool = False,
                  trust_new: bool = False, now: datetime | None = None,
                  progress: Progress | None = None) -> ImportReport:
    """Verify the bundle at *path* completely, then take what it brings (nothing when *dry_run*).

    Two streaming passes, so memory does not grow with the bundle: the first
    verifies every byte and judges every revision (new blobs go to temporary
    files meanwhile), the second inserts the accepted revisions batch by
    batch inside one transaction.  *progress* is called (members verified,
    members) during verification, then (blobs kept, blobs); raising from it
    cancels — during verification before anything is written, later before
    the revisions are (the blobs kept by then are content-addressed and
    harmless).  Raises BundleError (UntrustedBundle for unknown devices,
    with their fingerprints).
    """
    intake = None if dry_run else BlobIntake(blobs)
    try:
        with open_bundle(Path(path), progress=progress, tap=intake.tap if intake else None) as bundle:
            manifest = bundle.manifest
            report = ImportReport(Path(path), str(manifest.get("bundle_id", "")), bundle.producer["fingerprint"],
                                  dry_run=dry_run)
            crls = honour_crls(device.trust, manifest)
            signers, unknown = check_signers(device.trust, bundle, now or now_utc(), trust_new,
                                            own=device.key.fingerprint)
            report.new_devices = unknown
            verdict = _judge(device, bundle, signers, report)
            report.already_imported = _seen(device, report.bundle_id)
            if intake is None:
                return report
            report.blobs_new = intake.keep(bundle, progress) + _keep_sealed_blobs(bundle, blobs, verdict, device,
                                                                                  report)
            _apply(device, bundle, verdict, report)
            _remember(device, bundle, signers, unknown, crls)
    finally:
        if intake is not None:
            intake.discard()
    return report


# Reading the revision lines --------------------------------------------------


def _lines(device: Device, bundle: OpenBundle, report: ImportReport,
           sealed_index: dict[str, str]) -> Iterator[tuple[str, int, bytes]]:
    """(member, line number, line) of every revision line, plain then sealed; re-checked against the manifest."""
    for member in sorted(bundle.members("revs/"), key=lambda m: m["name"]):
        name = member["name"]
        for number, raw in enumerate(_split_lines(checked_chunks(bundle, name)), start=1):
            yield name, number, raw
    sealed = bundle.manifest.get("sealed")
    if not sealed:
        return
    if sealed.get("recipient") != device.key.fingerprint:
        report.sealed = "for_other"
        return
    report.sealed = "opened"
    opener = Opener(device.key, sealed["ephemeral_key"], report.bundle_id)
    lines = _split_lines(_opened(bundle, opener, "sealed/0001"))
    index = next(lines, b"{}")
    sealed_index.update(json.loads(index).get("blobs", {}))
    for number, raw in enumerate(lines, start=1):
        yield "sealed/0001", number, raw


def checked_chunks(bundle: OpenBundle, name: str) -> Iterator[bytes]:
    """A member's bytes read again, failing at the end if they are no longer what the manifest says."""
    declared = next(m for m in bundle.manifest["members"] if m["name"] == name)
    hasher = hashlib.sha256()
    for chunk in bundle.chunks(name):
        hasher.update(chunk)
        yield chunk
    if hasher.hexdigest() != declared["sha256"]:
        raise bundle.fail(name, _("mã băm không khớp bản kê (thành phần bị sửa hoặc hỏng)"))


def _opened(bundle: OpenBundle, opener: Opener, name: str) -> Iterator[bytes]:
    try:
        yield from opener.open(int(name[-4:]), name, _pieces(checked_chunks(bundle, name), CHUNK + TAG))
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


def _parse(bundle: OpenBundle, member: str, number: int, raw: bytes) -> Parsed:
    try:
        line = json.loads(raw.decode("utf-8"))
        return Revision.from_json(line["rev"]), line.get("sig")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise bundle.fail(f"{member}:{number}", _("dòng phiên bản hỏng ({error})").format(error=exc)) from exc


def _batches(device: Device, bundle: OpenBundle, report: ImportReport,
             sealed_index: dict[str, str]) -> Iterator[list[Parsed]]:
    batch: list[Parsed] = []
    for member, number, raw in _lines(device, bundle, report, sealed_index):
        batch.append(_parse(bundle, member, number, raw))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


# First pass: judge -----------------------------------------------------------


def _rejection(rev: Revision, reason: str) -> dict[str, str]:
    return {"rev_id": rev.rev_id, "record_id": rev.record_id, "type": rev.type, "reason": reason}


def _malformed(rev: Revision) -> str | None:
    if rev.format > FORMAT:
        return _("phiên bản do ứng dụng mới hơn tạo; hãy cập nhật ứng dụng")
    if rev.computed_id() != rev.rev_id:
        return _("mã phiên bản không khớp nội dung")
    return None


class _Judging:
    """The first pass's state: revisions seen, automerges kept for the end (their parents may come later)."""

    def __init__(self, device: Device, signers: dict[str, tuple[str, list[str]]], report: ImportReport,
                 checks: SignatureChecks[tuple[str, str, str]]) -> None:
        self.store = device.store
        self.report = report
        self.verdict = _Verdict()
        self.seen: set[str] = set()
        self.merges: dict[str, Parsed] = {}
        self.bad: list[dict[str, str]] = []
        self.parents: dict[str, Revision] = {}
        self._shipped: set[str] | None = None
        self.checks = checks
        self.judge = RevisionJudge(signers, self.lookup, self.shipped_ids, defer=self.defer)

    def defer(self, public_key: str, rev: Revision, signature: str) -> None:
        """Accepted unless its signature fails: checked in batches, maybe on the other core (signature_checks)."""
        self.checks.add(public_key, rev.rev_id, signature, (rev.rev_id, rev.record_id, rev.type))

    def signature_failed(self, what: tuple[str, str, str]) -> None:
        rev_id, record_id, rtype = what
        self.verdict.accepted.discard(rev_id)
        self.report.rejected.append({"rev_id": rev_id, "record_id": record_id, "type": rtype,
                                     "reason": invalid_signature()})

    def shipped_ids(self) -> set[str]:
        if self._shipped is None:
            self._shipped = _shipped_bank_ids()
        return self._shipped

    def lookup(self, rev_id: str) -> Revision | None:
        held = self.merges.get(rev_id)
        return held[0] if held else self.parents.get(rev_id) or self.store.log.get(rev_id)

    def take(self, batch: list[Parsed]) -> None:
        known = self.store.log.known([rev.rev_id for rev, _sig in batch])
        for rev, sig in batch:
            if (reason := _malformed(rev)) is not None:
                self.bad.append(_rejection(rev, reason))
                continue
            if rev.rev_id in self.seen:
                continue
            self.seen.add(rev.rev_id)
            if rev.rev_id in known:
                self.report.revisions_known += 1
            elif rev.origin_replica == AUTOMERGE:
                self.merges[rev.rev_id] = (rev, sig)
            else:
                self.settle(rev, sig)

    def settle(self, rev: Revision, sig: dict[str, Any] | None) -> None:
        if (reason := self.judge.reason(rev, sig)) is not None:
            self.report.rejected.append(_rejection(rev, reason))
        else:
            self.verdict.accepted.add(rev.rev_id)
            self.verdict.records.add(rev.record_id)


def _judge(device: Device, bundle: OpenBundle, signers: dict[str, tuple[str, list[str]]],
           report: ImportReport) -> _Verdict:
    """Judge every revision line without keeping the revisions (only automerges, which are few).

    Signatures are checked in batches beside the parsing (``SignatureChecks``);
    every verdict is final before this returns.
    """
    failed: list[tuple[str, str, str]] = []
    with SignatureChecks(failed.append) as checks:
        state = _Judging(device, signers, report, checks)
        for batch in _batches(device, bundle, report, state.verdict.sealed_blobs):
            state.take(batch)
        checks.finish()
        report.signature_checks = checks.where()
    for what in failed:
        state.signature_failed(what)
    if state.merges:
        _fetch_parents(device, bundle, report, state)
        for rev, sig in state.merges.values():
            state.settle(rev, sig)
    report.rejected.extend(state.bad)
    report.revisions_new = len(state.verdict.accepted)
    return state.verdict


def _fetch_parents(device: Device, bundle: OpenBundle, report: ImportReport, state: _Judging) -> None:
    """Read the bundle again for the automerges' parents that are neither here nor automerges themselves."""
    wanted = {p for rev, _sig in state.merges.values() for p in rev.parents} - set(state.merges)
    wanted -= state.store.log.known(sorted(wanted))
    wanted &= state.seen
    if not wanted:
        return
    for batch in _batches(device, bundle, report, {}):
        for rev, _sig in batch:
            if rev.rev_id in wanted and _malformed(rev) is None:
                state.parents[rev.rev_id] = rev


def _shipped_bank_ids() -> set[str]:
    from lecturer_app.core.bank.shipped_import import shipped_revisions
    from lecturer_app.core.resources import bank_path

    return {rev.rev_id for rev in shipped_revisions(bank_path())[1]}


def _seen(device: Device, bundle_id: str) -> bool:
    return device.store.db.execute("SELECT 1 FROM bundle_imports WHERE bundle_id = ?", [bundle_id]).fetchone() \
        is not None


def _keep_sealed_blobs(bundle: OpenBundle, blobs: BlobStore, verdict: _Verdict, device: Device,
                       report: ImportReport) -> int:
    if report.sealed != "opened":
        return 0
    added = 0
    opener = Opener(device.key, bundle.manifest["sealed"]["ephemeral_key"], report.bundle_id)
    for name, sha in sorted(verdict.sealed_blobs.items()):
        if not blobs.has(sha) and bundle.zf.NameToInfo.get(name) is not None:
            added += store_blob(bundle, blobs, sha, name, _opened(bundle, opener, name))
    return added


# Second pass: insert -----------------------------------------------------------


def _accepted_batches(device: Device, bundle: OpenBundle, verdict: _Verdict,
                      report: ImportReport) -> Iterator[list[Revision]]:
    """The accepted revisions, read again batch by batch; their signatures are kept on the way."""
    pending = set(verdict.accepted)
    for batch in _batches(device, bundle, report, {}):
        taken = [(rev, sig) for rev, sig in batch if rev.rev_id in pending]
        pending.difference_update(rev.rev_id for rev, _sig in taken)
        store_signatures(device.store, [(rev.rev_id, sig["signer"], sig["signature"]) for rev, sig in taken if sig])
        yield [rev for rev, _sig in taken]
    if pending:  # the file changed between the passes (checked_chunks would normally have said so)
        raise bundle.fail("", _("gói thay đổi trong lúc nhập"))


def _apply(device: Device, bundle: OpenBundle, verdict: _Verdict, report: ImportReport) -> None:
    store = device.store
    touched = sorted(verdict.records)
    with store.transaction():
        before = _conflicted(store, touched)
        if verdict.accepted:
            store.apply_batches(_accepted_batches(device, bundle, verdict, report), ids_checked=True)
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
