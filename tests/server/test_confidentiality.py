"""A lecturer's device never receives an exam's record, key or file, whatever it asks (issue #14 item 4)."""

from __future__ import annotations

import hashlib
import json
import zlib

import httpx

from lecturer_app.core.model import Exam
from lecturer_app.sync import http_client
from support.exam_secrets import SECRET_PICTURE, SECRET_TITLE, build_exam, leaked


class _Recorded(httpx.SyncByteStream):
    """A response's body passed on to the app as it streams it (server_answers reads every answer that way),
    and kept, inflated, with its status line and headers once the app closes it."""

    def __init__(self, response: httpx.Response, received: list[bytes]) -> None:
        self.response, self.received, self.raw = response, received, bytearray()
        self.original = response.stream

    def __iter__(self):
        for part in self.original:
            self.raw += part
            yield part

    def close(self) -> None:
        self.original.close()
        gzipped = self.response.headers.get("Content-Encoding") == "gzip"
        body = zlib.decompressobj(wbits=31).decompress(bytes(self.raw)) if gzipped else bytes(self.raw)
        self.received.append(f"{self.response.status_code} {dict(self.response.headers)}".encode() + body)


def _recording(monkeypatch) -> list[bytes]:
    """Every response the app's client receives: status line, headers and decompressed body."""
    received: list[bytes] = []
    original = http_client._client

    def record(response: httpx.Response) -> None:
        response.stream = _Recorded(response, received)

    def client(url, token=None, **options):  # options: the office proxy
        made = original(url, token, **options)
        made.event_hooks["response"].append(record)
        return made

    monkeypatch.setattr(http_client, "_client", client)
    return received


def test_a_lecturer_device_gets_no_exam_byte_through_any_endpoint(server, make_peer, monkeypatch):
    board_pw = server.add_user("hoidong", "hoi_dong_thi")
    lecturer_pw = server.add_user("lan", "giang_vien")
    board, lecturer = make_peer("board"), make_peer("lecturer")
    board.ok("sync", "login", server.url, "--user", "hoidong", "--password-file", board_pw)
    exam = build_exam(board)
    exam_id, blueprint_id, sha = exam.exam_id, exam.blueprint_id, exam.sha256
    assert board.json("sync", "now")["pushed"] == 3
    with board.workspace() as workspace:
        exam_revs = [r.rev_id for r in workspace.store.history(exam_id) + workspace.store.history(blueprint_id)]
    secrets = exam.secrets() + [r.encode() for r in exam_revs]

    received = _recording(monkeypatch)
    lecturer.ok("sync", "login", server.url, "--user", "lan", "--password-file", lecturer_pw)
    result = lecturer.json("sync", "now")
    assert result["pulled"] == 1  # the open topic only
    assert any(b'"items":[{"rev":' in body for body in received)  # the recorder saw the pages the app read
    http = server.login("lan")
    asked = [http.get("/v1/changes", params={"since": 0}), http.get(f"/v1/blobs/{sha}"),
             http.head(f"/v1/blobs/{sha}"), http.get(f"/v1/blobs/{sha}", headers={"Range": "bytes=0-3"}),
             http.post("/v1/revs/missing", json={"rev_ids": exam_revs}),
             http.head(f"/v1/uploads/{sha}")]
    received += [f"{r.status_code} {dict(r.headers)}".encode() + r.content for r in asked if r is not asked[4]]
    everything = b"".join(received)
    assert not leaked(secrets, everything)
    # revs/missing only echoes the ids asked about: held out of scope = reported as lacking.
    assert json.loads(asked[4].content) == {"missing": exam_revs}

    missing = hashlib.sha256(b"nothing").hexdigest()
    assert (asked[1].status_code, asked[1].content) == (404, http.get(f"/v1/blobs/{missing}").content)
    assert asked[2].status_code == 404 and asked[3].status_code == 404
    with lecturer.workspace() as workspace:
        assert workspace.store.select(Exam) == [] and not workspace.blobs.has(sha)

    board_http = server.login("hoidong")
    assert board_http.get(f"/v1/blobs/{sha}").content == SECRET_PICTURE
    assert any(item["rev"]["record_id"] == exam_id
               for item in board_http.get("/v1/changes", params={"since": 0}).json()["items"])


