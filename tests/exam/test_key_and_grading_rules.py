"""The rules a wrong answer key or a wrong score would break, each pinned by a small hand-made case.

Each test here was written against a realistic one-line bug that the rest of
the suite let through (issue #12, point 21): the expected values are worked
out by hand, not by the code under test.
"""

from __future__ import annotations

import random

import pytest

from lecturer_app.core.model import Option, Question
from lecturer_app.exam.grading import Response, is_correct, score_all
from lecturer_app.exam.item_analysis import analyse_items
from lecturer_app.exam.keying import key_of, order_with_correct_at, shuffled_order
from lecturer_app.exam.manifest import ExamManifest, ItemInfo, VersionInfo
from lecturer_app.exam.vn_numbers import decimal_comma, score_in_words


def true_false(*truths: bool) -> Question:
    return Question(type="true_false_4", stem="Các nhận định sau đúng hay sai?",
                    options=[Option(f"Ý {n}", correct=t) for n, t in enumerate(truths, start=1)])


def test_a_true_false_key_is_written_with_d_stroke_as_learners_write_it():
    question = true_false(True, False, True, False)
    key = key_of(question, shuffled_order(question, random.Random(1)))
    assert key == "ĐSĐS"  # "DSDS" would mark every learner's answer wrong
    item = ItemInfo("q", "true_false_4", 1.0, key)
    assert is_correct("ĐSĐS", item) and is_correct("đsđs", item)
    assert not is_correct("ĐSĐĐ", item)


def test_true_false_statements_are_never_shuffled_so_the_key_matches_the_paper():
    question = true_false(False, False, True, True)
    assert shuffled_order(question, random.Random(5)) == [0, 1, 2, 3]
    assert key_of(question, [0, 1, 2, 3]) == "SSĐĐ"


def test_single_and_multiple_choice_keys_name_the_printed_letters():
    single = Question(options=[Option("1925"), Option("1930", correct=True), Option("1945"), Option("1954")])
    assert key_of(single, [3, 1, 0, 2]) == "B"
    assert key_of(single, [1, 0, 2, 3]) == "A"
    order = order_with_correct_at(single, 3, random.Random(2))
    assert order[3] == 1 and sorted(order) == [0, 1, 2, 3] and key_of(single, order) == "D"
    several = Question(type="multiple_choice", options=[Option("a", True), Option("b"), Option("c", True)])
    assert key_of(several, [2, 1, 0]) == "AC"
    assert key_of(several, [1, 0, 2]) == "BC"


@pytest.mark.parametrize(("answer", "right"), [
    ("Hồ Chí Minh", True),
    ("  hồ chí minh ", True),
    ("HỒ CHÍ MINH", True),
    ("Ho Chi Minh", True),  # typed without accents on a phone
    ("Hồ Chí", False),
    ("", False),
])
def test_short_answers_are_compared_without_accents_case_or_outer_spaces(answer, right):
    item = ItemInfo("q", "short_answer", 1.0, "Hồ Chí Minh")
    assert is_correct(answer, item) is right


def test_letters_are_compared_without_case():
    item = ItemInfo("q", "single_choice", 1.0, "B")
    assert is_correct("b", item) and not is_correct("C", item) and not is_correct("", item)


@pytest.mark.parametrize(("score", "words"), [
    (0, "Không"),
    (5, "Năm"),
    (10, "Mười"),
    (11, "Mười một"),
    (15, "Mười lăm"),
    (20, "Hai mươi"),
    (21, "Hai mươi mốt"),
    (25, "Hai mươi lăm"),
    (8.5, "Tám phẩy năm"),
    (6.1, "Sáu phẩy một"),
    (7.05, "Bảy phẩy không năm"),
    (8.25, "Tám phẩy hai mươi lăm"),
    (9.11, "Chín phẩy mười một"),
    (4.21, "Bốn phẩy hai mươi mốt"),
    (9.75, "Chín phẩy bảy mươi lăm"),
])
def test_a_score_in_words_reads_as_a_teacher_writes_it(score, words):
    assert score_in_words(score) == words


@pytest.mark.parametrize(("value", "text"), [(4, "4,0"), (8.5, "8,5"), (0.25, "0,25"), (7.126, "7,13")])
def test_scores_are_written_with_a_decimal_comma(value, text):
    assert decimal_comma(value) == text


