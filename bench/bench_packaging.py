"""Packed-app benchmarks: the size of the one-folder build and its zip, and the frozen app's start.

    .venv/bin/python bench/bench_packaging.py [--runs 9] [--build dist/lecturer-app]

Prints Markdown table rows: measurement | result | target | peer | ratio.
Needs a build (scripts/build-app.sh); without one it prints a row saying so.

* Size: the folder as it lies on disk (bytes of every file, links counted as
  links) and the same folder zipped (deflate level 9, links stored as links,
  as a Windows or Linux zip of it would be). MB = 10^6 bytes.
* Start: from starting a fresh process until its main window is first painted
  with the bank loaded, for the frozen executable and for the same start from
  the virtual environment (`python -m lecturer_app`), both through
  `gui --screenshot` on one data folder; the two take turns in every round
  and the ratio is the median of the per-round ratios (bench/paired.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.paired import paired_ratio  # noqa: E402

MB = 1_000_000


def row(name: str, value: str, target: str, peer: str = "–", ratio: str = "–") -> None:
    print(f"| {name} | {value} | {target} | {peer} | {ratio} |")


def folder_bytes(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def zip_bytes(folder: Path, target: Path) -> int:
    """Size of *folder* zipped as the release zip would be: deflate 9, symbolic links kept as links."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder.parent).as_posix()
            if path.is_symlink():
                info = zipfile.ZipInfo(name)
                info.external_attr = 0o120777 << 16
                archive.writestr(info, os.readlink(path))
            elif path.is_file():
                archive.write(path, name)
    return target.stat().st_size


def bench_size(folder: Path, scratch: Path) -> None:
    size = folder_bytes(folder)
    row("One-folder build on disk (Linux)", f"{size / MB:.1f} MB", "≤ 150 MB")
    zipped = zip_bytes(folder, scratch / "lecturer-app.zip")
    row("… zipped (deflate 9)", f"{zipped / MB:.1f} MB", "≤ 70 MB")
    # What build-app.sh packed; [0-9] (the version) leaves out the scan add-on's tarball, reported apart.
    for tarball in sorted(folder.parent.glob(f"{folder.name}-[0-9]*-linux.tar.gz")):
        row(f"… packed by scripts/build-app.sh ({tarball.name})", f"{tarball.stat().st_size / MB:.1f} MB", "≤ 70 MB")
    addon = folder.parent / f"{folder.name}-scan-addon"
    if addon.is_dir():  # optional, outside the budget (docs/packaging.md)
        row("Scan add-on on disk (optional)", f"{folder_bytes(addon) / MB:.1f} MB", "–")
        for tarball in sorted(folder.parent.glob(f"{addon.name}-[0-9]*-linux.tar.gz")):
            row(f"… packed ({tarball.name})", f"{tarball.stat().st_size / MB:.1f} MB", "–")


def _paint_seconds(command: list[str], env: dict[str, str], shot: Path) -> float:
    started = time.time()
    done = subprocess.run([*command, "gui", "--screenshot", str(shot)], check=True, env=env, capture_output=True,
                          text=True)
    return json.loads(done.stdout.splitlines()[-1])["painted_at"] - started


def bench_start(folder: Path, scratch: Path, runs: int) -> None:
    data = scratch / "dữ liệu"
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(scratch), PYTHONPYCACHEPREFIX=str(scratch / "pycache"))
    starts = {"frozen": [str(folder / "lecturer-app"), "--data-dir", str(data)],
              "venv": [sys.executable, "-m", "lecturer_app", "--data-dir", str(data)]}
    times: dict[str, list[float]] = {name: [] for name in starts}
    for round_number in range(runs + 1):  # an untimed first round imports the bank and fills the caches
        for name, command in starts.items():
            seconds = _paint_seconds(command, env, scratch / f"{name}.png")
            if round_number:
                times[name].append(seconds)
    frozen, venv = (statistics.median(times[name]) for name in ("frozen", "venv"))
    row(f"Frozen app: process start to main window painted with the bank tree (p50 of {runs}; ratio: median "
        "of the per-round ratios)", f"{frozen:.2f} s", "≤ 1.3× the same start from the venv",
        f"`python -m lecturer_app` from the venv {venv:.2f} s", f"{paired_ratio(times['frozen'], times['venv']):.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--build", type=Path, default=ROOT / "dist" / "lecturer-app")
    args = parser.parse_args()
    print("| measurement | result | target | peer | ratio |")
    print("|---|---|---|---|---|")
    if not (args.build / "lecturer-app").exists():
        row(f"no build at {args.build} (run scripts/build-app.sh)", "–", "–")
        return
    with tempfile.TemporaryDirectory() as scratch:
        bench_size(args.build, Path(scratch))
        bench_start(args.build, Path(scratch), args.runs)


if __name__ == "__main__":
    main()
