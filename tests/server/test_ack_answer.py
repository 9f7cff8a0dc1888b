"""The ack that ends a sync is read: an answer that does not confirm it fails the sync with a clear sentence.

The server is real (127.0.0.1, SQLite or PostgreSQL); the loopback proxy in front of it gives B, for its ack,
what a broken server or something else at its address would answer: ``{"ok": false}``, no ``ok``, ``ok`` a
string, a page that is no JSON, a refusal.  Before, any of them counted as success.  Now ``sync now`` fails
with one sentence naming the request and what was wrong, and saying that what was sent and received is kept;
it was: A has B's edit and B has A's, B's database passes ``check``, and the next sync, with nothing new to
exchange, acknowledges and ends with A and B alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

import pytest

from lecturer_app.sync.http_state import require_state, save_state


def _answer(status: bytes, body: bytes, kind: bytes = b"application/json") -> Callable[[], Iterable[bytes]]:
    head = b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % (
        status, kind, len(body))
    return lambda: [head + body]


ACKS = {
    "ok false": (_answer(b"200 OK", b'{"ok": false}'), "trường ok = false: máy chủ không ghi nhận"),
    "no ok": (_answer(b"200 OK", b"{}"), "thiếu trường ok"),
    "ok a string": (_answer(b"200 OK", json.dumps({"ok": "true"}).encode()), "trường ok không phải true hoặc false"),
    "a web page": (_answer(b"200 OK", b"<html>OK</html>", b"text/html"), "(POST /v1/ack)"),
    "a refusal": (_answer(b"500 Internal Server Error", b'{"error": "database is locked"}'),
                  "Máy chủ từ chối (500): database is locked"),
}


@pytest.mark.parametrize("case", list(ACKS))
def test_an_ack_the_server_does_not_confirm_fails_the_sync_saying_what_was_exchanged_is_kept(pair, proxy, case):
    a, b = pair
    a.save_topics("CUA-A")
    a.ok("sync", "now")
    b.save_topics("CUA-B")
    state = require_state(b.folder)
    state.last_sync = last_sync = "2026-01-01T00:00:00Z"  # the sync before: seconds ago would be indistinguishable
    save_state(b.folder, state)
    answer, says = ACKS[case]
    proxy.forge_answer(b"POST /v1/ack", answer)
    code, _out, err = b.run("sync", "now")
    assert code == 1 and "Traceback" not in err, err
    assert says in err and "Những gì đã gửi, đã nhận vẫn được giữ ở máy này" in err, err
    assert require_state(b.folder).last_sync == last_sync  # not counted as a sync done
    assert "CUA-A" in b.topic_codes()  # the pull before the ack was kept
    b.ok("check")
    a.ok("sync", "now")
    assert "CUA-B" in a.topic_codes()  # so was the push
    proxy.pass_all()
    report = b.json("sync", "now")
    assert (report["pushed"], report["pulled"]) == (0, 0)
    assert require_state(b.folder).last_sync != last_sync
    assert a.digest() == b.digest()
