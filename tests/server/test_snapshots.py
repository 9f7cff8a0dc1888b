"""A new device's first sync from the server's signed snapshot (docs/design/server.md § "Snapshots").

The device ends exactly where pulling the whole feed would have left it
(same digest), keeps its own replica id and its own edits (pushed and merged
as usual), and takes nothing it cannot check: another authority's signature,
a file that does not hash to the manifest, or a revision that does not hash
to its id leave the database as it was and the feed is pulled instead.
"""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Topic
from lecturer_app.server import snapshots


@pytest.fixture
def small_snapshots(monkeypatch):
    """Snapshots for feeds of any size (the real threshold is a thousand revisions)."""
    monkeypatch.setattr(snapshots, "SNAPSHOT_MIN", 1)


def _topics(peer, prefix: str, count: int) -> None:
    with peer.workspace() as workspace:
        workspace.store.save_many([Topic(code=f"{prefix}-{n}", title=f"Chuyên đề {prefix} số {n}")
                                   for n in range(count)])


def _edit(peer, code: str, title: str) -> None:
    with peer.workspace() as workspace:
        (topic,) = [t for t in workspace.store.select(Topic) if t.code == code]
        topic.title = title
        workspace.store.save(topic)


def _replica(peer) -> str:
    with peer.workspace() as workspace:
        return str(workspace.store.device)


def _pushed_by_a(server, make_peer, count: int = 30):
    password = server.add_user("lan", "giang_vien")
    a = make_peer("A")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    _topics(a, "A", count)
    _edit(a, "A-0", "Đã sửa trên máy A")
    assert a.json("sync", "now")["pushed"] == count + 1
    return a, password


def _new(make_peer, server, name: str, password: str):
    peer = make_peer(name)
    peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    return peer


def test_a_new_device_takes_the_snapshot_and_ends_as_if_it_had_pulled_the_feed(server, make_peer, small_snapshots):
    a, password = _pushed_by_a(server, make_peer)
    b = _new(make_peer, server, "B", password)
    replica = _replica(b)
    result = b.json("sync", "now")
    assert result["snapshot"] and result["pulled"] == 31 and result["rejected"] == []
    assert b.digest() == a.digest()
    assert _replica(b) == replica  # the device keeps its own identity
    with b.workspace() as workspace:
        titles = {t.code: t.title for t in workspace.store.select(Topic)}
        assert titles["A-0"] == "Đã sửa trên máy A" and titles["A-29"] == "Chuyên đề A số 29"
        assert workspace.store.db.execute("SELECT COUNT(*) FROM revision_signatures").fetchone()[0] == 31
    assert b.json("sync", "status")["pending"] == 0
    _edit(b, "A-1", "Sửa trên máy B sau khi nhận ảnh chụp")
    assert b.json("sync", "now")["pushed"] == 1
    assert a.json("sync", "now")["pulled"] == 1
    assert a.digest() == b.digest()


def test_a_new_device_with_its_own_edits_keeps_them_and_they_merge(server, make_peer, small_snapshots):
    a, password = _pushed_by_a(server, make_peer)
    b = make_peer("B")
    _topics(b, "B", 3)  # written before this laptop ever logged in
    b.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    result = b.json("sync", "now")
    assert result["snapshot"] and result["pushed"] == 3
    assert a.json("sync", "now")["pulled"] == 3
    assert a.digest() == b.digest()
    with b.workspace() as workspace:
        codes = {t.code for t in workspace.store.select(Topic)}
    assert {"B-0", "B-1", "B-2", "A-0", "A-29"} <= codes


