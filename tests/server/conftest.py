"""Fixtures for the server tests: a server on 127.0.0.1 on SQLite or on a throw-away PostgreSQL cluster.

Every test that takes ``server`` runs twice, once per engine (``engine``
is parametrized).  The PostgreSQL cluster is made with Debian's ``initdb``
and ``pg_ctl`` in a temporary folder, as an unprivileged user (``nobody``
when the tests run as root), listening on 127.0.0.1 only; without those
programs the PostgreSQL half is skipped.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from lecturer_app.cli import main
from lecturer_app.server.limits import Limits
from support.peers import Peer, copied_peer, shipped_data_folder
from support.postgres import PgCluster, free_port, pg_bin
from support.stalling_proxy import StallingProxy


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster | None]:
    bindir = pg_bin()
    if bindir is None or (os.getuid() == 0 and not shutil.which("setpriv")):
        yield None
        return
    cluster = PgCluster(bindir)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, pg_cluster) -> str | None:
    """None (SQLite in the server folder) or the URL of a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return None
    if pg_cluster is None:
        pytest.skip("PostgreSQL (initdb, pg_ctl) is not installed")
    return pg_cluster.new_database()


@pytest.fixture(scope="session")
def shipped_app(tmp_path_factory) -> Path:
    return shipped_data_folder(tmp_path_factory.mktemp("shipped-server") / "data")


@pytest.fixture
def make_peer(shipped_app, tmp_path):
    def make(name: str) -> Peer:
        return copied_peer(shipped_app, tmp_path / name)

    return make


class Server:
    """A server folder and, while ``running``, uvicorn serving it in a thread on 127.0.0.1."""

    def __init__(self, folder: Path, database: str | None, limits: Limits | None = None) -> None:
        self.folder = folder
        self.limits = limits or Limits()
        self.database = database
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._uvicorn: Any = None
        self._thread: threading.Thread | None = None
        self.clients: list[httpx.Client] = []

    def cli(self, *args: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        extra = ["--database", self.database] if self.database else []
        code = main([*args, "--data-dir", str(self.folder), *extra], out=out, err=err)
        assert code == 0, err.getvalue()
        return out.getvalue()

    def add_user(self, name: str, role: str, password: str = "mat-khau-dai-1") -> str:
        path = self.folder.parent / f"{name}.pw"
        path.write_text(password + "\n", encoding="utf-8")
        self.cli("server", "user", "add", name, "--role", role, "--password-file", str(path))
        return str(path)

    def start(self) -> None:
        import uvicorn

        from lecturer_app.server.app import build_app
        from lecturer_app.server.context import open_server
        from lecturer_app.server.limits import uvicorn_config

        self.context = open_server(self.folder, self.database)
        config = uvicorn_config(build_app(self.context), self.limits, host="127.0.0.1", port=self.port,
                                log_level="error", lifespan="off")
        self._uvicorn = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._uvicorn.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._uvicorn.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)

    def stop(self) -> None:
        if self._uvicorn is not None:
            self._uvicorn.should_exit = True
            assert self._thread is not None
            self._thread.join(timeout=20)
            self.context.repo.close()
            self._uvicorn = None

    def client(self) -> httpx.Client:
        """An HTTP client closed with the server fixture."""
        client = httpx.Client(base_url=self.url, timeout=30)
        self.clients.append(client)
        return client

    def login(self, name: str, password: str = "mat-khau-dai-1") -> httpx.Client:
        client = self.client()
        token = client.post("/v1/login", json={"user": name, "password": password}).json()["token"]
        client.headers["Authorization"] = f"Bearer {token}"
        return client


@pytest.fixture
def server(tmp_path, database) -> Iterator[Server]:
    folder = tmp_path / "server"
    password = tmp_path / "admin.pw"
    password.write_text("quan-tri-mat-khau\n", encoding="utf-8")
    args = ["server", "init", str(folder), "--name", "Máy chủ thử", "--password-file", str(password)]
    assert main([*args, *(["--database", database] if database else [])], out=io.StringIO()) == 0
    running = Server(folder, database)
    running.start()
    try:
        yield running
    finally:
        for client in running.clients:
            client.close()
        running.stop()


@pytest.fixture
def password(server) -> str:
    """The password file of «lan», a lecturer of *server*."""
    return server.add_user("lan", "giang_vien")


@pytest.fixture
def logged_in_pair(server, make_peer, proxy, password):
    """A (straight to the server) and B (through *proxy*), both logged in as «lan»."""
    a, b = make_peer("A"), make_peer("B")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    b.ok("sync", "login", proxy.url, "--user", "lan", "--password-file", password)
    return a, b


@pytest.fixture
def pair(logged_in_pair):
    """:func:`logged_in_pair`, both synced once."""
    a, b = logged_in_pair
    a.ok("sync", "now")
    b.ok("sync", "now")
    return a, b


@pytest.fixture
def proxy(server):
    """A proxy in front of *server* that can stall a chosen kind of request (tests/support/stalling_proxy.py)."""
    running = StallingProxy(server.port)
    try:
        yield running
    finally:
        running.close()
