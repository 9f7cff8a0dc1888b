"""Faults: the server killed mid-upload, a restored server (new epoch), revoked devices, two servers on one database."""

from __future__ import annotations

import hashlib
import os
import signal
import threading
import time

import httpx
import pytest

from lecturer_app.core.model import Topic
from lecturer_app.sync import http_client
from support.server_process import spawn_server


def test_killing_the_server_mid_upload_then_restarting_resumes_with_the_same_sha256(server, tmp_path, monkeypatch):
    server.add_user("lan", "giang_vien")
    server.stop()
    data = os.urandom(48 << 20)
    source = tmp_path / "bai-giang.pptx"
    source.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    monkeypatch.setattr(http_client, "CHUNK", 1 << 20)
    sent: list[int] = []
    real_send = httpx.Client.send

    def counting_send(self, request, **kwargs):  # every request goes through send, streamed answers too
        if request.method == "PATCH":
            sent.append(len(request.content))
        return real_send(self, request, **kwargs)

    monkeypatch.setattr(httpx.Client, "send", counting_send)
    process = spawn_server(server)
    part = server.folder / "blobs" / "uploads" / f"{sha}.part"
    failure: list[BaseException] = []

    def upload() -> None:
        try:
            with http_client._client(server.url, _token(server)) as http:
                http_client.upload_blob(http, source, sha)
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            failure.append(exc)

    worker = threading.Thread(target=upload)
    worker.start()
    while not (part.exists() and part.stat().st_size >= 16 << 20):
        assert worker.is_alive(), failure
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    worker.join()
    assert failure and isinstance(failure[0], httpx.TransportError)
    first = sum(sent)
    process = spawn_server(server)
    try:
        with http_client._client(server.url, _token(server)) as http:
            offset = int(http.head(f"/v1/uploads/{sha}").headers["Upload-Offset"])
            assert 16 << 20 <= offset < len(data)
            assert http_client.upload_blob(http, source, sha) == 1
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    stored = server.folder / "blobs" / sha[:2] / sha
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    assert sum(sent) <= len(data) + 2 * (1 << 20)  # at most the chunk in flight is sent twice
    assert first >= offset and not part.exists()


def _token(server) -> str:
    answer = httpx.post(server.url + "/v1/login", json={"user": "lan", "password": "mat-khau-dai-1"})
    return str(answer.json()["token"])


def test_a_restored_server_gets_a_new_epoch_and_clients_reconcile_both_ways(server, make_peer, tmp_path):
    password = server.add_user("lan", "giang_vien")
    a = make_peer("A")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="TRUOC", title="Trước sao lưu"))
    a.json("sync", "now")
    backup = tmp_path / "server.tar"
    server.cli("server", "backup", "-o", str(backup))
    with a.workspace() as workspace:
        later = workspace.store.save(Topic(code="SAU", title="Sau sao lưu"))
    a.json("sync", "now")
    old_epoch = server.context.meta()["epoch"]
    server.stop()

    restored = tmp_path / "restored"
    extra = ["--database", server.database.rsplit("/", 1)[0] + "/" + _new_db(server)] if server.database else []
    from lecturer_app.cli import main
    assert main(["server", "restore", str(backup), str(restored), *extra]) == 0
    server.folder, server.database = restored, (extra[1] if extra else None)
    server.start()
    assert server.context.meta()["epoch"] != old_epoch
    result = a.json("sync", "now")
    assert result["epoch_changed"] and result["pushed"] == 1  # what the backup lost is uploaded again
    with server.context.repo.transaction() as tx:
        assert tx.one("SELECT 1 FROM revisions WHERE record_id = ?", [later.record_id])
    b = make_peer("B")
    b.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    b.json("sync", "now")
    assert a.json("sync", "digest") == b.json("sync", "digest")


def _new_db(server) -> str:
    import psycopg

    name = "r" + os.urandom(6).hex()
    with psycopg.connect(server.database, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return name


def test_disabling_a_user_revokes_the_device_and_the_list_reaches_other_clients(server, make_peer):
    lan_pw, mai_pw = server.add_user("lan", "giang_vien"), server.add_user("mai", "giang_vien")
    a, b = make_peer("A"), make_peer("B")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", lan_pw)
    b.ok("sync", "login", server.url, "--user", "mai", "--password-file", mai_pw)
    serial = a.json("device", "show")["certificate"]["serial"]
    server.cli("server", "user", "disable", "lan")
    code, _out, err = a.run("sync", "now")
    assert code != 0 and "đăng nhập lại" in err
    assert serial in server.client().get("/v1/crl").json()["serials"]
    b.json("sync", "now")
    with b.workspace() as workspace:
        from lecturer_app.sync.trust_store import TrustStore

        assert TrustStore(workspace.data_dir).revoked(serial)


def test_two_server_processes_on_one_database_converge(server, make_peer, tmp_path):
    if server.database is None:
        pytest.skip("several server processes share a PostgreSQL database, not a SQLite file")
    second = type(server)(server.folder, server.database)
    second.start()
    try:
        password = server.add_user("lan", "giang_vien")
        a, b = make_peer("A"), make_peer("B")
        a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
        b.ok("sync", "login", second.url, "--user", "lan", "--password-file", password)
        for peer, code in ((a, "A-1"), (b, "B-1")):
            with peer.workspace() as workspace:
                workspace.store.save(Topic(code=code, title=f"Chuyên đề {code}"))
        a.json("sync", "now"), b.json("sync", "now"), a.json("sync", "now")
        assert a.json("sync", "digest") == b.json("sync", "digest")
    finally:
        second.stop()


def test_a_disabled_device_is_in_the_revocation_list_and_its_new_revisions_are_refused(server, make_peer):
    password = server.add_user("lan", "giang_vien")
    a = make_peer("A")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    shown = a.json("device", "show")
    server.cli("server", "device", "disable", shown["fingerprint"])
    assert shown["certificate"]["serial"] in server.client().get("/v1/crl").json()["serials"]
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="SAU-THU-HOI", title="Viết sau khi bị thu hồi"))
    result = a.json("sync", "now")
    assert result["pushed"] == 0 and [r["status"] for r in result["rejected"]] == ["invalid"]
    with server.context.repo.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM revisions")[0] == 0
