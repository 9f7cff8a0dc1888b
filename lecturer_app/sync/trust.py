"""Who is trusted (sync.md §3.1, §3.8): the province authority, device certificates, revocations.

The province office runs ``ca init`` once: an ed25519 authority key (kept
0600 in its folder) and ``authority.json``, the public part handed to every
installation (``trust add``).  A device asks with a request (its public keys,
replica id, name), the office answers with a certificate: the device's keys,
its scopes (which partitions it may write and read) and a validity period,
signed by the authority.  A signed revocation list names withdrawn serials;
it travels in bundles, so revocation reaches machines that never go online.

Every signed object is canonical JSON without its ``signature`` field,
signed with ed25519; the signature is base64.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError, UserFacingError
from lecturer_app.core.json_reading import read_json_file
from lecturer_app.core.store.canonical import canonical_json
from lecturer_app.i18n import _
from lecturer_app.sync.keys import DeviceKey, b64, fingerprint_of, unb64, verify_signature

AUTHORITY_KEY = "authority_key.pem"
AUTHORITY_JSON = "authority.json"
CRL_JSON = "crl.json"
DEFAULT_SCOPES = ("bank",)  # a lecturer: the shared bank; exam boards get "exam:*"
DEFAULT_DAYS = 365


class TrustError(UserFacingError):
    """A key, certificate or revocation list is missing, forged, expired or revoked."""


def now_utc() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def grants(scopes: list[str] | tuple[str, ...], partition: str) -> bool:
    """True when one of *scopes* covers *partition* (``exam:*`` covers every exam)."""
    return any(scope == partition or (scope.endswith("*") and partition.startswith(scope[:-1]))
               for scope in scopes)


def signed_bytes(document: dict[str, Any]) -> bytes:
    return canonical_json({k: v for k, v in document.items() if k != "signature"}).encode("utf-8")


def sign_document(key: DeviceKey, document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "signature": b64(key.sign(signed_bytes(document)))}


def document_signed_by(document: dict[str, Any], public_b64: str) -> bool:
    try:
        signature = unb64(str(document.get("signature", "")))
    except ValueError:
        return False
    return verify_signature(public_b64, signature, signed_bytes(document))


def read_json(path: Path, kind: str) -> dict[str, Any]:
    """The JSON document of *kind* in *path* (a certificate, a want file); an InputFileError naming it."""
    data = read_json_file(path)
    if not isinstance(data, dict) or data.get("kind") != kind:
        raise InputFileError(path, "", _("không phải tệp loại {kind}").format(kind=kind))
    return data


def write_json(path: Path, data: dict[str, Any] | list[Any]) -> None:
    """Write through a temporary name, so a crash never leaves half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        out.flush()
        os.fsync(out.fileno())
    tmp.replace(path)


# The authority (province office) ---------------------------------------------

@dataclass(frozen=True)
class Authority:
    folder: Path
    key: DeviceKey
    name: str

    def public(self) -> dict[str, Any]:
        return {"kind": "authority", "name": self.name, "public_key": self.key.public_b64,
                "fingerprint": self.key.fingerprint}


def init_authority(folder: Path, name: str) -> Authority:
    folder = Path(folder)
    if (folder / AUTHORITY_KEY).exists():
        raise UserFacingError(_("Thư mục {dir} đã có khóa cơ quan cấp chứng chỉ; không ghi đè.").format(dir=folder))
    authority = Authority(folder, DeviceKey.generate(), name)
    authority.key.save(folder / AUTHORITY_KEY)
    write_json(folder / AUTHORITY_JSON, authority.public())
    return authority


def load_authority(folder: Path) -> Authority:
    folder = Path(folder)
    if not (folder / AUTHORITY_KEY).is_file():
        raise InputFileError(folder / AUTHORITY_KEY, "", _("không có khóa cơ quan cấp chứng chỉ (chạy 'ca init')"))
    public = read_json(folder / AUTHORITY_JSON, "authority")
    return Authority(folder, DeviceKey.load(folder / AUTHORITY_KEY), str(public.get("name", "")))


def make_request(key: DeviceKey, replica_id: str, name: str) -> dict[str, Any]:
    """A device's certificate request: its public keys and who it is (no secret)."""
    return sign_document(key, {
        "kind": "device_request", "name": name, "replica_id": replica_id, "public_key": key.public_b64,
        "encryption_key": key.encryption_public_b64(), "fingerprint": key.fingerprint})


def issue_certificate(authority: Authority, request: dict[str, Any], scopes: list[str] | None = None,
                      days: int = DEFAULT_DAYS, now: datetime | None = None) -> dict[str, Any]:
    """Sign a device request into a certificate (after checking the request is signed by its key)."""
    if not document_signed_by(request, str(request.get("public_key", ""))):
        raise TrustError(_("Yêu cầu chứng chỉ không có chữ ký hợp lệ của thiết bị."))
    start = now or now_utc()
    return sign_document(authority.key, {
        "kind": "certificate", "serial": str(uuid.uuid4()), "subject": fingerprint_of(request["public_key"]),
        "public_key": request["public_key"], "encryption_key": request.get("encryption_key", ""),
        "name": request.get("name", ""), "replica_id": request.get("replica_id", ""),
        "scopes": sorted(scopes or DEFAULT_SCOPES), "not_before": iso(start),
        "not_after": iso(start + timedelta(days=days)), "issuer": authority.key.fingerprint})


def make_revocation_list(authority: Authority, serials: list[str], now: datetime | None = None) -> dict[str, Any]:
    return sign_document(authority.key, {"kind": "revocation_list", "issuer": authority.key.fingerprint,
                                         "issued": iso(now or now_utc()), "serials": sorted(set(serials))})


def revoke(authority: Authority, serials: list[str]) -> dict[str, Any]:
    """Add *serials* to the authority's list (``DIR/crl.json``), newly signed."""
    path = authority.folder / CRL_JSON
    old = read_json(path, "revocation_list")["serials"] if path.is_file() else []
    crl = make_revocation_list(authority, [*old, *serials])
    write_json(path, crl)
    return crl
