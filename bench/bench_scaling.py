"""How the app's cost grows with the bank: time and peak RSS of whole processes at several sizes.

    .venv/bin/python bench/bench_scaling.py                      # 1k, 10k, 50k questions
    .venv/bin/python bench/bench_scaling.py 1000 10000 50000 200000
    .venv/bin/python bench/bench_scaling.py 1000 10000 import search   # only the rows naming a word given
    BENCH_BANKS=/tmp/banks .venv/bin/python bench/bench_scaling.py …   # keep the generated banks

Prints Markdown table rows: measurement | result | target | peer | ratio.
Each size is a synthetic bank (``bench/synthetic_bank.py``: 125 topics, the
questions, 5,000 slides).  Every command runs as its own process, as a
user runs it, ``REPEAT`` times; the row gives the median wall time, the
median CPU time (user + system: the work, which the load of a shared
machine moves much less than the wall time) and the largest peak RSS (the
child's own: ``bench/whole_process.py``).  The last column is the fitted
growth: the slope of log(time) over log(questions) between the two largest
sizes (1.0 is linear), of the wall time and of the CPU time.  The load
average is printed before and after.  The package is compiled to bytecode
first, as an installed app ships it: with ``PYTHONDONTWRITEBYTECODE`` set
every process would otherwise compile every module it imports again.

Three rows are not one CLI command on the bank (``bench/scaling_rows.py``):

* import: ``questions import`` of N questions (``bench_questions.generate``)
  from XLSX into a data folder past its first start, whole processes; more
  than 50,000 are split into files of 50,000 imported one after another, as
  the app asks (it refuses a sheet that needs over 400 MB to read); the
  files are made once per size (kept in ``BENCH_BANKS``);
* search: the p95 latency of ``search`` over ``bench_foundation.QUERIES``
  (``SEARCH_ROUNDS`` rounds) in a process that opened the bank, and that
  process's own peak RSS; the CPU column is the whole process's;
* GUI start: a fresh process from start to the main window's first paint
  with the bank tree filled (``bench_gui.APP_START``, offscreen), and the
  process's peak RSS until it exits; the CPU column is the whole process's.
"""

from __future__ import annotations

import compileall
import math
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import scaling_rows, whole_process  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REPEAT = 3
COMMANDS = {
    "questions list --json": ["questions", "list", "--json"],
    "questions export --format moodlexml": ["questions", "export", "{out}/bank.xml", "--format", "moodlexml"],
    "questions export --format xlsx": ["questions", "export", "{out}/bank.xlsx", "--format", "xlsx"],
    "questions check --json": ["questions", "check", "--json"],
    "stats (open + count)": ["stats", "--json"],
}


def bank(folder: Path, questions: int) -> Path:
    data = folder / f"bank_{questions}"
    if not (data / "lecturer_app.sqlite3").exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "synthetic_bank.py"), str(data),
                        "--questions", str(questions)], check=True, stdout=subprocess.DEVNULL)
    return data


def run(data: Path, args: list[str], out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one `lecturer-app` process (``whole_process.run``)."""
    command = [sys.executable, "-m", "lecturer_app", "--data-dir", str(data),
               *(a.format(out=out) for a in args)]
    measured = whole_process.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)})
    if measured.exit not in (0, 1):
        raise RuntimeError(f"{command} exited with {measured.exit}")
    return measured.seconds, measured.cpu, measured.peak_mb


def growth(sizes: list[int], times: list[float]) -> str:
    if len(sizes) < 2:
        return "–"
    slope = math.log(times[-1] / times[-2]) / math.log(sizes[-1] / sizes[-2])
    return f"n^{slope:.2f}"


def _command(args: list[str], data: Path, _size: int, out: Path) -> tuple[float, float, float]:
    return run(data, args, out)


# Each row: (bank folder, its number of questions, a scratch folder) → (seconds, CPU seconds, peak MB) of one run.
ROWS: dict[str, Callable[[Path, int, Path], tuple[float, float, float]]] = {
    **{name: partial(_command, args) for name, args in COMMANDS.items()}, **scaling_rows.ROWS}


def _cell(name: str, figures: tuple[float, float, float]) -> str:
    value, cpu, peak = figures
    if name in scaling_rows.MILLISECONDS:
        return f"{value * 1000:.1f} ms (process CPU {cpu:.2f} s), {peak:.0f} MB"
    return f"{value:.2f} s (CPU {cpu:.2f} s), {peak:.0f} MB"


def main() -> None:
    sizes = sorted(int(a) for a in sys.argv[1:] if a.isdigit()) or [1_000, 10_000, 50_000]
    words = [a for a in sys.argv[1:] if not a.isdigit()]
    rows = {name: measure for name, measure in ROWS.items() if not words or any(w in name for w in words)}
    compileall.compile_dir(ROOT / "lecturer_app", quiet=1)
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| Measurement | Result | Target | Peer | Ratio |")
    print("|---|---|---|---|---|")
    keep = os.environ.get("BENCH_BANKS")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(keep) if keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in rows}
        for size in sizes:
            data = bank(folder, size)
            for name, measure in rows.items():
                runs = [measure(data, size, Path(tmp)) for _ in range(REPEAT)]
                results[name].append((statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                                      max(r[2] for r in runs)))
                print(f"  {name} at {size:,}: {_cell(name, results[name][-1])}", file=sys.stderr, flush=True)
        for name, figures in results.items():
            cells = " / ".join(_cell(name, f) for f in figures)
            label = f"`{name}`" if name in COMMANDS else name
            print(f"| {label} at {' / '.join(f'{s:,}' for s in sizes)} questions "
                  f"(median of {REPEAT}, peak RSS) | {cells} | – | – | "
                  f"{growth(sizes, [f[0] for f in figures])} (CPU {growth(sizes, [f[1] for f in figures])}) |",
                  flush=True)
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
