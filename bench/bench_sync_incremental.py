"""Incremental sync of 100 changes end to end (issue #14 item 8): A pushes, B pulls, through ``sync now``.

    python bench/bench_sync_incremental.py [--questions 50000] [--rounds 3] [--database postgresql://…]

A and B start from the same data folder (the shipped bank, plus Q synthetic
questions made on A and carried to B by a first sync), log in to a server on
127.0.0.1 and sync once; then, R times, 100 questions (or topics when Q is 0)
are edited on A, A runs ``sync now`` (pushes 100, pulls nothing new) and B runs
``sync now`` (pulls 100).  Prints the median and the range of each side's wall
time, and the CPU seconds of this process (the client) beside them.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_server import _start  # noqa: E402
from synthetic_bank import fill  # noqa: E402

from lecturer_app.cli import main  # noqa: E402
from lecturer_app.core.model import Question, Topic  # noqa: E402
from lecturer_app.core.workspace import open_workspace  # noqa: E402


def cli(*args: str) -> dict:
    out = io.StringIO()
    assert main(list(args), out=out) == 0
    return json.loads(out.getvalue()) if "--json" in args else {}


def _edit(folder: Path, round_number: int, questions: int) -> None:
    workspace = open_workspace(folder)
    try:
        if questions:
            for question in workspace.store.select(Question)[:100]:
                question.stem += f" (sửa lần {round_number})"
                workspace.store.save(question)
        else:
            for number in range(100):
                workspace.store.save(Topic(code=f"INC-{round_number}-{number}", title=f"Thay đổi {number}"))
    finally:
        workspace.close()


def _timed(folder: Path) -> tuple[float, float, dict]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = cli("--data-dir", str(folder), "sync", "now", "--json")
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _prepare(base: Path, database: str | None, questions: int) -> list[str]:
    extra = ["--database", database] if database else []
    cli("server", "init", str(base / "server"), *extra)
    (base / "pw").write_text("bench-password\n")
    cli("server", "user", "add", "lan", "--role", "giang_vien", "--password-file", str(base / "pw"),
        "--data-dir", str(base / "server"), *extra)
    cli("--data-dir", str(base / "A"), "stats")
    shutil.copytree(base / "A", base / "B")
    if questions:
        workspace = open_workspace(base / "A")
        fill(workspace, questions, 0)
        workspace.close()
    return extra


def run(database: str | None, port: int, questions: int, rounds: int) -> dict[str, object]:
    base = Path(tempfile.mkdtemp(prefix="bench-incr-"))
    _prepare(base, database, questions)
    process = _start(base / "server", port, database)
    times: dict[str, list[float]] = {"push_s": [], "push_cpu_s": [], "pull_s": [], "pull_cpu_s": []}
    try:
        for name in ("A", "B"):
            cli("--data-dir", str(base / name), "sync", "login", f"http://127.0.0.1:{port}", "--user", "lan",
                "--password-file", str(base / "pw"))
            cli("--data-dir", str(base / name), "sync", "now", "--json")
        for number in range(rounds):
            _edit(base / "A", number, questions)
            push_s, push_cpu, pushed = _timed(base / "A")
            pull_s, pull_cpu, pulled = _timed(base / "B")
            assert pushed["pushed"] == 100 and pulled["pulled"] == 100, (pushed, pulled)
            for key, value in zip(times, (push_s, push_cpu, pull_s, pull_cpu), strict=True):
                times[key].append(value)
        same = cli("--data-dir", str(base / "A"), "sync", "digest", "--json") == \
            cli("--data-dir", str(base / "B"), "sync", "digest", "--json")
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(base, ignore_errors=True)
    totals = [a + b for a, b in zip(times["push_s"], times["pull_s"], strict=True)]
    return {"questions": questions, "rounds": rounds, "same_digest": same, "end_to_end_s": _spread(totals),
            **{key: _spread(values) for key, values in times.items()},
            "load_average": " / ".join(f"{x:.1f}" for x in os.getloadavg())}


def _spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} (min {min(values):.3f}, max {max(values):.3f})"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--database")
    parser.add_argument("--port", type=int, default=18767)
    parser.add_argument("--questions", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    print(json.dumps(run(options.database, options.port, options.questions, options.rounds), indent=1))
