"""`lecturer-app --lang en`: a count of one reads in the singular, numbers with a decimal point, grades in English.

The same commands in Vietnamese print what they always printed, and the files
written stay Vietnamese (decimal comma, «Giỏi»…).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exam import exam_bank_data
from tests.support.cli_runs import stdout_in as run

pytestmark = pytest.mark.usefixtures("back_to_vietnamese")  # --lang en switches the process's language


@pytest.fixture(scope="module")
def exam_data(tmp_path_factory) -> Path:
    return exam_bank_data.data_folder(tmp_path_factory)


def build(data_dir: Path, out: Path, versions: int, *lang: str) -> str:
    return run(data_dir, *lang, "exam", "build", "--topics", ",".join(exam_bank_data.TOPIC_CODES), "--mc", "8",
               "--essay", "1", "--versions", str(versions), "--seed", "3", "--no-docx", "-o", str(out))


def test_one_version_is_made_in_the_singular_two_in_the_plural(exam_data, tmp_path):
    assert build(exam_data, tmp_path / "one", 1, "--lang", "en").startswith("Made 1 version (")
    assert build(exam_data, tmp_path / "two", 2, "--lang", "en").startswith("Made 2 versions (")


def test_in_vietnamese_the_count_reads_as_before(exam_data, tmp_path):
    assert build(exam_data, tmp_path / "one", 1).startswith("Đã tạo 1 mã đề (")


@pytest.fixture(scope="module")
def answers(exam_data, tmp_path_factory) -> tuple[Path, Path]:
    """One exam of one version and one learner who answered nothing (no essay score either)."""
    from openpyxl import Workbook

    folder = tmp_path_factory.mktemp("grade")
    build(exam_data, folder / "de", 1)
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "SBD", "Mã đề", *range(1, 9), "TL1"])
    workbook.active.append(["Lê Thị Ánh", "000232", "101", *([""] * 8), ""])
    workbook.save(folder / "bai_lam.xlsx")
    return folder / "de", folder / "bai_lam.xlsx"


def grade(exam_data: Path, answers: tuple[Path, Path], out: Path, *lang: str) -> str:
    exam_dir, sheet = answers
    return run(exam_data, *lang, "exam", "grade", "--exam", str(exam_dir), "--answers", str(sheet),
               "--oral-weight", "0.25", "-o", str(out))


def test_grading_in_english_names_the_grade_and_the_missing_parts_in_english(exam_data, answers, tmp_path):
    lines = grade(exam_data, answers, tmp_path / "diem.xlsx", "--lang", "en").splitlines()
    assert "Fail  missing: Essay 1, Oral" in lines[0]
    assert "0.75 × written score + 0.25 × oral score" in lines[1]
    assert lines[2].startswith("Learners graded: 1; rows that could not be graded: 0; score sheet written: ")


def test_grading_in_vietnamese_reads_as_before_and_the_sheet_stays_vietnamese(exam_data, answers, tmp_path):
    from openpyxl import load_workbook

    lines = grade(exam_data, answers, tmp_path / "diem.xlsx").splitlines()
    assert "Không đạt  thiếu: TL1, Vấn đáp" in lines[0]
    assert "0,75 × điểm viết + 0,25 × điểm vấn đáp" in lines[1]
    sheet = load_workbook(tmp_path / "diem.xlsx")["Bảng điểm"]
    header = [cell.value for cell in sheet[1]]
    learner = dict(zip(header, (cell.value for cell in sheet[2])))
    assert learner["Xếp loại"] == "Không đạt" and learner["Thiếu điểm"] == "TL1, Vấn đáp"


def test_the_sheet_written_in_english_keeps_the_vietnamese_grade_and_part_names(exam_data, answers, tmp_path):
    from openpyxl import load_workbook

    grade(exam_data, answers, tmp_path / "diem.xlsx", "--lang", "en")
    sheet = load_workbook(tmp_path / "diem.xlsx")["Bảng điểm"]
    header = [cell.value for cell in sheet[1]]
    learner = dict(zip(header, (cell.value for cell in sheet[2])))
    assert {"SBD", "TL1", "Vấn đáp", "Xếp loại"} <= set(header)
    assert learner["Xếp loại"] == "Không đạt" and learner["Thiếu điểm"] == "TL1, Vấn đáp"
