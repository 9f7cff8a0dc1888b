"""The inputs of bench/written_files_for_cmp.sh, made from the exam folder EXAM into OUT (run from a checkout:
it draws with tests/omr/sheet_maker.py):

    PYTHONPATH=CHECKOUT .venv/bin/python bench/scan_corpus_for_cmp.py EXAM OUT

OUT/scans: one PDF of 12 filled sheets (a faint, crossed, double, partial and X mark; one SBD on two sheets; one
page upside down; scanner rotation and noise), a phone photo and a blank page.  OUT/messy.xlsx: an answer file
whose rows have each problem a row can have (an answer that is no option, several letters, no name, a duplicate
SBD, no or an unknown mã đề, a mark that is no number or out of range).  OUT/saved.xlsx: the answers and marks
as «Lưu bài làm và điểm…» saves them, for ``exam remark``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
from openpyxl import Workbook
from PIL import Image

sys.path.insert(0, "tests/omr")
from sheet_maker import degrade, fill_sheet, render  # noqa: E402

from lecturer_app.exam.grading import Response  # noqa: E402
from lecturer_app.exam.manifest import ExamManifest, read_manifest  # noqa: E402
from lecturer_app.exporters.exam.responses_xlsx import write_responses  # noqa: E402

MARKS = ["faint", "cross", "pencil", "partial", "x"]


def scans(exam: Path, manifest: ExamManifest, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    codes = sorted(manifest.versions)
    count = len(manifest.versions[codes[0]].items)
    rng = np.random.default_rng(141)
    base = render(exam / "phieu_tra_loi.pdf", 200)
    pages = []
    for index in range(12):
        answers = ["" if rng.random() < 0.1 else "ABCD"[int(rng.integers(4))] for _ in range(count)]
        odd = {1 + index % count: [("ABCD"[(index // 2) % 4], MARKS[(index // 2) % len(MARKS)])]} if index % 2 == 0 \
            else {}
        sbd = "000101" if index in (3, 7) else f"{2026100 + index:06d}"[-6:]
        image = fill_sheet(base.copy(), 200, rng, sbd, codes[index % len(codes)], answers, count, odd=odd)
        pages.append(degrade(image, rng, ("flip",) if index == 5 else ("rotate", "noise")))
    images = [Image.fromarray(page) for page in pages]
    images[0].save(out / "scan.pdf", save_all=True, append_images=images[1:], resolution=200, quality=75)
    photo = fill_sheet(base.copy(), 200, rng, "000555", codes[0], ["A"] * count, count)
    cv2.imwrite(str(out / "photo.jpg"), degrade(photo, rng, ("table", "perspective", "shadow", "jpeg")))
    cv2.imwrite(str(out / "trang.png"), np.full((1200, 900), 250, np.uint8))


def answer_files(manifest: ExamManifest, out: Path) -> None:
    codes = sorted(manifest.versions)
    key = [item.key for item in manifest.versions[codes[0]].items]
    workbook = Workbook()
    rows = workbook.active
    rows.title = "Bài làm"
    rows.append(["Họ và tên", "SBD", "Mã đề", *range(1, len(key) + 1), "TL1", "Vấn đáp"])
    rows.append(["Lê Thị Ánh", "000232", codes[0], "E", *key[1:], "3", "12"])
    rows.append(["", "000232", codes[1], *(["AB"] * len(key)), "2", ""])
    rows.append(["Trần Văn Bình", "000233", "", *(["A"] * len(key)), "1", ""])
    rows.append(["Võ Văn Em", "000235", codes[0], *(["A"] * len(key)), "ba", ""])
    rows.append(["Đỗ Văn Phú", "000236", "999", *(["A"] * len(key)), "1", ""])
    rows.append(["Ngô Thị Gấm", "000237", codes[0], *key, "99", "7,5"])
    workbook.save(out / "messy.xlsx")
    write_responses([Response("Trần Văn Bình", "01", codes[0], key, {1: 2.5})], len(key), out / "saved.xlsx",
                    essays=1, oral=True, oral_weight=0.0)


if __name__ == "__main__":
    exam_folder, target = Path(sys.argv[1]), Path(sys.argv[2])
    found = read_manifest(exam_folder)
    scans(exam_folder, found, target / "scans")
    answer_files(found, target)
