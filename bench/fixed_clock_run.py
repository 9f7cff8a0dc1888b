"""Run one CLI command with the clock fixed and ``os.urandom`` seeded: ids, stamps and revision ids repeat.

    PYTHONPATH=CHECKOUT .venv/bin/python bench/fixed_clock_run.py --data-dir DIR questions import FILE.xlsx

For checking that a change stores the same thing: run the same command from
two checkouts, each on a copy of the same data folder at the same path
(``meta.replica_binding`` hashes the path), then compare ``sqlite3 DB .dump``
and the command's output with ``cmp``.  Never for real data.
"""

from __future__ import annotations

import os
import random
import sys
import time

_SEEDED = random.Random(16)
os.urandom = _SEEDED.randbytes  # UUIDv7's random bits
time.time = lambda: 1_764_900_000.0  # UUIDv7's and the hybrid clock's milliseconds

from lecturer_app.cli import main  # noqa: E402  (after the patches: nothing may read the clock first)

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
