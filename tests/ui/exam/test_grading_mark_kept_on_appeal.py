"""Phúc khảo in «Chấm điểm» whose outcome keeps the mark: «Giữ nguyên điểm…» records the appeal, changes nothing.

A centre officer picks the learner's row, «Giữ nguyên điểm…» (or the row's context menu), the part appealed and
the reason or conclusion. The appeal goes into the «Phúc khảo» sheet as `exam remark --keep` writes it, no score
moves, the biên bản can be written, and Hủy records nothing.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

ANH = "Lê Thị Ánh"


@pytest.fixture
def saved(exam_and_answers, qtbot, tmp_path):
    """The exam folder and the answers-and-marks file after the first marking (both essays marked, then saved)."""
    exam_dir, answers = exam_and_answers
    first = _grading(qtbot)
    first.load(exam_dir, answers)
    for name, mark in (("Trần Văn Bình", "2,5"), (ANH, "3")):
        first.model.setData(first.model.index(_row(first, name), first.model.headers.index("TL1")), mark)
    return exam_dir, first.save_answers(tmp_path / "bai_lam_da_cham.xlsx")


def _grading(qtbot, choices: list | None = None):
    """The grading screen with the «Giữ nguyên điểm» dialog answered in its place by *choices* (part, reason)."""
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    widget = GradingWidget(author="Nguyễn Thị Hoa")
    qtbot.addWidget(widget)
    widget.offered = []
    pending = list(choices or [])
    widget.ask_keep = lambda response, parts: widget.offered.append(parts) or (pending.pop(0) if pending else None)
    return widget


def _row(widget, name: str) -> int:
    return next(i for i, s in enumerate(widget.model.scores) if s.response.name == name)


def _remark_rows(path) -> list[tuple]:
    from openpyxl import load_workbook

    return list(load_workbook(path)["Phúc khảo"].iter_rows(min_row=2, values_only=True))


def test_a_kept_mark_is_recorded_and_saved_and_no_score_moves(qtbot, saved, tmp_path):
    exam_dir, path = saved
    grading = _grading(qtbot, [("TL1", "Chấm lại đủ ý: giữ nguyên")])
    grading.load(exam_dir, path)
    scores = list(grading.model.scores)
    assert not grading.minutes_button.isEnabled()
    assert grading.keep_mark_of(_row(grading, ANH))
    assert grading.model.scores == scores
    assert grading.marks_unsaved and grading.minutes_button.isEnabled()
    cell = grading.model.index(_row(grading, ANH), grading.model.headers.index("TL1"))
    assert grading.model.data(cell, Qt.ItemDataRole.BackgroundRole) is None  # not tinted: the mark did not change
    assert grading.model.data(cell, Qt.ItemDataRole.ToolTipRole).startswith(
        "Phúc khảo TL1: giữ nguyên «3,0»: Chấm lại đủ ý: giữ nguyên (Nguyễn Thị Hoa, ")
    (row,) = _remark_rows(grading.save_answers(tmp_path / "sau_phuc_khao.xlsx"))
    assert row[:7] + row[8:] == ("02", ANH, "TL1", "3,0", "3,0", "Chấm lại đủ ý: giữ nguyên", "Nguyễn Thị Hoa",
                                 "Giữ nguyên")


def test_the_parts_offered_are_the_papers_essays_then_its_questions(qtbot, saved):
    exam_dir, path = saved
    grading = _grading(qtbot)
    grading.load(exam_dir, path)
    assert not grading.keep_mark_of(_row(grading, ANH))  # Hủy: nothing recorded
    assert grading.offered == [["TL1", *(f"Câu {n}" for n in range(1, 9))]]
    assert grading.model.remarks == [] and not grading.marks_unsaved


def test_the_minutes_list_the_kept_appeal(qtbot, saved, tmp_path):
    import subprocess

    exam_dir, path = saved
    grading = _grading(qtbot, [("Câu 8", "Bài làm để trống, máy đọc đúng")])
    grading.load(exam_dir, path)
    assert grading.keep_mark_of(_row(grading, ANH))
    text = subprocess.run(["pdftotext", "-layout", str(grading.write_minutes(tmp_path / "bien_ban.pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(line.startswith(f"1 02 {ANH} Câu 8 trống trống Giữ nguyên Bài làm để trống") for line in lines), text


def test_the_button_needs_a_row_and_the_rows_menu_offers_it(qtbot, saved):
    exam_dir, path = saved
    grading = _grading(qtbot, [("TL1", "Đúng")])
    assert not grading.keep_button.isEnabled()
    grading.load(exam_dir, path)
    assert not grading.keep_button.isEnabled() and "Chọn dòng" in grading.keep_button.toolTip()
    row = _row(grading, ANH)
    grading.scores_view.setCurrentIndex(grading.model.index(row, 0))
    assert grading.keep_button.isEnabled() and ANH in grading.keep_button.toolTip()
    _correct, keep = grading.row_menu(row).actions()
    assert keep.text() == f"Phúc khảo giữ nguyên điểm của {ANH}…"
    keep.trigger()
    assert [(r.name, r.component, r.kept) for r in grading.model.remarks] == [(ANH, "TL1", True)]


@pytest.fixture
def dialog(qtbot, saved):
    from lecturer_app.exam.grading import Response
    from lecturer_app.ui.exam.remark_dialog import KeepMarkDialog

    widget = KeepMarkDialog(Response(ANH, "02", "101", ["B", ""], {1: 3.0}), ["TL1", "Câu 1", "Câu 2"])
    qtbot.addWidget(widget)
    return widget


def test_the_dialog_shows_the_mark_kept_needs_a_reason_and_defaults_to_cancel(dialog):
    from PySide6.QtWidgets import QDialogButtonBox

    assert dialog.windowTitle() == "Phúc khảo: giữ nguyên điểm"
    assert dialog.held.text() == "3,0" and dialog.ok_button.text() == "Giữ nguyên điểm"
    assert not dialog.ok_button.isEnabled()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).isDefault()
    dialog.part.setCurrentIndex(1)
    assert dialog.held.text() == "B"
    dialog.part.setCurrentIndex(2)
    assert dialog.held.text() == "trống"
    dialog.reason.setPlainText("  Máy đọc đúng\n ô đã tô ")
    assert dialog.ok_button.isEnabled()
    assert dialog.choice() == ("Câu 2", "Máy đọc đúng ô đã tô")


def test_in_english_the_dialog_and_the_button_read_in_english(qtbot, saved):
    from lecturer_app import i18n
    from lecturer_app.core.resources import resource_path
    from lecturer_app.exam.grading import Response
    from lecturer_app.ui.exam.remark_dialog import KeepMarkDialog

    i18n.setup("en", resource_path("translations"))
    try:
        grading = _grading(qtbot)
        dialog = KeepMarkDialog(Response(ANH, "02", "101", ["B"], {1: 3.0}), ["TL1", "Câu 1"])
        qtbot.addWidget(dialog)
        texts = (grading.keep_button.text(), dialog.windowTitle(), dialog.ok_button.text(), dialog.part.itemText(0))
    finally:
        i18n.setup("vi", None)
    assert texts == ("Keep a mark…", "Appeal: mark kept", "Keep the mark", "Essay 1")
