"""A broken or hostile sync server cannot hurt the app with its answers: a clear error, nothing of it kept.

The server is real (127.0.0.1, SQLite or PostgreSQL); a loopback proxy in
front of it passes every request on, but for one kind of request gives the app
other bytes than the server's answer: ``NaN``, ``1e999``, a number of 5,000
digits, nesting a hundred thousand deep, a body without end, a gzip bomb.  The
app reads every answer within bounds (``sync/server_answers.py``, JSON
through ``core/json_reading.parse_json``): ``sync now`` fails with one
Vietnamese sentence naming the server and the request, no traceback, the
marks and the database as they were (``check`` passes), and once the line
is honest again the next sync completes and both machines agree.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable, Iterator

import pytest

from lecturer_app.core.model import Topic
from lecturer_app.sync import server_answers
from lecturer_app.sync.http_client import PAGE_ROWS
from lecturer_app.sync.http_state import load_state, require_state
from tests.support.peers import converge_after_honest_line

DEEP = 100_000
PAGE_TAIL = b', "devices": {}, "more": false}'
MB = 1 << 20


def _answer(body: bytes, *headers: bytes) -> Callable[[], Iterable[bytes]]:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n" % len(body)
    return lambda: [head + b"".join(h + b"\r\n" for h in headers) + b"\r\n" + body]


def _endless() -> Iterator[bytes]:
    """A JSON array that never ends (up to 200 MB, far past what the app reads), with no length announced."""
    yield b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" + b'{"items": ['
    for _ in range(200):
        yield b"1," * (MB // 2)


BOMB = gzip.compress(b'{"items": [' + b" " * (64 * MB) + b'], "next": 1, "more": false}', compresslevel=9)
HOSTILE = {
    "NaN": (_answer(b'{"items": [], "next": NaN' + PAGE_TAIL), "giá trị NaN không phải số hợp lệ"),
    "1e999": (_answer(b'{"items": [], "next": 1e999' + PAGE_TAIL), "giá trị 1e999 không phải số hợp lệ"),
    "5000 digits": (_answer(b'{"items": [], "next": 1' + b"0" * 5000 + PAGE_TAIL), "có số dài 5001 chữ số"),
    "nested past the limit": (_answer(b'{"items": ' + b"[" * DEEP + b"]" * DEEP + b', "next": 1}'),
                              "lồng nhau quá sâu"),
    "a body without end": (_endless, "câu trả lời quá lớn (tối đa 32 MB)"),
    "a gzip bomb": (_answer(BOMB, b"Content-Encoding: gzip"), "câu trả lời quá lớn (tối đa 32 MB)"),
}


def _refused_saying(peer, proxy, *words: str) -> str:
    """``sync now`` on *peer* fails with the one sentence, which names the server and the request."""
    code, _out, err = peer.run("sync", "now")
    assert code == 1 and "Traceback" not in err, (code, err)
    assert f"Máy chủ đồng bộ {proxy.url} trả lời không hợp lệ khi" in err, err
    assert "Không có gì từ câu trả lời này được ghi vào máy" in err, err
    for word in words:
        assert word in err, err
    return err


def _kept_nothing_then_converges(a, b, proxy, before: dict) -> dict:
    """B's marks and digest are those of *before*, its database passes check; with the line honest again, the next
    sync completes and A and B agree."""
    state = require_state(b.folder)
    assert (state.cursor, state.pushed_seq) == (before["cursor"], before["pushed_seq"])
    assert b.digest() == before["digest"]
    return converge_after_honest_line(a, b, proxy)


def _marks(b) -> dict:
    state = require_state(b.folder)
    return {"cursor": state.cursor, "pushed_seq": state.pushed_seq, "digest": b.digest()}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_page_of_changes_is_refused_naming_the_server_and_nothing_of_it_is_applied(pair, proxy, kind):
    a, b = pair
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="MOI-1", title="Mới từ máy A"))
    a.ok("sync", "now")
    before = _marks(b)
    answer, reason = HOSTILE[kind]
    proxy.forge_answer(b"GET /v1/changes", answer)
    _refused_saying(b, proxy, "khi nhận các thay đổi mới (GET /v1/changes)", reason)
    # Each answer read no further than 32 MB (and a few MB in socket buffers); one too large was asked again in
    # pages of fewer rows (http_client.PAGE_ROWS), forged too.
    assert proxy.forged_sent < len(PAGE_ROWS) * 40 * MB
    assert _kept_nothing_then_converges(a, b, proxy, before)["pulled"] >= 1


@pytest.mark.parametrize(("request_line", "kind", "doing"), [
    (b"GET /v1/info", "NaN", "khi hỏi thông tin máy chủ (GET /v1/info)"),
    (b"GET /v1/crl", "5000 digits", "khi nhận danh sách thiết bị bị thu hồi (GET /v1/crl)"),
    (b"POST /v1/revs HTTP", "1e999", "khi gửi các phiên bản mới lên máy chủ (POST /v1/revs)"),
    # Its answer is not read as JSON, but no answer is read past the limit.
    (b"POST /v1/ack", "a body without end", "khi báo máy chủ đã nhận xong (POST /v1/ack)"),
])
def test_a_hostile_answer_to_any_request_of_a_sync_is_refused_naming_it(pair, proxy, request_line, kind, doing):
    a, b = pair
    with b.workspace() as workspace:
        workspace.store.save(Topic(code="MOI-2", title="Mới từ máy B"))
    before = _marks(b)
    answer, reason = HOSTILE[kind]
    proxy.forge_answer(request_line, answer)
    _refused_saying(b, proxy, doing, reason)
    if request_line == b"POST /v1/ack":  # the last request: the push and pull before it were kept, as always
        before = _marks(b)
    _kept_nothing_then_converges(a, b, proxy, before)
    with a.workspace() as workspace:
        assert [t.title for t in workspace.store.select(Topic) if t.code == "MOI-2"] == ["Mới từ máy B"]


def test_a_hostile_snapshot_manifest_on_a_new_devices_first_sync_is_refused_and_the_next_sync_takes_it(
        server, make_peer, proxy, password):
    a, b = make_peer("A"), make_peer("B")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    a.ok("sync", "now")
    b.ok("sync", "login", proxy.url, "--user", "lan", "--password-file", password)
    before = _marks(b)
    proxy.forge_answer(b"GET /v1/snapshot", HOSTILE["nested past the limit"][0])
    _refused_saying(b, proxy, "khi hỏi bản chụp dữ liệu cho máy mới (GET /v1/snapshot)", "lồng nhau quá sâu")
    assert require_state(b.folder).snapshot_asked == ""  # not taken for an answer: asked again next time
    _kept_nothing_then_converges(a, b, proxy, before)


def test_a_login_whose_enrolment_answer_is_hostile_keeps_nothing_of_the_server(make_peer, proxy, password):
    b = make_peer("B")
    proxy.forge_answer(b"POST /v1/enroll", HOSTILE["1e999"][0])
    code, _out, err = b.run("sync", "login", proxy.url, "--user", "lan", "--password-file", password)
    assert code == 1 and "Traceback" not in err, err
    assert f"Máy chủ đồng bộ {proxy.url} trả lời không hợp lệ khi đăng ký thiết bị với máy chủ (POST /v1/enroll)" in err
    assert load_state(b.folder) is None
    with b.device() as (_workspace, device):
        assert device.trust.anchors() == [] and device.trust.certificate() is None
    proxy.pass_all()
    b.ok("sync", "login", proxy.url, "--user", "lan", "--password-file", password)
    b.ok("sync", "now")


def test_an_honest_page_too_large_to_read_is_asked_again_in_fewer_rows_and_the_pull_completes(
        pair, monkeypatch):
    a, b = pair
    with a.workspace() as workspace:
        workspace.store.save_many([Topic(code=f"LON-{n}", title=f"Chuyên đề lớn {n} " + "nội dung " * 40)
                                   for n in range(60)])
    a.ok("sync", "now")
    monkeypatch.setattr(server_answers, "MAX_ANSWER_BYTES", 16 << 10)  # a page of 60 such topics is ~30 kB
    assert b.json("sync", "now")["pulled"] == 60
    assert a.digest() == b.digest()
