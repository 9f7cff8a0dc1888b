"""An exam of one version "101" with three single-choice questions (key A, B, C), and answers workbooks for it.

For the tests that read answers files row by row (which notes a row gets), written as a user or ``exam scan``
lays them out.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from lecturer_app.exam.manifest import ExamManifest, ItemInfo, VersionInfo

OPTIONS = ["1930", "1945", "1954", "1975"]
TYPED = ["Họ và tên", "SBD", "Mã đề", 1, 2, 3]
SCANNED = ["Họ và tên", "SBD", "Mã đề", 1, 2, 3, "Vấn đáp", "Ghi chú", "Trang"]  # as `exam scan` writes it


def three_question_manifest() -> ExamManifest:
    items = [ItemInfo(f"q{n}", "single_choice", 1.0, key, OPTIONS, [0, 1, 2, 3]) for n, key in enumerate("ABC")]
    return ExamManifest("Kiểm tra", 1, "exam-1", {"101": VersionInfo("101", items, [])}, ["q0", "q1", "q2"],
                        {}, {})


def answers_workbook(tmp_path: Path, header: list, *rows: list) -> Path:
    """``bai_lam.xlsx`` in *tmp_path*: *header*, then *rows*, on its first sheet."""
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "bai_lam.xlsx")
    return tmp_path / "bai_lam.xlsx"
