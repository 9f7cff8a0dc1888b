"""Well-formed JSON with a field of the wrong type or shape is refused naming the field; nothing of it is kept.

The server is real (127.0.0.1, SQLite or PostgreSQL); the loopback proxy in front of it gives the app, for one
kind of request, an answer a broken or hostile server would send: valid JSON whose ``next`` is a string, whose
``items`` is an object, a revision without ``rev_id``, a count of -1 or 10^30, a signer's certificate a
string, results for revisions that were not sent, a cursor that stays where it is while ``more`` is true (the
pull asked for the same page for ever).  Each answer is checked against the shape of what the app uses of it
(``sync/answer_shapes.py``): the command fails with one Vietnamese sentence naming the server, the request
and the field, no traceback; the marks, the digest and the session are as they were, ``check`` passes, and
with the line honest again the next sync completes and both machines agree.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable

import httpx
import pytest

from lecturer_app.core.model import Topic
from lecturer_app.sync.http_client import upload_blob
from lecturer_app.sync.http_state import load_state, require_state
from lecturer_app.sync.server_answers import ServerAnswerInvalid
from tests.support.peers import converge_after_honest_line

Forged = Callable[[], Iterable[bytes]]
HUGE = 10 ** 30


def _json(value: object, status: bytes = b"200 OK") -> Forged:
    body = json.dumps(value).encode("utf-8")
    head = b"HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % (
        status, len(body))
    return lambda: [head + body]


REVISION = {"rev_id": "0" * 64, "record_id": "r", "type": "topic", "parents": [], "generation": 1, "body": {},
            "deleted": False, "author": "a", "device": "d", "hlc": "h"}


def _page(cursor: int, **fields: object) -> dict:
    return {"items": [], "next": cursor, "more": False, "devices": {}, **fields}


def _without(value: dict, name: str) -> dict:
    return {key: field for key, field in value.items() if key != name}


# (answer, given B's cursor) and what the error says of it.
PAGES: dict[str, tuple[Callable[[int], dict], str]] = {
    "next a string": (lambda c: _page(c, next=str(c)), "trường next không phải một số nguyên"),
    "no next": (lambda c: _without(_page(c), "next"), "thiếu trường next"),
    "items an object": (lambda c: _page(c, items={}), "trường items không phải một danh sách"),
    "no more": (lambda c: _without(_page(c), "more"), "thiếu trường more"),
    "a revision without rev_id": (lambda c: _page(c + 1, items=[{"rev": _without(REVISION, "rev_id")}]),
                                  "thiếu trường items[0].rev.rev_id"),
    "a revision's parents an object": (lambda c: _page(c + 1, items=[{"rev": REVISION | {"parents": {}}}]),
                                       "trường items[0].rev.parents không phải một danh sách"),
    "a signature a string": (lambda c: _page(c + 1, items=[{"rev": REVISION, "sig": "ký"}]),
                             "trường items[0].sig không phải một đối tượng"),
    # A certificate that is an object but not of the shape read refuses only its signer's revisions
    # (test_bad_signer_certificate.py); one that is no object at all is no certificate: the page is refused.
    "a signer's certificate a string": (lambda c: _page(c, devices={"ab": "chứng chỉ"}),
                                        "trường devices.ab không phải một đối tượng"),
    "a negative next": (lambda c: _page(c, next=-1), "trường next = -1 nằm ngoài khoảng 0 đến 2^63-1"),
    "a next of 10^30": (lambda c: _page(c, next=HUGE), f"trường next = {HUGE} nằm ngoài khoảng 0 đến 2^63-1"),
    "a next going back": (lambda c: _page(c, next=c - 1), "không đi tiếp từ"),
    "more for ever at the same place": (lambda c: _page(c, more=True), "không đi tiếp từ"),
}
# The other answers of a sync: request, answer, what the error says.
EXCHANGE = {
    "info: server_id a number": (b"GET /v1/info", {"server_id": 5, "epoch": "e"}, "trường server_id không phải một chuỗi"),
    "info: no epoch": (b"GET /v1/info", {"server_id": "s"}, "thiếu trường epoch"),
    "info: request_encodings a string": (b"GET /v1/info", {"server_id": "s", "epoch": "e",
                                                           "request_encodings": "gzip"},
                                         "trường request_encodings không phải một danh sách"),
    "crl: serials a string": (b"GET /v1/crl", {"issuer": "i", "issued": "2026-12-05T00:00:00Z", "serials": "ab"},
                              "trường serials không phải một danh sách"),
    "crl: no issued": (b"GET /v1/crl", {"issuer": "i", "serials": []}, "thiếu trường issued"),
    "crl: issued a number": (b"GET /v1/crl", {"issuer": "i", "issued": 7, "serials": []},
                               "trường issued không phải một chuỗi"),
    "push: results an object": (b"POST /v1/revs HTTP", {"results": {}, "seqs": [0, 0]},
                                "trường results không phải một danh sách"),
    "push: no results": (b"POST /v1/revs HTTP", {"seqs": [0, 0]}, "thiếu trường results"),
    "push: a result without status": (b"POST /v1/revs HTTP", {"results": [{"rev_id": "x"}]},
                                      "thiếu trường results[0].status"),
    "push: results for revisions not sent": (b"POST /v1/revs HTTP",
                                             {"results": [{"rev_id": "0" * 64, "status": "ok"}], "seqs": [1, 2]},
                                             "trường results không khớp với các phiên bản đã gửi"),
}
ASKED = "khi hỏi máy chủ còn thiếu phiên bản nào (POST /v1/revs/missing)"
MISSING = {
    "missing a string": ({"missing": "ab"}, "trường missing không phải một danh sách"),
    "no missing": ({}, "thiếu trường missing"),
    "a revision that was not asked about": ({"missing": ["f" * 64]}, "trường missing có phiên bản không được hỏi"),
}
MANIFEST = {"kind": "snapshot", "server_id": "s", "epoch": "e", "schema": 1, "bank": [], "sha256": "a" * 64,
            "size": 10, "seq": 5, "revisions": 5, "signature": "x"}
MANIFESTS = {
    "size a string": (MANIFEST | {"size": "10"}, "trường size không phải một số nguyên"),
    "no sha256": (_without(MANIFEST, "sha256"), "thiếu trường sha256"),
    "a sha256 that is a path": (MANIFEST | {"sha256": "../../../lecturer.sqlite3"},
                                "trường sha256 không đúng dạng (64 chữ số hex)"),
    "a negative count of revisions": (MANIFEST | {"revisions": -5}, "trường revisions = -5 nằm ngoài khoảng"),
}
AUTHORITY = {"kind": "authority", "public_key": "k", "fingerprint": "f"}
LOGINS = {
    "info: authority a string": (b"GET /v1/info", {"server_id": "s", "epoch": "e", "authority": "a"},
                                 "khi hỏi thông tin máy chủ (GET /v1/info): trường authority không phải một đối tượng"),
    "info: no server_id": (b"GET /v1/info", {"epoch": "e", "authority": AUTHORITY},
                           "khi hỏi thông tin máy chủ (GET /v1/info): thiếu trường server_id"),
    "login: token a number": (b"POST /v1/login", {"token": 5, "expires": 1, "role": "giang_vien"},
                              "khi đăng nhập (POST /v1/login): trường token không phải một chuỗi"),
    "login: no expires": (b"POST /v1/login", {"token": "t", "role": "giang_vien"},
                          "khi đăng nhập (POST /v1/login): thiếu trường expires"),
    "login: a token that breaks the header": (b"POST /v1/login", {"token": "t\r\nX: y", "expires": 1, "role": "r"},
                                              "trường token không đúng dạng"),
    "enrolment: scopes a number": (b"POST /v1/enroll", {"certificate": {
        "subject": "s", "public_key": "k", "issuer": "i", "serial": "1", "scopes": 5,
        "not_before": "2026-01-01T00:00:00Z", "not_after": "2027-01-01T00:00:00Z"}},
        "(POST /v1/enroll): trường certificate.scopes không phải một danh sách"),
    "enrolment: no certificate": (b"POST /v1/enroll", {"certificat": {}},
                                  "(POST /v1/enroll): thiếu trường certificate"),
    "enrolment: not_after not a time": (b"POST /v1/enroll", {"certificate": {
        "subject": "s", "public_key": "k", "issuer": "i", "serial": "1", "scopes": [],
        "not_before": "2026-01-01T00:00:00Z", "not_after": "mãi mãi"}},
        "trường certificate.not_after không phải thời điểm"),
}
RENEWALS = {
    "challenge a list": (b"GET /v1/device-login/challenge", {"challenge": []},
                         "(GET /v1/device-login/challenge): trường challenge không phải một đối tượng"),
    "no challenge": (b"GET /v1/device-login/challenge", {"nonce": "n"},
                     "(GET /v1/device-login/challenge): thiếu trường challenge"),
    "session: expires a string": (b"POST /v1/device-login", {"token": "t", "expires": "mai"},
                                  "(POST /v1/device-login): trường expires không phải một số nguyên"),
    "session: no token": (b"POST /v1/device-login", {"expires": 1}, "(POST /v1/device-login): thiếu trường token"),
}


@pytest.fixture
def pair(logged_in_pair):
    """:func:`logged_in_pair`, both synced once over a feed that is not empty."""
    a, b = logged_in_pair
    a.save_topics("DAU-1", title="Có trước")  # the feed is not empty: B's cursor is past 0, a cursor can go back
    a.ok("sync", "now")
    b.ok("sync", "now")
    return a, b


def _marks(b) -> dict:
    state = require_state(b.folder)
    return {"cursor": state.cursor, "pushed_seq": state.pushed_seq, "token": state.token, "digest": b.digest()}


def _refused_saying(peer, proxy, *words: str, command: tuple[str, ...] = ("sync", "now")) -> None:
    """*command* on *peer* fails with the one sentence, which names the server, the request and the field."""
    code, _out, err = peer.run(*command)
    assert code == 1 and "Traceback" not in err, (code, err)
    assert f"Máy chủ đồng bộ {proxy.url} trả lời không hợp lệ khi" in err, err
    assert "Không có gì từ câu trả lời này được ghi vào máy" in err, err
    for word in words:
        assert word in err, err


def _kept_nothing_then_converges(a, b, proxy, before: dict) -> dict:
    assert _marks(b) == before
    return converge_after_honest_line(a, b, proxy)


@pytest.mark.parametrize("case", list(PAGES))
def test_a_page_of_changes_with_a_field_wrong_is_refused_naming_it_and_nothing_of_it_is_applied(pair, proxy, case):
    a, b = pair
    a.save_topics("MOI-1", title="Mới từ máy A")
    a.ok("sync", "now")
    before = _marks(b)
    page, says = PAGES[case]
    proxy.forge_answer(b"GET /v1/changes", _json(page(before["cursor"])))
    _refused_saying(b, proxy, "khi nhận các thay đổi mới (GET /v1/changes)", says)
    assert _kept_nothing_then_converges(a, b, proxy, before)["pulled"] >= 1


@pytest.mark.parametrize("case", list(EXCHANGE))
def test_any_other_answer_of_a_sync_with_a_field_wrong_is_refused_naming_it(pair, proxy, case):
    a, b = pair
    b.save_topics("MOI-2", title="Mới từ máy B")
    before = _marks(b)
    request, answer, says = EXCHANGE[case]
    proxy.forge_answer(request, _json(answer))
    _refused_saying(b, proxy, f"({request.decode().removesuffix(' HTTP')}): {says}")
    _kept_nothing_then_converges(a, b, proxy, before)
    with a.workspace() as workspace:
        assert [t.title for t in workspace.store.select(Topic) if t.code == "MOI-2"] == ["Mới từ máy B"]


@pytest.mark.parametrize("case", list(MISSING))
def test_a_push_told_wrongly_what_the_server_lacks_is_refused_and_the_next_sync_sends_it(
        pair, proxy, tmp_path, case):
    a, b = pair
    a.save_topics("USB-1", title="Qua USB")  # relayed by B: not B's own edit, so the server is asked whether it lacks it
    a.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))
    b.ok("bundle", "import", str(tmp_path / "a.lbb"))
    before = _marks(b)
    answer, says = MISSING[case]
    proxy.forge_answer(b"POST /v1/revs/missing", _json(answer))
    _refused_saying(b, proxy, f"{ASKED}: {says}")
    assert _kept_nothing_then_converges(a, b, proxy, before)["pushed"] == 1


@pytest.mark.parametrize("case", list(MANIFESTS))
def test_a_snapshot_manifest_with_a_field_wrong_is_refused_and_the_next_sync_pulls(
        server, make_peer, proxy, password, case):
    a, b = make_peer("A"), make_peer("B")
    a.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    a.ok("sync", "now")
    b.ok("sync", "login", proxy.url, "--user", "lan", "--password-file", password)
    before = _marks(b)
    manifest, says = MANIFESTS[case]
    proxy.forge_answer(b"GET /v1/snapshot", _json(manifest))
    _refused_saying(b, proxy, "khi hỏi bản chụp dữ liệu cho máy mới (GET /v1/snapshot): " + says)
    assert require_state(b.folder).snapshot_asked == ""
    assert not list((b.folder / "sync").glob(".snapshot-*"))
    _kept_nothing_then_converges(a, b, proxy, before)


@pytest.mark.parametrize("case", list(LOGINS))
def test_a_login_whose_answer_has_a_field_wrong_keeps_nothing_of_the_server(make_peer, proxy, password, case):
    b = make_peer("B")
    request, answer, says = LOGINS[case]
    proxy.forge_answer(request, _json(answer))
    _refused_saying(b, proxy, says, command=("sync", "login", proxy.url, "--user", "lan", "--password-file", password))
    assert load_state(b.folder) is None
    with b.device() as (_workspace, device):
        assert device.trust.anchors() == [] and device.trust.certificate() is None
    proxy.pass_all()
    b.ok("sync", "login", proxy.url, "--user", "lan", "--password-file", password)
    b.ok("sync", "now")


@pytest.mark.parametrize("case", list(RENEWALS))
def test_a_renewal_by_device_key_whose_answer_has_a_field_wrong_keeps_the_old_session(pair, proxy, case):
    a, b = pair
    saved = json.loads((b.folder / "sync" / "server.json").read_text(encoding="utf-8"))
    # The app knows its session is over: it opens a new one with the device key before the sync starts.
    (b.folder / "sync" / "server.json").write_text(json.dumps(saved | {"expires": 0}), encoding="utf-8")
    before = _marks(b)
    request, answer, says = RENEWALS[case]
    proxy.forge_answer(request, _json(answer))
    _refused_saying(b, proxy, "khi tự đăng nhập lại bằng khóa của thiết bị", says)
    assert require_state(b.folder).expires == 0
    _kept_nothing_then_converges(a, b, proxy, before)  # the old token kept: nothing of the new session
    assert require_state(b.folder).expires > 0


def _offset_answer(status: bytes, offset: bytes | None) -> Forged:
    header = b"" if offset is None else b"Upload-Offset: " + offset + b"\r\n"
    # Connection: close, as the proxy hangs up after it: the client must not send the next request on this line.
    return lambda: [b"HTTP/1.1 " + status + b"\r\nTus-Resumable: 1.0.0\r\n" + header +
                    b"Content-Length: 0\r\nConnection: close\r\n\r\n"]


@pytest.mark.parametrize(("request_line", "answer", "says"), [
    (b"POST /v1/uploads", _offset_answer(b"201 Created", b"abc"), "«abc», không phải số từ 0 đến"),
    (b"POST /v1/uploads", _offset_answer(b"201 Created", None), "«», không phải số từ 0 đến"),
    (b"POST /v1/uploads", _offset_answer(b"201 Created", b"-1"), "«-1», không phải số từ 0 đến"),
    # A PATCH answered with the offset it started from would send the same chunk for ever.
    (b"PATCH /v1/uploads", _offset_answer(b"204 No Content", b"0"), "«0», không phải số từ 1 đến"),
    (b"PATCH /v1/uploads", _offset_answer(b"204 No Content", str(HUGE).encode()), "không phải số từ 1 đến"),
], ids=["offset not a number", "no offset", "negative offset", "offset standing still", "offset past the end"])
def test_an_upload_answer_with_a_wrong_offset_is_refused_naming_it_and_the_next_upload_completes(
        server, proxy, tmp_path, request_line, answer, says):
    server.add_user("lan", "giang_vien")
    token = server.login("lan").headers["Authorization"]
    data = os.urandom(1 << 16)
    sha = hashlib.sha256(data).hexdigest()
    source = tmp_path / "bai-giang.pptx"
    source.write_bytes(data)
    proxy.forge_answer(request_line, answer)
    with httpx.Client(base_url=proxy.url, headers={"Authorization": token}) as http:
        with pytest.raises(ServerAnswerInvalid) as refused:
            upload_blob(http, source, sha)
        assert "khi gửi tệp đính kèm lên máy chủ" in str(refused.value) and "Upload-Offset" in refused.value.reason
        assert says in refused.value.reason
        proxy.pass_all()
        upload_blob(http, source, sha)  # sends what the server still lacks (nothing, if the PATCH got there)
    assert (server.folder / "blobs" / sha[:2] / sha).read_bytes() == data
