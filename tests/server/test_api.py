"""The HTTP API: who may call what, and bad input answered 4xx with nothing changed (issue #14 items 3, 6)."""

from __future__ import annotations

import base64
import hashlib
import time

import pytest

from lecturer_app.core.model import Topic
from lecturer_app.server.accounts import LoginRefused, login, session_user

ROLES = ("quan_tri", "bien_tap_tinh", "giang_vien", "hoi_dong_thi")
RANDOM_SHA = hashlib.sha256(b"never uploaded").hexdigest()


def _meta(sha: str) -> str:
    return "sha256 " + base64.b64encode(sha.encode()).decode()


def _exam_revision() -> dict:
    """An unsigned exam revision with a true hash: its scope is judged before its signature."""
    from lecturer_app.core.store.revisions import Revision

    content = {"record_id": "exam-ma-tran", "type": "exam", "parents": [], "generation": 1,
               "body": {"title": "Đề"}, "deleted": False, "author": "a", "device": "d",
               "hlc": "0000000000001-0000-r", "summary": "", "rev_id": ""}
    rev = Revision.from_json(content)
    return {**content, "rev_id": rev.computed_id()}


def _calls(http, caller: str):
    """(method, path) → answer for every route, each with a harmless or refused request."""
    exam = {"items": [{"rev": _exam_revision(), "sig": None}]}
    created = http.post("/v1/uploads", headers={"Upload-Length": "3", "Upload-Metadata": _meta(RANDOM_SHA)})
    answers = {
        ("GET", "/v1/info"): http.get("/v1/info"), ("GET", "/v1/openapi.json"): http.get("/v1/openapi.json"),
        ("GET", "/v1/crl"): http.get("/v1/crl"),
        ("POST", "/v1/login"): http.post("/v1/login", json={"user": f"khong-co-{caller}", "password": "x"}),
        ("POST", "/v1/enroll"): http.post("/v1/enroll", json={"request": {"kind": "other"}}),
        ("GET", "/v1/device-login/challenge"): http.get("/v1/device-login/challenge"),
        ("POST", "/v1/device-login"): http.post("/v1/device-login", json={"kind": "device_login"}),
        ("GET", "/v1/changes"): http.get("/v1/changes", params={"since": 0}),
        ("POST", "/v1/revs/missing"): http.post("/v1/revs/missing", json={"rev_ids": []}),
        ("POST", "/v1/revs"): http.post("/v1/revs", json=exam),
        ("GET", "/v1/blobs/{sha256}"): http.get(f"/v1/blobs/{RANDOM_SHA}"),
        ("HEAD", "/v1/blobs/{sha256}"): http.head(f"/v1/blobs/{RANDOM_SHA}"),
        ("GET", "/v1/snapshot"): http.get("/v1/snapshot"),
        ("GET", "/v1/snapshot/{sha256}"): http.get(f"/v1/snapshot/{RANDOM_SHA}"),
        ("HEAD", "/v1/snapshot/{sha256}"): http.head(f"/v1/snapshot/{RANDOM_SHA}"),
        ("POST", "/v1/uploads"): created,
        ("HEAD", "/v1/uploads/{sha256}"): http.head(f"/v1/uploads/{RANDOM_SHA}"),
        ("PATCH", "/v1/uploads/{sha256}"): http.patch(f"/v1/uploads/{RANDOM_SHA}", content=b"abc",
                                                      headers={"Content-Type": "text/plain", "Upload-Offset": "0"}),
        ("POST", "/v1/bundles"): http.post("/v1/bundles", content=b"not a bundle"),
        ("POST", "/v1/ack"): http.post("/v1/ack", json={"fingerprint": "nobody", "cursor": 0}),
    }
    return {key: _outcome(key, answer) for key, answer in answers.items()}


def _outcome(key, answer) -> str:
    """The status, and for a pushed batch that was taken, the per-item verdict."""
    if key == ("POST", "/v1/revs") and answer.status_code == 200:
        return f"200 {answer.json()['results'][0]['status']}"
    return str(answer.status_code)


