"""A client that goes away mid-upload is a normal event (issue #14): one log line, no traceback, the upload resumes.

The server runs as ``server run`` does (its own process, its own log
configuration) and its output is read as an administrator would read it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import time
from pathlib import Path

import httpx

from lecturer_app.sync import http_client
from support.server_process import spawn_server


def _cut_off_patch(server, token: str, sha: str, at: int, length: int, part: bytes, checksum: str | None) -> None:
    """Send a PATCH announcing *length* bytes, send only *part*, then hang up."""
    head = [f"PATCH /v1/uploads/{sha} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: Bearer {token}",
            "Content-Type: application/offset+octet-stream", f"Upload-Offset: {at}", f"Content-Length: {length}",
            "Tus-Resumable: 1.0.0", *([f"Upload-Checksum: {checksum}"] if checksum else [])]
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("ascii") + part)
        time.sleep(0.3)  # the server has read what was sent


def _warnings(log: Path, count: int) -> list[str]:
    """The log's WARNING lines, once there are *count* of them (the server writes them after the hang-up)."""
    deadline = time.monotonic() + 20
    while True:
        lines = [line for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("WARNING")]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def test_a_client_hanging_up_mid_upload_is_one_log_line_and_the_upload_resumes(server, tmp_path):
    server.add_user("lan", "giang_vien")
    data = os.urandom(1 << 20)
    sha = hashlib.sha256(data).hexdigest()
    source = tmp_path / "tai-lieu.pdf"
    source.write_bytes(data)
    log = tmp_path / "server.log"
    with open(log, "wb") as output:
        process = spawn_server(server, output)
    try:
        with http_client._client(server.url, _token(server)) as http:
            meta = "sha256 " + base64.b64encode(sha.encode("ascii")).decode("ascii")
            http.post("/v1/uploads", headers={"Upload-Length": str(len(data)), "Upload-Metadata": meta,
                                              "Tus-Resumable": "1.0.0"}).raise_for_status()
            token = http.headers["Authorization"].split()[1]
            # Without a checksum every byte received is kept (tus core) ...
            _cut_off_patch(server, token, sha, 0, len(data), data[:300_000], None)
            assert len(_warnings(log, 1)) == 1
            assert http.head(f"/v1/uploads/{sha}").headers["Upload-Offset"] == "300000"
            # ... a chunk announced with a checksum cannot be checked half-received, so none of it is kept.
            chunk = data[300_000:800_000]
            checksum = "sha256 " + base64.b64encode(hashlib.sha256(chunk).digest()).decode("ascii")
            _cut_off_patch(server, token, sha, 300_000, len(chunk), chunk[:100_000], checksum)
            assert len(_warnings(log, 2)) == 2
            assert http.head(f"/v1/uploads/{sha}").headers["Upload-Offset"] == "300000"
            assert http_client.upload_blob(http, source, sha) == 1
    finally:
        process.terminate()
        process.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text and "ClientDisconnect" not in text
    lines = _warnings(log, 2)
    assert len(lines) == 2 and all(f"/v1/uploads/{sha}" in line and "resumes" in line for line in lines)
    assert "at byte 300,000 of 1,048,576" in lines[0] and "at byte 300,000 of 1,048,576" in lines[1]
    stored = server.folder / "blobs" / sha[:2] / sha
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha


def _token(server) -> str:
    answer = httpx.post(server.url + "/v1/login", json={"user": "lan", "password": "mat-khau-dai-1"})
    return str(answer.json()["token"])
