"""The "Câu n: … A. … B. …" reader shared by Word and plain text, rule by rule.

Paragraphs are given as they come out of a Word file (runs with their
bold, underline, italic, red and highlight) or a text file (one plain run),
so each test states one rule about which option is right, without building a
Word file.  Written where mutation testing found the suite silent
(docs/testing.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.core.model import ImageRef
from lecturer_app.importers.questions.marked_text import Line, Run, parse_lines
from lecturer_app.importers.questions.report import ImportResult


def para(*runs: str | Run, images: list[ImageRef] | None = None) -> Line:
    return Line("", [r if isinstance(r, Run) else Run(r) for r in runs], images or [])


def parse(*lines: Line, marker: str = "auto", name: str = "de.docx") -> ImportResult:
    numbered = [Line(f"đoạn {n}", line.runs, line.images, line.table, line.table_html, line.cells)
                for n, line in enumerate(lines, start=1)]
    result = ImportResult(Path(name), "docx")
    parse_lines(numbered, result, marker)
    return result


def text_lines(text: str) -> list[Line]:
    return [para(line) for line in text.split("\n")]


def keys(result: ImportResult) -> list[str]:
    return ["".join("ABCDEFGHIJ"[i] for i, o in enumerate(item.question.options) if o.correct)
            for item in result.items]


def reasons(result: ImportResult) -> list[str]:
    return [p.reason for p in result.problems]


def options(result: ImportResult, index: int = 0) -> list[str]:
    return [o.text for o in result.items[index].question.options]


def question(n: int, right: str, style: str = "bold", *, letters_only: bool = False) -> list[Line]:
    """Câu n with options A–D, the option *right* carrying *style* on its text (or on its letter only)."""
    lines = [para(f"Câu {n}: Câu hỏi số {n}?")]
    for letter in "ABCD":
        text = f"Phương án {letter.lower()} của câu {n}"
        if letter != right:
            lines.append(para(f"{letter}. {text}"))
        elif letters_only:
            lines.append(para(Run(f"{letter}.", **{style: True}), f" {text}"))
        else:
            lines.append(para(f"{letter}. ", Run(text, **{style: True})))
    return lines


# Which formatting marks the key -------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["bold", "underline", "italic", "red", "highlight"])
def test_a_style_on_the_option_text_marks_the_key(style):
    result = parse(*question(1, "C", style), *question(2, "A", style))
    assert keys(result) == ["C", "A"] and reasons(result) == []
    label = {"bold": "in đậm", "underline": "gạch chân", "italic": "in nghiêng", "red": "chữ đỏ",
             "highlight": "tô vàng"}[style]
    assert result.notes == [f"đáp án đúng được đánh dấu bằng: {label}"]


@pytest.mark.parametrize("style", ["bold", "underline", "red"])
def test_a_style_on_the_option_letter_alone_marks_the_key(style):
    result = parse(*question(1, "D", style, letters_only=True), *question(2, "B", style, letters_only=True))
    assert keys(result) == ["D", "B"]


def test_the_letter_counts_as_marked_only_when_every_letter_character_is():
    lines = [para("Câu 1: Hỏi?"), para(Run("A"), Run(". Một", bold=True)), para("B. Hai"), para("C. Ba"),
             para("D. Bốn")]
    result = parse(*lines, *question(2, "B"), *question(3, "C"))
    assert keys(result) == ["A", "B", "C"]  # "A" itself plain, its text bold: the text decides


def test_an_option_with_most_but_not_four_fifths_of_its_text_styled_is_not_marked():
    lines = [para("Câu 1: Hỏi?"), para("A. ", Run("abcdefg", bold=True), "hi"), para("B. Hai"), para("C. Ba"),
             para("D. ", Run("Bốn", bold=True))]
    result = parse(*lines, *question(2, "B"), *question(3, "C"))
    assert keys(result) == ["D", "B", "C"]  # A: 7 of 9 letters bold is under 80 %


def test_an_option_with_four_fifths_of_its_text_styled_is_marked():
    lines = [para("Câu 1: Hỏi?"), para("A. ", Run("abcd", bold=True), "e"), para("B. Hai"), para("C. Ba"),
             para("D. Bốn")]
    result = parse(*lines, *question(2, "B"), *question(3, "C"))
    assert keys(result) == ["A", "B", "C"]


def test_when_two_styles_mark_one_option_each_the_one_doing_so_in_more_questions_wins():
    bold_once = question(1, "A", "bold")
    red_twice = [*question(2, "B", "red"), *question(3, "C", "red")]
    result = parse(*bold_once, *red_twice)
    assert "đáp án đúng được đánh dấu bằng: chữ đỏ" in result.notes
    assert keys(result) == ["B", "C"]  # câu 1 has no red option: reported, not guessed
    assert reasons(result) == ["không xác định được đáp án đúng (không có dấu hiệu đánh dấu nào)"]


def test_a_forced_marker_is_used_even_when_another_style_looks_more_like_one():
    result = parse(*question(1, "A", "bold"), *question(2, "B", "underline"), *question(3, "C", "underline"),
                   marker="bold")
    assert keys(result) == ["A"] and len(result.problems) == 2
    assert result.notes == ["đáp án đúng được đánh dấu bằng: in đậm"]


def test_without_a_marker_no_style_is_read():
    result = parse(*question(1, "A", "bold"), marker="answer_line")
    assert result.items == [] and result.notes == []
    assert reasons(result) == ["không xác định được đáp án đúng (không có dấu hiệu đánh dấu nào)"]


def test_two_marked_options_in_a_single_answer_question_without_a_hint_is_multiple_not_guessed_single():
    lines = [para("Câu 1: Chọn các đáp án đúng?"), para("A. ", Run("Một", bold=True)), para("B. Hai"),
             para("C. ", Run("Ba", bold=True)), para("D. Bốn")]
    result = parse(*lines, *question(2, "B"), *question(3, "D"))
    assert keys(result) == ["AC", "B", "D"]
    assert result.items[0].question.type == "multiple_choice"
    assert result.items[1].question.type == "single_choice"


def test_with_the_underline_convention_italic_options_are_pinned():
    lines = [para("Câu 1: Hỏi?"), para("A. ", Run("Một", underline=True)), para("B. Hai"), para("C. Ba"),
             para("D. ", Run("Năm 1975", italic=True))]
    result = parse(*lines, *question(2, "B", "underline"), marker="underline")
    assert [o.pinned for o in result.items[0].question.options] == [False, False, False, True]
    bold = parse(*[para("Câu 1: Hỏi?"), para("A. ", Run("Một", bold=True)), para("B. Hai"),
                   para("C. ", Run("Ba ba", italic=True))], marker="bold")
    assert [o.pinned for o in bold.items[0].question.options] == [False, False, False]


def test_the_style_of_the_question_number_does_not_leak_into_its_options():
    lines = [para(Run("Câu 1:", bold=True), " Hỏi?"), para("A. Một"), para("B. ", Run("Hai", bold=True)),
             para("C. Ba")]
    assert keys(parse(*lines, *question(2, "D"), *question(3, "A"))) == ["B", "D", "A"]


# Options as written -----------------------------------------------------------------------------------------------


def test_several_options_on_one_line_are_split_in_letter_order_only():
    result = parse(*text_lines("Câu 1: Năm nào?\nA. 1930   B. 1945\nC. 1954    D. 1975\nĐáp án: B"))
    assert options(result) == ["1930", "1945", "1954", "1975"] and keys(result) == ["B"]


def test_a_letter_out_of_order_is_text_of_the_previous_option():
    result = parse(*text_lines("Câu 1: Ai?\nA. Lê Duẩn\nB. Trường Chinh\nD. Tô Hiệu\nĐáp án: A"))
    assert options(result) == ["Lê Duẩn", "Trường Chinh D. Tô Hiệu"]


@pytest.mark.parametrize("label", ["A.", "A)", "(A)", "A/", "A:", "A ."])
def test_option_labels_are_read_however_they_are_typed(label):
    second = label.replace("A", "B")
    result = parse(*text_lines(f"Câu 1: Hỏi?\n{label} Một\n{second} Hai\nĐáp án: B"))
    assert options(result) == ["Một", "Hai"] and keys(result) == ["B"]


def test_an_option_continued_on_the_next_line_keeps_its_text():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai dòng\ntiếp theo\nĐáp án: A"))
    assert options(result) == ["Một", "Hai dòng tiếp theo"]


def test_a_name_with_an_initial_stays_inside_its_option():
    result = parse(*text_lines("Câu 1: Ai?\nA. V. I. Lênin   B. C. Mác   C. Ph. Ăngghen\nĐáp án: B"))
    assert options(result) == ["V. I. Lênin", "C. Mác", "Ph. Ăngghen"] and keys(result) == ["B"]


def test_a_star_before_the_letter_or_the_text_marks_the_key():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\n*B. Hai\nCâu 2: Hỏi nữa?\nA. *Ba\nB. Bốn"))
    assert keys(result) == ["B", "A"] and options(result, 1) == ["Ba", "Bốn"]


def test_options_in_a_table_are_options_and_a_picture_goes_with_its_option():
    picture = ImageRef("a" * 64, "png", "hinh.png")
    cells = [para("A. Một"), para("B. Hai"), para("C. Ba", images=[picture]), para("")]
    table = Line("", [], [], [["A. Một", "B. Hai"], ["C. Ba", ""]], "<table></table>", cells)
    result = parse(para("Câu 1: Hỏi?"), table, para("Đáp án: C"))
    assert options(result) == ["Một", "Hai", "Ba"] and keys(result) == ["C"]
    assert [o.image for o in result.items[0].question.options] == [None, None, picture]


def test_a_table_in_the_stem_is_kept_as_html():
    table = Line("", [], [], [["Năm", "Sự kiện"], ["1930", "Thành lập Đảng"]], "<table><tr><td>x</td></tr></table>")
    result = parse(para("Câu 1: Theo bảng sau:"), table, para("Năm nào? <1>"), para("A. 1930"), para("B. 1945"),
                   para("Đáp án: A"))
    q = result.items[0].question
    assert q.stem_format == "html"
    assert q.stem == "<p>Theo bảng sau:</p><table><tr><td>x</td></tr></table><p>Năm nào? &lt;1&gt;</p>"


def test_a_picture_on_its_own_paragraph_belongs_to_the_question_above():
    picture = ImageRef("b" * 64, "png", "so_do.png")
    result = parse(para("Câu 1: Sơ đồ sau là gì?"), para("", images=[picture]), para("A. Một"), para("B. Hai"),
                   para("Đáp án: A"))
    assert result.items[0].question.images == [picture]


# Statements (a–d) -------------------------------------------------------------------------------------------------


def test_four_statements_with_an_answer_line_are_a_true_false_question():
    result = parse(*text_lines("Câu 1: Về Đảng:\na) Ý một\nb) Ý hai\nc) Ý ba\nd) Ý bốn\nĐáp án: a) Đ b) S c) Đ d) S"))
    q = result.items[0].question
    assert q.type == "true_false_4" and [o.correct for o in q.options] == [True, False, True, False]
    assert [o.text for o in q.options] == ["Ý một", "Ý hai", "Ý ba", "Ý bốn"]


def test_statements_marked_by_style_give_their_truth():
    lines = [para("Câu 1: Về Đảng:"), para("a) ", Run("Ý một", bold=True)), para("b) Ý hai"),
             para("c) Ý ba"), para("d) ", Run("Ý bốn", bold=True))]
    result = parse(*lines, marker="bold")
    assert [o.correct for o in result.items[0].question.options] == [True, False, False, True]


def test_statements_with_an_answer_of_the_wrong_length_are_reported():
    result = parse(*text_lines("Câu 1: Về Đảng:\na) Một\nb) Hai\nc) Ba\nd) Bốn\nĐáp án: Đ S Đ"))
    assert reasons(result) == ['dòng Đáp án "Đ S Đ" không cho biết Đúng/Sai của từng ý']


def test_statements_without_any_key_are_reported():
    result = parse(*text_lines("Câu 1: Về Đảng:\na) Một\nb) Hai\nc) Ba\nd) Bốn"), marker="answer_line")
    assert reasons(result) == ["không xác định được ý nào đúng, ý nào sai"]


def test_lower_case_letters_after_capital_options_are_option_text_not_statements():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nb) hai\nB. Ba\nĐáp án: B"))
    assert result.items[0].question.type == "single_choice" and keys(result) == ["B"]


# The key written in words -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "key"), [("Đáp án: A, C", "AC"), ("Đáp án: A và C", "AC"), ("Đáp án: A/C", "AC"),
                                           ("Đáp án: A; C", "AC"), ("Đáp án: C, A.", "AC")])
def test_an_answer_line_with_several_letters_makes_a_multiple_answer_question(line, key):
    result = parse(*text_lines(f"Câu 1: Hỏi?\nA. Một\nB. Hai\nC. Ba\n{line}"))
    assert keys(result) == [key] and result.items[0].question.type == "multiple_choice"


def test_an_answer_naming_a_letter_that_is_no_option_is_reported():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: D"))
    assert reasons(result) == ['đáp án "D" không khớp phương án nào']


def test_an_answer_line_and_a_star_that_disagree_are_reported_with_both():
    result = parse(*text_lines("Câu 1: Hỏi?\n*A. Một\nB. Hai\nĐáp án: B"))
    assert reasons(result) == ["đáp án mâu thuẫn: dòng Đáp án → B; dấu * → A"]


def test_an_answer_line_and_the_style_that_agree_import_once():
    lines = [para("Câu 1: Hỏi?"), para("A. Một"), para("B. ", Run("Hai", bold=True)), para("Đáp án: B")]
    result = parse(*lines, marker="bold")
    assert keys(result) == ["B"] and reasons(result) == []


def test_a_style_that_disagrees_with_the_answer_line_is_reported():
    lines = [para("Câu 1: Hỏi?"), para("A. ", Run("Một", bold=True)), para("B. Hai"), para("Đáp án: B")]
    assert reasons(parse(*lines, marker="bold")) == ["đáp án mâu thuẫn: dòng Đáp án → B; in đậm → A"]


def test_lines_after_the_answer_are_the_guide_and_become_the_explanation():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: B\nVì hai lớn hơn một.\nVà vì thế."))
    assert result.items[0].question.feedback == "Vì hai lớn hơn một.\nVà vì thế."


def test_a_guide_heading_collects_the_lines_below_it():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: B\nHướng dẫn giải: xem giáo trình\ntrang 5"))
    assert result.items[0].question.feedback == "xem giáo trình\ntrang 5"


# Questions without options ----------------------------------------------------------------------------------------


def test_a_short_answer_question_takes_each_accepted_answer():
    result = parse(*text_lines("Câu 1: Thủ đô của Việt Nam?\nĐáp án: Hà Nội; Ha Noi | HN"))
    q = result.items[0].question
    assert q.type == "short_answer" and q.answers == ["Hà Nội", "Ha Noi", "HN"]


def test_a_long_answer_makes_an_essay_with_a_guide():
    long = "Phân tích " + "rất dài " * 12
    result = parse(*text_lines(f"Câu 1: Trình bày quan điểm.\nĐáp án: {long.strip()}"))
    assert result.items[0].question.type == "essay"


def test_an_answer_of_eighty_characters_is_still_a_short_answer():
    answer = "x" * 80
    result = parse(*text_lines(f"Câu 1: Viết tắt?\nĐáp án: {answer}"))
    assert result.items[0].question.type == "short_answer"
    result = parse(*text_lines(f"Câu 1: Viết tắt?\nĐáp án: {answer}y"))
    assert result.items[0].question.type == "essay"


def test_an_essay_takes_its_points_from_the_stem():
    result = parse(*text_lines("Câu 1: Trình bày quan điểm của Đảng (2,5 điểm)"))
    q = result.items[0].question
    assert q.type == "essay" and q.points == 2.5
    assert parse(*text_lines("Câu 1: Trình bày (3đ)")).items[0].question.points == 3.0


def test_an_essay_with_rubric_lines_scores_their_sum():
    result = parse(*text_lines("Câu 1: Trình bày quan điểm.\nHướng dẫn chấm:\n- Ý thứ nhất (1 điểm)\n- Ý thứ hai (0,5 điểm)"))
    q = result.items[0].question
    assert q.type == "essay" and q.points == 1.5 and [r.points for r in q.rubric] == [1.0, 0.5]


# Lines under a question ------------------------------------------------------------------------------------------


def test_level_points_tags_and_topic_lines_are_applied():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: A\nMức độ: Thông hiểu\nĐiểm: 0,5\n"
                               "Thẻ: lịch sử, Đảng\nChuyên đề: CĐ01, CĐ02"))
    item = result.items[0]
    assert (item.question.level, item.question.points, item.question.tags) == ("Thông hiểu", 0.5, ["lịch sử", "Đảng"])
    assert [segment.strip() for segment in item.category.split("/")] == ["CĐ01", "CĐ02"]  # each maps to a topic


def test_points_that_are_not_a_number_report_the_question():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: A\nĐiểm: nửa"))
    assert reasons(result) == ['điểm "nửa" không phải là số']


def test_an_essay_marked_as_oral_becomes_an_oral_question():
    result = parse(*text_lines("Câu 1: Trình bày quan điểm.\nLoại: Vấn đáp\nHướng dẫn chấm:\n- Ý một (1 điểm)"))
    q = result.items[0].question
    assert q.type == "oral" and q.rubric == []


# The document around the questions -------------------------------------------------------------------------------


def test_titles_above_the_first_question_are_counted_as_skipped_lines():
    result = parse(*text_lines("TRƯỜNG CHÍNH TRỊ\nĐỀ KIỂM TRA\nCâu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: A"))
    assert result.notes == ["2 dòng ngoài câu hỏi (tiêu đề, hướng dẫn) được bỏ qua"] and keys(result) == ["A"]


def test_numbered_questions_are_read_when_no_question_says_cau():
    result = parse(*text_lines("1. Năm nào?\nA. 1930\nB. 1945\nĐáp án: A\n2) Ai?\nA. Một\nB. Hai\nĐáp án: B"))
    assert keys(result) == ["A", "B"] and [i.location for i in result.items] == ["đoạn 1 (Câu 1)", "đoạn 5 (Câu 2)"]


def test_with_cau_questions_a_numbered_line_is_stem_text():
    result = parse(*text_lines("Câu 1: Hai ý sau:\n1. Ý một\n2. Ý hai\nA. Đúng\nB. Sai\nĐáp án: A"))
    assert result.items[0].question.stem == "Hai ý sau:\n1. Ý một\n2. Ý hai" and len(result.items) == 1


def test_a_chapter_heading_is_the_category_of_the_questions_below():
    result = parse(*text_lines("CHƯƠNG 1: MỞ ĐẦU\nCâu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: A\nChương II. Tiếp\n"
                               "Câu 1: Hỏi nữa?\nA. Ba\nB. Bốn\nĐáp án: B"))
    assert [i.category for i in result.items] == ["CHƯƠNG 1: MỞ ĐẦU", "Chương II. Tiếp"]


def test_an_answer_key_list_at_the_end_gives_the_keys_by_number():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nCâu 2: Hỏi nữa?\nA. Ba\nB. Bốn\nC. Năm\n"
                               "BẢNG ĐÁP ÁN\n1.B 2-C"))
    assert keys(result) == ["B", "C"]


def test_an_answer_key_table_by_rows_gives_the_keys_by_number():
    rows = [["Câu", "1", "2"], ["Đáp án", "B", "A, C"]]
    table = Line("", [], [], rows, "<table></table>")
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nCâu 2: Chọn các đáp án đúng?\nA. Ba\nB. Bốn\nC. Năm"),
                   table)
    assert keys(result) == ["B", "AC"]


def test_an_answer_key_table_of_pairs_gives_the_keys_by_number():
    table = Line("", [], [], [["1", "B"], ["2", "C"]], "<table></table>")
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nCâu 2: Hỏi nữa?\nA. Ba\nB. Bốn\nC. Năm"), table)
    assert keys(result) == ["B", "C"]


def test_a_table_of_words_is_not_a_key():
    table = Line("", [], [], [["Năm", "Sự kiện"], ["1930", "A"]], "<table></table>")
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: A"), table)
    assert keys(result) == ["A"] and reasons(result) == []


def test_a_broken_item_is_reported_and_the_rest_of_the_file_imports():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: Z\nCâu 2: Hỏi nữa?\nA. Ba\nB. Bốn\nĐáp án: B"))
    assert keys(result) == ["B"] and [p.where for p in result.problems] == ["đoạn 1 (Câu 1)"]


def test_a_bold_dot_after_a_plain_letter_does_not_mark_the_option():
    lines = [para("Câu 1: Hỏi?"), para("A", Run(".", bold=True), " Một"), para("B. ", Run("Hai", bold=True)),
             para("C. Ba")]
    assert keys(parse(*lines, marker="bold")) == ["B"]


def test_a_two_cell_table_of_number_and_letter_is_a_key():
    table = Line("", [], [], [["1", "B"]], "<table></table>")
    assert keys(parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai"), table)) == ["B"]


def test_a_one_cell_table_or_a_table_of_numbers_in_a_stem_stays_in_the_stem():
    boxed = Line("", [], [], [["B"]], "<table><tr><td>B</td></tr></table>")
    numbers = Line("", [], [], [["1", "2"], ["3", "4"]], "<table><tr><td>1</td></tr></table>")
    result = parse(para("Câu 1: Xem ô:"), boxed, numbers, para("Chọn?"), para("A. Một"), para("B. Hai"),
                   para("Đáp án: A"))
    assert result.items[0].question.stem == (
        "<p>Xem ô:</p><table><tr><td>B</td></tr></table><table><tr><td>1</td></tr></table><p>Chọn?</p>")
    assert keys(result) == ["A"]


def test_a_refused_key_list_is_reported_where_the_key_is_written():
    lines = text_lines("Câu 1: x?\nA. a\nB. b\nCHƯƠNG 2\nCâu 1: y?\nA. c\nB. d\nBẢNG ĐÁP ÁN\n1.A")
    result = parse(*lines)
    assert result.problems[0].where == "đoạn 9"  # the refusal comes first, then each question left without a key


def test_a_refused_key_table_is_reported_where_the_table_is():
    table = Line("", [], [], [["1", "A"]], "<table></table>")
    result = parse(*text_lines("Câu 1: x?\nA. a\nB. b\nCHƯƠNG 2\nCâu 1: y?\nA. c\nB. d\nBẢNG ĐÁP ÁN"), table)
    assert result.problems[0].where == "đoạn 9"


def test_the_guide_of_an_essay_is_its_guide_not_an_explanation():
    result = parse(*text_lines("Câu 1: Trình bày quan điểm.\nHướng dẫn chấm:\nNêu đủ ba ý."))
    q = result.items[0].question
    assert (q.type, q.guide, q.feedback) == ("essay", "Nêu đủ ba ý.", "")


@pytest.mark.parametrize(("line", "level"), [("Mức độ: thông hiểu", "Thông hiểu"), ("Cấp độ: Vận dụng", "Vận dụng"),
                                             ("Mức độ: Rất khó", "Rất khó")])
def test_a_level_line_gives_the_bank_level_or_keeps_an_unknown_one_as_written(line, level):
    result = parse(*text_lines(f"Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: A\n{line}"))
    assert result.items[0].question.level == level


def test_an_oral_question_keeps_its_rubric_as_the_examiners_guide():
    result = parse(*text_lines("Câu 1: Trình bày quan điểm.\nLoại: Vấn đáp\nHướng dẫn chấm:\n- Ý một (1 điểm)\n"
                               "Hỏi thêm nếu cần."))
    q = result.items[0].question
    assert q.type == "oral" and q.guide == "- Ý một (1 điểm)\nHỏi thêm nếu cần."


def test_quotes_in_a_stem_around_a_table_stay_quotes():
    table = Line("", [], [], [["x", "y"]], "<table></table>")
    result = parse(para('Câu 1: Theo "bảng" sau:'), table, para("A. Một"), para("B. Hai"), para("Đáp án: A"))
    assert result.items[0].question.stem == '<p>Theo "bảng" sau:</p><table></table>'


def test_an_answer_line_and_a_repeated_option_that_disagree_name_both_sources():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nC. Ba\nĐáp án: B\n=> C"))
    assert reasons(result) == ["đáp án mâu thuẫn: dòng Đáp án → B; đáp án ghi lại sau các phương án → C"]


def test_a_bare_arrow_line_is_reported_as_an_answer_that_names_no_option():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\n=>"))
    assert reasons(result) == ['không đọc được đáp án "" (cần chữ cái của phương án)']


def test_a_repeated_letter_without_text_gives_the_key_without_a_note():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\n=> B"))
    assert keys(result) == ["B"] and result.notes == []


@pytest.mark.parametrize(("stem", "points"), [("Trình bày (2 ĐIỂM)", 2.0), ("Trình bày (1,5Đ)", 1.5)])
def test_points_in_the_stem_are_read_in_capitals_too(stem, points):
    assert parse(*text_lines(f"Câu 1: {stem}")).items[0].question.points == points


def test_a_star_on_a_later_option_of_the_same_line_marks_it():
    assert keys(parse(*text_lines("Câu 1: Hỏi?\nA. Một   *B. Hai   C. Ba"))) == ["B"]


def test_a_style_on_exactly_three_fifths_of_the_options_is_formatting_not_a_marker():
    five = "ABCDE"
    once = [para("Câu 1: Hỏi?"), para("A. ", Run("Một", bold=True)), *(para(f"{c}. Hai {c}") for c in five[1:])]
    every = [para("Câu 2: Hỏi nữa?"), *(para(f"{c}. ", Run(f"Ba {c}", bold=True)) for c in five)]
    result = parse(*once, *every)
    assert result.items == [] and result.notes == []


def test_when_two_styles_mark_as_many_questions_the_first_convention_listed_wins():
    result = parse(*question(1, "A", "bold"), *question(2, "B", "underline"))
    assert result.notes == ["đáp án đúng được đánh dấu bằng: gạch chân"] and keys(result) == ["B"]


def test_a_chapter_and_a_topic_line_both_go_into_the_category():
    result = parse(*text_lines("CHƯƠNG 1\nCâu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: A\nChuyên đề: CĐ01"))
    assert result.items[0].category == "CHƯƠNG 1/CĐ01"


def test_a_key_table_that_disagrees_with_the_answer_line_is_named_in_the_report():
    table = Line("", [], [], [["1", "A"]], "<table></table>")
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: B"), table)
    assert reasons(result) == ["đáp án mâu thuẫn: dòng Đáp án → B; bảng đáp án → A"]


def test_a_conflict_names_several_letters_and_an_unreadable_answer():
    several = parse(*text_lines("Câu 1: Hỏi?\n*A. Một\nB. Hai\nC. Ba\nĐáp án: A, C"))
    assert reasons(several) == ["đáp án mâu thuẫn: dòng Đáp án → A, C; dấu * → A"]
    unreadable = parse(*text_lines("Câu 1: Hỏi?\n*A. Một\nB. Hai\nĐáp án: không rõ"))
    assert reasons(unreadable) == ["đáp án mâu thuẫn: dòng Đáp án → ?; dấu * → A"]


def test_every_option_may_be_right_in_a_multiple_answer_question():
    result = parse(*text_lines("Câu 1: Chọn các đáp án đúng?\nA. Một\nB. Hai\nĐáp án: A, B"))
    assert keys(result) == ["AB"]


def test_an_answer_naming_no_option_is_quoted_as_written():
    assert reasons(parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: D, E"))) == [
        'đáp án "D, E" không khớp phương án nào']
    assert reasons(parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: không rõ"))) == [
        'đáp án "không rõ" không khớp phương án nào']


def test_lines_after_a_repeated_answer_are_its_explanation_not_the_stem_or_an_option():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\n=> B\nVì hai lớn hơn một."))
    q = result.items[0].question
    assert keys(result) == ["B"] and q.stem == "Hỏi?" and [o.text for o in q.options] == ["Một", "Hai"]
    assert q.feedback == "Vì hai lớn hơn một."


def test_an_arrow_line_in_the_stem_is_part_of_the_stem():
    result = parse(*text_lines("Câu 1: Đọc đoạn sau:\n=> Kết luận nào đúng?\nA. Một\nB. Hai\nĐáp án: A"))
    assert result.items[0].question.stem == "Đọc đoạn sau:\n=> Kết luận nào đúng?" and keys(result) == ["A"]


def test_an_arrow_inside_an_explanation_is_explanation_text():
    result = parse(*text_lines("Câu 1: Hỏi?\n*A. Một\nB. Hai\nGiải thích:\n=> B sai vì hai lớn hơn."))
    assert keys(result) == ["A"] and result.items[0].question.feedback == "=> B sai vì hai lớn hơn."


def test_a_second_answer_line_after_the_first_is_guide_text():
    result = parse(*text_lines("Câu 1: Hỏi?\nA. Một\nB. Hai\nĐáp án: B\nĐáp án A sai vì một nhỏ hơn."))
    assert keys(result) == ["B"] and result.items[0].question.feedback == "Đáp án A sai vì một nhỏ hơn."


def test_a_picture_on_the_question_line_belongs_to_the_question():
    picture = ImageRef("c" * 64, "png", "anh.png")
    result = parse(para("Câu 1: Ảnh này là ai?", images=[picture]), para("A. Một"), para("B. Hai"),
                   para("Đáp án: A"))
    assert result.items[0].question.images == [picture]


def test_without_a_marker_argument_the_marking_style_is_detected():
    lines = [*question(1, "C", "red"), *question(2, "A", "red")]
    result = ImportResult(Path("de.docx"), "docx")
    parse_lines(lines, result)
    assert ["".join("ABCD"[i] for i, o in enumerate(item.question.options) if o.correct)
            for item in result.items] == ["C", "A"]
