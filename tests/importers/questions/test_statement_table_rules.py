"""How a Word table of Đúng/Sai statements a)–d) is read: its statements, its key, or why its key is unclear.

The table is given as the Word reader gives it, rows of cell texts.  A key
read from such a table goes straight onto an exam, so every layout real
banks use is pinned here, and every table whose marks say nothing clear
must be reported with the statement it concerns, never guessed.
"""

from __future__ import annotations

import pytest

from lecturer_app.importers.questions.statement_table import StatementTable, read_statement_table

TEXTS = ["Hội nghị họp ở Hương Cảng.", "Hội nghị họp năm 1945.", "Nguyễn Ái Quốc chủ trì.", "Có ba tổ chức."]
KEY = [True, False, True, False]


def right_wrong_grid(*marks: tuple[str, str], header: tuple[str, ...] = ("Ý", "Nội dung", "Đúng", "Sai")):
    """A table "Ý | Nội dung | Đúng | Sai" with the given marks in the last two columns."""
    return [list(header)] + [[f"{letter})", text, right, wrong]
                             for letter, text, (right, wrong) in zip("abcd", TEXTS, marks)]


def read(rows: list[list[str]]) -> StatementTable:
    table = read_statement_table(rows)
    assert table is not None
    return table


def test_a_grid_with_right_and_wrong_columns_gives_the_statements_and_their_key():
    table = read(right_wrong_grid(("X", ""), ("", "X"), ("x", ""), ("", "✓")))
    assert table.statements == list(zip("abcd", TEXTS))
    assert table.truth == KEY
    assert table.problem == ""


@pytest.mark.parametrize("header", [
    ("STT", "Nhận định", " ĐÚNG ", "sai"),
    ("Ý", "Nội dung", "Đ", "S"),
    ("Ý", "Nội dung", "True", "False"),
])
def test_the_right_and_wrong_columns_are_found_by_their_heading_in_any_case_or_short_form(header):
    assert read(right_wrong_grid(("X", ""), ("", "X"), ("X", ""), ("", "X"), header=header)).truth == KEY


def test_the_right_and_wrong_columns_are_found_wherever_they_stand():
    rows = [["Ý", "Sai", "Nội dung", "Đúng"], ["a)", "", "Một.", "X"], ["b)", "X", "Hai.", ""]]
    table = read(rows)
    assert table.statements == [("a", "Một."), ("b", "Hai.")]
    assert table.truth == [True, False]


def test_a_dash_dot_or_underscore_in_a_key_cell_is_an_empty_cell_not_a_mark():
    table = read(right_wrong_grid(("X", "–"), (".", "X"), ("X", "_"), ("-", "X")))
    assert table.truth == KEY


def test_a_row_that_stops_before_the_wrong_column_is_unmarked_there():
    rows = right_wrong_grid(("X", ""), ("", "X"))
    rows[1] = rows[1][:3]  # "a) … | X", the Sai cell missing
    assert read(rows).truth == [True, False]


def test_an_empty_key_grid_gives_the_statements_and_leaves_the_key_to_the_answer_line():
    table = read(right_wrong_grid(("", ""), ("", ""), ("", ""), ("", "")))
    assert table.statements == list(zip("abcd", TEXTS))
    assert table.truth is None
    assert table.problem == ""


@pytest.mark.parametrize(("marks", "problem"), [
    ((("X", ""), ("X", "X"), ("X", ""), ("", "X")), "bảng Đúng/Sai: ý b) được đánh dấu ở cả cột Đúng và cột Sai"),
    ((("X", ""), ("", "X"), ("", ""), ("", "X")), "bảng Đúng/Sai: ý c) không được đánh dấu Đúng hay Sai"),
])
def test_a_statement_marked_both_right_and_wrong_or_neither_is_reported_by_its_letter(marks, problem):
    table = read(right_wrong_grid(*marks))
    assert table.problem == problem
    assert table.truth is None


@pytest.mark.parametrize("heading", ["Đáp án", "Đ/S", "Đúng/Sai", "Đúng sai", "Đúng - Sai", "Kết quả", "Trả lời",
                                     "Đáp án Đúng/Sai", "  ĐÁP   ÁN "])
def test_a_column_headed_as_the_answer_holds_right_or_wrong_words(heading):
    rows = [["Nhận định", heading]] + [[f"{letter}) {text}", word]
                                       for letter, text, word in zip("abcd", TEXTS, ["Đúng", "Sai", "Đ", "S"])]
    table = read(rows)
    assert table.statements == list(zip("abcd", TEXTS))
    assert table.truth == KEY


def test_a_row_that_stops_before_the_answer_column_is_reported_as_not_right_or_wrong():
    rows = [["Nhận định", "Đáp án"], ["a) Một.", "Đúng"], ["b) Hai."]]
    assert read(rows).problem == 'bảng Đúng/Sai: ý b) ghi "", không phải Đúng hay Sai'


def test_a_word_in_the_answer_column_that_is_neither_right_nor_wrong_is_reported_with_the_word():
    rows = [["Nhận định", "Đáp án"], ["a) Một.", "Đúng"], ["b) Hai.", "Chưa rõ"], ["c) Ba.", "Sai"]]
    table = read(rows)
    assert table.problem == 'bảng Đúng/Sai: ý b) ghi "Chưa rõ", không phải Đúng hay Sai'
    assert table.truth is None


