"""Foundation benchmarks: first-run import, search latency at scale, CLI start-up.

    .venv/bin/python bench/bench_foundation.py

Prints Markdown table rows: measurement | result | target | peer | ratio.
Peers, measured in the same run: a bare SQLite FTS5 query (unicode61
remove_diacritics 2, which cannot fold đ) on the same texts, and a bare
`python -c pass` start-up.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic_bank import fill  # noqa: E402
from lecturer_app.core.store.search import search  # noqa: E402
from lecturer_app.core.workspace import open_workspace  # noqa: E402

QUERIES = ("dang", "chuyen doi so", "nghi quyet", "Đảng viên", "tu tuong ho chi", "xây dựng chỉnh đốn",
           "quoc phong", "mat tran to quoc", "dân chủ", "kiem tra giam sat", "cong doan", "van hoa con nguoi")


def row(name: str, value: str, target: str, peer: str = "–", ratio: str = "–") -> None:
    print(f"| {name} | {value} | {target} | {peer} | {ratio} |")


def timed(func, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def bench_first_run() -> None:
    def first_start() -> None:
        with tempfile.TemporaryDirectory() as folder:
            open_workspace(Path(folder)).close()

    times = timed(first_start, 5)
    row("First start: create database + import shipped bank (p50 of 5)",
        f"{statistics.median(times):.2f} s", "≤ 2 s")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def bench_search(folder: Path) -> None:
    workspace = open_workspace(folder)
    started = time.perf_counter()
    fill(workspace, 50_000, 5_000)
    build = time.perf_counter() - started
    row("Generate synthetic bank (125 topics, 50,000 questions, 5,000 slides) as revisions", f"{build:.1f} s", "–")
    db = workspace.db
    ours = [t for _ in range(10) for q in QUERIES for t in timed(lambda q=q: search(db, q, limit=20), 1)]
    db.execute("CREATE VIRTUAL TABLE peer USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO peer SELECT title, body FROM search_index")
    peer_sql = "SELECT rowid, snippet(peer, 1, '[', ']', '…', 12) FROM peer WHERE peer MATCH ? LIMIT 20"
    peer = [t for _ in range(10) for q in QUERIES
            for t in timed(lambda q=q: db.execute(peer_sql, ['"' + q.replace('"', '') + '" *']).fetchall(), 1)]
    p50, p95, peer95 = percentile(ours, 0.5), percentile(ours, 0.95), percentile(peer, 0.95)
    row("Search p50 (50,000 questions + 5,000 slides)", f"{p50 * 1000:.1f} ms", "–",
        f"{percentile(peer, 0.5) * 1000:.1f} ms", f"{p50 / percentile(peer, 0.5):.1f}×")
    row("Search p95", f"{p95 * 1000:.1f} ms", "≤ 20 ms", f"{peer95 * 1000:.1f} ms (bare FTS5, no đ folding)",
        f"{p95 / peer95:.1f}×")
    workspace.close()


def bench_version() -> None:
    exe = Path(sys.executable).parent / "lecturer-app"
    ours = timed(lambda: subprocess.run([str(exe), "--version"], capture_output=True, check=True), 10)
    bare = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True), 10)
    row("`lecturer-app --version` wall time (p50 of 10)", f"{statistics.median(ours):.3f} s", "≤ 0.3 s",
        f"{statistics.median(bare):.3f} s (`python -c pass`)",
        f"{statistics.median(ours) / statistics.median(bare):.1f}×")


def main() -> None:
    bench_first_run()
    with tempfile.TemporaryDirectory() as folder:
        bench_search(Path(folder))
    bench_version()


if __name__ == "__main__":
    main()
