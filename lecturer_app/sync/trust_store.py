"""What one installation trusts, kept in ``<data_dir>/sync/`` (sync.md §3.1).

``anchors.json``: the authorities whose certificates count (``trust add``);
``certificate.json``: this device's own certificate (``device install``);
``devices.json``: other devices seen in bundles — their public key, their
certificate if they have one, and whether the user accepted them on purpose
(``--trust-new``); ``crls.json``: the newest revocation list per authority.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from lecturer_app.core.json_reading import read_json_file
from lecturer_app.i18n import _
from lecturer_app.sync.keys import DeviceKey, fingerprint_of, sync_dir
from lecturer_app.sync.trust import (
    DEFAULT_SCOPES,
    TrustError,
    document_signed_by,
    now_utc,
    parse_iso,
    write_json,
)


class TrustStore:
    def __init__(self, data_dir: Path) -> None:
        self.folder = sync_dir(data_dir)
        # Revocation lists from a bundle being imported: they count before they are saved.
        self.extra_crls: list[dict[str, Any]] = []

    # Files -----------------------------------------------------------------

    def _read(self, name: str, default: Any) -> Any:
        path = self.folder / name
        return read_json_file(path) if path.is_file() else default

    def anchors(self) -> list[dict[str, Any]]:
        return self._read("anchors.json", [])

    def certificate(self) -> dict[str, Any] | None:
        return self._read("certificate.json", None)

    def devices(self) -> dict[str, dict[str, Any]]:
        return self._read("devices.json", {})

    def crls(self) -> dict[str, dict[str, Any]]:
        return self._read("crls.json", {})

    # Changes ---------------------------------------------------------------

    def add_anchor(self, authority: dict[str, Any]) -> bool:
        """Trust an authority (its ``authority.json``); False when it was already trusted."""
        if fingerprint_of(authority["public_key"]) != authority.get("fingerprint"):
            raise TrustError(_("Tệp cơ quan cấp chứng chỉ có dấu vân tay không khớp khóa."))
        anchors = self.anchors()
        if any(a["fingerprint"] == authority["fingerprint"] for a in anchors):
            return False
        write_json(self.folder / "anchors.json", [*anchors, authority])
        return True

    def install_certificate(self, certificate: dict[str, Any], key: DeviceKey) -> None:
        if certificate.get("subject") != key.fingerprint or certificate.get("public_key") != key.public_b64:
            message = _("Chứng chỉ này cấp cho thiết bị khác (dấu vân tay {fp}), không phải thiết bị này ({own}).")
            raise TrustError(message.format(fp=certificate.get("subject", "?"), own=key.fingerprint))
        if self.issuer_of(certificate) is None and self.anchors():
            raise TrustError(_("Chứng chỉ không do cơ quan cấp chứng chỉ được tin cậy ký."))
        write_json(self.folder / "certificate.json", certificate)

    def add_crl(self, crl: dict[str, Any]) -> bool:
        """Keep a revocation list signed by a trusted authority if it is newer; True when kept."""
        issuer = next((a for a in self.anchors() if a["fingerprint"] == crl.get("issuer")), None)
        if issuer is None or not document_signed_by(crl, issuer["public_key"]):
            return False
        crls = self.crls()
        old = crls.get(crl["issuer"])
        if old is not None and old["issued"] >= crl["issued"]:
            return False
        crls[crl["issuer"]] = crl
        write_json(self.folder / "crls.json", crls)
        return True

    def remember(self, fingerprint: str, public_key: str, certificate: dict[str, Any] | None,
                 accepted: bool = False) -> None:
        """Record a device seen in a bundle (*accepted*: the user trusted it with --trust-new)."""
        devices = self.devices()
        entry = devices.get(fingerprint, {"public_key": public_key, "accepted": False, "certificate": None})
        entry["accepted"] = entry["accepted"] or accepted
        if certificate is not None and self.issuer_of(certificate) is not None:
            entry["certificate"] = certificate
        if devices.get(fingerprint) != entry:
            devices[fingerprint] = entry
            write_json(self.folder / "devices.json", devices)

    # Questions -------------------------------------------------------------

    def issuer_of(self, certificate: dict[str, Any]) -> dict[str, Any] | None:
        """The trusted authority that signed *certificate*, or None."""
        for anchor in self.anchors():
            if anchor["fingerprint"] == certificate.get("issuer") and document_signed_by(
                    certificate, anchor["public_key"]):
                return anchor
        return None

    def revoked(self, serial: str) -> bool:
        crls = [*self.crls().values(), *self.extra_crls]
        return any(serial in crl.get("serials", []) for crl in crls)

    def certificate_problem(self, certificate: dict[str, Any], at: datetime | None = None) -> str | None:
        """Why *certificate* is not good (untrusted issuer, revoked, expired at *at*); None when good."""
        if self.issuer_of(certificate) is None:
            return _("chứng chỉ không do cơ quan được tin cậy ký")
        if self.revoked(str(certificate.get("serial"))):
            return _("chứng chỉ đã bị thu hồi")
        if at is not None and not parse_iso(certificate["not_before"]) <= at <= parse_iso(certificate["not_after"]):
            return _("chứng chỉ hết hạn hoặc chưa có hiệu lực ({start} – {end})").format(
                start=certificate["not_before"], end=certificate["not_after"])
        return None

    def scopes_of(self, fingerprint: str, certificate: dict[str, Any] | None = None) -> list[str] | None:
        """The partitions a device may write, or None when it is not trusted.

        A certificate from a trusted authority, not revoked, gives its scopes
        (expiry is the producer's check: revisions written while it was valid
        stay good); a device accepted with --trust-new may write the bank.  A
        revoked device is trusted for nothing, whatever was accepted before.
        """
        if self.device_revoked(fingerprint, certificate):
            return None
        known = self.devices().get(fingerprint, {})
        for cert in (certificate, known.get("certificate")):
            if cert is not None and cert.get("subject") == fingerprint and self.certificate_problem(cert) is None:
                return list(cert.get("scopes", []))
        if known.get("accepted"):
            return list(DEFAULT_SCOPES)
        return None

    def device_revoked(self, fingerprint: str, certificate: dict[str, Any] | None = None) -> bool:
        """True when a certificate of this device, from a trusted authority, is revoked."""
        known = self.devices().get(fingerprint, {}).get("certificate")
        return any(cert is not None and cert.get("subject") == fingerprint and self.issuer_of(cert) is not None
                   and self.revoked(str(cert.get("serial"))) for cert in (certificate, known))

    def own_status(self, key: DeviceKey) -> dict[str, Any]:
        """This device's certificate state, for ``device show``."""
        cert = self.certificate()
        if cert is None:
            return {"state": "none", "scopes": [], "not_after": None, "problem": None}
        problem = self.certificate_problem(cert, now_utc())
        return {"state": "valid" if problem is None else "invalid", "scopes": cert.get("scopes", []),
                "not_after": cert.get("not_after"), "serial": cert.get("serial"), "problem": problem}
