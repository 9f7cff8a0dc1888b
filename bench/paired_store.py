"""Store costs before and after a change, in turns: opening a big database, and a bulk save.

    .venv/bin/python bench/paired_store.py BASE_CHECKOUT BASE_DB THIS_DB [ROUNDS]

Each round runs, for the other checkout and then this one (each its own
process, ``PYTHONPATH`` set to the checkout): the median wall time of 5
``open_database`` + ``Store()`` on the given database file (BASE_DB may be a
copy without this checkout's indexes), and the CPU seconds of
``Store.save_many`` of 10,000 generated questions
(``bench_questions.generate``) into an in-memory store.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPEN = """
import statistics, sys, time
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.record_store import Store
times = []
for _ in range(5):
    started = time.perf_counter()
    db = open_database(sys.argv[1])
    Store(db)
    times.append((time.perf_counter() - started) * 1000)
    db.close()
print(f"{statistics.median(times):.1f}")
"""
SAVE = """
import sys, time
sys.path.insert(0, "bench")
from bench_questions import generate
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.record_store import Store
questions = generate(10_000, near_share=0.0)
store = Store(open_database(None), author="bench")
started = time.process_time()
store.save_many(questions, summary="x")
print(f"{time.process_time() - started:.2f}")
"""


def _run(checkout: Path, code: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=checkout, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.split()[-1]


def main() -> None:
    base, base_db, this_db = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    for number in range(1, rounds + 1):
        opened = _run(base, OPEN, base_db), _run(ROOT, OPEN, this_db)
        saved = _run(base, SAVE), _run(ROOT, SAVE)
        load = os.getloadavg()[0]
        print(f"round {number}: open + Store() base {opened[0]} ms, this {opened[1]} ms (median of 5); "
              f"save_many 10,000 base {saved[0]} s CPU, this {saved[1]} s CPU; load {load:.2f}")


if __name__ == "__main__":
    main()
