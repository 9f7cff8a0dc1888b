"""Inputs that once made the server answer 500 (found by schemathesis or by reading the handlers): now 4xx.

Each case is one request a client could send; the answer must be a 4xx and
the database unchanged.
"""

from __future__ import annotations

import hashlib

from lecturer_app.core.store.revisions import Revision

HUGE = 1 << 64  # past the 64-bit integer columns of both engines


def _count(server) -> int:
    with server.context.repo.transaction() as tx:
        return int(tx.one("SELECT COUNT(*) FROM revisions")[0])


def _hashed(**changes) -> dict:
    """A revision whose rev_id is the true hash of its (malformed) content."""
    content = {"record_id": "r-1", "type": "topic", "parents": [], "generation": 1, "body": {"code": "X"},
               "deleted": False, "author": "a", "device": "d", "hlc": "0000000000001-0000-r", "summary": ""}
    content.update(changes)
    rev = Revision.from_json({**content, "rev_id": ""})
    object.__setattr__(rev, "rev_id", rev.computed_id())
    return {**content, "rev_id": rev.rev_id}


def test_integers_past_64_bits_are_a_bad_request(server):
    server.add_user("lan", "giang_vien")
    http = server.login("lan")
    assert http.get("/v1/changes", params={"since": HUGE}).status_code == 400  # found by schemathesis
    assert http.get("/v1/changes", params={"since": 0, "limit": HUGE}).status_code == 200  # capped to a page
    assert http.post("/v1/ack", json={"fingerprint": "x", "cursor": HUGE}).status_code == 400
    sha = hashlib.sha256(b"x").hexdigest()
    assert http.patch(f"/v1/uploads/{sha}", content=b"x", headers={
        "Upload-Offset": str(HUGE), "Content-Type": "application/offset+octet-stream"}).status_code == 404


def test_text_with_nul_or_broken_unicode_is_a_bad_request(server):
    """PostgreSQL text cannot hold U+0000, and a lone surrogate is not UTF-8 in either engine."""
    server.add_user("lan", "giang_vien")
    http = server.login("lan")
    for bad in ('"a\\u0000b"', '"\\ud800"'):
        bodies = {"/v1/login": f'{{"user": {bad}, "password": "x"}}',
                  "/v1/revs/missing": f'{{"rev_ids": [{bad}]}}',
                  "/v1/ack": f'{{"fingerprint": {bad}, "cursor": 1}}',
                  "/v1/enroll": f'{{"request": {{"kind": "device_request", "fingerprint": {bad}, '
                                f'"public_key": {bad}}}}}'}
        for path, body in bodies.items():
            answer = http.post(path, content=body.encode(), headers={"Content-Type": "application/json"})
            assert answer.status_code == 400, (path, bad, answer.status_code)
    deep = b"[" * 100_000 + b"]" * 100_000
    assert http.post("/v1/revs", content=deep, headers={"Content-Type": "application/json"}).status_code == 400
    assert http.head("/v1/uploads/a%00b").status_code == 404
    assert http.get("/v1/blobs/a%00b").status_code == 404


def test_a_revision_with_fields_of_the_wrong_json_type_is_a_bad_request(server):
    """Found by schemathesis: a list as rev_id made the batch's id map fail."""
    server.add_user("lan", "giang_vien")
    http = server.login("lan")
    good = _hashed()
    for field, value in (("rev_id", ["x"]), ("record_id", {"a": 1}), ("parents", [["p"]]), ("generation", "1"),
                         ("body", "text"), ("hlc", 5)):
        answer = http.post("/v1/revs", json={"items": [{"rev": {**good, field: value}, "sig": None}]})
        assert answer.status_code == 400, (field, answer.status_code)
    assert _count(server) == 0


def test_a_correctly_hashed_revision_of_the_wrong_shape_is_invalid(server):
    server.add_user("lan", "giang_vien")
    http = server.login("lan")
    before = _count(server)
    for shape in ({"body": ["not", "an", "object"]}, {"parents": [1, 2]}, {"type": 5}, {"record_id": None},
                  {"body": {"owner_id": {"x": 1}}, "type": "attachment"}, {"generation": HUGE}):
        answer = http.post("/v1/revs", json={"items": [{"rev": _hashed(**shape), "sig": None}]})
        assert answer.status_code in (200, 400), (shape, answer.status_code)
        if answer.status_code == 200:
            assert answer.json()["results"][0]["status"] in ("invalid", "forbidden"), shape
    assert _count(server) == before
