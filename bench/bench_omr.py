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

Peer, in the same run when installed: auto-multiple-choice. Its own
40-question answer sheets (AMC-TXT, separate answer sheet, `prepare`,
`meptex`) are rendered at 200 dpi, filled at the boxes its layout database
gives (same pencil/pen disks, same blanks rate), damaged the same way
(rotation ±5°, noise, JPEG) and read by `auto-multiple-choice analyse`;
a box counts as ticked at dark share ≥ 0,5 (AMC's default 0,15 would tick
every box of these noisy scans, whose empty boxes read about 0,23).  AMC
has no notion of a doubt, so its errors are all silent.
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
AMC_SHEETS = 50
BIG_PAGES = 10
# AMC's default threshold (0,15 dark share) marks every box of these noisy scans (empty boxes read about
# 0,23); the peer is counted with the midpoint between its empty and filled boxes instead, its best case.
AMC_THRESHOLD = 0.5

CHILD = """
import json, sys, time
from pathlib import Path
sys.path[:0] = {paths!r}
from sheet_maker import manifest
from lecturer_app.importers.omr.reader import scan_sheets
exam = manifest(40)
start, cpu = time.perf_counter(), time.process_time()
result = scan_sheets(Path({target!r}), exam)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
# VmHWM: this process's own high-water mark (ru_maxrss would count the parent's pages from before exec).
status = Path("/proc/self/status").read_text()
peak = int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM"))) / 1024
print(json.dumps({{"seconds": seconds, "cpu": cpu, "peak_mb": peak, "sheets": [s.to_json() for s in result.sheets],
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


def amc_source(folder: Path) -> Path:
    lines = ["PaperSize: A4", "Lang: EN", "Title: Exam", "Code: 6", "LaTeXEngine: pdflatex", "xltxtra: 0", "Font: 0",
             "ShuffleQuestions: 1", "SeparateAnswerSheet: 1", "AnswerSheetColumns: 2", ""]
    for n in range(40):
        lines += [f"* Question {n} about the history of the Party?",
                  *[("+ " if k == n % 4 else "- ") + f"Option {n}-{k}" for k in range(4)], ""]
    source = folder / "exam.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    return source


def amc_project(folder: Path, copies: int) -> bool:
    """AMC's sheets for *copies* copies, and its layout database (prepare + meptex)."""
    source = amc_source(folder)
    (folder / "data").mkdir()
    (folder / "cr").mkdir()
    prepare = ["auto-multiple-choice", "prepare", "--mode", "s", "--with", "pdflatex", "--filter", "plain",
               "--filtered-source", str(folder / "src.tex"), "--prefix", f"{folder}/", "--data", str(folder / "data"),
               "--n-copies", str(copies), "--out-sujet", str(folder / "sujet.pdf"),
               "--out-corrige", str(folder / "corrige.pdf"), "--out-calage", str(folder / "calage.xy"), str(source)]
    meptex = ["auto-multiple-choice", "meptex", "--src", str(folder / "calage.xy"), "--data", str(folder / "data")]
    return all(subprocess.run(c, capture_output=True).returncode == 0 for c in (prepare, meptex))


def amc_corpus(folder: Path, copies: int) -> tuple[list[Path], dict]:
    """Each copy's answer-sheet page filled and damaged like ours; truth: filled (student, question, answer)."""
    import sqlite3

    import cv2
    import numpy as np
    from sheet_maker import degrade

    layout = sqlite3.connect(folder / "data" / "layout.sqlite")
    pages = dict(layout.execute("SELECT student, page FROM layout_box WHERE role = 1 GROUP BY student, page "
                                "HAVING count(*) >= 160"))
    per_copy = len(list(layout.execute("SELECT page FROM layout_page WHERE student = 1")))
    files, truth = [], {}
    for student, page in sorted(pages.items())[:copies]:
        rng = np.random.default_rng(student)
        number = (student - 1) * per_copy + page
        out = subprocess.run(["pdftoppm", "-r", "200", "-gray", "-f", str(number), "-l", str(number),
                              str(folder / "sujet.pdf")], capture_output=True, check=True).stdout
        image = cv2.imdecode(np.frombuffer(out, np.uint8), cv2.IMREAD_GRAYSCALE)
        boxes = list(layout.execute("SELECT question, answer, xmin, xmax, ymin, ymax FROM layout_box "
                                    "WHERE student = ? AND page = ? AND role = 1", (student, page)))
        for question in sorted({b[0] for b in boxes}):
            if rng.random() < 0.08:
                continue
            choice = [b for b in boxes if b[0] == question][int(rng.integers(4))]
            _fill_box(image, choice[2:], rng, 200 / 300)
            truth[(student, question, choice[1])] = True
        path = folder / f"amc_{student:03d}.jpg"
        cv2.imwrite(str(path), degrade(image, rng, ("rotate", "noise", "jpeg")), [cv2.IMWRITE_JPEG_QUALITY, 75])
        files.append(path)
    return files, truth