def test_a_snapshot_behind_the_feed_is_taken_and_the_rest_pulled(server, make_peer, small_snapshots, monkeypatch):
    a, password = _pushed_by_a(server, make_peer)
    first = server.login("lan").get("/v1/snapshot").json()
    _topics(a, "SAU", 5)
    assert a.json("sync", "now")["pushed"] == 5
    assert server.login("lan").get("/v1/snapshot").json()["sha256"] == first["sha256"]  # within the lag
    b = _new(make_peer, server, "B", password)
    result = b.json("sync", "now")
    assert result["snapshot"] and result["pulled"] == 31 + 5
    assert b.digest() == a.digest()
    monkeypatch.setattr(snapshots, "REFRESH_LAG", 0)
    _topics(a, "MUON", 2)
    a.json("sync", "now")
    refreshed = server.login("lan").get("/v1/snapshot").json()
    assert refreshed["sha256"] != first["sha256"] and refreshed["revisions"] == 31 + 5 + 2
    assert not (snapshots.folder(server.context, ["bank"]) / f"{first['sha256']}.sqlite3").exists()


def test_a_snapshot_file_that_does_not_match_its_manifest_is_refused_and_the_feed_pulled(
        server, make_peer, small_snapshots):
    a, password = _pushed_by_a(server, make_peer)
    found = snapshots.current(server.context, ["bank"])
    assert found is not None
    data = bytearray(found.path.read_bytes())
    data[-100] ^= 0xFF
    found.path.write_bytes(bytes(data))
    b = _new(make_peer, server, "B", password)
    result = b.json("sync", "now")
    assert not result["snapshot"] and result["pulled"] == 31
    assert [r["reason"] for r in result["rejected"]] == ["snapshot: the file does not hash to the manifest's sha256"]
    assert b.digest() == a.digest()
    assert list((b.folder / "sync").glob(".snapshot-*")) == []


def test_a_manifest_signed_by_another_authority_is_not_taken(server, make_peer, small_snapshots):
    from lecturer_app.sync.keys import DeviceKey
    from lecturer_app.sync.trust import sign_document, write_json

    a, password = _pushed_by_a(server, make_peer)
    found = snapshots.current(server.context, ["bank"])
    assert found is not None
    forged = sign_document(DeviceKey.generate(), found.manifest)
    write_json(found.path.parent / snapshots.MANIFEST, forged)
    b = _new(make_peer, server, "B", password)
    result = b.json("sync", "now")
    assert not result["snapshot"] and result["pulled"] == 31
    assert b.digest() == a.digest()


def test_a_revision_altered_inside_a_signed_snapshot_is_refused(server, make_peer, small_snapshots):
    """Even the authority's signature does not make a revision whose content does not hash to its id."""
    import sqlite3

    a, password = _pushed_by_a(server, make_peer)
    found = snapshots.current(server.context, ["bank"])
    assert found is not None
    with sqlite3.connect(found.path) as conn:
        conn.execute("UPDATE revisions SET summary = 'sửa lén' WHERE seq = (SELECT MAX(seq) FROM revisions)")
    conn.close()
    built = snapshots._publish(server.context, found.path.parent, found.path,
                               {k: v for k, v in found.manifest.items()
                                if k not in ("sha256", "size", "created", "issuer", "signature", "kind")})
    b = _new(make_peer, server, "B", password)
    before = b.digest()
    result = b.json("sync", "now")
    assert not result["snapshot"] and result["pulled"] == 31
    assert result["rejected"][0]["reason"].startswith("snapshot: revision ")
    assert b.digest() == a.digest() != before
    assert built.manifest["sha256"] != found.manifest["sha256"]


def test_a_revoked_devices_revisions_leave_the_snapshot(server, make_peer, small_snapshots, monkeypatch):
    monkeypatch.setattr(snapshots, "REFRESH_LAG", 0)
    a, _password = _pushed_by_a(server, make_peer)
    other = server.add_user("hoa", "giang_vien")
    c = make_peer("C")
    c.ok("sync", "login", server.url, "--user", "hoa", "--password-file", other)
    _topics(c, "C", 4)
    assert c.json("sync", "now")["pushed"] == 4
    first = snapshots.current(server.context, ["bank"])
    assert first is not None and first.manifest["revisions"] == 35
    server.cli("server", "user", "disable", "lan")  # revokes A's device
    http = server.login("hoa")
    assert http.get(f"/v1/snapshot/{first.manifest['sha256']}").status_code == 404  # never served again
    rebuilt = http.get("/v1/snapshot").json()
    assert rebuilt["revisions"] == 4
    d = make_peer("D")
    d.ok("sync", "login", server.url, "--user", "hoa", "--password-file", other)
    result = d.json("sync", "now")
    assert result["snapshot"] and result["pulled"] == 4
    with d.workspace() as workspace:
        codes = {t.code for t in workspace.store.select(Topic)}
    assert {"C-0", "C-3"} <= codes and not {"A-0", "A-1"} & codes


