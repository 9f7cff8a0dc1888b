"""«Chèn bảng» in a written-plan section: the lecturer types straight into the first cell, Tab goes to the
next one, the table spans the page's width, and the section is stored as a Markdown table."""

from __future__ import annotations

import pytest
from keyboard_driver import type_text
from PySide6.QtCore import Qt

from lecturer_app.core.model import PlanSection
from lecturer_app.ui.plan.plan_editor import PlanEditor


@pytest.fixture
def editor(qtbot, context, topic):
    widget = PlanEditor(context, topic)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _insert_table(editor) -> None:
    first = editor.sections[0]
    editor.show_section(first.id)
    cursor = editor.text_edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.text_edit.setTextCursor(cursor)
    editor.text_edit.setFocus()
    next(a for a in editor.toolbar.actions() if a.objectName() == "format_table").trigger()


def test_text_typed_after_inserting_a_table_goes_into_its_first_cell(qtbot, editor, context):
    _insert_table(editor)
    type_text(editor.text_edit, "Nhóm")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Tab)
    type_text(editor.text_edit, "Nội dung")
    table = editor.text_edit.textCursor().currentTable()
    assert table is not None
    cells = [table.cellAt(0, c).firstCursorPosition().block().text() for c in range(2)]
    assert cells == ["Nhóm", "Nội dung"]
    editor.flush()
    assert "| Nhóm | Nội dung |" in context.store.get(PlanSection, editor.sections[0].id).body


def test_an_inserted_table_is_as_wide_as_the_text(editor):
    _insert_table(editor)
    table = editor.text_edit.textCursor().currentTable()
    assert table is not None and table.format().width().rawValue() == 100


def test_tab_in_the_last_cell_adds_a_row_and_shift_tab_goes_back(qtbot, editor):
    _insert_table(editor)
    for _cell in range(8):
        qtbot.keyClick(editor.text_edit, Qt.Key.Key_Tab)
    table = editor.text_edit.textCursor().currentTable()
    assert table.rows() == 3 and table.cellAt(editor.text_edit.textCursor()).row() == 2
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Tab)
    assert table.rows() == 4 and table.cellAt(editor.text_edit.textCursor()).row() == 3
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    cell = table.cellAt(editor.text_edit.textCursor())
    assert (cell.row(), cell.column()) == (2, 2)
