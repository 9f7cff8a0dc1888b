"""The written plan's section list beside the editor shows every heading whole on a 1280×720 laptop (long
ones wrap), and the header fields show the beginning of a long value, not its last words."""

from __future__ import annotations

from fit_screens import open_screen, settle
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

USABLE = (1280, 650)


def test_every_section_heading_is_shown_whole_at_1280x720(qtbot, shipped_data):
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import build_main_window

    workspace = open_workspace(shipped_data)
    window = build_main_window(workspace, features=())
    qtbot.addWidget(window)
    window.resize(*USABLE)
    window.show()
    qtbot.waitExposed(window)
    editor = open_screen(window, "topic/plan").plan_editor
    settle(10)
    sections = editor.section_list
    metrics = QFontMetrics(sections.font())
    wrapped = 0
    for row in range(sections.count()):
        item = sections.item(row)
        rect = sections.visualItemRect(item)
        text_width = rect.width() - (sections.iconSize().width() + 8 if not item.icon().isNull() else 4)
        needed = metrics.boundingRect(QRect(0, 0, text_width, 10_000), int(Qt.TextFlag.TextWordWrap),
                                      item.text()).height()
        assert rect.right() <= sections.viewport().width() and rect.height() >= needed, item.text()
        wrapped += metrics.horizontalAdvance(item.text()) > text_width
    assert wrapped >= 1  # NTD-01 has headings longer than the list is wide: they wrap instead of being cut
    header = editor.header_form.fields["doi_tuong"]
    assert metrics.horizontalAdvance(header.text()) > header.width()  # the sample's audience is long…
    assert header.cursorPosition() == 0                              # …and it reads from its first word
    window.close()
    workspace.close()
