"""Issue #15 item 10: the topic tree shows whole titles at the default width (long ones wrap)."""

from __future__ import annotations

from fit_screens import settle
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics


def _topic_rows(tree):
    model = tree.model()
    stack = [model.index(r, 0) for r in range(model.rowCount())]
    while stack:
        index = stack.pop()
        stack += [model.index(r, 0, index) for r in range(model.rowCount(index))]
        if not model.rowCount(index):
            yield index


def test_every_topic_title_fits_its_row_at_the_default_width_of_a_1366_screen(qtbot, shipped_data):
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import build_main_window

    workspace = open_workspace(shipped_data)
    window = build_main_window(workspace, features=())
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    qtbot.waitExposed(window)
    tree = window.browser.tree
    tree.expandAll()
    settle(10)
    heights = {}
    for index in _topic_rows(tree):
        rect = tree.visualRect(index)
        text = index.data()
        needed = QFontMetrics(tree.font()).boundingRect(QRect(0, 0, rect.width() - 8, 10_000),
                                                        int(Qt.TextFlag.TextWordWrap), text).height()
        assert rect.height() >= needed, text
        heights[text] = rect.height()
    long_title = next(t for t in heights if t.startswith("DVM-05"))
    short_title = next(t for t in heights if t.startswith("NTD-06"))
    assert heights[long_title] > heights[short_title]  # the long one wraps instead of being cut
    window.close()
    workspace.close()
