"""The officer's decisions on scanned sheets are not lost with the tab: closing with them unsaved asks first.

Settling doubts on a hundred sheets is an hour of work.  Closed before grading
(the tab, the app, or another batch read over it), the screen asks Lưu /
Không lưu / Hủy; «Lưu» writes the sheets as read and corrected as the answer
template, which the grading screen opens with the same answers.
"""

from __future__ import annotations

import pytest

from lecturer_app.i18n import N_, Message, plain
from tests.exam import exam_bank_data


@pytest.fixture
def exam_dir(workspace, tmp_path):
    """An exam of 8 multiple-choice questions and one essay, one version."""
    exam_bank_data.build_small_exam(workspace.store, tmp_path / "de")
    return tmp_path / "de"


def _sheets(exam_dir):
    """Two sheets as the reader gives them: one clean, one with a faint mark on question 4 (a doubt)."""
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.exam.scan import BubbleMark, Doubt, QuestionRead, SheetRead

    manifest = read_manifest(exam_dir)
    code = sorted(manifest.versions)[0]
    keys = [item.key for item in manifest.versions[code].items]

    def questions(answers):
        return [QuestionRead(a, [BubbleMark(0.9 if letter in a else 0.0) for letter in "ABCD"], 1.0)
                for a in answers]

    clean = SheetRead(plain("01.jpg"), 1, "000101", code, questions(keys), name="Trần Văn Bình")
    doubtful = SheetRead(plain("02.jpg"), 2, "000102", code, questions(keys), name="Lê Thị Ánh",
                         doubts=[Doubt(4, Message.of(N_("ô D tô mờ hoặc chưa kín")))])
    return manifest, [clean, doubtful], keys


@pytest.fixture
def review(window, exam_dir):
    from lecturer_app.ui.exam import open_scan_review

    widget = open_scan_review(window)
    manifest, sheets, keys = _sheets(exam_dir)
    widget.show_result(exam_dir, manifest, sheets, [])
    widget.keys = keys
    return widget


def _settle_question_4(review) -> None:
    review.pages.setCurrentRow(1)
    review.table.selectRow(3)
    review.keep_button.click()


def test_sheets_only_read_close_without_a_question(review):
    review.ask_save_decisions = lambda parent: pytest.fail("asked with no decision made")
    assert review.confirm_close()


def test_closing_with_a_settled_doubt_asks_and_cancel_keeps_the_tab_and_the_window(window, review):
    _settle_question_4(review)
    assert review.grade_button.isEnabled()
    asked = []
    review.ask_save_decisions = lambda parent: asked.append(parent) or "cancel"
    index = window.tabs.indexOf(review)
    assert not window.close_tab(index) and window.tabs.indexOf(review) == index
    assert not window.close() and window.isVisible()
    assert asked == [review, review] and not review.current().open_doubts  # the decision is still there
    review.ask_save_decisions = lambda parent: "discard"
    assert window.close_tab(index)


def test_saved_decisions_open_in_the_grading_screen_with_the_same_answers(qtbot, review, exam_dir, tmp_path):
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    _settle_question_4(review)
    saved = review.save_answers(tmp_path / "bai_lam_da_doc.xlsx")
    review.ask_save_decisions = lambda parent: pytest.fail("asked after the decisions were saved")
    assert review.confirm_close()
    grading = GradingWidget()
    qtbot.addWidget(grading)
    grading.load(exam_dir, saved)
    answers = {s.response.name: s.response.answers for s in grading.model.scores}
    assert answers == {"Trần Văn Bình": review.keys, "Lê Thị Ánh": review.keys}
    assert not grading.problem_lines()


def test_save_in_the_question_writes_the_file_and_then_closes(review, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    _settle_question_4(review)
    target = tmp_path / "da_doc.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    review.opener = lambda path: None
    review.ask_save_decisions = lambda parent: "save"
    assert review.confirm_close() and target.exists()
    review.notice.close()


def test_reading_other_sheets_over_unsaved_decisions_asks_first(review, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    _settle_question_4(review)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *args, **kwargs: pytest.fail("the folder was asked before the decisions"))
    review.ask_save_decisions = lambda parent: "cancel"
    review.read_button.click()
    assert not review.current().open_doubts
    review.ask_save_decisions = lambda parent: "discard"
