"""Phúc khảo of a multiple-choice answer in «Chấm điểm»: the scanner read A where the learner marked B.

A centre officer picks the learner's row, «Sửa bài làm trắc nghiệm…» (or the row's context menu), the question
and the answer it should record; the same reason dialog as a changed mark follows (Hủy keeps the old answer).
The change goes into the «Phúc khảo» sheet exactly as `exam remark --answer` writes it, the learner's MC score
and total are recomputed, and the exam's key is never touched: a wrong key would misgrade every learner.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.support.cli_runs import stdout_in

ANH = "Lê Thị Ánh"  # her 8th answer is blank in the fixture's file


@pytest.fixture
def saved(exam_and_answers, qtbot, tmp_path):
    """The exam folder and the answers-and-marks file after the first marking (both essays marked, then saved)."""
    exam_dir, answers = exam_and_answers
    first = _grading(qtbot)
    first.load(exam_dir, answers)
    _type(first, "Trần Văn Bình", "TL1", "2,5")
    _type(first, ANH, "TL1", "3")
    return exam_dir, first.save_answers(tmp_path / "bai_lam_da_cham.xlsx")


def _grading(qtbot, reasons: list[str | None] | None = None, choices: list | None = None):
    """The grading screen with the two dialogs answered in their place: *choices* (question, answer), *reasons*."""
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    widget = GradingWidget(author="Nguyễn Thị Hoa")
    qtbot.addWidget(widget)
    widget.asked = []
    pending_reasons, pending_choices = list(reasons or []), list(choices or [])
    widget.ask_reason = lambda question: widget.asked.append(question) or (
        pending_reasons.pop(0) if pending_reasons else None)
    widget.ask_answer = lambda response: pending_choices.pop(0) if pending_choices else None
    return widget


def _row(widget, name: str) -> int:
    return next(i for i, s in enumerate(widget.model.scores) if s.response.name == name)


def _type(widget, name: str, column: str, text: str) -> bool:
    model = widget.model
    return model.setData(model.index(_row(widget, name), model.headers.index(column)), text)


def _shown(widget, name: str, column: str, role=Qt.ItemDataRole.DisplayRole):
    model = widget.model
    return model.data(model.index(_row(widget, name), model.headers.index(column)), role)


def _score(widget, name: str):
    return widget.model.scores[_row(widget, name)]


def _key(exam_dir: Path) -> list[str]:
    from lecturer_app.exam.manifest import read_manifest

    return [item.key for item in read_manifest(exam_dir).versions["101"].items]


def _other(letter: str) -> str:
    return "A" if letter != "A" else "B"


def _remark_rows(path) -> list[tuple]:
    from openpyxl import load_workbook

    return list(load_workbook(path)["Phúc khảo"].iter_rows(min_row=2, values_only=True))


def _folder_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_corrected_answer_asks_why_rescores_the_learner_and_shows_like_a_changed_mark(qtbot, saved):
    exam_dir, path = saved
    key = _key(exam_dir)
    grading = _grading(qtbot, ["Máy đọc nhầm: học viên tô ô đúng"], [(8, key[7])])
    grading.load(exam_dir, path)
    before = _score(grading, ANH)
    assert (sum(before.correct), before.objective, before.total) == (7, 5.25, 8.25)

    assert grading.correct_answer_of(_row(grading, ANH))
    question = grading.asked[0]
    assert (question.name, question.sbd, question.component, question.before, question.after) == (
        ANH, "02", "Câu 8", "", key[7])
    assert question.effect == "Điểm trắc nghiệm 5,25 → 6,0; tổng điểm 8,25 → 9,0"
    after = _score(grading, ANH)
    assert (sum(after.correct), after.objective, after.total) == (8, 6.0, 9.0)
    assert _shown(grading, ANH, "Điểm trắc nghiệm") == "6,0" and _shown(grading, ANH, "Tổng điểm") == "9,0"
    for column in ("Số câu đúng", "Điểm trắc nghiệm"):
        assert _shown(grading, ANH, column, Qt.ItemDataRole.BackgroundRole) is not None
        assert _shown(grading, ANH, column, Qt.ItemDataRole.FontRole).bold()
        tip = _shown(grading, ANH, column, Qt.ItemDataRole.ToolTipRole)
        assert f"Phúc khảo Câu 8: trống → {key[7]}" in tip and "Máy đọc nhầm: học viên tô ô đúng" in tip
    assert _shown(grading, "Trần Văn Bình", "Điểm trắc nghiệm", Qt.ItemDataRole.BackgroundRole) is None
    assert _shown(grading, ANH, "TL1", Qt.ItemDataRole.BackgroundRole) is None  # her essay mark was not changed
    assert grading.marks_unsaved and grading.minutes_button.isEnabled()


def test_hủy_in_the_reason_dialog_keeps_the_answer_and_records_nothing(qtbot, saved):
    exam_dir, path = saved
    grading = _grading(qtbot, [None], [(8, _key(exam_dir)[7])])
    grading.load(exam_dir, path)
    assert not grading.correct_answer_of(_row(grading, ANH))
    assert len(grading.asked) == 1 and grading.model.remarks == []
    assert _score(grading, ANH).response.answers[7] == "" and _score(grading, ANH).total == 8.25
    assert not grading.marks_unsaved and not grading.minutes_button.isEnabled()


def test_hủy_in_the_choice_dialog_asks_nothing_more(qtbot, saved):
    exam_dir, path = saved
    grading = _grading(qtbot, ["lý do"], [])
    grading.load(exam_dir, path)
    assert not grading.correct_answer_of(_row(grading, ANH))
    assert grading.asked == [] and grading.model.remarks == []


def test_no_answer_to_the_question_or_the_same_answer_again_is_refused_before_any_reason(qtbot, saved):
    exam_dir, path = saved
    key = _key(exam_dir)
    grading = _grading(qtbot, ["lý do"] * 3, [(3, "E"), (9, "A"), (1, key[0].lower())])
    grading.load(exam_dir, path)
    refused = []
    grading.model.remark_refused.connect(refused.append)
    binh = _row(grading, "Trần Văn Bình")
    assert not grading.correct_answer_of(binh)
    assert not grading.correct_answer_of(binh)
    assert not grading.correct_answer_of(binh)  # "b" is the "B" already recorded
    assert grading.asked == [] and grading.model.remarks == []
    assert "Câu 3: 'E' không phải phương án" in refused[0]
    assert "mã đề 101 có 8 câu trắc nghiệm" in refused[1]


def test_the_exam_key_is_never_changed(qtbot, saved, tmp_path):
    """Every file of the exam folder (exam.json, the keys) byte for byte the same; the key the grid grades by too."""
    from lecturer_app.exam.manifest import read_manifest

    exam_dir, path = saved
    files = _folder_bytes(exam_dir)
    key = _key(exam_dir)
    grading = _grading(qtbot, ["Máy đọc nhầm", "Hội đồng xem lại"], [(8, key[7]), (1, _other(key[0]))])
    grading.load(exam_dir, path)
    keys_in_memory = {code: [item.key for item in v.items] for code, v in grading.manifest.versions.items()}
    assert grading.correct_answer_of(_row(grading, ANH))
    assert grading.correct_answer_of(_row(grading, "Trần Văn Bình"))
    grading.answers_saved(grading.save_answers(tmp_path / "sau_phuc_khao.xlsx"))
    grading.notice.close()
    grading.write(tmp_path / "bang_diem.xlsx")
    grading.write_minutes(tmp_path / "bien_ban.pdf")
    assert {code: [item.key for item in v.items] for code, v in grading.manifest.versions.items()} == keys_in_memory
    assert [item.key for item in read_manifest(exam_dir).versions["101"].items] == key
    assert _folder_bytes(exam_dir) == files
    # Bình had every answer right: his first answer changed to a wrong one costs him that question only.
    assert (sum(_score(grading, "Trần Văn Bình").correct), _score(grading, "Trần Văn Bình").objective) == (7, 5.25)


def test_the_record_and_the_totals_are_the_clis_for_the_same_change(qtbot, saved, tmp_path):
    """The same correction through the grid and through `exam remark --answer`: the same «Phúc khảo» row (but
    its time), the same answers and marks, and `exam grade` gives the same totals as the grid."""
    from openpyxl import load_workbook

    exam_dir, path = saved
    key = _key(exam_dir)
    by_cli = shutil.copy(path, tmp_path / "qua_dong_lenh.xlsx")
    data = tmp_path / "data"
    stdout_in(data, "exam", "remark", "--exam", str(exam_dir), "--answers", str(by_cli),
                              "--sbd", "02", "--component", "8", "--answer", key[7].lower(),
                              "--reason", "Máy đọc nhầm ô tô", "--author", "Nguyễn Thị Hoa")
    grading = _grading(qtbot, ["Máy đọc nhầm ô tô"], [(8, key[7].lower())])
    grading.load(exam_dir, path)
    assert grading.correct_answer_of(_row(grading, ANH))
    by_grid = grading.save_answers(tmp_path / "qua_man_hinh.xlsx")

    assert [row[:7] for row in _remark_rows(by_grid)] == [row[:7] for row in _remark_rows(by_cli)] == [
        ("02", ANH, "Câu 8", None, key[7], "Máy đọc nhầm ô tô", "Nguyễn Thị Hoa")]
    sheets = [list(load_workbook(p).worksheets[0].iter_rows(values_only=True)) for p in (by_grid, by_cli)]
    assert sheets[0] == sheets[1]
    stdout_in(data, "exam", "grade", "--exam", str(exam_dir), "--answers", str(by_cli), "-o",
                              str(tmp_path / "bang_diem.xlsx"))
    sheet = load_workbook(tmp_path / "bang_diem.xlsx")["Bảng điểm"]
    header = [cell.value for cell in sheet[1]]
    totals = {r[header.index("Họ và tên")]: r[header.index("Bằng số")] for r in sheet.iter_rows(min_row=2,
                                                                                                 values_only=True)
              if r[header.index("Họ và tên")] in (ANH, "Trần Văn Bình")}
    assert totals == {ANH: "9,0", "Trần Văn Bình": "8,5"}
    assert {s.response.name: s.total for s in grading.model.scores} == {ANH: 9.0, "Trần Văn Bình": 8.5}
    anh = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("Họ và tên")] == ANH)
    assert anh[header.index("Điểm trước phúc khảo")] == 8.25


def test_undone_as_an_essay_mark_is_undone_by_a_second_recorded_change_that_chains(qtbot, saved, tmp_path):
    """No silent undo, as for a mark changed on appeal: choosing the old answer again is a change with its reason."""
    exam_dir, path = saved
    key = _key(exam_dir)
    grading = _grading(qtbot, ["Máy đọc nhầm", "Nhầm học viên: trả lại như cũ"], [(8, key[7]), (8, "")])
    grading.load(exam_dir, path)
    row = _row(grading, ANH)
    assert grading.correct_answer_of(row) and grading.correct_answer_of(row)
    assert _score(grading, ANH).total == 8.25 and _score(grading, ANH).response.answers[7] == ""
    assert f"trống → {key[7]} → trống" in _shown(grading, ANH, "Điểm trắc nghiệm", Qt.ItemDataRole.ToolTipRole)
    rows = _remark_rows(grading.save_answers(tmp_path / "lai.xlsx"))
    assert [(r[2], r[3], r[4], r[5]) for r in rows] == [("Câu 8", None, key[7], "Máy đọc nhầm"),
                                                        ("Câu 8", key[7], None, "Nhầm học viên: trả lại như cũ")]


def test_an_answer_is_corrected_with_a_reason_even_before_the_marks_were_first_saved(qtbot, exam_and_answers):
    """Unlike a mark typed the first time, the answer was already there (the paper, the scanner's reading)."""
    exam_dir, answers = exam_and_answers
    grading = _grading(qtbot, ["Máy đọc nhầm"], [(8, _key(exam_dir)[7])])
    grading.load(exam_dir, answers)
    assert grading.correct_answer_of(_row(grading, ANH))
    assert [(r.component, r.reason) for r in grading.model.remarks] == [("Câu 8", "Máy đọc nhầm")]
    assert _type(grading, ANH, "TL1", "3") and len(grading.asked) == 1  # the first marking still asks nothing


def test_the_reading_note_about_a_corrected_answer_goes(qtbot, exam_and_answers, tmp_path):
    from openpyxl import load_workbook

    exam_dir, answers = exam_and_answers
    workbook = load_workbook(answers)
    workbook.active.cell(row=3, column=5, value="E")  # Ánh's 2nd answer: no option of the question
    workbook.save(answers)
    key = _key(exam_dir)
    grading = _grading(qtbot, ["Máy đọc nhầm"], [(2, key[1])])
    grading.load(exam_dir, answers)
    assert "Câu 2:" in _shown(grading, ANH, "Ghi chú")
    assert grading.correct_answer_of(_row(grading, ANH))
    assert "Câu 2:" not in (_shown(grading, ANH, "Ghi chú") or "")
    assert not any(ANH in line for line in grading.problem_lines())


def test_the_action_is_on_the_learners_row_and_the_button_needs_a_row(qtbot, saved):
    exam_dir, path = saved
    grading = _grading(qtbot, ["Máy đọc nhầm"], [(8, _key(exam_dir)[7])])
    assert not grading.answer_button.isEnabled()
    grading.load(exam_dir, path)
    assert not grading.answer_button.isEnabled() and "Chọn dòng" in grading.answer_button.toolTip()
    row = _row(grading, ANH)
    grading.scores_view.setCurrentIndex(grading.model.index(row, 0))
    assert grading.answer_button.isEnabled() and ANH in grading.answer_button.toolTip()
    action, _keep = grading.row_menu(row).actions()  # the second: «Phúc khảo giữ nguyên điểm…»
    assert action.text() == f"Sửa bài làm trắc nghiệm của {ANH}…" and action.isEnabled()
    action.trigger()
    assert [(r.name, r.component) for r in grading.model.remarks] == [(ANH, "Câu 8")]


def test_the_choice_dialog_offers_the_options_letters_and_goes_on_only_for_another_valid_answer(qtbot, saved):
    from PySide6.QtWidgets import QDialogButtonBox

    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.importers.exam_answers import read_answer_file
    from lecturer_app.ui.exam.answer_dialog import AnswerCorrectionDialog

    exam_dir, path = saved
    manifest = read_manifest(exam_dir)
    anh = next(r for r in read_answer_file(path, manifest).responses if r.name == ANH)
    dialog = AnswerCorrectionDialog(anh, manifest)
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).isDefault()
    assert dialog.ok_button.text() == "Tiếp tục…" and not dialog.ok_button.isEnabled()
    assert [dialog.answer.itemText(i) for i in range(dialog.answer.count())] == ["A", "B", "C", "D"]
    assert dialog.question.maximum() == 8 and dialog.recorded.text() == anh.answers[0]
    dialog.answer.setEditText(_other(anh.answers[0]).lower())
    assert dialog.ok_button.isEnabled() and dialog.message.text() == f"Câu 1: {anh.answers[0]} → {_other(anh.answers[0])}"
    dialog.answer.setEditText("E")
    assert not dialog.ok_button.isEnabled() and "không phải phương án" in dialog.message.text()
    dialog.question.setValue(8)
    assert dialog.recorded.text() == "trống" and dialog.answer.currentText() == ""
    dialog.answer.setEditText("c")
    assert dialog.choice() == (8, "c") and dialog.ok_button.isEnabled()


