"""Opening a connection that Hủy can stop: the name lookup and the TCP connect, watched by the cancel token.

httpcore opens a connection with ``socket.create_connection``: the name lookup
and the connect block the syncing thread, and the socket reaches the token
(through the ``trace`` extension, cancel.py) only once connected, so a Hủy
pressed while the server's address did not answer (a machine switched off,
a firewall dropping packets) waited out the 10 s connect timeout.  This
network backend (httpcore's ``network_backend``: the layer that opens
sockets) does the same work in steps it can leave: the lookup runs in a
helper thread that the syncing thread waits for, and the connect is
non-blocking, waited for with ``select``; both in slices of
:data:`SLICE`, the token looked at between them.  Only the opening differs:
the connected socket is httpcore's own stream, read and written as before.
(On Linux, ``shutdown`` of a socket still connecting wakes its ``connect``
too, but Windows has no such rule; slices behave alike everywhere.)
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import select
import socket
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import httpcore
import httpx
from httpcore._backends.sync import SyncStream  # not exported: the default backend's stream over a socket

log = logging.getLogger(__name__)

SLICE = 0.1  # seconds between two looks at the token while a connection is being opened
Address = tuple[Any, ...]
Resolved = Sequence[tuple[socket.AddressFamily, socket.SocketKind, int, str, Address]]
Resolver = Callable[[str, int], Resolved]


def system_lookup(host: str, port: int) -> Resolved:
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


class StoppableBackend(httpcore.SyncBackend):
    """httpcore's socket backend with a lookup and a connect that end once *stopped()* is true.

    *resolve* is the name lookup (``getaddrinfo``; a test gives one that never answers).
    """

    def __init__(self, stopped: Callable[[], bool], resolve: Resolver = system_lookup) -> None:
        self._stopped, self._resolve = stopped, resolve

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        deadline = None if timeout is None else time.monotonic() + timeout
        failed: OSError | None = None
        for family, kind, proto, _name, address in self._lookup(host, port, deadline):
            try:
                sock = self._connect(family, kind, proto, address, local_address, deadline)
            except OSError as exc:  # the next address, as socket.create_connection does
                failed = exc
                continue
            for option in socket_options or ():
                sock.setsockopt(*option)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return _stream(sock)
        raise httpcore.ConnectError(str(failed)) from failed

    def _lookup(self, host: str, port: int, deadline: float | None) -> Resolved:
        """The addresses of *host*; a literal address is not looked up (no thread for an office's IP)."""
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            return _waited(lambda: self._resolve(host, port), deadline, self._stopped)
        family = socket.AF_INET6 if literal.version == 6 else socket.AF_INET
        return [(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (host, port))]

    def _connect(self, family: int, kind: int, proto: int, address: Address, local_address: str | None,
                 deadline: float | None) -> socket.socket:
        sock = socket.socket(family, kind, proto)
        try:
            if local_address is not None:
                sock.bind((local_address, 0))
            sock.setblocking(False)
            code = sock.connect_ex(address)
            if code not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK, getattr(errno, "WSAEWOULDBLOCK", -1)):
                raise OSError(code, os.strerror(code))
            if code:
                _wait_connected(sock, deadline, self._stopped)
            sock.setblocking(True)
            return sock
        except BaseException:
            sock.close()
            raise


def install(client: httpx.Client, stopped: Callable[[], bool]) -> bool:
    """Give every connection pool of *client* (its own and the proxies') a StoppableBackend; False if one has none.

    httpx builds its pools itself and takes no backend, so the one it built is given it; an httpx whose
    transports differ is logged and keeps connecting the old way (Hủy then waits for the connect timeout).
    """
    transports = [client._transport, *client._mounts.values()]  # noqa: SLF001 (httpx offers no other way)
    done = True
    for transport in transports:
        if transport is None:  # a NO_PROXY address: the client's own transport serves it
            continue
        pool = getattr(transport, "_pool", None)
        if pool is None or not hasattr(pool, "_network_backend"):
            log.warning("sync: cannot make connecting stoppable on %s", type(transport).__name__)
            done = False
            continue
        pool._network_backend = StoppableBackend(stopped)  # noqa: SLF001
    return done


def _waited(work: Callable[[], Resolved], deadline: float | None, stopped: Callable[[], bool]) -> Resolved:
    """*work()* run in a helper thread, waited for in slices; left to finish alone once stopped or late."""
    done = threading.Event()
    found: list[Resolved] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            found.append(work())
        except BaseException as exc:  # handed to the waiting thread
            failed.append(exc)
        finally:
            done.set()

    threading.Thread(target=run, name="sync-lookup", daemon=True).start()
    while not done.wait(_slice(deadline)):
        _stop_or_time_out(deadline, stopped)
    if failed:
        raise httpcore.ConnectError(str(failed[0])) from failed[0]
    return found[0]


def _wait_connected(sock: socket.socket, deadline: float | None, stopped: Callable[[], bool]) -> None:
    """Wait until the non-blocking connect of *sock* ends, a slice at a time; raise its error if it failed."""
    while True:
        _stop_or_time_out(deadline, stopped)
        _readable, writable, broken = select.select([], [sock], [sock], _slice(deadline))
        if writable or broken:
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code:
                raise OSError(code, os.strerror(code))
            return


def _slice(deadline: float | None) -> float:
    return SLICE if deadline is None else max(0.0, min(SLICE, deadline - time.monotonic()))


def _stop_or_time_out(deadline: float | None, stopped: Callable[[], bool]) -> None:
    if stopped():
        raise httpcore.ConnectError("stopped while connecting (Hủy)")
    if deadline is not None and time.monotonic() >= deadline:
        raise httpcore.ConnectTimeout("timed out while connecting")


def _stream(sock: socket.socket) -> httpcore.NetworkStream:
    """httpcore's own stream over a connected socket (TLS, reads and writes as with its default backend)."""
    return SyncStream(sock)