SIGNED_IN = {("GET", "/v1/info"): "200", ("GET", "/v1/openapi.json"): "200", ("GET", "/v1/crl"): "200",
             ("POST", "/v1/login"): "401", ("POST", "/v1/enroll"): "400", ("GET", "/v1/changes"): "200",
             # A device opens a session with its key, with or without one already: the same answers to anyone.
             ("GET", "/v1/device-login/challenge"): "200", ("POST", "/v1/device-login"): "400",
             ("POST", "/v1/revs/missing"): "200", ("POST", "/v1/revs"): "200 forbidden",
             ("GET", "/v1/blobs/{sha256}"): "404", ("HEAD", "/v1/blobs/{sha256}"): "404",
             # An empty server keeps no snapshot; another scope's file answers as a missing one.
             ("GET", "/v1/snapshot"): "404", ("GET", "/v1/snapshot/{sha256}"): "404",
             ("HEAD", "/v1/snapshot/{sha256}"): "404",
             ("POST", "/v1/uploads"): "201", ("HEAD", "/v1/uploads/{sha256}"): "200",
             ("PATCH", "/v1/uploads/{sha256}"): "415", ("POST", "/v1/bundles"): "400", ("POST", "/v1/ack"): "403"}
# Only the exam board may write an exam's partition: its unsigned exam revision gets as far as the signature check.
EXPECTED = {"quan_tri": SIGNED_IN, "bien_tap_tinh": SIGNED_IN, "giang_vien": SIGNED_IN,
            "hoi_dong_thi": SIGNED_IN | {("POST", "/v1/revs"): "200 invalid"},
            "anonymous": {key: "401" for key in SIGNED_IN} | {
                ("GET", "/v1/info"): "200", ("GET", "/v1/openapi.json"): "200", ("GET", "/v1/crl"): "200",
                ("GET", "/v1/device-login/challenge"): "200", ("POST", "/v1/device-login"): "400"}}


def test_role_by_endpoint_matrix(server):
    from lecturer_app.server.openapi import OPERATIONS

    routes = {(method.upper(), path) for path, method, _summary, _status in OPERATIONS} | {("GET", "/v1/openapi.json")}
    assert set(SIGNED_IN) == routes  # a new route needs its row here
    for role in ROLES:
        server.add_user(f"u_{role}", role)
    got = {role: _calls(server.login(f"u_{role}"), role) for role in ROLES}
    got["anonymous"] = _calls(server.client(), "anonymous")
    assert got == EXPECTED
    with server.context.repo.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM revisions")[0] == 0
    server.cli("server", "user", "disable", "u_giang_vien")
    blocked = server.client()
    blocked.headers["Authorization"] = server.login("u_bien_tap_tinh").headers["Authorization"]
    assert blocked.get("/v1/changes").status_code == 200
    assert server.client().post("/v1/login", json={"user": "u_giang_vien", "password": "mat-khau-dai-1"}) \
        .status_code == 401
    listing = {u["name"]: u for u in __import__("json").loads(server.cli("server", "user", "list", "--json"))}
    assert listing["u_giang_vien"]["disabled"] and not listing["u_hoi_dong_thi"]["disabled"]


def test_openapi_lists_every_route(server):
    from lecturer_app.server.app import build_app

    spec = server.client().get("/v1/openapi.json").json()
    routes = {route.path for route in build_app(server.context).routes}
    assert routes - {"/v1/openapi.json", "/"} == set(spec["paths"])  # "/" is a page for people (home_page.py)


