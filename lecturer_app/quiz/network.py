"""The laptop's IPv4 addresses a phone on the same Wi-Fi can reach, best first.

Read from the machine itself, no packet is sent: on Linux every interface's
address by ``SIOCGIFADDR``; elsewhere (Windows, macOS) what the host name
resolves to, which there lists each adapter's address.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import sys

LOOPBACK = "127.0.0.1"
SIOCGIFADDR = 0x8915


def lan_addresses() -> list[str]:
    """Private (LAN) addresses first, then other non-loopback ones; may be empty (no network)."""
    found = set(_linux_addresses() if sys.platform.startswith("linux") else []) | set(_resolved_addresses())
    usable = [a for a in found if not ipaddress.ip_address(a).is_loopback and not a.startswith("169.254.")]
    return sorted(usable, key=lambda a: (not ipaddress.ip_address(a).is_private, _rank(a), a))


def _rank(address: str) -> int:
    """Home and hotspot networks (192.168.x, 172.20.10.x of an iPhone hotspot) before office ones."""
    return 0 if address.startswith("192.168.") else 1 if address.startswith("172.") else 2


def _resolved_addresses() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [str(info[4][0]) for info in infos]


def _linux_addresses() -> list[str]:
    import fcntl

    addresses = []
    try:
        names = [name for _index, name in socket.if_nameindex()]
    except OSError:
        return []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for name in names:
            try:
                packed = fcntl.ioctl(probe.fileno(), SIOCGIFADDR, struct.pack("256s", name[:15].encode()))
            except OSError:
                continue  # an interface without an IPv4 address
            addresses.append(socket.inet_ntoa(packed[20:24]))
    return addresses


def default_host(addresses: list[str]) -> str:
    return addresses[0] if addresses else LOOPBACK
