"""The blueprint table of «Đề thi» shows every column, «Câu nháp (chưa duyệt)» included, on a laptop screen.

The window gets what a taskbar and a title bar leave of a 1280×720 or a 1366×768
screen.  The blueprint has fifteen cells (five topics at three levels), enough
for the table's vertical scroll bar to take its share of the width too.
"""

from __future__ import annotations

import pytest
from fit_screens import open_screen, settle

from lecturer_app.core.model import Blueprint, BlueprintCell

SCREENS = {"1280x720": (1280, 650), "1366x768": (1366, 698)}
LEVELS = ("Nhận biết", "Thông hiểu", "Vận dụng")


def _open_exam_screen(qtbot, shipped_data, size):
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import build_main_window

    workspace = open_workspace(shipped_data)
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    settle()
    exam = open_screen(window, "exam")
    cells = [BlueprintCell(topic_code=code, level=level, type="single_choice", count=2, points=0.5)
             for code in ("NTD-01", "DP-10", "NTD-03", "NTD-01", "DP-10") for level in LEVELS]
    exam.load_blueprint(Blueprint(name="Ma trận lớp K12", cells=cells))
    settle(10)
    return window, workspace, exam


@pytest.mark.parametrize("screen", SCREENS)
def test_every_blueprint_column_is_inside_the_table_without_scrolling_sideways(qtbot, shipped_data, language,
                                                                               screen):
    from lecturer_app.ui.exam.blueprint_model import COLUMNS, DRAFTS

    window, workspace, exam = _open_exam_screen(qtbot, shipped_data, SCREENS[screen])
    try:
        assert exam.table.verticalScrollBar().isVisible()  # fifteen cells: the scroll bar takes its width
        header = exam.table.horizontalHeader()
        visible = exam.table.viewport().width()
        right_edges = {COLUMNS[c]: header.sectionViewportPosition(c) + header.sectionSize(c)
                       for c in range(header.count())}
        assert {name: edge for name, edge in right_edges.items() if edge > visible} == {}
        assert right_edges[COLUMNS[DRAFTS]] <= visible
        assert exam.table.horizontalScrollBar().maximum() == 0
    finally:
        window.operations.wait_all()
        window.close()
        workspace.close()


def test_the_code_scheme_items_are_short_and_the_tooltip_gives_the_example(qtbot, shipped_data):
    window, workspace, exam = _open_exam_screen(qtbot, shipped_data, SCREENS["1280x720"])
    try:
        combo = exam.scheme_combo
        assert [combo.itemText(i) for i in range(combo.count())] == ["Tuần tự", "Ngẫu nhiên"]
        assert "101, 102, 103" in combo.toolTip()
    finally:
        window.operations.wait_all()
        window.close()
        workspace.close()


def test_a_long_title_shows_its_beginning_in_the_narrower_settings_column(qtbot, shipped_data):
    window, workspace, exam = _open_exam_screen(qtbot, shipped_data, SCREENS["1366x768"])
    try:
        assert exam.title_edit.text().startswith("ĐỀ") and exam.title_edit.cursorPosition() == 0
    finally:
        window.operations.wait_all()
        window.close()
        workspace.close()
