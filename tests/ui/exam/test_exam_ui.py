"""The exam workspace and the grading screen, driven as a user would, with their models checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.exam import exam_bank_data


@pytest.fixture
def bank_store(store):
    exam_bank_data.make_exam_bank(store)
    return store


@pytest.fixture
def exam_workspace(qtbot, bank_store, tmp_path):
    from lecturer_app.ui.exam.exam_workspace import ExamWorkspace

    widget = ExamWorkspace(bank_store, tmp_path / "de")
    qtbot.addWidget(widget)
    return widget


def _quick(widget, mc: int = 12, essay: int = 1) -> None:
    widget.quick_topics.setText(",".join(exam_bank_data.TOPIC_CODES))
    widget.quick_mc.setValue(mc)
    widget.quick_essay.setValue(essay)
    widget.fill_quick()


def test_the_blueprint_model_passes_the_model_tester(qtmodeltester, exam_workspace):
    _quick(exam_workspace)
    qtmodeltester.check(exam_workspace.model)


def test_the_editor_shows_live_counts_and_the_cells_that_cannot_be_filled(exam_workspace):
    from lecturer_app.ui.exam.blueprint_model import AVAILABLE, COUNT

    _quick(exam_workspace)
    model = exam_workspace.model
    assert exam_workspace.build_button.isEnabled()
    assert model.data(model.index(0, AVAILABLE)) == "20"
    assert model.setData(model.index(0, COUNT), "25")
    assert model.data(model.index(0, COUNT), Qt.ItemDataRole.BackgroundRole) is not None
    assert not exam_workspace.build_button.isEnabled()
    assert "LS-01" in exam_workspace.status_label.text() and "25" in exam_workspace.status_label.text()
    assert not model.setData(model.index(0, COUNT), "nhiều")


def test_preview_then_generate_then_the_folder_can_be_opened(exam_workspace, tmp_path):
    _quick(exam_workspace)
    exam_workspace.versions_spin.setValue(2)
    exam_workspace.docx_check.setChecked(False)
    exam_workspace.preview()
    assert "Mã đề 101" in exam_workspace.preview_text.toPlainText()
    assert not exam_workspace.open_button.isEnabled()
    exam_workspace.build_button.click()
    assert exam_workspace.open_button.isEnabled()
    assert (tmp_path / "de" / "de_102.pdf").is_file() and (tmp_path / "de" / "exam.json").is_file()


def test_a_blueprint_round_trips_through_xlsx_and_is_saved(exam_workspace, tmp_path, bank_store):
    from lecturer_app.core.model import Blueprint

    _quick(exam_workspace)
    cells = [c.count for c in exam_workspace.model.blueprint.cells]
    path = exam_workspace.export_blueprint(tmp_path / "ma_tran.xlsx")
    exam_workspace.model.remove_row(0)
    exam_workspace.import_blueprint(path)
    assert [c.count for c in exam_workspace.model.blueprint.cells] == cells
    exam_workspace.save_blueprint()
    assert [b.confidential for b in bank_store.select(Blueprint)] == [True]
    assert exam_workspace.saved_combo.count() == 1
    exam_workspace.model.set_blueprint(Blueprint())
    exam_workspace.load_saved()
    assert [c.count for c in exam_workspace.model.blueprint.cells] == cells


@pytest.fixture
def graded(qtbot, exam_workspace, tmp_path):
    from openpyxl import Workbook

    from lecturer_app.ui.exam.grading_widget import GradingWidget

    _quick(exam_workspace, mc=8, essay=1)
    exam_workspace.versions_spin.setValue(2)
    exam_workspace.docx_check.setChecked(False)
    exam_workspace.generate()
    report = exam_workspace.last_report
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "SBD", "Mã đề", *range(1, 9), "TL1"])
    sheet.append(["Trần Văn Bình", "01", "101", *report.versions[0].key, "1,5"])
    sheet.append(["Lê Thị Ánh", "02", "102", *(["A"] * 8), ""])
    workbook.save(tmp_path / "bai_lam.xlsx")
    widget = GradingWidget()
    qtbot.addWidget(widget)
    widget.load(tmp_path / "de", tmp_path / "bai_lam.xlsx")
    return widget


def test_the_grading_models_pass_the_model_tester(qtmodeltester, graded):
    qtmodeltester.check(graded.model)
    qtmodeltester.check(graded.items_model)


def test_entering_an_essay_score_updates_the_total_and_the_analysis(graded, tmp_path):
    model = graded.model
    assert [model.data(model.index(r, 0)) for r in range(2)] == ["Lê Thị Ánh", "Trần Văn Bình"]
    total_column = model.headers.index("Tổng điểm")
    essay_column = model.headers.index("TL1")
    before = model.data(model.index(0, total_column))
    assert model.setData(model.index(0, essay_column), "2,0")
    assert model.data(model.index(0, total_column)) != before
    assert graded.items_model.rowCount() == 8
    out = graded.write(tmp_path / "bang_diem.xlsx")
    assert out.is_file()


def test_an_essay_score_not_yet_entered_is_blank_and_the_summary_counts_it(graded):
    model = graded.model
    essay_column = model.headers.index("TL1")
    assert model.data(model.index(1, essay_column)) == "1,5"  # Trần Văn Bình's sheet gave 1,5
    assert model.data(model.index(0, essay_column)) == ""  # Lê Thị Ánh's is still to be entered
    assert "còn 1 điểm tự luận chưa nhập" in graded.summary.text()
    assert model.setData(model.index(0, essay_column), "0")
    assert model.data(model.index(0, essay_column)) == "0,0"  # an entered zero shows as a zero
    assert "chưa nhập" not in graded.summary.text()


def test_install_adds_the_exam_screens_to_the_tools_menu(window):
    from lecturer_app.ui.exam import install, open_exam_workspace, open_grading

    install(window)
    titles = [a.text() for a in window.menu("tools").actions()]
    assert {"Ma trận và tạo đề…", "Chấm điểm…", "Phiếu thi vấn đáp…"} <= set(titles)
    widget = open_grading(window)
    assert window.tabs.currentWidget() is widget
    workspace = open_exam_workspace(window)
    assert window.tabs.currentWidget() is workspace
    assert "AB-01" in workspace.pool.topic_titles


def test_the_exam_workspace_builds_with_its_helper_process_and_stops_it_when_closed(qtbot, window, tmp_path):
    from lecturer_app.ui.exam import open_exam_workspace

    workspace = open_exam_workspace(window)
    helper = workspace.helper
    assert helper.wait_ready(60)
    workspace.dir_edit.setText(str(tmp_path / "de"))
    workspace.quick_topics.setText("AB-01")
    workspace.quick_mc.setValue(1)
    workspace.fill_quick()
    workspace.versions_spin.setValue(4)
    workspace.docx_check.setChecked(False)
    with qtbot.waitSignal(workspace.built, timeout=60000):
        workspace.generate()
    assert sorted(p.name for p in (tmp_path / "de").glob("de_*.pdf")) == [f"de_{c}.pdf" for c in (101, 102, 103, 104)]
    assert helper.claim()  # the build gave it back
    helper.release()
    window.close_tab(window.tabs.indexOf(workspace))
    qtbot.waitUntil(lambda: not helper.wait_ready(0), timeout=10000)


def test_the_oral_screen_writes_twenty_cards_without_repeats(qtbot, bank_store, tmp_path):
    from lecturer_app.ui.exam.oral_widget import OralCardsWidget

    widget = OralCardsWidget(bank_store, tmp_path / "phieu.pdf")
    qtbot.addWidget(widget)
    widget.topics_edit.setText(",".join(exam_bank_data.TOPIC_CODES))
    widget.per_page_combo.setCurrentIndex(1)
    cards, guide = widget.generate()
    assert cards.is_file() and guide.is_file()
    assert "20" in widget.result_label.text()
    assert "nhiều phiếu" not in widget.result_label.text()
    widget.cards_spin.setValue(30)
    widget.generate()
    assert "nhiều phiếu" in widget.result_label.text()


def test_topic_level_and_type_are_chosen_from_lists(exam_workspace, qtbot):
    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

    from lecturer_app.ui.exam.blueprint_model import LEVEL, TOPIC, TYPE

    _quick(exam_workspace)
    delegate, model = exam_workspace.delegate, exam_workspace.model
    assert delegate.choices(TOPIC) == list(exam_bank_data.TOPIC_CODES)
    assert "Tự luận" in delegate.choices(TYPE)
    index = model.index(0, LEVEL)
    editor = delegate.createEditor(exam_workspace.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    editor.setCurrentText("Nhận biết")
    delegate.setModelData(editor, model, index)
    assert model.blueprint.cells[0].level == "Nhận biết"
    assert int(model.data(model.index(0, 5))) == 7
    editor.deleteLater()


def test_asking_for_more_questions_than_the_topics_have_is_explained(exam_workspace):
    exam_workspace.quick_topics.setText("LS-01")
    exam_workspace.quick_mc.setValue(100)
    exam_workspace.fill_quick()
    assert "LS-01" in exam_workspace.status_label.text() and "100" in exam_workspace.status_label.text()


def test_in_english_the_blueprint_names_question_types_in_english_and_accepts_them(exam_workspace):
    from lecturer_app.core.resources import resource_path
    from lecturer_app.i18n import setup
    from lecturer_app.ui.exam.blueprint_model import TYPE

    _quick(exam_workspace)
    model = exam_workspace.model
    setup("en", resource_path("translations"))
    try:
        shown = {model.data(model.index(row, TYPE)) for row in range(model.rowCount())}
        assert shown <= {"Multiple choice", "Essay"} and "Multiple choice" in shown
        assert model.setData(model.index(0, TYPE), "Essay")
        assert model.blueprint.cells[0].type == "essay"
    finally:
        setup("vi", None)
