"""Issue #15 items 3–4: keyboard shortcuts mean what they mean in Word, and menus spell them out.

For each screen the test lists the shortcuts that work where the lecturer's
cursor is, and fails when a key is claimed twice or a key Word uses (Ctrl+B,
I, U, Z, Y, F, S) does something else here.
"""

from __future__ import annotations

import pytest
from fit_screens import SCREENS, open_screen, settle
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from lecturer_app.ui.qt_translator import VietnameseQtTranslator

# Word's meaning of each key, as the object name of the action that must answer it (if any does).
WORD_KEYS = {"Ctrl+B": "format_bold", "Ctrl+I": "format_italic", "Ctrl+U": "format_underline",
             "Ctrl+Z": "undo", "Ctrl+Y": "redo", "Ctrl+F": "find", "Ctrl+S": "save"}


def _active_shortcuts(window, focus: QWidget) -> dict[str, list[str]]:
    """Key → names of the actions Qt would consider for it with *focus* holding the keyboard."""
    found: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        if not action.isEnabled() and not action.shortcuts():
            continue
        for key in action.shortcuts():
            if _active(action, focus, window):
                found.setdefault(key.toString(), []).append(action.objectName() or action.text())
    return found


def _owners(action: QAction) -> list[QWidget]:
    """The widgets *action* is shown in; an action in a menu counts as shown where the menu's bar is (as in Qt)."""
    owners = []
    for widget in action.associatedObjects():
        if isinstance(widget, QMenu):
            owners += _owners(widget.menuAction())
        elif isinstance(widget, QWidget):
            owners.append(widget)
    return owners


def _active(action: QAction, focus: QWidget, window) -> bool:
    owners = _owners(action)
    context = action.shortcutContext()
    if context == Qt.ShortcutContext.ApplicationShortcut:
        return True
    if context == Qt.ShortcutContext.WindowShortcut:
        return any(w.window() is window and (w is window or w.isVisible()) for w in owners)
    if context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
        return any(w is focus or w.isAncestorOf(focus) for w in owners)
    return focus in owners


def _typing_places(screen: QWidget) -> list[QWidget]:
    """Where a lecturer types on *screen*: its visible text fields, and the screen itself."""
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

    fields = [w for kind in (QTextEdit, QPlainTextEdit, QLineEdit) for w in screen.findChildren(kind)
              if w.isVisible()]
    return [screen, *fields]


@pytest.fixture
def full_window(qtbot, shipped_data):
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import build_main_window

    workspace = open_workspace(shipped_data)
    win = build_main_window(workspace)
    win.topic_page_hooks.append(lambda page: setattr(page, "ask_save", lambda parent, code: "discard"))
    qtbot.addWidget(win)
    win.resize(1280, 650)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.operations.wait_all()
    win.close()
    workspace.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_no_key_is_claimed_twice_and_words_keys_keep_their_word_meaning(full_window, screen):
    widget = open_screen(full_window, screen)
    settle()
    for place in _typing_places(widget):
        shortcuts = _active_shortcuts(full_window, place)
        twice = {key: names for key, names in shortcuts.items() if len(names) > 1}
        assert twice == {}, f"{screen}: {type(place).__name__} {place.accessibleName()}"
        clashes = {key: names for key, names in shortcuts.items()
                   if key in WORD_KEYS and names != [WORD_KEYS[key]]}
        assert clashes == {}, f"{screen}: {type(place).__name__} {place.accessibleName()}"


def test_ctrl_b_makes_the_selected_words_bold_in_the_plan_editor(full_window, qtbot):
    page = open_screen(full_window, "topic/plan")
    editor = page.plan_editor
    editor.show_section(editor.sections[0].id)
    full_window.activateWindow()
    editor.text_edit.setFocus()
    settle()
    editor.text_edit.selectAll()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert full_window.browser.isVisible()  # the topic list stays where it was
    assert "**" in editor.text_edit.markdown()


def test_the_menus_spell_out_ctrl_in_the_vietnamese_ui(qapp):
    """Item 4: with the Vietnamese Qt texts installed, "Chuyên đề mới" showed "N" instead of "Ctrl+N"."""
    translator = VietnameseQtTranslator()
    qapp.installTranslator(translator)
    try:
        assert QKeySequence("Ctrl+N").toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+N"
        assert QCoreApplication.translate("QShortcut", "Shift") == "Shift"
    finally:
        qapp.removeTranslator(translator)
