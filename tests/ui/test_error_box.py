"""A failed quick action is shown to the user in Vietnamese, naming the file."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from lecturer_app.core.errors import InputFileError
from lecturer_app.ui.widgets.error_box import error_message, errors_shown


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def shown_boxes(parent):
    return [box for box in parent.findChildren(QMessageBox) if box.isVisible()]


def test_a_bad_input_file_is_shown_with_its_name_and_place(parent, tmp_path, qtbot):
    bad = tmp_path / "ma_tran.xlsx"
    with errors_shown(parent, "Nhập ma trận"):
        raise InputFileError(bad, "dòng 3", "thiếu cột Mức độ")
    (box,) = shown_boxes(parent)
    assert "ma_tran.xlsx" in box.text() and "dòng 3" in box.text() and "Nhập ma trận" in box.text()
    assert box.button(QMessageBox.StandardButton.Close).text() == "Đóng"
    box.close()


def test_a_file_that_cannot_be_written_says_so_in_vietnamese(parent, tmp_path):
    locked = tmp_path / "bang_diem.xlsx"
    with errors_shown(parent, "Ghi bảng điểm"):
        raise PermissionError(13, "Permission denied", str(locked))
    (box,) = shown_boxes(parent)
    assert "bang_diem.xlsx" in box.text() and "đang mở trong chương trình khác" in box.text()
    box.close()


def test_nothing_is_shown_when_the_action_succeeds(parent):
    with errors_shown(parent, "Xuất ma trận"):
        pass
    assert shown_boxes(parent) == []


def test_an_unexpected_error_is_named_and_says_saved_data_is_safe():
    text = error_message("Tạo phiếu vấn đáp", ZeroDivisionError("chia cho 0"))
    assert "ZeroDivisionError" in text and "Dữ liệu đã lưu không bị ảnh hưởng" in text


@pytest.mark.parametrize(("error", "said"), [
    (OSError(5, "Input/output error"), "lỗi đọc ghi của thiết bị (USB bị rút ra hoặc hỏng?)"),
    (OSError(28, "No space left on device"), "ổ đĩa (hoặc USB) đã đầy"),
    (OSError(30, "Read-only file system"), "ổ đĩa chỉ cho đọc (USB bị khóa ghi?)"),
    (FileNotFoundError(2, "No such file or directory"), "không có tệp hoặc thư mục này"),
    (PermissionError(13, "Permission denied"), "không có quyền đọc hoặc ghi"),
])
def test_the_systems_english_reason_for_a_file_error_is_said_in_vietnamese(error, said, tmp_path):
    error.filename = str(tmp_path / "USB" / "trung-tam.lbb")

    text = error_message("Xuất gói", error)

    assert f"trung-tam.lbb: {said}" in text and error.strerror not in text
