"""What reading the server's pages of changes costs the app: base (``get().json()``) and this checkout (session 14:
``server_answers.ask`` streams and inflates each answer within 32 MB, ``parse_json`` reads it), interleaved.

    .venv/bin/python bench/paired_answer_reading.py BASE_CHECKOUT ROUNDS [--questions N]

Made once with this checkout: a server (``server run``, its own process on 127.0.0.1, SQLite) holding the
shipped bank and N synthetic questions pushed by a data folder.  Each round, in alternating order, a child
process of each checkout (its ``lecturer_app`` on PYTHONPATH) reads the whole feed page by page the way that
checkout's ``sync now`` reads a page (no store: only the reading differs).  Printed per run: wall seconds,
the child's CPU seconds, pages and bytes; then the medians and the paired ratio (this ÷ base) with its spread.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def read_feed(url: str, token: str) -> dict[str, float]:
    """The whole feed read as the checkout on PYTHONPATH reads a page; wall and CPU seconds."""
    import httpx

    try:
        from lecturer_app.sync.http_client import _page  # this checkout

        def page(http: httpx.Client, cursor: int) -> dict:
            return _page(http, cursor)
    except ImportError:  # the base: http_client._pull's own line
        from lecturer_app.sync.http_auth import check

        def page(http: httpx.Client, cursor: int) -> dict:
            return check(http.get("/v1/changes", params={"since": cursor})).json()

    started, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    pages = items = 0
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as http:
        cursor = 0
        while True:
            got = page(http, cursor)
            pages, items, cursor = pages + 1, items + len(got["items"]), int(got["next"])
            if not got["more"]:
                break
    used = resource.getrusage(resource.RUSAGE_SELF)
    return {"seconds": time.perf_counter() - started, "pages": pages, "items": items,
            "cpu": used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime}


def _cli(*args: str) -> str:
    from lecturer_app.cli import main

    out, err = io.StringIO(), io.StringIO()
    assert main(list(args), out=out, err=err) == 0, err.getvalue()
    return out.getvalue()


def _served_feed(work: Path, questions: int, port: int) -> tuple[subprocess.Popen, str]:
    """A running server holding the shipped bank and *questions* pushed from a data folder; its process, a token."""
    import httpx

    from bench.server_process import start_server
    from bench.synthetic_bank import fill
    from lecturer_app.core.workspace import open_workspace

    server, admin, lan, a = work / "server", work / "admin.pw", work / "lan.pw", work / "A"
    admin.write_text("quan-tri-mat-khau\n", encoding="utf-8")
    lan.write_text("mat-khau-dai-1\n", encoding="utf-8")
    _cli("server", "init", str(server), "--name", "Máy chủ đo", "--password-file", str(admin))
    _cli("server", "user", "add", "lan", "--role", "giang_vien", "--password-file", str(lan), "--data-dir", str(server))
    process = start_server(server, port)
    _cli("--data-dir", str(a), "stats")
    workspace = open_workspace(a)
    try:
        fill(workspace, questions, 0)
    finally:
        workspace.close()
    url = f"http://127.0.0.1:{port}"
    _cli("--data-dir", str(a), "sync", "login", url, "--user", "lan", "--password-file", str(lan))
    _cli("--data-dir", str(a), "sync", "now")
    token = httpx.post(f"{url}/v1/login", json={"user": "lan", "password": "mat-khau-dai-1"}).json()["token"]
    return process, token


def main() -> None:
    if sys.argv[1] == "--read":  # a child: the lecturer_app of its PYTHONPATH, never this checkout's
        print(json.dumps(read_feed(sys.argv[2], sys.argv[3])))
        return
    sys.path.insert(0, str(ROOT))
    from bench.paired import paired_range
    parser = argparse.ArgumentParser()
    parser.add_argument("base", type=Path)
    parser.add_argument("rounds", type=int)
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=18950)
    options = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}", flush=True)
    sides = {"base": options.base, "this": ROOT}
    runs: dict[str, list[dict[str, float]]] = {"base": [], "this": []}
    with tempfile.TemporaryDirectory(prefix="paired-answers-") as tmp:
        process, token = _served_feed(Path(tmp), options.questions, options.port)
        try:
            for number in range(options.rounds):
                for name in (["base", "this"] if number % 2 == 0 else ["this", "base"]):
                    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--read",
                                           f"http://127.0.0.1:{options.port}", token], cwd=sides[name],
                                          env={**os.environ, "PYTHONPATH": str(sides[name])}, capture_output=True,
                                          text=True, check=True)
                    runs[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
                    run = runs[name][-1]
                    print(f"  round {number + 1} {name}: {run['seconds']:.3f} s, {run['cpu']:.3f} s CPU, "
                          f"{run['pages']} pages, {run['items']} revisions", flush=True)
        finally:
            process.terminate()
            process.wait()
    for name, taken in runs.items():
        print(f"{name}: median {statistics.median(r['seconds'] for r in taken):.3f} s, "
              f"CPU median {statistics.median(r['cpu'] for r in taken):.3f} s")
    this, base = runs["this"], runs["base"]
    print("this ÷ base, wall:", paired_range([r["seconds"] for r in this], [r["seconds"] for r in base]),
          "; CPU:", paired_range([r["cpu"] for r in this], [r["cpu"] for r in base]))
    print(f"load average at end: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
