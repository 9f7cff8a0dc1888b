"""Issue #15 item 1–2: every screen works on a 1366×768 or 1280×720 laptop with a taskbar.

Usable area on a 1280×720 screen with a taskbar and a title bar: about
1280×650 for the window's contents.  Each screen is opened at that size and
every visible button must lie inside the window (or inside a scroll area
that does).
"""

from __future__ import annotations

import pytest
from fit_screens import SCREENS, hidden_buttons, open_screen, settle

USABLE = (1280, 650)


@pytest.fixture
def full_window(qtbot, shipped_data):
    yield from _window(qtbot, shipped_data)


def _window(qtbot, shipped_data):
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import build_main_window

    workspace = open_workspace(shipped_data)
    win = build_main_window(workspace)
    win.topic_page_hooks.append(lambda page: setattr(page, "ask_save", lambda parent, code: "discard"))
    qtbot.addWidget(win)
    win.resize(*USABLE)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.operations.wait_all()
    win.close()
    workspace.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_window_fits_the_usable_area_of_a_1280x720_screen_on_every_screen(full_window, screen):
    open_screen(full_window, screen)
    settle()
    hint = full_window.minimumSizeHint()
    assert hint.width() <= USABLE[0] and hint.height() <= USABLE[1], (hint.width(), hint.height())
    assert (full_window.width(), full_window.height()) == USABLE


@pytest.fixture
def english_window(qtbot, shipped_data):
    """The full window with the English interface (longer labels than Vietnamese on many buttons)."""
    from lecturer_app import i18n
    from lecturer_app.core.resources import resource_path

    i18n.setup("en", resource_path("translations"))
    try:
        yield from _window(qtbot, shipped_data)
    finally:
        i18n.setup("vi", None)


@pytest.mark.parametrize("screen", SCREENS)
def test_in_english_too_every_screen_fits_with_its_buttons(english_window, screen):
    open_screen(english_window, screen)
    settle()
    hint = english_window.minimumSizeHint()
    assert hint.width() <= USABLE[0] and hint.height() <= USABLE[1], (hint.width(), hint.height())
    assert (english_window.width(), english_window.height()) == USABLE
    assert hidden_buttons(english_window) == []


@pytest.mark.parametrize("screen", SCREENS)
def test_every_button_of_every_screen_is_inside_the_visible_area(full_window, screen):
    open_screen(full_window, screen)
    settle()
    assert (full_window.width(), full_window.height()) == USABLE  # the window did not grow past the screen
    assert hidden_buttons(full_window) == []


def test_running_the_quality_check_does_not_widen_the_window(full_window):
    """Item 2: "Kiểm tra lại" once made the minimum width 1422 px for the rest of the session."""
    workspace = open_screen(full_window, "question_bank")
    settle()
    before = full_window.minimumSizeHint().width()
    workspace.side.setCurrentWidget(workspace.quality)
    workspace.quality.run()
    settle()
    assert full_window.minimumSizeHint().width() <= before
    assert full_window.width() == USABLE[0]


def _dialogs(window):
    from lecturer_app.ui.bank.new_topic_dialog import NewTopicDialog
    from lecturer_app.ui.documents.export_dialog import ExportDialog
    from lecturer_app.ui.questions.import_dialog import ImportDialog
    from lecturer_app.ui.settings_dialog import SettingsDialog

    context = window.context
    topic = context.bank.require_topic("NTD-01")
    return [SettingsDialog(context, window), NewTopicDialog(context, window),
            ExportDialog(topic, context.workspace.data_dir, "pptx", "", window),
            ImportDialog(context.store, context.workspace.blobs, context.bank.topics(), parent=window)]


def test_every_dialog_opens_inside_the_usable_area_with_its_buttons(full_window):
    for dialog in _dialogs(full_window):
        dialog.show()
        settle()
        hint = dialog.minimumSizeHint()
        assert hint.width() <= USABLE[0] and hint.height() <= USABLE[1], type(dialog).__name__
        assert dialog.height() <= USABLE[1], type(dialog).__name__
        assert hidden_buttons(dialog) == [], type(dialog).__name__
        dialog.reject()


@pytest.mark.parametrize("screen", ["question_bank", "topic/questions"])
def test_a_question_list_shows_enough_of_each_stem_and_whole_type_names(full_window, screen):
    """The stem is what a lecturer reads: beside the topic tree and the editor it once shrank to 12 letters."""
    from PySide6.QtWidgets import QTableView

    from lecturer_app.core.labels import type_label
    from lecturer_app.core.model import QUESTION_TYPES
    from lecturer_app.ui.questions.table_model import STEM_MINIMUM

    widget = open_screen(full_window, screen)
    settle()
    view = next(v for v in widget.findChildren(QTableView) if v.isVisible() and v.model().columnCount() == 7)
    assert view.columnWidth(1) >= STEM_MINIMUM
    widest = max(view.fontMetrics().horizontalAdvance(type_label(code)) for code in QUESTION_TYPES)
    assert view.columnWidth(0) > widest
    full_window.resize(USABLE[0] + 900, USABLE[1])  # a wider window: the stem takes the room, not the others
    settle()
    header = view.horizontalHeader()
    others = sum(header.sectionSize(c) for c in range(header.count()) if c != 1 and not header.isSectionHidden(c))
    assert view.columnWidth(1) == max(STEM_MINIMUM, view.viewport().width() - others) > STEM_MINIMUM
