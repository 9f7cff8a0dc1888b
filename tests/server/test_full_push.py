"""A device's full push (issue #14 item 8) keeps every guarantee of a batch push, with less work on each side.

The server keeps the canonical text it hashed instead of encoding it again,
finds unstorable text with one search of the received body, inserts a
batch's revisions together and checks signatures with a checker child
(test_verifier.py).  The client prepares the next batch while one is
answered and does not pull back the feed rows its own pushes just filled.
"""

from __future__ import annotations

import json

import pytest

from lecturer_app.core.model import Topic
from lecturer_app.core.store.canonical import canonical_json
from lecturer_app.core.store.revisions import Revision
from lecturer_app.server import revs
from lecturer_app.server.accounts import get_user
from lecturer_app.sync import http_client
from lecturer_app.sync.http_client import past_own
from lecturer_app.sync.http_state import require_state
from support.signed_pushes import signed_topics


def _revision(summary: str = "", body: dict | None = None, form: int = 1) -> Revision:
    return Revision.create(record_id="cd-1", type="topic", parents=("b" * 64, "a" * 64), generation=3,
                           body=body if body is not None else {"title": "Chuyên đề"}, deleted=False,
                           author="lan", device="may-1", hlc="0001-0000-r", summary=summary,
                           origin_replica="r-1", origin_seq=7, format=form)


@pytest.mark.parametrize("form", [0, 1])
def test_the_kept_json_is_the_canonical_json_of_the_whole_revision(form):
    tricky = [_revision(form=form),
              _revision('sửa "summary": 1, "type": "x"', form=form),
              _revision(body={"summary": "lồng", "z": [{"summary": 2}], "rev_id": "giả"}, form=form),
              _revision("\\", body={"a\\": "\"summary\":"}, form=form)]
    for rev in tricky:
        assert revs.stored_json(rev) == canonical_json(rev.to_json())
        assert json.loads(revs.stored_json(rev)) == rev.to_json()


def test_a_revision_whose_id_is_not_its_hash_or_that_has_no_canonical_form_keeps_nothing():
    rev = _revision()
    assert revs.stored_json(Revision.from_json(rev.to_json() | {"summary": "đã sửa"})) == ""
    assert revs.stored_json(Revision.from_json(rev.to_json() | {"v": 2})) == ""
    assert revs.stored_json(Revision.from_json(rev.to_json() | {"body": {"x": float("nan")}})) == ""


def test_only_an_escape_that_may_hide_unstorable_text_sends_the_body_to_the_full_check():
    for text in ('{"t": "Tư tưởng Hồ Chí Minh 😀"}', '{"t": "\\u00e9 \\n \\\\"}', '{"t": "\\u0001"}'):
        assert revs.plain_text(text), text
    for text in ('{"t": "a\\u0000b"}', '{"t": "\\ud800"}', '{"t": "\\uDFFF"}', '{"t": "\\ud83d\\ude00"}',
                 '{"t": "\\\\u0000"}'):
        assert not revs.plain_text(text), text
    assert revs.storable(json.loads('{"t": "\\ud83d\\ude00 \\\\u0000"}'))  # an emoji pair, six characters


def test_a_revision_given_twice_in_one_batch_is_stored_once(server, make_peer):
    _peer, items, certificate = signed_topics(make_peer, server, 2)
    with server.context.repo.transaction() as tx:
        user = get_user(tx, "lan")
    forged = {"rev": items[1]["rev"], "sig": items[0]["sig"]}
    body = {"items": [items[0], items[0], forged, items[1], items[1]], "certificates": [certificate]}
    answers, seqs = revs.push_batch(server.context, user, body)
    assert [a["status"] for a in answers] == ["ok", "exists", "invalid", "ok", "exists"]
    with server.context.repo.transaction() as tx:
        stored = tx.rows("SELECT seq, rev_id, data FROM revisions ORDER BY seq")
    assert [row[1] for row in stored] == [items[0]["rev"]["rev_id"], items[1]["rev"]["rev_id"]]
    assert [json.loads(row[2]) for row in stored] == [items[0]["rev"], items[1]["rev"]]
    assert seqs == [0, stored[-1][0]]
    again, unchanged = revs.push_batch(server.context, user, body)
    assert [a["status"] for a in again] == ["exists", "exists", "exists", "exists", "exists"]
    assert unchanged == [stored[-1][0], stored[-1][0]]


