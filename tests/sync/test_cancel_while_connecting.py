"""Hủy stops a sync or a login still opening its connection: the name lookup and the TCP connect.

A connection being opened has no socket the cancel token could shut down
(cancel.py); the client opens it through ``sync/stoppable_connect.py``,
which looks at the token between short waits.  The connect is real: an
address on 127.0.0.1 whose listener drops every SYN (its backlog full,
``support/unanswered_address.py``), where a connect waits for its 10 s
timeout.  The name lookup cannot be made to hang on a test machine, so the
backend is given a lookup that never answers, the rest of it unchanged.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import httpcore
import pytest

from lecturer_app.sync.cancel import CancelToken, SyncCancelled
from lecturer_app.sync.http_client import login
from lecturer_app.sync.http_state import load_state
from lecturer_app.sync.stoppable_connect import StoppableBackend
from support.unanswered_address import UnansweredAddress

PROMPT_S = 1.5  # "within about a second", with room for a loaded 2-core machine
PRESSED_AFTER_S = 0.5  # the connect is under way by then


@pytest.fixture
def unanswered() -> Iterator[UnansweredAddress]:
    address = UnansweredAddress()
    try:
        yield address
    finally:
        address.close()


def _seconds_after_cancel(work: Callable[[], object], stop: CancelToken) -> tuple[float, BaseException | None]:
    """Run *work*, cancel *stop* PRESSED_AFTER_S into it; the seconds from the cancel until *work* ended."""
    pressed: list[float] = []

    def press() -> None:
        time.sleep(PRESSED_AFTER_S)
        pressed.append(time.monotonic())
        stop.cancel()

    presser = threading.Thread(target=press)
    presser.start()
    raised: BaseException | None = None
    try:
        work()
    except Exception as exc:  # noqa: BLE001 (the test says which it must be)
        raised = exc
    ended = time.monotonic()
    presser.join()
    return ended - pressed[0], raised


def test_hủy_while_a_login_connects_to_an_address_that_does_not_answer_stops_at_once_and_keeps_nothing(
        make_peer, unanswered):
    peer = make_peer("B")
    password = "mat-khau-dai-1"
    stop = CancelToken()
    with peer.device() as (workspace, device):
        seconds, raised = _seconds_after_cancel(
            lambda: login(device, workspace.data_dir, unanswered.url, "lan", password, stop=stop), stop)
    assert isinstance(raised, SyncCancelled) and seconds < PROMPT_S, (raised, seconds)
    assert load_state(peer.folder) is None
    with peer.device() as (_workspace, device):
        assert device.trust.anchors() == []


def _never_answers(released: threading.Event) -> Callable[[str, int], list]:
    def lookup(_host: str, _port: int) -> list:
        released.wait(30)  # a name server that does not answer
        return []

    return lookup


def test_hủy_while_the_name_lookup_hangs_ends_the_connect_at_once():
    stop, released = CancelToken(), threading.Event()
    backend = StoppableBackend(lambda: stop.cancelled, _never_answers(released))
    try:
        seconds, raised = _seconds_after_cancel(
            lambda: backend.connect_tcp("dongbo.tinh.example", 443, timeout=10.0), stop)
    finally:
        released.set()
    assert isinstance(raised, httpcore.ConnectError) and seconds < PROMPT_S, (raised, seconds)


def test_a_name_lookup_that_hangs_ends_at_the_connect_timeout():
    released = threading.Event()
    backend = StoppableBackend(lambda: False, _never_answers(released))
    started = time.monotonic()
    try:
        with pytest.raises(httpcore.ConnectTimeout):
            backend.connect_tcp("dongbo.tinh.example", 443, timeout=0.5)
    finally:
        released.set()
    assert time.monotonic() - started < 0.5 + PROMPT_S


def test_a_connect_to_an_address_that_does_not_answer_ends_at_its_timeout_as_before(unanswered):
    backend = StoppableBackend(lambda: False)
    started = time.monotonic()
    with pytest.raises(httpcore.ConnectTimeout):
        backend.connect_tcp("127.0.0.1", unanswered.port, timeout=0.5)
    assert 0.5 <= time.monotonic() - started < 0.5 + PROMPT_S


def test_a_refused_connect_fails_as_refused_so_the_app_says_the_server_is_not_running(unanswered):
    backend = StoppableBackend(lambda: False)
    port = unanswered.port
    unanswered.close()  # nothing listens there now
    with pytest.raises(httpcore.ConnectError) as refused:
        backend.connect_tcp("127.0.0.1", port, timeout=5.0)
    assert isinstance(refused.value.__cause__, ConnectionRefusedError)