# Item analysis ------------------------------------------------------------

OPTIONS = ["1925", "1930", "1945", "1954"]


def manifest_with_two_versions() -> ExamManifest:
    """One question, printed in bank order in 001 and as (1954, 1925, 1930, 1945) in 002; an essay ranks learners."""
    first = ItemInfo("q1", "single_choice", 1.0, "B", OPTIONS, [0, 1, 2, 3])
    second = ItemInfo("q1", "single_choice", 1.0, "C", [OPTIONS[i] for i in (3, 0, 1, 2)], [3, 0, 1, 2])
    essays = [("tl", 20.0)]
    return ExamManifest("Kiểm tra", 1, "e", {"001": VersionInfo("001", [first], essays),
                                             "002": VersionInfo("002", [second], essays)},
                        ["q1"], {"q1": OPTIONS}, {"q1": "Đảng ra đời năm nào?"}, essay_points=20.0)


def test_item_analysis_counts_each_learner_under_the_original_option_not_the_printed_letter():
    manifest = manifest_with_two_versions()
    responses = [
        Response("An", "1", "001", ["B"]),  # 1930, right
        Response("Bình", "2", "002", ["C"]),  # 1930, right
        Response("Chi", "3", "002", ["A"]),  # 1954
        Response("Dũng", "4", "002", ["B"]),  # 1925
        Response("Giang", "5", "001", [""]),
    ]
    (item,) = analyse_items(score_all(responses, manifest), manifest)
    assert item.option_counts == [1, 2, 0, 1]  # 1925, 1930, 1945, 1954
    assert item.blank == 1
    assert item.correct_letters == "B"  # the key in the đề gốc (bank order)
    assert item.difficulty == pytest.approx(2 / 5)


def test_discrimination_compares_the_top_and_bottom_27_percent_by_total():
    """Ten learners ranked by their essay: groups of round(2.7) = 3 learners each."""
    manifest = manifest_with_two_versions()
    right_ranks = {1, 2, 4, 8}  # rank 1 = best total
    responses = []
    for rank in range(1, 11):
        response = Response(f"Học viên {rank}", str(rank), "001", ["B" if rank in right_ranks else "A"])
        response.essay_scores = {1: 2.0 * (10 - rank)}  # the question's one point never changes the ranking
        responses.append(response)
    (item,) = analyse_items(score_all(responses, manifest), manifest)
    # Top three (ranks 1–3): 2 right; bottom three (ranks 8–10): 1 right.
    assert item.discrimination == pytest.approx(2 / 3 - 1 / 3)
    assert item.difficulty == pytest.approx(4 / 10)


# Answers read back from Excel ---------------------------------------------

def test_a_version_code_that_excel_turned_into_a_number_finds_its_version(tmp_path):
    """Mã đề "001" typed in a General cell is stored by Excel as the number 1."""
    from openpyxl import Workbook

    from lecturer_app.importers.exam_answers import read_responses

    item = ItemInfo("q1", "single_choice", 1.0, "B", OPTIONS, [0, 1, 2, 3])
    other = ItemInfo("q1", "single_choice", 1.0, "C", [OPTIONS[i] for i in (3, 0, 1, 2)], [3, 0, 1, 2])
    manifest = ExamManifest("Kiểm tra", 1, "e", {"001": VersionInfo("001", [item], []),
                                                 "010": VersionInfo("010", [other], [])},
                            ["q1"], {"q1": OPTIONS}, {"q1": "?"})
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "SBD", "Mã đề", "1"])
    sheet.append(["Nguyễn Văn An", "01", 1, "B"])
    sheet.append(["Lê Thị Bình", "02", 10, "C"])
    sheet.append(["Trần Chí", "03", "001", "B"])
    path = tmp_path / "bai_lam.xlsx"
    workbook.save(path)
    responses = read_responses(path, manifest)
    assert [r.code for r in responses] == ["001", "010", "001"]
    assert [s.total for s in score_all(responses, manifest)] == [10.0, 10.0, 10.0]


# Pinned where mutation testing found the suite silent (docs/testing.md) -----

