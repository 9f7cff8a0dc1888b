"""Paired, interleaved: reading the English catalogue and explaining check findings, base checkout against this one.

    .venv/bin/python bench/paired_english_catalogue.py BASE_CHECKOUT [ROUNDS]

Each round runs one child process per checkout (alternating which goes first),
each timing, in English: ``i18n.setup("en", …)`` (every .po file read; this
branch also reads plural entries and splits them off) 20 times, and
``findings.explain`` on 1,000 findings of ``check`` as that checkout words them
in English (missing and damaged files, a table out of step, an edited revision,
SQLite damage).  Prints per-measure medians, the median ratio this/base with
min–max, and the CPU seconds of all children.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import json, time
from lecturer_app import i18n
from lecturer_app.core.resources import resource_path
folder = resource_path("translations")
setups = []
for _ in range(20):
    start = time.perf_counter(); i18n.setup("en", folder); setups.append(time.perf_counter() - start)
from lecturer_app.core.backup.findings import explain
from lecturer_app.core.store import integrity
def worded(name, vietnamese):
    """As this checkout's check words the finding: base wrote these in Vietnamese whatever the language."""
    return i18n._(getattr(integrity, name)) if hasattr(integrity, name) else vietnamese
missing = worded("MISSING_BLOB", "thiếu tệp dữ liệu {sha}")
damaged = worded("DAMAGED_BLOB", "tệp dữ liệu {sha} bị hỏng (mã băm không khớp)")
mismatch = worded("TABLE_MISMATCH", "bản ghi {record}: bảng {table} không khớp lịch sử phiên bản")
problems = [(missing if n % 2 else damaged).format(sha=f"{n:064x}") for n in range(600)]
problems += [f"SQLite: *** in database main *** {n}" for n in range(200)]
problems += [mismatch.format(record=n, table="topics") for n in range(200)]
start = time.perf_counter()
titles = [explain(p).title for p in problems]
explain_s = time.perf_counter() - start
print(json.dumps({"setup_ms": sorted(setups)[10] * 1000, "explain_ms": explain_s * 1000,
                  "titles": sorted(set(titles))}))
'''


def _child(checkout: Path) -> dict:
    env = {"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, cwd=checkout, capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)


def _summary(name: str, base: list[float], ours: list[float]) -> str:
    ratios = [o / b for b, o in zip(base, ours)]
    return (f"{name}: base median {statistics.median(base):.2f} (min {min(base):.2f}, max {max(base):.2f}); "
            f"this median {statistics.median(ours):.2f} (min {min(ours):.2f}, max {max(ours):.2f}); "
            f"this/base {statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f})")


def main() -> int:
    base_checkout = Path(sys.argv[1]).resolve()
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    figures: dict[str, dict[str, list[float]]] = {"base": {}, "this": {}}
    titles: dict[str, list[str]] = {}
    for index in range(rounds):
        order = [("base", base_checkout), ("this", ROOT)]
        for side, checkout in order if index % 2 == 0 else order[::-1]:
            result = _child(checkout)
            titles[side] = result.pop("titles")
            for key, value in result.items():
                figures[side].setdefault(key, []).append(value)
    for key in figures["this"]:
        print(_summary(key, figures["base"][key], figures["this"][key]))
    print("finding titles, base:", titles["base"])
    print("finding titles, this:", titles["this"])
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"children CPU: user {usage.ru_utime:.2f} s, sys {usage.ru_stime:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
