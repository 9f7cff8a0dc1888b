"""The grading screen grades the good rows of a messy file, lists the others and shows the rule of the totals."""

from __future__ import annotations

import pytest

from tests.exam import exam_bank_data


@pytest.fixture
def messy(qtbot, store, tmp_path):
    """An exam of 8 MC (6 points) and 1 essay (4 points), and a file with one bad row and one flagged row."""
    from openpyxl import Workbook

    from lecturer_app.ui.exam.grading_widget import GradingWidget

    report = exam_bank_data.build_small_exam(store, tmp_path / "de")
    key = report.versions[0].key
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "SBD", "Mã đề", *range(1, 9), "TL1", "Vấn đáp"])
    sheet.append(["Trần Văn Bình", "01", "101", *key, "4", "8"])
    sheet.append(["Lê Thị Ánh", "02", "404", *key, "4", "8"])
    sheet.append(["Đỗ Thị An", "03", "101", "X", *key[1:], "4", ""])
    workbook.save(tmp_path / "bai_lam.xlsx")
    widget = GradingWidget()
    qtbot.addWidget(widget)
    widget.load(tmp_path / "de", tmp_path / "bai_lam.xlsx")
    return widget


def test_the_good_rows_are_graded_and_the_others_listed(messy):
    model = messy.model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["Đỗ Thị An", "Trần Văn Bình"]
    problems = messy.problems_text.toPlainText()
    assert "Không chấm được trang tính 'Sheet', dòng 3: mã đề '404'" in problems
    assert "Cần xem lại trang tính 'Sheet', dòng 4 (Đỗ Thị An): Câu 1: 'X' không phải phương án" in problems
    assert "2 dòng có vấn đề" in messy.summary.text()


def test_the_rule_is_shown_and_a_missing_oral_score_is_listed(messy):
    model = messy.model
    assert messy.oral_spin.value() == 0.5  # the file has a Vấn đáp column
    assert "Tổng điểm = 0,5 × điểm viết + 0,5 × điểm vấn đáp" in messy.formula.text()
    missing = model.headers.index("Thiếu điểm")
    total = model.headers.index("Tổng điểm")
    assert model.data(model.index(0, missing)) == "Vấn đáp"
    assert model.data(model.index(1, total)) == "9,0"  # 0,5 × 10 + 0,5 × 8


def test_setting_the_oral_weight_to_zero_rescores_everyone_by_the_written_score(messy, tmp_path):
    from openpyxl import load_workbook

    messy.oral_spin.setValue(0.0)
    model = messy.model
    assert model.data(model.index(1, model.headers.index("Tổng điểm"))) == "10,0"
    assert "Tổng điểm = điểm viết." in messy.formula.text()
    book = load_workbook(messy.write(tmp_path / "bang_diem.xlsx"))
    assert [r[1] for r in book["Dòng không chấm được"].iter_rows(min_row=2, values_only=True)] == ["Lê Thị Ánh"]
