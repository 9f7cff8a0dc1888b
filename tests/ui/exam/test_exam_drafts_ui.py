"""The exam workspace counts draft questions apart and uses them only when the box is checked."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Option, Question, Topic


@pytest.fixture
def workspace(qtbot, store, tmp_path):
    from lecturer_app.ui.exam.exam_workspace import ExamWorkspace

    topic = Topic(code="NH-01", title="Chuyên đề vừa nhập câu hỏi")
    with store.transaction():
        store.save(topic)
        for n, status in enumerate(["approved"] * 2 + ["draft"] * 5):
            store.save(Question(type="single_choice", stem=f"Câu {n}?", topic_ids=[topic.id], status=status,
                                options=[Option("Có", correct=True), Option("Không")]))
    widget = ExamWorkspace(store, tmp_path / "de")
    qtbot.addWidget(widget)
    return widget


def test_drafts_have_their_own_column_and_fill_cells_only_when_checked(workspace):
    from lecturer_app.ui.exam.blueprint_model import AVAILABLE, DRAFTS

    model = workspace.model
    assert not workspace.drafts_check.isChecked()
    workspace.quick_topics.setText("NH-01")
    workspace.quick_mc.setValue(4)
    workspace.fill_quick()
    assert "5 câu nháp chưa duyệt" in workspace.status_label.text()
    assert model.rowCount() == 0
    workspace.drafts_check.setChecked(True)
    workspace.fill_quick()
    assert (model.data(model.index(0, AVAILABLE)), model.data(model.index(0, DRAFTS))) == ("7", "5")
    assert workspace.build_button.isEnabled()
    workspace.drafts_check.setChecked(False)
    assert (model.data(model.index(0, AVAILABLE)), model.data(model.index(0, DRAFTS))) == ("2", "5")
    assert not workspace.build_button.isEnabled()
    assert "2 câu đã duyệt" in workspace.status_label.text()
