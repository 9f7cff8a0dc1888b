"""The written-plan editor: sections, rich text as Markdown, step table, undo/redo, autosave."""

from __future__ import annotations

import pytest
from keyboard_driver import type_text
from PySide6.QtCore import Qt

from lecturer_app.core.model import PlanSection, Topic
from lecturer_app.core.store.edit_session import AUTOSAVE_SUMMARY
from lecturer_app.ui.plan.plan_editor import HEADER_ROW, PlanEditor


@pytest.fixture
def editor(qtbot, context, topic):
    widget = PlanEditor(context, topic)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def stored_sections(context, editor):
    return context.bank.sections(editor.plan.id)


def test_it_lists_the_header_then_the_stored_sections(editor, context):
    texts = [editor.section_list.item(i).text() for i in range(editor.section_list.count())]
    assert texts[1:] == [s.heading for s in stored_sections(context, editor)]
    assert editor.current_id == HEADER_ROW
    assert editor.header_form.fields["nguoi_soan"].text() == "Ban biên soạn"


def test_typing_reaches_the_store_as_an_autosave_revision(qtbot, editor, context):
    first = editor.sections[0]
    editor.show_section(first.id)
    editor.text_edit.moveCursor(editor.text_edit.textCursor().MoveOperation.End)
    type_text(editor.text_edit, " Thêm chữ có dấu: Đảng, Nhà nước.")
    with qtbot.waitSignal(editor.autosaver.saved, timeout=5000):
        pass
    stored = context.store.get(PlanSection, first.id)
    assert "Thêm chữ có dấu: Đảng, Nhà nước." in stored.body
    assert context.store.history(first.id)[-1].summary == AUTOSAVE_SUMMARY


def test_undo_and_redo_cover_typing_and_heading_edits(qtbot, editor):
    first = editor.sections[0]
    editor.show_section(first.id)
    original_text = editor.text_edit.toPlainText()
    type_text(editor.heading_edit, " (sửa)")
    editor.text_edit.setFocus()
    type_text(editor.text_edit, "Mở đầu. ")
    assert editor.text_edit.toPlainText().startswith("Mở đầu. ")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.text_edit.toPlainText() == original_text
    editor.undo_stack.undo()
    assert first.heading == "I. MỤC TIÊU"
    assert editor.section_list.item(1).text() == "I. MỤC TIÊU"
    editor.undo_stack.redo()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert first.heading == "I. MỤC TIÊU (sửa)"
    assert editor.text_edit.toPlainText().startswith("Mở đầu. ")


def test_undo_of_text_in_another_section_brings_that_section_back(qtbot, editor):
    first, second = editor.sections[0], editor.sections[1]
    editor.show_section(first.id)
    type_text(editor.text_edit, "X")
    editor.show_section(second.id)
    editor.undo_stack.undo()
    assert editor.current_id == first.id
    assert not editor.text_edit.toPlainText().startswith("X")


def test_bold_text_is_stored_as_markdown(qtbot, editor, context):
    first = editor.sections[0]
    editor.show_section(first.id)
    cursor = editor.text_edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.text_edit.setTextCursor(cursor)
    editor.text_edit.setFocus()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    editor.toolbar.actions()[0].trigger()
    type_text(editor.text_edit, "Quan trọng")
    editor.flush()
    assert "**Quan trọng**" in context.store.get(PlanSection, first.id).body


def test_sections_are_added_moved_and_removed_with_undo(qtbot, editor, context):
    editor.show_section(editor.sections[0].id)
    editor.add_section()
    added = editor.sections[1]
    assert added.heading == "Mục mới"
    assert [s.id for s in stored_sections(context, editor)][1] == added.id
    editor.move_section(-1)
    assert [s.id for s in stored_sections(context, editor)][0] == added.id
    editor.remove_section()
    assert added.id not in [s.id for s in stored_sections(context, editor)]
    editor.undo_stack.undo()
    assert [s.id for s in stored_sections(context, editor)][0] == added.id
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert added.id not in [s.id for s in stored_sections(context, editor)]


def test_the_step_table_is_edited_as_a_grid(qtbot, editor, context):
    editor.create_plan() if editor.plan is None else None
    editor.add_section()
    section = editor.sections[0]
    editor.heading_edit.setText("")
    type_text(editor.heading_edit, "VI. TIẾN TRÌNH LÊN LỚP")
    section.body = "| Bước | Thời gian |\n|---|---|\n| 1. Ổn định lớp |  |\n"
    editor.show_section(section.id)
    assert editor.body_stack.currentWidget() is editor.table_editor
    editor.table_editor.grid.item(0, 1).setText("5 phút")
    editor.flush()
    assert "| 1. Ổn định lớp | 5 phút |" in context.store.get(PlanSection, section.id).body
    editor.undo_stack.undo()
    editor.flush()
    assert "5 phút" not in context.store.get(PlanSection, section.id).body


def test_header_fields_are_saved_and_undone(qtbot, editor, context):
    field = editor.header_form.fields["doi_tuong"]
    original = field.text()
    field.selectAll()
    type_text(field, "Đảng viên mới")
    editor.flush()
    assert context.bank.plan(editor.topic.id).header["doi_tuong"] == "Đảng viên mới"
    editor.undo_stack.undo()
    assert field.text() == original
    editor.flush()
    assert context.bank.plan(editor.topic.id).header.get("doi_tuong", "") == original


def test_a_topic_without_plan_offers_to_create_one(qtbot, context):
    topic = Topic(code="XY-01", title="Chuyên đề chưa có giáo án", periods=3)
    context.store.save(topic)
    widget = PlanEditor(context, topic)
    qtbot.addWidget(widget)
    assert widget.pages.currentWidget() is widget.empty
    widget.create_plan()
    headings = [s.heading for s in context.bank.sections(context.bank.plan(topic.id).id)]
    assert headings[0] == "I. MỤC TIÊU" and headings[-1] == "B. NỘI DUNG BÀI GIẢNG"
    assert widget.pages.currentWidget() is widget.splitter


def test_discard_restores_the_last_named_version(qtbot, editor, context):
    first = editor.sections[0]
    before = context.store.get(PlanSection, first.id).body
    editor.show_section(first.id)
    type_text(editor.text_edit, "Bản nháp ")
    editor.flush()
    assert editor.has_pending_changes()
    editor.discard()
    assert context.store.get(PlanSection, first.id).body == before
    assert not editor.has_pending_changes()
