"""Run a screenshot script with its temporary folders, os.urandom and time.time fixed, so two checkouts can be cmp'd.

    PYTHONPATH=CHECKOUT .venv/bin/python bench/fixed_clock_screenshots.py scripts/screenshots.py --out DIR

Run from each checkout in turn (the folders are reused), then ``cmp`` the PNGs.
A few screens still differ between two runs of one checkout (a text cursor's
blink, docs/benchmarks.md, session 12 helper B2).  Never for real data.
"""

from __future__ import annotations

import os
import random
import runpy
import shutil
import sys
import tempfile
import time

_SEEDED = random.Random(16)
os.urandom = _SEEDED.randbytes  # UUIDv7's random bits
time.time = lambda: 1_764_900_000.0  # UUIDv7's and the hybrid clock's milliseconds
FIXED = "/tmp/fixed-shots-data"
_made = [0]


def _mkdtemp(*_args: object, **_kwargs: object) -> str:
    """The n-th temporary folder of the run, always the same path (the status bar shows it)."""
    _made[0] += 1
    folder = f"{FIXED}-{_made[0]}"
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


tempfile.mkdtemp = _mkdtemp  # type: ignore[assignment]

if __name__ == "__main__":
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    runpy.run_path(script, run_name="__main__")
