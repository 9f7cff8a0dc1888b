"""Scanned answer sheets as fuzzer seeds, and the oracle that says when a damaged scan was graded wrong silently.

The seeds are the answer sheet of the fuzzer's exam (built by ``exam build``),
given a fixed exam id so the seeds are the same bytes in every run (a built
exam's id is a time-based UUID, and a mutant is rebuilt from its name),
rendered at 120 dpi gray and filled in pencil the way the OMR tests fill it
(tests/omr/sheet_maker.py): one learner as a PNG and as a JPEG, two as a
two-page PDF (Pillow stores each page as a JPEG), the PNG once more with the
exam's ``exam.json`` as the damaged file.  What was filled is the truth.

The oracle (``misread``) reads ``exam scan --json``'s report of a mutant and
names every value read differently from the truth with no doubt raised about
it: an answer (a doubtful one is written "?"), an SBD, a mã đề.  A sheet with
a sheet-level doubt (the QR code unreadable, an old sheet) is checked by the
officer as a whole, and a page not read is listed: neither can grade silently.
What the oracle cannot see: a mutant whose pixels now really show another mark
(no byte mutation here redraws a bubble; a broken JPEG block that happens to
look like a pencil fill would be read as one, and is flagged as a finding).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DPI = 120  # small seeds (a 120 dpi gray page is ~50 KB as PNG); the reader warps every page to 6 px/mm anyway
EXAM_ID = "0193b6e2-5c1d-7a00-8000-00000000f022"
WRITTEN = time.gmtime(1_796_461_200)  # 2026-12-05 09:00 UTC, the PDF's dates: the same bytes in every run


@dataclass(frozen=True)
class Learner:
    sbd: str
    code: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class Scans:
    exam: Path  # the exam folder (exam.json with the fixed id, phieu_tra_loi.pdf)
    png: Path  # learner 1
    jpeg: Path  # learner 1
    pdf: Path  # learners 1 and 2
    learners: list[Learner]


def build_scans(built: Path, work: Path) -> Scans:
    """Scans of the exam *built* (given a fixed id, in a folder of *work*).  Drawn by a process of its own:
    OpenCV's thread pool must not start in the fuzzer, whose children are forked from it, and a test process
    may hold threads a fork would copy mid-lock."""
    exam, truth = work / "de_thi_quet", work / "phieu_quet.json"
    png, jpeg, pdf = work / "phieu_quet.png", work / "phieu_quet.jpg", work / "phieu_quet.pdf"
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-m", "tests.support.scan_seeds", str(built), str(work)], check=True, cwd=root,
                   env={**os.environ, "PYTHONPATH": str(root)})
    learners = [Learner(item["sbd"], item["code"], tuple(item["answers"]))
                for item in json.loads(truth.read_text(encoding="utf-8"))]
    return Scans(exam, png, jpeg, pdf, learners)


def _draw_all(built: Path, work: Path) -> None:
    """What ``build_scans`` runs in its own process."""
    learners = _draw(_fixed_exam(built, work / "de_thi_quet"), work / "phieu_quet.png", work / "phieu_quet.jpg",
                     work / "phieu_quet.pdf")
    (work / "phieu_quet.json").write_text(json.dumps([learner.__dict__ for learner in learners]), encoding="utf-8")


def _fixed_exam(built: Path, exam: Path) -> Path:
    """A copy of the exam *built* with the id EXAM_ID, in exam.json and on its answer sheet."""
    from lecturer_app.exam.manifest import manifest_text, write_manifest
    from lecturer_app.exam.paper_settings import PaperSettings
    from lecturer_app.exporters.exam.answer_sheet import write_answer_sheet

    shutil.rmtree(exam, ignore_errors=True)
    exam.mkdir()
    body = json.loads((built / "exam.json").read_text(encoding="utf-8"))
    body.pop("sha256")
    body["exam_id"] = EXAM_ID
    write_manifest(manifest_text(body), exam)
    items = body["versions"][0]["items"]
    letters = max(4, min(6, max(len(item["options"]) for item in items)))
    write_answer_sheet(exam / "phieu_tra_loi.pdf", PaperSettings(), len(items), letters, EXAM_ID)
    return exam


def _draw(exam: Path, png: Path, jpeg: Path, pdf: Path) -> list[Learner]:
    import cv2
    import numpy as np
    from PIL import Image

    from lecturer_app.exam.manifest import read_manifest
    from tests.omr.sheet_maker import fill_sheet, render

    manifest = read_manifest(exam)
    codes = sorted(manifest.versions)
    questions = len(manifest.versions[codes[0]].items)
    letters = max(4, min(6, max(len(item.options) for item in manifest.versions[codes[0]].items)))
    base = render(exam / "phieu_tra_loi.pdf", DPI)
    rng = np.random.default_rng(13)
    learners, pages = [], []
    for index in range(2):
        answers = tuple("" if number % 5 == 4 else "ABCD"[(number + index) % 4] for number in range(questions))
        learner = Learner(f"{202601 + index:06d}", codes[index % len(codes)], answers)
        page = fill_sheet(base.copy(), DPI, rng, learner.sbd, learner.code, list(answers), questions, letters)
        learners.append(learner)
        pages.append(page)
    cv2.imwrite(str(png), pages[0], [cv2.IMWRITE_PNG_COMPRESSION, 9])
    cv2.imwrite(str(jpeg), pages[0], [cv2.IMWRITE_JPEG_QUALITY, 85])
    images = [Image.fromarray(page) for page in pages]
    images[0].save(pdf, save_all=True, append_images=images[1:], resolution=DPI, quality=85, creationDate=WRITTEN,
                   modDate=WRITTEN)
    return learners


def misread(learners: list[Learner]) -> Callable[[str], str]:
    """The oracle for scans of *learners* (input page n is learner n): what ``exam scan --json`` printed for a
    mutant → the values it read wrong without a doubt ("" when none, or when it printed no report)."""
    def check(stdout: str) -> str:
        try:
            report = json.loads(stdout)
        except ValueError:
            return ""
        findings = []
        for sheet in report.get("sheets", []):
            fields = {doubt["field"] for doubt in sheet["doubts"]}
            if "sheet" in fields or not 1 <= sheet["page"] <= len(learners):
                continue
            findings += _wrong_values(sheet, learners[sheet["page"] - 1], fields)
        return "; ".join(findings)
    return check


def _wrong_values(sheet: dict, learner: Learner, fields: set[str]) -> list[str]:
    where = f"{sheet['source']}"
    wrong = []
    if sheet["sbd"] != learner.sbd and "sbd" not in fields:
        wrong.append(f"{where}: SBD read {sheet['sbd']} (filled {learner.sbd}) with no doubt")
    if sheet["code"] != learner.code and "code" not in fields:
        wrong.append(f"{where}: mã đề read {sheet['code']} (filled {learner.code}) with no doubt")
    answers = [(number, got, want) for number, (got, want) in enumerate(zip(sheet["answers"], learner.answers), 1)
               if got not in (want, "?")]
    if answers or len(sheet["answers"]) != len(learner.answers):
        wrong.append(f"{where}: " + ", ".join(f"câu {n} read {got or '-'} (filled {want or '-'})"
                                               for n, got, want in answers) + " with no doubt")
    return wrong


if __name__ == "__main__":
    _draw_all(Path(sys.argv[1]), Path(sys.argv[2]))
