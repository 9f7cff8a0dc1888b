"""A revoked device's revisions: refused by every client, so no longer served (issue #14 item 3, sync.md §4.8).

The rule is the USB one: an importer holding the revocation list refuses
revisions signed by a revoked device, whenever they were signed.  The server
holds that list first, so it stops serving them (they stay in its log); a
client that pulled them before the revocation keeps them, and a USB bundle
carrying them is refused by a client that has the list, the same way.
"""

from __future__ import annotations

from lecturer_app.core.model import Topic


def _topic(peer, code: str) -> str:
    with peer.workspace() as workspace:
        topic = Topic(code=code, title=f"Chuyên đề {code}")
        workspace.store.save(topic)
        return topic.id


def _served_records(server, user: str) -> set[str]:
    feed = server.login(user).get("/v1/changes", params={"since": 0}).json()
    return {item["rev"]["record_id"] for item in feed["items"]}


def test_a_revoked_devices_revisions_are_no_longer_served_and_usb_refuses_them_alike(server, make_peer, tmp_path):
    lan_pw, mai_pw = server.add_user("lan", "giang_vien"), server.add_user("mai", "giang_vien")
    a, early, late = make_peer("A"), make_peer("early"), make_peer("late")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", lan_pw)
    early.ok("sync", "login", server.url, "--user", "mai", "--password-file", mai_pw)
    before = _topic(a, "TRUOC-THU-HOI")
    assert a.json("sync", "now")["pushed"] == 1
    assert early.json("sync", "now")["pulled"] == 1
    kept = _topic(early, "CUA-MAI")
    early.json("sync", "now")
    assert _served_records(server, "mai") == {before, kept}

    server.cli("server", "device", "disable", a.json("device", "show")["fingerprint"])
    assert _served_records(server, "mai") == {kept}  # the other device's work is still served
    late.ok("sync", "login", server.url, "--user", "mai", "--password-file", mai_pw)
    result = late.json("sync", "now")
    assert result["pulled"] == 1 and not result["rejected"]
    with late.workspace() as workspace:
        assert [t.id for t in workspace.store.select(Topic) if t.id in (before, kept)] == [kept]
    with early.workspace() as workspace:  # pulled before the revocation: nothing is taken back from a client
        assert workspace.store.get(Topic, before) is not None
    with server.context.repo.transaction() as tx:  # kept in the log, for an administrator
        assert tx.one("SELECT COUNT(*) FROM revisions WHERE record_id = ?", [before])[0] == 1

    early.ok("bundle", "export", "-o", str(tmp_path / "early.lbb"))
    imported = late.json("bundle", "import", str(tmp_path / "early.lbb"))
    assert [item["record_id"] for item in imported["rejected"]] == [before]
    with late.workspace() as workspace:
        assert workspace.store.get(Topic, before) is None
