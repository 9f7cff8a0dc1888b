"""The decode of a folder of scanned images, the base's ``sources._read_image`` against this checkout's, taking
turns in one process (the cost of catching the decoders' stderr in a file instead of the null device):

    PYTHONPATH=$PWD .venv/bin/python bench/paired_image_decode.py BASE_CHECKOUT FOLDER ROUNDS

Prints each round's seconds for the whole folder (wall and this process's CPU) and the median ratio.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.paired import paired_range


def _base_sources(checkout: Path) -> Any:
    spec = importlib.util.spec_from_file_location("base_sources", checkout / "lecturer_app/importers/omr/sources.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _timed(read: Any, files: list[Path]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for path in files:
        read(path)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    from lecturer_app.importers.omr import sources  # noqa: PLC0415 - after sys.path has this checkout

    base, folder, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    sides = {"base": _base_sources(base)._read_image, "this": sources._read_image}
    times: dict[str, list[tuple[float, float]]] = {"base": [], "this": []}
    _timed(sides["base"], files[:2])  # OpenCV's first decode loads its codecs
    for number in range(rounds):
        for name in (("base", "this") if number % 2 == 0 else ("this", "base")):
            times[name].append(_timed(sides[name], files))
            print(f"  round {number + 1} {name}: {times[name][-1][0]:.3f} s (CPU {times[name][-1][1]:.3f} s)")
    for name, runs in times.items():
        print(f"{name}: median {statistics.median(w for w, _ in runs):.3f} s for {len(files)} images, "
              f"CPU {statistics.median(c for _, c in runs):.3f} s")
    this, base_runs = times["this"], times["base"]
    print(f"this ÷ base (wall): {paired_range([w for w, _ in this], [w for w, _ in base_runs])}")
    print(f"this ÷ base (CPU): {paired_range([c for _, c in this], [c for _, c in base_runs])}")


if __name__ == "__main__":
    main()
