"""One CLI command as whole processes, two checkouts taking turns: the before/after figures of a change.

    .venv/bin/python bench/paired_cli.py BASE_CHECKOUT BASE_DATA DATA ROUNDS [--one-process] -- questions list --json

Runs ``python -m lecturer_app --data-dir … ARGS`` from BASE_CHECKOUT on
BASE_DATA and from this checkout on DATA, alternating which goes first in
each round (this shared machine's speed drifts between minutes; a pair sees
the same load).  ``{out}`` in ARGS becomes a per-side output path.  Prints
each run, the median wall time with min–max, the median CPU time (user +
system, the command's and its reaped children's: the work, which a loaded
machine's wall time hides) and the largest peak RSS of each side
(``bench/whole_process.py``: the child's own, not the driver's; a forked
helper's peak is its own, not added), and the median of the per-round
ratios (this ÷ base) with min–max.  Give each side its own copy
of the data: a newer schema migrates the folder it opens.  ``--one-process``
runs each side through ``bench/one_process.py``: no forked helper, as on Windows.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import whole_process  # noqa: E402
from bench.paired import paired_range  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def run(checkout: Path, data: Path, args: list[str], out: Path,
        one_process: bool = False) -> tuple[float, float, float]:
    entry = [str(ROOT / "bench" / "one_process.py")] if one_process else ["-m", "lecturer_app"]
    command = [sys.executable, *entry, "--data-dir", str(data), *(a.format(out=out) for a in args)]
    measured = whole_process.run(command, cwd=checkout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env={**os.environ, "PYTHONPATH": str(checkout)})
    if measured.exit not in (0, 1):
        raise RuntimeError(f"{command} failed in {checkout}")
    return measured.seconds, measured.peak_mb, measured.cpu


def main() -> None:
    base, base_data, data, rounds = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    args = sys.argv[sys.argv.index("--") + 1:]
    one_process = "--one-process" in sys.argv[5:sys.argv.index("--")]
    sides = {"base": (base, base_data), "this": (ROOT, data)}
    for checkout in (base, ROOT):  # as an installed app ships them: a stale .pyc would time a compile
        compileall.compile_dir(checkout / "lecturer_app", quiet=1)
    results: dict[str, list[tuple[float, float, float]]] = {"base": [], "this": []}
    with tempfile.TemporaryDirectory() as tmp:
        for number in range(rounds):
            for name in (("base", "this") if number % 2 == 0 else ("this", "base")):
                took, peak, cpu = run(*sides[name], args, Path(tmp) / name, one_process)
                results[name].append((took, peak, cpu))
                print(f"  round {number + 1} {name}: {took:.2f} s (CPU {cpu:.2f} s), {peak:.0f} MB", flush=True)
    for name, runs in results.items():
        times = [t for t, _, _ in runs]
        print(f"{name}: median {statistics.median(times):.2f} s ({min(times):.2f}–{max(times):.2f}), "
              f"CPU {statistics.median(c for _, _, c in runs):.2f} s, peak RSS {max(m for _, m, _ in runs):.0f} MB")
    print("this ÷ base:", paired_range([t for t, _, _ in results["this"]], [t for t, _, _ in results["base"]]))


if __name__ == "__main__":
    main()