def test_an_exam_pushed_by_a_lecturer_is_forbidden_and_not_stored(server, make_peer):
    lecturer_pw = server.add_user("lan", "giang_vien")
    lecturer = make_peer("lecturer")
    lecturer.ok("sync", "login", server.url, "--user", "lan", "--password-file", lecturer_pw)
    exam_id = build_exam(lecturer).exam_id
    lecturer.json("sync", "now")  # the client does not even offer it
    with lecturer.workspace() as workspace:
        from lecturer_app.sync.device import open_device
        from lecturer_app.sync.signing import signature_of

        device = open_device(workspace.data_dir, workspace.store)
        (rev,) = workspace.store.history(exam_id)
        signer, signature = signature_of(device.store, rev.rev_id)
    http = server.login("lan")
    answer = http.post("/v1/revs", json={"items": [{"rev": rev.to_json(),
                                                    "sig": {"signer": signer, "signature": signature}}]})
    assert answer.json()["results"] == [{"rev_id": rev.rev_id, "status": "forbidden"}]
    with server.context.repo.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM revisions WHERE scope LIKE 'exam:%'")[0] == 0


def test_a_file_kept_with_an_exam_that_reaches_the_server_before_its_exam_is_never_served_to_a_lecturer(
        server, make_peer):
    from lecturer_app.core.model import Attachment
    from lecturer_app.core.store.revisions import Revision

    board_pw = server.add_user("hoidong", "hoi_dong_thi")
    server.add_user("lan", "giang_vien")
    board = make_peer("board")
    board.ok("sync", "login", server.url, "--user", "hoidong", "--password-file", board_pw)
    with board.workspace() as workspace:
        sha = workspace.blobs.put_bytes(SECRET_PICTURE)
        exam = Exam(title=SECRET_TITLE, seed=3)
        workspace.store.save(exam)
        workspace.store.save(Attachment(owner_id=exam.id, sha256=sha, filename="đề.png", role="image"))
    board.json("sync", "now")
    http, lecturer = server.login("hoidong"), server.login("lan")
    feed = http.get("/v1/changes", params={"since": 0}).json()
    assert lecturer.get(f"/v1/blobs/{sha}").status_code == 404
    # Replay into a fresh server the other way round: the attachment first, then its exam.
    items = {item["rev"]["type"]: item for item in feed["items"]}
    with server.context.repo.transaction(write=True) as tx:
        tx.run("DELETE FROM revisions")
        tx.run("DELETE FROM blob_refs")
    assert http.post("/v1/revs", json={"items": [items["attachment"]]}).json()["results"][0]["status"] == "ok"
    assert lecturer.get(f"/v1/blobs/{sha}").status_code == 200  # for now it looks like a bank file
    assert http.post("/v1/revs", json={"items": [items["exam"]]}).json()["results"][0]["status"] == "ok"
    assert lecturer.get(f"/v1/blobs/{sha}").status_code == 404
    assert lecturer.get("/v1/changes", params={"since": 0}).json()["items"] == []
    assert Revision.from_json(items["exam"]["rev"]).record_id == exam.id


def test_a_lecturer_device_taking_a_snapshot_gets_no_exam_byte_and_cannot_fetch_the_boards(
        server, make_peer, monkeypatch):
    from lecturer_app.server import snapshots

    monkeypatch.setattr(snapshots, "SNAPSHOT_MIN", 1)  # a snapshot even for this small feed
    board_pw = server.add_user("hoidong", "hoi_dong_thi")
    lecturer_pw = server.add_user("lan", "giang_vien")
    board, lecturer = make_peer("board"), make_peer("lecturer")
    board.ok("sync", "login", server.url, "--user", "hoidong", "--password-file", board_pw)
    exam = build_exam(board)
    assert board.json("sync", "now")["pushed"] == 3
    board_manifest = server.login("hoidong").get("/v1/snapshot").json()

    received = _recording(monkeypatch)
    lecturer.ok("sync", "login", server.url, "--user", "lan", "--password-file", lecturer_pw)
    result = lecturer.json("sync", "now")
    assert result["snapshot"] and result["pulled"] == 1  # the open topic only
    http = server.login("lan")
    own = http.get("/v1/snapshot").json()
    asked = [http.get(f"/v1/snapshot/{board_manifest['sha256']}"), http.head(f"/v1/snapshot/{board_manifest['sha256']}"),
             http.get(f"/v1/snapshot/{own['sha256']}")]
    received += [f"{r.status_code} {dict(r.headers)}".encode() + r.content for r in asked]
    assert not leaked(exam.secrets(), b"".join(received))
    assert [r.status_code for r in asked] == [404, 404, 200]
    assert own["sha256"] != board_manifest["sha256"]
    with lecturer.workspace() as workspace:
        assert workspace.store.select(Exam) == [] and not workspace.blobs.has(exam.sha256)
