"""The grading screen as a lecturer meets it on the first day: every button answers, every mark reads
with a decimal comma, a mark the grid cannot take is said, and a cell shows the mark that was typed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.exam import exam_bank_data


@pytest.fixture
def grading(qtbot):
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    widget = GradingWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def loaded(grading, store, tmp_path):
    """An exam of 8 MC (6 points) and one essay of 4 points; two learners, one with an oral score."""
    from openpyxl import Workbook


    report = exam_bank_data.build_small_exam(store, tmp_path / "de")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "SBD", "Mã đề", *range(1, 9), "TL1", "Vấn đáp"])
    sheet.append(["Trần Văn Bình", "01", "101", *report.versions[0].key, "3,5", "8"])
    sheet.append(["Lê Thị Ánh", "02", "101", *report.versions[0].key, "", ""])
    workbook.save(tmp_path / "bai_lam.xlsx")
    grading.load(tmp_path / "de", tmp_path / "bai_lam.xlsx")
    return grading


def _button(widget, text: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.text() == text)


def test_the_oral_weight_is_written_with_a_decimal_comma(loaded):
    loaded.oral_spin.setValue(0.3)
    assert loaded.oral_spin.text() == "0,30"


def test_writing_the_score_sheet_before_opening_answers_is_not_a_silent_button(grading):
    write = _button(grading, "Ghi bảng điểm…")
    assert not write.isEnabled()
    assert "Mở đề và bài làm" in write.toolTip()


def test_the_write_button_is_enabled_once_answers_are_open(loaded):
    assert _button(loaded, "Ghi bảng điểm…").isEnabled()


def test_a_mark_that_is_not_a_number_is_refused_aloud(loaded, qtbot):
    model = loaded.model
    essay = model.headers.index("TL1")
    assert not model.setData(model.index(0, essay), "bảy rưỡi")
    box = next(b for b in loaded.findChildren(QMessageBox) if b.isVisible())
    assert "bảy rưỡi" in box.text() and "8,5" in box.text()
    box.close()


def test_a_mark_out_of_range_shows_as_typed_and_is_listed_as_missing(loaded):
    model = loaded.model
    essay = model.headers.index("TL1")
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[0] == "Lê Thị Ánh"
    assert model.setData(model.index(0, essay), "5,25")  # the essay is worth 4 points
    assert model.data(model.index(0, essay)) == "5,25"   # what the lecturer typed, not a 0 they did not type
    assert "TL1" in model.data(model.index(0, model.headers.index("Thiếu điểm")))
    assert "ngoài khoảng" in model.data(model.index(0, model.headers.index("Ghi chú")))



def test_the_dialogs_start_in_the_exams_folder_and_the_sheet_goes_beside_the_exam(qtbot, loaded, tmp_path,
                                                                                    monkeypatch):
    """They proposed the app's working folder (on Windows, where the app is installed): the exam's folder
    is where the score sheet belongs."""
    from PySide6.QtWidgets import QFileDialog

    from lecturer_app.ui.exam.grading_widget import GradingWidget

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, where, kinds: (asked.append(where)
                                                                                           or ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda parent, title, where="": asked.append(where)
                        or "")
    _button(loaded, "Ghi bảng điểm…").click()
    assert asked == [str(tmp_path / "de" / "bang_diem.xlsx")]
    fresh = GradingWidget(folder=tmp_path / "de_thi")
    qtbot.addWidget(fresh)
    _button(fresh, "Mở đề và bài làm…").click()
    assert asked[-1] == str(tmp_path / "de_thi")
