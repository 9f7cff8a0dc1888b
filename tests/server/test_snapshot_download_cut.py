"""A snapshot download cut midway (the line drops, Hủy, the machine killed) is taken up by the next sync.

A new machine joining a big bank gets the server's snapshot instead of the
whole feed (docs/design/server.md § "Snapshots").  The download keeps its
part as ``sync/.snapshot-<sha256>`` (resumable.py); the next sync must ask
for the snapshot again and fetch only the rest — not give up on it because it
was "already asked for", pull the whole feed instead and leave the part on
disk for ever.  A part that is no longer wanted (the server has stopped
offering that snapshot, or this machine has pulled the feed) is removed.
The server is real (127.0.0.1); a loopback proxy in front of it passes part of
the file and then stalls the line, which the test cuts, cancels or kills.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from lecturer_app.core.model import Topic
from lecturer_app.server import snapshots
from lecturer_app.sync.cancel import CancelToken, SyncCancelled
from lecturer_app.sync.http_client import sync_now
from lecturer_app.sync.http_state import require_state

ROOT = Path(__file__).resolve().parents[2]
TOPICS = 700  # with 4,000 characters each: a snapshot of several MB, so a cut keeps whole 1 MB blocks
DOWNLOAD = b"GET /v1/snapshot/"  # the file itself, not its manifest (GET /v1/snapshot HTTP/1.1)


@pytest.fixture
def big_bank(server, make_peer, monkeypatch):
    """A (straight to the server) has pushed a bank of several MB; B, new, logs in through the proxy."""
    monkeypatch.setattr(snapshots, "SNAPSHOT_MIN", 100)
    password = server.add_user("lan", "giang_vien")
    a = make_peer("A")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    with a.workspace() as workspace:
        workspace.store.save_many([Topic(code=f"A-{n}", title=f"Chuyên đề {n}", legal_basis=os.urandom(2000).hex())
                                   for n in range(TOPICS)])
    assert a.json("sync", "now")["pushed"] == TOPICS
    manifest = server.login("lan").get("/v1/snapshot").json()
    assert manifest["size"] > (4 << 20), manifest["size"]
    return a, password, manifest


def _full_disk(*_args, **_kwargs):
    raise OSError(28, "No space left on device")


def _new_device(make_peer, proxy, password: str):
    b = make_peer("B")
    b.ok("sync", "login", proxy.url, "--user", "lan", "--password-file", password)
    return b


def _parts(peer) -> list[Path]:
    return sorted((peer.folder / "sync").glob(".snapshot-*"))


def _sync_cut_midway(peer, proxy, manifest, cut: Callable[[], None]) -> BaseException | None:
    """B's sync, with *cut* called once the proxy has passed 40 % of the snapshot file and stalled the line."""
    proxy.stall_at(DOWNLOAD, answer_bytes=manifest["size"] * 2 // 5)

    def cut_when_stalled() -> None:
        assert proxy.stalled.wait(120), "the proxy never saw the download"
        time.sleep(0.3)  # the app is blocked reading by now, its whole blocks written
        cut()

    cutter = threading.Thread(target=cut_when_stalled)
    cutter.start()
    raised: BaseException | None = None
    stop = CancelToken()
    proxy.stop = stop  # type: ignore[attr-defined]  # for the cut that is a Hủy
    with peer.device() as (workspace, device):
        try:
            sync_now(device, workspace.blobs, workspace.data_dir, stop=stop)
        except Exception as exc:  # noqa: BLE001 - which one is what the test checks
            raised = exc
    cutter.join()
    return raised


def _kept_part(peer, manifest) -> int:
    (part,) = _parts(peer)
    assert part.name == f".snapshot-{manifest['sha256']}"
    kept = part.stat().st_size
    assert (1 << 20) <= kept <= manifest["size"] * 2 // 5, kept
    return kept


def _resumed_and_agreeing(a, b, proxy, manifest, kept: int) -> dict:
    """The next sync takes the snapshot, fetching only the rest of the file; nothing is left over or lost."""
    proxy.pass_all()
    before = proxy.answered
    report = b.json("sync", "now")
    assert report["snapshot"] and report["pulled"] == TOPICS and report["rejected"] == [], report
    assert proxy.answered - before < manifest["size"] - kept + (512 << 10)  # the rest, and the small answers
    assert _parts(b) == []
    b.ok("check")
    a.ok("sync", "now")
    assert a.ok("sync", "digest", "--json") == b.ok("sync", "digest", "--json")
    return report


def test_a_snapshot_download_cut_by_the_line_is_resumed_by_the_next_sync(server, big_bank, make_peer, proxy):
    a, password, manifest = big_bank
    b = _new_device(make_peer, proxy, password)
    raised = _sync_cut_midway(b, proxy, manifest, proxy.pass_all)  # the proxy hangs up: a dropped line
    assert raised is not None and "Mất kết nối với máy chủ" in str(raised), raised
    assert require_state(b.folder).cursor == 0
    kept = _kept_part(b, manifest)
    _resumed_and_agreeing(a, b, proxy, manifest, kept)


def test_hủy_midway_through_the_snapshot_download_is_resumed_by_the_next_sync(server, big_bank, make_peer, proxy):
    a, password, manifest = big_bank
    b = _new_device(make_peer, proxy, password)
    raised = _sync_cut_midway(b, proxy, manifest, lambda: proxy.stop.cancel())
    assert isinstance(raised, SyncCancelled), raised
    kept = _kept_part(b, manifest)
    _resumed_and_agreeing(a, b, proxy, manifest, kept)


def test_a_machine_killed_midway_through_the_snapshot_download_resumes_it_on_the_next_sync(
        server, big_bank, make_peer, proxy):
    a, password, manifest = big_bank
    b = _new_device(make_peer, proxy, password)
    proxy.stall_at(DOWNLOAD, answer_bytes=manifest["size"] * 2 // 5)
    child = subprocess.Popen([sys.executable, "-m", "lecturer_app", "--data-dir", str(b.folder), "sync", "now"],
                             env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert proxy.stalled.wait(120), "the proxy never saw the download"
        time.sleep(0.5)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    kept = _kept_part(b, manifest)
    _resumed_and_agreeing(a, b, proxy, manifest, kept)


def test_a_kept_part_no_longer_wanted_is_removed_and_the_feed_pulled(server, big_bank, make_peer, proxy,
                                                                      monkeypatch):
    a, password, manifest = big_bank
    b = _new_device(make_peer, proxy, password)
    raised = _sync_cut_midway(b, proxy, manifest, proxy.pass_all)
    assert raised is not None
    _kept_part(b, manifest)
    shutil.rmtree(snapshots.folder(server.context, ["bank"]))  # the server no longer has it, and cannot
    monkeypatch.setattr(snapshots, "_advance", _full_disk)  # make another one: it answers 404
    proxy.pass_all()
    report = b.json("sync", "now")
    assert not report["snapshot"] and report["pulled"] == TOPICS
    assert _parts(b) == []
    code, out, _err = b.run("check", "--json")
    assert code == 0, json.loads(out)["problems"]
    assert a.ok("sync", "digest", "--json") == b.ok("sync", "digest", "--json")


def test_a_snapshot_file_left_by_a_machine_killed_while_taking_it_is_discarded_and_fetched_again(
        server, big_bank, make_peer, proxy):
    """Taking the file writes into it (this machine's identity and own edits): a kill then leaves a file that is
    no longer the server's, set aside under another name so that it is never resumed."""
    a, password, manifest = big_bank
    b = _new_device(make_peer, proxy, password)
    found = snapshots.current(server.context, ["bank"])
    assert found is not None
    taking = b.folder / "sync" / f".snapshot-{manifest['sha256']}.taking"
    shutil.copyfile(found.path, taking)
    Path(f"{taking}-wal").write_bytes(os.urandom(4096))  # what SQLite had beside it at the kill
    report = b.json("sync", "now")
    assert report["snapshot"] and report["pulled"] == TOPICS and report["rejected"] == [], report
    assert _parts(b) == []
    b.ok("check")
    assert a.ok("sync", "digest", "--json") == b.ok("sync", "digest", "--json")
