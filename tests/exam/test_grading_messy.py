"""A messy class list is graded, and every problem is shown (issue #12, items 11–14).

The exam here is written out by hand (one mã đề, 10 points) so every number
below can be checked on paper:

* câu 1: single choice, two options (Đúng / Sai), key A, 4 points;
* câu 2: single choice, four options, key C, 2 points;
* câu 3: multiple answers, four options, key AC, 2 points;
* TL1: essay, 2 points.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lecturer_app.exam.grading import GradingOptions, score_all, total_formula
from lecturer_app.exam.item_analysis import analyse_items
from lecturer_app.exam.manifest import ExamManifest, ItemInfo, VersionInfo
from lecturer_app.exporters.exam.score_sheet import write_score_sheet
from lecturer_app.i18n import SCREEN
from lecturer_app.importers.exam_answers import read_answer_file

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
IDS = ("0190f0aa-0000-7000-8000-00000000000" + str(n) for n in range(1, 5))
Q1, Q2, Q3, E1 = IDS
HEADER = "Họ và tên,SBD,Mã đề,1,2,3,TL1"


@pytest.fixture
def manifest() -> ExamManifest:
    four = ["1930", "1945", "1954", "1975"]
    items = [ItemInfo(Q1, "single_choice", 4.0, "A", ["Đúng", "Sai"], [0, 1]),
             ItemInfo(Q2, "single_choice", 2.0, "C", four, [0, 1, 2, 3]),
             ItemInfo(Q3, "multiple_choice", 2.0, "AC", four, [0, 1, 2, 3])]
    return ExamManifest("Kiểm tra", 1, "exam-1", {"101": VersionInfo("101", items, [(E1, 2.0)])},
                        [Q1, Q2, Q3, E1], {Q1: ["Đúng", "Sai"], Q2: four, Q3: four},
                        {Q1: "Đảng ra đời năm 1930?", Q2: "Năm nào?", Q3: "Những năm nào?", E1: "Phân tích."},
                        essay_points=2.0, bank_codes={Q1: "LS-01 · CĐ03-NB-001", Q2: "LS-01", Q3: "LS-02"})


def _csv(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "bai_lam.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _by_sbd(scores) -> dict:
    return {s.response.sbd: s for s in scores}


# Item 11 ---------------------------------------------------------------------------------------------------------


def test_bad_rows_are_listed_with_their_line_and_the_good_rows_are_graded(manifest, tmp_path):
    path = _csv(tmp_path,
                "Nguyễn Văn An,01,101,A,C,AC,2",
                "Lê Thị Bình,02,999,A,C,AC,2",
                "Trần Văn Cường,03,,A,C,AC,2",
                "Phạm Thị Dung,04,101,A,C,AC,hai",
                "Hoàng Văn Em,05,101,B,C,AC,1,5")
    answers = read_answer_file(path, manifest)
    assert [(r.where(SCREEN), r.sbd) for r in answers.rejected] == [("dòng 3", "02"), ("dòng 4", "03"), ("dòng 5", "04")]
    reasons = [r.reason(SCREEN) for r in answers.rejected]
    assert "999" in reasons[0] and "thiếu mã đề" in reasons[1] and "'hai' không phải là số" in reasons[2]
    scores = _by_sbd(score_all(answers.responses, manifest))
    assert scores["01"].total == 10.0
    assert sorted(scores) == ["01", "05"]


# Item 12 ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["E", "X", "?", "C", "D"])
def test_a_letter_that_is_no_option_is_flagged_and_never_a_blank(manifest, tmp_path, written):
    answers = read_answer_file(_csv(tmp_path, f"Nguyễn Văn An,01,101,{written},C,AC,2"), manifest)
    score = answers.responses[0]
    flags = [flag(SCREEN) for flag in score.flags]
    assert any(f"Câu 1: '{written}' không phải phương án" in f and "(A–B)" in f for f in flags)
    learner = score_all(answers.responses, manifest)[0]
    assert learner.correct[0] is False and learner.total == 6.0
    item = analyse_items([learner], manifest)[0]
    assert (item.blank, item.invalid) == (0, 1)


def test_several_letters_on_a_single_choice_question_are_flagged(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path, 'Nguyễn Văn An,01,101,A,"B,C",AC,2'), manifest)
    assert any("Câu 2: nhiều đáp án" in f(SCREEN) for f in answers.responses[0].flags)
    assert score_all(answers.responses, manifest)[0].correct[1] is False


def test_multiple_answers_written_together_are_still_read(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path, "Nguyễn Văn An,01,101,a,c,ca,2", "Lê Thị Bình,02,101,A,C,AE,2"),
                               manifest)
    first, second = answers.responses
    assert first.answers == ["A", "C", "AC"] and not first.flags
    assert any("Câu 3: 'AE'" in f(SCREEN) for f in second.flags)


def test_duplicate_sbd_empty_names_and_short_rows_are_flagged(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path,
                                    "Nguyễn Văn An,01,101,A,C,AC,2",
                                    ",02,101,A,C,AC,2",
                                    "Trần Văn Cường,01,101,A,C,AC,2",
                                    "Phạm Thị Dung,04,101,A"), manifest)
    flags = {r.where(SCREEN): [f(SCREEN) for f in r.flags] for r in answers.responses}
    assert flags["dòng 2"] == ["SBD 01 trùng với dòng 4"]
    assert flags["dòng 4"] == ["SBD 01 trùng với dòng 2"]
    assert flags["dòng 3"] == ["thiếu họ và tên"]
    assert any("dòng thiếu ô: có 4 ô" in f for f in flags["dòng 5"])


def test_scores_above_the_maximum_are_flagged_and_not_capped(manifest, tmp_path):
    path = _csv(tmp_path, "Nguyễn Văn An,01,101,A,C,AC,5,12", header=HEADER + ",Vấn đáp")
    answers = read_answer_file(path, manifest)
    score = score_all(answers.responses, manifest, GradingOptions(oral_weight=0.5))[0]
    assert any("TL1: điểm 5,0 ngoài khoảng 0–2,0" in n(SCREEN) for n in score.notes)
    assert any("Vấn đáp: điểm 12,0 ngoài khoảng 0–10,0" in n(SCREEN) for n in score.notes)
    assert score.missing == ["TL1", "Vấn đáp"]
    assert score.total == 4.0  # 0,5 × 8 + 0,5 × 0: neither 5 nor 12 is counted, nor capped to 2 and 10


def test_a_paper_with_more_questions_than_the_file_has_columns_is_warned(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path, "Nguyễn Văn An,01,101,A,C", header="Họ và tên,SBD,Mã đề,1,2"),
                               manifest)
    assert answers.warnings == ["Tệp có 2 cột câu hỏi nhưng mã đề 101 có 3 câu trắc nghiệm."]


# Item 13 ---------------------------------------------------------------------------------------------------------


def test_one_rule_for_every_learner_and_the_missing_oral_score_is_listed(manifest, tmp_path):
    path = _csv(tmp_path, "Nguyễn Văn An,01,101,A,C,AC,2,6", "Lê Thị Bình,02,101,A,C,AC,2,",
                header=HEADER + ",Vấn đáp")
    answers = read_answer_file(path, manifest)
    assert answers.has_oral
    scores = _by_sbd(score_all(answers.responses, manifest, GradingOptions(oral_weight=0.5)))
    assert scores["01"].total == 8.0 and scores["01"].missing == []
    # Today's rule gave 10,0 (the written score alone) to the learner whose oral score is missing.
    assert scores["02"].total == 5.0 and scores["02"].missing == ["Vấn đáp"]


def test_the_empty_oral_column_of_the_answer_template_is_no_oral_part(manifest, tmp_path):
    from lecturer_app.exam.grading import oral_weight

    answers = read_answer_file(_csv(tmp_path, "Nguyễn Văn An,01,101,A,C,AC,2,", header=HEADER + ",Vấn đáp"),
                               manifest)
    assert not answers.has_oral
    score = score_all(answers.responses, manifest, GradingOptions(oral_weight=oral_weight(None, False)))[0]
    assert (score.total, score.missing) == (10.0, [])
    assert oral_weight(None, True) == 0.5 and oral_weight(0.2, True) == 0.2


def test_an_oral_score_with_no_oral_part_is_noted_not_dropped_silently(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path, "Nguyễn Văn An,01,101,A,C,AC,2,7", header=HEADER + ",Vấn đáp"),
                               manifest)
    score = score_all(answers.responses, manifest, GradingOptions(oral_weight=0.0))[0]
    assert score.total == 10.0
    assert [n(SCREEN) for n in score.notes] == ["điểm vấn đáp 7,0 không được tính: tỉ trọng vấn đáp là 0"]


def test_true_false_answers_typed_without_vietnamese_keys_are_read():
    from lecturer_app.importers.exam_answers import check_answer

    item = ItemInfo("q", "true_false_4", 1.0, "ĐSĐS", ["a", "b", "c", "d"], [0, 1, 2, 3])
    assert check_answer("dsds", item) == ("ĐSĐS", "")
    assert check_answer("ĐSX", item)[1] == "'ĐSX' không hợp lệ: cần 4 chữ Đ/S"


def test_a_missing_essay_score_is_listed(manifest, tmp_path):
    answers = read_answer_file(_csv(tmp_path, "Nguyễn Văn An,01,101,A,C,AC,"), manifest)
    score = score_all(answers.responses, manifest)[0]
    assert (score.total, score.missing) == (8.0, ["TL1"])


def test_the_formula_is_stated(manifest):
    assert total_formula(manifest, GradingOptions()) == (
        "Điểm viết = (trắc nghiệm + tự luận) × 10 / 10,0; Tổng điểm = điểm viết.")
    assert total_formula(manifest, GradingOptions(oral_weight=0.3)).endswith(
        "Tổng điểm = 0,7 × điểm viết + 0,3 × điểm vấn đáp (thang 10).")


# Items 13 and 14: the score sheet --------------------------------------------------------------------------------


@pytest.fixture
def sheet(manifest, tmp_path):
    from openpyxl import load_workbook

    path = _csv(tmp_path, "Nguyễn Văn An,01,101,A,C,AC,2,6", "Lê Thị Bình,02,101,E,C,AC,,",
                "Trần Văn Cường,03,777,A,C,AC,2,6", header=HEADER + ",Vấn đáp")
    answers = read_answer_file(path, manifest)
    options = GradingOptions(oral_weight=0.5)
    out = write_score_sheet(score_all(answers.responses, manifest, options), manifest, tmp_path / "diem.xlsx",
                            options=options, rejected=answers.rejected)
    return load_workbook(out)


def test_the_score_sheet_states_the_rule_and_lists_missing_components(sheet):
    rows = list(sheet["Bảng điểm"].iter_rows(values_only=True))
    header = rows[0]
    binh = next(r for r in rows if r[1] == "Lê Thị Bình")
    assert binh[header.index("Thiếu điểm")] == "TL1, Vấn đáp"
    assert binh[header.index("TL1")] is None
    assert "Câu 1: 'E' không phải phương án" in binh[header.index("Ghi chú")]
    texts = [r[1] for r in rows if r[0] is None and r[1]]
    assert any(t.startswith("Cách tính: Điểm viết = (trắc nghiệm + tự luận) × 10 / 10,0; Tổng điểm = 0,5 × "
                            "điểm viết + 0,5 × điểm vấn đáp") for t in texts)


def test_the_rows_not_graded_have_their_own_sheet(sheet):
    rows = list(sheet["Dòng không chấm được"].iter_rows(values_only=True))
    assert rows[1][:4] == ("dòng 4", "Trần Văn Cường", "03", "777")


def test_the_score_sheet_never_shows_an_internal_id(sheet):
    cells = [str(v) for ws in sheet.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]
    assert not [c for c in cells if UUID.search(c)]
    items = list(sheet["Phân tích câu hỏi"].iter_rows(values_only=True))
    header = items[0]
    assert "Mã câu hỏi" not in header
    first = items[1]
    assert first[header.index("Số câu trong các mã đề")] == "101: câu 1"
    assert first[header.index("Mã ngân hàng")] == "LS-01 · CĐ03-NB-001"
    assert first[header.index("Không hợp lệ")] == 1
