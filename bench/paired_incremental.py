"""Incremental sync of 100 changes, two checkouts and Anki taking turns on copies of one synced set.

    .venv/bin/python bench/paired_incremental.py prepare SET --questions 50000
    .venv/bin/python bench/paired_incremental.py run SET BASE_CHECKOUT ROUNDS [--anki-python PY]

``prepare`` makes SET: a server folder and two data folders A and B (the
shipped bank plus Q synthetic questions), both logged in and synced once.
``run``, each round and for each side (BASE_CHECKOUT, then this checkout,
the order alternating by round): copies SET, starts that side's ``server
run`` on 127.0.0.1, and three times edits 100 questions on A and times A's
sync (100 pushed) then B's (100 pulled), each time another way:

* ``process``: ``lecturer-app --data-dir A sync now --json`` as a whole
  process (start-up, imports, opening the folder);
* ``cli``: the same command inside one process whose modules are already
  imported (as bench_sync_incremental.py does);
* ``app``: as the app's background sync runs it (``ui/sync/server_work.py``):
  the folder open, each sync a second connection, the device and
  ``sync_now`` — the like-for-like peer of Anki's figure.

With ``--anki-python``, each round also runs ``anki_peer.py`` (an N-note
collection, N the questions of SET): Anki's 100-note incremental is
``Collection.sync_collection`` on A then on B, in-process on open
collections.  Prints each run, medians with min–max of wall and CPU seconds
(CPU: the client's process; the server's is not counted), the median of the
per-round ratios this ÷ base, and this ÷ Anki for the ``app`` way (and, not
like-for-like, for the whole process); last, the signatures' floor for 100
revisions (``signature_floor.py``).
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

from paired import paired_range  # bench/ is this script's own folder
from server_process import start_server

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
    (folder / "questions").write_text(str(questions))


WAYS = ("process", "cli", "app")


def child(checkout: Path, work: Path) -> None:
    """One side's round (run with that checkout first on sys.path): prints {app_push_s, app_push_cpu_s, …}."""
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.sync import http_client  # noqa: F401 - imported before timing, as a running app has it

    process = _serve(checkout, work / "server", int((work / "port").read_text()))
    got: dict[str, float] = {}
    try:
        for round_number, way in enumerate(WAYS):
            _edit(work / "A", round_number)
            if way == "app":
                opened = [open_workspace(work / name) for name in ("A", "B")]
                sync = [lambda ws=ws: _background_sync(ws) for ws in opened]
            else:
                sync = [lambda name=name, way=way: _sync_now(checkout, work / name, way) for name in ("A", "B")]
            for side, action in zip(("push", "pull"), sync, strict=True):
                got.update(_timed(f"{way}_{side}", action, side))
            if way == "app":
                for workspace in opened:
                    workspace.close()
    finally:
        process.terminate()
        process.wait()
    print(json.dumps(got))


def _edit(folder: Path, round_number: int) -> None:
    """100 questions of A edited (another hundred each time, so every sync carries exactly 100)."""
    from lecturer_app.core.model import Question
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(folder)
    try:
        for question in workspace.store.select(Question)[100 * round_number:100 * (round_number + 1)]:
            question.stem += " (đã sửa)"
            workspace.store.save(question)
    finally:
        workspace.close()


def _timed(key: str, action, side: str) -> dict[str, float]:
    """Wall and CPU seconds of *action* (CPU of this process and of the children it waited for)."""
    wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    result = action()
    elapsed = time.perf_counter() - wall
    spent = time.process_time() - cpu + _children_cpu() - children
    count = result["pushed" if side == "push" else "pulled"]
    assert count == 100, (key, result)
    return {f"{key}_s": elapsed, f"{key}_cpu_s": spent}


def _children_cpu() -> float:
    usage = os.times()
    return usage.children_user + usage.children_system


def _sync_now(checkout: Path, folder: Path, way: str) -> dict:
    if way == "cli":
        return _cli("--data-dir", str(folder), "sync", "now", "--json")
    done = subprocess.run([sys.executable, "-m", "lecturer_app", "--data-dir", str(folder), "sync", "now", "--json"],
                          cwd=checkout, env={**os.environ, "PYTHONPATH": str(checkout)}, check=True,
                          capture_output=True, text=True)
    return dict(json.loads(done.stdout))


