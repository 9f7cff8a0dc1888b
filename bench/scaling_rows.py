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


def xlsx_import(data: Path, size: int, scratch: Path) -> tuple[float, float, float]:
    """`questions import` of an XLSX file of *size* questions into a data folder past its first start.

    A sheet holds at most ``tabular.MAX_ROWS`` rows, the header included: at 200,000 the file holds 199,999.
    """
    from lecturer_app.formats.tabular import MAX_ROWS

    source, empty = _import_inputs(data.parent, min(size, MAX_ROWS - 1))
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        target = Path(folder) / "data"
        shutil.copytree(empty, target)
        measured = _run([sys.executable, "-m", "lecturer_app", "--data-dir", str(target), "questions", "import",
                         str(source)], Path(folder) / "out.txt")
    return measured.seconds, measured.cpu, measured.peak_mb


def _import_inputs(folder: Path, size: int) -> tuple[Path, Path]:
    """The XLSX file of *size* synthetic questions and an empty data folder past its first start (made once)."""
    from bench.bench_questions import generate
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.exporters.questions.xlsx_writer import export

    source, empty = folder / f"import_{size}.xlsx", folder / "import_empty"
    if not source.exists():
        export(generate(size, near_share=0.0), source.with_suffix(".tmp.xlsx"))
        source.with_suffix(".tmp.xlsx").rename(source)
    if not empty.exists():
        open_workspace(empty).close()  # the shipped bank is in, as on a lecturer's machine
    return source, empty


SEARCH_ROW = f"search p95 (`search`, 12 queries × {SEARCH_ROUNDS} rounds in one process; its own peak RSS)"
MILLISECONDS = {SEARCH_ROW}
ROWS = {
    "`questions import` of an XLSX file of N questions (whole process; 199,999 at 200,000: one sheet's limit)":
        xlsx_import,
    SEARCH_ROW: search_p95,
    "GUI start to first paint (fresh process, offscreen)": gui_start,
}
