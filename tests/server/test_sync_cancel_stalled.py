"""Hủy / Ctrl+C stops a server sync within a second even while a request waits for a server that stalls.

The server is real (127.0.0.1); a loopback proxy in front of it lets one kind
of request through and then stops passing bytes — the answer, or the
request's own body — so the app's request hangs as it would on a bad line
(up to its 60 s read timeout, 900 s for the snapshot's manifest).  The
cancel must end it at once, keep what was committed (a download keeps its
part), leave a database that passes ``check``, and the next sync must finish
the work (docs/design/server.md § Stopping a sync).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from lecturer_app.core.model import Topic
from lecturer_app.sync.cancel import CancelToken, SyncCancelled
from lecturer_app.sync.http_client import sync_now
from lecturer_app.sync.http_state import require_state, save_state
from support.attached_file import attached
from support.unanswered_address import UnansweredAddress

ROOT = Path(__file__).resolve().parents[2]
PROMPT_S = 1.5  # "about a second", with room for a loaded 2-core machine
BIG = 12 << 20  # a file of several chunks (http_client.CHUNK is 8 MB)


def _cancelled_while_stalled(peer, proxy, stalled: threading.Event | None = None) -> tuple[float, BaseException | None]:
    """Run B's sync, cancel it 0.2 s into the stall (*stalled*: the proxy's, unless another says when it began);
    the seconds from the cancel until sync_now returned."""
    stop, cancelled_at = CancelToken(), []

    def cancel_when_stalled() -> None:
        assert (stalled or proxy.stalled).wait(60), "the proxy never saw the request"
        time.sleep(0.2)  # the app is blocked in its request by now
        cancelled_at.append(time.monotonic())
        stop.cancel()

    canceller = threading.Thread(target=cancel_when_stalled)
    canceller.start()
    raised: BaseException | None = None
    with peer.device() as (workspace, device):
        try:
            sync_now(device, workspace.blobs, workspace.data_dir, stop=stop)
        except SyncCancelled as exc:
            raised = exc
    returned = time.monotonic()
    canceller.join()
    return returned - cancelled_at[0], raised


def _consistent_and_finished(a, b, proxy, *, awaited: str = "") -> dict:
    """B's database passes check, the file *awaited* (if any) listed as still on its way, not as damage;
    with the line good again, B's next sync completes, check passes, and A and B agree."""
    code, out, _err = b.run("check", "--json")
    checked = json.loads(out)
    assert code == 0 and checked["problems"] == [], checked["problems"]
    assert checked["awaited_blobs"] == ([awaited] if awaited else []), checked["awaited_blobs"]
    proxy.pass_all()
    report = b.json("sync", "now")
    a.ok("sync", "now")
    b.ok("check")
    assert a.ok("sync", "digest", "--json") == b.ok("sync", "digest", "--json")
    return report


def test_hủy_while_the_server_stalls_a_page_of_changes_stops_at_once_and_the_next_sync_pulls_it(pair, proxy):
    a, b = pair
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="MOI-1", title="Mới từ máy A"))
    a.ok("sync", "now")
    cursor = require_state(b.folder).cursor
    proxy.stall_at(b"GET /v1/changes")
    seconds, raised = _cancelled_while_stalled(b, proxy)
    assert isinstance(raised, SyncCancelled) and seconds < PROMPT_S, seconds
    assert "Đã dừng đồng bộ" in str(raised)
    state = require_state(b.folder)
    assert state.cursor == cursor and state.last_error == ""  # nothing pulled, not reported as offline
    assert _consistent_and_finished(a, b, proxy)["pulled"] >= 1


def test_hủy_while_the_server_stalls_a_pushed_batch_stops_at_once_and_the_next_sync_pushes_it(pair, proxy):
    a, b = pair
    with b.workspace() as workspace:
        workspace.store.save(Topic(code="MOI-2", title="Mới từ máy B"))
    pushed = require_state(b.folder).pushed_seq
    proxy.stall_at(b"POST /v1/revs HTTP")  # sent by the push's second thread
    seconds, raised = _cancelled_while_stalled(b, proxy)
    assert isinstance(raised, SyncCancelled) and seconds < PROMPT_S, seconds
    assert require_state(b.folder).pushed_seq == pushed  # the batch's answer never came: still to push
    # The server took the batch before its answer stalled: sent again, it answers "exists" (pushes are idempotent).
    assert _consistent_and_finished(a, b, proxy)["pushed"] in (0, 1)
    assert require_state(b.folder).pushed_seq > pushed
    with a.workspace() as workspace:
        assert [t.title for t in workspace.store.select(Topic) if t.code == "MOI-2"] == ["Mới từ máy B"]


