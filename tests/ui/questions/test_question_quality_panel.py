"""Kiểm tra chất lượng in the GUI: duplicates side by side, merge, configurable threshold."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Option, Question
from lecturer_app.ui.questions.quality import QualityPanel


def _pair(store) -> tuple[Question, Question]:
    a = Question(type="single_choice", stem="Đảng Cộng sản Việt Nam ra đời vào năm nào?", level="Nhận biết",
                 topic_ids=["t"], tags=["chương 1"], options=[Option("1930", True), Option("1945")])
    b = Question(type="single_choice", stem="Đảng Cộng sản Việt Nam được ra đời vào năm nào?", level="Nhận biết",
                 topic_ids=["t"], tags=["ôn tập"], options=[Option("1930", True), Option("1945")])
    store.save(a), store.save(b)
    return a, b


@pytest.fixture
def panel(qtbot, store) -> QualityPanel:
    widget = QualityPanel(store)
    qtbot.addWidget(widget)
    return widget


def test_duplicates_are_shown_side_by_side_and_merged(panel, store):
    _pair(store)
    panel.threshold_spin.setValue(99)
    panel.run()
    assert panel.model.rowCount() == 0
    panel.threshold_spin.setValue(85)
    panel.run()
    assert panel.model.finding(0).code == "near_duplicate"
    panel.select_row(0)
    assert "được ra đời" in panel.right.toPlainText() + panel.left.toPlainText()
    assert panel.merge_button.isEnabled()
    panel.merge_current().merge_button.click()
    assert len(store.select(Question)) == 1 and panel.model.rowCount() == 0


def test_gop_asks_first_naming_both_questions_and_not_merging_is_the_default(panel, store):
    _pair(store)
    panel.run()
    panel.select_row(0)
    box = panel.merge_current()
    assert box.isVisible() and box.text() == (
        "Giữ câu «Đảng Cộng sản Việt Nam ra đời vào năm nào?», gộp chuyên đề và thẻ của câu "
        "«Đảng Cộng sản Việt Nam được ra đời vào năm nào?» vào, rồi xóa câu kia?")
    assert (box.merge_button.text(), box.keep_button.text()) == ("Gộp", "Không gộp")
    assert box.defaultButton() is box.keep_button and box.escapeButton() is box.keep_button
    assert len(store.select(Question)) == 2  # nothing is merged while the question is open
    box.close()


def test_long_stems_are_shortened_in_the_question(panel, store):
    stem = "Trình bày " + "nội dung cơ bản của Cương lĩnh chính trị đầu tiên " * 4
    for _ in range(2):
        store.save(Question(type="essay", stem=stem))
    panel.run()
    panel.select_row(next(r for r in range(panel.model.rowCount()) if panel.model.finding(r).code == "exact_duplicate"))
    text = panel.merge_current().text()
    assert text.count("…»") == 2 and len(text) < 250
    panel.last_box.close()


def test_answering_khong_gop_changes_nothing(panel, store):
    pair = _pair(store)
    before = {q.id: len(store.history(q.id)) for q in pair}
    panel.run()
    panel.select_row(0)
    merged = []
    panel.merged.connect(merged.append)
    panel.merge_current().keep_button.click()
    assert {q.id: len(store.history(q.id)) for q in pair} == before and merged == []
    assert panel.model.rowCount() == 1