def test_login_is_rate_limited_and_sessions_expire(server):
    server.add_user("lan", "giang_vien")
    repo = server.context.repo
    for _attempt in range(5):
        with pytest.raises(LoginRefused) as refused:
            login(repo, "lan", "sai-mat-khau")
        assert refused.value.status == 401
    with pytest.raises(LoginRefused) as refused:
        login(repo, "lan", "mat-khau-dai-1")
    assert refused.value.status == 429  # even the right password, for a while
    token, expires = login(repo, "lan", "mat-khau-dai-1", now=time.time() + 301)
    with repo.transaction() as tx:
        assert session_user(tx, token, now=expires - 1).name == "lan"
        assert session_user(tx, token, now=expires + 1) is None


def _count(server) -> tuple[int, int]:
    with server.context.repo.transaction() as tx:
        return tx.one("SELECT COUNT(*) FROM revisions")[0], tx.one("SELECT COUNT(*) FROM blob_refs")[0]


def _signed_revision(make_peer, server):
    password = server.add_user("lan", "giang_vien")
    peer = make_peer("A")
    peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    with peer.workspace() as workspace:
        from lecturer_app.sync.device import open_device
        from lecturer_app.sync.signing import sign_own_revisions, signature_of

        rev = workspace.store.save(Topic(code="T-1", title="Chuyên đề thử"))
        device = open_device(workspace.data_dir, workspace.store)
        sign_own_revisions(workspace.store, device.key)
        signer, signature = signature_of(workspace.store, rev.rev_id)
    return rev, {"signer": signer, "signature": signature}


def test_wrong_hashes_forged_signatures_and_unknown_signers_are_invalid_and_change_nothing(server, make_peer):
    rev, sig = _signed_revision(make_peer, server)
    http = server.login("lan")
    before = _count(server)
    tampered = rev.to_json() | {"body": {**rev.body, "title": "Sửa lén"}}
    flipped = sig | {"signature": base64.b64encode(b"\0" * 64).decode()}
    stranger = sig | {"signer": "0" * 32}
    answers = http.post("/v1/revs", json={"items": [
        {"rev": tampered, "sig": sig}, {"rev": rev.to_json(), "sig": flipped},
        {"rev": rev.to_json(), "sig": stranger}, {"rev": rev.to_json(), "sig": None}]}).json()["results"]
    assert [a["status"] for a in answers] == ["invalid"] * 4
    assert _count(server) == before
    good = http.post("/v1/revs", json={"items": [{"rev": rev.to_json(), "sig": sig}]}).json()["results"]
    again = http.post("/v1/revs", json={"items": [{"rev": rev.to_json(), "sig": sig}]}).json()["results"]
    assert [good[0]["status"], again[0]["status"]] == ["ok", "exists"]  # idempotent
    assert _count(server)[0] == before[0] + 1


def test_malformed_and_oversized_bodies_are_refused_and_change_nothing(server):
    server.add_user("lan", "giang_vien")
    http = server.login("lan")
    before = _count(server)
    assert http.post("/v1/revs", content=b"{not json").status_code == 400
    assert http.post("/v1/revs", json={"items": "x"}).status_code == 400
    assert http.post("/v1/revs", json={"items": [{"rev": {"type": "topic"}}]}).status_code == 400
    assert http.post("/v1/revs", json={"items": [{}] * 2001}).status_code == 400
    assert http.post("/v1/revs/missing", json=[1, 2]).status_code == 400
    assert http.post("/v1/revs", content=b" " * (33 << 20)).status_code == 413
    chunked = http.post("/v1/revs", content=(b" " * (1 << 20) for _ in range(33)))
    assert chunked.status_code == 413
    assert http.get("/v1/changes", params={"since": "abc"}).status_code == 400
    assert http.get("/v1/changes", params={"since": -1}).status_code == 400
    assert http.post("/v1/login", json={"user": 1}).status_code == 400
    assert _count(server) == before


