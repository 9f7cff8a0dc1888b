"""Exam members sealed to one recipient (sync.md §3.8): X25519 + HKDF + ChaCha20Poly1305, streamed.

The exporter makes an ephemeral X25519 key; with the recipient's public
encryption key (from its certificate) it derives the bundle key.  A member is
cut into 1 MiB chunks, each sealed with its own nonce (member number, chunk
number) and the member name and a last-chunk flag as associated data, so
chunks cannot be reordered, moved between members or cut short unnoticed.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from lecturer_app.sync.keys import DeviceKey, b64, unb64

CHUNK = 1 << 20
TAG = 16


class SealError(ValueError):
    """A sealed member does not decrypt (wrong recipient, or changed bytes)."""


def _derive(shared: bytes, bundle_id: str) -> ChaCha20Poly1305:
    key = HKDF(hashes.SHA256(), 32, salt=None, info=b"lecturer-app seal " + bundle_id.encode()).derive(shared)
    return ChaCha20Poly1305(key)


def _nonce(member_no: int, chunk_no: int) -> bytes:
    return struct.pack(">IQ", member_no, chunk_no)


def _aad(name: str, last: bool) -> bytes:
    return name.encode("ascii") + (b"\x01" if last else b"\x00")


def _rechunk(chunks: Iterable[bytes]) -> Iterator[tuple[bytes, bool]]:
    """Fixed-size chunks with a flag on the last one (an empty member is one empty last chunk)."""
    buffer = b""
    for data in chunks:
        buffer += data
        while len(buffer) > CHUNK:
            yield buffer[:CHUNK], False
            buffer = buffer[CHUNK:]
    yield buffer, True


class Sealer:
    """Encrypts members to the recipient whose X25519 public key is *recipient_b64*."""

    def __init__(self, recipient_b64: str, bundle_id: str) -> None:
        ephemeral = X25519PrivateKey.generate()
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(unb64(recipient_b64)))
        self.cipher = _derive(shared, bundle_id)
        self.ephemeral_b64 = b64(ephemeral.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw))

    def seal(self, member_no: int, name: str, chunks: Iterable[bytes]) -> Iterator[bytes]:
        for number, (plain, last) in enumerate(_rechunk(chunks)):
            yield self.cipher.encrypt(_nonce(member_no, number), plain, _aad(name, last))


class Opener:
    """Decrypts members sealed to this device."""

    def __init__(self, key: DeviceKey, ephemeral_b64: str, bundle_id: str) -> None:
        shared = key.x25519().exchange(X25519PublicKey.from_public_bytes(unb64(ephemeral_b64)))
        self.cipher = _derive(shared, bundle_id)

    def open(self, member_no: int, name: str, read: Iterable[bytes]) -> Iterator[bytes]:
        """Plain chunks of a member whose sealed bytes come from *read* (in CHUNK + TAG pieces)."""
        pending: bytes | None = None
        number = 0
        for piece in read:
            if pending is not None:
                yield self._open(member_no, number, name, pending, False)
                number += 1
            pending = piece
        if pending is None:
            raise SealError(name)
        yield self._open(member_no, number, name, pending, True)

    def _open(self, member_no: int, number: int, name: str, data: bytes, last: bool) -> bytes:
        try:
            return self.cipher.decrypt(_nonce(member_no, number), data, _aad(name, last))
        except InvalidTag as exc:
            raise SealError(name) from exc
