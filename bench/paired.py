"""Ratios of timings taken in pairs: this shared machine's speed varies by up to half between minutes."""

from __future__ import annotations

import statistics


def paired_ratio(numerators: list[float], denominators: list[float]) -> float:
    """The median of the per-round ratios; each round's two runs saw the same machine load."""
    return statistics.median(a / b for a, b in zip(numerators, denominators))


def paired_range(numerators: list[float], denominators: list[float], suffix: str = "×") -> str:
    """The median per-round ratio with its spread, e.g. ``1.92× (1.71–2.30)``: the spread says how noisy the run was."""
    ratios = [a / b for a, b in zip(numerators, denominators)]
    return f"{statistics.median(ratios):.2f}{suffix} ({min(ratios):.2f}–{max(ratios):.2f})"
