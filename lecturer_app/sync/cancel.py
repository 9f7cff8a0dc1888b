"""Stopping a server sync at once, even while a request waits for the server (docs/design/server.md § Stopping).

httpx has no call that aborts a blocking request from another thread, and a
short read timeout would cut off an answer the server is still preparing (a
snapshot takes tens of seconds).  What it does offer is httpcore's ``trace``
request extension, which hands over every connection as it is opened: the
token keeps those sockets, and :meth:`CancelToken.cancel` shuts them down.
``shutdown`` (not ``close``) wakes a ``recv`` or ``send`` blocked in another
thread at once (tested on Linux; ``close`` from another thread does not wake
it there) and leaves the socket to its owner, who closes it as after any
dropped connection.  The blocked call then
fails with an ``httpx.TransportError``, which the engine reports as
:class:`SyncCancelled` because the token says so; every request asked for
after the cancel fails before it is sent.

Nothing is half-applied by this: a page is committed locally, with its
cursor, only after its whole answer arrived; a push is idempotent on the
server; a download keeps the bytes it wrote (``resumable.py``) and an upload
chunk cut off is dropped whole by the server (its checksum), so the next sync
continues from the marks already saved.  A connection still being opened
(name lookup, TCP connect) has no socket to hand over yet: the client's
connections are opened by ``stoppable_connect.StoppableBackend``, which looks
at the token every 0.1 s while it waits for the lookup or the connect.
"""

from __future__ import annotations

import socket
import threading
from typing import Any

import httpx

from lecturer_app.core.errors import UserFacingError
from lecturer_app.i18n import _
from lecturer_app.sync import stoppable_connect


class SyncCancelled(UserFacingError):
    """The user stopped the sync (Hủy, Ctrl+C); what was sent and received stays and the next sync continues."""

    def __init__(self) -> None:
        super().__init__(_("Đã dừng đồng bộ") + ". " + _(
            "Những gì đã gửi, đã nhận vẫn được giữ; đồng bộ lại sẽ tiếp tục từ chỗ dừng."))


class CancelToken:
    """Asked to stop from any thread (or a signal handler); :meth:`watch` makes a client's requests stoppable."""

    def __init__(self) -> None:
        self._event = threading.Event()
        # Every socket the watched clients opened; shutting down a closed one is a harmless EBADF.
        self._sockets: list[socket.socket] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        """Stop now: set the flag, then wake every request blocked on the network."""
        self._event.set()
        for sock in list(self._sockets):
            _shut(sock)

    def check(self) -> None:
        """Raise SyncCancelled once cancel() was called."""
        if self._event.is_set():
            raise SyncCancelled()

    def watch(self, client: httpx.Client) -> httpx.Client:
        """*client* with every request refused after a cancel and its connections handed to this token."""
        client.event_hooks["request"].append(self._before_request)
        stoppable_connect.install(client, lambda: self.cancelled)
        return client

    def _before_request(self, request: httpx.Request) -> None:
        self.check()
        request.extensions["trace"] = self._trace

    def _trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace callback: keep each new connection's socket (plain, then the TLS one over it)."""
        if event.endswith(("connect_tcp.complete", "start_tls.complete")):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                self._sockets.append(sock)
                if self._event.is_set():  # opened while cancel() ran: it may not have seen this one
                    _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Shut the connection down at the socket level (a TLS socket's own shutdown() would drop its TLS state
    under the thread still reading it); a socket already closed answers EBADF, ignored."""
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass
