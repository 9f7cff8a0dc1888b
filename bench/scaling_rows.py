"""The rows of ``bench_scaling.py`` that are not one CLI command on the bank: import, search, GUI start.

Each takes (bank folder, its number of questions, a scratch folder) and
returns (seconds, CPU seconds, peak RSS in MB) of one run; the search row's
seconds are its p95 query latency.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import whole_process

ROOT = Path(__file__).resolve().parents[1]
SEARCH_ROUNDS = 5  # each round runs every query of bench_foundation.QUERIES once

# In a process of its own: open the bank, run the queries, print their p95 and the process's own peak RSS.
SEARCH = """
import json, sys, time
from pathlib import Path
from bench.bench_foundation import QUERIES, percentile
from bench.whole_process import own_peak_mb
from lecturer_app.core.store.search import search
from lecturer_app.core.workspace import open_workspace
workspace = open_workspace(Path(sys.argv[1]))
times = []
for _ in range(int(sys.argv[2])):
    for query in QUERIES:
        started = time.perf_counter()
        search(workspace.db, query, limit=20)
        times.append(time.perf_counter() - started)
print(json.dumps({"p95": percentile(times, 0.95), "peak_mb": own_peak_mb()}))
"""


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def _run(command: list[str], stdout: Path, **extra: str) -> whole_process.Measured:
    with stdout.open("w") as out:
        measured = whole_process.run(command, cwd=ROOT, stdout=out, stderr=subprocess.DEVNULL, env=_env(**extra))
    if measured.exit != 0:
        raise RuntimeError(f"{command} exited with {measured.exit}")
    return measured


def search_p95(data: Path, _size: int, scratch: Path) -> tuple[float, float, float]:
    """p95 of the bench queries in a process that opened *data*; its CPU time and its own peak RSS."""
    out = scratch / "search.json"
    measured = _run([sys.executable, "-c", SEARCH, str(data), str(SEARCH_ROUNDS)], out)
    printed = json.loads(out.read_text().splitlines()[-1])
    return printed["p95"], measured.cpu, printed["peak_mb"]


def gui_start(data: Path, _size: int, scratch: Path) -> tuple[float, float, float]:
    """A fresh GUI process from start to first paint with the bank tree filled (bench_gui.APP_START, offscreen).

    The time starts before the measuring launcher starts (``whole_process``), so it includes that
    launcher's own few tens of milliseconds; peak RSS and CPU are the app process's until it exits.
    """
    from bench.bench_gui import APP_START

    out = scratch / "painted.txt"
    started = time.time()
    measured = _run([sys.executable, "-c", APP_START, str(data)], out, QT_QPA_PLATFORM="offscreen")
    return float(out.read_text().split()[-1]) - started, measured.cpu, measured.peak_mb


# The most questions one XLSX file is imported with: the reader refuses a sheet that needs more than 400 MB
# to read (a defence against zip bombs; about 150,000 rows of these questions) and asks for smaller files.
PER_FILE = 50_000


def xlsx_import(data: Path, size: int, scratch: Path) -> tuple[float, float, float]:
    """`questions import` of *size* synthetic questions from XLSX into a data folder past its first start.

    Up to ``PER_FILE`` questions are one file and one process; more are several files imported one
    after another into the same folder, as the app asks a user to do: the times and CPU times add up,
    the peak is the largest.
    """
    sources, empty = _import_inputs(data.parent, size)
    total = cpu = peak = 0.0
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        target = Path(folder) / "data"
        shutil.copytree(empty, target)
        for source in sources:
            measured = _run([sys.executable, "-m", "lecturer_app", "--data-dir", str(target), "questions", "import",
                             str(source)], Path(folder) / "out.txt")
            total, cpu, peak = total + measured.seconds, cpu + measured.cpu, max(peak, measured.peak_mb)
    return total, cpu, peak


def _import_inputs(folder: Path, size: int) -> tuple[list[Path], Path]:
    """XLSX files of *size* synthetic questions in all, and an empty data folder past its first start (made once)."""
    from bench.bench_questions import generate
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.exporters.questions.xlsx_writer import export

    starts = range(0, size, PER_FILE)
    sources = [folder / f"import_{size}_{n + 1}of{len(starts)}.xlsx" for n in range(len(starts))]
    if not all(source.exists() for source in sources):
        questions = generate(size, near_share=0.0)
        for start, source in zip(starts, sources, strict=True):
            export(questions[start:start + PER_FILE], source.with_suffix(".tmp.xlsx"))
            source.with_suffix(".tmp.xlsx").rename(source)
    empty = folder / "import_empty"
    if not empty.exists():
        open_workspace(empty).close()  # the shipped bank is in, as on a lecturer's machine
    return sources, empty


SEARCH_ROW = f"search p95 (`search`, 12 queries × {SEARCH_ROUNDS} rounds in one process; its own peak RSS)"
MILLISECONDS = {SEARCH_ROW}
ROWS = {
    "`questions import` of N questions from XLSX (whole processes; files of 50,000 at most)": xlsx_import,
    SEARCH_ROW: search_p95,
    "GUI start to first paint (fresh process, offscreen)": gui_start,
}
