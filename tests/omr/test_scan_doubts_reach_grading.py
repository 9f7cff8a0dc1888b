"""A doubt the scanner raised is never graded silently: `exam scan` → `exam grade` flags the learner while the
doubt stands (stderr «Cần xem lại …», the score sheet's «Ghi chú», exit 1), and not once it is settled, in the
spreadsheet as the guide says or in the review screen (docs/design/omr.md, «Doubts reach grading»)."""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest
from openpyxl import load_workbook
from sheet_maker import Filler, fill_sheet, render

from lecturer_app.exam.manifest import read_manifest
from lecturer_app.exam.scan import accept_all, correct_answer, correct_field
from lecturer_app.exporters.exam.scan_answers import write_scanned_answers
from lecturer_app.formats import answer_sheet_layout as L
from lecturer_app.importers.exam_answers import read_answer_file
from lecturer_app.importers.omr.reader import scan_sheets
from tests.exam import exam_bank_data
from tests.support.cli_runs import run_in as run

NAMES = {"004711": "Nguyễn Văn An", "004712": "Trần Thị Bình", "004713": "Lê Văn Cường"}
SBD_DOUBT = "SBD: cột 6: số 3 tô mờ, chưa kín hoặc bị gạch"
ANSWER_DOUBT = "Câu 7: ô {letter} tô mờ hoặc chưa kín"


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> tuple[Path, Path, Path, str]:
    """An exam of 40 questions × 2 versions; three sheets scanned: An's clean, Bình's SBD with a faint extra
    mark in its last column, Cường's question 7 with a faint extra mark.  The data folder, the exam, the
    folder of scans and the letter of Cường's faint mark."""
    data = exam_bank_data.data_folder(tmp_path_factory)
    exam = tmp_path_factory.mktemp("exam") / "de"
    code, _out, err = run(data, "exam", "build", "--topics", "LS-01,LS-02,LS-03", "--mc", "40", "--versions", "2",
                          "--seed", "7", "-o", str(exam), "--no-docx")
    assert code == 0, err
    manifest = read_manifest(exam)
    first = sorted(manifest.versions)[0]
    key = [item.key for item in manifest.versions[first].items]
    base = render(exam / "phieu_tra_loi.pdf", 200)
    rng = np.random.default_rng(3)
    folder = tmp_path_factory.mktemp("quet")
    cv2.imwrite(str(folder / "1.png"), fill_sheet(base.copy(), 200, rng, "004711", first, key, 40))
    smudged = base.copy()
    Filler(smudged, 200, rng).fill(L.sbd_bubbles()[5][3], "faint")  # beside the 2 of 004712
    cv2.imwrite(str(folder / "2.png"), fill_sheet(smudged, 200, rng, "004712", first, key, 40))
    faint = "D" if key[6] != "D" else "C"
    cv2.imwrite(str(folder / "3.png"), fill_sheet(base.copy(), 200, rng, "004713", first, key, 40,
                                                  odd={7: [(faint, "faint")]}))
    return data, exam, folder, faint


def _scan(scanned, answers: Path) -> Path:
    data, exam, folder, _faint = scanned
    code, _out, err = run(data, "exam", "scan", "--exam", str(exam), "--sheets", str(folder), "-o", str(answers))
    assert code == 1, "the scan itself says doubts remain"
    return answers


def _type_names(answers: Path) -> None:
    """What the lecturer does first: the scanner cannot read handwriting, so the names are typed."""
    book = load_workbook(answers)
    sheet = book.active
    for row in range(2, sheet.max_row + 1):
        sbd = str(sheet.cell(row, 2).value)
        sheet.cell(row, 1).value = NAMES.get(sbd, NAMES["004712"])  # "00471?" is Bình's
    book.save(answers)


def _grade(scanned, answers: Path, scores: Path) -> tuple[int, str]:
    data, exam, _folder, _faint = scanned
    code, _out, err = run(data, "exam", "grade", "--exam", str(exam), "--answers", str(answers), "-o", str(scores))
    return code, err


