"""Inputs for the score sheet's orange rows cmp (session 15, helper G): one exam, six answer files.

    cd BASE_CHECKOUT && PYTHONPATH=$PWD .venv/bin/python bench/score_sheet_rows_inputs.py OUT

OUT/data1 (the exam test bank), OUT/exam2/de (6 MC + 1 essay × 2 versions, ``exam build --seed 5``) and:
clean.xlsx (no note at all), typed.xlsx and typed.csv (an E, a duplicate SBD, an empty name, a missing
essay mark; SBDs 004711, 02, HV-2024/07, K45.012), own_notes.xlsx (the same with the lecturer's «Ghi chú»),
clean_scan.xlsx (the scanner's layout, «Ghi chú» empty) and doubt_scan.xlsx (the same, one doubt standing).
Grade each from both checkouts, then compare with bench/office_members_cmp.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook, load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.exam import exam_bank_data  # noqa: E402


class _Folders:
    """What cli_built_exam asks of pytest's tmp_path_factory: numbered new folders under *root*."""

    def __init__(self, root: Path) -> None:
        self.root, self.count = root, 0

    def mktemp(self, name: str) -> Path:
        self.count += 1
        folder = self.root / f"{name}{self.count}"
        folder.mkdir(parents=True)
        return folder


def _book(path: Path, tail: list, rows: list[list]) -> None:
    book = Workbook()
    book.active.append(["Họ và tên", "SBD", "Mã đề", *range(1, 7), "TL1", *tail])
    for row in rows:
        book.active.append(row)
    book.save(path)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    _data, _exam, versions = exam_bank_data.cli_built_exam(_Folders(out), versions=2)
    keys = {v["code"]: v["key"] for v in versions}
    one, two = sorted(keys)
    rows = [["Nguyễn Văn An", "004711", one, *keys[one], "3"], ["Trần Thị Bình", "02", two, "E", *keys[two][1:], "2,5"],
            ["Lê Văn Cường", "HV-2024/07", one, *keys[one][:-1], "", ""],
            ["Phạm Thị Dung", "004711", two, *keys[two], "4"], ["", "K45.012", one, "A", "B", "C", "D", "A", "B", "1"]]
    _book(out / "clean.xlsx", [], [rows[0], ["Lê Văn Cường", "HV-2024/07", two, *keys[two], "2"]])
    _book(out / "typed.xlsx", [], rows)
    (out / "typed.csv").write_text("\n".join(",".join(str(c).replace(",", ".") for c in row) for row in [
        ["Họ và tên", "SBD", "Mã đề", *range(1, 7), "TL1"], *rows]) + "\n", encoding="utf-8")
    _book(out / "own_notes.xlsx", ["Ghi chú"], [row + ["thi lại lần 2"] for row in rows])
    _book(out / "clean_scan.xlsx", ["Vấn đáp", "Ghi chú", "Trang"],
          [row + [None, None, f"{n}.png"] for n, row in enumerate(rows, start=1)])
    book = load_workbook(out / "clean_scan.xlsx")
    book.active.cell(3, book.active.max_column - 1).value = "mã QR của phiếu không đọc được"
    book.save(out / "doubt_scan.xlsx")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
