"""A province server (`lecturer-app server run`) of a given checkout, as its own process on 127.0.0.1.

Kept free of the app's own modules: a paired benchmark imports each
checkout's ``lecturer_app`` by turns in its driver.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_server(folder: Path, port: int, database: str | None = None, checkout: Path = ROOT,
                 stderr: int | None = None) -> subprocess.Popen:
    """Start the server on *folder* and return once it answers ``/v1/info`` (a minute at most)."""
    import httpx

    args = [sys.executable, "-m", "lecturer_app", "server", "run", "--data-dir", str(folder), "--port", str(port),
            *(["--database", database] if database else [])]
    process = subprocess.Popen(args, cwd=checkout, env={**os.environ, "PYTHONPATH": str(checkout)},
                               stdout=subprocess.DEVNULL, stderr=stderr)
    for _ in range(600):
        try:
            httpx.get(f"http://127.0.0.1:{port}/v1/info", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not start")
