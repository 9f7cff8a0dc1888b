"""``POST /v1/bundles``: a USB bundle handed to the server is checked like a USB import (issue #14 item 1)."""

from __future__ import annotations

from lecturer_app.core.model import Topic


def _revision_count(server) -> int:
    with server.context.repo.transaction() as tx:
        return int(tx.one("SELECT COUNT(*) FROM revisions")[0])


def test_a_bundle_upload_reaches_other_devices_and_a_tampered_one_changes_nothing(server, make_peer, tmp_path):
    password = server.add_user("lan", "giang_vien")
    a, b, stranger = make_peer("A"), make_peer("B"), make_peer("S")
    for peer in (a, b):
        peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    data = b"tep dinh kem trong goi USB " * 300
    with a.workspace() as workspace:
        sha = workspace.blobs.put_bytes(data)
        topic = Topic(code="USB-1", title="Qua USB lên máy chủ", extra={"file": {"sha256": sha}})
        workspace.store.save(topic)
    a.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))
    http = server.login("lan")

    raw = (tmp_path / "a.lbb").read_bytes()
    tampered = bytearray(raw)
    tampered[len(raw) // 2] ^= 0xFF
    before = _revision_count(server)
    assert http.post("/v1/bundles", content=bytes(tampered)).status_code == 400
    assert http.post("/v1/bundles", content=b"not a zip").status_code == 400
    stranger.ok("bundle", "export", "-o", str(tmp_path / "s.lbb"))
    assert http.post("/v1/bundles", content=(tmp_path / "s.lbb").read_bytes()).status_code == 403
    assert _revision_count(server) == before and not server.context.blobs.has(sha)

    first = http.post("/v1/bundles", content=raw).json()
    assert first["ok"] >= 1 and first["invalid"] == 0 and first["forbidden"] == 0 and first["blobs_new"] == 1
    again = http.post("/v1/bundles", content=raw).json()
    assert again["ok"] == 0 and again["exists"] == first["ok"] + first["exists"]  # idempotent
    result = b.json("sync", "now")
    assert result["pulled"] >= 1 and result["blobs_in"] == 1
    with b.workspace() as workspace:
        assert workspace.store.require(Topic, topic.id).title == "Qua USB lên máy chủ"
        assert workspace.blobs.read_bytes(sha) == data


def test_a_revision_relayed_from_a_usb_only_device_reaches_the_server_and_other_devices(server, make_peer, tmp_path):
    """Mixed delivery: C (certified offline by the same authority) → USB → A → server → B."""
    password = server.add_user("lan", "giang_vien")
    a, b, c = make_peer("A"), make_peer("B"), make_peer("C")
    for peer in (a, b):
        peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    authority = server.folder / "authority"
    c.ok("trust", "add", str(authority / "authority.json"))
    c.ok("device", "request", "-o", str(tmp_path / "c-req.json"))
    c.ok("ca", "sign", str(tmp_path / "c-req.json"), "--ca", str(authority), "-o", str(tmp_path / "c-cert.json"))
    c.ok("device", "install", str(tmp_path / "c-cert.json"))
    with c.workspace() as workspace:
        topic = Topic(code="USB-C", title="Soạn ở máy chỉ dùng USB")
        workspace.store.save(topic)
    c.ok("bundle", "export", "-o", str(tmp_path / "c.lbb"))
    assert not a.json("bundle", "import", str(tmp_path / "c.lbb"))["rejected"]
    pushed = a.json("sync", "now")
    assert pushed["pushed"] >= 1 and not pushed["rejected"]
    pulled = b.json("sync", "now")
    assert pulled["pulled"] >= 1 and not pulled["rejected"]
    with b.workspace() as workspace:
        assert workspace.store.require(Topic, topic.id).title == "Soạn ở máy chỉ dùng USB"
    assert a.json("sync", "digest") == b.json("sync", "digest")
