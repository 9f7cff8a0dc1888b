"""The test process's own child processes, for tests that fork (Linux /proc; the forking tests run only there)."""

from __future__ import annotations

import os
from pathlib import Path


def children() -> set[int]:
    """This process's child processes."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            found.add(int(stat.parent.name))
    return found

