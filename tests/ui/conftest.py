"""GUI fixtures: a real workspace on tmp_path with the mini bank, and the windows over it."""

from __future__ import annotations

from pathlib import Path

import pytest

# The offscreen platform plugin cannot propagate size hints and says so when a
# dialog is shown; that is a limit of the test platform, not of the app.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def context(workspace):
    from lecturer_app.ui.context import AppContext

    return AppContext.for_workspace(workspace)


@pytest.fixture
def topic(context):
    """AB-01, the mini bank's topic with a plan, slides and a question."""
    return context.bank.require_topic("AB-01")


@pytest.fixture(autouse=True)
def no_leaked_windows(request):
    """After a GUI test, every top-level widget it made must be gone or hidden."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    qapp = request.getfixturevalue("qapp")
    qapp.setOrganizationName("lecturer_app_tests")
    before = set(map(id, qapp.topLevelWidgets()))
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaked = [w for w in qapp.topLevelWidgets() if id(w) not in before and w.isVisible()]
    assert leaked == [], f"top-level widgets left open: {[type(w).__name__ for w in leaked]}"


@pytest.fixture
def window(qtbot, workspace):
    """The main window with the built-in actions, no feature packages."""
    from lecturer_app.ui.app import build_main_window

    win = build_main_window(workspace, features=())
    # Closing the window at teardown must not wait for a modal "save changes?" answer.
    win.topic_page_hooks.append(lambda page: setattr(page, "ask_save", lambda parent, code: "save"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.operations.wait_all()