def test_an_answer_column_naming_several_truths_in_one_cell_is_reported():
    rows = [["Nhận định", "Đáp án"], ["a) Một.", "Đ"], ["b) Hai.", "ĐS"]]
    assert read(rows).problem == 'bảng Đúng/Sai: ý b) ghi "ĐS", không phải Đúng hay Sai'


def test_an_answer_column_holding_the_labels_is_reported_not_read_as_the_key():
    rows = [["Đáp án", "Nội dung"], ["a", "Một."], ["b", "Hai."]]
    assert read(rows).problem == 'bảng Đúng/Sai: ý a) ghi "a", không phải Đúng hay Sai'


def test_an_empty_answer_column_leaves_the_key_to_the_answer_line():
    rows = [["Nhận định", "Đáp án"], ["a) Một.", ""], ["b) Hai.", ""]]
    table = read(rows)
    assert (table.statements, table.truth, table.problem) == ([("a", "Một."), ("b", "Hai.")], None, "")


def test_two_answer_headings_name_no_key_column_and_the_table_is_not_read_as_statements():
    assert read_statement_table([["Đáp án", "Kết quả"], ["a) Một.", "Đ"], ["b) Hai.", "S"]]) is None


def test_without_a_header_a_last_cell_of_right_or_wrong_on_every_row_is_the_key():
    rows = [["a) Một.", "", "Đ"], ["b) Hai.", "", "Sai"], ["c)", "Ba.", "đúng"]]
    table = read(rows)
    assert table.statements == [("a", "Một."), ("b", "Hai."), ("c", "Ba.")]
    assert table.truth == [True, False, True]


def test_without_a_header_the_key_column_is_the_last_filled_one_of_the_table():
    rows = [["a) Một.", "Đ", ""], ["b) Hai.", "Thêm.", "S"]]
    assert read(rows).problem == 'bảng Đúng/Sai: ý a) ghi "", không phải Đúng hay Sai'


@pytest.mark.parametrize("rows", [
    [["a) Một."], ["b) Hai."]],
    [["a)", "Một."], ["b)", "Hai."]],
    [["a", "Một."], ["b", "Hai."]],
    [["(a)", "Một."], ["(b)", "Hai."]],
])
def test_statements_without_a_key_column_are_read_with_no_key(rows):
    table = read(rows)
    assert (table.statements, table.truth, table.problem) == ([("a", "Một."), ("b", "Hai.")], None, "")


def test_without_a_header_a_row_whose_last_cell_is_not_right_or_wrong_makes_the_key_column_unclear():
    rows = [["a) Một.", "Đ"], ["b) Hai.", "Ghi chú"]]
    table = read(rows)
    assert table.problem == "bảng các ý a), b)…: không rõ cột nào ghi Đúng/Sai"
    assert table.statements == []


def test_without_a_header_a_row_of_one_cell_among_rows_of_two_makes_the_key_column_unclear():
    rows = [["a) Một.", "Đ"], ["b) Hai."]]
    assert read(rows).problem == "bảng các ý a), b)…: không rõ cột nào ghi Đúng/Sai"


@pytest.mark.parametrize(("label", "text"), [("a.", "Một."), ("a/", "Một."), ("a:", "Một."), ("a )", "Một.")])
def test_a_statement_label_may_end_with_a_dot_slash_colon_or_bracket(label, text):
    table = read([[f"{label} {text}"], ["b) Hai."]])
    assert table.statements[0] == ("a", "Một.")


def test_a_statement_spread_over_several_cells_is_joined_with_spaces_and_its_label_dropped():
    rows = [["Ý", "Nội dung", "", "Đáp án"], ["a)", "Một", "phần hai", "Đ"], ["b) Hai", "", "", "S"]]
    assert read(rows).statements == [("a", "Một phần hai"), ("b", "Hai")]


def test_empty_rows_and_the_spaces_around_cells_are_ignored():
    rows = [["", ""], ["  a) Một.  ", " Đ "], ["", "  "], ["b) Hai.", "S"]]
    table = read(rows)
    assert table.statements == [("a", "Một."), ("b", "Hai.")]
    assert table.truth == [True, False]


def test_statements_out_of_order_are_reported_with_their_letters():
    table = read([["a) Một.", "Đ"], ["c) Ba.", "S"], ["b) Hai.", "Đ"]])
    assert table.problem == "bảng các ý a), c), b): các ý không theo thứ tự a), b), c), d)"
    assert table.statements == [] and table.truth is None


def test_statements_that_do_not_start_at_a_are_reported():
    assert read([["b) Hai.", "Đ"], ["c) Ba.", "S"]]).problem.startswith("bảng các ý b), c):")


@pytest.mark.parametrize("rows", [
    [["a) Chỉ một ý.", "Đ"]],
    [["Ý", "Nội dung", "Đúng", "Sai"], ["a) Một.", "", "X", ""]],
    [["a) Một.", "Đ"], ["Ghi chú: không phải một ý.", ""]],
    [["Họ tên", "Điểm"], ["Nguyễn Văn A", "8"], ["Lê Thị B", "7"]],
    [],
])
def test_a_table_that_is_not_two_or_more_statements_a_b_is_not_a_statement_table(rows):
    assert read_statement_table(rows) is None
