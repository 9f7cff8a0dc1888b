"""In English the grading screens read in English: columns, grades, the scan list and the numbers.

What is data stays as the answer file and the score sheet name it: the sheet
written from an English screen still has «SBD», «TL1», «Giỏi» and the
decimal comma.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from lecturer_app import i18n
from lecturer_app.core.resources import resource_path
from tests.exam import exam_bank_data


@pytest.fixture
def exam_dir(store, tmp_path) -> Path:
    """An exam of 8 multiple-choice questions and one essay, in two versions."""

    exam_bank_data.build_small_exam(store, tmp_path / "de", versions=2, seed=5)
    return tmp_path / "de"


@pytest.fixture
def answers(exam_dir, tmp_path) -> Path:
    """Two learners: one with every answer right and 1,5 for the essay, one with the essay still to enter."""
    from openpyxl import Workbook

    from lecturer_app.exam.manifest import read_manifest

    manifest = read_manifest(exam_dir)
    code = sorted(manifest.versions)[0]
    keys = [item.key for item in manifest.versions[code].items]
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "SBD", "Mã đề", *range(1, 9), "TL1"])
    workbook.active.append(["Trần Văn Bình", "000231", code, *keys, "1,5"])
    workbook.active.append(["Lê Thị Ánh", "000232", code, *(["Z"] * 8), ""])
    workbook.save(tmp_path / "bai_lam.xlsx")
    return tmp_path / "bai_lam.xlsx"


@pytest.fixture
def english():
    i18n.setup("en", resource_path("translations"))
    yield
    i18n.setup("vi", None)


@pytest.fixture
def graded(qtbot, english, exam_dir, answers):
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    widget = GradingWidget()
    qtbot.addWidget(widget)
    widget.load(exam_dir, answers)
    return widget


def headers(model) -> list[str]:
    """The column headers read as one line each (the grid breaks them in two, after a space or a hyphen)."""
    return [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole).replace("-\n", "-")
            .replace("\n", " ") for c in range(model.columnCount())]


def row(model, r: int) -> dict[str, str]:
    return dict(zip(model.headers, (model.data(model.index(r, c)) for c in range(model.columnCount()))))


def test_the_grading_columns_read_in_english(graded):
    assert headers(graded.model)[:6] == ["Full name", "Candidate no.", "Version code", "Correct answers",
                                         "Multiple-choice score", "Essay 1"]
    assert "SBD" not in headers(graded.model) and "TL1" not in headers(graded.model)


def test_scores_grades_and_missing_parts_read_in_english(graded):
    bình, ánh = row(graded.model, 1), row(graded.model, 0)
    assert bình["TL1"] == "1.5" and "," not in bình["Tổng điểm"]
    assert bình["Xếp loại"] in {"Very good", "Good", "Average", "Fail"}
    assert ánh["Xếp loại"] == "Fail" and ánh["Thiếu điểm"] == "Essay 1"


def test_the_summary_counts_learners_in_english_with_a_decimal_point(graded):
    summary = graded.summary.text()
    assert summary.startswith("2 learners; mean score ")
    assert "," not in summary.split("mean score ")[1].split()[0]


def test_the_oral_weight_box_writes_a_decimal_point(graded):
    graded.oral_spin.setValue(0.5)
    assert graded.oral_spin.text() == "0.50"


def test_the_score_sheet_written_from_the_english_screen_keeps_its_vietnamese_names(graded, tmp_path):
    from openpyxl import load_workbook

    sheet = load_workbook(graded.write(tmp_path / "bang_diem.xlsx"))["Bảng điểm"]
    header = [cell.value for cell in sheet[1]]
    assert {"SBD", "TL1", "Xếp loại", "Bằng số"} <= set(header)
    values = [dict(zip(header, (cell.value for cell in r))) for r in sheet.iter_rows(min_row=2, max_row=3)]
    by_name = {v["Họ và tên"]: v for v in values}
    assert by_name["Lê Thị Ánh"]["Xếp loại"] == "Không đạt" and by_name["Lê Thị Ánh"]["Thiếu điểm"] == "TL1"
    shown_total = row(graded.model, 1)["Tổng điểm"]
    assert "." in shown_total and by_name["Trần Văn Bình"]["Bằng số"] == shown_total.replace(".", ",")


def test_in_vietnamese_the_grading_screen_is_unchanged(qtbot, exam_dir, answers):
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    widget = GradingWidget()
    qtbot.addWidget(widget)
    widget.load(exam_dir, answers)
    assert headers(widget.model)[1] == "SBD" and headers(widget.model)[5] == "TL1"
    assert row(widget.model, 1)["TL1"] == "1,5" and row(widget.model, 0)["Xếp loại"] == "Không đạt"
    assert row(widget.model, 0)["Thiếu điểm"] == "TL1"
    assert widget.summary.text().startswith("2 học viên; điểm trung bình ")


def test_the_scan_list_names_the_candidate_number_and_version_in_english(qtbot, english, exam_dir):
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.exam.scan import SheetRead
    from lecturer_app.ui.exam.scan_review import ScanReviewWidget

    widget = ScanReviewWidget()
    qtbot.addWidget(widget)
    widget.show_result(exam_dir, read_manifest(exam_dir), [SheetRead(i18n.plain("01.jpg"), 1, "000231", "101", [])], [])
    assert widget.pages.item(0).text() == "01.jpg\nCandidate no. 000231 · version 101 · read"


def test_a_doubtful_candidate_number_column_is_named_in_english(english):
    from lecturer_app.exam.scan import BubbleMark, decide_digits

    empty, filled = BubbleMark(0.0), BubbleMark(1.0)
    column = [filled if digit == 2 else empty for digit in range(10)]
    _digits, _confidence, [doubt] = decide_digits([column, [empty] * 10], "SBD")
    assert doubt.reason(i18n.SCREEN).startswith("Candidate no.: column 2: ")
    assert doubt.reason(i18n.DOCUMENT).startswith("SBD: cột 2: ")  # as the files written from it say


def _scanned_sheets(exam_dir: Path):
    """Two sheets of a PDF as the reader gives them: one with a faint mark on question 4, both with one SBD."""
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.exam.scan import BubbleMark, Doubt, SheetRead, check_sheets, decide_question

    manifest = read_manifest(exam_dir)
    code = sorted(manifest.versions)[0]
    keys = [item.key for item in manifest.versions[code].items]
    marks = [[BubbleMark(0.9 if letter in key else 0.0) for letter in "ABCD"] for key in keys]
    sheets = []
    for page in (1, 2):
        questions = [decide_question(row) for row in marks]
        if page == 2:
            questions[3] = decide_question([BubbleMark(0.3 if letter == "D" else 0.0) for letter in "ABCD"])
        source = i18n.Message.of(i18n.N_("{file}, trang {n}"), file="quet.pdf", n=page)
        sheet = SheetRead(source, page, "000231", code, questions, name="Lê Thị Ánh")
        sheet.doubts = [Doubt(n, q.doubt) for n, q in enumerate(questions, start=1) if q.doubt is not None]
        sheets.append(sheet)
    check_sheets(sheets, manifest)
    return manifest, sheets


def test_the_answers_saved_from_the_scan_review_in_english_are_the_vietnamese_file(qtbot, english, exam_dir,
                                                                                     tmp_path):
    """«Lưu bài làm đã đọc…»: the screen says why in English, the file written says it in Vietnamese."""
    from lecturer_app.ui.exam.scan_review import ScanReviewWidget
    from tests.support.written_files import contents, text_of

    saved = {}
    for lang in ("vi", "en"):
        i18n.setup(lang, resource_path("translations"))
        widget = ScanReviewWidget()
        qtbot.addWidget(widget)
        manifest, sheets = _scanned_sheets(exam_dir)
        widget.show_result(exam_dir, manifest, sheets, [])
        (tmp_path / lang).mkdir()
        saved[lang] = widget.save_answers(tmp_path / lang / "bai_lam_da_doc.xlsx")
    widget.pages.setCurrentRow(1)
    assert widget.pages.item(1).text().startswith("quet.pdf, page 2\nCandidate no. 000231")
    assert "Question 4: bubble D faint or not fully filled" in widget.notes.text()
    assert "candidate number 000231 also on quet.pdf, page 1" in widget.notes.text()
    assert contents(saved["vi"]) == contents(saved["en"])
    text = text_of(saved["en"])
    assert "Câu 4: ô D tô mờ hoặc chưa kín" in text and "SBD 000231 trùng với quet.pdf, trang 1" in text
    assert "quet.pdf, trang 2" in text
    assert [word for word in ("page", "Question", "bubble", "faint", "candidate", "also on") if word in text] == []
