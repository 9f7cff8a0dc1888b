"""Issue #15 item 8: "Tạo đề" and "Ghi bảng điểm…" end with a message and a way to open the result."""

from __future__ import annotations

import pytest

from tests.exam import exam_bank_data


@pytest.fixture
def built(qtbot, store, tmp_path):
    """An exam workspace that has just written two versions into tmp_path/de."""
    from lecturer_app.ui.exam.exam_workspace import ExamWorkspace

    exam_bank_data.make_exam_bank(store)
    widget = ExamWorkspace(store, tmp_path / "de")
    qtbot.addWidget(widget)
    widget.opened = []
    widget.opener = widget.opened.append
    widget.quick_topics.setText(",".join(exam_bank_data.TOPIC_CODES))
    widget.quick_mc.setValue(8)
    widget.quick_essay.setValue(1)
    widget.fill_quick()
    widget.versions_spin.setValue(2)
    widget.docx_check.setChecked(False)
    widget.build_button.click()
    return widget


def test_tao_de_ends_with_a_notice_naming_the_folder_and_a_button_that_opens_it(built, tmp_path):
    notice = built.notice
    assert notice is not None and notice.isVisible()
    assert "2 mã đề" in notice.text() and str(tmp_path / "de") in notice.text()
    [open_folder] = notice.open_buttons
    assert open_folder.text() == "Mở thư mục"
    open_folder.click()
    assert built.opened == [tmp_path / "de"]
    notice.close()


def test_ghi_bang_diem_ends_with_a_notice_that_opens_the_file_or_its_folder(qtbot, built, tmp_path):
    from openpyxl import Workbook

    from lecturer_app.ui.exam.grading_widget import GradingWidget

    built.notice.close()
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "SBD", "Mã đề", *range(1, 9), "TL1"])
    workbook.active.append(["Trần Văn Bình", "01", "101", *built.last_report.versions[0].key, "1,5"])
    workbook.save(tmp_path / "bai_lam.xlsx")
    grading = GradingWidget()
    qtbot.addWidget(grading)
    opened = []
    grading.opener = opened.append
    grading.load(tmp_path / "de", tmp_path / "bai_lam.xlsx")
    grading.written(grading.write(tmp_path / "bang_diem.xlsx"))
    notice = grading.notice
    assert notice.isVisible() and str(tmp_path / "bang_diem.xlsx") in notice.text()
    assert [b.text() for b in notice.open_buttons] == ["Mở tệp", "Mở thư mục"]
    for button in notice.open_buttons:
        button.click()
    assert opened == [tmp_path / "bang_diem.xlsx", tmp_path]
    notice.close()
