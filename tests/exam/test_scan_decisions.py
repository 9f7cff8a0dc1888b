"""Deciding answers from measured bubbles, and settling doubts before grading (exam/scan.py, issue #18)."""

from __future__ import annotations

import pytest

from lecturer_app.exam.manifest import ExamManifest, ItemInfo, VersionInfo
from lecturer_app.exam.scan import (
    BubbleMark,
    Doubt,
    SheetRead,
    accept_all,
    check_sheets,
    correct_answer,
    correct_field,
    decide_digits,
    decide_question,
    join_pages,
)
from lecturer_app.i18n import SCREEN, plain

EMPTY, FULL, FAINT = BubbleMark(0.02), BubbleMark(0.8), BubbleMark(0.3)
CROSSED = BubbleMark(0.8, outside=0.09)
ELSEWHERE = BubbleMark(0.02, ring=0.05)  # measured where its printed circle is not: the image moved there


@pytest.mark.parametrize("marks, answer, doubt", [
    ([EMPTY, FULL, EMPTY, EMPTY], "B", ""),
    ([EMPTY, EMPTY, EMPTY, EMPTY], "", ""),
    ([FULL, EMPTY, FULL, EMPTY], "AC", "tô 2 ô (AC) ở câu chỉ có một đáp án"),
    ([EMPTY, FAINT, EMPTY, EMPTY], "", "ô B tô mờ hoặc chưa kín"),
    ([CROSSED, EMPTY, FULL, EMPTY], "C", "ô A bị gạch chéo hoặc tô rồi xóa"),
    ([FULL, FAINT, EMPTY, CROSSED], "A", "ô D bị gạch chéo hoặc tô rồi xóa; ô B tô mờ hoặc chưa kín"),
    ([EMPTY, EMPTY, EMPTY, ELSEWHERE], "", "không thấy vòng in của ô D ở chỗ của nó (ảnh hỏng, méo hoặc bị che): "
                                           "xem ảnh phiếu"),
])
def test_a_question_is_decided_only_when_its_marks_are_clear(marks, answer, doubt):
    read = decide_question(marks)
    assert (read.answer, read.doubt(SCREEN) if read.doubt else "") == (answer, doubt)
    assert (read.confidence == 0) == bool(doubt)


def test_several_marks_on_a_multiple_answer_question_are_its_answer():
    assert decide_question([FULL, EMPTY, FULL, EMPTY], single=False).doubt is None


def test_confidence_grows_with_the_distance_from_the_doubtful_band():
    assert decide_question([BubbleMark(0.52), EMPTY]).confidence < decide_question([BubbleMark(0.9), EMPTY]).confidence


def _column(digit: int | None, extra: BubbleMark | None = None) -> list[BubbleMark]:
    column = [FULL if v == digit else EMPTY for v in range(10)]
    if extra:
        column[9] = extra
    return column


def test_digits_read_column_by_column_and_doubtful_columns_are_named():
    number, confidence, doubts = decide_digits([_column(0), _column(4), _column(None), _column(2, FAINT)], "SBD")
    assert number == "04??"
    assert confidence == 0
    assert [(d.field, d.reason(SCREEN)) for d in doubts] == [("sbd", "SBD: cột 3: cột chưa tô"),
                                                    ("sbd", "SBD: cột 4: số 9 tô mờ, chưa kín hoặc bị gạch")]


def test_a_digit_column_with_a_bubble_not_where_it_was_measured_is_doubtful_even_with_one_fill():
    number, _confidence, doubts = decide_digits([_column(3, ELSEWHERE)], "Mã đề")
    assert number == "?"
    assert [(d.field, d.reason(SCREEN)) for d in doubts] == [
        ("code", "Mã đề: cột 1: không thấy vòng in của số 9 ở chỗ của nó (ảnh hỏng, méo hoặc bị che)")]


def _sheet(source: str, sbd: str, code: str, answers: str = "AB") -> SheetRead:
    return SheetRead(plain(source), 1, sbd, code, [decide_question([FULL if a == x else EMPTY for x in "ABCD"])
                                            for a in answers])


