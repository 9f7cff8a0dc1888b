"""Foundation benchmarks: first-run import, search latency at scale, CLI start-up.

    .venv/bin/python bench/bench_foundation.py

Prints Markdown table rows: measurement | result | target | peer | ratio.
Peers, measured in the same run: a bare SQLite FTS5 query (unicode61
remove_diacritics 2, which cannot fold đ) on the same texts, questions
included, taking turns with ours query by query for ROUNDS rounds (ratios are
the median per-round ratio with min–max); and a bare `python -c pass` start-up.
Also prints the database size per question once the synthetic bank is made.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.paired import paired_range  # noqa: E402
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


ROUNDS = 7  # each round times every query once, ours and the peer's in turn (the pair sees the same load)


def peer_index(db) -> None:
    """The peer: one bare FTS5 table (unicode61 remove_diacritics 2, which cannot fold đ) over the same texts
    as ours, questions included: topics, plan sections and slides, and every question's stem and options."""
    from lecturer_app.core.store.question_rows import indexed_texts

    db.execute("CREATE VIRTUAL TABLE peer USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO peer SELECT title, body FROM search_index")
    cursor = db.execute("SELECT body FROM questions")
    while rows := cursor.fetchmany(1000):
        db.executemany("INSERT INTO peer VALUES (?, ?)", [indexed_texts(json.loads(body))[:2] for (body,) in rows])


def bench_search(folder: Path) -> None:
    workspace = open_workspace(folder)
    started = time.perf_counter()
    fill(workspace, 50_000, 5_000)
    build = time.perf_counter() - started
    row("Generate synthetic bank (125 topics, 50,000 questions, 5,000 slides) as revisions", f"{build:.1f} s", "–")
    db = workspace.db
    size = db.execute("PRAGMA page_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]
    count = db.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
    row(f"Database size per question (whole file ÷ {count:,} questions; with 125 topics, 1,000 plan sections, "
        "5,000 slides)", f"{size / count / 1024:.2f} KB", "≤ 2.5 KB")
    peer_index(db)
    peer_sql = "SELECT rowid, snippet(peer, 1, '[', ']', '…', 12) FROM peer WHERE peer MATCH ? LIMIT 20"
    ours: list[list[float]] = []
    peer: list[list[float]] = []
    for number in range(ROUNDS):
        ours.append([])
        peer.append([])
        for query in QUERIES:
            sides = [(ours[-1], lambda q=query: search(db, q, limit=20)),
                     (peer[-1], lambda q=query: db.execute(peer_sql, ['"' + q.replace('"', '') + '" *']).fetchall())]
            for times, func in sides if number % 2 == 0 else reversed(sides):
                times.extend(timed(func, 1))
    flat_ours, flat_peer = [t for r in ours for t in r], [t for r in peer for t in r]
    row("Search p50 (50,000 questions + 5,000 slides)", f"{percentile(flat_ours, 0.5) * 1000:.1f} ms", "–",
        f"{percentile(flat_peer, 0.5) * 1000:.1f} ms",
        paired_range([percentile(r, 0.5) for r in ours], [percentile(r, 0.5) for r in peer]))
    row("Search p95 (median of rounds; ratio: median per-round p95 ratio, min–max)",
        f"{percentile(flat_ours, 0.95) * 1000:.1f} ms", "≤ 1.5× peer",
        f"{percentile(flat_peer, 0.95) * 1000:.1f} ms (bare FTS5 over the same texts, questions included; "
        "no đ folding)",
        paired_range([percentile(r, 0.95) for r in ours], [percentile(r, 0.95) for r in peer]))
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
