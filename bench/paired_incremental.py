"""Incremental sync of 100 changes, two checkouts taking turns on copies of one synced set (before/after a change).

    .venv/bin/python bench/paired_incremental.py prepare SET --questions 50000
    .venv/bin/python bench/paired_incremental.py run SET BASE_CHECKOUT ROUNDS

``prepare`` makes SET: a server folder and two data folders A and B (the
shipped bank plus Q synthetic questions), both logged in and synced once.
``run``, each round and for each side (BASE_CHECKOUT, then this checkout,
the order alternating by round): copies SET, starts that side's ``server
run`` on 127.0.0.1, edits 100 questions on A, then times ``sync now`` on A
(100 pushed) and on B (100 pulled) inside one process of that side whose
modules are already imported (as in bench_sync_incremental.py).  Prints each
run, the median wall and CPU seconds per side with min–max, and the median
of the per-round ratios (this ÷ base).  CPU seconds are the client's
process; the server's are not counted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from server_process import start_server  # bench/ is this script's own folder

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str) -> dict:
    from lecturer_app.cli import main

    out = io.StringIO()
    assert main(list(args), out=out) == 0, out.getvalue()
    return json.loads(out.getvalue()) if "--json" in args else {}


def _serve(checkout: Path, folder: Path, port: int) -> subprocess.Popen:
    return start_server(folder, port, checkout=checkout)


def prepare(folder: Path, questions: int, port: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic_bank import fill

    from lecturer_app.core.workspace import open_workspace

    _cli("server", "init", str(folder / "server"))
    (folder / "pw").write_text("bench-password\n")
    _cli("server", "user", "add", "lan", "--role", "giang_vien", "--password-file", str(folder / "pw"),
         "--data-dir", str(folder / "server"))
    _cli("--data-dir", str(folder / "A"), "stats")
    shutil.copytree(folder / "A", folder / "B")
    workspace = open_workspace(folder / "A")
    fill(workspace, questions, 0)
    workspace.close()
    process = _serve(ROOT, folder / "server", port)
    try:
        for name in ("A", "B"):
            _cli("--data-dir", str(folder / name), "sync", "login", f"http://127.0.0.1:{port}", "--user", "lan",
                 "--password-file", str(folder / "pw"))
        for name in ("A", "B", "A", "B"):
            _cli("--data-dir", str(folder / name), "sync", "now", "--json")
    finally:
        process.terminate()
        process.wait()
    (folder / "port").write_text(str(port))


def child(checkout: Path, work: Path) -> None:
    """One side's round (run with that checkout first on sys.path): prints {push_s, push_cpu_s, pull_s, …}."""
    from lecturer_app.core.model import Question
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.sync import http_client  # noqa: F401 - imported before timing, as a running app has it

    process = _serve(checkout, work / "server", int((work / "port").read_text()))
    try:
        workspace = open_workspace(work / "A")
        for question in workspace.store.select(Question)[:100]:
            question.stem += " (đã sửa)"
            workspace.store.save(question)
        workspace.close()
        got = {}
        for name, side in (("A", "push"), ("B", "pull")):
            wall, cpu = time.perf_counter(), time.process_time()
            result = _cli("--data-dir", str(work / name), "sync", "now", "--json")
            got[f"{side}_s"], got[f"{side}_cpu_s"] = time.perf_counter() - wall, time.process_time() - cpu
            got[f"{side}_count"] = result["pushed" if side == "push" else "pulled"]
    finally:
        process.terminate()
        process.wait()
    print(json.dumps(got))


def _round(checkout: Path, folder: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="paired-incr-") as scratch:
        work = Path(scratch) / "set"
        shutil.copytree(folder, work)
        answer = subprocess.run([sys.executable, str(Path(__file__).resolve()), "child", str(checkout), str(work)],
                                cwd=checkout, env={**os.environ, "PYTHONPATH": str(checkout)}, check=True,
                                capture_output=True, text=True)
    return dict(json.loads(answer.stdout.strip().splitlines()[-1]))


def run(folder: Path, base: Path, rounds: int) -> None:
    sides = {"base": base.resolve(), "this": ROOT}
    runs: dict[str, list[dict[str, float]]] = {"base": [], "this": []}
    print(f"load average at start: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    for number in range(rounds):
        order = ("base", "this") if number % 2 == 0 else ("this", "base")
        for side in order:
            got = _round(sides[side], folder)
            runs[side].append(got)
            print(side, json.dumps({k: round(v, 3) for k, v in got.items()}), flush=True)
    for side in ("base", "this"):
        print(side, {key: _spread([r[key] for r in runs[side]]) for key in ("push_s", "pull_s", "push_cpu_s",
                                                                            "pull_cpu_s")})
        print(side, "end to end", _spread([r["push_s"] + r["pull_s"] for r in runs[side]]),
              "client CPU", _spread([r["push_cpu_s"] + r["pull_cpu_s"] for r in runs[side]]))
    for what in ("_s", "_cpu_s"):
        ratios = [(t[f"push{what}"] + t[f"pull{what}"]) / (b[f"push{what}"] + b[f"pull{what}"])
                  for t, b in zip(runs["this"], runs["base"], strict=True)]
        print(f"this ÷ base, {'wall' if what == '_s' else 'client CPU'}: median {statistics.median(ratios):.2f}× "
              f"({min(ratios):.2f}–{max(ratios):.2f})")
    print(f"load average at end: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f}–{max(values):.3f})"


if __name__ == "__main__":
    if sys.argv[1] == "child":
        sys.path.insert(0, sys.argv[2])
        child(Path(sys.argv[2]), Path(sys.argv[3]))
        sys.exit(0)
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["prepare", "run"])
    parser.add_argument("set", type=Path)
    parser.add_argument("base", type=Path, nargs="?")
    parser.add_argument("rounds", type=int, nargs="?", default=5)
    parser.add_argument("--questions", type=int, default=50_000)
    parser.add_argument("--port", type=int, default=18795)
    options = parser.parse_args()
    if options.action == "prepare":
        prepare(options.set, options.questions, options.port)
    else:
        run(options.set, options.base, options.rounds)
