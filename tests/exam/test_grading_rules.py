"""The one grading rule in its corners: weights, ranges, thresholds and the words shown to the lecturer.

Written where mutation testing found the suite silent (docs/testing.md);
each test states what the grading screen or the score sheet must say or count.
"""

from __future__ import annotations

import pytest

from lecturer_app.core.errors import UserFacingError
from lecturer_app.exam.grading import (
    GradingOptions,
    Response,
    missing_rule,
    oral_weight,
    parse_thresholds,
    score_all,
    total_formula,
)
from lecturer_app.exam.manifest import ExamManifest, ItemInfo, VersionInfo
from lecturer_app.i18n import SCREEN, plain

YEARS = ["1930", "1945", "1954", "1975"]


def exam(items: int = 1, essays: tuple[float, ...] = ()) -> ExamManifest:
    objective = [ItemInfo(f"q{n}", "single_choice", 1.0, "B", YEARS, [0, 1, 2, 3]) for n in range(items)]
    written = [(f"e{n}", points) for n, points in enumerate(essays)]
    ids = [i.id for i in objective] + [e for e, _p in written]
    return ExamManifest("Kiểm tra", 1, "e", {"101": VersionInfo("101", objective, written)}, ids,
                        {i.id: YEARS for i in objective}, {i: "?" for i in ids}, essay_points=sum(essays))


# The oral weight --------------------------------------------------------------------------------------------------


def test_the_oral_weight_is_as_given_else_half_with_oral_scores_else_none():
    assert oral_weight(0.3, False) == 0.3 and oral_weight(0.0, True) == 0.0
    assert oral_weight(None, True) == 0.5
    assert oral_weight(None, False) == 0.0


def test_an_exam_may_be_all_oral():
    assert oral_weight(1.0, True) == 1.0
    (score,) = score_all([Response("An", "01", "101", ["A"], oral_score=7.0)], exam(), GradingOptions(oral_weight=1))
    assert score.total == 7.0  # the written part (0 here) weighs nothing


@pytest.mark.parametrize(("weight", "shown"), [(1.5, "1,5"), (-0.25, "-0,25")])
def test_an_oral_weight_outside_0_to_1_is_refused_with_its_value(weight, shown):
    with pytest.raises(UserFacingError) as raised:
        oral_weight(weight, True)
    assert str(raised.value) == f"Tỉ trọng vấn đáp phải từ 0 đến 1 (đã cho {shown})."


# Essay and oral scores: counted in range, never capped --------------------------------------------------------------


def test_a_score_equal_to_the_maximum_counts_and_one_just_above_does_not():
    manifest = exam(items=0, essays=(2.0,))
    full, above, negative = score_all([Response("An", "01", "101", [], {1: 2.0}),
                                       Response("Bình", "02", "101", [], {1: 2.5}),
                                       Response("Chi", "03", "101", [], {1: -1.0})], manifest)
    assert (full.total, full.missing, full.notes) == (10.0, [], [])
    assert (above.total, above.missing) == (0.0, ["TL1"])
    assert [n(SCREEN) for n in above.notes] == ["TL1: điểm 2,5 ngoài khoảng 0–2,0, chưa được tính"]
    assert (negative.total, negative.missing) == (0.0, ["TL1"])
    assert [n(SCREEN) for n in negative.notes] == ["TL1: điểm -1,0 ngoài khoảng 0–2,0, chưa được tính"]


def test_an_oral_score_of_ten_counts_and_ten_and_a_half_does_not():
    options = GradingOptions(oral_weight=0.5)
    ten, more = score_all([Response("An", "01", "101", ["B"], oral_score=10.0),
                           Response("Bình", "02", "101", ["B"], oral_score=10.5)], exam(), options)
    assert (ten.total, ten.missing) == (10.0, [])
    assert (more.total, more.missing) == (5.0, ["Vấn đáp"])
    assert [n(SCREEN) for n in more.notes] == ["Vấn đáp: điểm 10,5 ngoài khoảng 0–10,0, chưa được tính"]


def test_a_missing_component_counts_zero_and_is_named():
    (score,) = score_all([Response("An", "01", "101", ["B"])], exam(essays=(2.0, 3.0)), GradingOptions(oral_weight=0.5))
    assert score.missing == ["TL1", "TL2", "Vấn đáp"]
    assert score.total == 0.83  # 0,5 × (1 × 10 / 6) + 0,5 × 0


