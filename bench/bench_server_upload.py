"""A 200 MB resumable upload to a local server (8 MiB chunks with checksums): seconds and MB/s.

    python bench/bench_server_upload.py
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_server import _start  # noqa: E402

from lecturer_app.cli import main  # noqa: E402
from lecturer_app.sync import http_client  # noqa: E402

PORT = 18790
MEGABYTES = 200


def run() -> dict[str, object]:
    base = Path(tempfile.mkdtemp(prefix="bench-up-"))
    main(["server", "init", str(base / "s")], out=io.StringIO())
    (base / "pw").write_text("bench-password\n")
    main(["server", "user", "add", "lan", "--role", "giang_vien", "--password-file", str(base / "pw"),
          "--data-dir", str(base / "s")], out=io.StringIO())
    process = _start(base / "s", PORT, None)
    try:
        source = base / "big.bin"
        with open(source, "wb") as out:
            for _ in range(MEGABYTES):
                out.write(os.urandom(1 << 20))
        sha = hashlib.sha256(source.read_bytes()).hexdigest()
        url = f"http://127.0.0.1:{PORT}"
        token = httpx.post(url + "/v1/login", json={"user": "lan", "password": "bench-password"}).json()["token"]
        with http_client._client(url, token) as http:
            start = time.perf_counter()
            http_client.upload_blob(http, source, sha)
            seconds = time.perf_counter() - start
        stored = base / "s" / "blobs" / sha[:2] / sha
        return {"upload_s": round(seconds, 2), "MB_per_s": round(MEGABYTES / seconds, 1),
                "sha_ok": hashlib.sha256(stored.read_bytes()).hexdigest() == sha}
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(base)


if __name__ == "__main__":
    print(run())
