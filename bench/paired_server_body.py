"""What reading a push batch's body costs the server: base and this checkout's ``app.read_json``, interleaved.

A batch of ``POST /v1/revs`` (at most revs.MAX_BATCH revisions, as the app
builds it with ``push_wire.batch_json``) is made once from a data folder's
log; then, round by round, a child process of each checkout reads it N times
through that checkout's own ``read_json`` (a real Starlette ``Request`` fed
the bytes, plain and gzipped).  Prints each side's median wall and CPU
seconds per read and the paired ratio with its spread:

    python bench/paired_server_body.py BASE_CHECKOUT THIS_CHECKOUT DATA_DIR ROUNDS
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READS = 5


def _batch(data_dir: Path) -> bytes:
    from lecturer_app.core.store.db import open_database
    from lecturer_app.server.revs import MAX_BATCH
    from lecturer_app.sync.push_wire import batch_json, read_page

    db = open_database(data_dir / "lecturer_app.sqlite3")
    try:
        return batch_json(read_page(db, 0, MAX_BATCH), {}, []).encode("utf-8")
    finally:
        db.close()


def child(path: Path, encoding: str) -> None:
    """Read the body at *path* READS times through this checkout's read_json; print seconds per read."""
    import asyncio

    from starlette.requests import Request

    from lecturer_app.server.app import read_json

    data = path.read_bytes()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    if encoding == "gzip":
        headers.append((b"content-encoding", b"gzip"))

    async def once() -> int:
        sent = False

        async def receive() -> dict:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": data, "more_body": False}

        body = await read_json(Request({"type": "http", "method": "POST", "headers": headers}, receive))
        return len(body["items"])

    wall, cpu = time.perf_counter(), time.process_time()
    counts = {asyncio.run(once()) for _ in range(READS)}
    print(json.dumps({"wall": (time.perf_counter() - wall) / READS, "cpu": (time.process_time() - cpu) / READS,
                      "items": sorted(counts), "code": sys.modules[read_json.__module__].__file__}))


def _run(checkout: Path, path: Path, encoding: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "child", str(path), encoding],
                         env={**os.environ, "PYTHONPATH": str(checkout)}, check=True, capture_output=True, text=True,
                         cwd=checkout)
    run = dict(json.loads(out.stdout))
    assert run["code"].startswith(str(checkout)), run["code"]  # that checkout's reader, not this one's
    return run


def main(base: Path, this: Path, data_dir: Path, rounds: int) -> None:
    sys.path.insert(0, str(this))
    from bench.paired import paired_range

    raw = _batch(data_dir)
    with tempfile.TemporaryDirectory() as folder:
        plain, zipped = Path(folder) / "batch.json", Path(folder) / "batch.json.gz"
        plain.write_bytes(raw)
        zipped.write_bytes(gzip.compress(raw, compresslevel=1, mtime=0))
        print(f"batch: {len(raw):,} bytes, {zipped.stat().st_size:,} gzipped")
        for encoding, path in (("identity", plain), ("gzip", zipped)):
            runs: dict[str, list[dict]] = {"base": [], "this": []}
            for number in range(rounds):
                order = (("base", base), ("this", this)) if number % 2 == 0 else (("this", this), ("base", base))
                for side, checkout in order:
                    runs[side].append(_run(checkout, path, encoding))
            items = {tuple(run["items"]) for side in runs.values() for run in side}
            for key in ("wall", "cpu"):
                mid = {side: sorted(run[key] for run in got)[len(got) // 2] for side, got in runs.items()}
                ratio = paired_range([r[key] for r in runs["this"]], [r[key] for r in runs["base"]])
                print(f"{encoding} {key} per read: base median {mid['base']:.3f} s, this {mid['this']:.3f} s, "
                      f"this ÷ base {ratio}; items read {sorted(items)}")


if __name__ == "__main__":
    if sys.argv[1] == "child":
        child(Path(sys.argv[2]), sys.argv[3])
    else:
        main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
