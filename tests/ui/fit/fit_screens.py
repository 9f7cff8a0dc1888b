"""Every main screen of the app, opened one by one in a full main window (test helper).

``SCREENS`` names each screen; ``open_screen(window, name)`` brings it to the
front.  The fit test and the shortcut test both walk this list, so a new
screen added here is checked for both.
"""

from __future__ import annotations

import time

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QWidget,
)

from lecturer_app.i18n import _

TOPIC_TABS = ("info", "plan", "deck", "questions", "history", "attachments")
SCREENS = (*(f"topic/{key}" for key in TOPIC_TABS), "question_bank", "question_quality",
           "exam", "grading", "oral", "search")
SAMPLE_CODE = "NTD-01"


def open_screen(window, name: str) -> QWidget:
    """Show the screen *name* in *window*; returns its widget."""
    if name.startswith("topic/"):
        page = window.open_topic(window.context.bank.require_topic(SAMPLE_CODE).id)
        page.show_tab(name.split("/", 1)[1])
        return page
    if name in ("question_bank", "question_quality"):
        index = next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == _("Ngân hàng câu hỏi"))
        window.tabs.setCurrentIndex(index)
        settle()
        workspace = window.tabs.currentWidget().widget()
        if name == "question_quality":
            workspace.side.setCurrentWidget(workspace.quality)
            workspace.quality.run()
        return workspace
    if name == "search":
        window.browser.search_box.setText("chuyen doi so")
        window.browser.run_search()
        wait_for_search(window.browser)
        return window.browser
    from lecturer_app.ui import exam

    opener = {"exam": exam.open_exam_workspace, "grading": exam.open_grading, "oral": exam.open_oral_cards}[name]
    return opener(window)


def wait_for_search(browser, timeout: float = 10.0) -> None:
    """Turn the event loop until the search started on the window's worker has shown its results."""
    deadline = time.monotonic() + timeout
    while browser.searching:
        assert time.monotonic() < deadline, "the search did not finish"
        QApplication.processEvents()
        time.sleep(0.01)
    settle()


def settle(rounds: int = 5) -> None:
    for _round in range(rounds):
        QApplication.processEvents()


def hidden_buttons(window) -> list[str]:
    """The visible buttons of *window* that are not wholly inside the visible area.

    A button inside a scroll area counts as reachable (the lecturer scrolls to
    it) when the scroll area itself is inside the visible area.
    """
    bounds = window.rect()
    out = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not window or _is_internal(button):
            continue
        anchor = _scroll_area_of(button) or button
        top_left = anchor.mapTo(window, anchor.rect().topLeft())
        rect = anchor.rect().translated(top_left)
        if not bounds.contains(rect):
            out.append(f"{button.text() or button.accessibleName() or type(button).__name__} at {rect.getRect()}")
    return out


def _scroll_area_of(widget: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def _is_internal(button: QAbstractButton) -> bool:
    """Qt's own sub-buttons (tab scrollers, header corners) move with their owner."""
    name = button.objectName()
    return name.startswith("qt_") or type(button).__name__ in ("QToolBarExtension", "CloseButton")
