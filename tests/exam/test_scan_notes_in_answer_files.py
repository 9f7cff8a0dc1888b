"""Which of the scanner's doubts, carried in an answers file's «Ghi chú», still stand when it is graded.

The files are written as `exam scan` lays them out (its header ends «Vấn đáp | Ghi chú | Trang», one open
doubt a line); the exam has one version "101" of three single-choice questions, key A, B, C.  The scan to
grade round trip itself is tests/omr/test_scan_doubts_reach_grading.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.exam.scan_notes import is_scan_doubt
from lecturer_app.i18n import DOCUMENT
from lecturer_app.importers.exam_answers import read_answer_file, settle_answer_flag
from tests.exam.three_question_exam import SCANNED, answers_workbook, three_question_manifest


@pytest.fixture
def manifest() -> ExamManifest:
    return three_question_manifest()


def _doubts(path: Path, manifest: ExamManifest) -> list[list[str]]:
    return [[flag(DOCUMENT) for flag in r.flags if is_scan_doubt(flag)]
            for r in read_answer_file(path, manifest).responses]


def test_each_line_is_one_doubt_and_a_question_s_stands_while_its_cell_is_a_question_mark(tmp_path, manifest):
    note = "mã QR của phiếu không đọc được\nCâu 2: ô D tô mờ hoặc chưa kín; tô 2 ô (B, D) ở câu chỉ có một đáp án\n" \
           "Câu 3: ô A bị gạch chéo hoặc tô rồi xóa"
    path = answers_workbook(tmp_path, SCANNED, ["An", "01", "101", "A", "?", "C", None, note, "1.png"])

    assert _doubts(path, manifest) == [[
        "máy đọc phiếu nghi ngờ, chưa xem lại: mã QR của phiếu không đọc được",
        "Câu 2: máy đọc phiếu nghi ngờ, chưa xem lại: ô D tô mờ hoặc chưa kín; tô 2 ô (B, D) ở câu chỉ có một "
        "đáp án"]], "question 3's cell was typed over: settled; the sheet's doubt stands until its line is deleted"


def test_a_blank_typed_over_the_question_mark_settles_it_too(tmp_path, manifest):
    path = answers_workbook(tmp_path, SCANNED, ["An", "01", "101", "A", None, "C", None, "Câu 2: ô D tô mờ", "1.png"])

    assert _doubts(path, manifest) == [[]]


def test_a_doubt_about_a_question_the_file_has_no_column_for_stands(tmp_path, manifest):
    path = answers_workbook(tmp_path, SCANNED, ["An", "01", "101", "A", "B", "C", None, "Câu 9: ô A tô mờ", "1.png"])

    assert _doubts(path, manifest) == [["Câu 9: máy đọc phiếu nghi ngờ, chưa xem lại: ô A tô mờ"]]


def test_without_the_trang_column_a_ghi_chu_is_the_lecturer_s_own_remark(tmp_path, manifest):
    header = ["Họ và tên", "SBD", "Mã đề", 1, 2, 3, "Ghi chú"]
    path = answers_workbook(tmp_path, header, ["An", "01", "101", "A", "B", "C", "SBD: cột 6: số 3 tô mờ"])

    assert _doubts(path, manifest) == [[]]
    assert read_answer_file(path, manifest).responses[0].flags == []


def test_an_answer_corrected_on_appeal_drops_its_question_s_doubt_and_only_it(tmp_path, manifest):
    note = "SBD: cột 2: số 1 tô mờ\nCâu 2: ô D tô mờ"
    path = answers_workbook(tmp_path, SCANNED, ["An", "01", "101", "A", "?", "C", None, note, "1.png"])
    response = read_answer_file(path, manifest).responses[0]

    settle_answer_flag(response, "Câu 2")

    assert [flag(DOCUMENT) for flag in response.flags] == [
        "máy đọc phiếu nghi ngờ, chưa xem lại: SBD: cột 2: số 1 tô mờ"]


def test_a_file_scanned_before_one_doubt_a_line_keeps_a_later_page_s_doubt_apart(tmp_path, manifest):
    """Files written before session 15 joined a sheet's doubts with "; "."""
    note = "Câu 2: ô D tô mờ; Trang 2/2: SBD: cột 3: số 1 tô mờ; mã đề tô khác nhau giữa các trang (1: 101, 2: 102)"
    path = answers_workbook(tmp_path, SCANNED, ["An", "01", "101", "A", "B", "C", None, note, "1.png + 2.png"])

    assert _doubts(path, manifest) == [["máy đọc phiếu nghi ngờ, chưa xem lại: Trang 2/2: SBD: cột 3: số 1 tô mờ",
                                        "máy đọc phiếu nghi ngờ, chưa xem lại: mã đề tô khác nhau giữa các trang (1: "
                                        "101, 2: 102)"]]