def test_uploads_check_offsets_checksums_and_the_final_hash(server):
    server.add_user("lan", "giang_vien")
    http = server.login("lan")
    data = b"noi dung tep " * 1000
    sha = hashlib.sha256(data).hexdigest()
    created = http.post("/v1/uploads", headers={"Upload-Length": str(len(data)), "Upload-Metadata": _meta(sha)})
    assert created.status_code == 201 and created.headers["Upload-Offset"] == "0"

    def patch(at: int, chunk: bytes, checksum: bytes | None = None):
        digest = base64.b64encode(hashlib.sha256(checksum or chunk).digest()).decode()
        return http.patch(f"/v1/uploads/{sha}", content=chunk, headers={
            "Upload-Offset": str(at), "Upload-Checksum": f"sha256 {digest}",
            "Content-Type": "application/offset+octet-stream"})

    assert patch(0, data[:100], checksum=b"other").status_code == 460
    assert http.head(f"/v1/uploads/{sha}").headers["Upload-Offset"] == "0"
    assert patch(0, data[:100]).headers["Upload-Offset"] == "100"
    assert patch(50, data[50:200]).status_code == 409
    assert patch(100, data[100:] + b"extra").status_code == 413
    assert http.head(f"/v1/uploads/{sha}").headers["Upload-Offset"] == "100"
    assert patch(100, data[100:]).headers["Upload-Offset"] == str(len(data))
    assert server.context.blobs.read_bytes(sha) == data

    lie = hashlib.sha256(b"something else").hexdigest()
    http.post("/v1/uploads", headers={"Upload-Length": "4", "Upload-Metadata": _meta(lie)})
    answer = http.patch(f"/v1/uploads/{lie}", content=b"abcd", headers={
        "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
    assert answer.status_code == 460 and not server.context.blobs.has(lie)
    assert http.post("/v1/uploads", headers={"Upload-Length": "x"}).status_code == 400
    assert http.post("/v1/uploads", headers={"Upload-Length": "4", "Upload-Metadata": "sha256 !!"}).status_code == 400


def test_slow_clients_trickling_headers_do_not_block_others(server):
    import socket

    server.add_user("lan", "giang_vien")
    slow = []
    for _n in range(50):
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(b"POST /v1/revs HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n")  # and then nothing
        slow.append(sock)
    try:
        start = time.perf_counter()
        http = server.login("lan")
        assert http.get("/v1/changes").status_code == 200
        assert time.perf_counter() - start < 5
    finally:
        for sock in slow:
            sock.close()


def test_blobs_are_sent_as_stored_and_json_pages_compressed(server):
    """A blob is not gzipped again (found by bench_province: a 500 MB download 4× slower than its upload)."""
    server.add_user("hoidong", "hoi_dong_thi")
    http = server.login("hoidong")
    data = b"noi dung tep " * 1000
    sha = hashlib.sha256(data).hexdigest()
    http.post("/v1/uploads", headers={"Upload-Length": str(len(data)), "Upload-Metadata": _meta(sha)})
    http.patch(f"/v1/uploads/{sha}", content=data, headers={"Upload-Offset": "0",
                                                            "Content-Type": "application/offset+octet-stream"})
    exam = {"items": [{"rev": _exam_revision(), "sig": None}]}
    with server.context.repo.transaction(write=True) as tx:  # a record referencing the blob, in the board's scope
        tx.run("INSERT INTO blob_refs VALUES (?, ?)", [sha, exam["items"][0]["rev"]["record_id"]])
        tx.run("INSERT INTO revisions (rev_id, record_id, scope, origin, data, pushed_by) VALUES (?, ?, ?, '', '{}', '')",
               ["r1", exam["items"][0]["rev"]["record_id"], "exam:x"])
    answer = http.get(f"/v1/blobs/{sha}", headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200 and answer.content == data
    assert "content-encoding" not in answer.headers and answer.headers["content-length"] == str(len(data))
    page = http.get("/v1/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip"


def test_the_plain_user_list_names_its_columns(server):
    server.add_user("u_giang_vien", "giang_vien")
    header, *lines = server.cli("server", "user", "list").splitlines()
    assert header.split("\t") == ["Tên", "Vai trò", "Trạng thái", "Số thiết bị"]
    assert "u_giang_vien\tgiang_vien\thoạt động\t0" in lines
