"""The grading screen shows a learner whose scanned sheet still has a doubt nobody settled: the row's name and
«Ghi chú» tinted as the review screen tints a doubt, the doubts in the name's tooltip and in «Dòng có vấn đề»;
a sheet settled in the review screen and saved shows nothing of the kind."""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from openpyxl import load_workbook

from lecturer_app.formats import answer_sheet_layout as L
from tests.exam import exam_bank_data

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "omr"))

from sheet_maker import Filler, fill_sheet, render  # noqa: E402

SBD_DOUBT = "SBD: cột 6: số 3 tô mờ, chưa kín hoặc bị gạch"


@pytest.fixture(autouse=True)
def decisions_let_go(monkeypatch):
    """Closing the review at teardown must not wait for a modal "save the decisions?" answer."""
    from lecturer_app.ui.exam import scan_review

    monkeypatch.setattr(scan_review, "ask_save_decisions", lambda parent: "discard")


@pytest.fixture
def scan(store, tmp_path):
    """An exam of 8 MC and the reading of two sheets: 000101 clean, 000102 with a faint mark beside its SBD's
    last digit (an SBD doubt; every answer clear)."""
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.importers.omr.reader import scan_sheets

    exam_bank_data.build_small_exam(store, tmp_path / "de", essays=0)
    manifest = read_manifest(tmp_path / "de")
    code = sorted(manifest.versions)[0]
    key = [item.key for item in manifest.versions[code].items]
    base = render(tmp_path / "de" / "phieu_tra_loi.pdf", 200)
    rng = np.random.default_rng(6)
    folder = tmp_path / "quet"
    folder.mkdir()
    cv2.imwrite(str(folder / "1.png"), fill_sheet(base.copy(), 200, rng, "000101", code, key, 8))
    smudged = base.copy()
    Filler(smudged, 200, rng).fill(L.sbd_bubbles()[5][3], "faint")  # beside the 2 of 000102
    cv2.imwrite(str(folder / "2.png"), fill_sheet(smudged, 200, rng, "000102", code, key, 8))
    result = scan_sheets(folder, manifest)
    for sheet, name in zip(result.sheets, ("Nguyễn Văn An", "Trần Thị Bình")):
        sheet.name = name  # typed by the officer in the review screen
    return tmp_path / "de", manifest, result


def _grading(qtbot, exam: Path, answers: Path):
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    widget = GradingWidget()
    qtbot.addWidget(widget)
    widget.load(exam, answers)
    return widget


def _row(model, name: str) -> int:
    return next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == name)


def test_a_learner_with_a_doubt_nobody_settled_is_tinted_and_the_tooltip_says_why(qtbot, scan, tmp_path):
    from PySide6.QtCore import Qt

    from lecturer_app.exporters.exam.scan_answers import write_scanned_answers
    from lecturer_app.ui.exam.grading_model import SCAN_DOUBT

    exam, manifest, result = scan
    answers = write_scanned_answers(result.sheets, manifest, tmp_path / "bai_lam.xlsx")  # as `exam scan` leaves it

    widget = _grading(qtbot, exam, answers)

    model = widget.model
    binh, an = _row(model, "Trần Thị Bình"), _row(model, "Nguyễn Văn An")
    notes = model.columnCount() - 1
    assert model.data(model.index(binh, 0), Qt.ItemDataRole.BackgroundRole) == SCAN_DOUBT
    assert model.data(model.index(binh, notes), Qt.ItemDataRole.BackgroundRole) == SCAN_DOUBT
    assert model.data(model.index(binh, 0), Qt.ItemDataRole.ToolTipRole) == (
        "Phiếu quét còn chỗ nghi ngờ chưa xem lại; điểm có thể đọc sai:\n"
        f"máy đọc phiếu nghi ngờ, chưa xem lại: {SBD_DOUBT}")
    assert model.data(model.index(binh, notes)) == f"máy đọc phiếu nghi ngờ, chưa xem lại: {SBD_DOUBT}"
    assert model.scores[binh].total == 10.0  # graded all the same: the answers were clear
    assert model.data(model.index(an, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert (f"(Trần Thị Bình): máy đọc phiếu nghi ngờ, chưa xem lại: {SBD_DOUBT}"
            in widget.problems_text.toPlainText())


def test_a_sheet_settled_in_the_review_screen_and_saved_is_graded_with_no_flag(qtbot, scan, tmp_path):
    from PySide6.QtCore import Qt

    from lecturer_app.ui.exam.scan_review import ScanReviewWidget

    exam, manifest, result = scan
    review = ScanReviewWidget()
    qtbot.addWidget(review)
    review.show_result(exam, manifest, result.sheets, result.bad)
    review.pages.setCurrentRow(1)
    review.sbd_edit.setText("000102")  # checked on the sheet: the SBD is 000102
    review.sbd_edit.editingFinished.emit()
    assert review.open_issues() == 0
    answers = review.save_answers(tmp_path / "bai_lam_da_doc.xlsx")
    assert [row[-2] for row in load_workbook(answers).active.iter_rows(min_row=2, values_only=True)] == [None, None]

    widget = _grading(qtbot, exam, answers)

    model = widget.model
    assert [model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole) for r in range(model.rowCount())] == [
        None, None]
    assert widget.problems_text.toPlainText() == ""
