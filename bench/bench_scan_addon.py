"""The packed app reading scanned sheets with its scan add-on, against the same command from the venv.

    .venv/bin/python bench/bench_scan_addon.py [--runs 5] [--sheets 10] [--build dist/lecturer-app]

Needs a build and its add-on (scripts/build-app.sh).  An exam is built by the
frozen app, SHEETS filled and scanned sheets are made with tests/omr/sheet_maker.py
into one PDF, and each round runs `exam scan` once from the frozen app (the
add-on linked into ``<build>/scan-addon`` for the run, removed after) and once
as ``python -m lecturer_app`` from this tree, in turns.  Prints wall and CPU
seconds (user + system of the child) per run, the median per-round ratio with
its range, and checks both read the same (the JSON reports are compared).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "omr"))

from bench.paired import paired_range  # noqa: E402


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the child, standard output)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: doubts remain
        raise SystemExit(f"{command[0]}: exit {done.returncode}\n{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def make_scan(cli: Path, scratch: Path, sheets: int) -> tuple[Path, Path, Path]:
    import numpy as np
    from PIL import Image
    from sheet_maker import degrade, fill_sheet, render

    data, exam = scratch / "dữ liệu", scratch / "đề"
    built = json.loads(subprocess.run([str(cli), "--data-dir", str(data), "exam", "build", "--topics", "NTD-01,NTD-03",
                                       "--mc", "10", "--versions", "2", "--seed", "7", "-o", str(exam), "--json"],
                                      capture_output=True, text=True, check=True).stdout)
    base, rng, pages = render(exam / "phieu_tra_loi.pdf", 200), np.random.default_rng(4), []
    for number in range(sheets):
        version = built["versions"][number % 2]
        sheet = fill_sheet(base.copy(), 200, rng, f"{number + 1:06d}", version["code"], version["key"], 10)
        pages.append(Image.fromarray(degrade(sheet, rng, ("rotate", "noise"))))
    scan = scratch / "quét.pdf"
    pages[0].save(scan, save_all=True, append_images=pages[1:], resolution=200, quality=80)
    return data, exam, scan


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sheets", type=int, default=10)
    parser.add_argument("--build", type=Path, default=ROOT / "dist" / "lecturer-app")
    args = parser.parse_args()
    addon, link = args.build.with_name("lecturer-app-scan-addon"), args.build / "scan-addon"
    cli = args.build / ("lecturer-app-cli.exe" if sys.platform == "win32" else "lecturer-app-cli")
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        data, exam, scan = make_scan(cli, scratch, args.sheets)
        tail = ["--data-dir", str(data), "exam", "scan", "--exam", str(exam), "--sheets", str(scan), "--json"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        frozen_env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
        frozen, source, reports = [], [], set()
        link.symlink_to(addon.resolve(), target_is_directory=True)
        try:
            for run in range(args.runs):
                frozen.append(timed([str(cli), *tail, "-o", str(scratch / f"f{run}.xlsx")], frozen_env))
                source.append(timed([sys.executable, "-m", "lecturer_app", *tail, "-o", str(scratch / f"s{run}.xlsx")],
                                    env))
                reports |= {json.dumps({**json.loads(out), "output": ""}) for _w, _c, out in (frozen[-1], source[-1])}
        finally:
            link.unlink()
    assert len(reports) == 1, "the frozen app and the venv read differently"
    for name, runs in (("frozen + add-on", frozen), ("venv", source)):
        walls, cpus = [w for w, _c, _o in runs], [c for _w, c, _o in runs]
        print(f"{name}: wall median {statistics.median(walls):.2f} s ({min(walls):.2f}–{max(walls):.2f}), "
              f"CPU median {statistics.median(cpus):.2f} s")
    print("frozen / venv, wall:", paired_range([w for w, _c, _o in frozen], [w for w, _c, _o in source]),
          "CPU:", paired_range([c for _w, c, _o in frozen], [c for _w, c, _o in source]))
    print(f"{args.sheets} sheets, {args.runs} rounds; both read the same: {len(reports) == 1}")


if __name__ == "__main__":
    main()
