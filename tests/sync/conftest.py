"""Fixtures for sync tests: fresh data folders on the shipped bank, run through the CLI as a user would."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from lecturer_app.cli import main


class Peer:
    """One installation: a data folder, driven through ``lecturer-app`` and, where a test needs it, the API."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def run(self, *args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--data-dir", str(self.folder), *args], out=out, err=err)
        return code, out.getvalue(), err.getvalue()

    def ok(self, *args: str) -> str:
        code, out, err = self.run(*args)
        assert code == 0, err
        return out

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json"))

    def digest(self) -> dict[str, Any]:
        return self.json("sync", "digest")

    @contextmanager
    def workspace(self) -> Iterator[Any]:
        from lecturer_app.core.workspace import open_workspace

        workspace = open_workspace(self.folder)
        try:
            yield workspace
        finally:
            workspace.close()

    @contextmanager
    def device(self) -> Iterator[tuple[Any, Any]]:
        """(workspace, device) opened together."""
        from lecturer_app.sync.device import open_device

        with self.workspace() as workspace:
            yield workspace, open_device(workspace.data_dir, workspace.store)


@pytest.fixture(scope="session")
def shipped_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("shipped-sync") / "data"
    assert main(["--data-dir", str(folder), "stats"], out=io.StringIO()) == 0
    return folder


@pytest.fixture
def peer_at():
    """A peer on an existing data folder (test modules cannot import conftest reliably)."""
    return Peer


@pytest.fixture
def make_peer(shipped_folder, tmp_path):
    """Peers on the shipped bank; each a copy, so each gets its own replica id (as a fresh install would)."""

    def make(name: str) -> Peer:
        target = tmp_path / name
        shutil.copytree(shipped_folder, target)
        return Peer(target)

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
