"""A push's answer cannot make the pull skip rows this machine has not received (sync.md §3.9, §4 guarantee 2).

Each pushed batch is answered with ``seqs: [before, after]``, the stretch of the server's feed its rows sit in,
and the pull that follows skips that stretch instead of downloading its own revisions back
(``http_client.past_own``).  The server is real (127.0.0.1, SQLite or PostgreSQL); the loopback proxy in front
of it gives B, for its push, the server's verdicts with another stretch: one reaching past the feed's end
(10^12 rows for one revision), one taking in the row another device pushed just before (two rows for one
revision), one narrower than what was stored.  A stretch is skipped only when it holds exactly one row per
revision stored; a wider one is pulled back (its own rows found known); a narrower one no server can answer,
and is refused naming ``seqs``.  Either way B ends with A's revision, and A and B agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

import pytest

from lecturer_app.sync.http_state import require_state

TERA = 10 ** 12


def _json(value: object) -> Callable[[], Iterable[bytes]]:
    body = json.dumps(value).encode("utf-8")
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % (
        len(body))
    return lambda: [head + body]


def _unpushed(peer) -> list[str]:
    """The revisions *peer*'s next push sends, in order (its own edits after the push mark)."""
    mark = require_state(peer.folder).pushed_seq
    with peer.workspace() as workspace:
        return [row[0] for row in workspace.store.db.execute(
            "SELECT rev_id FROM revisions WHERE seq > ? ORDER BY seq", [mark])]


def _b_pushes_after_a(pair, proxy, codes: tuple[str, ...], stretch: Callable[[int, int], list[int]]) -> tuple:
    """A pushes one edit; B pushes *codes*, answered with the server's verdicts and *stretch(cursor, stored)*."""
    a, b = pair
    b.save_topics(*codes)
    a.save_topics("CUA-A")
    a.ok("sync", "now")  # A's row comes in the feed after B's cursor, before B's rows
    cursor, sent = require_state(b.folder).cursor, _unpushed(b)
    proxy.forge_answer(b"POST /v1/revs HTTP", _json({"results": [{"rev_id": rev_id, "status": "ok"} for rev_id in sent],
                                                     "seqs": stretch(cursor, len(sent))}))
    return a, b


@pytest.mark.parametrize("stretch", [
    lambda cursor, stored: [cursor, cursor + TERA],  # past the feed's end: every later row would be skipped
    lambda cursor, stored: [cursor, cursor + stored + 1],  # A's row taken in with B's own
], ids=["reaching past the feed's end", "taking in another device's row"])
def test_a_push_answer_naming_a_stretch_wider_than_what_it_stored_does_not_make_the_pull_skip_others_rows(
        pair, proxy, stretch):
    a, b = _b_pushes_after_a(pair, proxy, ("CUA-B",), stretch)
    report = b.json("sync", "now")
    proxy.pass_all()
    assert report["pulled"] == 1 and "CUA-A" in b.topic_codes()  # B's own row pulled back was known: not counted
    assert require_state(b.folder).cursor < TERA
    a.save_topics("SAU-A")  # a later edit of A still reaches B: the cursor is not past the feed's end
    a.ok("sync", "now")
    b.ok("sync", "now")
    assert a.digest() == b.digest() and {"CUA-A", "SAU-A", "CUA-B"} <= b.topic_codes()


def test_a_push_answer_naming_a_stretch_narrower_than_what_it_stored_is_refused_and_the_next_sync_converges(
        pair, proxy):
    a, b = _b_pushes_after_a(pair, proxy, ("CUA-B-1", "CUA-B-2"), lambda cursor, stored: [cursor, cursor + 1])
    code, _out, err = b.run("sync", "now")
    assert code == 1 and "Traceback" not in err, err
    assert "khi gửi các phiên bản mới lên máy chủ (POST /v1/revs): trường seqs không phải [trước, sau]" in err, err
    proxy.pass_all()
    b.ok("check")
    b.ok("sync", "now")  # the batch is sent again: the server answers «exists», the pull brings A's row
    a.ok("sync", "now")
    assert a.digest() == b.digest() and {"CUA-A", "CUA-B-1", "CUA-B-2"} <= b.topic_codes()


def test_an_honest_push_still_skips_its_own_rows_on_the_pull_that_follows(pair):
    a, b = pair
    b.save_topics("CUA-B-1", "CUA-B-2")
    report = b.json("sync", "now")
    assert report["pushed"] == 2 and report["pulled"] == 0
    a.ok("sync", "now")
    assert a.digest() == b.digest()
