"""`exam grade` on a messy class list: the good rows are graded, every problem is named, exit 1."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.exam import exam_bank_data
from tests.support.cli_runs import run_in as run


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A data folder with the exam test bank and an exam of 6 MC (6 points) and 1 essay (4 points) in 2 versions."""
    data_dir, out, versions = exam_bank_data.cli_built_exam(tmp_path_factory, versions=2)
    return data_dir, out, {v["code"]: v["key"] for v in versions}


def _answers(path: Path, rows: list[list]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Họ và tên", "SBD", "Mã đề", *range(1, 7), "TL1"])
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_a_class_list_with_bad_rows_gives_a_score_sheet_for_the_good_rows_and_names_each_bad_row(built, tmp_path):
    from openpyxl import load_workbook

    data_dir, out, keys = built
    path = _answers(tmp_path / "bai_lam.xlsx", [
        ["Nguyễn Văn An", "01", "101", *keys["101"], "4"],
        ["Lê Thị Bình", "02", "555", *keys["101"], "4"],
        ["Trần Văn Cường", "03", "", *keys["102"], "4"],
        ["Phạm Thị Dung", "04", "102", *keys["102"], "bốn"],
        ["Hoàng Văn Em", "05", "102", *keys["102"], ""],
    ])
    code, stdout, err = run(data_dir, "exam", "grade", "--exam", str(out), "--answers", str(path),
                            "-o", str(tmp_path / "diem.xlsx"), "--json")
    assert code == 1
    for line in ("dòng 3: mã đề '555'", "dòng 4: thiếu mã đề", "dòng 5: TL1: 'bốn' không phải là số"):
        line = "Không chấm được trang tính 'Sheet', " + line
        assert line in err
    result = json.loads(stdout)
    assert {l["sbd"]: l["score"] for l in result["learners"]} == {"01": 10.0, "05": 6.0}
    assert [r["where"] for r in result["rejected"]] == [f"trang tính 'Sheet', dòng {n}" for n in (3, 4, 5)]
    assert {l["sbd"]: l["missing"] for l in result["learners"]} == {"01": [], "05": ["TL1"]}
    assert result["formula"] == "Điểm viết = (trắc nghiệm + tự luận) × 10 / 10,0; Tổng điểm = điểm viết."
    workbook = load_workbook(tmp_path / "diem.xlsx")
    assert [r[1] for r in workbook["Bảng điểm"].iter_rows(min_row=2, max_row=3, values_only=True)] == [
        "Nguyễn Văn An", "Hoàng Văn Em"]
    assert len(list(workbook["Dòng không chấm được"].iter_rows())) == 4


def test_a_clean_class_list_exits_zero_and_prints_the_rule(built, tmp_path):
    data_dir, out, keys = built
    path = _answers(tmp_path / "bai_lam.xlsx", [["Nguyễn Văn An", "01", "101", *keys["101"], "2"]])
    code, stdout, err = run(data_dir, "exam", "grade", "--exam", str(out), "--answers", str(path),
                            "-o", str(tmp_path / "diem.xlsx"))
    assert (code, err) == (0, "")
    assert "Cách tính: Điểm viết = (trắc nghiệm + tự luận) × 10 / 10,0; Tổng điểm = điểm viết." in stdout


def test_a_flagged_row_is_graded_but_the_exit_code_says_look(built, tmp_path):
    data_dir, out, keys = built
    path = _answers(tmp_path / "bai_lam.xlsx", [["Nguyễn Văn An", "01", "101", "E", *keys["101"][1:], "2"],
                                                ["Nguyễn Văn An", "01", "102", *keys["102"], "2"]])
    code, stdout, err = run(data_dir, "exam", "grade", "--exam", str(out), "--answers", str(path),
                            "-o", str(tmp_path / "diem.xlsx"), "--json")
    assert code == 1
    assert re.search(r"Cần xem lại trang tính 'Sheet', dòng 2 \(Nguyễn Văn An\): Câu 1: 'E' không phải phương án "
                     r"của câu \(A–D\); SBD 01 trùng với trang tính 'Sheet', dòng 3", err)
    assert len(json.loads(stdout)["learners"]) == 2


def test_an_oral_weight_outside_zero_to_one_is_refused(built, tmp_path):
    data_dir, out, keys = built
    path = _answers(tmp_path / "bai_lam.xlsx", [["Nguyễn Văn An", "01", "101", *keys["101"], "2"]])
    code, _stdout, err = run(data_dir, "exam", "grade", "--exam", str(out), "--answers", str(path),
                             "-o", str(tmp_path / "diem.xlsx"), "--oral-weight", "5")
    assert code == 1 and "Tỉ trọng vấn đáp phải từ 0 đến 1" in err


def test_the_built_answer_template_filled_in_grades_by_the_written_score(built, tmp_path):
    """The template always has an empty Vấn đáp column: that is no oral part, nobody's total is halved."""
    from openpyxl import load_workbook

    data_dir, out, keys = built
    workbook = load_workbook(out / "mau_bai_lam.xlsx")
    workbook.active.append(["Nguyễn Văn An", "01", "101", *keys["101"], "4"])
    workbook.save(tmp_path / "bai_lam.xlsx")
    code, stdout, err = run(data_dir, "exam", "grade", "--exam", str(out), "--answers", str(tmp_path / "bai_lam.xlsx"),
                            "-o", str(tmp_path / "diem.xlsx"), "--json")
    assert code == 0, err
    result = json.loads(stdout)
    assert (result["oral_weight"], result["learners"][0]["score"], result["learners"][0]["missing"]) == (0.0, 10.0, [])
