"""Request limits: a small token bucket per client address, and the wrong-PIN counter.

Phones on a classroom Wi-Fi each have their own address, so a per-address
bucket stops one misbehaving phone (or a PIN-guessing script) without
slowing the class.  Tests and benches that simulate 300 phones from
127.0.0.1 pass larger limits, since there every phone shares one address.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_BODY = 16 * 1024  # a full submit of 100 questions is ~2 KB
MAX_CLIENTS = 2000  # addresses remembered; a class is far smaller


@dataclass(frozen=True)
class Limits:
    """Attributes:
        rate: requests per second one address may keep up.
        burst: requests one address may make at once.
        wrong_pins: wrong PINs one address may try per quiz before it is refused.
    """

    rate: float = 10.0
    burst: float = 40.0
    wrong_pins: int = 10
    max_body: int = MAX_BODY


@dataclass
class RateLimiter:
    limits: Limits = Limits()
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    _wrong: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def allow(self, address: str) -> bool:
        """Take one request from *address*'s bucket; False when it is empty."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(address, (self.limits.burst, now))
            tokens = min(self.limits.burst, tokens + (now - last) * self.limits.rate)
            if tokens < 1:
                self._buckets[address] = (tokens, now)
                return False
            if len(self._buckets) >= MAX_CLIENTS and address not in self._buckets:
                self._buckets.clear()  # forget idle phones rather than grow without bound
            self._buckets[address] = (tokens - 1, now)
            return True

    def pin_blocked(self, address: str) -> bool:
        return self._wrong.get(address, 0) >= self.limits.wrong_pins

    def wrong_pin(self, address: str) -> None:
        with self._lock:
            self._wrong[address] = self._wrong.get(address, 0) + 1
