"""A loopback proxy whose line stalls after one kind of request: a server that stops answering mid-sync.

It can also answer one kind of request itself, with bytes a broken or hostile server would send
(``forge_answer``). Used by ``tests/server/test_sync_cancel_stalled.py``,
``tests/server/test_hostile_server_answers.py`` and ``bench/sync_cancel_latency.py``; nothing of the app.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable


class StallingProxy:
    """127.0.0.1 proxy to *port*; once a request starting with ``trigger`` passes, the line stalls.

    ``answer_bytes``: how much of that request's answer still reaches the app before the stall (a download
    cut midway); ``hold_request``: stall the request's own bytes instead (an upload the server stops reading).
    """

    def __init__(self, port: int) -> None:
        self.target = port
        self.trigger: bytes | None = None
        self.answer_bytes = 0
        self.hold_request = False
        self.stalled = threading.Event()
        self.forged: Callable[[], Iterable[bytes]] | None = None
        self.forged_sent = 0  # bytes of forged answers the app took before it hung up
        self.released = threading.Event()
        self.answered = 0  # bytes passed towards the app, all connections (what a resumed download costs)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def stall_at(self, trigger: bytes, *, answer_bytes: int = 0, hold_request: bool = False) -> None:
        self.trigger, self.answer_bytes, self.hold_request = trigger, answer_bytes, hold_request
        self.stalled.clear()
        self.released.clear()

    def forge_answer(self, trigger: bytes, answer: Callable[[], Iterable[bytes]]) -> None:
        """The request starting with *trigger* still reaches the server, but the app gets *answer()* instead of the
        server's answer (its status line, headers and body, sent as they come), then the connection is hung up."""
        self.stall_at(trigger)
        self.forged = answer

    def pass_all(self) -> None:
        """No more stalls or forged answers (connections stalled so far are hung up)."""
        self.trigger, self.forged = None, None
        self.released.set()

    def close(self) -> None:
        self.released.set()
        _hang_up(self.listener)  # wakes the thread blocked in accept(); close() alone does not
        self.listener.close()
        for sock in self.sockets:
            sock.close()

    def _accept(self) -> None:
        while True:
            try:
                app, _address = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            self.sockets += [app, server]
            state = {"triggered": False, "left": 0}
            threading.Thread(target=self._requests, args=(app, server, state), daemon=True).start()
            threading.Thread(target=self._answers, args=(server, app, state), daemon=True).start()

    def _requests(self, app: socket.socket, server: socket.socket, state: dict) -> None:
        tail = b""
        try:
            while data := app.recv(65536):
                if self.trigger and not state["triggered"] and self.trigger in tail + data:
                    state["triggered"], state["left"] = True, self.answer_bytes
                    if self.hold_request:
                        server.sendall(data[:data.find(self.trigger) + len(self.trigger)] if self.trigger in data
                                       else data)
                        self._stall()
                        break
                tail = (tail + data)[-64:]
                server.sendall(data)
        except OSError:
            pass
        _hang_up(app, server)

    def _answers(self, server: socket.socket, app: socket.socket, state: dict) -> None:
        try:
            while data := server.recv(65536):
                if state["triggered"] and self.forged is not None:
                    self._forge(app, self.forged)
                    break
                if state["triggered"] and not self.hold_request:
                    passed, data = data[:state["left"]], data[state["left"]:]
                    state["left"] -= len(passed)
                    self.answered += len(passed)
                    app.sendall(passed)
                    if data:
                        self._stall()
                        break
                    continue
                self.answered += len(data)
                app.sendall(data)
        except OSError:
            pass
        _hang_up(app, server)

    def _forge(self, app: socket.socket, answer: Callable[[], Iterable[bytes]]) -> None:
        self.stalled.set()
        try:
            for part in answer():
                app.sendall(part)
                self.forged_sent += len(part)
        except OSError:  # the app hung up (an answer too large for it): what it took is counted
            pass

    def _stall(self) -> None:
        self.stalled.set()
        self.released.wait(120)


def _hang_up(*sockets: socket.socket) -> None:
    for sock in sockets:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
