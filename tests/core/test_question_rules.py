"""A question is well-formed for its type before it can be saved or imported."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Option, Question, RubricItem
from lecturer_app.core.questions.levels import levels, match_level, set_levels
from lecturer_app.core.questions.rules import format_points, parse_points, problems
from lecturer_app.core.settings import Settings
from lecturer_app.formats.question_text import parse_rubric, rubric_to_text


def single(*marks: bool) -> Question:
    return Question(type="single_choice", stem="Câu hỏi?", options=[Option(f"p{i}", m) for i, m in enumerate(marks)])


def test_single_choice_needs_exactly_one_correct_option():
    assert problems(single(False, True, False)) == []
    assert problems(single(False, False)) == ["không xác định được đáp án đúng"]
    assert "2 phương án" in problems(single(True, True, False))[0]


def test_multiple_choice_accepts_several_but_not_none():
    question = Question(type="multiple_choice", stem="Chọn các ý đúng", options=[Option("a", True), Option("b", True)])
    assert problems(question) == []
    question.options[0].correct = question.options[1].correct = False
    assert problems(question)


def test_true_false_needs_four_statements_and_short_answer_an_answer():
    tf = Question(type="true_false_4", stem="Nhận định", options=[Option("a"), Option("b"), Option("c")])
    assert "4 ý" in problems(tf)[0]
    assert problems(Question(type="short_answer", stem="Thủ đô?")) != []
    assert problems(Question(type="short_answer", stem="Thủ đô?", answers=["Hà Nội"])) == []


def test_an_empty_stem_or_unknown_type_is_refused():
    assert problems(Question(type="essay", stem="  ")) == ["thiếu nội dung câu hỏi"]
    assert problems(Question(type="matching", stem="x"))


@pytest.mark.parametrize("text, value", [("0,25", 0.25), ("0.5", 0.5), ("2", 2.0), (" 1,0 ", 1.0), (",5", 0.5)])
def test_points_are_read_with_decimal_comma_or_point(text, value):
    assert parse_points(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "nan", "1e5"])
def test_points_that_are_not_numbers_are_not_guessed(text):
    assert parse_points(text) is None


def test_points_are_written_with_a_decimal_comma():
    assert [format_points(v) for v in (0.25, 1.0, 1.5, 10.0)] == ["0,25", "1", "1,5", "10"]


def test_rubric_lines_round_trip_and_free_lines_stay_guide():
    rubric = [RubricItem("Nêu được hoàn cảnh", 0.5), RubricItem("Phân tích ý nghĩa", 0.25)]
    text = rubric_to_text(rubric, "Chấp nhận cách diễn đạt khác.")
    assert parse_rubric(text) == (rubric, "Chấp nhận cách diễn đạt khác.")
    assert parse_rubric("- Ý một (0,5đ)\n+ Ý hai (1 điểm)")[0] == [RubricItem("Ý một", 0.5), RubricItem("Ý hai", 1.0)]


def test_levels_are_configurable_and_matched_loosely():
    settings = Settings()
    assert levels(settings)[0] == "Nhận biết"
    set_levels(settings, ["Biết", "Hiểu", "Vận dụng", " ", "hiểu"])
    assert levels(settings) == ("Biết", "Hiểu", "Vận dụng")
    assert match_level("NHAN BIET") == "Nhận biết"
    assert match_level("VDC") == "Vận dụng cao"
    assert match_level("Vận dụng cao", levels(settings)) is None
    assert match_level("hieu", levels(settings)) == "Hiểu"


def test_more_options_than_a_paper_can_letter_is_a_problem():
    from lecturer_app.core.model import Option, Question
    from lecturer_app.core.questions.rules import MAX_OPTIONS, problems
    from lecturer_app.exam.keying import LETTERS

    assert MAX_OPTIONS == len(LETTERS)
    question = Question(type="single_choice", stem="Chọn một", options=[Option(f"p{i}", i == 0) for i in range(9)])
    assert any("tối đa 8" in p for p in problems(question))


def test_a_saved_question_with_too_many_options_stops_the_build_with_its_stem():
    import pytest

    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.core.model import Option, Question
    from lecturer_app.exam.keying import key_of

    question = Question(type="single_choice", stem="Câu quá dài", options=[Option(f"p{i}", i == 8) for i in range(11)])
    with pytest.raises(UserFacingError, match="Câu quá dài"):
        key_of(question, list(range(11)))