def _fill_box(image, box, rng, scale: float) -> None:
    import numpy as np

    xmin, xmax, ymin, ymax = (v * scale for v in box)
    cx, cy, r = (xmin + xmax) / 2, (ymin + ymax) / 2, 0.45 * (xmax - xmin)
    span = int(r) + 2
    ys, xs = np.mgrid[-span:span + 1, -span:span + 1]
    inside = np.hypot(xs, ys) <= r
    patch = image[int(cy) - span:int(cy) + span + 1, int(cx) - span:int(cx) + span + 1]
    ink = np.clip(80 + rng.normal(0, 30, patch.shape), 0, 255).astype(np.uint8)
    patch[inside] = np.minimum(patch[inside], ink[inside])


def amc_analyse(folder: Path, files: list[Path], truth: dict) -> tuple[float, float, int, int, int] | None:
    """(seconds, CPU seconds, boxes right, boxes wrong, boxes) of `auto-multiple-choice analyse` on *files*.

    CPU: user + system of AMC and every process it waited for (its per-page workers), from RUSAGE_CHILDREN.
    """
    import resource
    import sqlite3
    import time

    command = ["auto-multiple-choice", "analyse", "--projet", str(folder), "--data", str(folder / "data"),
               "--cr", str(folder / "cr"), *map(str, files)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode != 0:
        return None
    capture = sqlite3.connect(folder / "data" / "capture.sqlite")
    right = wrong = 0
    for student, question, answer, total, black in capture.execute(
            "SELECT student, id_a, id_b, total, black FROM capture_zone WHERE type = 4 AND total > 0"):
        ticked = black / total >= AMC_THRESHOLD
        if ticked == ((student, question, answer) in truth):
            right += 1
        else:
            wrong += 1
    return seconds, cpu, right, wrong, right + wrong


def amc_peer(folder: Path) -> tuple[str, float | None, str, float | None]:
    """The peer's speed text, pages/s, accuracy text (or why there is none) and CPU seconds per page."""
    if shutil.which("auto-multiple-choice") is None:
        return "AMC not installed", None, "–", None
    amc = folder / "amc"
    amc.mkdir()
    if not amc_project(amc, AMC_SHEETS):
        return "AMC prepare failed", None, "–", None
    files, truth = amc_corpus(amc, AMC_SHEETS)
    result = amc_analyse(amc, files, truth)
    if result is None:
        return "AMC analyse failed", None, "–", None
    seconds, cpu, right, wrong, boxes = result
    rate = len(files) / seconds
    return (f"AMC analyse {rate:.1f} pages/s ({len(files)} of its sheets, {seconds:.1f} s)", rate,
            f"AMC: {right}/{boxes} boxes right at threshold 0,5, {wrong} wrong (all silent)", cpu / len(files))


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
        peer, peer_rate, peer_accuracy, peer_cpu = amc_peer(folder)
        ratio = f"{rate / peer_rate:.1f}× faster" if peer_rate else "–"
        row(f"`scan_sheets`: {SHEETS} JPEG scans, 200 dpi, rotated ±5°, noise (one process)",
            f"{rate:.1f} pages/s ({result['seconds']:.1f} s)", "≥ 3× AMC", peer, ratio)
        cpu = result["cpu"] / SHEETS
        row("Same runs: CPU time per page (user + system, all threads / AMC's child processes; load-independent)",
            f"{1000 * cpu:.0f} ms", "≥ 3× AMC", f"AMC {1000 * peer_cpu:.0f} ms" if peer_cpu else "–",
            f"{peer_cpu / cpu:.1f}× less" if peer_cpu else "–")
        row("Same run: peak resident memory (interpreter, OpenCV, numpy included)", f"{result['peak_mb']:.0f} MB",
            "bounded (one page at a time)")
        row("Same run: SBD and mã đề read", f"{sum(s['sbd'] == f'{i:06d}' for i, s in enumerate(result['sheets']))}"
            f"/{SHEETS}", f"{SHEETS}/{SHEETS}")
        row("Same run: answers right or flagged / silent errors / doubtful marks not flagged",
            f"{right}/{total} / {silent} / {missed}", "≥ 99.9 % / 0 / 0", peer_accuracy)
        big = run_child(make_big_pdf(folder, BIG_PAGES))
        row(f"{BIG_PAGES}-page colour PDF scanned at 600 dpi (rendered at 200 dpi by pdftoppm)",
            f"{BIG_PAGES / big['seconds']:.1f} pages/s, peak {big['peak_mb']:.0f} MB", "bounded")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
