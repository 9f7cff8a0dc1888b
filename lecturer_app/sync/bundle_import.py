"""Taking a ``.lbb`` bundle in (sync.md §3.7 import order).

1. open and verify: member names, manifest signature, every member's size
   and hash, whole-file signature (bundle_verify.py) — in one read, new
   blobs streamed to temporary files on the way; nothing else written yet;
2. trust: the producer's certificate chain, revocation lists (the bundle's
   own are honoured at once), expiry; unknown devices refused with their
   fingerprints unless ``trust_new``;
3. in one transaction: read the revision lines again (re-checked against
   the manifest as they are read), each once: check its id, judge it
   (revision_trust.py) and insert-or-ignore the accepted ones batch by
   batch, each batch once its signatures are judged, with their signatures
   (import_judging.py, ``Store.apply_prepared_batches``, which also
   auto-merges); rejected ones are listed;
4. still in that transaction: keep each blob that verified, then the bundle
   id in ``bundle_imports``.  A line that cannot be read, a member changed
   since step 1, or a cancel rolls everything back.

Importing a bundle again is a no-op; any order of bundles gives the same state.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.json_reading import parse_json
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.bulk import gc_paused
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.store.revisions import Revision
from lecturer_app.i18n import _
from lecturer_app.sync.blob_intake import BlobIntake, store_blob
from lecturer_app.sync.bundle_format import CHUNK, BundleError
from lecturer_app.sync.bundle_trust import check_signers, honour_crls
from lecturer_app.sync.bundle_verify import OpenBundle, open_bundle
from lecturer_app.sync.device import Device
from lecturer_app.sync.import_judging import Judging, Parsed, Tag, Verdict, conflicted, judged_batches
from lecturer_app.sync.seal import TAG, Opener, SealError
from lecturer_app.sync.signature_checks import SignatureChecks
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


def import_bundle(device: Device, blobs: BlobStore, path: Path, *, dry_run: bool = False,
                  trust_new: bool = False, now: datetime | None = None,
                  progress: Progress | None = None) -> ImportReport:
    """Verify the bundle at *path* completely, then take what it brings (nothing when *dry_run*).

    Two streaming passes, so memory does not grow with the bundle: the first
    verifies every byte (new blobs go to temporary files meanwhile), the
    second judges every revision and inserts the accepted ones batch by
    batch inside one transaction.  *progress* is called (members verified,
    members) during verification, then (blobs kept, blobs); raising from it
    cancels — during verification before anything is written, later inside
    the transaction, which is rolled back (blobs kept by then are
    content-addressed and harmless).  Raises BundleError (UntrustedBundle for
    unknown devices, with their fingerprints).
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
            report.already_imported = _seen(device, report.bundle_id)
            if intake is None:
                _judge(device, bundle, signers, report, None)
                return report
            with device.store.transaction():
                verdict = _judge(device, bundle, signers, report, device.store)
                report.blobs_new = intake.keep(bundle, progress) + _keep_sealed_blobs(bundle, blobs, verdict, device,
                                                                                      report)
                _finish(device, verdict, report)
            _remember(device, bundle, signers, unknown, crls)
    finally:
        if intake is not None:
            intake.discard()
    return report


def _judge(device: Device, bundle: OpenBundle, signers: dict[str, tuple[str, list[str]]], report: ImportReport,
           store: Store | None) -> Verdict:
    """The one pass over the revision lines (import_judging.py): judged, and inserted into *store* if given.

    The cyclic garbage collector is paused for the pass (``gc_paused``): decoding 56,641 lines allocates
    millions of small containers, none of them in a cycle, and each collection the allocations set off
    walked every object alive — about a second of a 1 GB bundle's import, for nothing to collect.
    """
    with SignatureChecks[Tag]() as checks, gc_paused():
        state = Judging(device.store, signers, checks, _shipped_bank_ids, writing=store is not None)
        batches = judged_batches(state, _batches(device, bundle, report, state.verdict.sealed_blobs),
                                 lambda: _batches(device, bundle, report, {}))
        if store is not None:
            store.apply_prepared_batches(batches)
        else:
            for _batch in batches:
                pass  # a dry run: judged, nothing written
        report.signature_checks = checks.where()
    verdict = state.verdict
    report.rejected.extend(verdict.rejected + verdict.malformed)
    report.revisions_known = verdict.known
    report.revisions_new = len(verdict.accepted)
    return verdict


def _finish(device: Device, verdict: Verdict, report: ImportReport) -> None:
    store = device.store
    store.db.execute("INSERT OR IGNORE INTO bundle_imports VALUES (?, ?, ?, ?)",
                     [report.bundle_id, report.producer, store.clock.now(), report.revisions_new])
    report.conflicts_new = len(conflicted(store, sorted(verdict.records)) - verdict.conflicted_before)


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
    opened = parse_json(index.decode("utf-8"), bundle.path, "sealed/0001")  # a peer's, so bounded
    sealed_index.update(opened.get("blobs", {}) if isinstance(opened, dict) else {})
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
        line = parse_json(raw.decode("utf-8"), bundle.path)  # a peer's line: nested or numbered to harm, refused
        return Revision.from_json(line["rev"]), line.get("sig")
    except InputFileError as exc:
        raise bundle.fail(f"{member}:{number}", _("dòng phiên bản hỏng ({error})").format(error=exc.reason)) from exc
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


def _shipped_bank_ids() -> set[str]:
    from lecturer_app.core.bank.shipped_import import shipped_revisions
    from lecturer_app.core.resources import bank_path

    return {rev.rev_id for rev in shipped_revisions(bank_path())[1]}


def _seen(device: Device, bundle_id: str) -> bool:
    return device.store.db.execute("SELECT 1 FROM bundle_imports WHERE bundle_id = ?", [bundle_id]).fetchone() \
        is not None


def _keep_sealed_blobs(bundle: OpenBundle, blobs: BlobStore, verdict: Verdict, device: Device,
                       report: ImportReport) -> int:
    if report.sealed != "opened":
        return 0
    added = 0
    opener = Opener(device.key, bundle.manifest["sealed"]["ephemeral_key"], report.bundle_id)
    for name, sha in sorted(verdict.sealed_blobs.items()):
        if not blobs.has(sha) and bundle.zf.NameToInfo.get(name) is not None:
            added += store_blob(bundle, blobs, sha, name, _opened(bundle, opener, name))
    return added


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
