"""Incremental sync of 100 changes end to end (issue #14 item 8): A pushes, B pulls, through ``sync now``.

    python bench/bench_sync_incremental.py [--database postgresql://…]
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_server import _start  # noqa: E402

from lecturer_app.cli import main  # noqa: E402
from lecturer_app.core.model import Topic  # noqa: E402
from lecturer_app.core.workspace import open_workspace  # noqa: E402


def cli(*args: str) -> dict:
    out = io.StringIO()
    assert main(list(args), out=out) == 0
    return json.loads(out.getvalue()) if "--json" in args else {}


def run(database: str | None, port: int) -> dict[str, float]:
    base = Path(tempfile.mkdtemp(prefix="bench-incr-"))
    extra = ["--database", database] if database else []
    cli("server", "init", str(base / "server"), *extra)
    (base / "pw").write_text("bench-password\n")
    cli("server", "user", "add", "lan", "--role", "giang_vien", "--password-file", str(base / "pw"),
        "--data-dir", str(base / "server"), *extra)
    process = _start(base / "server", port, database)
    try:
        cli("--data-dir", str(base / "A"), "stats")
        shutil.copytree(base / "A", base / "B")
        for name in ("A", "B"):
            cli("--data-dir", str(base / name), "sync", "login", f"http://127.0.0.1:{port}", "--user", "lan",
                "--password-file", str(base / "pw"))
            cli("--data-dir", str(base / name), "sync", "now", "--json")
        workspace = open_workspace(base / "A")
        for number in range(100):
            workspace.store.save(Topic(code=f"INC-{number}", title=f"Thay đổi {number}"))
        workspace.close()
        start = time.perf_counter()
        pushed = cli("--data-dir", str(base / "A"), "sync", "now", "--json")
        middle = time.perf_counter()
        pulled = cli("--data-dir", str(base / "B"), "sync", "now", "--json")
        end = time.perf_counter()
    finally:
        process.terminate()
        process.wait()
    return {"push_100_s": round(middle - start, 3), "pull_100_s": round(end - middle, 3),
            "pushed": pushed["pushed"], "pulled": pulled["pulled"]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--database")
    parser.add_argument("--port", type=int, default=18767)
    options = parser.parse_args()
    print(run(options.database, options.port))
