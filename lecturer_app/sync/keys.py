"""This installation's device key (sync.md §3.1): ed25519, one per data folder.

The private key lives in ``<data_dir>/sync/device_key.pem``, readable by the
user only (0600).  Revisions and bundle manifests are signed with it.  The
X25519 key that sealed exam members are encrypted to is derived from it, so
there is one secret to keep, and its public half travels in the certificate.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_FILE = "device_key.pem"


def sync_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "sync"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint_of(public_b64: str) -> str:
    """Hex sha256 of the raw public key, first 32 characters (what people compare by eye)."""
    return hashlib.sha256(unb64(public_b64)).hexdigest()[:32]


@lru_cache(maxsize=256)
def _public_key(public_b64: str) -> Ed25519PublicKey:
    # A bundle's revisions come from a few devices: decode each key once, not once per signature.
    return Ed25519PublicKey.from_public_bytes(unb64(public_b64))


def verify_signature(public_b64: str, signature: bytes, data: bytes) -> bool:
    """True when *signature* is the ed25519 signature of *data* by the key *public_b64*."""
    try:
        _public_key(public_b64).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class DeviceKey:
    """An ed25519 private key and what is derived from it."""

    private: Ed25519PrivateKey

    @cached_property
    def public_b64(self) -> str:
        raw = self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return b64(raw)

    @cached_property
    def fingerprint(self) -> str:
        return fingerprint_of(self.public_b64)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)

    def x25519(self) -> X25519PrivateKey:
        """The encryption key, derived (HKDF) from the signing key: no second secret to lose."""
        raw = self.private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                         serialization.NoEncryption())
        seed = HKDF(hashes.SHA256(), 32, salt=None, info=b"lecturer-app x25519").derive(raw)
        return X25519PrivateKey.from_private_bytes(seed)

    def encryption_public_b64(self) -> str:
        public = self.x25519().public_key()
        return b64(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))

    @classmethod
    def generate(cls) -> DeviceKey:
        return cls(Ed25519PrivateKey.generate())

    def save(self, path: Path) -> None:
        """Write the key readable by the user only (created 0600, never widened)."""
        pem = self.private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption())
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> DeviceKey:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path}: not an ed25519 key")
        return cls(key)


def key_path(data_dir: Path) -> Path:
    return sync_dir(data_dir) / KEY_FILE


def load_or_create(data_dir: Path) -> tuple[DeviceKey, bool]:
    """The device key of *data_dir*, made on first use; True when it was just made."""
    path = key_path(data_dir)
    if path.is_file():
        return DeviceKey.load(path), False
    key = DeviceKey.generate()
    key.save(path)
    return key, True
