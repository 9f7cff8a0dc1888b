"""JSON that is hostile rather than malformed, sent to every endpoint that reads a JSON body: a clean 400.

``json.loads`` takes ``NaN``, ``Infinity`` and ``1e999`` as numbers, raises
RecursionError past a thousand nested arrays and a bare ValueError for a
number of 5,000 digits.  The server reads every body through the app's one
bounded reader (``core/json_reading.parse_json``): each of these is a bad
request answered in the server's one problem shape (``{"error": ...}``),
never a 500, nothing is written, and the same worker goes on answering.
A bundle's revision lines are read the same way.
"""

from __future__ import annotations

import gzip

import pytest

from support.bundle_content_mutations import resign

DEEP = 100_000
HOSTILE = {
    "NaN": b'{"user": "lan", "password": "x", "fingerprint": "f", "cursor": 1, "vector": NaN, "rev_ids": [NaN]}',
    "Infinity": b'{"user": "lan", "password": "x", "fingerprint": "f", "cursor": 1, "vector": {"a": Infinity}}',
    "-Infinity": b'{"items": [], "vector": -Infinity, "cursor": 1, "fingerprint": "f"}',
    "1e999": b'{"fingerprint": "f", "cursor": 1, "vector": {"a": 1e999}, "rev_ids": [1e999]}',
    "5000 digits": b'{"fingerprint": "f", "cursor": 1' + b"0" * 5000 + b', "vector": {}}',
    "nested past the limit": b'{"vector": ' + b"[" * DEEP + b"]" * DEEP + b"}",
}
# Nesting Python still reads is JSON: each endpoint judges its shape (a 4xx, or an answer when the deep part is
# in a key it does not read), and nothing walks it into a RecursionError.
DEEP_BUT_READABLE = (b'{"items": ' + b"[" * 900 + b"]" * 900 + b', "vector": ' + b"[" * 900 + b"]" * 900
                     + b', "fingerprint": "f", "cursor": 1, "rev_ids": []}')
ENDPOINTS = ("/v1/login", "/v1/device-login", "/v1/enroll", "/v1/revs/missing", "/v1/revs", "/v1/ack")


def _rows(server) -> tuple[int, ...]:
    with server.context.repo.transaction() as tx:
        return tuple(int(tx.one(f"SELECT COUNT(*) FROM {table}")[0]) for table in ("revisions", "devices", "acks"))


@pytest.mark.parametrize("what", sorted(HOSTILE))
def test_a_hostile_json_body_is_a_bad_request_on_every_endpoint_and_changes_nothing(server, make_peer, what):
    password = server.add_user("lan", "giang_vien")
    a = make_peer("A")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)  # an enrolled device
    http = server.login("lan")
    before = _rows(server)
    for path in ENDPOINTS:
        for body, headers in ((HOSTILE[what], {"Content-Type": "application/json"}),
                              (gzip.compress(HOSTILE[what]), {"Content-Type": "application/json",
                                                              "Content-Encoding": "gzip"})):
            answer = http.post(path, content=body, headers=headers)
            assert answer.status_code == 400, (what, path, answer.status_code, answer.text[:300])
            assert set(answer.json()) == {"error"} and answer.json()["error"].startswith("malformed JSON"), \
                answer.text[:300]
    assert _rows(server) == before
    assert http.get("/v1/info").status_code == 200  # the worker that read them goes on
    assert a.json("sync", "now")["rejected"] == []


def test_json_nested_just_under_the_limit_is_answered_never_a_server_error(server, make_peer):
    password = server.add_user("lan", "giang_vien")
    a = make_peer("A")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    http = server.login("lan")
    before = _rows(server)
    for path in ENDPOINTS:
        answer = http.post(path, content=DEEP_BUT_READABLE, headers={"Content-Type": "application/json"})
        assert answer.status_code < 500 and ("error" in answer.json() or path == "/v1/revs/missing"), \
            (path, answer.status_code, answer.text[:300])
    assert _rows(server) == before
    assert a.json("sync", "now")["rejected"] == []


def test_a_plain_revision_with_a_not_a_number_inside_is_refused_whole(server, make_peer):
    """NaN in a revision's body would be stored as text no JSON reader takes back: the batch is refused."""
    password = server.add_user("lan", "giang_vien")
    a = make_peer("A")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    http = server.login("lan")
    before = _rows(server)
    body = (b'{"items": [{"rev": {"rev_id": "x", "record_id": "r", "type": "topic", "parents": [], '
            b'"generation": 1, "body": {"periods": NaN}, "deleted": false, "author": "a", "device": "d", '
            b'"hlc": "0000000000001-0000-r", "summary": ""}}], "certificates": []}')
    answer = http.post("/v1/revs", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and "NaN" in answer.json()["error"]
    assert _rows(server) == before


@pytest.mark.parametrize("line", [b'{"rev": {"body": NaN}}\n', b"[" * DEEP + b"]" * DEEP + b"\n",
                                  b'{"rev": {"generation": 1' + b"0" * 5000 + b"}}\n"])
def test_a_signed_bundle_with_a_hostile_revision_line_is_a_bad_request(server, make_peer, tmp_path, line):
    from lecturer_app.core.model import Topic
    from lecturer_app.sync.keys import DeviceKey, key_path

    password = server.add_user("lan", "giang_vien")
    a = make_peer("A")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    with a.workspace() as workspace:
        workspace.store.save(Topic(code="USB-1", title="Qua USB"))
    a.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))
    data, _what = resign((tmp_path / "a.lbb").read_bytes(), DeviceKey.load(key_path(a.folder)),
                         lambda lines, blobs: "", extra_line=line)
    http = server.login("lan")
    before = _rows(server)
    answer = http.post("/v1/bundles", content=data)
    assert answer.status_code == 400, (answer.status_code, answer.text[:300])
    assert "revs/0001.jsonl" in answer.json()["error"]
    assert _rows(server) == before
    assert http.get("/v1/info").status_code == 200
