"""Every button of the blueprint answers: saving names the blueprint and says so, exporting says where,
a button with nothing to do says what it needs (none is silent)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from tests.exam import exam_bank_data


@pytest.fixture
def exam_workspace(qtbot, store, tmp_path):
    from lecturer_app.ui.exam.exam_workspace import ExamWorkspace

    exam_bank_data.make_exam_bank(store)
    widget = ExamWorkspace(store, tmp_path / "de")
    qtbot.addWidget(widget)
    widget.opened = []
    widget.opener = widget.opened.append
    return widget


def _quick(widget, mc: int) -> None:
    widget.quick_topics.setText(",".join(exam_bank_data.TOPIC_CODES))
    widget.quick_mc.setValue(mc)
    widget.quick_essay.setValue(1)
    widget.fill_quick()


def _button(widget, text: str):
    from PySide6.QtWidgets import QPushButton

    return next(b for b in widget.findChildren(QPushButton) if b.text() == text)


def test_lưu_ma_trận_asks_a_name_keeps_it_selects_it_and_says_so(exam_workspace, monkeypatch):
    names = iter(["Cuối khóa lớp A", "Giữa khóa lớp B"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: (next(names), True))
    _quick(exam_workspace, 12)
    _button(exam_workspace, "Lưu ma trận").click()
    assert "«Cuối khóa lớp A»" in exam_workspace.notice.text()
    exam_workspace.notice.close()
    _quick(exam_workspace, 9)
    _button(exam_workspace, "Lưu ma trận").click()
    exam_workspace.notice.close()
    combo = exam_workspace.saved_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Cuối khóa lớp A", "Giữa khóa lớp B"]
    assert combo.currentText() == "Giữa khóa lớp B"
    combo.setCurrentIndex(0)
    exam_workspace.load_button.click()
    assert sum(c.count for c in exam_workspace.model.blueprint.cells if c.type != "essay") == 12


def test_a_cancelled_name_saves_nothing(exam_workspace, store, monkeypatch):
    from lecturer_app.core.model import Blueprint

    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("", False))
    _quick(exam_workspace, 12)
    _button(exam_workspace, "Lưu ma trận").click()
    assert store.select(Blueprint) == []


def test_with_nothing_saved_the_open_button_is_off_and_says_why(exam_workspace):
    assert not exam_workspace.load_button.isEnabled()
    assert "Lưu ma trận" in exam_workspace.load_button.toolTip()


def test_xuất_ma_trận_starts_beside_the_exams_and_ends_with_a_notice_that_opens_the_file(exam_workspace, tmp_path,
                                                                                       monkeypatch):
    asked = []

    def save_name(parent, title, start, filters):
        asked.append(start)
        return str(tmp_path / "ma_tran_lop_A.xlsx"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    _quick(exam_workspace, 12)
    _button(exam_workspace, "Xuất ma trận…").click()
    assert asked == [str(tmp_path / "de" / "ma_tran.xlsx")]
    assert str(tmp_path / "ma_tran_lop_A.xlsx") in exam_workspace.notice.text()
    exam_workspace.notice.open_buttons[0].click()
    assert exam_workspace.opened == [tmp_path / "ma_tran_lop_A.xlsx"]
    exam_workspace.notice.close()


def test_điền_nhanh_without_codes_and_xóa_ô_without_a_row_say_what_they_need(exam_workspace):
    _button(exam_workspace, "Điền nhanh").click()
    assert "mã chuyên đề" in exam_workspace.status_label.text()
    _quick(exam_workspace, 12)
    exam_workspace.table.clearSelection()
    _button(exam_workspace, "Xóa ô").click()
    assert "Chọn ô cần xóa" in exam_workspace.status_label.text()


def test_the_bank_counts_have_two_line_headers_and_the_check_boxes_span_the_settings(exam_workspace):
    # On a 1366- or 1280-pixel screen the count columns were past the table's right edge.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFormLayout

    from lecturer_app.ui.exam.blueprint_model import AVAILABLE, DRAFTS

    model = exam_workspace.model
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(AVAILABLE, horizontal) == "Có trong\nngân hàng"
    assert model.headerData(DRAFTS, horizontal) == "Câu nháp\n(chưa duyệt)"
    assert model.headerData(AVAILABLE, horizontal, Qt.ItemDataRole.ToolTipRole) == "Có trong ngân hàng"
    form = exam_workspace.drafts_check.parentWidget().layout()
    roles = {form.getWidgetPosition(box)[1] for box in (exam_workspace.drafts_check, exam_workspace.docx_check,
                                                        exam_workspace.balance_check)}
    assert roles == {QFormLayout.ItemRole.SpanningRole}
