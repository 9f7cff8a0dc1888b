"""A bundle import by two checkouts in turns: wall and CPU seconds of whole processes, this ÷ base.

    .venv/bin/python bench/paired_import.py BASE_TREE THIS_TREE BUNDLE RECEIVER ROUNDS [here|forked]

Each round imports BUNDLE into a fresh copy of the data folder RECEIVER with
each checkout's code, in a process of its own, the order reversed every other
round; CPU = user + system of that process and its children (the forked
signature checker).  ``here`` / ``forked`` force where the signatures are
checked (default: the app's own policy).  Made for issue #13's import work:
on a loaded machine the CPU ratio is the figure to read.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

_STEP = r'''
import json, os, shutil, sys, time
from pathlib import Path
from lecturer_app.core.workspace import open_workspace
from lecturer_app.sync import bundle_import, signature_checks
from lecturer_app.sync.device import open_device
if os.environ["WHERE"] != "policy":
    signature_checks.parallel_possible = lambda: os.environ["WHERE"] == "forked"
receiver = Path(os.environ["COPY"])
shutil.rmtree(receiver, ignore_errors=True)
shutil.copytree(os.environ["RECEIVER"], receiver)
workspace = open_workspace(receiver)
device = open_device(workspace.data_dir, workspace.store)
def cpu():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
start, cpu_start = time.perf_counter(), cpu()
report = bundle_import.import_bundle(device, workspace.blobs, Path(os.environ["BUNDLE"]), trust_new=True)
wall, used = time.perf_counter() - start, cpu() - cpu_start
workspace.close()
shutil.rmtree(receiver)
print(json.dumps({"wall": wall, "cpu": used, "new": report.revisions_new, "rejected": len(report.rejected),
                  "signatures": getattr(report, "signature_checks", "?")}))
'''


def _run(tree: str, bundle: str, receiver: str, copy: str, where: str) -> dict:
    env = {**os.environ, "PYTHONPATH": tree, "BUNDLE": bundle, "RECEIVER": receiver, "COPY": copy, "WHERE": where}
    out = subprocess.run([sys.executable, "-c", _STEP], env=env, cwd=tree, capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _ratio(this: list[float], base: list[float]) -> str:
    ratios = [a / b for a, b in zip(this, base)]
    return f"{statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f})"


def main() -> None:
    base_tree, this_tree, bundle, receiver, rounds = sys.argv[1:6]
    where = sys.argv[6] if len(sys.argv) > 6 else "policy"
    trees = {"base": base_tree, "this": this_tree}
    runs: dict[str, list[dict]] = {"base": [], "this": []}
    print(f"### {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} load {os.getloadavg()[0]:.2f} "
          f"signatures: {where}", flush=True)
    with tempfile.TemporaryDirectory(prefix="paired-import-") as scratch:
        for number in range(int(rounds)):
            for side in (["base", "this"] if number % 2 == 0 else ["this", "base"]):
                runs[side].append(_run(trees[side], bundle, receiver, os.path.join(scratch, side), where))
                print(f"  round {number + 1} {side}: {runs[side][-1]}", flush=True)
    for key in ("wall", "cpu"):
        base, this = [r[key] for r in runs["base"]], [r[key] for r in runs["this"]]
        print(f"{key}: base median {statistics.median(base):.2f} s, this {statistics.median(this):.2f} s, "
              f"this ÷ base {_ratio(this, base)}")
    print(f"(load average at the end {' / '.join(f'{x:.2f}' for x in os.getloadavg())})")


if __name__ == "__main__":
    main()
