"""The topic picker's question counts at 200,000 questions: two trees in turns, each on its own copy of a bank.

Usage:
    PYTHONPATH=TREE .venv/bin/python bench/paired_topic_counts.py BASE_TREE BASE_DB MINE_TREE MINE_DB [ROUNDS] [OUT]

Each round runs one child process per tree (base first, then this branch), in turns on the same machine. A
child counts each screen's questions as the picker's worker does (``_count_apart``: a connection of its own,
opened, counted, closed) for the oral cards, the quiz and the exam paper, and prints the wall and CPU
milliseconds of each, and the process's CPU seconds.  The two banks must be copies of one folder, the base's
at the base's schema (a tree opens a folder of a newer schema without migrating it, so it would use the
index).  With *OUT*, each child writes the counts it read to ``OUT.<tree name>`` for ``cmp``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SCREENS = {"oral": ("oral",),
           "quiz": ("single_choice", "multiple_choice", "true_false_4", "short_answer"),
           "exam": ("single_choice", "multiple_choice", "true_false_4", "short_answer", "essay")}


def child(db_path: str, out: str) -> None:
    """In the child: each screen's count on a fresh connection, timed."""
    from lecturer_app.core.bank.topic_codes import question_counts
    from lecturer_app.core.store.db import SCHEMA_VERSION, open_database

    line, read = [f"schema={SCHEMA_VERSION}"], {}
    for screen, types in SCREENS.items():
        start, cpu = time.perf_counter(), time.thread_time()
        db = open_database(db_path)
        try:
            counts = question_counts(db, types)
        finally:
            db.close()
        wall, cpu = (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000
        line.append(f"{screen}_wall_ms={wall:.1f} {screen}_cpu_ms={cpu:.1f}")
        read[screen] = {code: [c.reviewed, c.drafts] for code, c in sorted(counts.items())}
    if out:
        Path(out).write_text(json.dumps(read, ensure_ascii=False, indent=1), encoding="utf-8")
    print(" ".join(line) + f" process_cpu_s={time.process_time():.2f}", flush=True)


def run(tree: str, db_path: str, out: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", db_path, out], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": tree})
    line = done.stdout.strip().splitlines()[-1]
    print(f"{Path(tree).name}: {line}", flush=True)
    return {key: float(value) for key, value in (part.split("=") for part in line.split())}


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # here, not in the child: it imports its tree's
    from bench.paired import paired_range

    base_tree, base_db, mine_tree, mine_db = sys.argv[1:5]
    rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    out = sys.argv[6] if len(sys.argv) > 6 else ""
    base, mine = [], []
    for _ in range(rounds):
        base.append(run(base_tree, base_db, f"{out}.{Path(base_tree).name}" if out else ""))
        mine.append(run(mine_tree, mine_db, f"{out}.{Path(mine_tree).name}" if out else ""))
    for screen in SCREENS:
        for kind in ("wall", "cpu"):
            key = f"{screen}_{kind}_ms"
            b, m = [r[key] for r in base], [r[key] for r in mine]
            print(f"{key}: base median {statistics.median(b):.1f} ({min(b):.1f}–{max(b):.1f}), "
                  f"branch median {statistics.median(m):.1f} ({min(m):.1f}–{max(m):.1f}), "
                  f"base/branch {paired_range(b, m)}")
    b, m = [r["process_cpu_s"] for r in base], [r["process_cpu_s"] for r in mine]
    print(f"process_cpu_s: base median {statistics.median(b):.2f}, branch median {statistics.median(m):.2f}")


if __name__ == "__main__":
    if sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
