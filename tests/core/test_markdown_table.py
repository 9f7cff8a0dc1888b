"""Pipe tables: the step table of Tiến trình lên lớp read as a grid and written back."""

from lecturer_app.core.plans.outline import TIEN_TRINH_TABLE
from lecturer_app.core.text.markdown_table import (
    MarkdownTable,
    find_table,
    format_table,
)


def test_the_skeleton_step_table_reads_as_five_steps():
    table = find_table(TIEN_TRINH_TABLE)
    assert table.header == ["Bước", "Nội dung", "Phương pháp", "Phương tiện", "Thời gian"]
    assert [r[0] for r in table.rows] == [
        "1. Ổn định lớp", "2. Kiểm tra bài cũ", "3. Giảng bài mới", "4. Củng cố, chốt kiến thức",
        "5. Hướng dẫn tự nghiên cứu"]


def test_text_around_the_table_survives_an_edit():
    text = "Chuẩn bị trước.\n\n" + TIEN_TRINH_TABLE + "\nGhi chú: linh hoạt.\n"
    table = find_table(text)
    table.rows[0][4] = "5 phút"
    again = find_table(format_table(table))
    assert again.rows[0][4] == "5 phút"
    assert again.before == "Chuẩn bị trước.\n\n"
    assert again.after == "\nGhi chú: linh hoạt.\n"


def test_a_pipe_inside_a_cell_is_escaped_and_read_back():
    table = MarkdownTable(["A", "B"], [["x | y", "z"]])
    assert find_table(format_table(table)).rows == [["x | y", "z"]]


def test_text_without_a_table_gives_none():
    assert find_table("| chỉ một dòng |\nkhông phải bảng\n") is None