def test_the_reason_dialog_of_an_answer_says_it_is_the_answer_and_what_it_does_to_the_scores(qtbot):
    from lecturer_app.ui.exam.grading_model import RemarkQuestion
    from lecturer_app.ui.exam.remark_dialog import RemarkReasonDialog

    dialog = RemarkReasonDialog(RemarkQuestion(ANH, "02", "Câu 8", "", "B",
                                               "Điểm trắc nghiệm 5,25 → 6,0; tổng điểm 8,25 → 9,0"))
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert dialog.windowTitle() == "Sửa bài làm khi phúc khảo"
    assert f"{ANH} (SBD 02), Câu 8: trống → B" in texts
    assert "Điểm trắc nghiệm 5,25 → 6,0; tổng điểm 8,25 → 9,0" in texts
    assert not any("Điểm này đã được lưu" in text for text in texts)


def _answer_when_shown(kind, answer) -> None:
    """Poll until a dialog of *kind* is shown (its exec() has started), then let *answer* fill and close it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    if not shown:
        QTimer.singleShot(20, lambda: _answer_when_shown(kind, answer))
        return
    answer(shown[0])


def test_through_the_button_and_the_real_dialogs_the_correction_is_recorded(qtbot, saved):
    from PySide6.QtCore import QTimer

    from lecturer_app.ui.exam.answer_dialog import AnswerCorrectionDialog
    from lecturer_app.ui.exam.grading_widget import GradingWidget
    from lecturer_app.ui.exam.remark_dialog import RemarkReasonDialog

    exam_dir, path = saved
    key = _key(exam_dir)
    grading = GradingWidget(author="Nguyễn Thị Hoa")
    qtbot.addWidget(grading)
    grading.load(exam_dir, path)
    grading.show()
    qtbot.waitExposed(grading)
    grading.scores_view.setCurrentIndex(grading.model.index(_row(grading, ANH), 0))

    def choose(dialog) -> None:
        dialog.question.setValue(8)
        dialog.answer.setEditText(key[7])
        QTimer.singleShot(20, lambda: _answer_when_shown(RemarkReasonDialog, give_reason))
        dialog.ok_button.click()

    def give_reason(dialog) -> None:
        dialog.reason.setPlainText("Máy đọc nhầm ô tô")
        dialog.ok_button.click()

    QTimer.singleShot(20, lambda: _answer_when_shown(AnswerCorrectionDialog, choose))
    qtbot.mouseClick(grading.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(grading.model.remarks) == 1)
    change = grading.model.remarks[0]
    assert (change.component, change.before, change.after, change.reason, change.author) == (
        "Câu 8", "", key[7], "Máy đọc nhầm ô tô", "Nguyễn Thị Hoa")
    assert _score(grading, ANH).total == 9.0


def test_in_english_the_action_and_its_dialogs_read_in_english(qtbot, saved):
    from lecturer_app import i18n
    from lecturer_app.core.resources import resource_path
    from lecturer_app.ui.exam.answer_dialog import AnswerCorrectionDialog

    exam_dir, path = saved
    i18n.setup("en", resource_path("translations"))
    try:
        grading = _grading(qtbot)
        grading.load(exam_dir, path)
        action, _keep = grading.row_menu(_row(grading, ANH)).actions()
        dialog = AnswerCorrectionDialog(_score(grading, ANH).response, grading.manifest)
        qtbot.addWidget(dialog)
        dialog.question.setValue(8)
        dialog.answer.setEditText("b")
        texts = (grading.answer_button.text(), action.text(), dialog.windowTitle(), dialog.message.text())
    finally:
        i18n.setup("vi", None)
    assert texts == ("Correct a multiple-choice answer…", f"Correct a multiple-choice answer of {ANH}…",
                     "Correct a multiple-choice answer", "Question 8: empty → B")
