"""Whether a bundle's producer and authors are trusted (sync.md §3.7 step 1, §4.8).

The producer must hold a certificate from a trusted authority that is not
revoked and valid now, or be a device accepted earlier with --trust-new.
Authors of the revisions it carries (a relayed bundle keeps them) must be
trusted the same way, except that an author's certificate may have expired
since: what it signed while valid stays good.  Revocation lists in the
bundle, signed by a trusted authority, count at once.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from lecturer_app.i18n import _
from lecturer_app.sync.bundle_format import MANIFEST, BundleError
from lecturer_app.sync.bundle_verify import OpenBundle
from lecturer_app.sync.keys import fingerprint_of
from lecturer_app.sync.trust import DEFAULT_SCOPES, document_signed_by
from lecturer_app.sync.trust_store import TrustStore


class UntrustedBundle(BundleError):
    """The bundle comes from (or carries revisions of) devices this installation does not know.

    ``fingerprints`` lists them, for the user to compare before accepting with --trust-new.
    """

    def __init__(self, path: Path, fingerprints: list[str]) -> None:
        self.fingerprints = fingerprints
        super().__init__(path, MANIFEST, _(
            "gói từ thiết bị chưa được tin cậy, dấu vân tay: {fps}. Hãy so dấu vân tay với người gửi rồi "
            "nhập lại với --trust-new nếu đúng").format(fps=", ".join(fingerprints)))


def honour_crls(trust: TrustStore, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The bundle's revocation lists signed by a trusted authority; they count from now on (in memory)."""
    anchors = {a["fingerprint"]: a for a in trust.anchors()}
    good = [crl for crl in manifest.get("crls", []) if isinstance(crl, dict)
            and crl.get("issuer") in anchors and document_signed_by(crl, anchors[crl["issuer"]]["public_key"])]
    trust.extra_crls = good
    return good


def check_signers(trust: TrustStore, bundle: OpenBundle, now: datetime, trust_new: bool,
                  own: str = "") -> tuple[dict[str, tuple[str, list[str]]], list[str]]:
    """fingerprint → (public key, scopes) of the devices whose revisions count, and the newly trusted ones."""
    producer = bundle.producer
    cert = producer.get("certificate")
    if cert is not None:
        if cert.get("subject") != producer["fingerprint"]:
            raise bundle.fail(MANIFEST, _("chứng chỉ của người tạo gói cấp cho thiết bị khác"))
        problem = trust.certificate_problem(cert, now)
        if problem is not None and trust.issuer_of(cert) is not None:
            raise bundle.fail(MANIFEST, _("người tạo gói {fp}: {problem}").format(
                fp=producer["fingerprint"], problem=problem))
    entries = {fp: entry for fp, entry in bundle.manifest.get("devices", {}).items()}
    entries[producer["fingerprint"]] = producer
    signers: dict[str, tuple[str, list[str]]] = {}
    unknown: list[str] = []
    for fp, entry in sorted(entries.items()):
        if fingerprint_of(str(entry.get("public_key", ""))) != fp:
            raise bundle.fail(MANIFEST, _("khóa của thiết bị {fp} không khớp dấu vân tay").format(fp=fp))
        if fp != own and trust.device_revoked(fp, entry.get("certificate")):
            continue  # its revisions are rejected; --trust-new cannot bring a revoked device back
        scopes = _own_scopes(trust) if fp == own else trust.scopes_of(fp, entry.get("certificate"))
        if scopes is None:
            unknown.append(fp)
            scopes = list(DEFAULT_SCOPES)
        signers[fp] = (entry["public_key"], scopes)
    if unknown and not trust_new:
        raise UntrustedBundle(bundle.path, unknown)
    return signers, unknown


def _own_scopes(trust: TrustStore) -> list[str]:
    """This device's own revisions relayed back to it (they are known here anyway)."""
    cert = trust.certificate()
    return list(cert.get("scopes", DEFAULT_SCOPES)) if cert else list(DEFAULT_SCOPES)