def _manifest() -> ExamManifest:
    items = [ItemInfo("q1", "single_choice", 5, "A"), ItemInfo("q2", "single_choice", 5, "B")]
    return ExamManifest("Đề", 1, "id", {"101": VersionInfo("101", items, [])}, ["q1", "q2"], {}, {})


def test_unknown_codes_and_duplicate_sbd_need_every_sheet():
    sheets = [_sheet("trang 1", "000001", "101"), _sheet("trang 2", "000001", "105"), _sheet("trang 3", "0000?2", "101")]
    check_sheets(sheets, _manifest())
    assert [[d.reason(SCREEN) for d in s.doubts] for s in sheets] == [
        ["SBD 000001 trùng với trang 2"],
        ["mã đề 105 không có trong đề này", "SBD 000001 trùng với trang 1"],
        [],
    ]


def test_an_unsettled_doubt_is_graded_as_a_question_mark_and_settling_it_restores_the_answer():
    sheet = SheetRead(plain("trang 1"), 1, "000001", "101", [decide_question([FULL, EMPTY, EMPTY, EMPTY]),
                                                      decide_question([FULL, FULL, EMPTY, EMPTY])])
    read = sheet.questions[1].doubt
    assert read is not None
    sheet.doubts = [Doubt(2, read)]
    assert sheet.answers() == ["A", "?"]
    correct_answer(sheet, 2, "b")
    assert sheet.answers() == ["A", "B"] and sheet.open_doubts == []


def test_accepting_keeps_what_was_read_and_a_corrected_sbd_settles_its_doubts():
    sheet = _sheet("trang 1", "00000?", "101", "AC")
    sheet.doubts = [Doubt(0, plain("SBD: cột 6: cột chưa tô"), "sbd"), Doubt(2, plain("ô C tô mờ hoặc chưa kín"))]
    correct_field(sheet, "sbd", " 000007 ")
    assert sheet.sbd == "000007" and [d.question for d in sheet.open_doubts] == [2]
    accept_all(sheet)
    assert sheet.answers() == ["A", "C"] and sheet.open_doubts == []


def test_correcting_an_sbd_ends_the_duplicate_on_both_sheets_and_checking_again_adds_nothing_twice():
    sheets = [_sheet("trang 1", "000001", "101"), _sheet("trang 2", "000001", "101")]
    check_sheets(sheets, _manifest())
    correct_field(sheets[1], "sbd", "000002")
    check_sheets(sheets, _manifest())
    check_sheets(sheets, _manifest())
    assert [s.open_doubts for s in sheets] == [[], []]


def _page(sbd: str, code: str, page: int, answers: str, first: int) -> SheetRead:
    """One page of a two-page sheet of 130 questions (65 a page), every question answered with *answers*."""
    questions = [decide_question([FULL if letter == answers else EMPTY for letter in "ABCD"]) for _ in range(65)]
    return SheetRead(plain(f"p{page}"), page, sbd, code, questions, sheet_page=page, sheet_pages=2, first_question=first)


def test_pages_with_different_codes_are_joined_with_a_doubt_on_the_code():
    (sheet,) = join_pages([_page("000001", "101", 1, "A", 1), _page("000001", "102", 2, "B", 66)], 130)
    assert sheet.answers() == ["A"] * 65 + ["B"] * 65
    assert [(d.field, d.reason(SCREEN)) for d in sheet.doubts] == [("code", "mã đề tô khác nhau giữa các trang (1: 101, 2: 102)")]


def test_a_missing_page_grades_its_questions_unsure_until_accepted_then_blank():
    (sheet,) = join_pages([_page("000002", "101", 1, "C", 1)], 130)
    assert sheet.answers() == ["C"] * 65 + ["?"] * 65
    accept_all(sheet)
    assert sheet.answers() == ["C"] * 65 + [""] * 65


def test_a_second_page_one_of_the_same_sbd_starts_another_learner_so_the_duplicate_is_seen():
    sheets = join_pages([_page("000003", "101", 1, "A", 1), _page("000003", "101", 1, "B", 1)], 130)
    assert [s.source(SCREEN) for s in sheets] == ["p1", "p1"]
    assert all("thiếu trang 2/2" in s.doubts[0].reason(SCREEN) for s in sheets)
