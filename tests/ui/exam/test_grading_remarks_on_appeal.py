"""Phúc khảo in «Chấm điểm»: once the marks are saved, a changed mark asks why and is recorded for good.

The record is the «Phúc khảo» sheet of the saved answers-and-marks file: who changed which mark, when, from
what to what and why. Reopened and saved again it keeps the whole history, and a second change of the same mark
chains (old → new1 → new2). Hủy leaves the saved mark as it was; the changed cells are tinted.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def saved_marks(exam_and_answers, qtbot, tmp_path):
    """An exam (8 MC for 6 points, one essay of 4) and its answers-and-marks file, saved after the first marking."""
    exam_dir, answers = exam_and_answers
    first = _grading(qtbot)
    first.load(exam_dir, answers)
    _type(first, "Trần Văn Bình", "TL1", "2,5")  # the first marking: no reason asked
    _type(first, "Lê Thị Ánh", "TL1", "3")
    return exam_dir, first.save_answers(tmp_path / "bai_lam_da_cham.xlsx")


def _grading(qtbot, reasons: list[str | None] | None = None):
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    widget = GradingWidget(author="Nguyễn Thị Hoa")
    qtbot.addWidget(widget)
    asked = []
    answers = list(reasons or [])
    widget.ask_reason = lambda question: asked.append(question) or (answers.pop(0) if answers else None)
    widget.asked = asked
    return widget


def _index(widget, name: str, column: str):
    model = widget.model
    row = next(i for i, s in enumerate(model.scores) if s.response.name == name)
    return model.index(row, model.headers.index(column))


def _type(widget, name: str, column: str, text: str) -> bool:
    return widget.model.setData(_index(widget, name, column), text)


def _shown(widget, name: str, column: str, role=Qt.ItemDataRole.DisplayRole):
    return widget.model.data(_index(widget, name, column), role)


def _remark_rows(path) -> list[tuple]:
    from openpyxl import load_workbook

    return list(load_workbook(path)["Phúc khảo"].iter_rows(values_only=True))


def test_the_first_marking_asks_nothing_and_writes_no_record(qtbot, saved_marks):
    from openpyxl import load_workbook

    _exam, saved = saved_marks
    assert "Phúc khảo" not in load_workbook(saved).sheetnames


def test_a_saved_mark_changed_asks_the_reason_and_the_saved_file_keeps_who_when_what_and_why(qtbot, saved_marks,
                                                                                              tmp_path):
    exam_dir, saved = saved_marks
    grading = _grading(qtbot, ["Cộng sót ý 2 câu tự luận"])
    grading.load(exam_dir, saved)
    assert _type(grading, "Trần Văn Bình", "TL1", "3,75")
    question = grading.asked[0]
    assert (question.name, question.sbd, question.component, question.before, question.after) == (
        "Trần Văn Bình", "01", "TL1", "2,5", "3,75")
    assert _shown(grading, "Trần Văn Bình", "TL1") == "3,75"
    assert _shown(grading, "Trần Văn Bình", "TL1", Qt.ItemDataRole.BackgroundRole) is not None
    assert "2,5 → 3,75" in _shown(grading, "Trần Văn Bình", "TL1", Qt.ItemDataRole.ToolTipRole)
    assert _shown(grading, "Lê Thị Ánh", "TL1", Qt.ItemDataRole.BackgroundRole) is None

    rows = _remark_rows(grading.save_answers(tmp_path / "sau_phuc_khao.xlsx"))
    assert rows[0] == ("SBD", "Họ và tên", "Thành phần", "Điểm cũ", "Điểm mới", "Lý do", "Người sửa", "Thời điểm")
    assert rows[1][:7] == ("01", "Trần Văn Bình", "TL1", "2,5", "3,75", "Cộng sót ý 2 câu tự luận", "Nguyễn Thị Hoa")
    assert rows[1][7][:4].isdigit() and "T" in rows[1][7]  # ISO time with its offset


def test_hủy_leaves_the_saved_mark_and_records_nothing(qtbot, saved_marks):
    exam_dir, saved = saved_marks
    grading = _grading(qtbot, [None])
    grading.load(exam_dir, saved)
    assert not _type(grading, "Trần Văn Bình", "TL1", "4")
    assert _shown(grading, "Trần Văn Bình", "TL1") == "2,5" and grading.model.remarks == []
    assert not grading.minutes_button.isEnabled()


def test_a_change_on_appeal_must_be_a_mark_within_the_component_maximum(qtbot, saved_marks):
    exam_dir, saved = saved_marks
    grading = _grading(qtbot, ["lý do"])
    grading.load(exam_dir, saved)
    refused = []
    grading.model.remark_refused.connect(refused.append)
    assert not _type(grading, "Trần Văn Bình", "TL1", "4,5")  # the essay is worth 4
    assert not _type(grading, "Trần Văn Bình", "Vấn đáp", "11")
    assert not _type(grading, "Trần Văn Bình", "TL1", "nan")
    assert grading.asked == [] and grading.model.remarks == []
    assert "ngoài khoảng 0–4" in refused[0] and "0–10" in refused[1]
    assert not _type(grading, "Trần Văn Bình", "TL1", "2.5")  # the same mark: nothing to record
    assert grading.asked == []


def test_reopened_and_changed_again_the_history_is_kept_and_the_same_mark_chains(qtbot, saved_marks, tmp_path):
    exam_dir, saved = saved_marks
    first = _grading(qtbot, ["Cộng sót ý 2"])
    first.load(exam_dir, saved)
    _type(first, "Trần Văn Bình", "TL1", "3,5")
    after_one = first.save_answers(tmp_path / "lan_1.xlsx")

    second = _grading(qtbot, ["Hội đồng chấm lại ý 3", "Thi vấn đáp bổ sung"])
    second.load(exam_dir, after_one)
    assert [r.after for r in second.model.remarks] == ["3,5"]
    _type(second, "Trần Văn Bình", "TL1", "3,75")
    _type(second, "Lê Thị Ánh", "Vấn đáp", "7")
    rows = _remark_rows(second.save_answers(tmp_path / "lan_2.xlsx"))[1:]
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in rows] == [
        ("01", "TL1", "2,5", "3,5", "Cộng sót ý 2"),
        ("01", "TL1", "3,5", "3,75", "Hội đồng chấm lại ý 3"),
        ("02", "Vấn đáp", None, "7,0", "Thi vấn đáp bổ sung"),  # no oral mark before: an empty cell
    ]
    assert "2,5 → 3,5 → 3,75" in _shown(second, "Trần Văn Bình", "TL1", Qt.ItemDataRole.ToolTipRole)


def test_marks_typed_after_the_first_save_in_the_same_session_are_changes_on_appeal(qtbot, saved_marks, tmp_path):
    exam_dir, saved = saved_marks
    grading = _grading(qtbot, ["Sai sót khi nhập điểm"])
    grading.load(exam_dir, saved)
    grading.answers_saved(grading.save_answers(tmp_path / "lai.xlsx"))
    grading.notice.close()
    _type(grading, "Lê Thị Ánh", "TL1", "3,25")
    assert [(q.before, q.after) for q in grading.asked] == [("3,0", "3,25")]


def test_the_score_sheet_shows_the_total_before_the_appeal_for_changed_learners_only(qtbot, saved_marks, tmp_path):
    from openpyxl import load_workbook

    exam_dir, saved = saved_marks
    grading = _grading(qtbot, ["Cộng sót ý 2"])
    grading.load(exam_dir, saved)
    _type(grading, "Trần Văn Bình", "TL1", "3,75")
    sheet = load_workbook(grading.write(tmp_path / "bang_diem.xlsx"))["Bảng điểm"]
    header = [cell.value for cell in sheet[1]]
    rows = {r[header.index("Họ và tên")]: r for r in sheet.iter_rows(min_row=2, max_row=3, values_only=True)}
    binh, anh = rows["Trần Văn Bình"], rows["Lê Thị Ánh"]
    assert (binh[header.index("Bằng số")], binh[header.index("Điểm trước phúc khảo")]) == ("9,75", 8.5)
    assert binh[header.index("Phúc khảo")] == "TL1: 2,5 → 3,75"
    assert (anh[header.index("Điểm trước phúc khảo")], anh[header.index("Phúc khảo")]) == (None, None)


def test_the_minutes_button_writes_the_biên_bản_once_a_mark_was_changed(qtbot, saved_marks, tmp_path):
    exam_dir, saved = saved_marks
    grading = _grading(qtbot, ["Cộng sót ý 2"])
    grading.load(exam_dir, saved)
    assert not grading.minutes_button.isEnabled()
    _type(grading, "Trần Văn Bình", "TL1", "3,75")
    assert grading.minutes_button.isEnabled()
    written = grading.write_minutes(tmp_path / "bien_ban.pdf")
    assert written.read_bytes().startswith(b"%PDF")


def test_the_reason_dialog_defaults_to_hủy_and_needs_a_reason(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    from lecturer_app.ui.exam.grading_model import RemarkQuestion
    from lecturer_app.ui.exam.remark_dialog import RemarkReasonDialog

    dialog = RemarkReasonDialog(RemarkQuestion("Trần Văn Bình", "01", "TL1", "2,5", "3,75"))
    qtbot.addWidget(dialog)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.isDefault() and cancel.text() == "Hủy"
    assert not dialog.ok_button.isEnabled() and dialog.ok_button.text() == "Ghi nhận"
    dialog.reason.setPlainText("  Cộng sót\ný 2 ")
    assert dialog.ok_button.isEnabled() and dialog.reason_text() == "Cộng sót ý 2"


def test_typed_in_the_grid_the_real_dialog_asks_once_and_records_the_reason(qtbot, saved_marks):
    """Through the view's editor and the real dialog: the editor losing focus to the dialog asks no second time."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit

    from lecturer_app.ui.exam.remark_dialog import RemarkReasonDialog, ask_remark_reason

    exam_dir, saved = saved_marks
    grading = _grading(qtbot)
    grading.ask_reason = lambda question: grading.asked.append(question) or ask_remark_reason(grading, question)
    grading.load(exam_dir, saved)
    grading.show()
    qtbot.waitExposed(grading)

    def answer() -> None:  # polled: the dialog shows once exec() has started
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, RemarkReasonDialog) and w.isVisible()]
        if not shown:
            QTimer.singleShot(20, answer)
            return
        shown[0].reason.setPlainText("Cộng sót ý 2")
        shown[0].ok_button.click()

    view = grading.scores_view
    index = _index(grading, "Trần Văn Bình", "TL1")
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QLineEdit)
    assert editor is not None
    editor.setText("3,75")
    QTimer.singleShot(20, answer)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(grading.model.remarks) == 1)
    assert len(grading.asked) == 1
    assert grading.model.remarks[0].reason == "Cộng sót ý 2" and grading.model.remarks[0].author == "Nguyễn Thị Hoa"
    assert _shown(grading, "Trần Văn Bình", "TL1") == "3,75"
