"""Slow clients (slowloris) and oversized requests: cut off, answered 408/413, never holding a connection slot.

uvicorn bounds the size of a request head (h11, 16 KiB) and closes idle
keep-alive connections, but waits forever for a head that trickles in a
byte at a time, and for a body that never ends.  A few hundred such
connections fill ``limit_concurrency`` and every other client gets 503.
Two guards, both per connection and without threads:

* ``GuardedH11Protocol``: the request head must be complete within
  ``header_seconds`` of the connection opening or of the previous response;
  otherwise the server answers 408 (bytes of a head were received) or just
  closes (an idle keep-alive connection) — Apache's ``RequestReadTimeout
  header=…``.
* ``BodyPace`` (ASGI middleware): the body must keep coming at
  ``body_min_rate`` bytes/s on average after ``body_grace_seconds``
  (``body=…,MinRate=…``); a slower one raises ``SlowBody``, which the API
  answers 408 with ``Connection: close``.  A resumable upload cut off this
  way continues from its offset.

``uvicorn_config`` wires both, so ``server run`` and the tests serve the
same stack.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol

_TIMEOUT_BODY = b'{"error": "request head too slow"}'
_TIMEOUT_ANSWER = (b"HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nConnection: close\r\n"
                   b"Content-Length: %d\r\n\r\n%s" % (len(_TIMEOUT_BODY), _TIMEOUT_BODY))


@dataclass(frozen=True)
class Limits:
    header_seconds: float = 15.0
    body_grace_seconds: float = 15.0
    body_min_rate: float = 1024.0  # bytes per second: a very bad line still sends a chunk well above it
    concurrency: int = 512  # open connections; past it uvicorn answers 503
    keep_alive_seconds: int = 5


class SlowBody(Exception):
    """The request body came slower than the limits allow."""


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on each request head."""

    limits = Limits()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._head_bytes = 0
        self._head_timer: asyncio.TimerHandle | None = None
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._head_bytes += len(data)
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head is parsed: the body is BodyPace's business
            self._cancel_head_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm_head_timer()  # the next request on this keep-alive connection

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_bytes = 0
        self._head_timer = self.loop.call_later(self.limits.header_seconds, self._head_too_slow)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self._head_bytes:
            self.transport.write(_TIMEOUT_ANSWER)
        self.transport.close()


class BodyPace:
    """ASGI middleware: receive() raises SlowBody when the body falls behind grace + received / min_rate."""

    def __init__(self, app: Any, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        start, received, complete = loop.time(), 0, False

        async def paced() -> Any:
            nonlocal received, complete
            if complete:  # after the body: waiting for a disconnect is not slowness
                return await receive()
            deadline = start + self.limits.body_grace_seconds + received / self.limits.body_min_rate
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0.001))
            except TimeoutError as exc:
                raise SlowBody(f"request body slower than {self.limits.body_min_rate:.0f} bytes/s") from exc
            received += len(message.get("body", b""))
            complete = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        await self.app(scope, paced, send)


def uvicorn_config(app: Any, limits: Limits, **options: Any) -> Config:
    """A uvicorn Config serving *app* behind both guards (options: host, port, ssl_*, log_level…)."""
    protocol = type("LimitedH11Protocol", (GuardedH11Protocol,), {"limits": limits})
    return Config(BodyPace(app, limits), http=protocol, timeout_keep_alive=limits.keep_alive_seconds,
                  limit_concurrency=limits.concurrency, **options)
