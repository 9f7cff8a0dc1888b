"""An address on 127.0.0.1 whose connects hang, as to a machine switched off or behind a firewall that drops.

Loopback cannot drop packets, but a listening socket can stop answering: with a backlog of 0, filled by
connections nobody accepts, Linux drops each new SYN (``tcp_abort_on_overflow`` is 0 by default), so a
``connect`` waits until its timeout.  Used by ``tests/sync/test_cancel_while_connecting.py``,
``tests/server/test_sync_cancel_stalled.py`` and ``bench/sync_cancel_latency.py``; nothing of the app.
"""

from __future__ import annotations

import socket


class UnansweredAddress:
    """``url``: where a connect hangs until its timeout; ``close()`` frees the port."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=0)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.held: list[socket.socket] = []
        while not self._connect_hangs():  # the queue takes backlog + 1 on Linux: each probe that got in fills it
            assert len(self.held) < 8, "the listener keeps taking connections: connects would not hang"

    def _connect_hangs(self) -> bool:
        with socket.socket() as probe:
            probe.settimeout(0.3)
            try:
                probe.connect(("127.0.0.1", self.port))
            except TimeoutError:
                return True
            self.held.append(probe.dup())  # it took one more: kept, so the queue stays full
            return False

    def close(self) -> None:
        for sock in self.held:
            sock.close()
        self.listener.close()