def test_a_push_answers_with_where_its_rows_sit_in_the_feed(server, make_peer):
    _peer, items, certificate = signed_topics(make_peer, server, 3)
    http = server.login("lan")
    first = http.post("/v1/revs", json={"items": items[:2], "certificates": [certificate]}).json()
    second = http.post("/v1/revs", json={"items": items[1:], "certificates": [certificate]}).json()
    assert [a["status"] for a in first["results"] + second["results"]] == ["ok", "ok", "exists", "ok"]
    feed = http.get("/v1/changes", params={"since": 0}).json()["items"]
    with server.context.repo.transaction() as tx:
        seq_of = dict(tx.rows("SELECT rev_id, seq FROM revisions"))
    assert first["seqs"] == [0, seq_of[items[1]["rev"]["rev_id"]]]
    assert second["seqs"] == [first["seqs"][1], seq_of[items[2]["rev"]["rev_id"]]]
    assert [item["rev"]["rev_id"] for item in feed] == [item["rev"]["rev_id"] for item in items]


def test_the_pull_skips_only_the_stretches_this_sync_pushed():
    assert past_own(0, []) == 0
    assert past_own(0, [(0, 10)]) == 10
    assert past_own(4, [(0, 10)]) == 10
    assert past_own(10, [(0, 10)]) == 10
    assert past_own(3, [(5, 10)]) == 3  # someone else's rows 4 and 5 are pulled first
    assert past_own(5, [(10, 20), (5, 10), (25, 30)]) == 20  # adjacent batches chain; 21–25 are others'


def _served(monkeypatch) -> list[str]:
    """The rev ids the feed serves from now on."""
    served: list[str] = []
    real = revs.changes_json

    def counting(*args, **kwargs):
        page = real(*args, **kwargs)
        served.extend(item["rev"]["rev_id"] for item in json.loads(page)["items"])
        return page

    monkeypatch.setattr(revs, "changes_json", counting)
    return served


def test_a_first_push_is_not_pulled_back_but_what_others_pushed_is(server, make_peer, monkeypatch):
    monkeypatch.setattr(http_client, "BATCH", 7)  # several batches, one on its way while the next is read
    password = server.add_user("lan", "giang_vien")
    a, b = make_peer("A"), make_peer("B")
    for peer in (a, b):
        peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    with b.workspace() as workspace:
        from_b = {workspace.store.save(Topic(code=f"B-{n}", title=f"Của B {n}")).rev_id for n in range(3)}
    assert b.json("sync", "now")["pushed"] == 3
    with a.workspace() as workspace:
        from_a = {workspace.store.save(Topic(code=f"A-{n}", title=f"Của A {n}")).rev_id for n in range(30)}
    served = _served(monkeypatch)
    monkeypatch.setattr(revs, "PAGE", 2)  # pages of two: B's three rows, then A's thirty
    result = a.json("sync", "now")
    assert result["pushed"] == 30 and result["pulled"] == 3 and not result["rejected"]
    # Every row B pushed is pulled; of A's own, only the one sharing a page with B's last row.
    assert set(served) - from_a == from_b and len(set(served) & from_a) == 1
    b.json("sync", "now")
    assert a.digest()["digest"] == b.digest()["digest"]


def test_a_push_cut_off_midway_keeps_the_mark_of_the_batches_answered_and_resumes(server, make_peer,
                                                                                 monkeypatch):
    monkeypatch.setattr(http_client, "BATCH", 5)
    password = server.add_user("lan", "giang_vien")
    a = make_peer("A")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    with a.workspace() as workspace:
        saved = [workspace.store.save(Topic(code=f"K-{n}", title=f"Chuyên đề {n}")) for n in range(23)]
        seq_of = dict(workspace.db.execute("SELECT rev_id, seq FROM revisions").fetchall())
    real, calls = revs.push_batch, []

    def third_fails(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise revs.BadRequest("the line dropped")  # answered 400: the client stops there
        return real(*args, **kwargs)

    monkeypatch.setattr(revs, "push_batch", third_fails)
    code, _out, _err = a.run("sync", "now", "--json")
    assert code != 0
    with server.context.repo.transaction() as tx:
        stored = {row[0] for row in tx.rows("SELECT rev_id FROM revisions")}
    # Two batches answered (pages of five of the local log: the first may start among the shipped bank's).
    kept = len(stored)
    assert 5 < kept <= 10 and stored == {rev.rev_id for rev in saved[:kept]}
    assert require_state(a.folder).pushed_seq == seq_of[saved[kept - 1].rev_id]
    monkeypatch.setattr(revs, "push_batch", real)
    result = a.json("sync", "now")
    assert result["pushed"] == 23 - kept and not result["rejected"]
    with server.context.repo.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM revisions")[0] == 23
