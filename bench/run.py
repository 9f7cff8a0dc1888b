"""Runs every benchmark and rewrites the results section of docs/benchmarks.md.

    .venv/bin/python bench/run.py            # all benchmarks
    .venv/bin/python bench/run.py foundation # only bench/bench_foundation.py

Each bench/bench_<area>.py prints Markdown table rows
(measurement | result | target | peer | ratio); this script collects them.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"


def _is_header(line: str) -> bool:
    """A script's own table header or separator row (the collected table has one)."""
    first = line.strip("| ").split("|")[0].strip().lower()
    return first in ("measurement", "what", "name") or set(line.replace("|", "").strip()) <= {"-", ":", " "}


def run_area(path: Path) -> list[str]:
    proc = subprocess.run([sys.executable, str(path)], cwd=ROOT, capture_output=True, text=True)
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ") and not _is_header(line)]
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["?"]
        rows.append(f"| {path.name} failed: {tail[0]} | – | – | – | – |")
    return rows


def _existing_sections(text: str) -> dict[str, list[str]]:
    """The area sections already in the results block, by area name."""
    block = text.partition(START)[2].partition(END)[0]
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in block.splitlines():
        if line.startswith("### "):
            current = sections.setdefault(line[4:].strip(), [])
        elif current is not None and line.startswith("|"):
            current.append(line)
    return sections


def main() -> None:
    wanted = sys.argv[1:]
    scripts = sorted(ROOT.glob("bench/bench_*.py"))
    if wanted:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in wanted]
    text = DOC.read_text(encoding="utf-8")
    sections = _existing_sections(text)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    for script in scripts:
        print(f"running {script.name} …", file=sys.stderr)
        area = script.stem.removeprefix("bench_")
        before = os.getloadavg()[0]
        rows = run_area(script)
        # This machine is shared: the load beside the figures says how far to trust them.
        load = f"load average {before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
        sections[area] = ["| measurement | result | target | peer | ratio |", "|---|---|---|---|---|",
                          *rows, f"| (measured {stamp}; {load}) | | | | |"]
    lines = [START, "", f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
             "each area notes when it was last measured.", ""]
    for area in sorted(sections):
        lines += [f"### {area}", "", *sections[area], ""]
    lines.append(END)
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    DOC.write_text(head + "\n".join(lines) + tail, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
