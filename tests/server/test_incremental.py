"""The incremental path of ``sync now`` (issue #14): marks that let a sync skip what is known, losing nothing.

What came from the server is not "waiting to be sent"; a blob the server
did not have when its record arrived is still fetched by a later sync.
"""

from __future__ import annotations

import json
import shutil

from lecturer_app.core.model import Topic


def _logged_in(server, make_peer, *names: str):
    password = server.add_user("lan", "giang_vien")
    peers = [make_peer(name) for name in names]
    for peer in peers:
        peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
        peer.json("sync", "now")
    return peers


def test_revisions_pulled_from_the_server_are_not_waiting_to_be_sent(server, make_peer):
    a, b = _logged_in(server, make_peer, "A", "B")
    with a.workspace() as workspace:
        for number in range(3):
            workspace.store.save(Topic(code=f"KEO-{number}", title=f"Chuyên đề kéo về {number}"))
    assert a.json("sync", "status")["pending"] == 3
    assert a.json("sync", "now")["pushed"] == 3
    assert b.json("sync", "now")["pulled"] == 3
    assert b.json("sync", "status")["pending"] == 0
    with b.workspace() as workspace:
        workspace.store.save(Topic(code="B-1", title="Viết ở máy B"))
    assert b.json("sync", "status")["pending"] == 1  # B's own edit is still sent
    assert b.json("sync", "now")["pushed"] == 1
    assert a.json("sync", "now")["pulled"] == 1
    assert a.json("sync", "digest") == b.json("sync", "digest")


def test_a_blob_the_server_lacked_when_its_record_arrived_is_fetched_by_a_later_sync(server, make_peer):
    a, b = _logged_in(server, make_peer, "A", "B")
    data = "Bài giảng có tệp đính kèm. ".encode() * 4000
    with a.workspace() as workspace:
        sha = workspace.blobs.put_bytes(data)
        workspace.store.save(Topic(code="TEP-1", title="Có tệp", extra={"file": {"sha256": sha, "filename": "a.pdf"}}))
    assert a.json("sync", "now")["blobs_out"] == 1
    stored = server.folder / "blobs" / sha[:2] / sha
    hidden = server.folder.parent / "hidden-blob"
    shutil.move(stored, hidden)  # as if its upload had not finished yet
    first = b.json("sync", "now")
    assert first["pulled"] == 1 and first["blobs_in"] == 0
    assert b.json("sync", "now")["blobs_in"] == 0  # still missing on the server: asked again, not forgotten
    shutil.move(hidden, stored)
    assert b.json("sync", "now")["blobs_in"] == 1
    with b.workspace() as workspace:
        assert workspace.blobs.read_bytes(sha) == data
    assert b.json("sync", "now")["blobs_in"] == 0


def test_own_edits_are_sent_without_asking_first_and_nothing_is_sent_twice(server, make_peer, monkeypatch):
    import httpx

    (a,) = _logged_in(server, make_peer, "A")
    asked: list[str] = []
    real_send = httpx.Client.send

    def recording_send(self, request, **kwargs):
        asked.append(f"{request.method} {request.url.path}")
        return real_send(self, request, **kwargs)

    monkeypatch.setattr(httpx.Client, "send", recording_send)
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="RIENG-1", title="Sửa ở máy này"))
    assert a.json("sync", "now")["pushed"] == 1
    assert asked == ["GET /v1/info", "GET /v1/crl", "POST /v1/revs", "GET /v1/changes", "POST /v1/ack"]
    state = a.folder / "sync" / "server.json"
    text = state.read_text(encoding="utf-8")
    state.write_text(text.replace(f'"pushed_seq": {json.loads(text)["pushed_seq"]}', '"pushed_seq": 1'),
                     encoding="utf-8")  # as if the mark had not been saved before a crash
    again = a.json("sync", "now")
    assert again["pushed"] == 0 and not again["rejected"]  # the server answers "exists": idempotent
    with server.context.repo.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM revisions")[0] == 1