def test_an_older_server_without_snapshots_is_pulled_as_before(server, make_peer):
    a, password = _pushed_by_a(server, make_peer)
    b = _new(make_peer, server, "B", password)
    result = b.json("sync", "now")  # 31 revisions: under the threshold, the server answers 404
    assert not result["snapshot"] and result["pulled"] == 31
    assert b.digest() == a.digest()


def test_the_background_refresh_waits_while_a_device_pushes_then_publishes(server, make_peer, small_snapshots):
    import time

    from support.waiting import wait_for

    _pushed_by_a(server, make_peer)
    refresher = snapshots.Refresher(server.context, quiet=0.05, beside=lambda: False)  # no core to spare
    refresher.begin()  # a push is being handled
    refresher.wake.set()
    time.sleep(0.5)
    assert snapshots.stored(server.context, ["bank"]) is None
    assert not (snapshots.folder(server.context, ["bank"]) / snapshots.WORK).exists()  # nothing built meanwhile
    refresher.pushed()
    wait_for(lambda: snapshots.stored(server.context, ["bank"]) is not None, timeout=60)
    refresher.close()
    published = snapshots.stored(server.context, ["bank"])
    assert published is not None and published.manifest["revisions"] == 31


def _built_in_work(server) -> int:
    """How many revisions the scope's working replica holds (0 before the first page is committed)."""
    import sqlite3

    try:
        facts = snapshots._work_facts(snapshots.folder(server.context, ["bank"]) / snapshots.WORK)
    except sqlite3.Error:  # being created by the worker
        return 0
    return int(facts["revisions"]) if facts else 0


def test_with_a_core_to_spare_a_worker_process_builds_beside_the_pushes_and_only_publishing_waits(
        server, make_peer, small_snapshots):
    from lecturer_app.server import snapshot_worker
    from support.waiting import wait_for

    _pushed_by_a(server, make_peer)
    refresher = snapshots.Refresher(server.context, quiet=600, beside=lambda: True,  # pushes never quiet here
                                    worker=snapshot_worker.run_beside)
    refresher.begin()
    refresher.pushed()  # a push batch was handled; the device goes on pushing
    refresher.begin()
    wait_for(lambda: _built_in_work(server) == 31, timeout=120)  # this process never builds while busy
    assert snapshots.stored(server.context, ["bank"]) is None  # copying and hashing the file waits
    found = snapshots.current(server.context, ["bank"])  # a new device asks: the replica is already current
    assert found is not None and found.manifest["revisions"] == 31
    refresher.close()


def test_a_failing_worker_is_reported_in_one_line_and_the_server_builds_itself(server, make_peer, small_snapshots,
                                                                               monkeypatch, caplog):
    import logging

    from lecturer_app.server import snapshot_worker

    _pushed_by_a(server, make_peer)
    monkeypatch.setattr(snapshot_worker, "__name__", "lecturer_app.no_such_module")
    monkeypatch.setattr(snapshot_worker, "log", logging.getLogger("test.snapshot_worker"))  # uvicorn's is off here
    refresher = snapshots.Refresher(server.context, quiet=600, beside=lambda: True, worker=snapshot_worker.run_beside)
    assert refresher.advance_beside() is False
    refresher.close()
    (line,) = [r.getMessage() for r in caplog.records if "snapshot worker failed" in r.getMessage()]
    assert "No module named lecturer_app.no_such_module" in line and "\n" not in line
    assert _built_in_work(server) == 0
    assert snapshots.current(server.context, ["bank"]).manifest["revisions"] == 31


