"""An upload whose bytes all arrived but which the server never finished (killed in between) still becomes a blob.

The server keeps a chunk's bytes in ``blobs/uploads/<sha256>.part`` before it checks the whole file and moves it
into place; a server killed between the two leaves a complete part file.  The client, asking again, is told
"offset = length" and sends nothing more, so the server must finish the upload then, or the file is never stored
while the revision naming it is pushed (found in the GUI journey: an 80 MB attachment, server killed during its
last chunk, restarted: the sync said "Đã đồng bộ" and the server had no file).  An empty file is the same case
from the start: nothing to send, nothing ever finished it.
"""

from __future__ import annotations

import base64
import hashlib
import os

from lecturer_app.sync import http_client


def _create(http, sha: str, length: int) -> int:
    meta = "sha256 " + base64.b64encode(sha.encode("ascii")).decode("ascii")
    answer = http.post("/v1/uploads", headers={"Upload-Length": str(length), "Upload-Metadata": meta,
                                               "Tus-Resumable": "1.0.0"})
    assert answer.status_code == 201, answer.text
    return int(answer.headers["Upload-Offset"])


def _stored(server, sha: str):
    return server.folder / "blobs" / sha[:2] / sha


def test_a_part_file_left_complete_by_a_killed_server_becomes_the_blob_when_the_client_asks_again(server, tmp_path):
    server.add_user("lan", "giang_vien")
    data = os.urandom(3 << 20)
    sha = hashlib.sha256(data).hexdigest()
    assert _create(server.login("lan"), sha, len(data)) == 0
    server.stop()
    # What the disk holds when the server died after writing the last chunk and before checking the file.
    (server.folder / "blobs" / "uploads" / f"{sha}.part").write_bytes(data)
    server.start()
    source = tmp_path / "bai-giang.pptx"
    source.write_bytes(data)

    http_client.upload_blob(server.login("lan"), source, sha)

    assert hashlib.sha256(_stored(server, sha).read_bytes()).hexdigest() == sha
    assert not (server.folder / "blobs" / "uploads" / f"{sha}.part").exists()


def test_a_complete_part_file_with_other_bytes_is_dropped_and_the_upload_starts_again(server, tmp_path):
    server.add_user("lan", "giang_vien")
    data = os.urandom(1 << 20)
    sha = hashlib.sha256(data).hexdigest()
    http = server.login("lan")
    _create(http, sha, len(data))
    (server.folder / "blobs" / "uploads" / f"{sha}.part").write_bytes(bytes(len(data)))  # a full, wrong file
    source = tmp_path / "bai-giang.pptx"
    source.write_bytes(data)

    assert http_client.upload_blob(http, source, sha) == 1

    assert hashlib.sha256(_stored(server, sha).read_bytes()).hexdigest() == sha


def test_an_empty_file_is_stored_by_the_server(server, tmp_path):
    server.add_user("lan", "giang_vien")
    sha = hashlib.sha256(b"").hexdigest()
    source = tmp_path / "trong.txt"
    source.write_bytes(b"")

    http_client.upload_blob(server.login("lan"), source, sha)

    assert _stored(server, sha).exists() and _stored(server, sha).stat().st_size == 0


def test_an_empty_upload_named_by_another_sha256_is_refused(server):
    server.add_user("lan", "giang_vien")
    meta = "sha256 " + base64.b64encode(("ab" * 32).encode("ascii")).decode("ascii")

    answer = server.login("lan").post("/v1/uploads", headers={"Upload-Length": "0", "Upload-Metadata": meta,
                                                               "Tus-Resumable": "1.0.0"})

    assert answer.status_code == 460 and not _stored(server, "ab" * 32).exists()


def test_a_restarted_server_finishes_uploads_left_complete_without_waiting_for_their_client(server):
    """A server that lost the file before this fix kept it as a part while the revision naming it was pushed;
    its client will not send it again, so `server run` finishes what it holds in full when it starts."""
    import signal

    from support.server_process import spawn_server

    server.add_user("lan", "giang_vien")
    data = os.urandom(1 << 20)
    sha = hashlib.sha256(data).hexdigest()
    _create(server.login("lan"), sha, len(data))
    (server.folder / "blobs" / "uploads" / f"{sha}.part").write_bytes(data)

    process = spawn_server(server)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)

    assert hashlib.sha256(_stored(server, sha).read_bytes()).hexdigest() == sha
    assert not (server.folder / "blobs" / "uploads" / f"{sha}.part").exists()
