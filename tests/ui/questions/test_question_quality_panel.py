"""Kiểm tra chất lượng in the GUI: duplicates side by side, merge, configurable threshold."""

from __future__ import annotations

from lecturer_app.core.model import Option, Question
from lecturer_app.ui.questions.quality import QualityPanel


def test_duplicates_are_shown_side_by_side_and_merged(qtbot, store):
    a = Question(type="single_choice", stem="Đảng Cộng sản Việt Nam ra đời vào năm nào?", level="Nhận biết",
                 topic_ids=["t"], options=[Option("1930", True), Option("1945")])
    b = Question(type="single_choice", stem="Đảng Cộng sản Việt Nam được ra đời vào năm nào?", level="Nhận biết",
                 topic_ids=["t"], options=[Option("1930", True), Option("1945")])
    store.save(a), store.save(b)
    panel = QualityPanel(store)
    qtbot.addWidget(panel)
    panel.threshold_spin.setValue(99)
    panel.run()
    assert panel.model.rowCount() == 0
    panel.threshold_spin.setValue(85)
    panel.run()
    assert panel.model.finding(0).code == "near_duplicate"
    panel.select_row(0)
    assert "được ra đời" in panel.right.toPlainText() + panel.left.toPlainText()
    assert panel.merge_button.isEnabled()
    panel.merge_current()
    assert len(store.select(Question)) == 1 and panel.model.rowCount() == 0
