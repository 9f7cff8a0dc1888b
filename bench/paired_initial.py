"""A new device's initial sync, two checkouts and Anki taking turns: before/after and the peer in one run.

    .venv/bin/python bench/paired_initial.py BASE_CHECKOUT ROUNDS [--questions N] [--anki-python PY]

A bank of the shipped 125 topics + N synthetic questions is made once; each
round, in an order that rotates, (1) BASE_CHECKOUT and (2) this checkout
each get a fresh server (``server init``, ``server run`` on 127.0.0.1) and
fresh copies of the folders: A pushes everything (``sync now``), a new
folder B pulls everything, then a second new folder C (the next new laptop,
which finds the server's snapshot built); (3) Anki's ``anki.syncserver`` does its full
upload from A and full download to B for an N-note collection
(``anki_peer.py``, run with the Python of ``--anki-python``).  Every command
is a whole process.  Prints each run, medians with min–max, and the median
of the per-round ratios with min–max (this ÷ base, this ÷ Anki): this
shared machine's speed drifts between minutes, a round's runs see the same
load.  A's push is also given alone, with the CPU seconds it cost (the
``sync now`` process plus the server process and its children, user +
system), which a busy machine disturbs less than the wall time.  Last, the
signatures' floor for N revisions (``signature_floor.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench.paired import paired_range  # noqa: E402
from bench.server_process import start_server  # noqa: E402


def _cli(checkout: Path, *args: str) -> str:
    command = [sys.executable, "-m", "lecturer_app", *args]
    done = subprocess.run(command, cwd=checkout, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(checkout)})
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed in {checkout}: {done.stderr[-500:]}")
    return done.stdout


def _serve(checkout: Path, folder: Path, port: int) -> subprocess.Popen:
    return start_server(folder, port, checkout=checkout, stderr=subprocess.DEVNULL)


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) of a live process and its live children, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
                for child in (task / "children").read_text().split()]
    return own + sum(_cpu(child) for child in children)


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def ours(checkout: Path, bank: Path, fresh: Path, work: Path, port: int) -> tuple[float, float, float, float]:
    """(seconds for A's push, B's pull, then C's pull, each a whole ``sync now`` process; CPU seconds of the push).

    C is a second new folder syncing after B: a province's next new laptop, which finds on the server
    whatever B's first sync left there (this branch: the snapshot already built).
    """
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    server, password = work / "server", work / "pw"
    password.write_text("bench-password\n")
    _cli(checkout, "server", "init", str(server))
    _cli(checkout, "server", "user", "add", "lan", "--role", "giang_vien", "--password-file", str(password),
         "--data-dir", str(server))
    a, b, c = work / "A", work / "B", work / "C"
    shutil.copytree(bank, a)
    shutil.copytree(fresh, b)
    shutil.copytree(fresh, c)
    process = _serve(checkout, server, port)
    try:
        for folder in (a, b, c):
            _cli(checkout, "--data-dir", str(folder), "sync", "login", f"http://127.0.0.1:{port}", "--user", "lan",
                 "--password-file", str(password))
        times, cpu = [], 0.0
        for folder, key in ((a, "pushed"), (b, "pulled"), (c, "pulled")):
            server_cpu, client_cpu, start = _cpu(process.pid), _children_cpu(), time.perf_counter()
            result = json.loads(_cli(checkout, "--data-dir", str(folder), "sync", "now", "--json"))
            times.append(time.perf_counter() - start)
            cpu = cpu or _children_cpu() - client_cpu + _cpu(process.pid) - server_cpu
            assert result[key] > 0, result
    finally:
        process.terminate()
        process.wait()
    shutil.rmtree(work, ignore_errors=True)
    return times[0], times[1], times[2], cpu


def anki(python: Path, notes: int, port: int) -> tuple[float, float, float, float]:
    got = json.loads(subprocess.run([str(python), str(ROOT / "bench" / "anki_peer.py"), "--notes", str(notes),
                                     "--port", str(port)], check=True, capture_output=True, text=True,
                                    cwd=ROOT).stdout)
    return got["full_upload_s"], got["full_download_s"], got["full_download_s"], float("nan")


def _bank(folder: Path, questions: int) -> tuple[Path, Path]:
    """(the bank with N questions, a fresh folder on the shipped bank only)."""
    from synthetic_bank import fill

    from lecturer_app.core.workspace import open_workspace

    fresh, bank = folder / "fresh", folder / "bank"
    _cli(ROOT, "--data-dir", str(fresh), "stats")
    shutil.copytree(fresh, bank)
    workspace = open_workspace(bank)
    try:
        fill(workspace, questions, 0)
    finally:
        workspace.close()
    return bank, fresh


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", type=Path)
    parser.add_argument("rounds", type=int)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--anki-python", type=Path, default=ROOT / ".anki-venv" / "bin" / "python")
    parser.add_argument("--port", type=int, default=18900)
    options = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}", flush=True)
    sides = {"base": options.base, "this": ROOT}
    runs: dict[str, list[tuple[float, float, float, float]]] = {"base": [], "this": [], "anki": []}
    with tempfile.TemporaryDirectory(prefix="paired-initial-") as tmp:
        bank, fresh = _bank(Path(tmp), options.questions)
        names = ["base", "this", "anki"]
        for number in range(options.rounds):
            for name in names[number % 3:] + names[:number % 3]:
                if name == "anki":
                    took = anki(options.anki_python, options.questions, options.port + 1)
                else:
                    took = ours(sides[name], bank, fresh, Path(tmp) / name, options.port)
                runs[name].append(took)
                print(f"  round {number + 1} {name}: push {took[0]:.2f} s ({took[3]:.2f} s CPU), pull {took[1]:.2f} s, "
                      f"next new device's pull {took[2]:.2f} s, load {os.getloadavg()[0]:.1f}", flush=True)
    totals = {name: [push + pull for push, pull, _next, _cpu in taken] for name, taken in runs.items()}
    following = {name: [after for _push, _pull, after, _cpu in taken] for name, taken in runs.items()}
    pushes = {name: [taken[0] for taken in runs[name]] for name in runs}
    push_cpu = {name: [taken[3] for taken in runs[name]] for name in ("base", "this")}
    for name in runs:
        whole, after = totals[name], following[name]
        print(f"{name}: push + pull median {statistics.median(whole):.2f} s ({min(whole):.2f}–{max(whole):.2f}); "
              f"next new device's pull median {statistics.median(after):.2f} s ({min(after):.2f}–{max(after):.2f})")
    for name in ("base", "this"):
        print(f"{name}: A's push median {statistics.median(pushes[name]):.2f} s, "
              f"CPU median {statistics.median(push_cpu[name]):.2f} s")
    print("A's push, this ÷ base:", paired_range(pushes["this"], pushes["base"]),
          "; CPU:", paired_range(push_cpu["this"], push_cpu["base"]))
    print("A's push, this ÷ Anki's full upload:", paired_range(pushes["this"], pushes["anki"]))
    print("this ÷ base:", paired_range(totals["this"], totals["base"]))
    print("this ÷ Anki:", paired_range(totals["this"], totals["anki"]))
    print("next new device's pull, this ÷ base:", paired_range(following["this"], following["base"]))
    print("next new device's pull, this ÷ Anki's full download:", paired_range(following["this"], following["anki"]))
    from bench.signature_floor import floor_line

    print(floor_line(options.questions), flush=True)
    print(f"load average at end: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
