"""The deck editor edits a slide's table as rows of text; the preview draws it as a table."""

from __future__ import annotations

import pytest
from keyboard_driver import type_text

from lecturer_app.core.model import Slide
from lecturer_app.formats.slide_layout import TableFrame
from lecturer_app.ui.deck.deck_editor import DeckEditor


@pytest.fixture
def editor(qtbot, context, topic):
    widget = DeckEditor(context, topic)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_table_typed_row_by_row_is_stored_drawn_and_undone(qtbot, editor, context):
    editor.select_row(0)
    editor.add_slide("table")
    slide = editor.current_slide()
    assert editor.form.table.isVisible() and not editor.form.right_bullets.isVisible()
    editor.form.table.setFocus()
    type_text(editor.form.table, "Năm | Sự kiện\n1930 | Thành lập Đảng")
    assert slide.table.rows == [["Năm", "Sự kiện"], ["1930", "Thành lập Đảng"]]
    table, = [f for f in editor.preview.pages[0].frames if isinstance(f, TableFrame)]
    assert [c.text.paragraphs[0].text for c in table.cells] == ["Năm", "Sự kiện", "1930", "Thành lập Đảng"]
    assert not editor.grab().isNull()
    editor.flush()
    assert context.store.get(Slide, slide.id).table.rows[1] == ["1930", "Thành lập Đảng"]
    editor.undo_stack.undo()
    assert slide.table is None or slide.table.rows != [["Năm", "Sự kiện"], ["1930", "Thành lập Đảng"]]
