"""Quiz benchmark: 300 phones join, answer 5 questions and submit, on loopback (127.0.0.1 only).

    .venv/bin/python bench/bench_quiz.py

Prints Markdown table rows: measurement | result | target | peer | ratio.
The quiz server runs in its own process, as in the app (``--serve`` below:
a data folder with the shipped bank, a 5-question quiz drawn from a sample
topic, ``QuizServer`` on 127.0.0.1), so its memory is measured alone: RSS
when it listens, and the peak (VmHWM) after the class has submitted.  This
process plays the phones: 32 threads, each phone with its own connections
(join, the page, 5 answers, submit, as the page's script sends them) on
one kept-alive connection, as a browser keeps it.  Every phone
shares 127.0.0.1 here, so the per-address rate limit is lifted as in the
load test; a real class has one address per phone.
"""

from __future__ import annotations

import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PHONES = 300
WORKERS = 32
SAMPLE = "NTD-01"


def row(name: str, value: str, target: str, peer: str = "–", ratio: str = "–") -> None:
    print(f"| {name} | {value} | {target} | {peer} | {ratio} |", flush=True)


def _kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def serve() -> None:
    """The server process: what `quiz serve` does, with the one-address limit lifted; Enter stops it."""
    import os

    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.exam.blueprint import quick_blueprint
    from lecturer_app.exam.pool import load_pool
    from lecturer_app.quiz.limits import Limits
    from lecturer_app.quiz.paper import draw_quiz
    from lecturer_app.quiz.server import QuizServer
    from lecturer_app.quiz.session import QuizSession, QuizSettings

    workspace = open_workspace(Path(tempfile.mkdtemp(prefix="bench-quiz-")))
    pool = load_pool(workspace.store, [SAMPLE])
    paper, _ = draw_quiz(quick_blueprint(pool, [SAMPLE], 5), pool, "Bench", seed=1)
    session = QuizSession(paper, QuizSettings(pin="1234", quiz_id="bench"))
    server = QuizServer(session, "127.0.0.1", 0, Limits(rate=1e6, burst=1e6)).start()
    print(json.dumps({"port": server.port, "rss_kib": _kib(os.getpid(), "VmRSS")}), flush=True)
    sys.stdin.readline()
    print(json.dumps({"submitted": session.counts().submitted, "joined": session.counts().joined}), flush=True)
    server.stop()


def _request(connection: http.client.HTTPConnection, method: str, path: str, form: dict | None,
             cookie: str) -> tuple[int, str]:
    headers = {"Content-Type": "application/x-www-form-urlencoded", **({"Cookie": f"qt={cookie}"} if cookie else {})}
    connection.request(method, path, urlencode(form) if form is not None else None, headers)
    response = connection.getresponse()
    response.read()
    cookie = (response.getheader("Set-Cookie") or "").split(";")[0].partition("=")[2] or cookie
    return response.status, cookie


def phone(port: int, number: int) -> float:
    """One learner from Vào làm bài to Nộp bài on one kept-alive connection, as a browser does; seconds."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    start = time.perf_counter()
    status, cookie = _request(connection, "POST", "/join", {"name": f"Học viên {number}", "pin": "1234"}, "")
    assert status == 303, status
    _request(connection, "GET", "/", None, cookie)
    for index in range(5):
        _request(connection, "POST", "/answer", {"i": index, "v": "A"}, cookie)
    status, _ = _request(connection, "POST", "/submit", {"a0": "A"}, cookie)
    assert status == 200, status
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def main() -> None:
    if "--serve" in sys.argv:
        serve()
        return
    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, cwd=ROOT)
    first = json.loads(server.stdout.readline())
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        times = sorted(pool.map(lambda n: phone(first["port"], n), range(PHONES)))
    wall = time.perf_counter() - started
    peak = _kib(server.pid, "VmHWM")
    server.stdin.write("\n")
    server.stdin.flush()
    counts = json.loads(server.stdout.readline())
    server.wait(timeout=30)
    p50, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
    row(f"{PHONES} phones, join → submit p50 (5 answers each, {WORKERS} at once)", f"{p50 * 1000:.0f} ms", "–")
    row(f"{PHONES} phones, join → submit p95", f"{p95 * 1000:.0f} ms", "≤ 200 ms")
    row(f"{PHONES} phones, whole class joined and submitted", f"{wall:.1f} s", "≤ 10 s")
    row("submissions received / lost / doubled",
        f"{counts['submitted']} / {PHONES - counts['submitted']} / {counts['joined'] - PHONES}", f"{PHONES} / 0 / 0")
    row("server RSS while listening → peak while serving",
        f"{first['rss_kib'] / 1024:.0f} → {peak / 1024:.0f} MB (+{(peak - first['rss_kib']) / 1024:.0f} MB)",
        "growth ≤ 100 MB")


if __name__ == "__main__":
    main()
