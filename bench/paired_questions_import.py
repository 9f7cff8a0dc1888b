"""`questions import` of the bench's 10,000-question workbook by two checkouts in turns: this ÷ base.

    .venv/bin/python bench/paired_questions_import.py BASE_CHECKOUT ROUNDS

Each round imports the workbook of ``bench_questions.py import`` into a fresh
copy of a data folder past its first start (the shipped bank in), once with
each checkout's code, each a whole process (``bench/whole_process.py``), the
order reversed every other round (a pair sees the same load).  Prints every
run, the median wall and CPU seconds (user + system) of each side with
min–max, and the median of the per-round ratios (this ÷ base).  Each
checkout makes its own empty data folder (its own schema: a checkout opens
a newer schema without migrating it, so the base would otherwise write the
indexes of this checkout's migrations too), and each run prints the size of
the database it wrote.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import whole_process  # noqa: E402
from bench.bench_questions import generate  # noqa: E402
from bench.paired import paired_range  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def run(checkout: Path, data: Path, workbook: Path) -> tuple[float, float]:
    command = [sys.executable, "-m", "lecturer_app", "--data-dir", str(data), "questions", "import", str(workbook)]
    measured = whole_process.run(command, cwd=checkout, stdout=subprocess.DEVNULL,
                                 env={**os.environ, "PYTHONPATH": str(checkout)})
    if measured.exit != 0:
        raise RuntimeError(f"{command} failed in {checkout}")
    return measured.seconds, measured.cpu


def make_empty(checkout: Path, data: Path) -> None:
    """A data folder past its first start, made by *checkout*'s own code (its schema, the shipped bank in)."""
    code = ("from pathlib import Path; from lecturer_app.core.workspace import open_workspace; "
            f"open_workspace(Path({str(data)!r})).close()")
    subprocess.run([sys.executable, "-c", code], cwd=checkout, check=True,
                   env={**os.environ, "PYTHONPATH": str(checkout)})


def main() -> None:
    from lecturer_app.core.store.db import SCHEMA_VERSION
    from lecturer_app.core.workspace import DB_NAME
    from lecturer_app.exporters.questions.xlsx_writer import export

    base, rounds = Path(sys.argv[1]).resolve(), int(sys.argv[2])
    sides = {"base": base, "this": ROOT}
    for checkout in sides.values():  # as an installed app ships them: a stale .pyc would time a compile
        compileall.compile_dir(checkout / "lecturer_app", quiet=1)
    results: dict[str, list[tuple[float, float]]] = {"base": [], "this": []}
    sizes: dict[str, list[int]] = {"base": [], "this": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workbook = folder / "import.xlsx"
        export(generate(10_000, near_share=0.0), workbook)
        empty = {name: folder / f"empty-{name}" for name in sides}
        for name, checkout in sides.items():
            make_empty(checkout, empty[name])
        print(f"this checkout's schema {SCHEMA_VERSION}", flush=True)
        for number in range(rounds):
            for name in (("base", "this") if number % 2 == 0 else ("this", "base")):
                data = folder / f"{name}{number}"
                shutil.copytree(empty[name], data)
                took, cpu = run(sides[name], data, workbook)
                size = (data / DB_NAME).stat().st_size
                shutil.rmtree(data)
                results[name].append((took, cpu))
                sizes[name].append(size)
                print(f"  round {number + 1} {name}: {took:.2f} s (CPU {cpu:.2f} s), database {size:,} bytes",
                      flush=True)
    for name, runs in results.items():
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"{name}: {statistics.median(walls):.2f} s ({min(walls):.2f}–{max(walls):.2f}), "
              f"CPU {statistics.median(cpus):.2f} s ({min(cpus):.2f}–{max(cpus):.2f}), "
              f"database {statistics.median(sizes[name]):,.0f} bytes ({min(sizes[name]):,}–{max(sizes[name]):,})")
    this, base_runs = results["this"], results["base"]
    print(f"this ÷ base: wall {paired_range([w for w, _ in this], [w for w, _ in base_runs])}, "
          f"CPU {paired_range([c for _, c in this], [c for _, c in base_runs])}")


if __name__ == "__main__":
    main()
