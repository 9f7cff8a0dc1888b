"""Phúc khảo weeks after the exam: the marks typed in «Chấm điểm» are not lost with the app.

«Lưu bài làm và điểm…» writes the answers and every mark entered as the answer template; opened again
another day it gives the same scores, a mark changed on appeal recomputes the total, and the score sheet
shows the final mark with a decimal comma.
"""

from __future__ import annotations

import pytest


def _grading(qtbot):
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    widget = GradingWidget()
    qtbot.addWidget(widget)
    return widget


def _type(widget, name: str, column: str, text: str) -> None:
    model = widget.model
    row = next(i for i, s in enumerate(model.scores) if s.response.name == name)
    assert model.setData(model.index(row, model.headers.index(column)), text)


def _shown(widget, name: str, column: str) -> str:
    model = widget.model
    row = next(i for i, s in enumerate(model.scores) if s.response.name == name)
    return model.data(model.index(row, model.headers.index(column)))


def test_marks_typed_in_the_grid_come_back_when_the_saved_file_is_opened_again(qtbot, exam_and_answers, tmp_path):
    exam_dir, answers = exam_and_answers
    first = _grading(qtbot)
    first.load(exam_dir, answers)
    _type(first, "Trần Văn Bình", "TL1", "3,5")
    _type(first, "Lê Thị Ánh", "TL1", "2,25")
    totals = {s.response.name: s.total for s in first.model.scores}
    saved = first.save_answers(tmp_path / "bai_lam_da_cham.xlsx")

    again = _grading(qtbot)  # another day: the app was closed in between
    again.load(exam_dir, saved)
    assert {s.response.name: s.total for s in again.model.scores} == totals
    assert _shown(again, "Trần Văn Bình", "TL1") == "3,5"
    assert _shown(again, "Lê Thị Ánh", "TL1") == "2,25"
    assert [s.response.answers for s in again.model.scores] == [s.response.answers for s in first.model.scores]
    assert not again.answers.rejected and not again.problem_lines()


def test_a_mark_changed_on_appeal_recomputes_the_total_and_the_score_sheet_shows_it(qtbot, exam_and_answers,
                                                                                    tmp_path):
    from openpyxl import load_workbook

    exam_dir, answers = exam_and_answers
    grading = _grading(qtbot)
    grading.load(exam_dir, answers)
    _type(grading, "Trần Văn Bình", "TL1", "2,5")
    before = _shown(grading, "Trần Văn Bình", "Tổng điểm")
    _type(grading, "Trần Văn Bình", "TL1", "3,75")  # re-marked on appeal
    assert (before, _shown(grading, "Trần Văn Bình", "Tổng điểm")) == ("8,5", "9,75")
    sheet = load_workbook(grading.write(tmp_path / "bang_diem.xlsx"))["Bảng điểm"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("Họ và tên")] == "Trần Văn Bình")
    assert (row[header.index("TL1")], row[header.index("Bằng số")]) == (3.75, "9,75")


def test_closing_with_marks_typed_and_not_saved_asks_first(qtbot, exam_and_answers, tmp_path):
    exam_dir, answers = exam_and_answers
    grading = _grading(qtbot)
    grading.load(exam_dir, answers)
    asked = []
    grading.ask_save_marks = lambda parent: asked.append(parent) or "cancel"
    assert grading.confirm_close()  # nothing typed yet: nothing to ask
    _type(grading, "Lê Thị Ánh", "TL1", "3")
    assert not grading.confirm_close() and asked == [grading]
    grading.ask_save_marks = lambda parent: "discard"
    assert grading.confirm_close()
    grading.answers_saved(grading.save_answers(tmp_path / "da_luu.xlsx"))
    grading.notice.close()
    grading.ask_save_marks = lambda parent: pytest.fail("asked after the marks were saved")
    assert grading.confirm_close()


def test_the_grading_tab_and_the_window_stay_open_when_the_lecturer_cancels(window, exam_and_answers):
    from lecturer_app.ui.exam import open_grading

    exam_dir, answers = exam_and_answers
    grading = open_grading(window)
    grading.load(exam_dir, answers)
    _type(grading, "Trần Văn Bình", "TL1", "3,5")
    grading.ask_save_marks = lambda parent: "cancel"
    index = window.tabs.indexOf(grading)
    assert not window.close_tab(index) and window.tabs.indexOf(grading) == index
    assert not window.close() and window.isVisible()
    grading.ask_save_marks = lambda parent: "discard"


def test_the_oral_weight_chosen_comes_back_with_the_saved_file_so_no_total_moves(qtbot, exam_and_answers,
                                                                                  tmp_path):
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.importers.exam_answers import read_answer_file

    exam_dir, answers = exam_and_answers
    first = _grading(qtbot)
    first.load(exam_dir, answers)
    _type(first, "Trần Văn Bình", "Vấn đáp", "6")
    _type(first, "Lê Thị Ánh", "Vấn đáp", "9")
    first.oral_spin.setValue(0.3)  # the centre's rule, not the default 0,5
    totals = {s.response.name: s.total for s in first.model.scores}
    saved = first.save_answers(tmp_path / "bai_lam_da_cham.xlsx")
    assert read_answer_file(saved, read_manifest(exam_dir)).oral_weight == pytest.approx(0.3)

    again = _grading(qtbot)  # the appeal, another day
    again.load(exam_dir, saved)
    assert again.oral_spin.value() == pytest.approx(0.3)
    assert {s.response.name: s.total for s in again.model.scores} == pytest.approx(totals)
    assert not again.answers.rejected  # the rule's sheet is not read as learners


def test_exam_grade_on_the_saved_file_uses_the_saved_weight_unless_told_otherwise(qtbot, exam_and_answers,
                                                                                   tmp_path):
    import io
    import json

    from lecturer_app.cli import main

    exam_dir, answers = exam_and_answers
    grading = _grading(qtbot)
    grading.load(exam_dir, answers)
    _type(grading, "Trần Văn Bình", "Vấn đáp", "6")
    grading.oral_spin.setValue(0.3)
    saved = grading.save_answers(tmp_path / "bai_lam_da_cham.xlsx")
    for extra, weight in (([], 0.3), (["--oral-weight", "0.5"], 0.5)):
        out, err = io.StringIO(), io.StringIO()
        main(["--data-dir", str(tmp_path / "data"), "exam", "grade", "--exam", str(exam_dir), "--answers",
              str(saved), "-o", str(tmp_path / "bd.xlsx"), "--json", *extra], out=out, err=err)
        assert json.loads(out.getvalue())["oral_weight"] == pytest.approx(weight), err.getvalue()
