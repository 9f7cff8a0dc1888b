"""The test server's folder served by a real `lecturer-app server run` process, as an administrator runs it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

import httpx


def spawn_server(server: Any, output: IO[bytes] | int = subprocess.DEVNULL) -> subprocess.Popen:
    """Stop *server*'s in-process instance and serve its folder (and database) from a new process writing
    to *output*; return once it answers ``/v1/info`` (30 s at most)."""
    server.stop()
    args = [sys.executable, "-m", "lecturer_app", "server", "run", "--data-dir", str(server.folder),
            "--port", str(server.port), *(["--database", server.database] if server.database else [])]
    process = subprocess.Popen(args, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
                               stdout=output, stderr=subprocess.STDOUT if output != subprocess.DEVNULL else output)
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(server.url + "/v1/info", timeout=1).raise_for_status()
            return process
        except httpx.TransportError:
            assert time.monotonic() < deadline and process.poll() is None, "server process did not start"
            time.sleep(0.1)
