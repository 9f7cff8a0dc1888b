"""Ratios of timings taken in pairs: this shared machine's speed varies by up to half between minutes."""

from __future__ import annotations

import statistics


def paired_ratio(numerators: list[float], denominators: list[float]) -> float:
    """The median of the per-round ratios; each round's two runs saw the same machine load."""
    return statistics.median(a / b for a, b in zip(numerators, denominators))