def test_a_damaged_working_copy_is_rebuilt_from_the_log(server, make_peer, small_snapshots, monkeypatch):
    a, password = _pushed_by_a(server, make_peer)
    assert snapshots.current(server.context, ["bank"]) is not None
    work = snapshots.folder(server.context, ["bank"]) / snapshots.WORK / snapshots.DB_NAME
    work.write_bytes(b"not a database " * 1000)  # a failing disk
    monkeypatch.setattr(snapshots, "REFRESH_LAG", 0)
    _topics(a, "SAU", 2)
    a.json("sync", "now")
    b = _new(make_peer, server, "B", password)
    result = b.json("sync", "now")
    assert result["snapshot"] and result["pulled"] == 33
    assert b.digest() == a.digest()


def test_a_server_that_cannot_make_a_snapshot_answers_404_and_the_new_device_pulls_the_feed(
        server, make_peer, small_snapshots, monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    a, password = _pushed_by_a(server, make_peer)
    monkeypatch.setattr(snapshots, "_advance", full_disk)
    assert server.login("lan").get("/v1/snapshot").status_code == 404
    b = _new(make_peer, server, "B", password)
    result = b.json("sync", "now")
    assert not result["snapshot"] and result["pulled"] == 31
    assert b.digest() == a.digest()


def test_an_edit_saved_while_the_snapshot_is_being_taken_is_kept_and_pushed(server, make_peer, small_snapshots,
                                                                            monkeypatch):
    """The GUI keeps saving while a background sync takes the snapshot: nothing it saved is replaced away."""
    from lecturer_app.sync import snapshot

    a, password = _pushed_by_a(server, make_peer)
    b = make_peer("B")
    _topics(b, "B", 1)
    b.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    read_own = snapshot._own_revisions
    saved_meanwhile: list[str] = []

    def own_then_an_edit_elsewhere(store):
        own = read_own(store)
        if not saved_meanwhile:  # another connection (the GUI) commits just after the own edits were read
            _edit(b, "B-0", "Sửa trong lúc nhận ảnh chụp")
            saved_meanwhile.append("B-0")
        return own

    monkeypatch.setattr(snapshot, "_own_revisions", own_then_an_edit_elsewhere)
    result = b.json("sync", "now")
    assert result["snapshot"] and saved_meanwhile == ["B-0"]
    with b.workspace() as workspace:
        titles = {t.code: t.title for t in workspace.store.select(Topic)}
    assert titles["B-0"] == "Sửa trong lúc nhận ảnh chụp" and titles["A-0"] == "Đã sửa trên máy A"
    assert a.json("sync", "now")["pulled"] == 2  # B-0 as created, then as edited
    assert a.digest() == b.digest()


def test_after_the_snapshot_the_stored_newest_stamp_is_the_newest_in_the_log(server, make_peer, small_snapshots):
    """A folder reopened after taking the snapshot starts its clock at the newest stamp it holds, never behind it."""
    a, password = _pushed_by_a(server, make_peer)
    b = _new(make_peer, server, "B", password)
    assert b.json("sync", "now")["snapshot"]
    with b.workspace() as workspace:
        stored = workspace.store.db.execute("SELECT value FROM meta WHERE key = 'last_hlc'").fetchone()[0]
        newest = workspace.store.db.execute("SELECT MAX(hlc) FROM revisions").fetchone()[0]
    assert stored == newest


@pytest.mark.parametrize(("loadavg", "cores", "wanted"), [
    ("0.9 0.8 0.7 2/310 4242", 2, True),  # the refresher and the push itself: the second core is free
    ("3.1 2.8 2.2 3/310 4242", 2, False),  # one more thread running: no core to spare
    ("12.0 11.0 9.0 11/310 4242", 2, False),
    ("0.1 0.1 0.1 1/310 4242", 1, False),  # one core: never
])
def test_a_worker_is_wanted_when_a_core_is_free_besides_the_push(monkeypatch, loadavg, cores, wanted):
    from lecturer_app.server import snapshot_worker

    monkeypatch.setattr("os.cpu_count", lambda: cores)
    assert snapshot_worker.wanted(lambda: loadavg) is wanted
