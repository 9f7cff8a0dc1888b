"""An SBD that cannot be one (a scanner's "?" copied by hand, «00471?») is graded flagged, never silently.

An SBD is a candidate number as the lists of Vietnamese schools write it: digits, perhaps with letters and the
separators - . / _ (``004711``, ``01``, ``HV-2024/07``); a "?" or any other sign is none, and neither is a cell
without a digit.  The row is still graded (the answers were read), with a note the lecturer must look at; the
exam has one version "101" of three single-choice questions, key A, B, C.  The CLI's exit code:
tests/commands/test_exam_grade_doubt_rows.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.i18n import DOCUMENT
from lecturer_app.importers.exam_answers import read_answer_file
from tests.exam.three_question_exam import SCANNED, TYPED, answers_workbook, three_question_manifest


@pytest.fixture
def manifest() -> ExamManifest:
    return three_question_manifest()


def _notes(path: Path, manifest: ExamManifest) -> dict[str, list[str]]:
    return {r.name: [flag(DOCUMENT) for flag in r.flags] for r in read_answer_file(path, manifest).responses}


def test_a_question_mark_typed_in_the_sbd_flags_the_learner_who_is_still_graded(tmp_path, manifest):
    path = answers_workbook(tmp_path, TYPED, ["Trần Thị Bình", "00471?", "101", "A", "B", "C"])

    answers = read_answer_file(path, manifest)

    assert [r.sbd for r in answers.responses] == ["00471?"] and answers.rejected == []
    assert _notes(path, manifest) == {"Trần Thị Bình": [
        "SBD '00471?' có ký tự không thể có trong số báo danh (?): đối chiếu phiếu gốc hoặc danh sách dự thi "
        "rồi sửa SBD"]}


def test_each_sign_an_sbd_cannot_have_is_named_once(tmp_path, manifest):
    path = answers_workbook(tmp_path, TYPED, ["An", "?0?4*", "101", "A", "B", "C"])

    assert _notes(path, manifest) == {"An": [
        "SBD '?0?4*' có ký tự không thể có trong số báo danh (?, *): đối chiếu phiếu gốc hoặc danh sách dự thi "
        "rồi sửa SBD"]}


def test_an_sbd_without_a_digit_is_flagged(tmp_path, manifest):
    """A name or a word typed in the wrong column ("vắng") is no candidate number."""
    path = answers_workbook(tmp_path, TYPED, ["An", "vắng", "101", "A", "B", "C"])

    assert _notes(path, manifest) == {"An": [
        "SBD 'vắng' không có chữ số nào: đối chiếu phiếu gốc hoặc danh sách dự thi rồi sửa SBD"]}


@pytest.mark.parametrize("sbd", ["004711", "01", "12", "HV-2024/07", "K45.012", "SV_3", "TP 0123", "Đ12",
                                 4711, " 004711 "])
def test_sbds_as_schools_write_them_are_not_flagged(tmp_path, manifest, sbd):
    path = answers_workbook(tmp_path, TYPED, ["An", sbd, "101", "A", "B", "C"])

    assert _notes(path, manifest) == {"An": []}


def test_a_scanned_row_whose_sbd_doubt_stands_is_not_told_twice(tmp_path, manifest):
    """The scanner's own line says why the digit is "?"; the row is flagged by it already."""
    path = answers_workbook(tmp_path, SCANNED, ["Bình", "00471?", "101", "A", "B", "C", None,
                                     "SBD: cột 6: số 3 tô mờ, chưa kín hoặc bị gạch", "2.png"])

    assert _notes(path, manifest) == {"Bình": [
        "máy đọc phiếu nghi ngờ, chưa xem lại: SBD: cột 6: số 3 tô mờ, chưa kín hoặc bị gạch"]}


def test_a_scanned_row_whose_doubt_was_deleted_but_the_question_mark_left_is_flagged(tmp_path, manifest):
    path = answers_workbook(tmp_path, SCANNED, ["Bình", "00471?", "101", "A", "B", "C", None, None, "2.png"])

    assert _notes(path, manifest) == {"Bình": [
        "SBD '00471?' có ký tự không thể có trong số báo danh (?): đối chiếu phiếu gốc hoặc danh sách dự thi "
        "rồi sửa SBD"]}


def test_an_empty_sbd_keeps_its_own_note_alone(tmp_path, manifest):
    path = answers_workbook(tmp_path, TYPED, ["An", None, "101", "A", "B", "C"])

    assert _notes(path, manifest) == {"An": ["thiếu SBD"]}