def test_hủy_midway_through_a_download_keeps_its_part_and_the_next_sync_fetches_only_the_rest(pair, proxy):
    a, b = pair
    data = os.urandom(BIG)
    sha = attached(a, data)
    a.ok("sync", "now")
    proxy.stall_at(b"GET /v1/blobs/", answer_bytes=5 << 20)
    seconds, raised = _cancelled_while_stalled(b, proxy)
    assert isinstance(raised, SyncCancelled) and seconds < PROMPT_S, seconds
    with b.workspace() as workspace:
        assert not workspace.blobs.has(sha)
        part = workspace.blobs.path(sha).with_name(f".partial-{sha}")
        kept = part.stat().st_size
        # What arrived before the stall, in whole blocks of resumable.BLOCK (the block being filled is lost).
        assert (3 << 20) <= kept <= (5 << 20) and part.read_bytes() == data[:kept]
    before = proxy.answered
    report = _consistent_and_finished(a, b, proxy, awaited=sha)
    assert report["blobs_in"] == 1
    with b.workspace() as workspace:
        assert workspace.blobs.read_bytes(sha) == data
    assert proxy.answered - before < BIG - kept + (256 << 10)  # only the rest came (and a few small answers)


def test_hủy_while_the_server_stops_reading_an_upload_stops_at_once_and_the_next_sync_sends_the_file(
        pair, proxy, server):
    a, b = pair
    data = os.urandom(BIG)
    sha = attached(b, data)
    proxy.stall_at(b"PATCH /v1/uploads/", hold_request=True)  # the app blocks sending the chunk
    seconds, raised = _cancelled_while_stalled(b, proxy)
    assert isinstance(raised, SyncCancelled) and seconds < PROMPT_S, seconds
    assert _consistent_and_finished(a, b, proxy)["blobs_out"] == 1
    with a.workspace() as workspace:
        assert workspace.blobs.read_bytes(sha) == data
    assert server.context.blobs.has(sha)


def test_hủy_while_the_server_prepares_the_snapshot_stops_at_once_on_a_new_devices_first_sync(
        server, make_peer, proxy, password):
    a, b = make_peer("A"), make_peer("B")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    a.ok("sync", "now")
    b.ok("sync", "login", proxy.url, "--user", "lan", "--password-file", password)
    proxy.stall_at(b"GET /v1/snapshot")  # its manifest may take minutes (snapshot.MANIFEST_TIMEOUT, 900 s)
    seconds, raised = _cancelled_while_stalled(b, proxy)
    assert isinstance(raised, SyncCancelled) and seconds < PROMPT_S, seconds
    assert require_state(b.folder).cursor == 0
    _consistent_and_finished(a, b, proxy)


def test_hủy_while_connecting_to_a_server_that_went_quiet_stops_at_once_and_the_next_sync_completes(pair, proxy):
    a, b = pair
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="MOI-4", title="Mới từ máy A"))
    a.ok("sync", "now")
    state = require_state(b.folder)
    served_at, cursor = state.url, state.cursor
    quiet = UnansweredAddress()  # its connects wait for the 10 s connect timeout: no socket to shut down yet
    state.url = quiet.url
    save_state(b.folder, state)
    connecting = threading.Event()
    threading.Timer(0.3, connecting.set).start()  # the sync starts connecting at once: under way by then
    try:
        seconds, raised = _cancelled_while_stalled(b, proxy, connecting)
    finally:
        quiet.close()
    assert isinstance(raised, SyncCancelled) and seconds < PROMPT_S, seconds
    state = require_state(b.folder)
    assert state.cursor == cursor and state.last_error == ""  # not reported as offline
    state.url = served_at
    save_state(b.folder, state)
    assert _consistent_and_finished(a, b, proxy)["pulled"] >= 1


def test_ctrl_c_on_sync_now_stops_a_stalled_request_at_once_with_the_sentence_and_code_130(pair, proxy):
    a, b = pair
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="MOI-3", title="Mới từ máy A"))
    a.ok("sync", "now")
    proxy.stall_at(b"GET /v1/changes")
    child = subprocess.Popen([sys.executable, "-m", "lecturer_app", "--data-dir", str(b.folder), "sync", "now"],
                             env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proxy.stalled.wait(60), "the proxy never saw the request"
        time.sleep(0.2)
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=30)
        seconds = time.monotonic() - sent
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130 and seconds < PROMPT_S + 0.5, (child.returncode, seconds, err)
    assert "Đã dừng đồng bộ" in err.decode("utf-8") and b"Traceback" not in err
    assert _consistent_and_finished(a, b, proxy)["pulled"] >= 1