def _score_sheet_notes(scores: Path) -> dict[str, str]:
    """«Ghi chú» of each learner of the score sheet, by name."""
    rows = list(load_workbook(scores).worksheets[0].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if "Ghi chú" in row and "Họ và tên" in row)
    name, notes = rows[header].index("Họ và tên"), rows[header].index("Ghi chú")
    return {row[name]: row[notes] or "" for row in rows[header + 1:] if row[name] in NAMES.values()}


def _edit(answers: Path, sbd: str, **cells: object) -> None:
    """Type into the row of *sbd*: column header → new value."""
    book = load_workbook(answers)
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 2).value == sbd)
    for column, value in cells.items():
        sheet.cell(row, header.index(int(column) if column.isdigit() else column) + 1).value = value
    book.save(answers)


def test_a_learner_whose_sheet_has_a_doubt_nobody_settled_is_graded_flagged_and_the_exit_code_says_so(
        scanned, tmp_path):
    answers = _scan(scanned, tmp_path / "bai_lam.xlsx")
    _type_names(answers)

    code, err = _grade(scanned, answers, tmp_path / "diem.xlsx")

    assert code == 1
    lines = err.splitlines()
    assert (f"Cần xem lại trang tính 'Bài làm', dòng 3 (Trần Thị Bình): máy đọc phiếu nghi ngờ, chưa xem lại: "
            f"{SBD_DOUBT}") in lines
    cuong = next(line for line in lines if "(Lê Văn Cường)" in line)
    faint = ANSWER_DOUBT.format(letter=scanned[3]).removeprefix("Câu 7: ")
    assert f"Câu 7: máy đọc phiếu nghi ngờ, chưa xem lại: {faint}" in cuong
    assert not any("Nguyễn Văn An" in line for line in lines)
    notes = _score_sheet_notes(tmp_path / "diem.xlsx")
    assert notes["Trần Thị Bình"] == f"máy đọc phiếu nghi ngờ, chưa xem lại: {SBD_DOUBT}"
    assert "Câu 7: máy đọc phiếu nghi ngờ, chưa xem lại" in notes["Lê Văn Cường"]
    assert notes["Nguyễn Văn An"] == ""


def test_a_doubt_about_the_sbd_alone_no_longer_passes_with_exit_0(scanned, tmp_path):
    """Before, only a "?" answer was noted: Bình's sheet (every answer clear, the SBD doubtful) passed."""
    answers = _scan(scanned, tmp_path / "bai_lam.xlsx")
    _type_names(answers)
    _edit(answers, "004713", **{"7": "A", "Ghi chú": None})  # Cường's settled: only Bình's doubt is left

    code, err = _grade(scanned, answers, tmp_path / "diem.xlsx")

    assert code == 1
    assert err.splitlines() == [f"Cần xem lại trang tính 'Bài làm', dòng 3 (Trần Thị Bình): máy đọc phiếu nghi "
                                f"ngờ, chưa xem lại: {SBD_DOUBT}"]


def test_doubts_settled_in_the_spreadsheet_as_the_guide_says_flag_nothing(scanned, tmp_path):
    answers = _scan(scanned, tmp_path / "bai_lam.xlsx")
    _type_names(answers)
    _edit(answers, "00471?", SBD="004712", **{"Ghi chú": None})  # checked on the sheet: the note deleted
    _edit(answers, "004713", **{"7": "B"})  # the answer typed over the "?": its «Câu 7: …» line may stay

    code, err = _grade(scanned, answers, tmp_path / "diem.xlsx")

    assert (code, err) == (0, "")
    assert set(_score_sheet_notes(tmp_path / "diem.xlsx").values()) == {""}


