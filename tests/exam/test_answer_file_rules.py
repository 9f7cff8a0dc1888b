"""How a learners' answer file is read: the template, Google Forms exports, and the ways people type answers.

Each test states a rule a lecturer relies on when grading (docs/exam-guide.md);
they were written where mutation testing found the suite silent
(docs/testing.md).  The exam is written out by hand, one version "101":

* câu 1: single choice, key B, options 1930 / 1945 / 1954 / 1975;
* câu 2: multiple answers, key AC, same options;
* câu 3: four Đúng/Sai statements, key ĐSĐS;
* câu 4: short answer "Hà Nội";
* câu 5: single choice with two options (Đúng / Sai), key A;
* TL1 (2 points) and TL2 (3 points): essays.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.core.errors import InputFileError
from lecturer_app.exam.grading import score_all
from lecturer_app.exam.manifest import ExamManifest, ItemInfo, VersionInfo
from lecturer_app.i18n import SCREEN
from lecturer_app.importers.exam_answers import check_answer, normalise_answer, read_answer_file, read_responses

YEARS = ["1930", "1945", "1954", "1975"]
SINGLE = ItemInfo("q1", "single_choice", 1.0, "B", YEARS, [0, 1, 2, 3])
MULTIPLE = ItemInfo("q2", "multiple_choice", 1.0, "AC", YEARS, [0, 1, 2, 3])
TRUE_FALSE = ItemInfo("q3", "true_false_4", 1.0, "ĐSĐS")
SHORT = ItemInfo("q4", "short_answer", 1.0, "Hà Nội")
TWO = ItemInfo("q5", "single_choice", 1.0, "A", ["Đúng", "Sai"], [0, 1])
HEADER = "Họ và tên,SBD,Mã đề,1,2,3,4,5,TL1,TL2"
RIGHT = "B,AC,ĐSĐS,Hà Nội,A"


@pytest.fixture
def manifest() -> ExamManifest:
    items = [SINGLE, MULTIPLE, TRUE_FALSE, SHORT, TWO]
    return ExamManifest("Kiểm tra", 1, "exam-1", {"101": VersionInfo("101", items, [("e1", 2.0), ("e2", 3.0)])},
                        ["q1", "q2", "q3", "q4", "q5", "e1", "e2"], {"q1": YEARS, "q2": YEARS, "q5": ["Đúng", "Sai"]},
                        {q: "?" for q in ("q1", "q2", "q3", "q4", "q5", "e1", "e2")}, essay_points=5.0)


def _csv(tmp_path: Path, *rows: str, header: str = HEADER, above: tuple[str, ...] = ()) -> Path:
    path = tmp_path / "bai_lam.csv"
    path.write_text("\n".join([*above, header, *rows]) + "\n", encoding="utf-8")
    return path


# The answer a learner typed --------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["B", "b", " B ", "B.", "B)", "b:", "B. 1945", "B) 1945", "1945", " 1945 "])
def test_a_single_answer_is_read_from_its_letter_or_its_option_text(typed):
    assert check_answer(typed, SINGLE) == ("B", "")


def test_an_option_text_that_starts_like_a_letter_is_matched_as_text_first():
    item = ItemInfo("q", "single_choice", 1.0, "A", ["B", "A"], [0, 1])
    assert normalise_answer("B", item) == "A"  # the first option's whole text is "B"


@pytest.mark.parametrize("typed", ["AC", "ac", "CA", "A, C", "a;c", "A C", "A.C", "C, A, A", "1930, 1954",
                                   "A. 1930; C. 1954"])
def test_several_answers_are_read_in_any_order_and_spelling(typed):
    assert check_answer(typed, MULTIPLE) == ("AC", "")


@pytest.mark.parametrize("typed", ["ĐSĐS", "đsđs", "DSDS", "Đ S Đ S", "Đ,S,Đ,S", "d.s.d.s"])
def test_true_false_answers_are_four_d_or_s_letters_d_read_as_d_stroke(typed):
    assert check_answer(typed, TRUE_FALSE) == ("ĐSĐS", "")


@pytest.mark.parametrize("typed", ["ĐSĐ", "ĐSĐSĐ", "ĐSĐX", "ĐÚNG"])
def test_a_true_false_answer_of_the_wrong_length_or_letters_is_reported(typed):
    answer, problem = check_answer(typed, TRUE_FALSE)
    assert "không hợp lệ: cần 4 chữ Đ/S" in problem and f"'{typed}'" in problem


def test_a_true_false_question_without_a_key_still_wants_four_letters():
    item = ItemInfo("q", "true_false_4", 1.0, "")
    assert check_answer("ĐSĐS", item) == ("ĐSĐS", "")
    assert "cần 4 chữ" in check_answer("ĐS", item)[1]


def test_a_short_answer_is_kept_as_typed_for_the_grader_to_fold():
    assert check_answer("  hà nội ", SHORT) == ("hà nội", "")


@pytest.mark.parametrize("item", [SINGLE, MULTIPLE, TRUE_FALSE, SHORT])
def test_a_blank_answer_is_blank_and_no_problem(item):
    assert check_answer("   ", item) == ("", "")


@pytest.mark.parametrize("typed, shown", [("E", "E"), ("x", "X"), ("?", "?"), ("1999", "1999"), ("B1", "B1")])
def test_an_answer_that_is_no_option_is_reported_with_the_options_range(typed, shown):
    answer, problem = check_answer(typed, SINGLE)
    assert answer == shown
    assert problem == f"'{typed}' không phải phương án của câu (A–D)"


def test_a_c_on_a_two_option_question_is_no_option():
    assert check_answer("C", TWO) == ("C", "'C' không phải phương án của câu (A–B)")


def test_an_item_without_printed_options_takes_a_to_d():
    item = ItemInfo("q", "single_choice", 1.0, "D")
    assert check_answer("d", item) == ("D", "")
    assert check_answer("E", item)[1].endswith("(A–D)")


@pytest.mark.parametrize("typed", ["BC", "b, c", "B;C"])
def test_several_letters_on_a_single_choice_question_are_reported_as_such(typed):
    answer, problem = check_answer(typed, SINGLE)
    assert answer == "BC"
    assert problem == f"nhiều đáp án '{typed}' cho câu chỉ có một đáp án đúng"


def test_a_multiple_answer_with_a_letter_outside_the_options_is_reported():
    answer, problem = check_answer("A, E", MULTIPLE)
    assert problem == "'A, E' không phải phương án của câu (A–D)"


# The file --------------------------------------------------------------------------------------------------------


def test_a_right_row_of_the_template_scores_full_marks_with_its_essays(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path, f"Nguyễn Văn An,01,101,{RIGHT},2,\"2,5\""), manifest)
    (response,) = answers.responses
    assert (response.name, response.sbd, response.code, response.where(SCREEN)) == ("Nguyễn Văn An", "01", "101", "dòng 2")
    assert response.answers == ["B", "AC", "ĐSĐS", "Hà Nội", "A"]
    assert response.essay_scores == {1: 2.0, 2: 2.5} and response.oral_score is None and response.flags == []
    assert answers.rejected == [] and answers.warnings == [] and answers.has_oral is False
    assert score_all(answers.responses, manifest)[0].total == 9.5  # (5 + 4,5) × 10 / 10


def test_the_header_is_found_below_title_rows_and_empty_rows_are_skipped(manifest, tmp_path):
    above = ("KẾT QUẢ BÀI KIỂM TRA", "Lớp bồi dưỡng đảng viên mới", "")
    path = _csv(tmp_path, ",,,,,,,,,", f"Nguyễn Văn An,01,101,{RIGHT},2,3", "", above=above)
    answers = read_answer_file(path, manifest)
    assert [r.where(SCREEN) for r in answers.responses] == ["dòng 6"] and answers.rejected == []


def test_a_header_further_down_than_fifteen_rows_is_not_searched_for(manifest, tmp_path):
    above = tuple(f"Ghi chú {n}" for n in range(15))
    with pytest.raises(InputFileError, match="không tìm thấy dòng tiêu đề"):
        read_answer_file(_csv(tmp_path, f"Nguyễn Văn An,01,101,{RIGHT},2,3", above=above), manifest)


def test_the_header_needs_the_version_column_and_a_name_or_sbd(manifest, tmp_path):
    with pytest.raises(InputFileError, match="không tìm thấy dòng tiêu đề"):
        read_answer_file(_csv(tmp_path, f"Nguyễn Văn An,01,{RIGHT}", header="Họ và tên,SBD,1,2,3,4,5"), manifest)
    only_sbd = read_answer_file(_csv(tmp_path, f"01,101,{RIGHT}", header="SBD,Mã đề,1,2,3,4,5"), manifest)
    assert only_sbd.responses[0].sbd == "01" and only_sbd.responses[0].name == ""
    only_name = read_answer_file(_csv(tmp_path, f"An,101,{RIGHT}", header="Họ tên,Đề số,1,2,3,4,5"), manifest)
    assert only_name.responses[0].name == "An" and only_name.responses[0].flags == []


def test_a_file_with_a_header_and_no_learner_is_refused(manifest, tmp_path):
    with pytest.raises(InputFileError, match="không có dòng bài làm nào"):
        read_answer_file(_csv(tmp_path, "", ",,,"), manifest)


def test_question_columns_are_taken_by_their_number_not_their_place(manifest, tmp_path):
    header = "Mã đề,Câu 5,Họ và tên,Câu 2,SBD,Câu 1,Câu 4,Câu 3"
    answers = read_answer_file(_csv(tmp_path, "101,A,Nguyễn Văn An,AC,01,B,Hà Nội,ĐSĐS", header=header), manifest)
    (response,) = answers.responses
    assert (response.name, response.sbd) == ("Nguyễn Văn An", "01")
    assert response.answers == ["B", "AC", "ĐSĐS", "Hà Nội", "A"] and response.flags == []


def test_a_google_forms_export_is_read_by_column_order_and_option_text(manifest, tmp_path):
    header = ("Dấu thời gian,Địa chỉ email,Điểm,Họ và tên,Số báo danh,Mã đề,Đảng ra đời năm nào?,"
              "Những năm nào?,Các nhận định,Thủ đô?,Đúng hay sai?,Lớp,Ghi chú")
    row = "2024/05/01 8:00:00,an@example.org,5 / 5,Nguyễn Văn An,01,101,1945,\"1930, 1954\",ĐSĐS,Hà Nội,Đúng,K1,"
    answers = read_answer_file(_csv(tmp_path, row, header=header), manifest)
    (response,) = answers.responses
    assert response.answers == ["B", "AC", "ĐSĐS", "Hà Nội", "A"] and response.flags == []
    assert answers.warnings == []


@pytest.mark.parametrize("header", ["TL1,TL2", "Tự luận 1,Tự luận 2", "Câu TL 1,Câu tự luận 2", "tl 1,TL2"])
def test_essay_columns_are_recognised_by_their_usual_names(manifest, tmp_path, header):
    answers = read_answer_file(_csv(tmp_path, f"An,01,101,{RIGHT},\"1,5\",3",
                                    header=f"Họ và tên,SBD,Mã đề,1,2,3,4,5,{header}"), manifest)
    assert answers.responses[0].essay_scores == {1: 1.5, 2: 3.0}


@pytest.mark.parametrize("column", ["Vấn đáp", "VĐ", "Điểm vấn đáp", "Oral"])
def test_the_oral_column_is_recognised_and_a_given_oral_score_makes_an_oral_part(manifest, tmp_path, column):
    answers = read_answer_file(_csv(tmp_path, f"An,01,101,{RIGHT},2,3,\"7,5\"", f"Bình,02,101,{RIGHT},2,3,",
                                    header=f"{HEADER},{column}"), manifest)
    assert [r.oral_score for r in answers.responses] == [7.5, None]
    assert answers.has_oral is True


def test_a_score_that_is_not_a_number_rejects_the_row_and_names_the_column(manifest, tmp_path):
    path = _csv(tmp_path, f"An,01,101,{RIGHT},2,ba", f"Bình,02,101,{RIGHT},2,3,tốt", f"Chi,03,101,{RIGHT},2,inf",
                header=f"{HEADER},Vấn đáp")
    answers = read_answer_file(path, manifest)
    assert [(r.where(SCREEN), r.name, r.sbd, r.code, r.reason(SCREEN)) for r in answers.rejected] == [
        ("dòng 2", "An", "01", "101", "TL2: 'ba' không phải là số"),
        ("dòng 3", "Bình", "02", "101", "Vấn đáp: 'tốt' không phải là số"),
        ("dòng 4", "Chi", "03", "101", "TL2: 'inf' không phải là số")]
    assert answers.responses == []


def test_read_responses_refuses_the_file_at_its_first_bad_row(manifest, tmp_path):
    path = _csv(tmp_path, f"An,01,101,{RIGHT},2,3", f"Bình,02,202,{RIGHT},2,3", f"Chi,03,,{RIGHT},2,3")
    with pytest.raises(InputFileError) as raised:
        read_responses(path, manifest)
    assert raised.value.where == "dòng 3" and "mã đề '202' không có trong đề này" in raised.value.reason
    assert [r.sbd for r in read_responses(_csv(tmp_path, f"An,01,101,{RIGHT},2,3"), manifest)] == ["01"]


@pytest.mark.parametrize("written", ["101", " 101 ", "101.0", "0101"])
def test_a_version_code_is_matched_however_a_spreadsheet_wrote_the_number(manifest, tmp_path, written):
    answers = read_answer_file(_csv(tmp_path, f"An,01,{written},{RIGHT},2,3"), manifest)
    assert [r.code for r in answers.responses] == ["101"] and answers.rejected == []


@pytest.mark.parametrize("written", ["10", "1O1", "A101", "101.5x"])
def test_a_version_code_that_is_another_number_or_text_is_not_guessed(manifest, tmp_path, written):
    answers = read_answer_file(_csv(tmp_path, f"An,01,{written},{RIGHT},2,3"), manifest)
    assert answers.responses == [] and "không có trong đề này" in answers.rejected[0].reason(SCREEN)


def test_a_text_version_code_must_match_exactly(tmp_path):
    manifest = ExamManifest("Kiểm tra", 1, "e", {"A": VersionInfo("A", [SINGLE], []), "B": VersionInfo("B", [SINGLE], [])},
                            ["q1"], {"q1": YEARS}, {"q1": "?"})
    answers = read_answer_file(_csv(tmp_path, "An,01,B,B", "Bình,02,b,B", header="Họ và tên,SBD,Mã đề,1"), manifest)
    assert [r.code for r in answers.responses] == ["B"] and [r.sbd for r in answers.rejected] == ["02"]


def test_each_problem_in_a_row_is_flagged_with_the_question_number(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path, "An,01,101,E,AE,ĐS,Hà Nội,C,2,3"), manifest)
    assert [f(SCREEN) for f in answers.responses[0].flags] == [
        "Câu 1: 'E' không phải phương án của câu (A–D)",
        "Câu 2: 'AE' không phải phương án của câu (A–D)",
        "Câu 3: 'ĐS' không hợp lệ: cần 4 chữ Đ/S",
        "Câu 5: 'C' không phải phương án của câu (A–B)"]


def test_an_empty_sbd_is_flagged_and_never_counted_as_a_duplicate(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path, f"An,,101,{RIGHT},2,3", f"Bình, ,101,{RIGHT},2,3"), manifest)
    assert [[f(SCREEN) for f in r.flags] for r in answers.responses] == [["thiếu SBD"], ["thiếu SBD"]]


def test_three_rows_with_one_sbd_each_name_the_two_others(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path, *(f"{n},07,101,{RIGHT},2,3" for n in ("An", "Bình", "Chi"))), manifest)
    assert [[f(SCREEN) for f in r.flags] for r in answers.responses] == [["SBD 07 trùng với dòng 3, dòng 4"],
                                                    ["SBD 07 trùng với dòng 2, dòng 4"],
                                                    ["SBD 07 trùng với dòng 2, dòng 3"]]


def test_a_row_as_long_as_the_header_is_not_short(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path, f"An,01,101,{RIGHT},2,3", f"Bình,02,101,{RIGHT},2"), manifest)
    assert [f(SCREEN) for f in answers.responses[0].flags] == []
    assert [f(SCREEN) for f in answers.responses[1].flags] == [
        "dòng thiếu ô: có 9 ô, dòng tiêu đề có 10 cột (ô thiếu được coi là bỏ trống)"]
    assert answers.responses[1].essay_scores == {1: 2.0}


def test_a_file_with_more_question_columns_than_a_version_is_warned_per_version(tmp_path):
    manifest = ExamManifest("Kiểm tra", 1, "e", {"1": VersionInfo("1", [SINGLE], []),
                                                 "2": VersionInfo("2", [SINGLE, SINGLE], [])},
                            ["q1"], {"q1": YEARS}, {"q1": "?"})
    answers = read_answer_file(_csv(tmp_path, "An,01,2,B,B", header="Họ và tên,SBD,Mã đề,1,2"), manifest)
    assert answers.warnings == ["Tệp có 2 cột câu hỏi nhưng mã đề 1 có 1 câu trắc nghiệm."]


def test_a_row_without_a_known_version_says_exactly_why(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path, f"An,01,,{RIGHT},2,3", f"Bình,02,909,{RIGHT},2,3"), manifest)
    assert [r.reason(SCREEN) for r in answers.rejected] == ["thiếu mã đề", "mã đề '909' không có trong đề này"]


@pytest.mark.parametrize("typed", ["B .", "B;", ",B"])
def test_one_letter_with_stray_punctuation_is_never_reported_as_several_answers(typed):
    answer, problem = check_answer(typed, SINGLE)
    assert "nhiều đáp án" not in problem


def test_a_file_that_cannot_be_read_says_why_for_the_whole_file(manifest, tmp_path):
    with pytest.raises(InputFileError) as no_header:
        read_answer_file(_csv(tmp_path, "An,01,101", header="Tên,Số,Đề"), manifest)
    assert (no_header.value.where, no_header.value.reason) == (
        "", "không tìm thấy dòng tiêu đề 'Họ và tên | SBD | Mã đề | 1 | 2 | …'")
    with pytest.raises(InputFileError) as no_rows:
        read_answer_file(_csv(tmp_path), manifest)
    assert (no_rows.value.where, no_rows.value.reason) == ("", "không có dòng bài làm nào dưới dòng tiêu đề")


def _with_rule_sheet(path: Path, weight: object) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append(["Nguyễn Văn An", "01", "101", *RIGHT.split(","), 2, 3])
    workbook.create_sheet("Cách tính").append(["Tỉ trọng vấn đáp", weight])
    workbook.save(path)
    return path


def test_the_rule_sheet_gives_the_oral_weight_and_its_row_is_no_learner(manifest, tmp_path):
    result = read_answer_file(_with_rule_sheet(tmp_path / "bai_lam.xlsx", "0,3"), manifest)
    assert result.oral_weight == 0.3
    assert [r.name for r in result.responses] == ["Nguyễn Văn An"] and result.rejected == []


@pytest.mark.parametrize("weight", ["1,5", "nửa"])
def test_a_saved_oral_weight_that_is_no_weight_is_said_and_not_used(manifest, tmp_path, weight):
    result = read_answer_file(_with_rule_sheet(tmp_path / "bai_lam.xlsx", weight), manifest)
    assert result.oral_weight is None
    assert any("Tỉ trọng vấn đáp" in warning and weight in warning for warning in result.warnings)
