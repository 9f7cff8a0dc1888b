"""Inputs for the byte-identity check of `exam grade` on files without scanner doubts (session 15, helper A).

    cd BASE_CHECKOUT && PYTHONPATH=$PWD .venv/bin/python bench/scan_doubts_identity_inputs.py OUT/in

Two exams built from the exam test bank; a typed answer file (xlsx and csv) with a rejected row, a duplicate
SBD, an empty name, an X and two letters; the same with a lecturer's own «Ghi chú» column; and three clean
sheets read by `exam scan`, names typed.  bench/scan_doubts_identity_grade.py then grades them from each
checkout, for cmp.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import cv2
import numpy as np
from openpyxl import Workbook, load_workbook

sys.path.insert(0, str(Path.cwd() / "tests" / "omr"))

from sheet_maker import fill_sheet, render  # noqa: E402

from lecturer_app.exam.manifest import ExamManifest, read_manifest  # noqa: E402
from tests.exam import exam_bank_data  # noqa: E402
from tests.support.cli_runs import run_in as run  # noqa: E402

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "", "Đỗ Thị Giang"]
EXAMS = {"de_a": ["--mc", "40", "--essay", "1", "--versions", "4"], "de_b": ["--mc", "20", "--versions", "2"]}


class Folders:
    """tmp_path_factory's one method, under *root*."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def mktemp(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(exist_ok=True)
        return path


def typed_rows(manifest: ExamManifest, rng: np.random.Generator) -> list[list]:
    codes = sorted(manifest.versions)
    rows = []
    for index, name in enumerate(NAMES):
        code = codes[index % 4]
        answers = [key if rng.random() < 0.7 else "ABCD"[int(rng.integers(4))]
                   for key in (item.key for item in manifest.versions[code].items)]
        answers[4] = "X" if index == 2 else answers[4]
        answers[5] = "AB" if index == 3 else answers[5]
        sbd = "0001" if index == 4 else f"00{index + 1:02d}"
        essay = str(round(rng.uniform(0, 4) * 4) / 4).replace(".", ",")
        rows.append([name, sbd, "999" if index == 6 else code, *answers, essay, ""])
    return rows


def write_typed(root: Path, rows: list[list]) -> None:
    header = ["Họ và tên", "SBD", "Mã đề", *range(1, 41), "TL1", "Vấn đáp"]
    for name, extra in (("typed.xlsx", None), ("typed_ghichu.xlsx", "Ghi chú")):
        book = Workbook()
        sheet = book.active
        sheet.append([*header, *([extra] if extra else [])])
        for row in rows:
            sheet.append([*row, *(["thi lại lần 2" if row[1] == "0002" else None] if extra else [])])
        book.save(root / name)
    with open(root / "typed.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


def write_scanned(root: Path, data: Path, manifest: ExamManifest, rng: np.random.Generator) -> None:
    codes = sorted(manifest.versions)
    base = render(root / "de_b" / "phieu_tra_loi.pdf", 200)
    folder = Folders(root).mktemp("quet")
    for index in range(3):
        key = [item.key for item in manifest.versions[codes[index % 2]].items]
        sheet = fill_sheet(base.copy(), 200, rng, f"00500{index}", codes[index % 2], key[:18] + ["", ""], 20)
        cv2.imwrite(str(folder / f"{index + 1}.png"), sheet)
    answers = root / "scan_clean.xlsx"
    code, _out, err = run(data, "exam", "scan", "--exam", str(root / "de_b"), "--sheets", str(folder), "-o",
                          str(answers))
    assert code == 0, err
    book = load_workbook(answers)
    for row, name in zip(range(2, 5), ["Vũ Văn Hải", "Ngô Thị Hoa", "Bùi Văn Khánh"]):
        book.active.cell(row, 1).value = name
    book.save(answers)


def main(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    data = exam_bank_data.data_folder(Folders(root))
    manifests = {}
    for name, extra in EXAMS.items():
        code, _out, err = run(data, "exam", "build", "--topics", "LS-01,LS-02,LS-03", *extra, "--seed", "7", "-o",
                              str(root / name), "--no-docx")
        assert code == 0, err
        manifests[name] = read_manifest(root / name)
    rng = np.random.default_rng(11)
    write_typed(root, typed_rows(manifests["de_a"], rng))
    write_scanned(root, data, manifests["de_b"], rng)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
