"""A spawned child says when it is warm, answers over its pipe, is waited for within limits, and always ends.

The children here are real spawned processes running the small functions below (spawn imports this module
in the child to find them).
"""

from __future__ import annotations

import os
import signal
import time
from multiprocessing.connection import Connection

import pytest

from lecturer_app.core import spawned_child
from lecturer_app.core.spawned_child import LATE, READY, SpawnedChild


def echo(conn: Connection, prefix: str) -> None:
    """Warm at once; answers each message with *prefix* added, until the pipe closes."""
    conn.send(READY)
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        conn.send(prefix + message)


def mute(conn: Connection) -> None:
    """Never warm: sleeps until it is ended."""
    time.sleep(120)


def deaf(conn: Connection) -> None:
    """Ignores ``terminate``: says its pid, then sleeps until it is killed."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    conn.send(READY)
    conn.send(os.getpid())
    time.sleep(120)


class Cancelled(Exception):
    pass


@pytest.fixture
def children():
    started: list[SpawnedChild] = []

    def make(target, args=()) -> SpawnedChild:
        child = SpawnedChild(target, args, name="lecturer_app test child")
        started.append(child)
        return child

    yield make
    for child in started:
        child.stop()


def test_a_child_says_ready_then_answers_what_it_is_sent(children):
    child = children(echo, ("đã nhận: ",))
    child.start()
    assert child.wait_ready(60)
    child.send("đề 101")
    assert child.receive() == "đã nhận: đề 101"
    child.send("đề 102")
    assert child.receive(seconds=60) == "đã nhận: đề 102"


def test_a_child_not_warm_yet_is_not_ready_and_a_limited_wait_comes_back_late(children):
    child = children(mute)
    child.start()
    assert not child.ready()
    assert not child.wait_ready(0.3)
    assert child.receive(seconds=0.3) is LATE


def test_a_check_that_raises_abandons_the_wait(children):
    child = children(mute)
    child.start()
    calls = []

    def check() -> None:
        calls.append(time.monotonic())
        if len(calls) == 3:
            raise Cancelled()

    with pytest.raises(Cancelled):
        child.receive(check)
    assert len(calls) == 3  # called first, then every CHECK_INTERVAL_S


def test_a_child_that_is_not_running_answers_nothing():
    child = SpawnedChild(echo, ("",), name="lecturer_app test child")
    assert not child.started and not child.ready() and not child.wait_ready(0)
    with pytest.raises(EOFError):
        child.send("đề 101")
    with pytest.raises(EOFError):
        child.receive()
    child.stop()  # nothing to stop: harmless


def test_a_stopped_child_is_gone_and_start_makes_a_new_one(children):
    child = children(echo, ("",))
    child.start()
    assert child.wait_ready(60)
    child.stop()
    assert not child.started and not child.ready()
    child.start()
    assert child.wait_ready(60)
    child.send("lần hai")
    assert child.receive(seconds=60) == "lần hai"


def test_a_child_that_ignores_terminate_is_killed(children, monkeypatch):
    monkeypatch.setattr(spawned_child, "STOP_SECONDS", 0.5)  # the 5 s it is given, shortened
    child = children(deaf)
    child.start()
    assert child.wait_ready(60)
    pid = child.receive(seconds=60)
    child.stop()
    with pytest.raises(ProcessLookupError):  # ended and reaped
        os.kill(pid, 0)