# Thresholds --------------------------------------------------------------------------------------------------------


def test_a_threshold_with_two_equal_signs_is_refused_not_cut():
    with pytest.raises(UserFacingError) as raised:
        parse_thresholds("Giỏi=8=9")
    assert str(raised.value) == "Ngưỡng xếp loại không hợp lệ: 'Giỏi=8=9' (cần dạng 'Giỏi=8; Khá=6,5')"


# What the screen and the score sheet say ------------------------------------------------------------------------


def test_the_formula_of_an_objective_exam_names_only_the_objective_part():
    assert total_formula(exam(items=4), GradingOptions()) == (
        "Điểm viết = trắc nghiệm × 10 / 4,0; Tổng điểm = điểm viết.")


def test_the_formula_of_an_essay_exam_names_only_the_essays():
    assert total_formula(exam(items=0, essays=(6.0, 4.0)), GradingOptions()) == (
        "Điểm viết = tự luận × 10 / 10,0; Tổng điểm = điểm viết.")


def test_the_formula_of_an_exam_without_points_still_reads_out_of_ten():
    assert total_formula(exam(items=0), GradingOptions()) == "Điểm viết = trắc nghiệm × 10 / 10,0; Tổng điểm = điểm viết."


def test_the_missing_rule_is_stated_for_the_score_sheet():
    assert missing_rule() == ("Điểm thành phần chưa có (ô trống, hoặc ngoài khoảng cho phép) được tính 0 "
                              "và ghi ở cột «Thiếu điểm».")


def test_a_learner_score_as_json_lists_what_is_missing_and_the_notes():
    (score,) = score_all([Response("An", "07", "101", ["E"], flags=[plain("Câu 1: 'E' không phải phương án")])],
                         exam(essays=(1.0,)))
    assert score.to_json() == {"name": "An", "sbd": "07", "code": "101", "score": 0.0, "grade": "Không đạt",
                               "missing": ["TL1"], "notes": ["Câu 1: 'E' không phải phương án"]}


# Thresholds and the objective part ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("score", "grade"), [(9.5, "Xuất sắc"), (8.5, "Giỏi"), (7.0, "Đạt"), (4.0, "Chưa đạt")])
def test_the_highest_threshold_reached_wins_whatever_the_labels_are_called(score, grade):
    """Sorting by label would put "Giỏi" (8) before "Xuất sắc" (9) and give a 9,5 the lower grade."""
    from lecturer_app.exam.grading import grade_of

    options = GradingOptions(thresholds=(("Đạt", 5.0), ("Xuất sắc", 9.0), ("Giỏi", 8.0)), fail_label="Chưa đạt")
    assert grade_of(score, options) == grade


def test_an_oral_score_entered_in_the_grid_replaces_the_one_in_the_file():
    from lecturer_app.exam.grading import score_learner

    response = Response("An", "01", "101", ["B"], oral_score=4.0)
    score = score_learner(response, exam(), GradingOptions(oral_weight=0.5), oral=8.0)
    assert (score.oral, score.total) == (8.0, 9.0)
    assert score_learner(response, exam(), GradingOptions(oral_weight=0.5)).total == 7.0


def test_quarter_points_are_kept_in_the_objective_part():
    quarter = ItemInfo("q", "single_choice", 0.25, "B", YEARS, [0, 1, 2, 3])
    manifest = ExamManifest("Kiểm tra", 1, "e", {"101": VersionInfo("101", [quarter, quarter], [("e", 9.5)])},
                            ["q", "e"], {"q": YEARS}, {"q": "?", "e": "?"}, essay_points=9.5)
    (score,) = score_all([Response("An", "01", "101", ["B", "A"], {1: 9.5})], manifest)
    assert score.objective == 0.25 and score.total == 9.75


def test_a_score_of_zero_is_a_score_not_a_missing_one():
    (score,) = score_all([Response("An", "01", "101", ["B"], {1: 0.0}, oral_score=0.0)], exam(essays=(2.0,)),
                         GradingOptions(oral_weight=0.5))
    assert (score.missing, score.notes, score.essays, score.total) == ([], [], [0.0], 1.67)
