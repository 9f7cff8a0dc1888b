"""A whole class at once on loopback, and phones whose Wi-Fi drops mid-request."""

from __future__ import annotations

import socket
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from quiz_phone import PIN, Phone

from lecturer_app.quiz.limits import Limits
from lecturer_app.quiz.server import QuizServer
from lecturer_app.quiz.session import QuizSession, QuizSettings

PHONES = 300
# Every simulated phone shares 127.0.0.1, so the per-address limit is lifted; a real class has one address each.
ONE_ADDRESS_FOR_ALL = Limits(rate=100_000, burst=100_000)


def _one_phone(port: int, number: int, questions: int) -> None:
    phone = Phone(port)
    phone.get("/")
    phone.join(f"Học viên số {number:03d}", sbd=str(number))
    for index in range(min(questions, 5)):
        assert phone.answer(index, "") == "ok"
    assert "Đã nộp bài" in phone.post("/submit", {"a0": "A"})


def test_300_phones_join_and_submit_within_10_seconds_with_nothing_lost_or_doubled(paper):
    session = QuizSession(paper, QuizSettings(pin=PIN, quiz_id="load"))
    server = QuizServer(session, "127.0.0.1", 0, ONE_ADDRESS_FOR_ALL).start()
    try:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=32) as pool:
            for outcome in [pool.submit(_one_phone, server.port, n, len(paper.items)) for n in range(PHONES)]:
                outcome.result(timeout=30)
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    learners = list(session.learners.values())
    names = Counter(learner.name for learner in learners)
    assert len(learners) == PHONES and set(names.values()) == {1}
    assert all(learner.submitted and learner.answers[0] == "A" for learner in learners)
    assert session.counts().submitted == PHONES
    assert elapsed < 10, f"{PHONES} phones took {elapsed:.1f} s"


def _raw(port: int, text: bytes, read: bool = False) -> None:
    """Send bytes and hang up at once, the way a phone losing Wi-Fi does."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(text)
        if read:
            connection.recv(100)


def _post_bytes(path: str, cookie: str, form: dict) -> bytes:
    body = urlencode(form, doseq=True).encode()
    return (f"POST {path} HTTP/1.1\r\nHost: x\r\nCookie: qt={cookie}\r\nContent-Type: application/x-www-form-urlencoded"
            f"\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


def test_a_phone_that_loses_the_reply_retries_and_nothing_is_lost_or_doubled(served, paper):
    session, server = served
    phone = Phone(server.port)
    phone.join("Phạm Thị Dung")
    _raw(server.port, _post_bytes("/answer", phone.cookie, {"i": 0, "v": "B"}))  # saved, the reply never arrives
    time.sleep(0.3)
    assert phone.answer(0, "B") == "ok"  # the retry
    _raw(server.port, _post_bytes("/submit", phone.cookie, {"a1": "C"}))  # submitted, the reply is lost
    time.sleep(0.3)
    assert "nộp bài rồi" in phone.post("/submit", {"a1": "C"})
    learner = session.learner(phone.cookie)
    assert learner.answers[:2] == ["B", "C"] and session.counts().submitted == 1 and len(session.learners) == 1


def test_a_request_cut_off_halfway_saves_nothing_and_the_server_keeps_serving(served):
    session, server = served
    phone = Phone(server.port)
    phone.join("Hoàng Văn Em")
    whole = _post_bytes("/answer", phone.cookie, {"i": 0, "v": "D"})
    _raw(server.port, whole[:-3])  # the last bytes of the body never arrive
    _raw(server.port, b"GET / HTTP/1.1\r\nHost")  # nor the end of these headers
    time.sleep(0.3)
    assert session.learner(phone.cookie).answers[0] == ""
    assert phone.answer(0, "D") == "ok" and session.learner(phone.cookie).answers[0] == "D"


def test_a_phone_keeping_its_connection_gets_each_reply_without_a_delayed_ack_wait(served):
    """A browser keeps one connection for every answer; with Nagle on, each reply's body waited for the
    phone's delayed ACK (~40 ms on Linux), 20 answers ≥ 0,8 s; they take a few milliseconds each."""
    import http.client

    session, server = served
    token = session.join("An", "", "", PIN).token
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    started = time.monotonic()
    for _ in range(20):
        connection.request("POST", "/answer", urlencode({"t": token, "i": 0, "v": ""}),
                           {"Content-Type": "application/x-www-form-urlencoded"})
        assert connection.getresponse().read() == b'{"status": "ok"}'
    elapsed = time.monotonic() - started
    connection.close()
    assert elapsed < 0.5, f"20 answers on one connection took {elapsed:.2f} s"
