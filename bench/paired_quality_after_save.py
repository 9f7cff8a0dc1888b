"""From saving one question to the quality panel being up to date, at 10,000 or 50,000 questions, base and this.

    .venv/bin/python bench/paired_quality_after_save.py BASE_CHECKOUT [--questions N] [--rounds R] [--saves S]

Each round runs, for the other checkout and then this one (each its own
process, ``PYTHONPATH`` set to the checkout, on its own copy of the bank; the
order alternates), the main window on a bank of N generated questions
(``synthetic_bank.py --questions N``) plus one pair of near duplicates, with
the «Ngân hàng câu hỏi» tab open on «Kiểm tra chất lượng» and the bank
checked once («Kiểm tra lại», not timed).  Then S times: a question is
selected, its stem changed in the editor, and the clock starts before
«Lưu» (``editor.save()``) and stops once the check the save set off (after
the panel's 200 ms wait for a burst) has answered and the answer is shown.

A run prints, per save, that time and the process's CPU seconds over it
(all threads), and over all its saves the longest turn of the GUI thread's
event loop (wall time, and the most CPU time the GUI thread used in one
turn) with the step it was in, and how many turns took over 50 ms (as
``bench_gui.py`` times turns).
The bank is made once by this checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paired import paired_range  # noqa: E402
from paired_quality_follows import COUNT_CHECKS, OPEN_PANEL, PAIR  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RUN = r"""
import json, os, sys, time
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QThreadPool
from lecturer_app.core.workspace import open_workspace
from lecturer_app.ui.app import create_application, show_main_window

data, saves = Path(sys.argv[1]), int(sys.argv[2])
""" + OPEN_PANEL + r"""""" + COUNT_CHECKS + r"""turns = []

def turn(action, label="waiting for the check"):
    wall, cpu = time.perf_counter(), time.thread_time()
    action()
    app.processEvents()
    turns.append((time.perf_counter() - wall, label, time.thread_time() - cpu))

def until_checked(before):
    deadline = time.monotonic() + 300
    while not (checks["started"] > before and checks["finished"] == checks["started"]):
        turn(lambda: None)
        if time.monotonic() > deadline:
            raise TimeoutError("no check answered")
        time.sleep(0.002)
    QThreadPool.globalInstance().waitForDone()
    turn(lambda: None, "the answer shown")

until_checked_first = checks["started"]
panel.run()
until_checked(until_checked_first)
turns.clear()
ids = [row[0] for row in ws.store.db.execute("SELECT id FROM questions ORDER BY rowid LIMIT ? OFFSET 100",
                                             [saves])]
times, cpus = [], []
for number, question_id in enumerate(ids):
    ws.select(question_id)
    app.processEvents()
    ws.editor.stem_edit.setPlainText(f"Câu hỏi số {number} đã sửa trong lúc đo?")
    before = checks["started"]
    wall, cpu = time.perf_counter(), time.process_time()
    turn(lambda: ws.editor.save(), "«Lưu»")
    until_checked(before)
    times.append(time.perf_counter() - wall)
    cpus.append(time.process_time() - cpu)
summary = panel.summary.text()
import lecturer_app
print(json.dumps({"tree": str(Path(lecturer_app.__file__).parents[1]), "save_to_up_to_date_s": times,
                  "cpu_s": cpus, "longest_turn_ms": max(turns)[0] * 1000, "longest_turn": max(turns)[1],
                  "most_cpu_turn_ms": max(t[2] for t in turns) * 1000,
                  "most_cpu_turn": max(turns, key=lambda t: t[2])[1],
                  "turns_over_50ms": sum(t[0] > 0.05 for t in turns),
                  "over_50ms_in": sorted({t[1] for t in turns if t[0] > 0.05}), "turns": len(turns),
                  "findings": panel.model.rowCount(), "summary": summary}, ensure_ascii=False))
window.close()
"""


def run(tree: Path, bank: Path, work: Path, saves: int) -> dict:
    copy = work / f"run-{tree.name}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(bank, copy)
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
    # cwd: a `-c` child puts its working folder first on sys.path, where this checkout's package would win.
    done = subprocess.run([sys.executable, "-c", RUN, str(copy), str(saves)], env=env, capture_output=True,
                          text=True, cwd=work)
    if done.returncode:
        raise SystemExit(f"{tree}: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base", type=Path)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--saves", type=int, default=3)
    args = parser.parse_args()
    base = args.base.resolve()
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bank = work / "bank"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, str(ROOT / "bench" / "synthetic_bank.py"), str(bank), "--questions",
                        str(args.questions), "--slides", "0"], env=env, check=True, capture_output=True)
        subprocess.run([sys.executable, "-c", PAIR, str(bank)], env=env, check=True, cwd=work)
        results: dict[str, list[dict]] = {"base": [], "this": []}
        for number in range(args.rounds):
            order = [("base", base), ("this", ROOT)] if number % 2 == 0 else [("this", ROOT), ("base", base)]
            for name, tree in order:
                results[name].append(run(tree, bank, work, args.saves))
                print(name, json.dumps(results[name][-1], ensure_ascii=False), flush=True)
    # A round's figure is the median of its saves; rounds are paired (the same minute's load).
    for key in ("save_to_up_to_date_s", "cpu_s"):
        before, after = ([statistics.median(r[key]) for r in results[name]] for name in ("base", "this"))
        print(f"{key} (median of a run's saves): base median {statistics.median(before):.3f} (min {min(before):.3f}, "
              f"max {max(before):.3f}); this median {statistics.median(after):.3f} (min {min(after):.3f}, max "
              f"{max(after):.3f}); this/base {paired_range(after, before)}")
    for key in ("longest_turn_ms", "most_cpu_turn_ms", "turns_over_50ms"):
        before, after = ([r[key] for r in results[name]] for name in ("base", "this"))
        print(f"{key}: base median {statistics.median(before):.1f} (max {max(before):.1f}); "
              f"this median {statistics.median(after):.1f} (max {max(after):.1f})")
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
