"""Two layouts of real Word banks: an essay's "Đáp án:" heading, and Đúng/Sai statements in a table.

An essay (tự luận) often writes its model answer under a line "Đáp án:"
alone; that line is the essay's answer heading, not the start of the
answer-key section at the end of the file.  Đúng/Sai 4 ý questions often
set their statements a)–d) in a Word table, with or without columns that
mark each statement right or wrong; the key comes from the table (or the
answer line), and a table whose marks say nothing clear is reported, never
guessed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.importers.questions import read_questions
from lecturer_app.importers.questions.marked_text import Line, Run, parse_lines
from lecturer_app.importers.questions.report import ImportResult


def para(text: str | Run) -> Line:
    return Line("", [text if isinstance(text, Run) else Run(text)])


def table(*rows: list[str]) -> Line:
    """A Word table: its rows of cell texts, and each cell as a paragraph (as the Word reader gives)."""
    cells = [Line("", [Run(text)]) for row in rows for text in row]
    return Line("", table=[list(row) for row in rows], table_html="<table></table>", cells=cells)


def parse(*lines: Line) -> ImportResult:
    numbered = [Line(f"đoạn {n}", line.runs, line.images, line.table, line.table_html, line.cells)
                for n, line in enumerate(lines, start=1)]
    result = ImportResult(Path("de.docx"), "docx")
    parse_lines(numbered, result)
    return result


def truth(result: ImportResult, index: int = 0) -> str:
    return "".join("Đ" if o.correct else "S" for o in result.items[index].question.options)


def reasons(result: ImportResult) -> list[str]:
    return [p.reason for p in result.problems]


# --- "Đáp án:" alone under an essay -------------------------------------------------------------


def test_an_answer_heading_alone_under_an_essay_introduces_its_model_answer():
    result = parse(para("Câu 1: Phân tích ý nghĩa của Cương lĩnh chính trị đầu tiên."),
                   para("Đáp án:"),
                   para("Cương lĩnh xác định đúng đắn con đường cách mạng Việt Nam."),
                   para("Câu 2: Nêu hoàn cảnh ra đời của Đảng."),
                   para("Đáp án:"),
                   para("Phong trào yêu nước cuối thế kỷ XIX thất bại."))
    assert [item.question.type for item in result.items] == ["essay", "essay"]
    assert result.items[0].question.guide == "Cương lĩnh xác định đúng đắn con đường cách mạng Việt Nam."
    assert result.items[1].question.guide == "Phong trào yêu nước cuối thế kỷ XIX thất bại."
    assert result.problems == []


@pytest.mark.parametrize("heading", ["Đáp án", "ĐÁP ÁN:", "  Đáp án :  "])
def test_the_answer_heading_of_an_essay_may_be_written_in_capitals_or_without_a_colon(heading):
    result = parse(para("Câu 1: Trình bày nội dung Hội nghị Trung ương 8 (5/1941)."),
                   para(heading),
                   para("Hội nghị đặt nhiệm vụ giải phóng dân tộc lên hàng đầu."),
                   para("Câu 2: Nêu ý nghĩa Cách mạng Tháng Tám."),
                   para("Đáp án: Mở ra kỷ nguyên độc lập dân tộc gắn liền với chủ nghĩa xã hội."))
    assert len(result.items) == 2
    assert "giải phóng dân tộc" in result.items[0].question.guide


def test_an_essay_answer_with_rubric_lines_under_the_heading_scores_their_sum():
    result = parse(para("Câu 1: Phân tích bối cảnh ra đời của Đảng."),
                   para("Đáp án:"),
                   para("- Bối cảnh quốc tế (1 điểm)"),
                   para("- Bối cảnh trong nước (2 điểm)"))
    question = result.items[0].question
    assert question.type == "essay" and question.points == 3
    assert [item.text for item in question.rubric] == ["Bối cảnh quốc tế", "Bối cảnh trong nước"]


def test_an_answer_heading_followed_by_a_key_list_still_opens_the_key_section_after_an_essay():
    """The last question is an essay, then the key of the options questions above: "Đáp án" + "1.B 2.A"."""
    result = parse(para("Câu 1: Đảng ra đời năm nào?"), para("A. 1925"), para("B. 1930"),
                   para("Câu 2: Thủ đô của Việt Nam?"), para("A. Hà Nội"), para("B. Huế"),
                   para("Câu 3: Phân tích ý nghĩa sự ra đời của Đảng."),
                   para("ĐÁP ÁN"),
                   para("1.B  2.A"))
    keys = [[o.correct for o in item.question.options] for item in result.items]
    assert keys == [[False, True], [True, False], []]
    assert result.items[2].question.type == "essay" and result.items[2].question.guide == ""


def test_an_answer_heading_followed_by_a_key_table_still_opens_the_key_section_after_an_essay():
    result = parse(para("Câu 1: Đảng ra đời năm nào?"), para("A. 1925"), para("B. 1930"),
                   para("Câu 2: Phân tích ý nghĩa sự ra đời của Đảng."),
                   para("Đáp án"),
                   table(["Câu", "1"], ["Đáp án", "B"]))
    assert [o.correct for o in result.items[0].question.options] == [False, True]
    assert result.problems == []


def test_the_key_section_after_options_questions_is_unchanged():
    result = parse(para("Câu 1: Đảng ra đời năm nào?"), para("A. 1925"), para("B. 1930"),
                   para("Đáp án:"), para("1. B"))
    assert [o.correct for o in result.items[0].question.options] == [False, True]


def test_a_word_essay_with_an_answer_heading_imports_every_question(tmp_path):
    import docx

    document = docx.Document()
    for line in ["Câu 1: Phân tích ý nghĩa của Cương lĩnh chính trị đầu tiên.", "Đáp án:",
                 "Cương lĩnh xác định đúng đắn con đường cách mạng.", "Câu 2: Đảng ra đời năm nào?",
                 "A. 1925", "B. 1930", "Đáp án: B"]:
        document.add_paragraph(line)
    document.save(str(tmp_path / "de.docx"))
    result = read_questions(tmp_path / "de.docx")
    assert [item.question.type for item in result.items] == ["essay", "single_choice"]
    assert [o.correct for o in result.items[1].question.options] == [False, True]


# --- Đúng/Sai statements in a table -------------------------------------------------------------

STEM = "Câu 1: Về Hội nghị thành lập Đảng (2/1930):"
STATEMENTS = ["a) Hội nghị họp ở Hương Cảng.", "b) Hội nghị họp năm 1945.",
              "c) Nguyễn Ái Quốc chủ trì Hội nghị.", "d) Hội nghị thông qua Luận cương tháng 10."]


def test_statements_one_per_row_with_an_answer_line_are_a_true_false_question():
    result = parse(para(STEM), table(*[[s] for s in STATEMENTS]), para("Đáp án: a) Đ b) S c) Đ d) S"))
    question = result.items[0].question
    assert question.type == "true_false_4"
    assert [o.text for o in question.options] == [s[3:] for s in STATEMENTS]
    assert truth(result) == "ĐSĐS"


def test_statements_in_a_two_by_two_table_keep_their_order_and_their_marks():
    cells = [Run(s, bold=s[0] in "ac") for s in STATEMENTS]
    line = Line("", table=[STATEMENTS[:2], STATEMENTS[2:]], table_html="<table></table>",
                cells=[Line("", [run]) for run in cells])
    result = parse(para(STEM), line, para("Câu 2: Đảng ra đời năm nào?"), para("A. 1925"),
                   para(Run("B. 1930", bold=True)))
    assert truth(result) == "ĐSĐS"
    assert [o.correct for o in result.items[1].question.options] == [False, True]


@pytest.mark.parametrize("mark", ["X", "x", "✓", "Đ"])
def test_a_table_with_columns_right_and_wrong_gives_the_key(mark):
    result = parse(para(STEM), table(["Ý", "Nội dung", "Đúng", "Sai"],
                                     ["a)", STATEMENTS[0][3:], mark, ""],
                                     ["b)", STATEMENTS[1][3:], "", mark],
                                     ["c)", STATEMENTS[2][3:], mark, ""],
                                     ["d)", STATEMENTS[3][3:], "", mark]))
    assert result.problems == []
    assert [o.text for o in result.items[0].question.options] == [s[3:] for s in STATEMENTS]
    assert truth(result) == "ĐSĐS"


def test_a_table_with_one_column_of_right_or_wrong_words_gives_the_key():
    result = parse(para(STEM), table(["Nhận định", "Đáp án"],
                                     [STATEMENTS[0], "Sai"], [STATEMENTS[1], "Sai"],
                                     [STATEMENTS[2], "Đúng"], [STATEMENTS[3], "S"]))
    assert truth(result) == "SSĐS"


def test_a_table_of_statements_and_d_or_s_cells_without_a_header_gives_the_key():
    result = parse(para(STEM), table(*[[s, v] for s, v in zip(STATEMENTS, ["Đ", "S", "S", "Đ"])]))
    assert truth(result) == "ĐSSĐ"


@pytest.mark.parametrize("rows, where", [
    ([["a)", "x", "x"], ["b)", "", "x"], ["c)", "x", ""], ["d)", "", "x"]], "a)"),
    ([["a)", "x", ""], ["b)", "", ""], ["c)", "x", ""], ["d)", "", "x"]], "b)"),
])
def test_a_statement_marked_in_both_columns_or_in_neither_is_reported_not_guessed(rows, where):
    body = [[label, STATEMENTS["abcd".index(label[0])][3:], right, wrong] for label, right, wrong in rows]
    result = parse(para(STEM), table(["", "Nhận định", "Đúng", "Sai"], *body),
                   para("Câu 2: Đảng ra đời năm nào?"), para("A. 1925"), para("B. 1930"), para("Đáp án: B"))
    assert len(result.items) == 1 and result.items[0].question.type == "single_choice"
    assert len(result.problems) == 1 and where in result.problems[0].reason


def test_a_truth_column_with_a_word_that_is_neither_right_nor_wrong_is_reported():
    result = parse(para(STEM), table(["Nhận định", "Đáp án"], *[[s, v] for s, v in
                                                                 zip(STATEMENTS, ["Đúng", "Sai", "?", "Đúng"])]))
    assert result.items == [] and "c)" in reasons(result)[0]


def test_a_table_key_and_an_answer_line_that_disagree_are_reported():
    result = parse(para(STEM), table(*[[s, v] for s, v in zip(STATEMENTS, ["Đ", "S", "Đ", "S"])]),
                   para("Đáp án: a) Đ b) Đ c) Đ d) S"))
    assert result.items == [] and "mâu thuẫn" in reasons(result)[0]


def test_statements_out_of_order_in_a_table_are_reported_not_read_in_the_wrong_order():
    result = parse(para(STEM), table(["a) Một", "Đ"], ["c) Hai", "S"], ["b) Ba", "Đ"], ["d) Bốn", "S"]),
                   para("Đáp án: a) Đ b) S c) Đ d) S"))
    assert result.items == [] and "thứ tự" in reasons(result)[0]


def test_statements_in_a_grid_read_down_the_columns_are_not_glued_together():
    """"a) | c)" over "b) | d)": taken row by row the letters are out of order; reported, not joined."""
    result = parse(para(STEM), table([STATEMENTS[0], STATEMENTS[2]], [STATEMENTS[1], STATEMENTS[3]]),
                   para("Đáp án: a) Đ b) S c) Đ d) S"))
    assert result.items == [] and len(result.problems) == 1


def test_a_table_of_statements_with_an_empty_key_grid_takes_the_answer_line():
    result = parse(para(STEM), table(["Nhận định", "Đúng", "Sai"], *[[s, "", ""] for s in STATEMENTS]),
                   para("Đáp án: Đ S S Đ"))
    assert truth(result) == "ĐSSĐ"


def test_a_table_whose_columns_are_neither_text_nor_a_key_is_reported():
    result = parse(para(STEM), table(*[[s, "1930", "Hà Nội"] for s in STATEMENTS]),
                   para("Đáp án: Đ S S Đ"))
    assert result.items == [] and "Đúng/Sai" in reasons(result)[0]


def test_labels_in_their_own_cells_are_read_with_the_statement_beside_them():
    result = parse(para(STEM), table(*[[s[:2], s[3:]] for s in STATEMENTS]), para("Đáp án: S Đ S Đ"))
    assert [o.text for o in result.items[0].question.options] == [s[3:] for s in STATEMENTS]
    assert truth(result) == "SĐSĐ"


def test_a_table_in_a_question_with_options_is_still_part_of_its_stem():
    result = parse(para("Câu 1: Xem bảng sau:"), table(["a) Năm", "1930"], ["b) Nơi", "Hương Cảng"]),
                   para("A. Đúng cả hai"), para("B. Sai cả hai"), para("Đáp án: A"))
    assert result.problems == [] and result.items[0].question.type == "single_choice"


def test_a_word_file_with_statements_in_a_table_imports_with_the_right_key(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph(STEM)
    grid = document.add_table(rows=5, cols=3)
    for row, values in zip(grid.rows, [["Nhận định", "Đúng", "Sai"], [STATEMENTS[0], "", "X"],
                                       [STATEMENTS[1], "X", ""], [STATEMENTS[2], "X", ""], [STATEMENTS[3], "", "X"]]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("Câu 2: Đảng ra đời năm nào?")
    document.add_paragraph("A. 1925")
    document.add_paragraph("B. 1930")
    document.add_paragraph("Đáp án: B")
    document.save(str(tmp_path / "dung_sai.docx"))
    result = read_questions(tmp_path / "dung_sai.docx")
    assert result.problems == []
    assert result.items[0].question.type == "true_false_4"
    assert truth(result) == "SĐĐS"


# --- What a lecturer sees of a Đúng/Sai question read from a table ------------------------------------------


def test_a_table_key_and_an_answer_line_that_disagree_are_reported_with_both_keys_and_the_question():
    result = parse(para(STEM), table(*[[s, v] for s, v in zip(STATEMENTS, ["Đ", "S", "Đ", "S"])]),
                   para("Đáp án: a) Đ b) Đ c) S d) S"))
    [problem] = result.problems
    assert problem.reason == "đáp án mâu thuẫn: bảng Đúng/Sai → ĐSĐS; dòng Đáp án → ĐĐSS"
    assert problem.where == "đoạn 1 (Câu 1)"


def test_a_table_that_says_nothing_clear_is_reported_at_its_question():
    result = parse(para("Giới thiệu đề"), para(STEM), table(["a) Một", "Đ"], ["c) Hai", "S"]))
    assert [(p.where, p.reason[:10]) for p in result.problems] == [("đoạn 2 (Câu 1)", "bảng các ý")]


def test_the_stem_of_a_question_whose_statements_are_in_a_table_is_its_own_words_without_the_table():
    result = parse(para(STEM), table(*[[s, v] for s, v in zip(STATEMENTS, ["Đ", "S", "Đ", "S"])]))
    question = result.items[0].question
    assert question.stem == STEM.removeprefix("Câu 1: ")
    assert question.stem_format != "html"


def test_a_table_above_the_statements_table_stays_in_the_stem_as_a_table():
    data = Line("", table=[["Năm", "Sự kiện"], ["1930", "Thành lập Đảng"]], table_html="<table>1930</table>")
    result = parse(para(STEM), data, table(*[[s, v] for s, v in zip(STATEMENTS, ["Đ", "S", "Đ", "S"])]))
    question = result.items[0].question
    assert question.stem_format == "html"
    assert "<table>1930</table>" in question.stem and truth(result) == "ĐSĐS"


def test_a_statements_table_followed_by_options_is_shown_as_a_table_in_the_stem():
    result = parse(para("Câu 1: Xem bảng sau:"), table(["a) Năm", "1930"], ["b) Nơi", "Hương Cảng"]),
                   para("A. Đúng cả hai"), para("B. Sai cả hai"), para("Đáp án: A"))
    question = result.items[0].question
    assert question.stem_format == "html" and "<table></table>" in question.stem


def test_statements_in_table_rows_are_never_keyed_by_the_formatting_that_marks_other_questions():
    """Their rows are read as cell texts: bold marking the options elsewhere says nothing about them."""
    result = parse(para("Câu 1: Đảng ra đời năm nào?"), para("A. 1925"), para(Run("B. 1930", bold=True)),
                   para("Câu 2: Thủ đô nước ta?"), para(Run("A. Hà Nội", bold=True)), para("B. Huế"),
                   para(STEM.replace("Câu 1", "Câu 3")), table(*[[s[:2], s[3:]] for s in STATEMENTS]))
    assert [item.question.type for item in result.items] == ["single_choice", "single_choice"]
    assert [(p.where, p.reason) for p in result.problems] == [
        ("đoạn 7 (Câu 3)", "không xác định được ý nào đúng, ý nào sai")]


def test_an_answer_heading_is_the_last_line_of_the_file_under_an_essay():
    result = parse(para("Câu 1: Trình bày ý nghĩa của Cách mạng Tháng Tám."), para("Đáp án:"))
    assert [item.question.type for item in result.items] == ["essay"] and result.problems == []


def test_blank_lines_between_the_answer_heading_and_a_key_list_do_not_hide_the_key():
    result = parse(para("Câu 1: Đảng ra đời năm nào?"), para("A. 1925"), para("B. 1930"),
                   para("Câu 2: Trình bày ý nghĩa của Cách mạng Tháng Tám."),
                   para("Đáp án:"), para(""), para("1. B"))
    assert [o.correct for o in result.items[0].question.options] == [False, True]


def test_an_answer_heading_followed_by_a_chapter_key_list_opens_the_key_section_after_an_essay():
    result = parse(para("Chương 1: Đảng"), para("Câu 1: Đảng ra đời năm nào?"), para("A. 1925"), para("B. 1930"),
                   para("Câu 2: Trình bày ý nghĩa của Cách mạng Tháng Tám."),
                   para("Đáp án:"), para("Chương 1: 1. B"))
    assert [o.correct for o in result.items[0].question.options] == [False, True]
    assert result.items[1].question.guide == ""


@pytest.mark.parametrize("runs", [
    [Run("Câu 1:Đảng ra đời năm nào?")],
    [Run("Câu 1: "), Run("Đảng", bold=True), Run(" ra đời năm nào?")],
    [Run("Câu 1"), Run(": Đảng"), Run(" ra đời năm nào?")],
])
def test_the_question_number_is_cut_from_the_stem_whatever_runs_the_line_is_made_of(runs):
    result = parse(Line("", runs), para("A. 1925"), para("B. 1930"), para("Đáp án: B"))
    assert result.items[0].question.stem == "Đảng ra đời năm nào?"
