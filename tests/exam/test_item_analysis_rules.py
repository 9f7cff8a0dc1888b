"""Item analysis in its corners: which answers count where, groups of few learners, and how a question is named.

Written where mutation testing found the suite silent (docs/testing.md).
Version 101 prints the bank order; 102 prints the options reversed.
"""

from __future__ import annotations

import pytest

from lecturer_app.exam.grading import Response, score_all
from lecturer_app.exam.item_analysis import ItemStats, analyse_items
from lecturer_app.exam.manifest import ExamManifest, ItemInfo, VersionInfo

YEARS = ["1930", "1945", "1954", "1975"]
REVERSED = [3, 2, 1, 0]


def manifest() -> ExamManifest:
    """q1 single (key 1945), q2 multiple (key 1930 + 1954), q3 Đúng/Sai, q4 short answer, q5 two options."""
    def items(order: list[int]) -> list[ItemInfo]:
        printed = [YEARS[i] for i in order]
        letter = {i: "ABCD"[order.index(i)] for i in range(4)}
        return [ItemInfo("q1", "single_choice", 1.0, letter[1], printed, order),
                ItemInfo("q2", "multiple_choice", 1.0, "".join(sorted(letter[0] + letter[2])), printed, order),
                ItemInfo("q3", "true_false_4", 1.0, "ĐSĐS"),
                ItemInfo("q4", "short_answer", 1.0, "Hà Nội"),
                ItemInfo("q5", "single_choice", 1.0, "A", ["Đúng", "Sai"], [0, 1])]
    versions = {"101": VersionInfo("101", items([0, 1, 2, 3]), [("e1", 5.0)]),
                "102": VersionInfo("102", list(reversed(items(REVERSED))), [("e1", 5.0)])}
    master = ["q1", "q2", "q3", "q4", "q5", "e1"]
    return ExamManifest("Kiểm tra", 1, "e", versions, master,
                        {"q1": YEARS, "q2": YEARS, "q5": ["Đúng", "Sai"]},
                        {q: f"Câu hỏi {q}?" for q in master}, essay_points=5.0,
                        bank_codes={"q1": "LS-01 · CĐ03-NB-001", "q5": "LS-05"})


def analyse(*responses: Response) -> dict[str, ItemStats]:
    exam = manifest()
    return {s.question_id: s for s in analyse_items(score_all(list(responses), exam), exam)}


def test_each_question_is_named_by_its_number_in_every_paper_and_its_bank_code():
    stats = analyse(Response("An", "01", "101", ["B", "AC", "ĐSĐS", "Hà Nội", "A"]))
    assert stats["q1"].numbers_text() == "101: câu 1; 102: câu 5"
    assert stats["q5"].numbers_text() == "101: câu 5; 102: câu 1"
    assert (stats["q1"].bank_code, stats["q2"].bank_code, stats["q5"].bank_code) == ("LS-01 · CĐ03-NB-001", "", "LS-05")
    assert [s.number for s in stats.values()] == [1, 2, 3, 4, 5]
    assert "e1" not in stats  # an essay has no option to analyse


def test_the_key_is_given_in_the_bank_order_whatever_version_comes_first():
    stats = analyse(Response("An", "01", "102", ["A", "ĐSĐS", "Hà Nội", "BD", "C"]))
    assert (stats["q1"].correct_letters, stats["q2"].correct_letters) == ("B", "AC")
    assert stats["q3"].correct_letters == "" and stats["q4"].correct_letters == ""


def test_multiple_answers_count_under_each_original_option_in_either_version():
    stats = analyse(Response("An", "01", "101", ["", "AC"]), Response("Bình", "02", "102", ["", "", "", "BD", ""]))
    assert stats["q2"].option_counts == [2, 0, 2, 0]
    assert stats["q2"].difficulty == 1.0 and stats["q2"].blank == 0


def test_true_false_and_short_answers_count_as_answered_not_blank():
    stats = analyse(Response("An", "01", "101", ["", "", "ĐSĐS", "hà nội"]),
                    Response("Bình", "02", "101", ["", "", "ĐĐĐĐ", "Huế"]),
                    Response("Chi", "03", "101", ["", "", "", ""]))
    assert (stats["q3"].blank, stats["q3"].invalid, stats["q3"].option_counts) == (1, 0, [])
    assert stats["q3"].difficulty == pytest.approx(1 / 3)
    assert (stats["q4"].blank, stats["q4"].invalid, stats["q4"].difficulty) == (1, 0, pytest.approx(1 / 3))


def test_a_true_false_answer_with_other_letters_is_invalid():
    stats = analyse(Response("An", "01", "101", ["", "", "ĐX"]))
    assert (stats["q3"].blank, stats["q3"].invalid) == (0, 1)


@pytest.mark.parametrize("written", ["C", "E", "AE", "?"])
def test_a_letter_past_the_printed_options_is_invalid_and_counted_nowhere(written):
    stats = analyse(Response("An", "01", "101", ["", "", "", "", written]))
    assert (stats["q5"].option_counts, stats["q5"].blank, stats["q5"].invalid) == ([0, 0], 0, 1)


def test_a_row_shorter_than_the_paper_leaves_the_rest_blank_and_wrong():
    stats = analyse(Response("An", "01", "101", ["B"]), Response("Bình", "02", "101", ["A"]))
    assert stats["q1"].option_counts == [1, 1, 0, 0] and stats["q1"].difficulty == 0.5
    assert (stats["q5"].blank, stats["q5"].difficulty) == (2, 0.0)


def test_one_learner_is_both_groups_so_discrimination_is_zero():
    stats = analyse(Response("An", "01", "101", ["B"]))
    assert stats["q1"].discrimination == 0.0 and stats["q1"].difficulty == 1.0


def test_two_learners_make_groups_of_one_each():
    best = Response("An", "01", "101", ["B"], essay_scores={1: 5.0})
    worst = Response("Bình", "02", "102", ["", "", "", "", "A"], essay_scores={1: 0.0})  # q1 is câu 5 there; A: 1975
    stats = analyse(worst, best)
    assert stats["q1"].discrimination == 1.0
    assert stats["q1"].option_counts == [0, 1, 0, 1]


def test_no_learner_no_statistics():
    exam = manifest()
    assert analyse_items([], exam) == []


def test_every_invalid_answer_is_counted():
    stats = analyse(*(Response(name, str(n), "101", ["", "", "", "", "E"]) for n, name in enumerate(["An", "Bình", "Chi"])))
    assert stats["q5"].invalid == 3


def test_a_question_whose_text_the_manifest_lacks_is_still_analysed_without_a_stem():
    exam = manifest()
    exam.stems.pop("q1")
    stats = analyse_items(score_all([Response("An", "01", "101", ["B"])], exam), exam)
    assert (stats[0].question_id, stats[0].stem) == ("q1", "")
