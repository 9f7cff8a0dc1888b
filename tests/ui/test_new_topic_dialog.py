"""Chuyên đề mới (Ctrl+N): a topic with its written-plan skeleton, refused when the code exists."""

from __future__ import annotations

from keyboard_driver import type_text

from lecturer_app.ui.bank.new_topic_dialog import NewTopicDialog


def test_a_new_topic_gets_a_plan_skeleton_and_opens(qtbot, window):
    window.new_topic_action.trigger()
    dialog = window.findChild(NewTopicDialog)
    type_text(dialog.code, "AB-09")
    type_text(dialog.title, "Chuyên đề mới về Đảng")
    with qtbot.waitSignal(dialog.created) as created:
        dialog.accept()
    bank = window.context.bank
    topic = bank.require_topic("AB-09")
    assert created.args == [topic.id]
    assert [s.heading for s in bank.sections(bank.plan(topic.id).id)][0] == "I. MỤC TIÊU"
    assert window.current_topic().code == "AB-09"


def test_an_existing_code_is_refused_with_a_message(qtbot, context):
    dialog = NewTopicDialog(context)
    qtbot.addWidget(dialog)
    type_text(dialog.code, "AB-01")
    type_text(dialog.title, "Trùng mã")
    dialog.accept()
    assert "AB-01" in dialog.error.text()
    assert len(context.bank.topics()) == 3
