"""This installation as a sync peer: its key, trust store and replica, opened together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lecturer_app.core.store.record_store import Store
from lecturer_app.sync.keys import DeviceKey, load_or_create
from lecturer_app.sync.signing import sign_own_revisions
from lecturer_app.sync.trust import make_request
from lecturer_app.sync.trust_store import TrustStore


@dataclass(frozen=True)
class Device:
    """The device key, what this device trusts, and the store it signs for."""

    key: DeviceKey
    trust: TrustStore
    store: Store

    @property
    def replica_id(self) -> str:
        return self.store.device

    def request(self, name: str = "") -> dict[str, Any]:
        return make_request(self.key, self.replica_id, name or self.store.author)

    def show(self) -> dict[str, Any]:
        """What ``device show --json`` prints."""
        return {"replica_id": self.replica_id, "fingerprint": self.key.fingerprint,
                "public_key": self.key.public_b64, "certificate": self.trust.own_status(self.key),
                "anchors": [a["fingerprint"] for a in self.trust.anchors()]}


def open_device(data_dir: Path, store: Store) -> Device:
    """The device of *data_dir*; the key is made on first use and every local revision signed then."""
    key, created = load_or_create(data_dir)
    if created:
        sign_own_revisions(store, key)
    return Device(key, TrustStore(data_dir), store)
