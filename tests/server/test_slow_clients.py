"""Slow clients (slowloris) and oversized bodies over real sockets on 127.0.0.1 (issue #14 item 6).

A client that trickles a request head or body is cut off (408, then the
connection closes) and frees its connection slot; a body larger than an
endpoint takes is refused with 413 before it is read.  The server here runs
with short limits so the tests take seconds; ``server run`` uses the same
code with the defaults of ``Limits``.
"""

from __future__ import annotations

import json
import socket
import time

import pytest

from lecturer_app.server.limits import Limits

LIMITS = Limits(header_seconds=1.0, body_grace_seconds=1.0, body_min_rate=1000.0, concurrency=20)


@pytest.fixture
def strict(server):
    """The test server restarted with LIMITS, and a signed-in lecturer's token."""
    server.stop()
    restarted = type(server)(server.folder, server.database, LIMITS)
    restarted.start()
    restarted.add_user("lan", "giang_vien")
    restarted.token = restarted.login("lan").headers["Authorization"]
    try:
        yield restarted
    finally:
        for client in restarted.clients:
            client.close()
        restarted.stop()


def _connect(server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    return sock


def _read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (the test fails on the socket timeout)."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def _trickle(sock: socket.socket, data: bytes, every: float, at_most: float = 8.0) -> float:
    """Send *data* a byte at a time until the server closes (or *at_most* seconds); the seconds it took."""
    start = time.monotonic()
    for byte in data:
        if time.monotonic() - start > at_most:
            break
        try:
            sock.sendall(bytes([byte]))
        except (BrokenPipeError, ConnectionResetError):
            break
        time.sleep(every)
    return time.monotonic() - start


def test_a_request_head_sent_a_byte_at_a_time_is_answered_408_and_closed(strict):
    sock = _connect(strict)
    head = b"GET /v1/changes HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 200
    start = time.monotonic()
    sock.sendall(head[:10])
    sock.settimeout(10)
    answer = _read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 408 ") and b"connection: close" in answer.lower()
    assert time.monotonic() - start < LIMITS.header_seconds + 3
    sock.close()


def test_an_idle_connection_is_closed_without_an_answer(strict):
    sock = _connect(strict)
    start = time.monotonic()
    assert _read_until_closed(sock) == b""
    assert time.monotonic() - start < LIMITS.header_seconds + 3
    sock.close()


def test_a_body_trickling_below_the_minimum_rate_is_answered_408_and_nothing_is_stored(strict):
    body = json.dumps({"items": []}).encode() + b" " * 5000
    sock = _connect(strict)
    sock.sendall(b"POST /v1/revs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Authorization: " + strict.token.encode() + b"\r\nContent-Length: %d\r\n\r\n" % len(body))
    sock.setblocking(False)
    took = _trickle(sock, body, every=0.05)  # 20 bytes/s, far below 1000
    sock.setblocking(True)
    sock.settimeout(10)
    answer = _read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 408 ") and b"slower than" in answer
    assert took < LIMITS.body_grace_seconds + 3
    with strict.context.repo.transaction() as tx:
        assert tx.one("SELECT COUNT(*) FROM revisions")[0] == 0
    sock.close()


def test_a_slow_but_steady_body_above_the_minimum_rate_is_served(strict):
    body = json.dumps({"rev_ids": ["r"] * 1500}).encode()  # ≈ 7.5 KB in 0.25 KB steps: ≈ 2.5 KB/s
    sock = _connect(strict)
    sock.sendall(b"POST /v1/revs/missing HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Authorization: " + strict.token.encode() + b"\r\nConnection: close\r\n"
                 b"Content-Length: %d\r\n\r\n" % len(body))
    for start in range(0, len(body), 250):
        sock.sendall(body[start:start + 250])
        time.sleep(0.1)
    answer = _read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 200 ")
    sock.close()


def test_slow_clients_filling_every_connection_slot_are_cut_off_and_others_are_served_again(strict):
    start = time.monotonic()
    slow = [_connect(strict) for _n in range(LIMITS.concurrency)]
    for sock in slow:
        sock.sendall(b"POST /v1/revs HTTP/1.1\r\nHost: x\r\n")  # and then nothing
    crowded = 0
    while crowded != 503 and time.monotonic() - start < 0.8 * LIMITS.header_seconds:  # a busy loop may lag
        crowded = strict.client().get("/v1/info").status_code
    time.sleep(LIMITS.header_seconds + 1)
    try:
        assert crowded == 503  # every slot held: uvicorn's limit answers, so the cut-off below is what frees them
        assert strict.client().get("/v1/info").status_code == 200
        for sock in slow:
            sock.settimeout(5)
            assert _read_until_closed(sock).startswith(b"HTTP/1.1 408 ")
    finally:
        for sock in slow:
            sock.close()


def test_a_declared_oversized_body_is_refused_413_before_it_is_sent_and_the_connection_closes(strict):
    sock = _connect(strict)
    sock.sendall(b"POST /v1/revs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Authorization: " + strict.token.encode() + b"\r\nContent-Length: %d\r\n\r\n" % (1 << 30))
    sock.settimeout(10)
    answer = _read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 413 ") and b"connection: close" in answer.lower()
    sock.close()
