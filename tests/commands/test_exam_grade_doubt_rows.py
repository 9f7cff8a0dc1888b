"""`exam grade` marks in the score sheet the learners a centre's staff must check before signing it.

A learner whose scanned sheet still has a doubt nobody settled has their whole row of «Bảng điểm» filled in the
grading screen's orange, and a line under the table says what the colour means (docs/design/omr.md, «Doubts
reach grading»); an SBD that cannot be one (a scanner's "?" copied by hand) is flagged and the exit code is 1.
A score sheet with no doubt has no fill and no such line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.exam import exam_bank_data
from tests.support.cli_runs import run_in as run

ORANGE = "00FFD8A8"
LEGEND = ("Dòng tô màu cam: phiếu quét của học viên còn chỗ máy đọc nghi ngờ chưa ai xem lại (ghi ở cột «Ghi "
          "chú»); điểm có thể đã đọc sai, cần đối chiếu phiếu gốc trước khi dùng bảng điểm.")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A data folder with the exam test bank and an exam of 6 MC (6 points) and 1 essay (4 points), version 101."""
    data_dir, out, versions = exam_bank_data.cli_built_exam(tmp_path_factory, versions=1)
    return data_dir, out, versions[0]["key"]


def _answers(path: Path, header_tail: list, rows: list[list]) -> Path:
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "SBD", "Mã đề", *range(1, 7), "TL1", *header_tail])
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def _grade(built, answers: Path, scores: Path) -> tuple[int, str]:
    data_dir, out, _key = built
    code, _out, err = run(data_dir, "exam", "grade", "--exam", str(out), "--answers", str(answers), "-o", str(scores))
    return code, err


def _rows(scores: Path) -> list[tuple]:
    sheet = load_workbook(scores)["Bảng điểm"]
    return [tuple(cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None for cell in row)
            for row in sheet.iter_rows(min_row=1, max_col=sheet.max_column)]


def _texts(scores: Path) -> list[str]:
    return [cell for row in load_workbook(scores)["Bảng điểm"].iter_rows(values_only=True) for cell in row
            if isinstance(cell, str)]


def test_a_learner_whose_scanned_sheet_still_has_a_doubt_has_an_orange_row_and_a_legend(built, tmp_path):
    key = built[2]
    path = _answers(tmp_path / "bai_lam.xlsx", ["Vấn đáp", "Ghi chú", "Trang"], [
        ["Nguyễn Văn An", "004711", "101", *key, "3", None, None, "1.png"],
        ["Trần Thị Bình", "004712", "101", *key, "3", None, "mã QR của phiếu không đọc được", "2.png"]])

    code, err = _grade(built, path, tmp_path / "diem.xlsx")

    assert code == 1 and "(Trần Thị Bình): máy đọc phiếu nghi ngờ" in err
    sheet = load_workbook(tmp_path / "diem.xlsx")["Bảng điểm"]
    header = [cell.value for cell in sheet[1]]
    fills = _rows(tmp_path / "diem.xlsx")
    names = [row[1].value for row in sheet.iter_rows(min_row=2, max_row=3)]
    assert names == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert fills[1] == (None,) * len(header), "An's sheet was read without a doubt"
    assert fills[2] == (ORANGE,) * len(header), "Bình's whole row, from STT to «Ghi chú»"
    legend = next(row for row in sheet.iter_rows() if row[1].value == LEGEND)
    assert legend[0].fill.fgColor.rgb == ORANGE, "the legend shows its colour"


def test_a_score_sheet_without_doubts_has_no_fill_and_no_legend(built, tmp_path):
    key = built[2]
    path = _answers(tmp_path / "bai_lam.xlsx", ["Vấn đáp", "Ghi chú", "Trang"], [
        ["Nguyễn Văn An", "004711", "101", *key, "3", None, None, "1.png"],
        ["Trần Thị Bình", "004712", "101", "D", *key[1:], "3", None, None, "2.png"]])

    code, _err = _grade(built, path, tmp_path / "diem.xlsx")

    assert code == 0
    assert {fill for row in _rows(tmp_path / "diem.xlsx") for fill in row} == {None}
    assert not any("màu cam" in text for text in _texts(tmp_path / "diem.xlsx"))


def test_an_sbd_typed_with_the_scanner_s_question_mark_is_graded_flagged_and_exit_1(built, tmp_path):
    key = built[2]
    path = _answers(tmp_path / "bai_lam.xlsx", [], [["Nguyễn Văn An", "004711", "101", *key, "3"],
                                                    ["Trần Thị Bình", "00471?", "101", *key, "3"]])

    code, err = _grade(built, path, tmp_path / "diem.xlsx")

    assert code == 1
    assert err.splitlines() == ["Cần xem lại trang tính 'Sheet', dòng 3 (Trần Thị Bình): SBD '00471?' có ký tự "
                                "không thể có trong số báo danh (?): đối chiếu phiếu gốc hoặc danh sách dự thi rồi "
                                "sửa SBD"]
    scores = {row[1]: row[4] for row in load_workbook(tmp_path / "diem.xlsx")["Bảng điểm"].iter_rows(
        min_row=2, max_row=3, values_only=True)}
    assert scores == {"Nguyễn Văn An": "004711", "Trần Thị Bình": "00471?"}, "graded, the SBD as typed"
