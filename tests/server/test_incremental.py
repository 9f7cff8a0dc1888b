"""The incremental path of ``sync now`` (issue #14): marks that let a sync skip what is known, losing nothing.

What came from the server is not "waiting to be sent"; a blob the server
did not have when its record arrived is still fetched by a later sync.
"""

from __future__ import annotations

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
