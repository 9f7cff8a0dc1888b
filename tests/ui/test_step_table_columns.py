"""The step table gives its room to the column with the text (Nội dung), so it reads on a laptop (issue #15 item 1)."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHeaderView

from lecturer_app.core.text.markdown_table import MarkdownTable
from lecturer_app.ui.plan.step_table_editor import StepTableEditor


def test_the_content_column_stretches_and_the_short_ones_stay_narrow(qtbot):
    stack = QUndoStack()
    editor = StepTableEditor(stack, lambda: None)
    qtbot.addWidget(editor)
    editor.resize(520, 400)
    table = MarkdownTable()
    table.header = ["Bước", "Nội dung", "Phương pháp", "Phương tiện", "Thời gian"]
    table.rows = [["1. Ổn định lớp", "Kiểm tra sĩ số, nhắc nội quy lớp học; giới thiệu giảng viên và chương trình",
                   "Trao đổi", "Danh sách lớp", "5 phút"]]
    editor.set_table(table)
    editor.show()
    header = editor.grid.horizontalHeader()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch
    assert all(header.sectionSize(c) <= 105 for c in (0, 2, 3, 4))
    assert header.sectionSize(1) > max(header.sectionSize(c) for c in (0, 2, 3, 4))
