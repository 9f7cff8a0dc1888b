"""An enrolled device renews its session with its key, no password (issue #14: background sync past 8 hours).

A revoked device or a disabled account cannot, and the app says so in
Vietnamese; a signed answer cannot be replayed, forged or made for another
server's challenge.
"""

from __future__ import annotations

import json

from lecturer_app.core.model import Topic
from lecturer_app.sync.keys import DeviceKey
from lecturer_app.sync.trust import sign_document


def _end_every_session(server) -> None:
    with server.context.repo.transaction(write=True) as tx:
        tx.run("UPDATE sessions SET expires = 0")


def _saved_state(peer) -> dict:
    return json.loads((peer.folder / "sync" / "server.json").read_text(encoding="utf-8"))


def _logged_in(server, make_peer, name: str = "A"):
    password = server.add_user("lan", "giang_vien")
    peer = make_peer(name)
    peer.ok("sync", "login", server.url, "--user", "lan", "--password-file", password)
    return peer


def _edit(peer, code: str) -> None:
    with peer.workspace() as workspace:
        workspace.store.save(Topic(code=code, title=f"Chuyên đề {code}"))


def test_an_expired_session_is_renewed_with_the_device_key_and_background_sync_goes_on(server, make_peer, tmp_path):
    a = _logged_in(server, make_peer)
    (tmp_path / "lan.pw").unlink()  # no password anywhere from here on
    first = _saved_state(a)["token"]
    _end_every_session(server)  # the server ended it: the app learns it from a 401 mid-sync
    _edit(a, "SAU-8-GIO")
    assert a.json("sync", "now")["pushed"] == 1
    second = _saved_state(a)
    assert second["token"] != first
    state = second | {"expires": 0}  # the app knows its session is over: renewed before the sync starts
    (a.folder / "sync" / "server.json").write_text(json.dumps(state), encoding="utf-8")
    _edit(a, "SAU-16-GIO")
    assert a.json("sync", "now")["pushed"] == 1
    third = _saved_state(a)
    assert third["token"] not in (first, second["token"]) and third["expires"] > 0
    with server.context.repo.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM revisions")[0] == 2


def test_a_revoked_device_cannot_renew_its_session_and_is_told_so(server, make_peer):
    a = _logged_in(server, make_peer)
    server.cli("server", "device", "disable", a.json("device", "show")["fingerprint"])
    _end_every_session(server)
    code, _out, err = a.run("sync", "now")
    assert code != 0 and "Thiết bị này đã bị thu hồi" in err and "Traceback" not in err


def test_a_disabled_account_cannot_renew_a_session_of_its_device(server, make_peer):
    a = _logged_in(server, make_peer)
    server.cli("server", "user", "disable", "lan")
    code, _out, err = a.run("sync", "now")
    assert code != 0 and "Tài khoản lan đã bị khóa" in err and "đăng nhập lại" in err


def _answer(key: DeviceKey, challenge: dict) -> dict:
    return sign_document(key, {"kind": "device_login", "challenge": challenge, "fingerprint": key.fingerprint})


def test_an_answer_works_once_only_for_its_device_and_a_live_challenge(server, make_peer):
    a = _logged_in(server, make_peer)
    with a.device() as (_workspace, device):
        key = device.key
    http = server.client()
    challenge = http.get("/v1/device-login/challenge").json()["challenge"]
    answer = _answer(key, challenge)
    granted = http.post("/v1/device-login", json=answer)
    assert granted.status_code == 200 and granted.json()["role"] == "giang_vien"
    assert http.post("/v1/device-login", json=answer).json()["code"] == "bad_challenge"  # replayed
    fresh = http.get("/v1/device-login/challenge").json()["challenge"]
    forged = _answer(DeviceKey.generate(), fresh) | {"fingerprint": key.fingerprint}
    assert http.post("/v1/device-login", json=forged).json()["code"] == "bad_signature"
    stretched = _answer(key, fresh | {"expires": "2999-01-01T00:00:00Z"})  # not the authority's signature any more
    assert http.post("/v1/device-login", json=stretched).json()["code"] == "bad_challenge"
    stranger = DeviceKey.generate()
    assert http.post("/v1/device-login", json=_answer(stranger, fresh)).json()["code"] == "unknown_device"


def test_revoking_a_device_ends_the_sessions_it_opened_with_its_key(server, make_peer):
    a = _logged_in(server, make_peer)
    with a.device() as (_workspace, device):
        key = device.key
    http = server.client()
    challenge = http.get("/v1/device-login/challenge").json()["challenge"]
    token = http.post("/v1/device-login", json=_answer(key, challenge)).json()["token"]
    http.headers["Authorization"] = f"Bearer {token}"
    assert http.get("/v1/changes", params={"since": 0}).status_code == 200
    server.cli("server", "device", "disable", key.fingerprint)
    assert http.get("/v1/changes", params={"since": 0}).status_code == 401
