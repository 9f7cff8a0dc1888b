"""Fixtures for sync tests: fresh data folders on the shipped bank, run through the CLI as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.peers import Peer, copied_peer, shipped_data_folder


@pytest.fixture(scope="session")
def shipped_folder(tmp_path_factory) -> Path:
    return shipped_data_folder(tmp_path_factory.mktemp("shipped-sync") / "data")


@pytest.fixture
def peer_at():
    """A peer on an existing data folder (test modules cannot import conftest reliably)."""
    return Peer


@pytest.fixture
def make_peer(shipped_folder, tmp_path):
    """Peers on the shipped bank; each a copy, so each gets its own replica id (as a fresh install would)."""

    def make(name: str) -> Peer:
        return copied_peer(shipped_folder, tmp_path / name)

    return make


class Authority:
    """A province authority made with ``ca init``, certifying peers through the CLI."""

    def __init__(self, peer: Peer, folder: Path) -> None:
        peer.ok("ca", "init", str(folder), "--name", "Cơ quan thử")
        self.folder = folder

    def certify(self, peer: Peer, scopes: str = "", days: int = 365) -> Path:
        """Request, sign and install a certificate for *peer*, which trusts this authority; the certificate file."""
        request = peer.folder.parent / f"{peer.folder.name}-req.json"
        cert = peer.folder.parent / f"{peer.folder.name}-cert.json"
        peer.ok("trust", "add", str(self.folder / "authority.json"))
        peer.ok("device", "request", "-o", str(request))
        args = ["ca", "sign", str(request), "--ca", str(self.folder), "--days", str(days), "-o", str(cert)]
        peer.ok(*args, *(["--scopes", scopes] if scopes else []))
        peer.ok("device", "install", str(cert))
        return cert


@pytest.fixture
def authority(make_peer, tmp_path) -> Authority:
    return Authority(make_peer("office"), tmp_path / "ca")