def _background_sync(workspace) -> dict:
    """What ``ui/sync/server_work.run_sync`` does on the app's worker thread, without Qt."""
    from lecturer_app.core.store.db import open_database
    from lecturer_app.core.store.record_store import Store
    from lecturer_app.sync.device import open_device
    from lecturer_app.sync.http_client import sync_now

    db = open_database(workspace.data_dir / "lecturer_app.sqlite3")
    try:
        device = open_device(workspace.data_dir, Store(db, author=workspace.store.author))
        return sync_now(device, workspace.blobs, workspace.data_dir)
    finally:
        db.close()


def _round(checkout: Path, folder: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="paired-incr-") as scratch:
        work = Path(scratch) / "set"
        shutil.copytree(folder, work)
        answer = subprocess.run([sys.executable, str(Path(__file__).resolve()), "child", str(checkout), str(work)],
                                cwd=checkout, env={**os.environ, "PYTHONPATH": str(checkout)}, check=True,
                                capture_output=True, text=True)
    return dict(json.loads(answer.stdout.strip().splitlines()[-1]))


def _anki(python: Path, notes: int, port: int) -> dict[str, float]:
    answer = subprocess.run([str(python), str(ROOT / "bench" / "anki_peer.py"), "--notes", str(notes), "--port",
                             str(port)], check=True, capture_output=True, text=True, cwd=ROOT)
    got = json.loads(answer.stdout)
    assert got["edited_seen_on_b"] == 100, got
    return {"anki_push_s": got["incremental_push_s"], "anki_pull_s": got["incremental_pull_s"]}


def run(folder: Path, base: Path, rounds: int, anki_python: Path | None, port: int) -> None:
    sides = {"base": base.resolve(), "this": ROOT}
    runs: dict[str, list[dict[str, float]]] = {"base": [], "this": [], "anki": []}
    notes = _questions(folder)
    print(f"load average at start: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    for number in range(rounds):
        order = ["base", "this", *(["anki"] if anki_python else [])]
        for side in order[number % len(order):] + order[:number % len(order)]:
            got = _anki(anki_python, notes, port + 1) if side == "anki" else _round(sides[side], folder)
            runs[side].append(got)
            print(side, json.dumps({k: round(v, 3) for k, v in got.items()}),
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
    _summary(runs)
    from signature_floor import floor_line

    print(floor_line(100), flush=True)
    print(f"load average at end: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)


def _both(run: dict[str, float], way: str, what: str = "_s") -> float:
    return run[f"{way}_push{what}"] + run[f"{way}_pull{what}"]


def _summary(runs: dict[str, list[dict[str, float]]]) -> None:
    for side in ("base", "this"):
        for way in WAYS:
            print(f"{side} {way}: push {_spread([r[f'{way}_push_s'] for r in runs[side]])}, "
                  f"pull {_spread([r[f'{way}_pull_s'] for r in runs[side]])}, "
                  f"end to end {_spread([_both(r, way) for r in runs[side]])}, "
                  f"client CPU {_spread([_both(r, way, '_cpu_s') for r in runs[side]])}")
    for way in WAYS:
        for what, label in (("_s", "wall"), ("_cpu_s", "client CPU")):
            print(f"this ÷ base, {way}, {label}: "
                  + paired_range([_both(r, way, what) for r in runs["this"]],
                                 [_both(r, way, what) for r in runs["base"]]))
    if runs["anki"]:
        anki = [_both(r, "anki") for r in runs["anki"]]
        print(f"anki (in-process sync_collection, A then B): push "
              f"{_spread([r['anki_push_s'] for r in runs['anki']])}, pull "
              f"{_spread([r['anki_pull_s'] for r in runs['anki']])}, end to end {_spread(anki)}")
        for way in ("app", "process"):
            note = "like for like" if way == "app" else "NOT like for like: ours a whole process, Anki's in-process"
            for side in ("this", "base"):
                print(f"{side} ÷ Anki, {way} ({note}): "
                      + paired_range([_both(r, way) for r in runs[side]], anki))


def _questions(folder: Path) -> int:
    marker = folder / "questions"
    return int(marker.read_text()) if marker.is_file() else 50_000


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
    parser.add_argument("--anki-python", type=Path, help="Anki's Python (a separate venv): Anki's peer each round")
    options = parser.parse_args()
    if options.action == "prepare":
        prepare(options.set, options.questions, options.port)
    else:
        run(options.set, options.base, options.rounds, options.anki_python, options.port)
