"""Bulk transfer keeps every guarantee (issue #14 items 8, 9): the shortcuts taken for a 50,000-revision sync.

The feed splices each stored revision into its page instead of decoding and
encoding it again; the server checks each device certificate once per
process; the client hashes a download as it arrives and checks text the
engines cannot store with one encoding.  None of it may change what is
served, refused or kept.
"""

from __future__ import annotations

import os
from pathlib import Path

from lecturer_app.core.model import Topic
from lecturer_app.server import revs
from tests.support.attached_file import attached


def _topic(peer, code: str, title: str = "Chuyên đề") -> str:
    with peer.workspace() as workspace:
        topic = Topic(code=code, title=f"{title} {code}")
        workspace.store.save(topic)
        return topic.id




def test_text_the_engines_cannot_store_is_found_wherever_it_hides():
    assert revs.storable({"body": {"title": "Tư tưởng Hồ Chí Minh 😀", "list": [1, 2.5, None, True]}})
    assert revs.storable({"text": "a backslash then u0000: \\u0000"})  # the six characters, not U+0000
    assert not revs.storable({"body": {"items": [{"x": "a\x00b"}]}})
    assert not revs.storable({"body": {"k\x00": 1}})
    assert not revs.storable([{"deep": ["\ud800"]}])
    assert not revs.storable({"mixed": "\\u0000 and a real \x00"})


def test_a_feed_page_serves_each_revision_and_signature_exactly_as_pushed(server, make_peer):
    password = server.add_user("lan", "giang_vien")
    a = make_peer("A")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    made = {_topic(a, f"CD-{n}", title="Chuyên đề “trích dẫn” \\ gạch") for n in range(3)}
    assert a.json("sync", "now")["pushed"] >= 3
    page = server.login("lan").get("/v1/changes", params={"since": 0, "limit": 1000}).json()
    with a.workspace() as workspace:
        from lecturer_app.sync.signing import signature_of

        for item in page["items"]:
            local = workspace.store.log.get(item["rev"]["rev_id"])
            assert item["rev"] == local.to_json()
            found = signature_of(workspace.store, local.rev_id)
            assert item["sig"] == ({"signer": found[0], "signature": found[1]} if found else None)
    assert made <= {item["rev"]["record_id"] for item in page["items"]}
    assert page["more"] is False and page["next"] > 0 and page["epoch"] and page["devices"]


def test_a_device_revoked_after_its_certificate_was_checked_can_no_longer_push(server, make_peer):
    password = server.add_user("lan", "giang_vien")
    a = make_peer("A")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    _topic(a, "TRUOC")
    assert a.json("sync", "now")["pushed"] >= 1  # the server has now checked A's certificate once
    server.cli("server", "device", "disable", a.json("device", "show")["fingerprint"])
    late = _topic(a, "SAU")
    result = a.json("sync", "now")
    with server.context.repo.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM revisions WHERE record_id = ?", [late])[0] == 0
    assert result["pushed"] == 0 and [r["status"] for r in result["rejected"]] == ["invalid"]


def _a_file_on_the_server_for_b(server, make_peer) -> tuple[object, bytes, Path, Path]:
    """A pushed a 3 MiB file that B has not fetched: (B, its bytes, where B keeps it, B's partial download)."""
    password = server.add_user("lan", "giang_vien")
    a, b = make_peer("A"), make_peer("B")
    for peer in (a, b):
        peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    data = os.urandom(3 << 20)
    sha = attached(a, data)
    assert a.json("sync", "now")["blobs_out"] == 1
    with b.workspace() as workspace:
        final = workspace.blobs.path(sha)
    return b, data, final, final.with_name(f".partial-{sha}")


def test_a_download_resumed_on_wrong_bytes_is_dropped_then_fetched_whole(server, make_peer):
    b, data, final, partial = _a_file_on_the_server_for_b(server, make_peer)
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(b"x" * (1 << 20))  # a previous run's part, damaged: not the blob's first bytes
    assert b.json("sync", "now")["blobs_in"] == 0
    assert not final.exists() and not partial.exists()
    assert b.json("sync", "now")["blobs_in"] == 1
    assert final.read_bytes() == data


def test_a_download_resumed_on_its_own_first_bytes_completes_with_the_same_sha256(server, make_peer):
    b, data, final, partial = _a_file_on_the_server_for_b(server, make_peer)
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(data[: 1 << 20])  # cut off after 1 MiB last time
    assert b.json("sync", "now")["blobs_in"] == 1
    assert final.read_bytes() == data and not partial.exists()


def _edit_topic(peer, topic_id: str, **fields) -> None:
    with peer.workspace() as workspace:
        topic = workspace.store.get(Topic, topic_id)
        for name, value in fields.items():
            setattr(topic, name, value)
        workspace.store.save(topic)


def test_what_a_device_pulled_is_not_offered_back_but_a_merge_it_made_is_pushed(server, make_peer):
    password = server.add_user("lan", "giang_vien")
    a, b = make_peer("A"), make_peer("B")
    for peer in (a, b):
        peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    topic = _topic(a, "GOP")
    a.json("sync", "now")
    assert b.json("sync", "now")["pulled"] >= 1
    with b.device() as (workspace, _device):
        from lecturer_app.sync.http_state import load_state

        newest = workspace.store.db.execute("SELECT MAX(seq) FROM revisions").fetchone()[0]
        assert load_state(workspace.data_dir).pushed_seq == newest  # the pulled revisions are not asked about again

    _edit_topic(a, topic, title="Tên mới ở máy A")
    a.json("sync", "now")
    _edit_topic(b, topic, code="GOP-B")
    first = b.json("sync", "now")  # pushes B's edit, pulls A's, merges them here
    assert first["pushed"] == 1 and first["pulled"] == 1
    assert b.json("sync", "now")["pushed"] == 1  # the merge made on B goes to the server
    with server.context.repo.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM revisions WHERE origin = 'automerge' AND record_id = ?", [topic])[0] == 1
    a.json("sync", "now")
    assert a.digest() == b.digest()


def test_gzipped_request_bodies_are_taken_within_the_same_limits(server):
    import gzip
    import json

    from lecturer_app.server.app import MAX_JSON

    server.add_user("lan", "giang_vien")
    http = server.login("lan")
    assert "gzip" in http.get("/v1/info").json()["request_encodings"]
    body = json.dumps({"rev_ids": ["khong-co", "cũng-không"]}).encode()
    zipped = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    answer = http.post("/v1/revs/missing", content=gzip.compress(body), headers=zipped)
    assert answer.status_code == 200 and answer.json()["missing"] == ["khong-co", "cũng-không"]
    bomb = gzip.compress(b'{"rev_ids": ["' + b"a" * (MAX_JSON + 10) + b'"]}')  # 32 MB inflated from 32 KB
    assert len(bomb) < MAX_JSON // 100
    assert http.post("/v1/revs/missing", content=bomb, headers=zipped).status_code == 413
    assert http.post("/v1/revs/missing", content=b"not gzip", headers=zipped).status_code == 400
    assert http.post("/v1/revs/missing", content=gzip.compress(body)[:-8], headers=zipped).status_code == 400
    other = {"Content-Type": "application/json", "Content-Encoding": "br"}
    assert http.post("/v1/revs/missing", content=body, headers=other).status_code == 415
    nul = gzip.compress(b'{"rev_ids": ["a\\u0000b"]}')
    assert http.post("/v1/revs/missing", content=nul, headers=zipped).status_code == 400