def test_thresholds_are_read_with_decimal_commas_and_bad_ones_are_named():
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.exam.grading import parse_thresholds

    assert parse_thresholds("Giỏi=8; Khá=6,5;Trung bình = 5 ;") == (("Giỏi", 8.0), ("Khá", 6.5), ("Trung bình", 5.0))
    for bad in ("Giỏi 8", "=8", "Giỏi=tám"):
        with pytest.raises(UserFacingError, match=f"'{bad}'"):
            parse_thresholds(f"Khá=6,5; {bad}")


@pytest.mark.parametrize(("score", "grade"), [(10, "Giỏi"), (8.0, "Giỏi"), (7.99, "Khá"), (6.5, "Khá"),
                                              (5.0, "Trung bình"), (4.99, "Không đạt")])
def test_a_grade_starts_exactly_at_its_threshold_whatever_order_they_are_given_in(score, grade):
    from lecturer_app.exam.grading import GradingOptions, grade_of

    options = GradingOptions(thresholds=(("Trung bình", 5.0), ("Giỏi", 8.0), ("Khá", 6.5)))
    assert grade_of(score, options) == grade


def test_a_total_ending_in_five_thousandths_is_rounded_up():
    """1 point of 16 is 0.625 on the 10-point scale: 0,63, as a teacher rounds (not banker's 0,62)."""
    item = ItemInfo("q1", "single_choice", 1.0, "B", OPTIONS, [0, 1, 2, 3])
    manifest = ExamManifest("Kiểm tra", 1, "e", {"001": VersionInfo("001", [item], [("tl", 15.0)])},
                            ["q1"], {"q1": OPTIONS}, {"q1": "?"}, essay_points=15.0)
    (score,) = score_all([Response("An", "1", "001", ["B"])], manifest)
    assert score.total == 0.63 and score.objective == 1.0


def test_item_analysis_numbers_questions_from_one_and_keys_each_by_its_own_order():
    first = ItemInfo("q1", "single_choice", 1.0, "B", OPTIONS, [0, 1, 2, 3])
    second = ItemInfo("q2", "single_choice", 1.0, "A", ["x", "y", "z", "t"], [2, 0, 1, 3])
    manifest = ExamManifest("Kiểm tra", 1, "e", {"001": VersionInfo("001", [first, second], [])},
                            ["gone", "q1", "q2"], {"q1": OPTIONS, "q2": ["y", "z", "x", "t"]},
                            {"q1": "Câu một?", "q2": "Câu hai?"})
    stats = analyse_items(score_all([Response("An", "1", "001", ["B", "A"]),
                                     Response("Bình", "2", "001", ["C"])], manifest), manifest)
    assert [(s.number, s.question_id, s.stem) for s in stats] == [(2, "q1", "Câu một?"), (3, "q2", "Câu hai?")]
    assert stats[1].correct_letters == "C"  # printed A is original option 2
    assert stats[1].option_counts == [0, 0, 1, 0] and stats[1].blank == 1
    assert stats[1].difficulty == pytest.approx(1 / 2)


def test_a_learner_score_as_json_names_the_learner_and_the_result():
    item = ItemInfo("q1", "single_choice", 1.0, "B", OPTIONS, [0, 1, 2, 3])
    manifest = ExamManifest("Kiểm tra", 1, "e", {"001": VersionInfo("001", [item], [])}, ["q1"], {"q1": OPTIONS},
                            {"q1": "?"})
    (score,) = score_all([Response("Nguyễn Văn An", "07", "001", ["B"])], manifest)
    data = score.to_json()
    assert {k: data[k] for k in ("name", "sbd", "code", "score", "grade")} == {
        "name": "Nguyễn Văn An", "sbd": "07", "code": "001", "score": 10.0, "grade": "Giỏi"}


def test_scores_round_half_up_as_a_teacher_writes_them():
    from lecturer_app.exam.vn_numbers import decimal_comma

    assert decimal_comma(7.125) == "7,13" and decimal_comma(8.375) == "8,38" and decimal_comma(0.005) == "0,01"
    assert decimal_comma(6.0) == "6,0" and decimal_comma(-0.0) == "0,0" and decimal_comma(0.1 + 0.2) == "0,3"
