"""`exam scan` on a normal batch, whole process: this tree against another (the base), interleaved.

    .venv/bin/python bench/bench_scan_pages.py --corpus DIR [--base /path/to/base/tree] [--rounds 5]

Makes (once, in DIR) an exam of 40 questions × 4 versions with `exam build`,
the acceptance test's 30-page PDF (tests/omr/test_exam_scan_cli.py: 30 filled
sheets, rotated and noised, JPEG in the PDF), the same 30 pages as JPEG files
in a folder, and the fuzzer's scan seeds (tests/support/scan_seeds.py: PNG,
JPEG, a two-page PDF).  Then, per round, runs
`python -m lecturer_app exam scan --exam E --sheets S -o out.xlsx --json` of
each tree in a fresh process, the first side alternating per round, with
poppler on the PATH (pdftoppm) and without it (PDFium), and prints wall and
CPU seconds (the child's and its children's: pdftoppm, the PDFium process)
with the median ratio (this tree / base) and its min–max.  Every output is
compared byte for byte with the base's (the `--json` report; `cmp`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "omr")]


def make_corpus(folder: Path) -> None:
    from test_exam_scan_cli import _learners, _scan_pdf

    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.exam.manifest import read_manifest
    from tests.exam.exam_bank_data import make_exam_bank
    from tests.support.cli_runs import run_in as run_cli
    from tests.support.scan_seeds import build_scans

    data, exam = folder / "data", folder / "de"
    workspace = open_workspace(data)
    make_exam_bank(workspace.store)
    workspace.close()
    code, _, err = run_cli(data, "exam", "build", "--topics", "LS-01,LS-02,LS-03", "--mc", "40", "--versions", "4",
                           "--seed", "7", "-o", str(exam), "--no-docx")
    assert code == 0, err
    scan = _scan_pdf(exam / "phieu_tra_loi.pdf", _learners(read_manifest(exam)), folder / "scan30.pdf")
    pages = folder / "trang_jpg"
    pages.mkdir()
    subprocess.run(["pdfimages", "-j", str(scan), str(pages / "trang")], check=True)
    (folder / "hat").mkdir()
    build_scans(exam, folder / "hat")
    (folder / "no-poppler").mkdir()


def cases(folder: Path) -> list[tuple[str, Path, Path]]:
    """(name, exam folder, sheets)."""
    seeds = folder / "hat"
    return [("30 trang PDF", folder / "de", folder / "scan30.pdf"),
            ("30 ảnh JPEG", folder / "de", folder / "trang_jpg"),
            ("seed PNG", seeds / "de_thi_quet", seeds / "phieu_quet.png"),
            ("seed JPEG", seeds / "de_thi_quet", seeds / "phieu_quet.jpg"),
            ("seed PDF", seeds / "de_thi_quet", seeds / "phieu_quet.pdf")]


def run_scan(tree: Path, folder: Path, exam: Path, sheets: Path, poppler: bool,
             out: Path) -> tuple[float, float, bytes]:
    """Wall seconds, CPU seconds (child and grandchildren), stdout of one `exam scan --json`."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    if not poppler:
        env["PATH"] = str(folder / "no-poppler")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "lecturer_app", "--data-dir", str(folder / "data"), "exam", "scan",
                           "--exam", str(exam), "--sheets", str(sheets), "-o", str(out), "--json"],
                          capture_output=True, cwd=tree, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{tree}: exam scan failed: {done.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout.replace(str(out).encode(), b"OUT")


def ratio_text(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f}–{max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder of the corpus (made when missing)")
    parser.add_argument("--base", type=Path, default=None, help="the tree to compare with")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="30 trang PDF", help="case timed each round ('all' for every case)")
    args = parser.parse_args()
    if not (args.corpus / "de").exists():
        shutil.rmtree(args.corpus, ignore_errors=True)
        args.corpus.mkdir(parents=True)
        make_corpus(args.corpus)
    sides = {"ours": ROOT, **({"base": args.base.resolve()} if args.base else {})}
    out = args.corpus / "out"
    out.mkdir(exist_ok=True)
    same = True
    outputs_of: dict[tuple[str, bool], bytes] = {}
    for name, exam, sheets in cases(args.corpus):
        for poppler in (True, False):
            outputs = {side: run_scan(tree, args.corpus, exam, sheets, poppler, out / "bai_lam.xlsx")[2]
                       for side, tree in sides.items()}
            outputs_of[name, poppler] = outputs["ours"]
            (out / f"{name}-{poppler}-ours.json").write_bytes(outputs["ours"])
            if "base" in outputs:
                (out / f"{name}-{poppler}-base.json").write_bytes(outputs["base"])
                identical = outputs["ours"] == outputs["base"]
                same &= identical
                print(f"{name:<14} {'pdftoppm' if poppler else 'PDFium  '} --json {len(outputs['ours'])} bytes: "
                      f"{'identical' if identical else 'DIFFERENT'}")
    timed = [case for case in cases(args.corpus) if args.only in ("all", case[0])] if args.rounds else []
    for name, exam, sheets in timed:
        for poppler in (True, False):
            times: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
            for round_ in range(args.rounds):
                order = list(sides) if round_ % 2 == 0 else list(reversed(sides))
                for side in order:
                    wall, cpu, _ = run_scan(sides[side], args.corpus, exam, sheets, poppler, out / "bai_lam.xlsx")
                    times[side].append((wall, cpu))
            label = f"{name}, {'pdftoppm' if poppler else 'PDFium'}"
            for side, values in times.items():
                print(f"{label}: {side} wall " + " ".join(f"{w:.2f}" for w, _ in values) + " s; cpu "
                      + " ".join(f"{c:.2f}" for _, c in values) + " s")
            if "base" in times and args.rounds:
                walls = [o[0] / b[0] for o, b in zip(times["ours"], times["base"])]
                cpus = [o[1] / b[1] for o, b in zip(times["ours"], times["base"])]
                print(f"{label}: ours/base wall {ratio_text(walls)}, cpu {ratio_text(cpus)} over {args.rounds} "
                      "paired rounds")
                pages = json.loads(outputs_of[name, poppler])["pages"]
                for what, at in (("wall", 0), ("cpu", 1)):
                    added = [(o[at] - b[at]) * 1000 / pages for o, b in zip(times["ours"], times["base"])]
                    print(f"{label}: ours − base {what} per page: median {statistics.median(added):.1f} ms "
                          f"({min(added):.1f}–{max(added):.1f}), {pages} pages")
    if not same:
        raise SystemExit("outputs differ from the base")


if __name__ == "__main__":
    main()