def test_a_note_of_several_doubts_flags_each_line_still_standing(scanned, tmp_path):
    answers = _scan(scanned, tmp_path / "bai_lam.xlsx")
    _type_names(answers)
    both = f"{SBD_DOUBT}\n{ANSWER_DOUBT.format(letter=scanned[3])}"
    _edit(answers, "00471?", SBD="004712", **{"7": "?", "Ghi chú": both})
    _edit(answers, "004713", **{"7": "B"})

    code, err = _grade(scanned, answers, tmp_path / "diem.xlsx")

    assert code == 1
    binh = _score_sheet_notes(tmp_path / "diem.xlsx")["Trần Thị Bình"]
    assert f"máy đọc phiếu nghi ngờ, chưa xem lại: {SBD_DOUBT}" in binh
    assert "Câu 7: máy đọc phiếu nghi ngờ, chưa xem lại" in binh
    assert "Lê Văn Cường" not in err


def test_doubts_settled_in_the_review_screen_are_not_written_and_flag_nothing(scanned, tmp_path):
    """What the review screen does with its buttons (exam.scan's correct_field, correct_answer, accept_all)
    and «Lưu bài làm đã đọc…» (write_scanned_answers)."""
    _data, exam, folder, _faint = scanned
    manifest = read_manifest(exam)
    result = scan_sheets(folder, manifest)
    binh, cuong = result.sheets[1], result.sheets[2]
    correct_field(binh, "sbd", "004712")
    correct_answer(cuong, 7, cuong.questions[6].answer)  # «Giữ cách đọc của câu đang chọn»
    accept_all(result.sheets[0])
    answers = write_scanned_answers(result.sheets, manifest, tmp_path / "bai_lam.xlsx")
    _type_names(answers)

    code, err = _grade(scanned, answers, tmp_path / "diem.xlsx")

    assert (code, err) == (0, "")


def test_writing_the_answers_again_keeps_the_doubts_that_stand(scanned, tmp_path):
    """«Lưu bài làm và điểm…» or `exam remark` write the file again: a doubt left open must not vanish there."""
    from lecturer_app.exporters.exam.responses_xlsx import write_responses

    answers = _scan(scanned, tmp_path / "bai_lam.xlsx")
    _type_names(answers)
    manifest = read_manifest(scanned[1])
    first = read_answer_file(answers, manifest)
    written = write_responses(first.responses, 40, tmp_path / "lai.xlsx", oral=True)

    again = read_answer_file(written, manifest)

    assert [[note.message for note in r.flags] for r in again.responses] == [
        [note.message for note in r.flags] for r in first.responses]
    shutil.copy(written, tmp_path / "lai_ban_sao.xlsx")
    code, err = _grade(scanned, tmp_path / "lai_ban_sao.xlsx", tmp_path / "diem.xlsx")
    assert code == 1 and SBD_DOUBT in err


def test_a_ghi_chu_column_the_lecturer_added_to_a_typed_file_is_no_doubt(scanned, tmp_path):
    from openpyxl import Workbook

    _data, exam, _folder, _faint = scanned
    manifest = read_manifest(exam)
    code = sorted(manifest.versions)[0]
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "SBD", "Mã đề", *range(1, 41), "Ghi chú"])
    sheet.append(["Nguyễn Văn An", "004711", code, *[item.key for item in manifest.versions[code].items],
                  "thi lại lần 2"])
    book.save(tmp_path / "go_tay.xlsx")

    status, err = _grade(scanned, tmp_path / "go_tay.xlsx", tmp_path / "diem.xlsx")

    assert (status, err) == (0, "")


def test_an_answer_corrected_on_appeal_settles_its_doubt_and_the_others_stay(scanned, tmp_path):
    data, exam, _folder, _faint = scanned
    answers = _scan(scanned, tmp_path / "bai_lam.xlsx")
    _type_names(answers)

    code, _out, err = run(data, "exam", "remark", "--exam", str(exam), "--answers", str(answers), "--sbd", "004713",
                          "--component", "7", "--answer", "B", "--reason", "xem lại phiếu gốc", "--author", "Tổ chấm")
    assert code == 0, err
    status, err = _grade(scanned, answers, tmp_path / "diem.xlsx")

    assert status == 1
    assert err.splitlines() == [f"Cần xem lại trang tính 'Bài làm', dòng 3 (Trần Thị Bình): máy đọc phiếu nghi "
                                f"ngờ, chưa xem lại: {SBD_DOUBT}"]
