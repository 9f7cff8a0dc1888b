"""Reading scanned answer sheets (issue #18): pages per second and peak memory.

    .venv/bin/python bench/bench_omr.py

Prints Markdown table rows: measurement | result | target | peer | ratio.
The corpus is made the way the tests make theirs (tests/omr/sheet_maker.py):
the app's own 40-question sheet rendered at 200 dpi by pdftoppm, filled with
pencil or pen marks (a few faint, partial or crossed ones), rotated, noised
and saved as JPEG.  Making the corpus is not timed.  Each measurement runs
in a fresh process, so its peak resident memory (VmHWM) is the reader's
alone plus the interpreter and libraries; the accuracy of the same run is
reported next to the speed (a silent error is a wrong answer not flagged).

Peer: auto-multiple-choice (`auto-multiple-choice analyse`) when installed;
it is not installable on this machine (see docs/benchmarks.md).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "omr")]

SHEETS = 200
BIG_PAGES = 10

CHILD = """
import json, sys, time
from pathlib import Path
sys.path[:0] = {paths!r}
from sheet_maker import manifest
from lecturer_app.importers.omr.reader import scan_sheets
exam = manifest(40)
start = time.perf_counter()
result = scan_sheets(Path({target!r}), exam)
seconds = time.perf_counter() - start
# VmHWM: this process's own high-water mark (ru_maxrss would count the parent's pages from before exec).
status = Path("/proc/self/status").read_text()
peak = int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM"))) / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "sheets": [s.to_json() for s in result.sheets],
                  "bad": len(result.bad)}}))
"""


def row(name: str, value: str, target: str, peer: str = "–", ratio: str = "–") -> None:
    print(f"| {name} | {value} | {target} | {peer} | {ratio} |", flush=True)


def make_corpus(folder: Path, count: int) -> list[dict]:
    """*count* filled, rotated, noised JPEG scans at 200 dpi, and what each learner marked."""
    import cv2
    import numpy as np
    from sheet_maker import degrade, fill_sheet, render, sheet_pdf

    base = render(sheet_pdf(folder, 40), 200)
    truth = []
    for index in range(count):
        rng = np.random.default_rng(index)
        answers = ["" if rng.random() < 0.08 else "ABCD"[int(rng.integers(4))] for _ in range(40)]
        odd = {}
        if index % 4 == 0:
            q = int(rng.integers(40))
            odd[q + 1] = [(next(x for x in "DCBA" if x not in answers[q]), str(rng.choice(["faint", "cross"])))]
        image = fill_sheet(base.copy(), 200, rng, f"{index:06d}", "101", answers, 40, odd=odd,
                           style=str(rng.choice(["pencil", "pen"])))
        scan = degrade(image, rng, ("rotate", "noise", "jpeg"))
        cv2.imwrite(str(folder / "scans" / f"{index:03d}.jpg"), scan, [cv2.IMWRITE_JPEG_QUALITY, 75])
        truth.append({"answers": answers, "odd": list(odd)})
    return truth


def make_big_pdf(folder: Path, pages: int) -> Path:
    """*pages* colour pages at 600 dpi in one PDF: the "huge scan" case."""
    import cv2
    import numpy as np
    from PIL import Image
    from sheet_maker import fill_sheet, render, sheet_pdf

    base = render(sheet_pdf(folder, 40), 600)
    rng = np.random.default_rng(1)
    images = []
    for index in range(pages):
        gray = fill_sheet(base.copy(), 600, rng, f"{index:06d}", "101", ["A"] * 40, 40)
        images.append(Image.fromarray(cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)))
    path = folder / "big.pdf"
    images[0].save(path, save_all=True, append_images=images[1:], resolution=600, quality=85)
    return path


def run_child(target: Path) -> dict:
    code = CHILD.format(paths=[str(ROOT), str(ROOT / "tests" / "omr")], target=str(target))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def accuracy(result: dict, truth: list[dict]) -> tuple[int, int, int]:
    """(bubbles right or flagged, silent errors, doubtful marks missed) over the corpus."""
    right = silent = missed = 0
    for sheet, want in zip(result["sheets"], truth):
        flagged = {d["question"] for d in sheet["doubts"]}
        for number, (read, answer) in enumerate(zip(sheet["answers"], want["answers"]), start=1):
            if number in want["odd"]:
                missed += number not in flagged
            elif read == answer or number in flagged:
                right += 1
            else:
                silent += 1
    return right, silent, missed


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-omr-"))
    (folder / "scans").mkdir()
    try:
        truth = make_corpus(folder, SHEETS)
        result = run_child(folder / "scans")
        right, silent, missed = accuracy(result, truth)
        total = sum(len(t["answers"]) - len(t["odd"]) for t in truth)
        rate = SHEETS / result["seconds"]
        row(f"`scan_sheets`: {SHEETS} JPEG scans, 200 dpi, rotated ±5°, noise (one process, one core)",
            f"{rate:.1f} pages/s ({result['seconds']:.1f} s)", "–")
        row("Same run: peak resident memory (interpreter, OpenCV, numpy included)", f"{result['peak_mb']:.0f} MB",
            "bounded (one page at a time)")
        row("Same run: SBD and mã đề read", f"{sum(s['sbd'] == f'{i:06d}' for i, s in enumerate(result['sheets']))}"
            f"/{SHEETS}", f"{SHEETS}/{SHEETS}")
        row("Same run: answers right or flagged / silent errors / doubtful marks not flagged",
            f"{right}/{total} / {silent} / {missed}", "≥ 99.9 % / 0 / 0")
        big = run_child(make_big_pdf(folder, BIG_PAGES))
        row(f"{BIG_PAGES}-page colour PDF scanned at 600 dpi (rendered at 200 dpi by pdftoppm)",
            f"{BIG_PAGES / big['seconds']:.1f} pages/s, peak {big['peak_mb']:.0f} MB", "bounded")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
