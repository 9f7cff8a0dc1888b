"""Reading scanned answer sheets (issue #18): pages per second and peak memory.

    .venv/bin/python bench/bench_omr.py [--rounds 5] [--sheets 50]

Prints Markdown table rows: measurement | result | target | peer | ratio.
The corpus is made the way the tests make theirs (tests/omr/sheet_maker.py):
the app's own 40-question sheet rendered at 200 dpi by pdftoppm, filled with
pencil or pen marks (a few faint, partial or crossed ones), rotated, noised
and saved as JPEG.  Making the corpus is not timed.  Each measurement runs
in a fresh process, so its peak resident memory (VmHWM) is the reader's
alone plus the interpreter and libraries; the accuracy of the same run is
reported next to the speed (a silent error is a wrong answer not flagged).

Peer, interleaved in the same run when installed: auto-multiple-choice.
Each of --rounds rounds runs our reader and AMC's `analyse` on --sheets pages
each, each in a fresh process, the first side alternating per round (the
machine is noisy); the ratios are the median of the per-round ratios with
their min–max. Its own 40-question answer sheets (AMC-TXT, separate
answer sheet, `prepare`, `meptex`) are rendered at 200 dpi, filled at the boxes its layout database
gives (same pencil/pen disks, same blanks rate), damaged the same way
(rotation ±5°, noise, JPEG) and read by `auto-multiple-choice analyse`;
a box counts as ticked at dark share ≥ 0,5 (AMC's default 0,15 would tick
every box of these noisy scans, whose empty boxes read about 0,23).  AMC
has no notion of a doubt, so its errors are all silent.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "omr")]

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


def amc_prepare(folder: Path, sheets: int) -> tuple[list[Path], dict] | str:
    """AMC's filled, damaged answer sheets and their truth, or why the peer cannot run."""
    if shutil.which("auto-multiple-choice") is None:
        return "AMC not installed"
    amc = folder / "amc"
    amc.mkdir()
    if not amc_project(amc, sheets):
        return "AMC prepare failed"
    return amc_corpus(amc, sheets)


def amc_round(folder: Path, files: list[Path], truth: dict) -> tuple[float, float, int, int, int] | None:
    """One fresh `analyse` of *files*; its previous captures are removed so every round reads every page."""
    (folder / "data" / "capture.sqlite").unlink(missing_ok=True)
    shutil.rmtree(folder / "cr", ignore_errors=True)
    (folder / "cr").mkdir()
    return amc_analyse(folder, files, truth)


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


def ratio_text(values: list[float], unit: str) -> str:
    return f"{statistics.median(values):.2f}× {unit} ({min(values):.2f}–{max(values):.2f})"


def run_rounds(folder: Path, rounds: int, amc: tuple[list[Path], dict] | str) -> tuple[list[dict], list]:
    """*rounds* rounds of ours and AMC interleaved, the first side alternating, each in a fresh process."""
    ours: list[dict] = []
    peers: list = []
    for index in range(rounds):
        sides = ["ours", "amc"] if index % 2 == 0 else ["amc", "ours"]
        for side in sides:
            if side == "ours":
                ours.append(run_child(folder / "scans"))
            elif not isinstance(amc, str):
                peers.append(amc_round(folder / "amc", *amc))
        sheets = len(ours[-1]["sheets"])
        peer = peers[-1] if peers and peers[-1] else None
        peer_text = f"AMC {len(amc[0]) / peer[0]:.2f} pages/s, {1000 * peer[1] / len(amc[0]):.0f} ms CPU" \
            if peer and not isinstance(amc, str) else "–"
        row(f"Round {index + 1} ({' then '.join(sides)})", f"{sheets / ours[-1]['seconds']:.2f} pages/s, "
            f"{1000 * ours[-1]['cpu'] / sheets:.0f} ms CPU", "–", peer_text)
    return ours, peers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds of ours and AMC")
    parser.add_argument("--sheets", type=int, default=50, help="pages per side per round")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-omr-"))
    (folder / "scans").mkdir()
    try:
        truth = make_corpus(folder, args.sheets)
        amc = amc_prepare(folder, args.sheets)
        ours, peers = run_rounds(folder, args.rounds, amc)
        report(ours, peers, amc, truth, args.sheets)
        big = run_child(make_big_pdf(folder, BIG_PAGES))
        row(f"{BIG_PAGES}-page colour PDF scanned at 600 dpi (rendered at 200 dpi by pdftoppm)",
            f"{BIG_PAGES / big['seconds']:.1f} pages/s, peak {big['peak_mb']:.0f} MB", "bounded")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(ours: list[dict], peers: list, amc: tuple[list[Path], dict] | str, truth: list[dict], sheets: int) -> None:
    """Medians over the rounds, the per-round ratios' median and min–max; accuracy of the last round."""
    rates = [sheets / r["seconds"] for r in ours]
    cpus = [r["cpu"] / sheets for r in ours]
    done = [p for p in peers if p]
    pages = len(amc[0]) if not isinstance(amc, str) else 0
    paired = len(done) == len(ours) and pages > 0
    peer_rates = [pages / p[0] for p in done]
    peer_cpus = [p[1] / pages for p in done]
    why = amc if isinstance(amc, str) else "AMC analyse failed"
    row(f"`scan_sheets`: {sheets} JPEG scans, 200 dpi, rotated ±5°, noise, fresh process (median of {len(ours)} "
        "rounds; ratio: median of the per-round ratios, min–max)", f"{statistics.median(rates):.2f} pages/s",
        "≥ 3× AMC", f"AMC analyse {statistics.median(peer_rates):.2f} pages/s ({pages} of its sheets)" if paired
        else why, ratio_text([a / b for a, b in zip(rates, peer_rates)], "faster") if paired else "–")
    row("Same rounds: CPU time per page (user + system, all threads / AMC's child processes)",
        f"{1000 * statistics.median(cpus):.0f} ms", "≥ 3× AMC",
        f"AMC {1000 * statistics.median(peer_cpus):.0f} ms" if paired else "–",
        ratio_text([b / a for a, b in zip(cpus, peer_cpus)], "less") if paired else "–")
    last = ours[-1]
    right, silent, missed = accuracy(last, truth)
    total = sum(len(t["answers"]) - len(t["odd"]) for t in truth)
    row("Same rounds: peak resident memory, the largest (interpreter, OpenCV, numpy included)",
        f"{max(r['peak_mb'] for r in ours):.0f} MB", "bounded (one page at a time)")
    row("Last round: SBD and mã đề read",
        f"{sum(s['sbd'] == f'{i:06d}' for i, s in enumerate(last['sheets']))}/{sheets}", f"{sheets}/{sheets}")
    peer_accuracy = (f"AMC: {done[-1][2]}/{done[-1][4]} boxes right at threshold 0,5, {done[-1][3]} wrong "
                     "(all silent)") if done else "–"
    row("Last round: answers right or flagged / silent errors / doubtful marks not flagged",
        f"{right}/{total} / {silent} / {missed}", "≥ 99.9 % / 0 / 0", peer_accuracy)


if __name__ == "__main__":
    main()
